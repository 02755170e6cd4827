/**
 * The `reminders` function through the emulator: the monthly timer judges
 * every station's quotas at the end of the month just ended (the shared
 * engine on the database's counts) and sends each head of a station behind
 * pace one subscribe message naming the quotas; a station on pace gets
 * nothing, a station without a head is recorded as such. Fired once as
 * CloudBase sends the timer event, once through the emulator's admin route
 * on an injected clock; each firing again sends nothing new (reminder_runs).
 */
import { COLLECTIONS } from '../../shared/src/collections';
import { AWAY, HOME, SECOND, addAccount } from './accounts.fixtures';
import { newId } from './files-fixtures';
import {
  QUALIFIED,
  bj,
  got,
  insertMany,
  patchUser,
  startLedgerCloud,
  type LedgerCloud,
} from './ledger-fixtures';

const TEMPLATE = 'tpl-quota-reminder-test';
const HEAD = 't-rem-head';
const HEAD_REFUSING = 't-rem-head-refusing';
const SECOND_HEAD = 't-rem-second-head';
let cloud: LedgerCloud;
let headIds: { head: string; refusing: string };

const runsOf = async (month: string) =>
  (await got(cloud.db.collection(COLLECTIONS.reminderRuns).where({ month }).limit(100).get())).data as Array<
    Record<string, unknown>
  >;

beforeAll(async () => {
  cloud = await startLedgerCloud({ SGZ_TPL_QUOTA_REMINDER: TEMPLATE });
  const db = cloud.db;
  // HOME: two heads (one has no subscribe authorisation left), a worker, nothing recorded in 2026.
  const head = await addAccount(db, {
    openid: HEAD,
    role: 'station_head',
    stationId: HOME,
    name: '赵站长',
    privacy: true,
  });
  const refusing = await addAccount(db, {
    openid: HEAD_REFUSING,
    role: 'station_head',
    stationId: HOME,
    name: '孙副站长',
    privacy: true,
  });
  await addAccount(db, {
    openid: 't-rem-worker',
    role: 'social_worker',
    stationId: HOME,
    name: '王芳',
    privacy: true,
  });
  headIds = { head: head._id, refusing: refusing._id };
  cloud.emulator.app.outbox.refuse(HEAD_REFUSING);

  // SECOND: every quota met by the end of May 2026 — 2 cases, 30 h supervision, 2 qualified staff with 30 学时 each.
  const h2 = await addAccount(db, {
    openid: SECOND_HEAD,
    role: 'station_head',
    stationId: SECOND,
    name: '周站长',
    privacy: true,
  });
  const w2 = await addAccount(db, {
    openid: 't-rem-second-worker',
    role: 'social_worker',
    stationId: SECOND,
    name: '吴静',
    privacy: true,
  });
  for (const id of [h2._id, w2._id]) await patchUser(db, id, { qualification: QUALIFIED });
  await insertMany(
    db,
    COLLECTIONS.cases,
    ['2026-02-10', '2026-05-20'].map((day) => ({
      _id: newId('c'),
      stationId: SECOND,
      status: 'closed',
      completedYear: 2026,
      referralClosure: false,
      closureApprovedAt: bj(day),
      openedAt: bj('2026-01-05'),
      updatedAt: bj(day),
    })),
  );
  await insertMany(db, COLLECTIONS.supervisionConfirmations, [
    {
      _id: newId('sc'),
      sessionId: 's1',
      stationId: SECOND,
      hours: 20,
      year: 2026,
      day: '2026-03-01',
      status: 'confirmed',
    },
    {
      _id: newId('sc'),
      sessionId: 's2',
      stationId: SECOND,
      hours: 10,
      year: 2026,
      day: '2026-05-31',
      status: 'confirmed',
    },
  ]);
  await insertMany(
    db,
    COLLECTIONS.trainingRecords,
    [h2._id, w2._id].map((workerId) => ({
      _id: newId('tr'),
      workerId,
      stationId: SECOND,
      endDay: '2026-04-30',
      year: 2026,
      hours: 30,
      countedHours: 30,
      degree: false,
      status: 'confirmed',
    })),
  );
}, 180_000);

afterAll(async () => {
  await cloud?.stop();
});

