/**
 * Fixtures of the cases integration tests (issue 11): the extra staff a
 * hidden-record probe needs (a second 塘沽 worker not on the case, a
 * supervisor of 塘沽 not assigned to it), valid stage records, and a helper
 * that walks a case through the real function to a given status.
 */
import { COLLECTIONS } from '../../shared/src/collections';
import type { CaseWriteOutput, OpenCaseOutput } from '../../shared/src/contracts/cases';
import type { CaseStatus } from '../../shared/src/domain/case';
import { PRIVACY_NOTICE_VERSION } from '../../shared/src/domain/account';
import type { Role } from '../../shared/src/auth/roles';
import { userIdFor } from '../../cloudfunctions/_lib/authz';
import type { TestCloud } from '../helpers/cloud';
import { addPersons, newId, todayNow } from './files-fixtures';
import { HEAD, SUPERVISOR, TANGGU, WORKER, ok } from './requests-fixtures';

/** A second 塘沽 worker, never put on the test cases. */
export const OTHER_WORKER = 'test-worker-tanggu-2';
/** A third 塘沽 worker (the transfer target). */
export const WORKER_3 = 'test-worker-tanggu-3';
/** A supervisor of 塘沽 not assigned to the test cases. */
export const SUPERVISOR_UNASSIGNED = 'test-supervisor-tanggu-2';

const run = async <T>(p: Promise<T> | void | string): Promise<T> => {
  if (!p || typeof p === 'string') throw new Error('no promise');
  return p;
};

/** Adds a staff account straight into the database. */
export async function addStaff(
  cloud: TestCloud,
  openid: string,
  role: Role,
  station: { stationId?: string | null; stationIds?: string[] },
): Promise<void> {
  await run(
    cloud.db.collection(COLLECTIONS.users).add({
      data: {
        _id: userIdFor(openid),
        openid,
        role,
        stationId: station.stationId ?? null,
        stationIds: station.stationIds ?? [],
        active: true,
        privacyNotice: { version: PRIVACY_NOTICE_VERSION, acceptedAt: new Date() },
      },
    }),
  );
}

/** The extra staff of the cases tests. */
export async function seedCasesExtras(cloud: TestCloud): Promise<void> {
  await addStaff(cloud, OTHER_WORKER, 'social_worker', { stationId: TANGGU });
  await addStaff(cloud, WORKER_3, 'social_worker', { stationId: TANGGU });
  await addStaff(cloud, SUPERVISOR_UNASSIGNED, 'supervisor', { stationIds: [TANGGU] });
}

/** Valid (complete) records per stage, as the forms send them. */
export const RECORDS = {
  intake: {
    presentingProblem: '独居老人，近期跌倒后不敢出门，情绪低落',
    background: '子女在外地，社区网格员发现后求助',
    consent: { given: true, method: '书面签字', day: '2026-03-01' },
  },
  assessment: {
    needs: { individual: '行动不便，需要康复训练', family: '子女无法照顾', social: '与邻里来往少' },
    strengths: '愿意配合，有一位老朋友常来往',
    risks: '再次跌倒的风险',
    problems: ['跌倒风险', '社交孤立'],
    facts: '家中卫生间地面湿滑，没有扶手',
    judgements: '存在轻度抑郁倾向，需要关注',
  },
  plan: {
    goals: [
      { id: 'g1', goal: '每周外出活动两次', measure: '社工记录每周外出次数' },
      { id: 'g2', goal: '卫生间加装扶手', measure: '扶手安装完成' },
    ],
    strategies: '链接康复资源，组织邻里互助小组，协调适老化改造',
    startDay: '2026-03-10',
    endDay: '2026-06-10',
    agreement: { given: true, method: '书面签字', day: '2026-03-09' },
  },
  evaluation: {
    goals: [
      { goalId: 'g1', attainment: '达成' },
      { goalId: 'g2', attainment: '部分达成', note: '扶手已安装一处' },
    ],
    feedback: '老人表示很满意，愿意继续参加小组活动',
  },
  closure: { type: '目标达成', summary: '主要目标达成，服务对象生活恢复正常', followUpDay: '2026-07-10' },
} as const;

/** A 塘沽 person on file; returns the id. */
export const addPerson = async (cloud: TestCloud, name = '张桂兰'): Promise<string> =>
  (await addPersons(cloud.db, 1, () => ({ stationId: TANGGU, name })))[0]!;

