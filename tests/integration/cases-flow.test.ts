/**
 * Issue 11 through the real SDK on the emulator: a case through the six
 * stages with both approvals, refusals that send it back, moves the table
 * refuses, stale versions, transfer, referral, reopen and the quota count,
 * intervention notes from the outbox (received / duplicate / update /
 * conflict), attachments as short-lived links, and bad input (Chinese
 * message, nothing written).
 */
import { COLLECTIONS } from '../../shared/src/collections';
import type {
  AddCaseNoteOutput,
  CaseDetail,
  CaseFollowUpDto,
  CaseListItem,
  CaseNoteDto,
  CaseWriteOutput,
  CasesPage,
  CompletedCasesCount,
  OpenCaseOutput,
} from '../../shared/src/contracts/cases';
import { beijingYear } from '../../shared/src/calendar';
import { addDays } from '../../shared/src/domain/slot';
import { userIdFor } from '../../cloudfunctions/_lib/authz';
import { useTestCloud } from '../helpers/cloud';
import {
  OTHER_WORKER,
  RECORDS,
  SUPERVISOR_UNASSIGNED,
  WORKER_3,
  addPerson,
  callCases,
  caseDoc,
  driveTo,
  noteEvent,
  openTestCase,
  seedCasesExtras,
} from './cases-fixtures';
import { auditOf, newId, seedFilesExtras } from './files-fixtures';
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

const cloud = useTestCloud({ functions: ['cases'] });
beforeEach(async () => {
  await seedRequestsFixtures(cloud);
  await seedFilesExtras(cloud.db);
  await seedCasesExtras(cloud);
});

const ADMIN = 'demo-admin-1';
const DENIED = { code: 'permission-denied', message: '您没有权限进行此操作' };
const call = <T>(openid: string, action: string, input: Record<string, unknown>) =>
  callCases<T>(cloud, openid, action, input);
const getCase = async (openid: string, caseId: string): Promise<CaseDetail> =>
  ok(await call<{ case: CaseDetail }>(openid, 'getCase', { caseId })).case;
const written = () => {
  const c = cloud.counts();
  return { cases: c[COLLECTIONS.cases] ?? 0, notes: c[COLLECTIONS.caseNotes] ?? 0 };
};
const thisYear = () => beijingYear(new Date());
const count = (openid: string, input: Record<string, unknown> = {}) =>
  call<CompletedCasesCount>(openid, 'countCompletedCases', { year: thisYear(), ...input });

