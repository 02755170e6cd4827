import type { WhoAmIOutput } from '@sgz/shared';
import { fireEvent, render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { eventually } from '../../../test/eventually';
import { request } from '../../../test/request-fixtures';
import { setRouterParams, triggerReachBottom } from '../../../test/taro-stub';
import * as accounts from '../../services/accounts';
import * as requests from '../../services/requests';
import WorkerHomePage from './index/index';
import StationRequestPage from './request/index';

jest.mock('../../services/accounts');
jest.mock('../../services/requests');
const acc = jest.mocked(accounts);
const api = jest.mocked(requests);

const worker = { userId: 'u-w', role: 'social_worker', stationId: 'st-tanggu' } as WhoAmIOutput;

beforeEach(() => {
  for (const fn of Object.values(api)) if (jest.isMockFunction(fn)) fn.mockReset();
  acc.whoAmI.mockResolvedValue({ ok: true, data: worker });
});

describe('社工工作台: station requests', () => {
  it('says when the account has no station bound, and asks for no list', async () => {
    acc.whoAmI.mockResolvedValue({ ok: true, data: { ...worker, stationId: null } });
    render(<WorkerHomePage />);
    await eventually(() => screen.getByText('您的账号还没有绑定社工站'));
    expect(api.listStationRequests).not.toHaveBeenCalled();
    expect(screen.queryByText('全部')).toBeNull();
  });

  it("lists the station's requests and filters them by status", async () => {
    const family = request({
      id: 'rq-2',
      forWhom: 'family',
      beneficiary: {
        relationship: '子女',
        name: '李建国',
        consentAt: '2026-11-27T01:30:00.000Z',
        consentVersion: 'v1',
      },
    });
    api.listStationRequests.mockResolvedValue({
      ok: true,
      data: { items: [request(), family], nextCursor: null },
    });
    render(<WorkerHomePage />);
    await eventually(() => screen.getAllByText('○ 已提交'));
    // The card of 我的求助 says for whom each request is.
    expect(screen.getByText('为本人 · 提交于 2026-11-27 09:30')).toBeTruthy();
    expect(screen.getByText('为家人（子女：李建国） · 提交于 2026-11-27 09:30')).toBeTruthy();
    expect(api.listStationRequests).toHaveBeenLastCalledWith({
      stationId: 'st-tanggu',
      cursor: null,
      limit: 20,
    });

    api.listStationRequests.mockResolvedValue({ ok: true, data: { items: [], nextCursor: null } });
    fireEvent.click(screen.getByText('已完成'));
    await eventually(() => screen.getByText('没有“已完成”的求助'));
    expect(api.listStationRequests).toHaveBeenLastCalledWith({
      stationId: 'st-tanggu',
      cursor: null,
      limit: 20,
      status: 'completed',
    });
  });

  it('loads the next page at the bottom, and another filter starts again from the first page', async () => {
    const page1 = Array.from({ length: 20 }, (_, i) => request({ id: `rq-a${i}`, itemTitle: `服务${i}` }));
    api.listStationRequests
      .mockResolvedValueOnce({ ok: true, data: { items: page1, nextCursor: 'cursor-20' } })
      .mockResolvedValueOnce({
        ok: true,
        data: { items: [request({ id: 'rq-b0', itemTitle: '第二页的求助' })], nextCursor: null },
      });
    render(<WorkerHomePage />);
    await eventually(() => screen.getByText('服务19'));
    expect(screen.getByText('加载更多')).toBeTruthy();
    triggerReachBottom();
    triggerReachBottom(); // a second scroll event while the page is on its way asks nothing more
    await eventually(() => screen.getByText('第二页的求助'));
    expect(api.listStationRequests).toHaveBeenCalledTimes(2);
    expect(api.listStationRequests).toHaveBeenLastCalledWith({
      stationId: 'st-tanggu',
      cursor: 'cursor-20',
      limit: 20,
    });
    expect(screen.getByText('服务0')).toBeTruthy();
    expect(screen.getByText('— 已经到底了 —')).toBeTruthy();

    api.listStationRequests.mockResolvedValueOnce({
      ok: true,
      data: {
        items: [request({ id: 'rq-c0', status: 'accepted', statusLabel: '已受理', itemTitle: '已受理的' })],
        nextCursor: 'cursor-20',
      },
    });
    fireEvent.click(screen.getByText('已受理'));
    await eventually(() => screen.getByText('已受理的'));
    expect(api.listStationRequests).toHaveBeenLastCalledWith({
      stationId: 'st-tanggu',
      cursor: null,
      limit: 20,
      status: 'accepted',
    });
    expect(screen.queryByText('第二页的求助')).toBeNull();
    expect(screen.queryByText('服务0')).toBeNull();
    expect(screen.getByText('加载更多')).toBeTruthy();
  });

  it('offers only the allowed next steps and refreshes after each', async () => {
    const submitted = request({ staffActions: ['accept', 'reject'] });
    const accepted = request({
      status: 'accepted',
      statusLabel: '已受理',
      staffActions: ['schedule', 'reject'],
    });
    setRouterParams({ id: 'rq-1' });
    api.getRequest.mockResolvedValueOnce({ ok: true, data: { request: submitted } });
    api.getRequest.mockResolvedValue({ ok: true, data: { request: accepted } });
    api.transitionRequest.mockResolvedValue({ ok: true, data: { request: accepted } });
    render(<StationRequestPage />);
    await eventually(() => screen.getByText('受理'));
    expect(screen.queryByText('完成服务')).toBeNull();

    fireEvent.click(screen.getByText('受理'));
    await eventually(() => screen.getByText('✓ 操作成功：受理'));
    expect(api.transitionRequest).toHaveBeenCalledWith({ requestId: 'rq-1', step: 'accept' });
    await eventually(() => expect(api.getRequest).toHaveBeenCalledTimes(2));
    expect(screen.getByText('安排服务')).toBeTruthy();
  });

  it('asks for a reason before rejecting', async () => {
    setRouterParams({ id: 'rq-1' });
    api.getRequest.mockResolvedValue({
      ok: true,
      data: { request: request({ staffActions: ['accept', 'reject'] }) },
    });
    render(<StationRequestPage />);
    await eventually(() => screen.getByText('不予受理…'));
    fireEvent.click(screen.getByText('不予受理…'));
    fireEvent.click(await eventually(() => screen.getByText('确认不予受理')));
    await eventually(() => screen.getByText(/请填写原因|请填写不予受理的原因/));
    expect(api.transitionRequest).not.toHaveBeenCalled();
    expect(Taro.navigateTo).not.toHaveBeenCalled();
  });
});
