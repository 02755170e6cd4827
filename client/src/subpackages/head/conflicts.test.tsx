import type { VisitConflictDto, VisitListItem, WhoAmIOutput } from '@sgz/shared';
import { fireEvent, render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { eventually } from '../../../test/eventually';
import * as accounts from '../../services/accounts';
import * as visits from '../../services/visits';
import HeadConflictsPage from './conflicts/index';
import HeadHomePage from './index/index';

jest.mock('../../services/accounts');
jest.mock('../../services/visits', () => ({
  ...jest.requireActual('../../services/visits'),
  listVisitConflicts: jest.fn(),
  resolveVisitConflict: jest.fn(),
}));
const api = jest.mocked(visits);

const head = { userId: 'u-h', role: 'station_head', stationId: 'st-tanggu' } as WhoAmIOutput;

const side = (over: Partial<VisitListItem> = {}): VisitListItem => ({
  id: 'vs-visit-0001',
  stationId: 'st-tanggu',
  version: 2,
  type: '常规探访',
  mode: '上门',
  day: '2025-03-03',
  startAt: '2025-03-03T01:30:00.000Z',
  endAt: '2025-03-03T02:00:00.000Z',
  persons: [{ id: 'p-1', name: '张*' }],
  workerIds: ['u-w'],
  risk: '一般',
  photoCount: 2,
  followUpCount: 1,
  hasConflict: true,
  receivedAt: '2025-03-03T03:00:00.000Z',
  ...over,
});

const conflict = (over: Partial<VisitConflictDto> = {}): VisitConflictDto => ({
  id: 'vc-1',
  visitId: 'vs-visit-0001',
  stationId: 'st-tanggu',
  phoneVersion: 2,
  baseVersion: 1,
  serverVersion: 2,
  submittedBy: 'u-w',
  at: '2025-03-03T04:15:00.000Z',
  // The phone's version says 高风险, has a third photo and another 张 (masked alike); the rest is the same.
  phone: side({ risk: '高风险', photoCount: 3, persons: [{ id: 'p-2', name: '张三' }] }),
  server: side(),
  status: 'open',
  ...over,
});

beforeEach(() => {
  api.listVisitConflicts.mockReset();
  api.resolveVisitConflict.mockReset();
  jest.mocked(accounts.whoAmI).mockResolvedValue({ ok: true, data: head });
  jest.mocked(accounts.listStaff).mockResolvedValue({
    ok: true,
    data: {
      items: [{ userId: 'u-w', name: '王芳', roleLabel: '社工' }] as never,
      nextCursor: null,
      total: 1,
    },
  });
});

describe('站长: 走访记录冲突核对', () => {
  it('shows both versions side by side (names masked, differences marked) and keeps the one chosen', async () => {
    api.listVisitConflicts
      .mockResolvedValueOnce({ ok: true, data: { items: [conflict()], nextCursor: null } })
      .mockResolvedValue({ ok: true, data: { items: [], nextCursor: null } });
    api.resolveVisitConflict.mockResolvedValue({
      ok: true,
      data: { visitId: 'vs-visit-0001', version: 2, kept: 'phone' },
    });
    render(<HeadConflictsPage />);
    await eventually(() => screen.getByText('手机上的版本（第 2 版）'));
    expect(api.listVisitConflicts).toHaveBeenCalledWith({ stationId: 'st-tanggu', cursor: null, limit: 10 });
    expect(screen.getByText('服务器上的版本（第 2 版）')).toBeTruthy();
    // A full name from the server is masked all the same.
    expect(screen.queryByText('张三')).toBeNull();
    expect(screen.getAllByText('张*').length).toBeGreaterThanOrEqual(2);
    expect(screen.getByText('高风险')).toBeTruthy();
    expect(screen.getByText('3 张')).toBeTruthy();
    expect(screen.getByText('2 张')).toBeTruthy();
    // Risk and photos differ (marked on both sides); the type does not.
    expect(screen.getAllByText('≠ 风险等级')).toHaveLength(2);
    expect(screen.getAllByText('≠ 照片')).toHaveLength(2);
    expect(screen.getAllByText('≠ 走访对象')).toHaveLength(2);
    expect(screen.getAllByText('类型')).toHaveLength(2);
    // 提交人 by name (the station's staff list), not the user id.
    await eventually(() => screen.getByText('王芳'));
    expect(screen.queryByText('u-w')).toBeNull();
    expect(screen.getByText('2025-03-03 12:15')).toBeTruthy(); // submitted, Beijing time
    expect(screen.getByText('2025-03-03 11:00')).toBeTruthy(); // received by the server

    // Cancelled in the dialog: nothing is sent.
    jest.mocked(Taro.showModal).mockResolvedValueOnce({ confirm: false, cancel: true, errMsg: 'ok' });
    fireEvent.click(screen.getByText('保留手机上的版本'));
    await eventually(() => expect(Taro.showModal).toHaveBeenCalledTimes(1));
    expect(api.resolveVisitConflict).not.toHaveBeenCalled();

    fireEvent.click(screen.getByText('保留手机上的版本'));
    await eventually(() => screen.getByText('✓ 已保留手机上的版本（第 2 版）'));
    expect(api.resolveVisitConflict).toHaveBeenCalledWith({ conflictId: 'vc-1', keep: 'phone' });
    await eventually(() => screen.getByText('没有待核对的冲突'));
    expect(api.listVisitConflicts).toHaveBeenCalledTimes(2);
  });

  it('says so when another head resolved it meanwhile, and reloads', async () => {
    api.listVisitConflicts
      .mockResolvedValueOnce({ ok: true, data: { items: [conflict()], nextCursor: null } })
      .mockResolvedValue({ ok: true, data: { items: [], nextCursor: null } });
    api.resolveVisitConflict.mockResolvedValue({
      ok: false,
      error: { code: 'failed-precondition', message: '这条冲突已经处理过了，请刷新后查看' },
    });
    render(<HeadConflictsPage />);
    fireEvent.click(await eventually(() => screen.getByText('保留服务器上的版本')));
    await eventually(() => screen.getByText('! 这条冲突已经处理过了，请刷新后查看'));
    expect(api.resolveVisitConflict).toHaveBeenCalledWith({ conflictId: 'vc-1', keep: 'server' });
    await eventually(() => screen.getByText('没有待核对的冲突'));
  });

  it('keeps the list when saving failed for another reason', async () => {
    api.listVisitConflicts.mockResolvedValue({ ok: true, data: { items: [conflict()], nextCursor: null } });
    api.resolveVisitConflict.mockResolvedValue({
      ok: false,
      error: { code: 'internal', message: '网络不太好，请稍后重试' },
    });
    render(<HeadConflictsPage />);
    fireEvent.click(await eventually(() => screen.getByText('保留服务器上的版本')));
    await eventually(() => screen.getByText('! 没有保存成功：网络不太好，请稍后重试'));
    expect(api.listVisitConflicts).toHaveBeenCalledTimes(1);
    expect(screen.getByText('保留手机上的版本')).toBeTruthy();
  });

  it('links from the head home with the count', async () => {
    api.listVisitConflicts.mockResolvedValue({
      ok: true,
      data: { items: [conflict(), conflict({ id: 'vc-2' })], nextCursor: null },
    });
    render(<HeadHomePage />);
    fireEvent.click(await eventually(() => screen.getByText('走访记录冲突核对（2 条待核对）')));
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/subpackages/head/conflicts/index' });
    expect(api.listVisitConflicts).toHaveBeenCalledWith({ stationId: 'st-tanggu', limit: 50 });
  });
});