describe('the six stages', () => {
  it('接案 → 预估 → 计划 → 介入 → 评估 → 结案 with both approvals; every change with who and when; counts once', async () => {
    const { caseId } = await openTestCase(cloud);
    const version = await driveTo(cloud, caseId, 'closed');
    const c = await getCase(WORKER, caseId);
    expect(c).toMatchObject({
      status: 'closed',
      stage: 'closure',
      version,
      view: 'team',
      completedYear: thisYear(),
    });
    expect(c.persons[0]?.name).toBe('张桂兰');
    expect(c.records.plan?.goals.map((g) => g.id)).toEqual(['g1', 'g2']);
    expect(c.records.evaluation?.goals.map((g) => g.attainment)).toEqual(['达成', '部分达成']);
    expect(c.noteCount).toBe(1);
    expect(c.history.map((e) => [e.kind, e.to])).toEqual([
      ['open', 'intake'],
      ['accept', 'assessment'],
      ['submitAssessment', 'plan'],
      ['submitPlan', 'plan_review'],
      ['approvePlan', 'intervention'],
      ['startEvaluation', 'evaluation'],
      ['startClosure', 'closure'],
      ['submitClosure', 'closure_review'],
      ['approveClosure', 'closed'],
    ]);
    const byOf = (kind: string) => c.history.find((e) => e.kind === kind)?.by;
    expect(byOf('accept')).toBe(userIdFor(WORKER));
    expect(byOf('approvePlan')).toBe(userIdFor(HEAD));
    expect(byOf('approveClosure')).toBe(userIdFor(HEAD));
    expect(c.history.every((e) => !Number.isNaN(Date.parse(e.at)))).toBe(true);
    // The stored quota fields.
    expect(await caseDoc(cloud, caseId)).toMatchObject({ completedYear: thisYear(), referralClosure: false });
    // Counted for the station, for the head, for the district (counts only).
    expect(ok(await count(HEAD, { stationId: TANGGU }))).toMatchObject({
      total: 1,
      byStation: [{ stationId: TANGGU, count: 1 }],
      policy: { referralCounts: false },
    });
    expect(ok(await count(ADMIN)).byStation).toEqual([{ stationId: TANGGU, count: 1 }]);
    expect(ok(await count(HEAD, { year: thisYear() - 1 })).total).toBe(0);
    // The 回访 on its day is on the lead worker's list, and done once.
    const due = ok(
      await call<CasesPage<CaseFollowUpDto>>(WORKER, 'listMyCaseFollowUps', {
        day: RECORDS.closure.followUpDay,
      }),
    );
    expect(due.items.map((f) => [f.caseId, f.followUpDay])).toEqual([[caseId, '2026-07-10']]);
    expect(
      ok(await call<CasesPage<CaseFollowUpDto>>(WORKER, 'listMyCaseFollowUps', { day: '2026-07-09' })).items,
    ).toEqual([]);
    ok(await call(WORKER, 'completeCaseFollowUp', { caseId, note: '电话回访，老人状况稳定' }));
    expect(
      ok(await call<CasesPage<CaseFollowUpDto>>(WORKER, 'listMyCaseFollowUps', { day: '2026-07-10' })).items,
    ).toEqual([]);
    expect(err(await call(WORKER, 'completeCaseFollowUp', { caseId, note: '再次回访' })).code).toBe(
      'failed-precondition',
    );
  });

  it('a resend of openCase is a duplicate (nothing written); the id with other content is refused', async () => {
    const personId = await addPerson(cloud);
    const event = { id: newId('case'), stationId: TANGGU, personIds: [personId], source: 'outreach' };
    expect(ok(await call<OpenCaseOutput>(WORKER, 'openCase', event)).outcome).toBe('created');
    const before = written();
    expect(ok(await call<OpenCaseOutput>(WORKER, 'openCase', event)).outcome).toBe('duplicate');
    expect(written()).toEqual(before);
    expect(
      err(await call(WORKER, 'openCase', { ...event, source: 'referral_in', referredBy: '街道办' })).code,
    ).toBe('already-exists');
  });
});

describe('approvals', () => {
  it('a refusal needs a reason, sends the case back, waits on the lead worker; the assigned supervisor approves', async () => {
    const { caseId } = await openTestCase(cloud);
    let version = await driveTo(cloud, caseId, 'plan_review');
    const noReason = err(await call(HEAD, 'decideApproval', { caseId, version, decision: 'refusePlan' }));
    expect(noReason).toMatchObject({ code: 'failed-precondition', message: '请填写原因，方便社工了解情况' });
    expect((await caseDoc(cloud, caseId)).version).toBe(version);

    const refused = ok(
      await call<CaseWriteOutput>(SUPERVISOR, 'decideApproval', {
        caseId,
        version,
        decision: 'refusePlan',
        reason: '目标二不可衡量，请写明扶手数量',
      }),
    );
    expect(refused.status).toBe('plan');
    version = refused.version;
    const c = await getCase(WORKER, caseId);
    expect(c.refusal).toMatchObject({
      action: 'refusePlan',
      reason: '目标二不可衡量，请写明扶手数量',
      by: userIdFor(SUPERVISOR),
    });
    const waiting = ok(await call<CasesPage<CaseListItem>>(WORKER, 'listMyCases', { waitingOnly: true }));
    expect(waiting.items.map((i) => [i.id, i.waiting])).toEqual([[caseId, ['plan-refused']]]);

    version = ok(
      await call<CaseWriteOutput>(WORKER, 'advanceCase', { caseId, version, move: 'submitPlan' }),
    ).version;
    const pending = ok(
      await call<CasesPage<CaseListItem>>(SUPERVISOR, 'listPendingApprovals', { stationId: TANGGU }),
    );
    expect(pending.items.map((i) => i.id)).toEqual([caseId]);
    const approved = ok(
      await call<CaseWriteOutput>(SUPERVISOR, 'decideApproval', { caseId, version, decision: 'approvePlan' }),
    );
    expect(approved.status).toBe('intervention');
    expect((await getCase(WORKER, caseId)).refusal).toBeNull();

    version = await driveTo(cloud, caseId, 'closure_review');
    const back = ok(
      await call<CaseWriteOutput>(HEAD, 'decideApproval', {
        caseId,
        version,
        decision: 'refuseClosure',
        reason: '请补充回访安排',
      }),
    );
    expect(back.status).toBe('closure');
    expect(
      ok(await call<CasesPage<CaseListItem>>(WORKER, 'listMyCases', { waitingOnly: true })).items[0]?.waiting,
    ).toEqual(['closure-refused']);
  });

  it('a worker cannot approve; a supervisor not assigned to the case cannot either', async () => {
    const { caseId } = await openTestCase(cloud);
    const version = await driveTo(cloud, caseId, 'plan_review');
    expect(err(await call(WORKER, 'decideApproval', { caseId, version, decision: 'approvePlan' }))).toEqual(
      DENIED,
    );
    expect(
      err(await call(SUPERVISOR_UNASSIGNED, 'decideApproval', { caseId, version, decision: 'approvePlan' })),
    ).toEqual(DENIED);
    expect((await caseDoc(cloud, caseId)).status).toBe('plan_review');
  });
});

