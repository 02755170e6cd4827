import type { QualifiedStaffOutput, StationStanding, TrainingDto, WhoAmIOutput } from '@sgz/shared';
import { fireEvent, render, screen } from '@testing-library/react';
import { eventually } from '../../../test/eventually';
import * as accounts from '../../services/accounts';
import * as stations from '../../services/stations';
import * as sv from '../../services/supervision';
import HeadConfirmationsPage from './confirmations/index';
import HeadStandingPage from './standing/index';

jest.mock('../../services/accounts');
jest.mock('../../services/stations');
jest.mock('../../services/supervision', () => ({
  ...jest.requireActual('../../services/supervision-record'),
  supervision: {
    listStationSessions: jest.fn(),
    listStationTraining: jest.fn(),
    confirmSession: jest.fn(),
    disputeSession: jest.fn(),
    confirmTraining: jest.fn(),
    returnTraining: jest.fn(),
    getStationSummary: jest.fn(),
    listQualifiedStaff: jest.fn(),
  },
}));
const api = sv.supervision as unknown as Record<string, jest.Mock>;
const head = { userId: 'u-h', role: 'station_head', stationId: 'st-tanggu' } as WhoAmIOutput;

const session = {
  id: 'sv-session-0001',
  supervisorId: 'u-s',
  supervisorName: '赵督导',
  supervisorKind: 'external',
  day: '2025-03-03',
  startAt: '2025-03-03T01:00:00.000Z',
  endAt: '2025-03-03T03:00:00.000Z',
  hours: 2,
  form: '团体',
  project: '个案管理',
  topics: ['风险评估'],
  workerCount: 3,
  receivedAt: '2025-03-03T04:00:00.000Z',
  stations: [{ stationId: 'st-tanggu', status: 'pending', reason: null, decidedAt: null }],
};

const record = (over: Partial<TrainingDto> = {}): TrainingDto => ({
  id: 'tr-record-0001',
  workerId: 'u-w',
  workerName: '王芳',
  stationId: 'st-tanggu',
  startDay: '2025-03-01',
  endDay: '2025-03-01',
  year: 2025,
  course: '社区矫正实务',
  organiser: '区民政局',
  kind: '实务',
  form: '面授',
  hours: 6,
  countedHours: 6,
  hasCertificate: true,
  certificateUrl: null,
  status: 'pending',
  reason: null,
  recordedBy: 'u-w',
  receivedAt: '2025-03-02T00:00:00.000Z',
  decidedAt: null,
  ...over,
});

beforeEach(() => {
  for (const fn of Object.values(api)) fn.mockReset();
  jest.mocked(accounts.whoAmI).mockResolvedValue({ ok: true, data: head });
  jest.mocked(stations.listAllStations).mockResolvedValue({
    ok: true,
    data: {
      total: 1,
      groups: [{ kind: 'street', label: '街道', items: [{ id: 'st-tanggu', unitName: '塘沽街' }] as never }],
    },
  });
});

