/**
 * Issue 12 through the real SDK on the emulator: supervisor assignments and
 * the `assigned` scope they define, a group session for three stations
 * confirmed / disputed / pending per station (hours once per station, never
 * per person), only the head of a listed station answering, training records
 * (学时) confirmed or returned by the head, degree and registration period
 * counters, a worker who changes station mid-year, qualified staff, bad input
 * (Chinese message, nothing written).
 *
 * Times are relative to the functions' clock (the pipeline's `now`), so the
 * records are always "past" and never "future".
 */
import { COLLECTIONS } from '../../shared/src/collections';
import type {
  AssignmentDto,
  QualifiedStaffOutput,
  SessionDetail,
  SessionListItem,
  StationSessionItem,
  StationStanding,
  SubmitReply,
  SupervisionPage,
  TrainingDto,
  TrainingSummary,
} from '../../shared/src/contracts/supervision';
import { userIdFor } from '../../cloudfunctions/_lib/authz';
import { beijingDay, beijingYear } from '../../shared/src/calendar';
import { daysFromTo, shiftDay } from '../../shared/src/domain/training';
import { useTestCloud } from '../helpers/cloud';
import { docOf, newId } from './files-fixtures';
import {
  DAGANG,
  HEAD,
  SUPERVISOR,
  TANGGU,
  WORKER,
  WORKER_ELSEWHERE,
  err,
  ok,
  seedRequestsFixtures,
} from './requests-fixtures';
import { sdk } from './roster-fixtures';

const cloud = useTestCloud({ functions: ['supervision'] });
const ADMIN = 'demo-admin-1';
const XINHE = 'st-xinhe';
const HANGZHOUDAO = 'st-hangzhoudao';
const SUP = 't-supervisor-flow';
const HEAD_DAGANG = 't-head-dagang';
const HEAD_XINHE = 't-head-xinhe';
const HEAD_HZD = 't-head-hangzhoudao';
const DENIED = { code: 'permission-denied', message: '您没有权限进行此操作' };

async function addUser(openid: string, role: string, stationId: string | null, name: string): Promise<void> {
  await cloud.db.collection(COLLECTIONS.users).add({
    data: {
      _id: userIdFor(openid),
      openid,
      role,
      stationId,
      stationIds: [],
      active: true,
      name,
      privacyNotice: { version: '2026-11-27', acceptedAt: new Date() },
    },
  });
}

beforeEach(async () => {
  await seedRequestsFixtures(cloud);
  await addUser(SUP, 'supervisor', null, '周督导');
  await addUser(HEAD_DAGANG, 'station_head', DAGANG, '大港站长');
  await addUser(HEAD_XINHE, 'station_head', XINHE, '新河站长');
  await addUser(HEAD_HZD, 'station_head', HANGZHOUDAO, '杭州道站长');
});

const call = <T>(openid: string, action: string, input: Record<string, unknown> = {}) =>
  cloud.callAs<T>(openid, 'supervision', { action, ...input });

const today = () => beijingDay(new Date());
const year = () => beijingYear(new Date());
const written = () => {
  const c = cloud.counts();
  return {
    assignments: c[COLLECTIONS.supervisorAssignments] ?? 0,
    sessions: c[COLLECTIONS.supervisionSessions] ?? 0,
    confirmations: c[COLLECTIONS.supervisionConfirmations] ?? 0,
    training: c[COLLECTIONS.trainingRecords] ?? 0,
  };
};

const assign = (stationId: string, from = '2024-01-01', to: string | null = null, supervisor = SUP) =>
  call<{ assignment: AssignmentDto }>(ADMIN, 'assignSupervisor', {
    supervisorId: userIdFor(supervisor),
    stationId,
    kind: 'external',
    from,
    ...(to ? { to } : {}),
  });

