import { fireEvent, render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { eventually } from '../../../../test/eventually';
import { request } from '../../../../test/request-fixtures';
import { triggerPullDownRefresh, triggerReachBottom } from '../../../../test/taro-stub';
import * as requests from '../../../services/requests';
import MyRequestsPage from './index';

jest.mock('../../../services/requests');
const api = jest.mocked(requests);

beforeEach(() => {
  for (const fn of Object.values(api)) if (jest.isMockFunction(fn)) fn.mockReset();
});

describe('我的求助', () => {
  it('lists the requests with status symbol and words, and opens one', async () => {
    api.listMyRequests.mockResolvedValue({
      ok: true,
      data: {
        items: [
          request({
            id: 'rq-2',
            status: 'completed',
            statusLabel: '已完成',
            canRate: true,
            canCancel: false,
            forWhom: 'family',
            beneficiary: {
              relationship: '父母',
              name: '王秀英',
              consentAt: '2026-11-27T01:30:00.000Z',
              consentVersion: 'v1',
            },
          }),
          request({ id: 'rq-1', itemId: null, itemTitle: null, area: '社会救助', slot: null }),
        ],
        nextCursor: null,
      },
    });
    render(<MyRequestsPage />);
    await eventually(() => screen.getByText('★ 已完成'));
    expect(screen.getByText('○ 已提交')).toBeTruthy();
    expect(screen.getByText('其他需求 · 社会救助')).toBeTruthy();
    expect(screen.getByText('★ 服务已完成，请您评价')).toBeTruthy();
    expect(screen.getByText('预约：12月1日（周二） 09:00')).toBeTruthy();
    // For whom, as the DTO says (the same card as the station's list).
    expect(screen.getByText('为家人（父母：王秀英） · 提交于 2026-11-27 09:30')).toBeTruthy();
    expect(screen.getByText('为本人 · 提交于 2026-11-27 09:30')).toBeTruthy();
    fireEvent.click(screen.getByText('其他需求 · 社会救助'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({
      url: '/subpackages/resident/request-detail/index?id=rq-1',
    });
  });

  it('has an empty state that leads to the form, and an error state with retry', async () => {
    api.listMyRequests
      .mockResolvedValueOnce({ ok: false, error: { code: 'internal', message: '网络不太好，请稍后重试' } })
      .mockResolvedValueOnce({ ok: true, data: { items: [], nextCursor: null } });
    render(<MyRequestsPage />);
    await eventually(() => screen.getByText('我的求助没有加载出来'));
    fireEvent.click(screen.getByText('重试'));
    await eventually(() => screen.getByText('您还没有求助记录'));
    fireEvent.click(screen.getByText('我要求助'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/subpackages/resident/request/index' });
  });

  describe('paging', () => {
    const page = (from: number, n: number) =>
      Array.from({ length: n }, (_, i) => request({ id: `rq-${from + i}`, itemTitle: `服务${from + i}` }));

    it('appends the next page when scrolled to the bottom, then shows the end marker', async () => {
      api.listMyRequests
        .mockResolvedValueOnce({ ok: true, data: { items: page(0, 20), nextCursor: 'cursor-20' } })
        .mockResolvedValueOnce({ ok: true, data: { items: page(20, 3), nextCursor: null } });
      render(<MyRequestsPage />);
      await eventually(() => screen.getByText('服务19'));
      expect(api.listMyRequests).toHaveBeenLastCalledWith({ cursor: null, limit: 20 });
      expect(screen.getByText('加载更多')).toBeTruthy();
      expect(screen.queryByText('— 已经到底了 —')).toBeNull();

      triggerReachBottom();
      await eventually(() => screen.getByText('服务22'));
      expect(api.listMyRequests).toHaveBeenLastCalledWith({ cursor: 'cursor-20', limit: 20 });
      expect(screen.getByText('服务0')).toBeTruthy();
      expect(screen.getAllByText(/^服务\d+$/)).toHaveLength(23);
      expect(screen.getByText('— 已经到底了 —')).toBeTruthy();
      expect(screen.queryByText('加载更多')).toBeNull();

      triggerReachBottom(); // at the end: nothing more is asked
      expect(api.listMyRequests).toHaveBeenCalledTimes(2);
    });

    it('keeps page 1 when page 2 fails, shows the loading state, and 重试 loads it', async () => {
      let answerPage2: (v: Awaited<ReturnType<typeof api.listMyRequests>>) => void = () => {};
      api.listMyRequests
        .mockResolvedValueOnce({ ok: true, data: { items: page(0, 20), nextCursor: 'cursor-20' } })
        .mockImplementationOnce(() => new Promise((resolve) => (answerPage2 = resolve)))
        .mockResolvedValueOnce({ ok: true, data: { items: page(20, 1), nextCursor: null } });
      render(<MyRequestsPage />);
      await eventually(() => screen.getByText('服务19'));
      fireEvent.click(screen.getByText('加载更多'));
      await eventually(() => screen.getByText('… 正在加载更多'));
      answerPage2({ ok: false, error: { code: 'internal', message: '网络不太好，请稍后重试' } });
      await eventually(() => screen.getByText('! 更多记录没有加载出来：网络不太好，请稍后重试'));
      expect(screen.getAllByText(/^服务\d+$/)).toHaveLength(20);
      expect(screen.queryByText('我的求助没有加载出来')).toBeNull();

      fireEvent.click(screen.getByText('重试'));
      await eventually(() => screen.getByText('服务20'));
      expect(api.listMyRequests).toHaveBeenLastCalledWith({ cursor: 'cursor-20', limit: 20 });
      expect(screen.getAllByText(/^服务\d+$/)).toHaveLength(21);
      expect(screen.getByText('— 已经到底了 —')).toBeTruthy();
    });

    it('never shows an entry twice when entries move between pages, and pull-down starts again', async () => {
      api.listMyRequests
        .mockResolvedValueOnce({ ok: true, data: { items: page(0, 20), nextCursor: 'cursor-20' } })
        // A new request arrived meanwhile: the second page starts with the last of the first.
        .mockResolvedValueOnce({ ok: true, data: { items: page(19, 2), nextCursor: null } })
        .mockResolvedValueOnce({ ok: true, data: { items: page(100, 1), nextCursor: null } });
      render(<MyRequestsPage />);
      await eventually(() => screen.getByText('服务19'));
      triggerReachBottom();
      await eventually(() => screen.getByText('服务20'));
      expect(screen.getAllByText('服务19')).toHaveLength(1);

      triggerPullDownRefresh();
      await eventually(() => screen.getByText('服务100'));
      expect(api.listMyRequests).toHaveBeenLastCalledWith({ cursor: null, limit: 20 });
      expect(screen.queryByText('服务0')).toBeNull();
      await eventually(() => expect(Taro.stopPullDownRefresh).toHaveBeenCalled());
    });
  });
});