describe('moves the lifecycle refuses', () => {
  it('invalid moves, incomplete records and stale versions are refused with nothing written', async () => {
    const { caseId } = await openTestCase(cloud, { intake: { presentingProblem: '需要帮助' } });
    const before = JSON.stringify(await caseDoc(cloud, caseId));
    const refuse = async (input: Record<string, unknown>, message: string) => {
      const e = err(await call(WORKER, 'advanceCase', { caseId, version: 1, ...input }));
      expect(e).toMatchObject({ code: 'failed-precondition', message });
    };
    await refuse({ move: 'submitPlan' }, '个案当前的阶段不能进行这个操作，请刷新后查看最新状态');
    await refuse({ move: 'startClosure' }, '个案当前的阶段不能进行这个操作，请刷新后查看最新状态');
    await refuse({ move: 'accept' }, '请先记录服务对象同意接受服务（知情同意）后再接案');
    await refuse({ move: 'decline' }, '请填写原因，方便社工了解情况');
    // A record of another stage than the current one.
    expect(
      err(await call(WORKER, 'saveStageRecord', { caseId, version: 1, stage: 'plan', record: RECORDS.plan }))
        .code,
    ).toBe('failed-precondition');
    // A stale version (another device saved in between).
    const e = err(
      await call(WORKER, 'saveStageRecord', { caseId, version: 2, stage: 'intake', record: RECORDS.intake }),
    );
    expect(e).toMatchObject({
      code: 'failed-precondition',
      message: '有人刚刚修改了这个个案，请刷新后查看最新内容再操作',
    });
    expect(JSON.stringify(await caseDoc(cloud, caseId))).toBe(before);

    // Declined with a reason: final.
    const declined = ok(
      await call<CaseWriteOutput>(WORKER, 'advanceCase', {
        caseId,
        version: 1,
        move: 'decline',
        reason: '不属于本站服务范围',
      }),
    );
    expect(declined).toMatchObject({ status: 'declined', version: 2 });
    expect((await getCase(WORKER, caseId)).allowed).toMatchObject({ edit: false, moves: [], reopen: false });
  });

  it('two devices saving the same draft: the second, at the old version, is told to refresh', async () => {
    const { caseId } = await openTestCase(cloud);
    const a = ok(
      await call<CaseWriteOutput>(WORKER, 'saveStageRecord', {
        caseId,
        version: 1,
        stage: 'intake',
        record: { ...RECORDS.intake, background: '手机一' },
      }),
    );
    expect(a.version).toBe(2);
    const b = err(
      await call(WORKER, 'saveStageRecord', {
        caseId,
        version: 1,
        stage: 'intake',
        record: { ...RECORDS.intake, background: '手机二' },
      }),
    );
    expect(b.code).toBe('failed-precondition');
    expect((await getCase(WORKER, caseId)).records.intake?.background).toBe('手机一');
  });
});

