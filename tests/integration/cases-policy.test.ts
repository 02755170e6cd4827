/**
 * Issue 11 / 13: the district's referral rule, from THE stored quota policy
 * (`quota_policies`, read by `_lib` loadQuotaPolicy for the year counted).
 * With `referralClosuresCount` on, a referral closure that has an evaluation
 * counts in the year its closure was approved; the same stored case does not
 * count under the default policy (cases-flow.test.ts, and below once the
 * stored policy is gone), because the policy is applied at count time.
 */
import type { CaseDetail, CaseWriteOutput, CompletedCasesCount } from '../../shared/src/contracts/cases';
import { beijingYear } from '../../shared/src/calendar';
import { COLLECTIONS } from '../../shared/src/collections';
import { useTestCloud } from '../helpers/cloud';
import { RECORDS, callCases, caseDoc, driveTo, openTestCase, seedCasesExtras } from './cases-fixtures';
import { seedFilesExtras } from './files-fixtures';
import { HEAD, TANGGU, WORKER, ok, seedRequestsFixtures } from './requests-fixtures';

const cloud = useTestCloud({ functions: ['cases'] });
const run = async <T>(p: Promise<T> | void | string): Promise<T> => {
  if (!p || typeof p === 'string') throw new Error('no promise');
  return p;
};
/** A stored policy for the year with referral closures counting (the district's choice). */
const storeReferralPolicy = (year: number) =>
  run(
    cloud.db.collection(COLLECTIONS.quotaPolicies).add({
      data: {
        _id: `qp-${year}`,
        effectiveFrom: `${year}-01-01`,
        targets: { completedCases: 2, supervisionHours: 30, trainingHoursPerWorker: 30, qualifiedWorkers: 2 },
        referralClosuresCount: true,
        visitIntervals: { 高风险: 7, 重点: 30, 一般: 90 },
      },
    }),
  );
beforeEach(async () => {
  await seedRequestsFixtures(cloud);
  await seedFilesExtras(cloud.db);
  await seedCasesExtras(cloud);
  await storeReferralPolicy(beijingYear(new Date()));
});

it('with the policy on, an evaluated referral closure counts in the year of its approval', async () => {
  const { caseId } = await openTestCase(cloud);
  let version = await driveTo(cloud, caseId, 'evaluation');
  version = ok(
    await callCases<CaseWriteOutput>(cloud, WORKER, 'saveStageRecord', {
      caseId,
      version,
      stage: 'evaluation',
      record: RECORDS.evaluation,
    }),
  ).version;
  version = ok(
    await callCases<CaseWriteOutput>(cloud, WORKER, 'referCase', {
      caseId,
      version,
      referral: { kind: '机构', name: '区残疾人联合会' },
      summary: '需要长期康复支持，转介区残联',
    }),
  ).version;
  ok(await callCases(cloud, HEAD, 'decideApproval', { caseId, version, decision: 'approveClosure' }));
  const year = beijingYear(new Date());
  expect(await caseDoc(cloud, caseId)).toMatchObject({
    completedYear: year,
    referralClosure: true,
    closureType: '转介',
  });
  const count = ok(
    await callCases<CompletedCasesCount>(cloud, HEAD, 'countCompletedCases', { year, stationId: TANGGU }),
  );
  expect(count).toMatchObject({ total: 1, policy: { referralCounts: true } });
  expect(
    ok(await callCases<{ case: CaseDetail }>(cloud, WORKER, 'getCase', { caseId })).case.completedYear,
  ).toBe(year);

  // The same stored case under the notice's default (no stored policy): not counted.
  await run(cloud.db.collection(COLLECTIONS.quotaPolicies).doc(`qp-${year}`).remove());
  expect(
    ok(await callCases<CompletedCasesCount>(cloud, HEAD, 'countCompletedCases', { year, stationId: TANGGU })),
  ).toMatchObject({ total: 0, policy: { referralCounts: false } });
  expect(
    ok(await callCases<{ case: CaseDetail }>(cloud, WORKER, 'getCase', { caseId })).case.completedYear,
  ).toBeNull();
});
