import { render } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { CARE_MODE_STORAGE_KEY } from '../hooks/use-care-mode';
import { PageRoot } from './PageRoot';

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