describe('transfer and referral', () => {
  it('the lead hands the case to another worker of the station: the old lead loses it, the new one has it', async () => {
    const { caseId } = await openTestCase(cloud);
    const out = ok(
      await call<CaseWriteOutput & { leadWorkerId: string }>(WORKER, 'updateCaseTeam', {
        caseId,
        version: 1,
        leadWorkerId: userIdFor(WORKER_3),
        reason: '原社工调岗',
      }),
    );
    expect(out.leadWorkerId).toBe(userIdFor(WORKER_3));
    expect(err(await call(WORKER, 'getCase', { caseId }))).toEqual(DENIED);
    const c = await getCase(WORKER_3, caseId);
    expect(c.history.at(-1)).toMatchObject({
      kind: 'transfer',
      by: userIdFor(WORKER),
      detail: userIdFor(WORKER_3),
    });
    // Not to a worker of another station; the supervisor only by the head.
    const elsewhere = err(
      await call(WORKER_3, 'updateCaseTeam', {
        caseId,
        version: out.version,
        leadWorkerId: userIdFor(WORKER_ELSEWHERE),
      }),
    );
    expect(elsewhere).toMatchObject({
      code: 'invalid-argument',
      message: '负责社工不是本站在职的社工或站长，请重新选择',
    });
    expect(
      err(
        await call(WORKER_3, 'updateCaseTeam', {
          caseId,
          version: out.version,
          supervisorId: userIdFor(SUPERVISOR_UNASSIGNED),
        }),
      ),
    ).toEqual(DENIED);
    const bySupervisor = ok(
      await call<CaseWriteOutput & { supervisorId: string }>(HEAD, 'updateCaseTeam', {
        caseId,
        version: out.version,
        supervisorId: userIdFor(SUPERVISOR_UNASSIGNED),
      }),
    );
    expect(bySupervisor.supervisorId).toBe(userIdFor(SUPERVISOR_UNASSIGNED));
    expect((await getCase(SUPERVISOR_UNASSIGNED, caseId)).view).toBe('supervisor');
    expect(err(await call(SUPERVISOR, 'getCase', { caseId }))).toEqual(DENIED);
  });

  it('refer out = a 转介 closure with the destination, approved; it does not count by default', async () => {
    const { caseId } = await openTestCase(cloud);
    const version = await driveTo(cloud, caseId, 'intervention');
    const sameStation = err(
      await call(WORKER, 'referCase', {
        caseId,
        version,
        referral: { kind: '社工站', stationId: TANGGU, name: '本站' },
        summary: '转介',
      }),
    );
    expect(sameStation.code).toBe('invalid-argument');
    expect(sameStation.message).toBe('转介的社工站不能是本站，请重新选择');
    const referred = ok(
      await call<CaseWriteOutput>(WORKER, 'referCase', {
        caseId,
        version,
        referral: { kind: '社工站', stationId: DAGANG, name: '大港街道社工站', contact: '022-12345678' },
        summary: '服务对象搬到大港居住，转介当地社工站继续跟进',
        followUpDay: '2026-08-01',
      }),
    );
    expect(referred.status).toBe('closure_review');
    ok(await call(HEAD, 'decideApproval', { caseId, version: referred.version, decision: 'approveClosure' }));
    const c = await getCase(WORKER, caseId);
    expect(c).toMatchObject({ status: 'closed', closureType: '转介', completedYear: null });
    expect(c.records.closure?.referral).toMatchObject({ kind: '社工站', stationId: DAGANG });
    expect(c.history.map((e) => e.kind)).toContain('refer');
    // No evaluation: the stored year is null anyway; the count is 0.
    expect(ok(await count(HEAD, { stationId: TANGGU })).total).toBe(0);
  });
});

describe('reopen', () => {
  it('a reopened case no longer counts until its closure is approved again', async () => {
    const { caseId } = await openTestCase(cloud);
    let version = await driveTo(cloud, caseId, 'closed');
    expect(ok(await count(HEAD, { stationId: TANGGU })).total).toBe(1);
    expect(err(await call(WORKER, 'reopenCase', { caseId, version })).code).toBe('invalid-argument');
    const reopened = ok(
      await call<CaseWriteOutput>(WORKER, 'reopenCase', {
        caseId,
        version,
        reason: '老人再次跌倒，需要继续服务',
      }),
    );
    expect(reopened.status).toBe('intervention');
    expect(await caseDoc(cloud, caseId)).toMatchObject({ completedYear: null, closureApprovedAt: null });
    expect(ok(await count(HEAD, { stationId: TANGGU })).total).toBe(0);
    version = await driveTo(cloud, caseId, 'closed');
    expect(ok(await count(HEAD, { stationId: TANGGU })).total).toBe(1);
    expect((await getCase(WORKER, caseId)).history.filter((e) => e.kind === 'approveClosure')).toHaveLength(
      2,
    );
  });
});

