import { fireEvent, render, screen, within } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { eventually } from '../../../../test/eventually';
import { emptyDetail } from '../../../../test/fixtures';
import { request } from '../../../../test/request-fixtures';
import { setRouterParams } from '../../../../test/taro-stub';
import * as requests from '../../../services/requests';
import * as stations from '../../../services/stations';
import RequestDetailPage from './index';

jest.mock('../../../services/requests');
jest.mock('../../../services/stations');
const api = jest.mocked(requests);
const st = jest.mocked(stations);

const done = request({
  status: 'completed',
  statusLabel: '已完成',
  canCancel: false,
  canRate: true,
  history: [
    { status: 'submitted', statusLabel: '已提交', at: '2026-11-27T01:30:00.000Z', actor: 'resident' },
    { status: 'accepted', statusLabel: '已受理', at: '2026-11-27T02:00:00.000Z', actor: 'staff' },
    { status: 'scheduled', statusLabel: '已安排', at: '2026-11-27T02:05:00.000Z', actor: 'staff' },
    { status: 'in_service', statusLabel: '服务中', at: '2026-12-01T01:00:00.000Z', actor: 'staff' },
    { status: 'completed', statusLabel: '已完成', at: '2026-12-01T02:10:00.000Z', actor: 'staff' },
  ],
});

beforeEach(() => {
  for (const fn of Object.values(api)) if (jest.isMockFunction(fn)) fn.mockReset();
  setRouterParams({ id: 'rq-1' });
  st.getStation.mockReset();
  st.getStation.mockResolvedValue({
    ok: true,
    data: { ...emptyDetail(), officialName: '滨海新区塘沽街道社会工作服务站', phone: '022-25891234' },
  });
});

