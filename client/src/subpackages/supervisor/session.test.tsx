import { fireEvent, render, screen } from '@testing-library/react';
import { eventually } from '../../../test/eventually';
import * as accounts from '../../services/accounts';
import * as appOutboxModule from '../../services/app-outbox';
import Taro from '@tarojs/taro';
import type { WhoAmIOutput } from '@sgz/shared';
import { loadMe } from '../../hooks/use-staff-station';
import { cases } from '../../services/cases';
import { DiscussedCases } from './session-detail/index';
import * as stations from '../../services/stations';
import * as sv from '../../services/supervision';
import { SESSION_KIND, type SessionRecord } from '../../services/supervision-record';
import {
  draftOf,
  emptySessionDraft,
  hoursProblem,
  recordOf,
  spanText,
  validateSession,
  type SessionDraft,
} from './session/draft';
import type { OutboxItem } from '../../services/outbox';
import { loadMyStations, loadStaffOf, SessionForm } from './session/index';

jest.mock('../../services/accounts');
jest.mock('../../hooks/use-staff-station', () => ({
  ...jest.requireActual('../../hooks/use-staff-station'),
  loadMe: jest.fn(),
}));
jest.mock('../../services/cases', () => ({
  ...jest.requireActual('../../services/cases'),
  cases: { listMyCases: jest.fn() },
}));
jest.mock('../../services/stations');
jest.mock('../../services/supervision', () => ({
  ...jest.requireActual('../../services/supervision'),
  supervision: { listMyAssignments: jest.fn(), listMySessions: jest.fn(), getSession: jest.fn() },
}));
// The app's outbox over memory storage with a sender that answers 收到.
jest.mock('../../services/app-outbox', () => {
  const { createOutbox } = jest.requireActual('../../services/outbox/outbox');
  const { createMemoryStorage } = jest.requireActual('../../services/outbox/storage-memory');
  const send = jest.fn(async (item: { version: number }) => ({
    ok: true,
    data: { status: 'received', version: item.version },
  }));
  const appOutbox = createOutbox({
    storage: createMemoryStorage(),
    kinds: [{ kind: 'session', idPrefix: 'sv', send }],
  });
  return { appOutbox, startAppOutbox: jest.fn(), mockSend: send };
});

const { appOutbox } = appOutboxModule;
const acc = jest.mocked(accounts);
/** 2025-03-03 12:00 Beijing. */
const NOW = new Date('2025-03-03T04:00:00.000Z');

/** One of the supervisor's cases (as listMyCases gives it: names masked). */
const myCase = (id: string, stationId: string, name: string) =>
  ({ id, stationId, status: 'intervention', persons: [{ id: `p-${id}`, name }] }) as never;

beforeEach(async () => {
  await appOutbox.start();
  jest.mocked(cases.listMyCases).mockResolvedValue({
    ok: true,
    data: {
      items: [
        myCase('cs-a', 'st-tanggu', '张*'),
        myCase('cs-b', 'st-xinhe', '赵*'),
        myCase('cs-c', 'st-other', '钱*'),
      ],
      nextCursor: null,
    },
  });
  jest.mocked(stations.listAllStations).mockResolvedValue({
    ok: true,
    data: {
      total: 2,
      groups: [
        {
          kind: 'street',
          label: '街道',
          items: [
            { id: 'st-tanggu', unitName: '塘沽街' },
            { id: 'st-xinhe', unitName: '新河街' },
          ] as never,
        },
      ],
    },
  });
  acc.listStaff.mockImplementation(async (input) => ({
    ok: true,
    data: {
      items: [
        {
          userId: input?.stationId === 'st-tanggu' ? 'u-w1' : 'u-w2',
          name: input?.stationId === 'st-tanggu' ? '王芳' : '李娜',
          role: 'social_worker',
          roleLabel: '社工',
          stationId: input?.stationId ?? null,
          stationIds: [],
          active: true,
        },
      ] as never,
      total: 1,
      nextCursor: null,
    },
  }));
});

/** The inner <input>/<textarea> labelled `label`. */
function field(label: string): HTMLElement {
  const found = screen
    .getAllByLabelText(label)
    .find((e) => e.tagName === 'INPUT' || e.tagName === 'TEXTAREA');
  if (!found) throw new Error(`no field ${label}`);
  return found;
}
const typeInto = async (label: string, value: string) =>
  fireEvent.input(await eventually(() => field(label)), { target: { value } });