describe('intervention notes from the outbox', () => {
  it('received, duplicate (nothing written), update of the device’s own version, conflict kept beside the note', async () => {
    const { caseId } = await openTestCase(cloud);
    await driveTo(cloud, caseId, 'intervention');
    const v1 = noteEvent(caseId);
    expect(ok(await call<AddCaseNoteOutput>(WORKER, 'addCaseNote', v1))).toEqual({
      status: 'received',
      version: 1,
    });
    const before = written();
    const stored = JSON.stringify(await cloud.db.collection(COLLECTIONS.caseNotes).doc(v1.id).get());
    expect(ok(await call<AddCaseNoteOutput>(WORKER, 'addCaseNote', v1))).toEqual({
      status: 'duplicate',
      version: 1,
    });
    expect(written()).toEqual(before);
    expect(JSON.stringify(await cloud.db.collection(COLLECTIONS.caseNotes).doc(v1.id).get())).toBe(stored);

    const v2 = { ...v1, version: 2, baseVersion: 1, payload: { ...v1.payload, minutes: 90 } };
    expect(ok(await call<AddCaseNoteOutput>(WORKER, 'addCaseNote', v2)).status).toBe('received');
    // Another phone edited version 1 too: a conflict, kept, never applied.
    const other = { ...v1, version: 2, baseVersion: 1, payload: { ...v1.payload, minutes: 30 } };
    const conflict = ok(await call<AddCaseNoteOutput>(WORKER, 'addCaseNote', other));
    expect(conflict).toMatchObject({ status: 'conflict', version: 2 });
    expect(ok(await call<AddCaseNoteOutput>(WORKER, 'addCaseNote', other)).status).toBe('conflict');
    const notes = ok(await call<CasesPage<CaseNoteDto>>(WORKER, 'listCaseNotes', { caseId }));
    expect(notes.items.map((n) => [n.id, n.version, n.minutes, n.conflictCount])).toEqual([
      [v1.id, 2, 90, 1],
    ]);
    expect(await caseDoc(cloud, caseId)).toMatchObject({ noteCount: 1, lastNoteDay: v1.payload.day });
    // The latest session day only moves forward: a note of an earlier session does not move it back.
    ok(await call(WORKER, 'addCaseNote', noteEvent(caseId, { day: '2026-01-02' })));
    expect(await caseDoc(cloud, caseId)).toMatchObject({ noteCount: 2, lastNoteDay: v1.payload.day });
    // A later one does (tomorrow: a phone clock a little ahead is tolerated).
    const tomorrow = addDays(v1.payload.day, 1);
    ok(await call(WORKER, 'addCaseNote', noteEvent(caseId, { day: tomorrow })));
    expect(await caseDoc(cloud, caseId)).toMatchObject({ noteCount: 3, lastNoteDay: tomorrow });
  });

  it('refused before the plan is approved, for a goal not in the plan, and for a case of someone else', async () => {
    const { caseId } = await openTestCase(cloud);
    const early = err(await call(WORKER, 'addCaseNote', noteEvent(caseId)));
    expect(early).toMatchObject({
      code: 'failed-precondition',
      message: '服务计划批准后才能记录介入服务，请先提交计划审批',
    });
    await driveTo(cloud, caseId, 'intervention');
    const before = written();
    const badGoal = err(await call(WORKER, 'addCaseNote', noteEvent(caseId, { goalIds: ['g9'] })));
    expect(badGoal).toMatchObject({
      code: 'invalid-argument',
      message: '对应目标不在服务计划中，请重新选择',
    });
    expect(err(await call(OTHER_WORKER, 'addCaseNote', noteEvent(caseId)))).toEqual(DENIED);
    expect(written()).toEqual(before);
  });
});

