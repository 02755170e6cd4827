/**
 * 待同步记录, the 待同步 N bar of the worker's home and 我的跟进事项, against a real
 * outbox (createOutbox over memory storage) with a fake `visit` kind whose answer
 * the test picks per record. The clock is the outbox's injected one: no wall clock.
 */
import type { FollowUpDto, Result, WhoAmIOutput } from '@sgz/shared';
import { act, fireEvent, render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { eventually } from '../../../../test/eventually';
import { T0, manualClock, manualTimers, seededRandom } from '../../../../test/outbox';
import * as accounts from '../../../services/accounts';
import * as files from '../../../services/files';
import * as requests from '../../../services/requests';
import * as visits from '../../../services/visits';
import { STATUS_LABELS, type OutboxItem, type OutboxStatus } from '../../../services/outbox/core';
import { DELETE_WARNING, OVERDUE_WARNING } from '../../../services/outbox/messages';
import { DAY_MS, createOutbox, type Outbox, type SendReply } from '../../../services/outbox/outbox';
import { createMemoryStorage } from '../../../services/outbox/storage-memory';
import { ROUTES, visitFormUrl } from '../../../utils/routes';
import { MyFollowUps } from '../FollowUps';
import WorkerHomePage from '../index/index';
import { STATUS_SYMBOLS } from './format';
import OutboxPage from './index';

/** The outbox the pages see as `appOutbox` (a fresh one per test). */
const mockRig: { outbox: Outbox | null } = { outbox: null };
jest.mock('../../../services/app-outbox', () => ({
  get appOutbox() {
    return mockRig.outbox;
  },
  startAppOutbox: () => Promise.resolve(),
}));
jest.mock('../../../services/accounts');
jest.mock('../../../services/files');
jest.mock('../../../services/requests');
jest.mock('../../../services/visits', () => ({
  ...jest.requireActual('../../../services/visits'),
  listMyFollowUps: jest.fn(),
}));

/** How the fake server answers a record. */
type Answer = 'received' | 'conflict' | 'refuse' | 'offline' | 'hang';
const REFUSAL = '走访对象不属于本站，请重新选择';
const CONFLICT = '服务器上已有不同的内容，两份都已保留，等待站长核对。';

function setup() {
  const clock = manualClock();
  const answers = new Map<string, Answer>();
  const send = jest.fn(async (item: OutboxItem): Promise<Result<SendReply>> => {
    switch (answers.get(item.id) ?? 'received') {
      case 'received':
        return { ok: true, data: { status: 'received', version: item.version } };
      case 'conflict':
        return { ok: true, data: { status: 'conflict', version: item.version, message: CONFLICT } };
      case 'refuse':
        return { ok: false, error: { code: 'invalid-argument', message: REFUSAL } };
      case 'offline':
        return {
          ok: false,
          error: { code: 'internal', message: '网络不太好', details: { transport: true } },
        };
      case 'hang':
        return new Promise<Result<SendReply>>(() => undefined);
    }
  });
  const outbox = createOutbox({
    storage: createMemoryStorage(),
    kinds: [{ kind: 'visit', idPrefix: 'vs', send }],
    now: clock.read,
    random: seededRandom(7),
    timers: manualTimers(),
  });
  mockRig.outbox = outbox;
  return { clock, answers, send, outbox };
}

const visit = (persons = 2) => ({
  type: '常规探访',
  personIds: Array.from({ length: persons }, (_, i) => `p-${i + 1}`),
  address: null,
  startAt: new Date(T0).toISOString(),
});
const SUMMARY = '常规探访 · 走访对象 2 人 · 2025-03-03 09:30';

/**
 * Saves a record a second after the previous one (so the list's order is the saving order;
 * a queued record's backoff, ≥ 5 s, is not over yet), lets the outbox answer it (except
 * a hanging send) and waits for that answer.
 */
async function put(rig: ReturnType<typeof setup>, id: string, answer: Answer | 'draft') {
  rig.clock.advance(1000);
  if (answer !== 'draft') rig.answers.set(id, answer);
  await act(async () => {
    const res = await rig.outbox.save({
      id,
      kind: 'visit',
      payload: visit(),
      mode: answer === 'draft' ? 'draft' : 'submit',
    });
    expect(res.ok).toBe(true);
    if (answer !== 'hang' && answer !== 'draft') await rig.outbox.flush('save');
  });
}

const statusText = (s: OutboxStatus) => `${STATUS_SYMBOLS[s]} ${STATUS_LABELS[s]}`;

let rig: ReturnType<typeof setup>;
beforeEach(async () => {
  rig = setup();
});
afterEach(() => rig.outbox.stop());

/** The home's 待同步 bar whose text (symbol included) reads `text`. */
function bar(text: string): HTMLElement {
  const found = Array.from(document.querySelectorAll<HTMLElement>('.wk-outbox__count')).find(
    (e) => e.textContent === text,
  );
  if (!found) throw new Error(`no 待同步 bar reading ${text}`);
  return found;
}

describe('待同步记录 (the outbox page)', () => {
  it('shows every status in words and a symbol, the reasons, and what can be done with each', async () => {
    await act(() => rig.outbox.start());
    await put(rig, 'vs-draft-0001', 'draft');
    await put(rig, 'vs-synced-0001', 'received');
    await put(rig, 'vs-failed-0001', 'refuse');
    await put(rig, 'vs-conflict-01', 'conflict');
    await put(rig, 'vs-queued-0001', 'offline');
    await put(rig, 'vs-sending-001', 'hang');
    await eventually(() => expect(rig.outbox.get('vs-sending-001')?.status).toBe('sending'));

    render(<OutboxPage />);
    for (const s of ['draft', 'queued', 'sending', 'synced', 'failed', 'conflict'] as const) {
      expect(screen.getByText(statusText(s))).toBeTruthy();
    }
    expect(screen.getAllByText(SUMMARY)).toHaveLength(6);
    expect(screen.getByText(`! 原因：${REFUSAL}`)).toBeTruthy();
    expect(screen.getByText(`! 原因：${CONFLICT}`)).toBeTruthy();
    // queued + sending + failed; the draft, the synced and the conflict are not waiting.
    expect(screen.getByText('待同步 3')).toBeTruthy();
    expect(screen.getByText('草稿 1 · 其中失败 1 · 有冲突 1 · 已同步 1')).toBeTruthy();
    // One card per record, oldest first (the order they are sent in).
    const cards = screen.getAllByLabelText(/^走访记录，/);
    expect(cards.map((c) => c.getAttribute('aria-label'))).toEqual([
      '走访记录，草稿',
      '走访记录，已同步',
      '走访记录，失败',
      `走访记录，${STATUS_LABELS.conflict}`,
      '走访记录，待同步',
      '走访记录，同步中',
    ]);
    expect(screen.getAllByText('重试')).toHaveLength(1);
    expect(screen.getAllByText('继续填写')).toHaveLength(1);
    expect(screen.getAllByText('放弃草稿')).toHaveLength(1);
    expect(screen.getAllByText('修改')).toHaveLength(5);
    // A send is running: 立即同步 waits.
    const busy = screen.getByText('同步中…');
    expect(busy.closest('taro-button-core')?.getAttribute('aria-disabled')).toBe('true');
    expect(screen.getByText(`⚠ ${DELETE_WARNING}`)).toBeTruthy();

    fireEvent.click(screen.getByText('继续填写'));
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: visitFormUrl({ id: 'vs-draft-0001' }) });
    expect(visitFormUrl({ id: 'vs-draft-0001' })).toBe('/subpackages/worker/visit/index?id=vs-draft-0001');
  });

  it('重试 sends a failed record again', async () => {
    await act(() => rig.outbox.start());
    await put(rig, 'vs-failed-0001', 'refuse');
    render(<OutboxPage />);
    expect(screen.getByText(statusText('failed'))).toBeTruthy();
    const retry = jest.spyOn(rig.outbox, 'retry');

    rig.answers.set('vs-failed-0001', 'received'); // the station fixed the file meanwhile
    fireEvent.click(screen.getByText('重试'));
    expect(retry).toHaveBeenCalledWith('vs-failed-0001');
    await eventually(() => screen.getByText(statusText('synced')));
    expect(screen.queryByText(statusText('failed'))).toBeNull();
    expect(screen.getByText('待同步 0')).toBeTruthy();
    expect(rig.send).toHaveBeenCalledTimes(2);
  });

  it('立即同步 sends what waits and says what happened', async () => {
    await act(() => rig.outbox.start());
    await put(rig, 'vs-queued-0001', 'offline');
    render(<OutboxPage />);
    expect(screen.getByText('待同步 1')).toBeTruthy();

    rig.answers.set('vs-queued-0001', 'received');
    fireEvent.click(screen.getByText('立即同步'));
    await eventually(() => screen.getByText('✓ 已同步 1 条'));
    expect(screen.getByText('待同步 0')).toBeTruthy();
  });

  it('放弃草稿 asks first, then the draft leaves the phone', async () => {
    await act(() => rig.outbox.start());
    await put(rig, 'vs-draft-0001', 'draft');
    render(<OutboxPage />);
    jest.mocked(Taro.showModal).mockResolvedValueOnce({ confirm: false, cancel: true, errMsg: 'ok' });
    fireEvent.click(screen.getByText('放弃草稿'));
    await eventually(() => expect(Taro.showModal).toHaveBeenCalledTimes(1));
    expect(rig.outbox.get('vs-draft-0001')).toBeTruthy();

    fireEvent.click(screen.getByText('放弃草稿'));
    await eventually(() => screen.getByText('没有待同步的记录'));
    expect(rig.outbox.get('vs-draft-0001')).toBeUndefined();
  });

  it('says when there is nothing, and always how deleting the mini-program loses records', async () => {
    render(<OutboxPage />);
    // Not read yet: no "0" before the stored items are known.
    expect(screen.getByText('正在读取手机上的记录…')).toBeTruthy();
    expect(screen.queryByText('待同步 0')).toBeNull();
    expect(screen.getByText(`⚠ ${DELETE_WARNING}`)).toBeTruthy();

    await act(() => rig.outbox.start());
    await eventually(() => screen.getByText('没有待同步的记录'));
    expect(screen.getByText('待同步 0')).toBeTruthy();
    expect(screen.getByText(`⚠ ${DELETE_WARNING}`)).toBeTruthy();
  });
});

