/**
 * Issue 11: the district's referral policy (env SGZ_CASE_REFERRAL_COUNTS).
 * With the policy on, a referral closure that has an evaluation counts in the
 * year its closure was approved; the same stored case does not count under
 * the default policy (cases-flow.test.ts), because the policy is applied at
 * count time.
 */
import type { CaseDetail, CaseWriteOutput, CompletedCasesCount } from '../../shared/src/contracts/cases';
import { beijingYear } from '../../shared/src/calendar';
import { useTestCloud } from '../helpers/cloud';
import { RECORDS, callCases, caseDoc, driveTo, openTestCase, seedCasesExtras } from './cases-fixtures';
import { seedFilesExtras } from './files-fixtures';
import { HEAD, TANGGU, WORKER, ok, seedRequestsFixtures } from './requests-fixtures';

const cloud = useTestCloud({ functions: ['cases'], functionEnv: { SGZ_CASE_REFERRAL_COUNTS: 'true' } });
beforeEach(async () => {
  await seedRequestsFixtures(cloud);
  await seedFilesExtras(cloud.db);
  await seedCasesExtras(cloud);
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
});
