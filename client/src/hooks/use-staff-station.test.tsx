import type { WhoAmIOutput } from '@sgz/shared';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { eventually } from '../../test/eventually';
import { itemsOutput } from '../../test/request-fixtures';
import * as accounts from '../services/accounts';
import * as requests from '../services/requests';
import HeadHoursPage from '../subpackages/head/hours/index';
import HeadItemsPage from '../subpackages/head/items/index';
import WorkerHomePage from '../subpackages/worker/index/index';
import { setCurrentUser } from '../utils/user-scope';
import { loadMe, rememberMe, resetMeForTests } from './use-staff-station';

jest.mock('../services/accounts');
jest.mock('../services/requests');
const acc = jest.mocked(accounts);
const api = jest.mocked(requests);

const head = { userId: 'u-h', role: 'station_head', stationId: 'st-tanggu' } as WhoAmIOutput;

beforeEach(() => {
  for (const fn of [...Object.values(acc), ...Object.values(api)])
    if (jest.isMockFunction(fn)) fn.mockReset();
  acc.whoAmI.mockResolvedValue({ ok: true, data: head });
  api.listServiceItems.mockResolvedValue({ ok: true, data: itemsOutput() });
  api.listStationRequests.mockResolvedValue({ ok: true, data: { items: [], nextCursor: null } });
});

describe('the staff station, from one place', () => {
  it('is asked once per app run by the worker queue and both head editors', async () => {
    render(<WorkerHomePage />);
    await eventually(() => screen.getByText('本站还没有居民求助'));
    cleanup();
    render(<HeadItemsPage />);
    await eventually(() => screen.getByText('高龄独居老人上门探访（演示）'));
    cleanup();
    render(<HeadHoursPage />);
    await eventually(() => screen.getByText('本站服务时间'));
    expect(acc.whoAmI).toHaveBeenCalledTimes(1);
    expect(api.listStationRequests).toHaveBeenCalledWith({ stationId: 'st-tanggu', cursor: null, limit: 20 });
    expect(api.listServiceItems).toHaveBeenCalledWith({ stationId: 'st-tanggu', includeInactive: true });
  });

  it('asks again when another user signs in', async () => {
    await loadMe();
    await loadMe();
    expect(acc.whoAmI).toHaveBeenCalledTimes(1);
    setCurrentUser('u-other');
    acc.whoAmI.mockResolvedValue({ ok: true, data: { ...head, userId: 'u-other', stationId: 'st-hangu' } });
    const again = await loadMe();
    expect(acc.whoAmI).toHaveBeenCalledTimes(2);
    expect(again.ok && again.data.stationId).toBe('st-hangu');
  });

  it('keeps no failure: 重试 asks again', async () => {
    acc.whoAmI.mockResolvedValueOnce({
      ok: false,
      error: { code: 'internal', message: '网络不太好，请稍后重试' },
    });
    render(<HeadItemsPage />);
    await eventually(() => screen.getByText('服务项目没有加载出来'));
    fireEvent.click(screen.getByText('重试'));
    await eventually(() => screen.getByText('高龄独居老人上门探访（演示）'));
    expect(acc.whoAmI).toHaveBeenCalledTimes(2);
  });

  it("uses 我的's latest answer (an invite just redeemed binds a station)", async () => {
    acc.whoAmI.mockResolvedValue({ ok: true, data: { ...head, stationId: null } });
    render(<HeadHoursPage />);
    await eventually(() => screen.getByText('您的账号还没有绑定社工站'));
    cleanup();
    rememberMe(head); // what redeemInvite answered on 我的
    render(<HeadHoursPage />);
    await eventually(() => screen.getByText('本站服务时间'));
    expect(acc.whoAmI).toHaveBeenCalledTimes(1);
  });
});

describe('offline after a restart (issue 10: a form reopens in the field without signal)', () => {
  const offline = {
    ok: false as const,
    error: { code: 'internal' as const, message: '网络不太好，请稍后重试', details: { transport: true } },
  };

  it('uses the last answer kept on the phone for the same user when whoAmI cannot reach the server', async () => {
    await expect(loadMe()).resolves.toEqual({ ok: true, data: head });
    resetMeForTests(); // the next app run: the answer of this run is gone, the phone's storage is not
    acc.whoAmI.mockResolvedValue(offline);
    await expect(loadMe()).resolves.toEqual({ ok: true, data: head });
    // Not kept as this run's answer: back online, the server is asked again.
    acc.whoAmI.mockResolvedValue({ ok: true, data: { ...head, stationId: 'st-dagang' } });
    await expect(loadMe()).resolves.toEqual({ ok: true, data: { ...head, stationId: 'st-dagang' } });
  });

  it("never answers with another user's account, nor hides a refusal", async () => {
    await loadMe();
    resetMeForTests();
    acc.whoAmI.mockResolvedValue({
      ok: false,
      error: { code: 'permission-denied', message: '您没有权限进行此操作' },
    });
    await expect(loadMe()).resolves.toMatchObject({ ok: false, error: { code: 'permission-denied' } });
    resetMeForTests();
    setCurrentUser('u-someone-else');
    acc.whoAmI.mockResolvedValue(offline);
    await expect(loadMe()).resolves.toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});