describe('督导记录 form: hours and the clock span', () => {
  it('hours refuse steps that are not half hours; the clock span is shown in words', () => {
    expect(hoursProblem('1.5')).toBeNull();
    expect(hoursProblem('1.3')).toBe('督导时长请按半小时填写，例如 1.5 小时');
    expect(hoursProblem('0')).toBe('督导时长请按半小时填写，例如 1.5 小时');
    expect(hoursProblem('两小时')).toBe('督导时长请填写数字，例如 1.5');
    expect(spanText({ day: '2025-03-03', start: '09:00', end: '11:30' })).toBe('09:00–11:30，共 2.5 小时');
    expect(spanText({ day: '2025-03-03', start: '11:00', end: '09:00' })).toMatch(/结束时间要晚于开始时间/);
  });

  it('validates with the function schema and the clock: hours over the span, a future day, no station', () => {
    const base = {
      ...emptySessionDraft('2025-03-03'),
      start: '09:00',
      end: '10:00',
      hours: '1.5',
      form: '团体' as const,
      stationIds: ['st-tanggu'],
      project: '个案管理',
      topics: ['危机个案'],
    };
    expect(validateSession(base, NOW).hours).toBe('督导时长不能超过开始到结束的时间，请检查');
    expect(validateSession({ ...base, hours: '1' }, NOW)).toEqual({});
    expect(validateSession({ ...base, hours: '1', day: '2025-03-04' }, NOW).time).toBe(
      '督导日期不能晚于今天，请检查',
    );
    expect(validateSession({ ...base, hours: '1', stationIds: [] }, NOW).stations).toBe(
      '请至少选择一个参加的社工站',
    );
  });

  it('shows the hours error beside the field at once, refuses to submit, then queues a valid session', async () => {
    render(
      <SessionForm
        sessionId="sv-test-00000001"
        stationIds={['st-tanggu', 'st-xinhe']}
        initial={emptySessionDraft('2025-03-03')}
        now={() => NOW}
      />,
    );
    await typeInto('开始时间', '09:00');
    await typeInto('结束时间', '11:30');
    await eventually(() => screen.getByText('钟点：09:00–11:30，共 2.5 小时'));
    await typeInto('督导时长', '1.3');
    await eventually(() => screen.getByText('⚠ 督导时长请按半小时填写，例如 1.5 小时'));
    fireEvent.click(screen.getByText('提交督导记录'));
    await eventually(() => screen.getByText('⚠ 请按提示修改后再提交'));
    expect(appOutbox.get('sv-test-00000001')?.status ?? 'draft').toBe('draft');

    fireEvent.click(screen.getByText('按钟点填'));
    await eventually(() => expect(screen.queryByText('⚠ 督导时长请按半小时填写，例如 1.5 小时')).toBeNull());
    fireEvent.click(screen.getByText('团体'));
    fireEvent.click(screen.getByText('☐ 塘沽街社工站'));
    fireEvent.click(screen.getByText('☐ 新河街社工站'));
    // Workers of both ticked stations are offered.
    await eventually(() => screen.getByText('☐ 王芳（塘沽街社工站 · 社工）'));
    fireEvent.click(screen.getByText('☐ 李娜（新河街社工站 · 社工）'));
    // The supervisor's own cases of the ticked stations only (not another station's).
    const discussed = await eventually(() => screen.getByRole('group', { name: '讨论的个案' }));
    expect(cases.listMyCases).toHaveBeenCalledWith({ limit: 50 });
    expect(discussed.textContent).toContain('张*（塘沽街社工站 · 介入中）');
    expect(discussed.textContent).not.toContain('钱*');
    fireEvent.click(screen.getByText('☐ 赵*（新河街社工站 · 介入中）'));
    await typeInto('督导项目', '困境儿童个案管理');
    await typeInto('督导主题 1', '危机个案的风险评估');
    fireEvent.click(screen.getByText('提交督导记录'));
    await eventually(() => expect(screen.queryAllByText(/^⚠/).map((e) => e.textContent)).toEqual([]));
    await eventually(() =>
      expect(['queued', 'sending', 'synced']).toContain(appOutbox.get('sv-test-00000001')?.status),
    );
    const item = appOutbox.get('sv-test-00000001')!;
    expect(item.kind).toBe(SESSION_KIND);
    expect(item.payload as SessionRecord).toEqual({
      startAt: '2025-03-03T09:00:00+08:00',
      endAt: '2025-03-03T11:30:00+08:00',
      hours: 2.5,
      form: '团体',
      stationIds: ['st-tanggu', 'st-xinhe'],
      workerIds: ['u-w2'],
      caseIds: ['cs-b'],
      project: '困境儿童个案管理',
      topics: ['危机个案的风险评估'],
      advice: null,
      actionItems: [],
    });
  });
});

describe('督导记录 draft', () => {
  it('a draft reopened from the outbox reads as it was typed (empty parts too)', () => {
    const typed = {
      ...emptySessionDraft('2025-03-02'),
      start: '23:00',
      end: '23:30',
      hours: '0.5',
      form: '线上' as const,
      stationIds: ['st-xinhe'],
      workerIds: ['u-w2'],
      caseIds: ['cs-b'],
      project: '督导项目',
      topics: ['主题一'],
      advice: '意见',
      actionItems: ['行动一'],
    };
    const item = (d: SessionDraft) =>
      ({ id: 'sv-x-00000001', payload: recordOf(d) }) as OutboxItem<SessionRecord>;
    // 23:00 Beijing is 15:00 UTC the same day: the day reads back in Beijing.
    expect(recordOf(typed).startAt).toBe('2025-03-02T23:00:00+08:00');
    expect(draftOf(item(typed), '2025-03-03')).toEqual(typed);
    const empty = emptySessionDraft('2025-03-03');
    expect(draftOf(item(empty), '2025-03-03')).toEqual(empty);
  });
});