describe('站长: 待确认', () => {
  it('a dispute needs a reason (nothing sent without one), then sends it; a training record is confirmed', async () => {
    api.listStationSessions!.mockResolvedValueOnce({
      ok: true,
      data: { items: [{ session, status: 'pending', reason: null }], nextCursor: null },
    });
    api.listStationSessions!.mockResolvedValue({ ok: true, data: { items: [], nextCursor: null } });
    api.listStationTraining!.mockResolvedValueOnce({
      ok: true,
      data: { items: [record()], nextCursor: null },
    });
    api.listStationTraining!.mockResolvedValue({ ok: true, data: { items: [], nextCursor: null } });
    api.disputeSession!.mockResolvedValue({
      ok: true,
      data: { sessionId: session.id, stationId: 'st-tanggu', status: 'disputed' },
    });
    api.confirmTraining!.mockResolvedValue({ ok: true, data: { record: record({ status: 'confirmed' }) } });
    render(<HeadConfirmationsPage />);
    await eventually(() => screen.getByText('督导：赵督导（外聘督导）'));
    expect(api.listStationSessions).toHaveBeenCalledWith({
      stationId: 'st-tanggu',
      status: 'pending',
      cursor: null,
      limit: 10,
    });

    fireEvent.click(screen.getByText('有异议…'));
    await eventually(() => screen.getByText('对这次督导有异议吗？'));
    fireEvent.click(screen.getByText('提出异议'));
    await eventually(() => screen.getByText('⚠ 请填写异议原因'));
    expect(api.disputeSession).not.toHaveBeenCalled();

    const reason = await eventually(() => {
      const el = screen.getAllByLabelText('异议原因').find((e) => e.tagName === 'TEXTAREA');
      if (!el) throw new Error('no textarea');
      return el;
    });
    fireEvent.input(reason, { target: { value: '当天本站无人参加' } });
    fireEvent.click(screen.getByText('提出异议'));
    await eventually(() => screen.getByText(/已提出异议/));
    expect(api.disputeSession).toHaveBeenCalledWith({ sessionId: session.id, reason: '当天本站无人参加' });
    await eventually(() => screen.getByText('没有等待确认的督导记录'));

    fireEvent.click(screen.getByText('确认'));
    await eventually(() => screen.getByText('✓ 已确认王芳的学时'));
    expect(api.confirmTraining).toHaveBeenCalledWith({ recordId: 'tr-record-0001' });
  });

  it('says when a list did not load, with 重试', async () => {
    api.listStationSessions!.mockResolvedValue({
      ok: false,
      error: { code: 'unavailable', message: '网络不太好' },
    });
    api.listStationTraining!.mockResolvedValue({ ok: true, data: { items: [], nextCursor: null } });
    render(<HeadConfirmationsPage />);
    await eventually(() => screen.getByText('督导记录没有加载出来'));
    screen.getByText('没有等待确认的学时记录');
  });
});

const standing = (over: Partial<StationStanding['supervision']> = {}): StationStanding => ({
  stationId: 'st-tanggu',
  year: 2025,
  supervision: {
    confirmedHours: 12,
    pendingHours: 2,
    disputedCount: 1,
    quota: 30,
    paceTarget: 5,
    met: false,
    ...over,
  },
  qualified: { count: 1, minimum: 2, belowMinimum: true },
  training: [{ workerId: 'u-w', name: '王芳', hours: 31, quota: 30, met: true }],
  pendingTrainingCount: 0,
  pendingSessionCount: 1,
});
const qualified: QualifiedStaffOutput = {
  stationId: 'st-tanggu',
  qualifiedCount: 1,
  minimum: 2,
  belowMinimum: true,
  items: [
    {
      userId: 'u-w',
      name: '王芳',
      role: 'social_worker',
      qualified: true,
      reason: '社会工作师，已登记',
      certificateKind: '社会工作师',
    },
    {
      userId: 'u-x',
      name: '刘强',
      role: 'social_worker',
      qualified: false,
      reason: '没有登记证书',
      certificateKind: null,
    },
  ],
};

describe('站长: 资质与学时', () => {
  it('says the hours in words beside the bars, the reason each worker counts or not, and flags below 2', async () => {
    api.getStationSummary!.mockResolvedValue({ ok: true, data: { summary: standing() } });
    api.listQualifiedStaff!.mockResolvedValue({ ok: true, data: qualified });
    render(<HeadStandingPage />);
    await eventually(() => screen.getByText('已确认督导：12 / 30 小时（40%），还差 18 小时'));
    screen.getByText('待确认 2 小时 · 有异议 1 次（不计入）');
    screen.getByText('⚠ 持证社工不足 2 人，请尽快补充');
    screen.getByText('✕ 不计入 · 刘强');
    screen.getByText('没有登记证书');
    screen.getByText('王芳：31 / 30 学时（100%） ✓ 已达标');
    screen.getByText('去确认（1 条待确认）');
  });

  it('an error with 重试', async () => {
    api.getStationSummary!.mockResolvedValue({
      ok: false,
      error: { code: 'internal', message: '服务器开小差了' },
    });
    api.listQualifiedStaff!.mockResolvedValue({ ok: true, data: qualified });
    render(<HeadStandingPage />);
    await eventually(() => screen.getByText('资质与学时没有加载出来'));
    screen.getByText('重试');
  });
});