/** A session that ended an hour ago (2.5 h of a 3 h span). */
const sessionPayload = (over: Record<string, unknown> = {}): Record<string, unknown> => {
  const end = Date.now() - 3600_000;
  return {
    startAt: new Date(end - 3 * 3600_000).toISOString(),
    endAt: new Date(end).toISOString(),
    hours: 2.5,
    form: '团体',
    stationIds: [TANGGU, DAGANG, XINHE],
    workerIds: [userIdFor(WORKER), userIdFor(WORKER_ELSEWHERE)],
    project: '困境老人关爱服务项目',
    topics: ['独居老人风险评估', '个案记录规范'],
    caseIds: ['case-0001', 'case-0002'],
    advice: '风险评估表需在首次走访后三日内完成。',
    actionItems: ['下周补齐评估表'],
    ...over,
  };
};
const submitSession = (id: string, payload = sessionPayload(), openid = SUP) =>
  call<SubmitReply>(openid, 'submitSession', { id, version: 1, payload });

const summaryOf = async (openid: string, stationId: string, y = year()) =>
  ok(await call<{ summary: StationStanding }>(openid, 'getStationSummary', { stationId, year: y })).summary;

describe('assignments define the `assigned` scope (active today, Beijing days)', () => {
  it('reaches a station from its first day to its last, not before, not after', async () => {
    const list = (openid: string, stationId: string) => call(openid, 'listStationSessions', { stationId });
    expect(err(await list(SUP, TANGGU))).toEqual(DENIED);
    ok(await assign(TANGGU, today()));
    ok(await list(SUP, TANGGU));
    expect(err(await list(SUP, DAGANG))).toEqual(DENIED);
    // Not yet active: starts tomorrow.
    ok(await assign(DAGANG, shiftDay(today(), 0, 1)));
    expect(err(await list(SUP, DAGANG))).toEqual(DENIED);
    const mine = ok(await call<{ items: AssignmentDto[] }>(SUP, 'listMyAssignments', { includeEnded: true }));
    expect(mine.items.map((a) => [a.stationId, a.active]).sort()).toEqual([
      [DAGANG, false],
      [TANGGU, true],
    ]);
    // Not before its first day.
    const a = mine.items.find((i) => i.stationId === TANGGU)!;
    expect(
      err(await call(ADMIN, 'endAssignment', { assignmentId: a.id, to: shiftDay(today(), 0, -1) })),
    ).toMatchObject({ code: 'invalid-argument', message: '结束日期不能早于这条安排的开始日期，请检查' });
    // Ended yesterday: no longer reached.
    const old = ok(await assign(XINHE, '2024-01-01')).assignment;
    ok(await list(SUP, XINHE));
    ok(await call(ADMIN, 'endAssignment', { assignmentId: old.id, to: shiftDay(today(), 0, -1) }));
    expect(err(await list(SUP, XINHE))).toEqual(DENIED);
    ok(await list(SUP, TANGGU));
  });

  it('a supervisor without any assignment keeps the account stations (migration); the first assignment replaces them', async () => {
    const list = (stationId: string) => call(SUPERVISOR, 'listStationSessions', { stationId });
    ok(await list(TANGGU));
    ok(await assign(DAGANG, '2024-01-01', null, SUPERVISOR));
    ok(await list(DAGANG));
    expect(err(await list(TANGGU))).toEqual(DENIED);
  });

  it('the head lists the station supervisors; overlapping periods and non-supervisors are refused', async () => {
    ok(await assign(TANGGU));
    const before = written();
    expect(err(await assign(TANGGU, '2025-01-01'))).toMatchObject({ code: 'invalid-argument' });
    expect(
      err(
        await call(ADMIN, 'assignSupervisor', {
          supervisorId: userIdFor(WORKER),
          stationId: TANGGU,
          kind: 'internal',
          from: '2025-01-01',
        }),
      ),
    ).toMatchObject({ code: 'invalid-argument', message: '所选人员不是在职的督导，请先邀请其成为督导' });
    expect(written()).toEqual(before);
    const list = ok(await call<{ items: AssignmentDto[] }>(HEAD, 'listAssignments', { stationId: TANGGU }));
    expect(list.items).toEqual([
      expect.objectContaining({
        supervisorName: '周督导',
        kind: 'external',
        active: true,
        stationId: TANGGU,
      }),
    ]);
    expect(err(await call(HEAD, 'listAssignments', { stationId: DAGANG }))).toEqual(DENIED);
  });
});

