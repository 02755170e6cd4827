import { View } from '@tarojs/components';
import { fireEvent, render, screen, within } from '@testing-library/react';
import Taro from '@tarojs/taro';
import fs from 'fs';
import path from 'path';
import { useState } from 'react';
import { eventually } from '../../test/eventually';
import { CARE_MODE_STORAGE_KEY } from '../hooks/use-care-mode';
import { useLeaveGuard } from '../hooks/use-leave-guard';
import { PageRoot } from './PageRoot';

const env = process.env as Record<string, string | undefined>;

describe('返回 on H5', () => {
  beforeEach(() => {
    env.TARO_ENV = 'h5';
  });
  afterEach(() => {
    delete env.TARO_ENV;
  });

  it('goes back one page when there is one', () => {
    render(<PageRoot>内容</PageRoot>);
    fireEvent.click(screen.getByRole('button', { name: '返回' }));
    expect(Taro.navigateBack).toHaveBeenCalledWith({ delta: 1 });
    expect(Taro.switchTab).not.toHaveBeenCalled();
  });

  it('goes to the home tab when the page was opened directly (nothing to go back to)', () => {
    jest.mocked(Taro.getCurrentPages).mockReturnValue([{}]);
    render(<PageRoot>内容</PageRoot>);
    fireEvent.click(screen.getByText('返回'));
    expect(Taro.switchTab).toHaveBeenCalledWith({ url: '/pages/index/index' });
    expect(Taro.navigateBack).not.toHaveBeenCalled();
  });

  it('is not on the tab pages', () => {
    render(<PageRoot tab>内容</PageRoot>);
    expect(screen.queryByText('返回')).toBeNull();
  });

  it('sits first on the page, inside the 关怀模式 root (its sizes follow the care-mode tap size)', () => {
    Taro.setStorageSync(CARE_MODE_STORAGE_KEY, true);
    const { container } = render(<PageRoot>内容</PageRoot>);
    const root = container.firstElementChild!;
    expect(root.className).toBe('sgz-page care-mode');
    expect(root.firstElementChild!.className).toBe('sgz-backbar');
  });
});

it('is not drawn in the weapp build (WeChat has its own navigation bar)', () => {
  process.env.TARO_ENV = 'weapp';
  try {
    render(<PageRoot>内容</PageRoot>);
    expect(screen.queryByText('返回')).toBeNull();
  } finally {
    delete env.TARO_ENV;
  }
});

/** Every page of app.config: tab pages mark their PageRoot `tab`, all others never do. */
it('every non-tab page, subpackages included, gets 返回 through PageRoot', async () => {
  Object.assign(globalThis, { defineAppConfig: (c: unknown) => c });
  const config = (await import('../app.config')).default as {
    pages: string[];
    subPackages: { root: string; pages: string[] }[];
    tabBar: { list: { pagePath: string }[] };
  };
  const src = path.resolve(__dirname, '..');
  const tabPages = config.tabBar.list.map((t) => t.pagePath);
  const mainPages = config.pages;
  const subPages = config.subPackages.flatMap((s) => s.pages.map((p) => `${s.root}/${p}`));
  expect(tabPages).toEqual(['pages/index/index', 'pages/mine/index']);
  expect(subPages.length).toBeGreaterThanOrEqual(7);
  for (const page of [...mainPages, ...subPages]) {
    const code = fs.readFileSync(path.join(src, `${page}.tsx`), 'utf8');
    // StaffStationPage renders a PageRoot (no `tab`) around a staff page.
    const roots = [...code.matchAll(/<(?:PageRoot|StaffStationPage)\b[^>]*>/g)].map((m) => m[0]);
    expect({ page, hasRoot: roots.length > 0 }).toEqual({ page, hasRoot: true });
    const isTab = tabPages.includes(page);
    for (const root of roots) expect({ page, tab: /\btab\b/.test(root) }).toEqual({ page, tab: isTab });
  }
});

/** A page's form: unsaved while `dirty` (its guard holds 返回 back). */
function Form({ dirty: initial = true }: { dirty?: boolean }) {
  const [dirty, setDirty] = useState(initial);
  useLeaveGuard(dirty, '刚才填的地址还没有保存。');
  return (
    <View role="button" onClick={() => setDirty(false)}>
      保存
    </View>
  );
}

describe('返回 on H5 with unsaved changes (useLeaveGuard)', () => {
  beforeEach(() => {
    env.TARO_ENV = 'h5';
  });
  afterEach(() => {
    delete env.TARO_ENV;
  });

  it('asks first with the themed dialog; 继续编辑 stays on the page', async () => {
    render(
      <PageRoot>
        <Form />
      </PageRoot>,
    );
    fireEvent.click(screen.getByRole('button', { name: '返回' }));
    const dialog = await eventually(() => screen.getByRole('dialog', { name: '放弃还没保存的修改吗？' }));
    expect(within(dialog).getByText('刚才填的地址还没有保存。')).toBeTruthy();
    expect(Taro.navigateBack).not.toHaveBeenCalled();
    fireEvent.click(within(dialog).getByText('继续编辑'));
    await eventually(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(Taro.navigateBack).not.toHaveBeenCalled();
    expect(Taro.switchTab).not.toHaveBeenCalled();
  });

  it('放弃修改 leaves (back one page, or home when opened directly)', async () => {
    jest.mocked(Taro.getCurrentPages).mockReturnValue([{}]);
    render(
      <PageRoot>
        <Form />
      </PageRoot>,
    );
    fireEvent.click(screen.getByRole('button', { name: '返回' }));
    const dialog = await eventually(() => screen.getByRole('dialog'));
    fireEvent.click(within(dialog).getByText('放弃修改'));
    await eventually(() => expect(Taro.switchTab).toHaveBeenCalledWith({ url: '/pages/index/index' }));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('leaves at once when nothing is unsaved (never dirty, or saved since)', async () => {
    const { unmount } = render(
      <PageRoot>
        <Form dirty={false} />
      </PageRoot>,
    );
    fireEvent.click(screen.getByRole('button', { name: '返回' }));
    expect(Taro.navigateBack).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('dialog')).toBeNull();
    unmount();

    render(
      <PageRoot>
        <Form />
      </PageRoot>,
    );
    fireEvent.click(screen.getByRole('button', { name: '保存' }));
    fireEvent.click(screen.getByRole('button', { name: '返回' }));
    expect(Taro.navigateBack).toHaveBeenCalledTimes(2);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('closing the browser tab asks too while dirty (beforeunload), and not once saved', () => {
    render(
      <PageRoot>
        <Form />
      </PageRoot>,
    );
    const before = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(before);
    expect(before.defaultPrevented).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: '保存' }));
    const after = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(after);
    expect(after.defaultPrevented).toBe(false);
  });
});

it('weapp: the platform asks before its own back while dirty (enable / disableAlertBeforeUnload)', () => {
  env.TARO_ENV = 'weapp';
  try {
    render(
      <PageRoot>
        <Form />
      </PageRoot>,
    );
    expect(Taro.enableAlertBeforeUnload).toHaveBeenCalledWith({
      message: '刚才填的地址还没有保存。确定离开吗？',
    });
    expect(Taro.disableAlertBeforeUnload).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: '保存' }));
    expect(Taro.disableAlertBeforeUnload).toHaveBeenCalledTimes(1);
  } finally {
    delete env.TARO_ENV;
  }
});
