import type { WhoAmIOutput } from '@sgz/shared';
import { act, fireEvent, render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { eventually } from '../../test/eventually';
import { PageRoot } from '../components/PageRoot';
import IndexPage from '../pages/index/index';
import MinePage from '../pages/mine/index';
import * as accounts from '../services/accounts';
import * as stations from '../services/stations';
import { seedGroups } from '../../test/fixtures';
import { setCurrentUser } from '../utils/user-scope';
import { CARE_MODE_STORAGE_KEY, careModeUserKey, readCareMode } from './use-care-mode';

jest.mock('../services/accounts');
jest.mock('../services/stations');
const acc = jest.mocked(accounts);
const st = jest.mocked(stations);

const me = (userId: string): WhoAmIOutput => ({
  userId,
  role: 'resident',
  roleLabel: '居民',
  active: true,
  deactivatedRole: null,
  stationId: null,
  stationIds: [],
  profile: { name: null, phoneMasked: null },
  privacy: { currentVersion: '2026-11-01', acceptedVersion: null, acceptedAt: null, accepted: false },
  qualification: null,
});

const largeFont = () =>
  jest.mocked(Taro.getSystemInfoSync).mockImplementation(() => ({ fontSizeSetting: 22 }) as never);

const rootClass = (container: HTMLElement) => container.firstElementChild!.className;

beforeEach(() => {
  acc.whoAmI.mockResolvedValue({ ok: true, data: me('u-1') });
  acc.listMyConsents.mockResolvedValue({ ok: true, data: { items: [] } });
  st.listAllStations.mockResolvedValue({ ok: true, data: seedGroups() });
});

describe('关怀模式', () => {
  it('is switched on 我的, applies at once, and is remembered for that user', async () => {
    const { container } = render(<MinePage />);
    await eventually(() => screen.getByText('已关闭'));
    expect(rootClass(container)).not.toContain('care-mode');

    fireEvent.click(screen.getByText('关怀模式'));
    await eventually(() => screen.getByText('已开启'));
    expect(rootClass(container)).toContain('care-mode');
    expect(Taro.getStorageSync(careModeUserKey('u-1'))).toBe(true);
    // Another user on the same phone keeps their own setting.
    act(() => setCurrentUser('u-2'));
    await eventually(() => screen.getByText('已关闭'));
    act(() => setCurrentUser('u-1'));
    await eventually(() => screen.getByText('已开启'));
  });

  it('turns on by itself when the phone font is large', () => {
    largeFont();
    expect(readCareMode()).toEqual({ on: true, source: 'auto' });
    const { container } = render(<PageRoot>内容</PageRoot>);
    expect(rootClass(container)).toContain('care-mode');
  });

  it("lets the user's explicit choice win over the large font", async () => {
    largeFont();
    const { container } = render(<MinePage />);
    await eventually(() => screen.getByText('已按手机的大字体设置自动开启'));
    fireEvent.click(screen.getByText('关怀模式'));
    await eventually(() => screen.getByText('已关闭'));
    expect(rootClass(container)).not.toContain('care-mode');
    expect(readCareMode()).toEqual({ on: false, source: 'user' });
  });

  it('falls back to the device choice while the user is not known', () => {
    Taro.setStorageSync(CARE_MODE_STORAGE_KEY, true);
    expect(readCareMode()).toEqual({ on: true, source: 'device' });
  });

  it('simplifies home to three large actions', async () => {
    Taro.setStorageSync(CARE_MODE_STORAGE_KEY, true);
    render(<IndexPage />);
    const titles = Array.from(document.querySelectorAll('.care-home__title')).map((e) => e.textContent);
    expect(titles).toEqual(['找社工站', '我要求助', '我的求助']);
    fireEvent.click(screen.getByText('我要求助'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/subpackages/resident/request/index' });
    fireEvent.click(screen.getByText('找社工站'));
    await eventually(() => screen.getByText('‹ 返回首页'));
    await eventually(() => screen.getByText('滨海新区塘沽街道社会工作服务站'));
  });
});