describe('the monthly reminder', () => {
  it('tells each head of a station behind pace which quotas fell behind; nothing to a station on pace', async () => {
    const res = (await cloud.timer('reminders', 'monthly', '2026-06-01T01:00:00Z')) as {
      ok: boolean;
      data: Record<string, unknown>;
    };
    const stations = (await got(cloud.db.collection(COLLECTIONS.stations).count())).total;
    expect(res).toEqual({
      ok: true,
      data: {
        month: '2026-05',
        stations,
        outcomes: { 'already-done': 0, 'on-pace': 1, 'no-head': stations - 2, skipped: 0, sent: 1, error: 0 },
        sent: 1,
        failed: 1,
      },
    });
    const outbox = cloud.emulator.app.outbox.list();
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({
      senderOpenid: '',
      touser: HEAD,
      templateId: TEMPLATE,
      page: 'subpackages/head/index/index',
      data: {
        thing1: { value: '2026年5月指标进度提醒' },
        // Cases: 0 of 2 at the end of May is less than one case behind the line (0.8): on pace.
        thing2: { value: '督导时数、继续教育学时、持证社工' },
        phrase3: { value: '有风险' },
        date4: { value: '2026-05-31' },
      },
    });
    const runs = await runsOf('2026-05');
    expect(runs).toHaveLength(stations);
    const home = runs.find((r) => r.stationId === HOME)!;
    expect(home).toMatchObject({
      _id: `2026-05:${HOME}`,
      status: 'sent',
      behind: [
        { label: '督导时数', status: '有风险' },
        { label: '继续教育学时', status: '有风险' },
        { label: '持证社工', status: '有风险' },
      ],
      recipients: [
        { userId: headIds.head, ok: true, errCode: 0 },
        { userId: headIds.refusing, ok: false, errCode: 43101 },
      ],
    });
    expect(JSON.stringify(home)).not.toContain(HEAD); // account ids, never the OPENID
    expect(runs.find((r) => r.stationId === SECOND)).toMatchObject({ status: 'on-pace', behind: [] });
    expect(runs.find((r) => r.stationId === AWAY)).toMatchObject({ status: 'no-head' });
  });

  it('sends nothing again when the same month fires again', async () => {
    const res = (await cloud.timer('reminders', 'monthly', '2026-06-01T01:05:00Z')) as {
      data: Record<string, unknown>;
    };
    expect(res.data).toMatchObject({
      month: '2026-05',
      sent: 0,
      failed: 0,
      outcomes: { 'already-done': res.data.stations },
    });
    expect(cloud.emulator.app.outbox.list()).toHaveLength(1);
  });

  it('runs from the admin route at the injected clock (the next month), once', async () => {
    cloud.setNow(new Date('2026-07-01T01:00:00Z'));
    const first = await cloud.fire('reminders', 'monthly');
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      function: 'reminders',
      trigger: 'monthly',
      ok: true,
      event: { Type: 'Timer', TriggerName: 'monthly', Time: '2026-07-01T01:00:00Z' },
      result: { ok: true, data: { month: '2026-06', sent: 1, failed: 1 } },
    });
    const outbox = cloud.emulator.app.outbox.list();
    expect(outbox.map((m) => [m.touser, (m.data.thing1 as { value: string }).value])).toEqual([
      [HEAD, '2026年5月指标进度提醒'],
      [HEAD, '2026年6月指标进度提醒'],
    ]);
    const again = await cloud.fire('reminders', 'monthly');
    expect(again.body).toMatchObject({ ok: true, result: { data: { month: '2026-06', sent: 0 } } });
    expect(cloud.emulator.app.outbox.list()).toHaveLength(2);
  });

  it('ignores a mini-program user sending a timer-shaped event: nothing read, nothing written, nothing sent', async () => {
    const before = cloud.counts()[COLLECTIONS.reminderRuns];
    const res = await cloud.callAs(HEAD, 'reminders', {
      Type: 'Timer',
      TriggerName: 'monthly',
      Time: '2026-09-01T01:00:00Z',
    });
    expect(res).toEqual({
      ok: false,
      error: { code: 'invalid-argument', message: '不支持的操作，请更新小程序后再试' },
    });
    expect(cloud.counts()[COLLECTIONS.reminderRuns]).toBe(before);
    expect(cloud.emulator.app.outbox.list()).toHaveLength(2);
  });
});