describe('sessions: hours once per station present, only where confirmed', () => {
  beforeEach(async () => {
    for (const st of [TANGGU, DAGANG, XINHE]) ok(await assign(st));
  });

  it('a group session for three stations: 3 rows of 2.5 h; confirmed / disputed / pending per station', async () => {
    const id = newId('ses');
    const payload = sessionPayload();
    expect(ok(await submitSession(id, payload))).toEqual({ status: 'received', version: 1 });
    expect(written()).toMatchObject({ sessions: 1, confirmations: 3 });
    // The phone's resend: nothing new. Other content under the same id: conflict, nothing overwritten.
    expect(ok(await submitSession(id, payload))).toEqual({ status: 'duplicate', version: 1 });
    const other = ok(await submitSession(id, { ...payload, hours: 1 }));
    expect(other).toMatchObject({ status: 'conflict', version: 1 });
    expect(written()).toMatchObject({ sessions: 1, confirmations: 3 });

    // Two workers were present: still 2.5 h per station, never 5.
    ok(await call(HEAD, 'confirmSession', { sessionId: id }));
    expect(err(await call(HEAD, 'confirmSession', { sessionId: id }))).toMatchObject({
      code: 'failed-precondition',
    });
    expect(err(await call(HEAD_DAGANG, 'disputeSession', { sessionId: id }))).toMatchObject({
      code: 'invalid-argument',
    });
    ok(await call(HEAD_DAGANG, 'disputeSession', { sessionId: id, reason: '当天本站没有社工参加' }));

    const y = beijingYear(new Date(String(payload.startAt)));
    expect((await summaryOf(HEAD, TANGGU, y)).supervision).toMatchObject({
      confirmedHours: 2.5,
      pendingHours: 0,
      quota: 30,
      met: false,
    });
    expect((await summaryOf(HEAD_DAGANG, DAGANG, y)).supervision).toMatchObject({
      confirmedHours: 0,
      disputedCount: 1,
    });
    expect((await summaryOf(HEAD_XINHE, XINHE, y)).supervision).toMatchObject({
      confirmedHours: 0,
      pendingHours: 2.5,
    });
    expect((await summaryOf(HEAD_XINHE, XINHE, y)).pendingSessionCount).toBe(1);

    // The supervisor's list: per-station answers; pending only while 新河 has not answered.
    const mine = ok(
      await call<SupervisionPage<SessionListItem>>(SUP, 'listMySessions', { pendingOnly: true }),
    );
    expect(mine.items).toHaveLength(1);
    expect(mine.items[0]!.stations).toEqual([
      expect.objectContaining({ stationId: TANGGU, status: 'confirmed' }),
      expect.objectContaining({ stationId: DAGANG, status: 'disputed', reason: '当天本站没有社工参加' }),
      expect.objectContaining({ stationId: XINHE, status: 'pending' }),
    ]);
    expect(mine.items[0]).toMatchObject({ hours: 2.5, workerCount: 2, supervisorKind: 'external' });
    ok(await call(HEAD_XINHE, 'confirmSession', { sessionId: id }));
    expect(
      ok(await call<SupervisionPage<SessionListItem>>(SUP, 'listMySessions', { pendingOnly: true })).items,
    ).toEqual([]);
    expect((await summaryOf(HEAD_XINHE, XINHE, y)).supervision.confirmedHours).toBe(2.5);

    // The head's list, by status.
    const confirmed = ok(
      await call<SupervisionPage<StationSessionItem>>(HEAD, 'listStationSessions', {
        stationId: TANGGU,
        status: 'confirmed',
      }),
    );
    expect(confirmed.items.map((i) => [i.session.id, i.status])).toEqual([[id, 'confirmed']]);
  });

  it('a session on 31 December 23:00–23:30 Beijing counts in that year (the function runs in UTC)', async () => {
    const last = year() - 1;
    const id = newId('ses');
    ok(
      await submitSession(
        id,
        sessionPayload({
          startAt: `${last}-12-31T23:00:00+08:00`,
          endAt: `${last}-12-31T23:30:00+08:00`,
          hours: 0.5,
          stationIds: [TANGGU],
          workerIds: [],
        }),
      ),
    );
    ok(await call(HEAD, 'confirmSession', { sessionId: id }));
    expect((await summaryOf(HEAD, TANGGU, last)).supervision.confirmedHours).toBe(0.5);
    expect((await summaryOf(HEAD, TANGGU, last + 1)).supervision.confirmedHours).toBe(0);
    const s = ok(await call<{ session: SessionDetail }>(HEAD, 'getSession', { sessionId: id })).session;
    expect(s.day).toBe(`${last}-12-31`);
  });

  it('only the head of a station the session lists may confirm or dispute it', async () => {
    const id = newId('ses');
    ok(await submitSession(id, sessionPayload({ stationIds: [TANGGU], workerIds: [] })));
    const before = JSON.stringify(cloud.counts());
    for (const openid of [HEAD_DAGANG, HEAD_HZD, WORKER, SUP, ADMIN]) {
      expect(err(await call(openid, 'confirmSession', { sessionId: id }))).toEqual(DENIED);
    }
    expect(err(await call(HEAD_DAGANG, 'disputeSession', { sessionId: id, reason: '不认可' }))).toEqual(
      DENIED,
    );
    // Only audit entries were written (the denials).
    const after = cloud.counts();
    expect({ ...after, audit_log: 0 }).toEqual({ ...JSON.parse(before), audit_log: 0 });
    const row = await docOf(cloud.db, COLLECTIONS.supervisionConfirmations, `${id}_${TANGGU}`);
    expect(row?.status).toBe('pending');
    ok(await call(HEAD, 'confirmSession', { sessionId: id }));
  });

  it('getSession: the listed stations staff see it whole, case ids only; others are denied', async () => {
    const id = newId('ses');
    ok(await submitSession(id));
    const s = ok(
      await call<{ session: SessionDetail }>(WORKER_ELSEWHERE, 'getSession', { sessionId: id }),
    ).session;
    expect(s).toMatchObject({
      caseIds: ['case-0001', 'case-0002'],
      actionItems: ['下周补齐评估表'],
      hours: 2.5,
    });
    expect(Object.keys(s).sort()).not.toContain('cases');
    ok(await call(SUP, 'getSession', { sessionId: id }));
    expect(err(await call(HEAD_HZD, 'getSession', { sessionId: id }))).toEqual(DENIED);
  });

  it('a station the supervisor is not assigned to today is refused; nothing written', async () => {
    const before = written();
    expect(
      err(await submitSession(newId('ses'), sessionPayload({ stationIds: [TANGGU, HANGZHOUDAO] }))),
    ).toEqual(DENIED);
    expect(written()).toEqual(before);
  });

  const hour = 3600_000;
  const at = (ms: number) => new Date(ms).toISOString();
  it.each([
    [
      'hours not in half-hour steps',
      { hours: 1.2 },
      'payload.hours',
      '督导时长请按半小时填写，例如 1.5 小时',
    ],
    ['zero hours', { hours: 0 }, 'payload.hours', '督导时长请按半小时填写，例如 1.5 小时'],
    [
      'more hours than the clock span',
      { hours: 3.5 },
      'payload.hours',
      '督导时长不能超过开始到结束的时间，请检查',
    ],
    [
      'end before start',
      { startAt: at(Date.now() - 2 * hour), endAt: at(Date.now() - 3 * hour), hours: 1 },
      'payload.endAt',
      '结束时间必须晚于开始时间，请检查',
    ],
    [
      'a future day',
      { startAt: at(Date.now() + 30 * hour), endAt: at(Date.now() + 32 * hour), hours: 1 },
      'payload.startAt',
      '督导日期不能晚于今天，请检查',
    ],
    [
      'a worker of a station not present',
      { stationIds: [TANGGU], workerIds: [userIdFor(WORKER_ELSEWHERE)] },
      'payload.workerIds.0',
      '参加的社工不是所选社工站在职的社工或站长，请重新选择',
    ],
    ['no station', { stationIds: [] }, 'payload.stationIds', '请至少选择一个参加的社工站'],
    ['an unknown form', { form: '同辈' }, 'payload.form', '督导形式不在可选范围内，请重新选择'],
  ])('%s → invalid-argument in Chinese, nothing written', async (_name, over, field, message) => {
    const before = written();
    const e = err(await submitSession(newId('ses'), sessionPayload(over)));
    expect(e).toMatchObject({ code: 'invalid-argument', message });
    expect((e as { details?: { field?: string } }).details?.field ?? field).toBe(field);
    expect(written()).toEqual(before);
  });
});