describe('求助详情', () => {
  it('shows the timeline with who and when in Beijing time, and the status in words', async () => {
    api.getRequest.mockResolvedValue({ ok: true, data: { request: done } });
    render(<RequestDetailPage />);
    await eventually(() => screen.getByText('办理进度'));
    expect(api.getRequest).toHaveBeenCalledWith({ requestId: 'rq-1' });
    // 01:30 UTC is 09:30 in Beijing, whatever the zone jest runs in.
    expect(screen.getByText('本人 · 2026-11-27 09:30')).toBeTruthy();
    expect(screen.getByText('社工站 · 2026-11-27 10:00')).toBeTruthy();
    expect(screen.getByText('社工站 · 2026-12-01 10:10')).toBeTruthy();
    expect(screen.getByText('★ 已完成')).toBeTruthy();
    for (const label of ['已提交', '已受理', '已安排', '服务中'])
      expect(screen.getByText(label)).toBeTruthy();
    expect(screen.queryByText('取消求助')).toBeNull();
  });

  it('cancels only after confirmation in a themed dialog with plain verbs', async () => {
    api.getRequest.mockResolvedValue({ ok: true, data: { request: request() } });
    api.cancelRequest.mockResolvedValue({
      ok: true,
      data: {
        request: request({
          status: 'cancelled',
          statusLabel: '已取消',
          canCancel: false,
          history: [
            ...request().history,
            { status: 'cancelled', statusLabel: '已取消', at: '2026-11-27T03:00:00.000Z', actor: 'resident' },
          ],
        }),
      },
    });
    render(<RequestDetailPage />);
    await eventually(() => screen.getByText('取消求助'));

    fireEvent.click(screen.getByText('取消求助'));
    const dialog = await eventually(() => screen.getByRole('dialog', { name: '要取消这次求助吗？' }));
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    // Not the platform's modal (15 px grey, light green 确定取消, the double negative 不取消).
    expect(Taro.showModal).not.toHaveBeenCalled();
    expect(within(dialog).getByText(/名额会让给其他居民/)).toBeTruthy();
    expect(within(dialog).queryByText('确定取消')).toBeNull();
    expect(within(dialog).queryByText('不取消')).toBeNull();

    fireEvent.click(within(dialog).getByText('先不取消'));
    await eventually(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(api.cancelRequest).not.toHaveBeenCalled();

    fireEvent.click(screen.getByText('取消求助'));
    const again = await eventually(() => screen.getByRole('dialog'));
    fireEvent.click(within(again).getByText('取消求助'));
    await eventually(() => expect(api.cancelRequest).toHaveBeenCalledWith({ requestId: 'rq-1' }));
    await eventually(() => screen.getByText('已取消这次求助', { exact: false }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.getByText('— 已取消')).toBeTruthy();
    expect(screen.getByText('本人 · 2026-11-27 11:00')).toBeTruthy();
    expect(screen.queryByText('取消求助')).toBeNull();
  });

  it('does not talk about a place to give up when the request has no booking', async () => {
    api.getRequest.mockResolvedValue({ ok: true, data: { request: request({ slot: null }) } });
    render(<RequestDetailPage />);
    await eventually(() => screen.getByText('取消求助'));
    fireEvent.click(screen.getByText('取消求助'));
    const dialog = await eventually(() => screen.getByRole('dialog'));
    expect(within(dialog).queryByText(/名额/)).toBeNull();
    expect(within(dialog).getByText('先不取消')).toBeTruthy();
  });

  it("shows the station's name and a phone to tap, and what happens next", async () => {
    api.getRequest.mockResolvedValue({ ok: true, data: { request: request() } });
    render(<RequestDetailPage />);
    await eventually(() => screen.getByText('滨海新区塘沽街道社会工作服务站'));
    expect(st.getStation).toHaveBeenCalledWith({ id: 'st-tanggu' });
    expect(screen.getByText(/社工站会尽快受理/)).toBeTruthy();
    fireEvent.click(screen.getByText('拨打社工站电话 022-25891234'));
    expect(Taro.makePhoneCall).toHaveBeenCalledWith({ phoneNumber: '022-25891234' });
  });

  it('without a published phone says so and leads to the station page instead of a dead button', async () => {
    st.getStation.mockResolvedValue({ ok: true, data: { ...emptyDetail(), officialName: '某社工站' } });
    api.getRequest.mockResolvedValue({ ok: true, data: { request: request() } });
    render(<RequestDetailPage />);
    await eventually(() => screen.getByText('某社工站'));
    expect(screen.queryByText(/拨打社工站电话/)).toBeNull();
    fireEvent.click(screen.getByText('查看社工站'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/station/index?id=st-tanggu' });
  });

  it.each([
    ['accepted', '已受理', /会和您约定服务时间/],
    ['scheduled', '已安排', /请保持电话畅通/],
    ['in_service', '服务中', /服务完成后/],
    ['rejected', '未受理', /原因见下方办理进度/],
    ['cancelled', '已取消', /可以再次求助/],
  ] as const)('says what happens next when %s', async (status, statusLabel, next) => {
    api.getRequest.mockResolvedValue({
      ok: true,
      data: { request: request({ status, statusLabel, canCancel: false }) },
    });
    render(<RequestDetailPage />);
    await eventually(() => screen.getByText(next));
  });

  it('puts the rating above the timeline', async () => {
    api.getRequest.mockResolvedValue({ ok: true, data: { request: done } });
    render(<RequestDetailPage />);
    const rating = await eventually(() => screen.getByText('评价这次服务'));
    const timeline = screen.getByText('办理进度');
    expect(rating.compareDocumentPosition(timeline) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it('rates a completed request once, with stars and an optional comment', async () => {
    api.getRequest.mockResolvedValue({ ok: true, data: { request: done } });
    api.rateRequest.mockResolvedValue({
      ok: true,
      data: {
        request: {
          ...done,
          canRate: false,
          rating: { stars: 4, comment: '很好', at: '2026-12-01T03:00:00.000Z' },
        },
      },
    });
    render(<RequestDetailPage />);
    await eventually(() => screen.getByText('评价这次服务'));

    fireEvent.click(screen.getByText('提交评价'));
    await eventually(() => screen.getByText(/请先点选 1 到 5 颗星/));
    expect(api.rateRequest).not.toHaveBeenCalled();

    fireEvent.click(screen.getByLabelText('4 星'));
    await eventually(() => screen.getByText('4 星：满意'));
    const comment = await eventually(() => {
      const el = screen
        .getAllByPlaceholderText('还想说点什么（可不填）')
        .find((e) => e.tagName === 'TEXTAREA');
      if (!el) throw new Error('no textarea yet');
      return el;
    });
    fireEvent.input(comment, { target: { value: '很好' } });
    fireEvent.click(screen.getByText('提交评价'));
    await eventually(() => screen.getByText(/感谢您的评价/));
    expect(api.rateRequest).toHaveBeenCalledTimes(1);
    expect(api.rateRequest).toHaveBeenCalledWith({ requestId: 'rq-1', stars: 4, comment: '很好' });
    // Rated: the form is gone, the rating is shown.
    expect(screen.queryByText('评价这次服务')).toBeNull();
    expect(screen.queryByText('提交评价')).toBeNull();
    expect(screen.getByText('我的评价')).toBeTruthy();
  });

  it('shows the server refusal of a second rating in Chinese', async () => {
    api.getRequest.mockResolvedValueOnce({ ok: true, data: { request: done } }).mockResolvedValue({
      ok: true,
      data: {
        request: {
          ...done,
          canRate: false,
          rating: { stars: 5, comment: null, at: '2026-12-01T03:00:00.000Z' },
        },
      },
    });
    api.rateRequest.mockResolvedValue({
      ok: false,
      error: { code: 'failed-precondition', message: '您已经评价过这次服务了，感谢您的反馈' },
    });
    render(<RequestDetailPage />);
    await eventually(() => screen.getByText('评价这次服务'));
    fireEvent.click(screen.getByLabelText('5 星'));
    fireEvent.click(screen.getByText('提交评价'));
    await eventually(() => screen.getByText('我的评价'));
    expect(screen.queryByText('提交评价')).toBeNull();
  });

  // A stale link (a deleted request, someone else's, a mistyped id): the function answers
  // permission-denied for another resident's or a missing request, not-found elsewhere.
  it.each([
    ['permission-denied', '您没有权限进行此操作'],
    ['not-found', '没有找到'],
    ['invalid-argument', '求助编号格式不对'],
  ] as const)(
    'on %s says plainly the request is gone, with a way back to 我的求助',
    async (code, message) => {
      api.getRequest.mockResolvedValue({ ok: false, error: { code, message } });
      render(<RequestDetailPage />);
      await eventually(() => screen.getByText('这条求助不存在或您无权查看，可能已被删除'));
      // Not the raw refusal, and nothing to retry.
      expect(screen.queryByText(message)).toBeNull();
      expect(screen.queryByText('重试')).toBeNull();
      fireEvent.click(screen.getByText('查看我的求助'));
      expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/subpackages/resident/my-requests/index' });
    },
  );

  it('says the same without asking when the link has no id', async () => {
    setRouterParams({});
    render(<RequestDetailPage />);
    await eventually(() => screen.getByText('这条求助不存在或您无权查看，可能已被删除'));
    expect(api.getRequest).not.toHaveBeenCalled();
  });

  it('keeps 重试 for a failure that retrying can fix', async () => {
    api.getRequest
      .mockResolvedValueOnce({ ok: false, error: { code: 'internal', message: '网络不太好，请稍后重试' } })
      .mockResolvedValue({ ok: true, data: { request: done } });
    render(<RequestDetailPage />);
    await eventually(() => screen.getByText('求助详情没有加载出来'));
    expect(screen.getByText('网络不太好，请稍后重试')).toBeTruthy();
    fireEvent.click(screen.getByText('重试'));
    await eventually(() => screen.getByText('办理进度'));
  });
});