describe('社工工作台: 待同步 N and 我的跟进事项', () => {
  const worker = { userId: 'u-w', role: 'social_worker', stationId: 'st-tanggu' } as WhoAmIOutput;
  beforeEach(() => {
    jest.mocked(accounts.whoAmI).mockResolvedValue({ ok: true, data: worker });
    jest.mocked(files.listDue).mockResolvedValue({
      ok: true,
      data: { stationId: 'st-tanggu', today: '2025-03-03', weekEnd: '2025-03-09', mine: false, buckets: [] },
    });
    jest
      .mocked(requests.listStationRequests)
      .mockResolvedValue({ ok: true, data: { items: [], nextCursor: null } });
    jest
      .mocked(visits.listMyFollowUps)
      .mockResolvedValue({ ok: true, data: { items: [], nextCursor: null } });
  });

  it('shows 待同步 N, and warns (role=alert) once a record waited over 24 h', async () => {
    await act(() => rig.outbox.start());
    await put(rig, 'vs-queued-0001', 'offline');
    await put(rig, 'vs-queued-0002', 'offline');
    await put(rig, 'vs-draft-0001', 'draft');

    const first = render(<WorkerHomePage />);
    expect(bar('↑ 待同步 2')).toBeTruthy();
    expect(screen.getByText('草稿 1')).toBeTruthy();
    expect(screen.queryByText(`⚠ ${OVERDUE_WARNING}`)).toBeNull();
    fireEvent.click(bar('↑ 待同步 2'));
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: ROUTES.workerOutbox });
    first.unmount();

    rig.clock.advance(DAY_MS + 60_000);
    render(<WorkerHomePage />);
    const warning = screen.getByText(`⚠ ${OVERDUE_WARNING}`);
    expect(warning.closest('[role="alert"]')).toBeTruthy();
    expect(bar('↑ 待同步 2')).toBeTruthy();
    await eventually(() => screen.getByText('没有待办的跟进事项'));
  });

  it('says 同步中… while sending', async () => {
    await act(() => rig.outbox.start());
    await put(rig, 'vs-sending-001', 'hang');
    render(<WorkerHomePage />);
    await eventually(() => bar('↑ 待同步 1 · 同步中…'));
  });

  const followUp = (over: Partial<FollowUpDto>): FollowUpDto => ({
    id: 'fu-1',
    visitId: 'vs-visit-0001',
    stationId: 'st-tanggu',
    action: '联系社区医生上门量血压',
    ownerId: 'u-w',
    dueDay: '2025-03-10',
    referral: null,
    openCase: false,
    status: 'open',
    ...over,
  });

  it('lists my follow-ups: overdue marked against the Beijing day, referral, 开案', async () => {
    jest.mocked(visits.listMyFollowUps).mockResolvedValue({
      ok: true,
      data: {
        items: [
          followUp({ id: 'fu-1', dueDay: '2025-03-02', action: '复查独居老人用电安全' }),
          followUp({ id: 'fu-2', dueDay: '2025-03-03', referral: '转介街道残联', openCase: true }),
          followUp({ id: 'fu-3', dueDay: '2025-03-10', action: '送米面油' }),
        ],
        nextCursor: 'c-3',
      },
    });
    // 2025-03-02 16:30 UTC is already 03-03 00:30 in Beijing: 03-02 is overdue, 03-03 is today.
    render(<MyFollowUps now={() => Date.UTC(2025, 2, 2, 16, 30)} />);
    await eventually(() => screen.getByText('复查独居老人用电安全'));
    expect(screen.getByText('⚠ 已逾期（期限 3月2日（周日））')).toBeTruthy();
    expect(screen.getByText('今天到期（3月3日（周一））')).toBeTruthy();
    expect(screen.getByText('期限 3月10日（周一）')).toBeTruthy();
    expect(screen.getByText('转介：转介街道残联')).toBeTruthy();
    expect(screen.getAllByText('◆ 需要开案（个案）')).toHaveLength(1);
    expect(visits.listMyFollowUps).toHaveBeenCalledWith({ cursor: null, limit: 10 });

    jest.mocked(visits.listMyFollowUps).mockResolvedValue({
      ok: true,
      data: { items: [followUp({ id: 'fu-4', action: '第二页的跟进' })], nextCursor: null },
    });
    fireEvent.click(screen.getByText('加载更多'));
    await eventually(() => screen.getByText('第二页的跟进'));
    expect(visits.listMyFollowUps).toHaveBeenLastCalledWith({ cursor: 'c-3', limit: 10 });
  });

  it('says when the follow-ups did not load, with 重试', async () => {
    jest.mocked(visits.listMyFollowUps).mockResolvedValue({
      ok: false,
      error: { code: 'internal', message: '网络不太好，请稍后重试' },
    });
    render(<MyFollowUps now={() => T0} />);
    await eventually(() => screen.getByText('跟进事项没有加载出来'));
    jest
      .mocked(visits.listMyFollowUps)
      .mockResolvedValue({ ok: true, data: { items: [], nextCursor: null } });
    fireEvent.click(screen.getByText('重试'));
    await eventually(() => screen.getByText('没有待办的跟进事项'));
  });
});