/** A training record that ended today (Beijing, at the functions' clock). */
const trainingPayload = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  startDay: shiftDay(today(), 0, -1),
  endDay: today(),
  course: '老年社会工作实务培训',
  organiser: '滨海新区民政局',
  kind: '继续教育',
  form: '面授',
  hours: 6,
  ...over,
});
const submitTraining = (
  openid: string,
  id: string,
  payload = trainingPayload(),
  extra: Record<string, unknown> = {},
) => call<SubmitReply>(openid, 'submitTraining', { id, version: 1, payload, ...extra });
const summary = async (openid: string, workerId?: string) =>
  ok(await call<{ summary: TrainingSummary }>(openid, 'getTrainingSummary', workerId ? { workerId } : {}))
    .summary;

describe('training records (学时)', () => {
  it('the worker records, the head confirms or returns; only confirmed hours count', async () => {
    const a = newId('tr');
    expect(ok(await submitTraining(WORKER, a))).toEqual({ status: 'received', version: 1 });
    expect(ok(await submitTraining(WORKER, a))).toEqual({ status: 'duplicate', version: 1 });
    expect(ok(await submitTraining(WORKER, a, trainingPayload({ hours: 8 })))).toMatchObject({
      status: 'conflict',
    });
    expect(await summary(WORKER)).toMatchObject({ yearHours: 0, yearPendingHours: 6, yearQuota: 30 });
    // The head records 4 h for the worker; returns it.
    const b = newId('tr');
    ok(await submitTraining(HEAD, b, trainingPayload({ workerId: userIdFor(WORKER), hours: 4 })));
    const pending = ok(
      await call<SupervisionPage<TrainingDto>>(HEAD, 'listStationTraining', {
        stationId: TANGGU,
        status: 'pending',
      }),
    );
    expect(pending.items.map((r) => r.id).sort()).toEqual([a, b].sort());
    expect(err(await call(WORKER, 'confirmTraining', { recordId: a }))).toEqual(DENIED);
    ok(await call(HEAD, 'confirmTraining', { recordId: a }));
    expect(err(await call(HEAD, 'confirmTraining', { recordId: a }))).toMatchObject({
      code: 'failed-precondition',
    });
    const returned = ok(
      await call<{ record: TrainingDto }>(HEAD, 'returnTraining', { recordId: b, reason: '学时与证书不符' }),
    );
    expect(returned.record).toMatchObject({
      status: 'returned',
      reason: '学时与证书不符',
      recordedBy: userIdFor(HEAD),
    });
    expect(await summary(WORKER)).toMatchObject({ yearHours: 6, yearPendingHours: 0 });
    expect(await summary(HEAD, userIdFor(WORKER))).toMatchObject({ yearHours: 6 });
    const mine = ok(await call<SupervisionPage<TrainingDto>>(WORKER, 'listTraining'));
    expect(mine.items.map((r) => [r.id, r.status]).sort()).toEqual(
      [
        [a, 'confirmed'],
        [b, 'returned'],
      ].sort(),
    );
  });

  it('a head cannot confirm their own record (the district does); nobody records for another station', async () => {
    const own = newId('tr');
    ok(await submitTraining(HEAD, own));
    expect(err(await call(HEAD, 'confirmTraining', { recordId: own }))).toMatchObject({
      code: 'failed-precondition',
      message: '自己的学时记录需要由区民政局确认',
    });
    ok(await call(ADMIN, 'confirmTraining', { recordId: own }));
    const before = written();
    expect(
      err(
        await submitTraining(WORKER, newId('tr'), trainingPayload({ workerId: userIdFor(WORKER_ELSEWHERE) })),
      ),
    ).toEqual(DENIED);
    expect(
      err(
        await submitTraining(HEAD, newId('tr'), trainingPayload({ workerId: userIdFor(WORKER_ELSEWHERE) })),
      ),
    ).toEqual(DENIED);
    expect(err(await call(HEAD, 'getTrainingSummary', { workerId: userIdFor(WORKER_ELSEWHERE) }))).toEqual(
      DENIED,
    );
    expect(written()).toEqual(before);
  });

  it('a degree (学历) counts once as 90 h; the registration period counter and its end flag', async () => {
    // Registered so that the current period ends in 30 days: 社会工作师 → 90 h per period.
    const registeredOn = shiftDay(today(), -3, 30);
    await cloud.db
      .collection(COLLECTIONS.users)
      .doc(userIdFor(WORKER))
      .update({
        data: {
          qualification: {
            kind: '社会工作师',
            number: 'TJ-2023-1',
            registrationStatus: 'registered',
            registeredOn,
          },
        },
      });
    for (const [hours, form] of [
      [300, '学历'],
      [200, '学历'],
      [6, '面授'],
    ] as const) {
      const id = newId('tr');
      ok(await submitTraining(WORKER, id, trainingPayload({ hours, form })));
      ok(await call(HEAD, 'confirmTraining', { recordId: id }));
    }
    const s = await summary(WORKER);
    expect(s.yearHours).toBe(96);
    const to = shiftDay(registeredOn, 3, -1);
    expect(s.period).toEqual({
      from: registeredOn,
      to,
      index: 1,
      quota: 90,
      hours: 96,
      daysLeft: daysFromTo(today(), to),
      endingSoon: true,
    });
    expect(s.certificateKind).toBe('社会工作师');
  });

  it('a record ending 31 December counts in that year, not the next', async () => {
    const last = year() - 1;
    const id = newId('tr');
    ok(
      await submitTraining(
        WORKER,
        id,
        trainingPayload({ startDay: `${last}-12-30`, endDay: `${last}-12-31` }),
      ),
    );
    ok(await call(HEAD, 'confirmTraining', { recordId: id }));
    expect(await summary(WORKER)).toMatchObject({ year: last + 1, yearHours: 0 });
    const list = ok(await call<SupervisionPage<TrainingDto>>(WORKER, 'listTraining', { year: last }));
    expect(list.items.map((r) => [r.id, r.year, r.status])).toEqual([[id, last, 'confirmed']]);
    expect((await summaryOf(HEAD, TANGGU, last)).training).toContainEqual(
      expect.objectContaining({ workerId: userIdFor(WORKER), hours: 6 }),
    );
  });

  it('a worker who changes station mid-year keeps every hour; each record stays with the station it was made at', async () => {
    const first = newId('tr');
    ok(await submitTraining(WORKER, first, trainingPayload({ hours: 12 })));
    ok(await call(HEAD, 'confirmTraining', { recordId: first }));
    await cloud.db
      .collection(COLLECTIONS.users)
      .doc(userIdFor(WORKER))
      .update({ data: { stationId: DAGANG } });
    const second = newId('tr');
    ok(await submitTraining(WORKER, second, trainingPayload({ hours: 10 })));
    // The new station's head confirms the new record; the old head no longer reaches the worker.
    expect(err(await call(HEAD, 'confirmTraining', { recordId: second }))).toEqual(DENIED);
    ok(await call(HEAD_DAGANG, 'confirmTraining', { recordId: second }));
    expect(await summary(WORKER)).toMatchObject({ yearHours: 22 });
    const dagang = await summaryOf(HEAD_DAGANG, DAGANG);
    expect(dagang.training).toContainEqual(
      expect.objectContaining({ workerId: userIdFor(WORKER), hours: 22, quota: 30, met: false }),
    );
    const tanggu = await summaryOf(HEAD, TANGGU);
    expect(tanggu.training.map((t) => t.workerId)).not.toContain(userIdFor(WORKER));
    const oldList = ok(
      await call<SupervisionPage<TrainingDto>>(HEAD, 'listStationTraining', { stationId: TANGGU }),
    );
    expect(oldList.items.map((r) => r.id)).toEqual([first]);
  });

  it('a certificate photo from the record folder is linked for the head; one from elsewhere is refused', async () => {
    const id = newId('tr');
    const up = await sdk().uploadFile({
      cloudPath: `outbox/training/${id}/0.jpg`,
      fileContent: Buffer.from('jpeg'),
    });
    ok(
      await submitTraining(WORKER, id, trainingPayload({ certificateFileId: up.fileID }), {
        fileIds: [up.fileID],
      }),
    );
    const list = ok(
      await call<SupervisionPage<TrainingDto>>(HEAD, 'listStationTraining', { stationId: TANGGU }),
    );
    expect(list.items[0]).toMatchObject({
      hasCertificate: true,
      certificateUrl: expect.stringMatching(/^https?:/),
    });
    const before = written();
    const other = newId('tr');
    expect(
      err(
        await submitTraining(WORKER, other, trainingPayload({ certificateFileId: up.fileID }), {
          fileIds: [up.fileID],
        }),
      ),
    ).toMatchObject({
      code: 'invalid-argument',
      message: '证书照片不是这条学时记录上传的，请重新拍照后再提交',
    });
    expect(written()).toEqual(before);
  });

  it.each([
    ['zero hours', { hours: 0 }, '学时请按半小时填写，大于 0 且不超过 500，例如 1.5'],
    ['negative hours', { hours: -2 }, '学时请按半小时填写，大于 0 且不超过 500，例如 1.5'],
    ['quarter hours', { hours: 1.25 }, '学时请按半小时填写，大于 0 且不超过 500，例如 1.5'],
    [
      'end before start',
      { startDay: '2026-03-05', endDay: '2026-03-01' },
      '结束日期不能早于开始日期，请检查',
    ],
    ['an unknown kind', { kind: '其他' }, '培训类别不在可选范围内，请重新选择'],
  ])('%s → invalid-argument in Chinese, nothing written', async (_name, over, message) => {
    const before = written();
    expect(err(await submitTraining(WORKER, newId('tr'), trainingPayload(over)))).toMatchObject({
      code: 'invalid-argument',
      message,
    });
    expect(written()).toEqual(before);
  });

  it('a training that ends tomorrow (Beijing) is refused as not finished; nothing written', async () => {
    const before = written();
    const tomorrow = shiftDay(today(), 0, 1);
    expect(
      err(await submitTraining(WORKER, newId('tr'), trainingPayload({ endDay: tomorrow }))),
    ).toMatchObject({
      code: 'invalid-argument',
      message: '培训还没有结束，请在结束后再记录',
    });
    expect(written()).toEqual(before);
  });
});