/** Opens a case at 塘沽 led by WORKER, supervised by SUPERVISOR; returns its id. */
export async function openTestCase(
  cloud: TestCloud,
  over: Record<string, unknown> = {},
): Promise<{ caseId: string; personId: string }> {
  const personId = await addPerson(cloud);
  const caseId = newId('case');
  ok(
    await cloud.callAs<OpenCaseOutput>(WORKER, 'cases', {
      action: 'openCase',
      id: caseId,
      stationId: TANGGU,
      personIds: [personId],
      source: 'outreach',
      supervisorId: userIdFor(SUPERVISOR),
      intake: RECORDS.intake,
      ...over,
    }),
  );
  return { caseId, personId };
}

/** The case as stored. */
export async function caseDoc(cloud: TestCloud, caseId: string): Promise<Record<string, unknown>> {
  const res = await run(cloud.db.collection(COLLECTIONS.cases).where({ _id: caseId }).limit(1).get());
  const d = res.data[0] as Record<string, unknown> | undefined;
  if (!d) throw new Error(`no case ${caseId}`);
  return d;
}

/** Calls the cases function as `openid`. */
export const callCases = <T>(
  cloud: TestCloud,
  openid: string,
  action: string,
  input: Record<string, unknown>,
) => cloud.callAs<T>(openid, 'cases', { action, ...input });

/** One intervention note event (the outbox item). */
export const noteEvent = (caseId: string, over: Record<string, unknown> = {}, id = newId('note')) => ({
  id,
  version: 1,
  payload: {
    caseId,
    day: todayNow(),
    minutes: 60,
    mode: '上门',
    done: '陪同老人到社区活动中心参加小组活动',
    progress: '愿意与邻居交谈',
    nextStep: '下周继续',
    goalIds: ['g1'],
    ...over,
  },
});

/**
 * Walks case `caseId` (at intake, records as {@link RECORDS}) through the
 * real function to `target`, as WORKER (the lead) and HEAD (approvals).
 * Returns the version reached.
 */
export async function driveTo(cloud: TestCloud, caseId: string, target: CaseStatus): Promise<number> {
  let version = Number((await caseDoc(cloud, caseId)).version);
  let status = String((await caseDoc(cloud, caseId)).status) as CaseStatus;
  const step = async (openid: string, action: string, input: Record<string, unknown>) => {
    const out = ok(await callCases<CaseWriteOutput>(cloud, openid, action, { caseId, version, ...input }));
    version = out.version;
    status = out.status;
  };
  const save = (stage: keyof typeof RECORDS) =>
    step(WORKER, 'saveStageRecord', { stage, record: RECORDS[stage] });
  const order: CaseStatus[] = [
    'intake',
    'assessment',
    'plan',
    'plan_review',
    'intervention',
    'evaluation',
    'closure',
    'closure_review',
    'closed',
  ];
  while (status !== target) {
    if (order.indexOf(status) >= order.indexOf(target))
      throw new Error(`cannot drive from ${status} to ${target}`);
    switch (status) {
      case 'intake':
        await step(WORKER, 'advanceCase', { move: 'accept' });
        break;
      case 'assessment':
        await save('assessment');
        await step(WORKER, 'advanceCase', { move: 'submitAssessment' });
        break;
      case 'plan':
        await save('plan');
        await step(WORKER, 'advanceCase', { move: 'submitPlan' });
        break;
      case 'plan_review':
        await step(HEAD, 'decideApproval', { decision: 'approvePlan' });
        break;
      case 'intervention':
        ok(await callCases(cloud, WORKER, 'addCaseNote', noteEvent(caseId)));
        await step(WORKER, 'advanceCase', { move: 'startEvaluation' });
        break;
      case 'evaluation':
        await save('evaluation');
        await step(WORKER, 'advanceCase', { move: 'startClosure' });
        break;
      case 'closure':
        await save('closure');
        await step(WORKER, 'advanceCase', { move: 'submitClosure' });
        break;
      case 'closure_review':
        await step(HEAD, 'decideApproval', { decision: 'approveClosure' });
        break;
      default:
        throw new Error(`cannot drive from ${status}`);
    }
  }
  return version;
}
