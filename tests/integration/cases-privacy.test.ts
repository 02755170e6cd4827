/**
 * Issue 11, "the most sensitive records": a hidden-record probe. A case of
 * 塘沽 led by WORKER and supervised by SUPERVISOR is invisible to everyone
 * else: another station's worker, a worker of the SAME station not on the
 * case, a supervisor of the station not assigned to it, a supervisor of
 * another station, a resident and the district admin (counts only). Each gets
 * the one denial — the same answer as for a case id that does not exist —
 * and lists that do not hold the case. The head of the station and the
 * case's team see it; every opening is audited.
 */
import type {
  CaseDetail,
  CaseListItem,
  CaseNoteDto,
  CasesPage,
  CompletedCasesCount,
} from '../../shared/src/contracts/cases';
import { beijingYear } from '../../shared/src/calendar';
import { userIdFor } from '../../cloudfunctions/_lib/authz';
import { useTestCloud } from '../helpers/cloud';
import {
  OTHER_WORKER,
  SUPERVISOR_UNASSIGNED,
  callCases,
  driveTo,
  noteEvent,
  openTestCase,
  seedCasesExtras,
} from './cases-fixtures';
import { SUPERVISOR_ELSEWHERE, auditOf, newId, seedFilesExtras } from './files-fixtures';
import {
  HEAD,
  RESIDENT,
  SUPERVISOR,
  TANGGU,
  WORKER,
  WORKER_ELSEWHERE,
  err,
  ok,
  seedRequestsFixtures,
} from './requests-fixtures';

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

/** Everyone who must find nothing. */
const OUTSIDERS: Array<[string, string]> = [
  ['a worker of another station', WORKER_ELSEWHERE],
  ['a worker of the same station not on the case', OTHER_WORKER],
  ['a supervisor of the station not assigned to the case', SUPERVISOR_UNASSIGNED],
  ['a supervisor of another station', SUPERVISOR_ELSEWHERE],
  ['a resident', RESIDENT],
  ['the district admin', ADMIN],
];

describe('hidden-record probe', () => {
  it.each(OUTSIDERS)(
    '%s finds nothing: the same denial as for a missing case, and lists without it',
    async (_who, openid) => {
      const { caseId, personId } = await openTestCase(cloud);
      const version = await driveTo(cloud, caseId, 'intervention');
      ok(await call(WORKER, 'addCaseNote', noteEvent(caseId)));
      const missing = newId('case');

      for (const [action, input] of [
        ['getCase', { caseId }],
        ['listCaseNotes', { caseId }],
        ['saveStageRecord', { caseId, version, stage: 'intake', record: { presentingProblem: '窥探' } }],
        ['advanceCase', { caseId, version, move: 'startEvaluation' }],
        ['updateCaseTeam', { caseId, version, assistantIds: [userIdFor(openid)] }],
        ['addCaseNote', noteEvent(caseId)],
      ] as const) {
        const onCase = err(await call(openid, action, input));
        const onMissing = err(
          await call(
            openid,
            action,
            action === 'addCaseNote' ? noteEvent(missing) : { ...input, caseId: missing },
          ),
        );
        expect([action, onCase]).toEqual([action, DENIED]);
        expect([action, onMissing]).toEqual([action, DENIED]);
      }

      // Lists: never the case.
      const lists: Array<[string, Record<string, unknown>]> = [
        ['listMyCases', {}],
        ['listMyCases', { waitingOnly: true }],
        ['listPendingApprovals', { stationId: TANGGU }],
        ['listStationCases', { stationId: TANGGU }],
        ['listCasesForPerson', { personId }],
      ];
      for (const [action, input] of lists) {
        const res = await call<CasesPage<CaseListItem> | { items: CaseListItem[] }>(openid, action, input);
        if (res.ok) expect([action, res.data.items.map((i) => i.id)]).toEqual([action, []]);
        else expect([action, res.error]).toEqual([action, DENIED]);
      }
    },
  );

  it('the district sees counts only, for every station', async () => {
    const { caseId } = await openTestCase(cloud);
    await driveTo(cloud, caseId, 'closed');
    const count = ok(
      await call<CompletedCasesCount>(ADMIN, 'countCompletedCases', { year: beijingYear(new Date()) }),
    );
    expect(Object.keys(count).sort()).toEqual(['byStation', 'policy', 'total', 'year']);
    expect(JSON.stringify(count)).not.toContain(caseId);
  });

  it('the team, the head and the assigned supervisor open it; every opening is audited', async () => {
    const { caseId, personId } = await openTestCase(cloud);
    await driveTo(cloud, caseId, 'intervention');
    ok(await call(WORKER, 'addCaseNote', noteEvent(caseId)));
    for (const openid of [WORKER, HEAD, SUPERVISOR]) {
      const c = ok(await call<{ case: CaseDetail }>(openid, 'getCase', { caseId })).case;
      expect(c.id).toBe(caseId);
      expect(ok(await call<CasesPage<CaseNoteDto>>(openid, 'listCaseNotes', { caseId })).items).toHaveLength(
        1,
      );
      const forPerson = ok(await call<{ items: CaseListItem[] }>(openid, 'listCasesForPerson', { personId }));
      expect(forPerson.items.map((i) => i.id)).toEqual([caseId]);
    }
    // The supervisor's view masks the names.
    const sup = ok(await call<{ case: CaseDetail }>(SUPERVISOR, 'getCase', { caseId })).case;
    expect(sup.view).toBe('supervisor');
    expect(sup.persons[0]?.name).toBe('张**');
    // Lists mask names for everyone.
    const mine = ok(await call<CasesPage<CaseListItem>>(WORKER, 'listMyCases', {}));
    expect(mine.items[0]?.persons[0]?.name).toBe('张**');
    const stationList = ok(
      await call<CasesPage<CaseListItem>>(HEAD, 'listStationCases', { stationId: TANGGU }),
    );
    expect(stationList.items.map((i) => i.id)).toEqual([caseId]);
    const openings = (await auditOf(cloud.db, 'cases.getCase')).filter((e) => e.outcome === 'ok');
    expect(openings.map((e) => e.targetId)).toEqual([caseId, caseId, caseId, caseId]);
    const notesRead = (await auditOf(cloud.db, 'cases.listCaseNotes')).filter((e) => e.outcome === 'ok');
    expect(notesRead).toHaveLength(3);
    const personReads = (await auditOf(cloud.db, 'cases.listCasesForPerson')).filter(
      (e) => e.outcome === 'ok',
    );
    expect(personReads.map((e) => e.targetId)).toEqual([personId, personId, personId]);
    // Denials are audited too.
    err(await call(OTHER_WORKER, 'getCase', { caseId }));
    expect((await auditOf(cloud.db, 'cases.getCase')).filter((e) => e.outcome === 'denied')).toHaveLength(1);
  });
});