describe('qualified staff', () => {
  it('counts by isQualified with a reason for each, flagged below 2', async () => {
    const setQ = (openid: string, q: Record<string, unknown> | null) =>
      cloud.db
        .collection(COLLECTIONS.users)
        .doc(userIdFor(openid))
        .update({ data: { qualification: q } });
    await setQ(WORKER, {
      kind: '社会工作师',
      number: 'TJ-1',
      registrationStatus: 'registered',
      registeredOn: '2024-03-01',
    });
    await setQ(HEAD, {
      kind: '助理社会工作师',
      number: 'TJ-2',
      registrationStatus: 'pending',
      registeredOn: null,
    });
    const out = ok(await call<QualifiedStaffOutput>(HEAD, 'listQualifiedStaff', { stationId: TANGGU }));
    expect(out).toMatchObject({ qualifiedCount: 1, minimum: 2, belowMinimum: true });
    expect(out.items.map((i) => [i.userId, i.qualified, i.reason]).sort()).toEqual(
      [
        [userIdFor(WORKER), true, '持有社会工作师，已在天津注册登记'],
        [userIdFor(HEAD), false, '持有助理社会工作师，注册登记办理中'],
      ].sort(),
    );
    expect((await summaryOf(HEAD, TANGGU)).qualified).toEqual({ count: 1, minimum: 2, belowMinimum: true });
    await setQ(HEAD, {
      kind: '助理社会工作师',
      number: 'TJ-2',
      registrationStatus: 'registered',
      registeredOn: '2025-01-01',
    });
    expect((await summaryOf(HEAD, TANGGU)).qualified).toEqual({ count: 2, minimum: 2, belowMinimum: false });
  });
});