describe('attachments', () => {
  it('a scanned form under cases/<id>/ comes back as a short-lived link for the team; elsewhere refused', async () => {
    const { caseId } = await openTestCase(cloud);
    const up = await sdk().uploadFile({
      cloudPath: `cases/${caseId}/consent-1.jpg`,
      fileContent: Buffer.from('scan'),
    });
    ok(await call(WORKER, 'addCaseAttachment', { caseId, fileId: up.fileID, kind: '知情同意书' }));
    // Again: nothing new.
    ok(await call(WORKER, 'addCaseAttachment', { caseId, fileId: up.fileID, kind: '知情同意书' }));
    const c = await getCase(HEAD, caseId);
    expect(c.attachments).toHaveLength(1);
    expect(c.attachments[0]?.url).toMatch(/^https?:\/\//);
    expect((await getCase(SUPERVISOR, caseId)).attachments[0]?.url).toBeNull();
    const elsewhere = await sdk().uploadFile({
      cloudPath: `outbox/visit/v-12345678/1.jpg`,
      fileContent: Buffer.from('x'),
    });
    const e = err(
      await call(WORKER, 'addCaseAttachment', { caseId, fileId: elsewhere.fileID, kind: '照片' }),
    );
    expect(e).toMatchObject({ code: 'invalid-argument', message: '附件不是这个个案上传的，请重新上传' });
  });
});

describe('bad input: a Chinese message, nothing written', () => {
  it('openCase with a person of another station, a worker of another station, a missing origin', async () => {
    const base = { stationId: TANGGU, source: 'outreach', personIds: [await addPerson(cloud)] };
    const before = written();
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ personIds: ['p-not-here'] }, '服务对象不是本站的服务对象档案，请先建档或重新选择'],
      [{ leadWorkerId: userIdFor(WORKER_ELSEWHERE) }, '负责社工不是本站在职的社工或站长，请重新选择'],
      [{ supervisorId: userIdFor('test-supervisor-dagang') }, '所选督导没有负责本站，请重新选择'],
      [
        { source: 'resident_request', originId: 'req-missing-1' },
        '没有找到本站的来源求助或走访记录，请重新选择',
      ],
      [{ source: 'resident_request' }, '请选择个案来源的求助或走访记录'],
      [{ source: 'referral_in' }, '请填写转介来源（哪个单位转来）'],
      [{ personIds: [] }, '请至少选择一位服务对象'],
      [{ source: '随便' }, '个案来源不在可选范围内，请重新选择'],
      [{ role: 'station_head', extra: 1 }, '请求中包含不支持的内容，请更新小程序后再试'],
    ];
    for (const [over, message] of cases) {
      const e = err(await call(WORKER, 'openCase', { id: newId('case'), ...base, ...over }));
      expect([e.code, e.message]).toEqual(['invalid-argument', message]);
    }
    expect(written()).toEqual(before);
  });

  it('stage records: text too long, control characters, duplicate goal ids, a goal evaluated twice', async () => {
    const { caseId } = await openTestCase(cloud);
    const before = JSON.stringify(await caseDoc(cloud, caseId));
    const save = (stage: string, record: Record<string, unknown>) =>
      call(WORKER, 'saveStageRecord', { caseId, version: 1, stage, record });
    expect(err(await save('intake', { presentingProblem: '问'.repeat(2001) })).message).toBe(
      '主要问题请不要超过 2000 个字',
    );
    expect(err(await save('intake', { presentingProblem: '跌倒\u0000' })).message).toBe(
      '主要问题包含无法识别的字符，请重新输入',
    );
    expect(
      err(
        await save('plan', {
          goals: [
            { id: 'g1', goal: '外出', measure: '次数' },
            { id: 'g1', goal: '扶手', measure: '安装' },
          ],
        }),
      ).message,
    ).toBe('目标编号有重复，请重新添加目标');
    expect(
      err(
        await save('evaluation', {
          goals: [
            { goalId: 'g1', attainment: '达成' },
            { goalId: 'g1', attainment: '未达成' },
          ],
        }),
      ).message,
    ).toBe('同一个目标请只评估一次');
    expect(err(await save('memo', {})).message).toBe('记录的阶段不对，请刷新后再试');
    expect(err(await save('intake', { consent: { given: true } })).message).toBe('请选择知情同意方式');
    expect(JSON.stringify(await caseDoc(cloud, caseId))).toBe(before);
  });

  it('every opening of a case is audited as a personal read', async () => {
    const { caseId } = await openTestCase(cloud);
    await getCase(HEAD, caseId);
    await getCase(SUPERVISOR, caseId);
    const entries = await auditOf(cloud.db, 'cases.getCase');
    expect(entries.filter((e) => e.outcome === 'ok' && e.targetId === caseId)).toHaveLength(2);
  });
});
