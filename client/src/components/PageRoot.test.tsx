import { render } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { CARE_MODE_STORAGE_KEY } from '../hooks/use-care-mode';
import { DOCUMENT_CARE_CLASS, PageRoot } from './PageRoot';

describe('PageRoot theme class', () => {
  it('uses the default theme', () => {
    const { container } = render(<PageRoot className="x">内容</PageRoot>);
    expect(container.firstElementChild!.className).toBe('sgz-page x');
  });

  it('switches to 关怀模式 sizes when the setting is on', () => {
    Taro.setStorageSync(CARE_MODE_STORAGE_KEY, true);
    const { container } = render(<PageRoot>内容</PageRoot>);
    expect(container.firstElementChild!.className).toBe('sgz-page care-mode');
  });
});

describe('PageRoot accessibility (issue 15, item 19)', () => {
  const env = process.env as Record<string, string | undefined>;
  beforeEach(() => {
    env.TARO_ENV = 'h5';
  });
  afterEach(() => {
    delete env.TARO_ENV;
    document.documentElement.classList.remove(DOCUMENT_CARE_CLASS);
  });

  it('is the main landmark', () => {
    const { getByRole } = render(<PageRoot tab>内容</PageRoot>);
    expect(getByRole('main').textContent).toBe('内容');
  });

  it("makes Taro's scrolling page container keyboard-reachable on H5", () => {
    // Taro's H5 router draws each page in a scrolling `.taro_page` div.
    const scroller = document.createElement('div');
    scroller.className = 'taro_page';
    document.body.appendChild(scroller);
    render(<PageRoot tab>内容</PageRoot>, { container: scroller });
    expect(scroller.getAttribute('tabindex')).toBe('0');
    scroller.remove();
  });

  it('marks the document in 关怀模式 (tab bar, modal, picker sizes) and unmarks it when off', () => {
    Taro.setStorageSync(CARE_MODE_STORAGE_KEY, true);
    const { unmount } = render(<PageRoot tab>内容</PageRoot>);
    expect(document.documentElement.classList.contains(DOCUMENT_CARE_CLASS)).toBe(true);
    unmount();
    Taro.setStorageSync(CARE_MODE_STORAGE_KEY, false);
    render(<PageRoot tab>内容</PageRoot>);
    expect(document.documentElement.classList.contains(DOCUMENT_CARE_CLASS)).toBe(false);
  });
});