describe('supervisor home lists', () => {
  it('my sessions: each station answer in words (有异议 with its reason); empty and error states', async () => {
    const api = jest.mocked(sv.supervision);
    const { MySessions } = await import('./index/Sessions');
    (api.listMySessions as jest.Mock).mockResolvedValueOnce({
      ok: true,
      data: {
        nextCursor: null,
        items: [
          {
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
            stations: [
              { stationId: 'st-tanggu', status: 'confirmed', reason: null, decidedAt: null },
              { stationId: 'st-xinhe', status: 'disputed', reason: '当天本站无人参加', decidedAt: null },
            ],
          },
        ],
      },
    });
    const first = render(<MySessions />);
    await eventually(() => screen.getByText('塘沽街社工站：✓ 已确认'));
    screen.getByText('新河街社工站：⚠ 有异议（原因：当天本站无人参加）');
    first.unmount();

    (api.listMySessions as jest.Mock).mockResolvedValueOnce({
      ok: true,
      data: { items: [], nextCursor: null },
    });
    const second = render(<MySessions />);
    await eventually(() => screen.getByText('还没有督导记录'));
    second.unmount();

    (api.listMySessions as jest.Mock).mockResolvedValueOnce({
      ok: false,
      error: { code: 'unavailable', message: '网络不太好，请稍后重试' },
    });
    render(<MySessions />);
    await eventually(() => screen.getByText('督导记录没有加载出来'));
  });
});

describe('记录督导 without signal', () => {
  const transport = {
    ok: false,
    error: { code: 'internal', message: '网络不太好，请稍后重试', details: { transport: true } },
  };

  it('the stations and their workers as loaded last time; a refusal is not hidden', async () => {
    const mine = sv.supervision.listMyAssignments as jest.Mock;
    mine.mockResolvedValueOnce({
      ok: true,
      data: {
        items: [
          { id: 'a1', stationId: 'st-tanggu', active: true },
          { id: 'a2', stationId: 'st-dagang', active: false },
        ],
      },
    });
    expect(await loadMyStations()).toEqual({ ok: true, data: ['st-tanggu'] });
    mine.mockResolvedValueOnce(transport);
    expect(await loadMyStations()).toEqual({ ok: true, data: ['st-tanggu'] });
    mine.mockResolvedValueOnce({
      ok: false,
      error: { code: 'permission-denied', message: '您没有权限进行此操作' },
    });
    expect(await loadMyStations()).toMatchObject({ ok: false, error: { code: 'permission-denied' } });

    const first = await loadStaffOf(['st-tanggu']);
    expect(first).toEqual({
      ok: true,
      data: [{ userId: 'u-w1', name: '王芳', role: '社工', stationId: 'st-tanggu' }],
    });
    acc.listStaff.mockResolvedValue(transport as never);
    expect(await loadStaffOf(['st-tanggu'])).toEqual(first);
    // A station never loaded on this phone: the failure is said.
    expect(await loadStaffOf(['st-xinhe'])).toMatchObject({ ok: false });
  });
});

describe('督导记录 detail: cases discussed', () => {
  const as = (role: string) =>
    jest.mocked(loadMe).mockResolvedValue({
      ok: true,
      data: { userId: 'u-x', role, stationId: 'st-tanggu' } as WhoAmIOutput,
    });

  it('the supervisor: links to the cases they supervise, a count of the rest', async () => {
    as('supervisor');
    const nav = jest.spyOn(Taro, 'navigateTo');
    render(<DiscussedCases caseIds={['cs-a', 'cs-gone']} />);
    fireEvent.click(await eventually(() => screen.getByText('张* · 查看个案 ›')));
    expect(nav).toHaveBeenCalledWith({ url: '/subpackages/worker/case/index?id=cs-a' });
    expect(screen.getByText('另有 1 个个案，您不是它们的社工或督导')).toBeTruthy();
    expect(screen.queryByText(/cs-gone/)).toBeNull();
  });

  it('the station head: every case linked (the case page decides); the district: the count only', async () => {
    as('station_head');
    jest.mocked(cases.listMyCases).mockClear();
    const first = render(<DiscussedCases caseIds={['cs-a', 'cs-b']} />);
    await eventually(() => screen.getByText('个案 2 · 查看个案 ›'));
    expect(cases.listMyCases).not.toHaveBeenCalled();
    first.unmount();
    as('district_admin');
    render(<DiscussedCases caseIds={['cs-a', 'cs-b']} />);
    await eventually(() => screen.getByText('讨论个案：2 个'));
    await new Promise((r) => setTimeout(r, 20));
    expect(screen.queryByText(/查看个案/)).toBeNull();
  });
});
