/**
 * What the files function lets out: every list masked (PII scan over every
 * list response), the oversight view masked, reads of persons audited (and
 * the audit holds no personal value), and the hidden-record probe: a worker
 * of another station, a supervisor not assigned to the station, a resident
 * and the district get the SAME permission-denied for an existing file as
 * for a missing one, and nothing is written.
 */
import { COLLECTIONS } from '../../shared/src/collections';
import type {
  CountFilesOutput,
  FilesPage,
  ListDueOutput,
  PersonDetail,
  PersonListItem,
} from '../../shared/src/contracts/files';
import { findUnmaskedPii } from '../../shared/src/masking';
import { addDays } from '../../shared/src/domain/slot';
import { useTestCloud } from '../helpers/cloud';
import {
  addPersons,
  auditOf,
  docOf,
  newId,
  SUPERVISOR_ELSEWHERE,
  seedFilesExtras,
  todayNow,
} from './files-fixtures';
import {
  countsWithoutAudit,
  err,
  HEAD,
  ok,
  REQUESTS_ENV,
  RESIDENT,
  seedRequestsFixtures,
  SUPERVISOR,
  TANGGU,
  WORKER,
  WORKER_ELSEWHERE,
} from './requests-fixtures';

const cloud = useTestCloud({ functions: ['files'], functionEnv: REQUESTS_ENV });
const ID = '120107194205061225';
let ids: string[];
beforeEach(async () => {
  await seedRequestsFixtures(cloud);
  await seedFilesExtras(cloud.db);
  const today = todayNow();
  ids = await addPersons(cloud.db, 12, (i) => ({
    name: ['王秀英', '欧阳淑珍', '李明'][i % 3],
    phone: i % 2 ? `1381234${String(5000 + i)}` : `022-2532${String(1000 + i)}`,
    idNumber: i === 0 ? ID : null,
    notes: '女儿电话 13698765432，身份证 120107194205061225',
    risk: '高风险',
    lastVisitDay: addDays(today, -(i % 9)),
  }));
});

const files = <T>(openid: string, event: Record<string, unknown>) => cloud.callAs<T>(openid, 'files', event);

describe('every list is masked, for everyone who may see it', () => {
  it('listPersons, listDue, the oversight view and countFiles hold no phone or ID number', async () => {
    const answers: unknown[] = [
      ok(await files<FilesPage<PersonListItem>>(WORKER, { action: 'listPersons', stationId: TANGGU })),
      ok(
        await files<FilesPage<PersonListItem>>(HEAD, { action: 'listPersons', stationId: TANGGU, q: '欧阳' }),
      ),
      ok(await files<FilesPage<PersonListItem>>(SUPERVISOR, { action: 'listPersons', stationId: TANGGU })),
      ok(await files<ListDueOutput>(WORKER, { action: 'listDue' })),
      ok(await files<{ person: PersonDetail }>(SUPERVISOR, { action: 'getPerson', personId: ids[0] })),
      ok(await files<CountFilesOutput>('demo-admin-1', { action: 'countFiles' })),
    ];
    const first = answers[0] as FilesPage<PersonListItem>;
    expect(first.items).toHaveLength(12);
    for (const a of answers) expect(findUnmaskedPii(JSON.stringify(a))).toBeNull();
    const text = JSON.stringify(answers.slice(0, 4));
    for (const name of ['王秀英', '欧阳淑珍', '李明']) expect(text).not.toContain(name);
    expect(text).toContain('欧***');
    expect(text).toContain('022*****1000');
    expect(text).toContain('120107********1225');
    // Lists never carry the notes (free text) at all.
    expect(text).not.toContain('女儿电话');
    // The supervisor's one file: masked name, phone, ID, and numbers in the notes.
    const sup = (answers[4] as { person: PersonDetail }).person;
    expect(sup).toMatchObject({
      view: 'oversight',
      name: '王**',
      idNumber: '120107********1225',
      birthDate: null,
    });
    expect(sup.notes).toBe('女儿电话 136****5432，身份证 120107********1225');
  });

  it('the station view of one file is whole (the only whole answer), and its opening is audited', async () => {
    const whole = ok(
      await files<{ person: PersonDetail }>(WORKER, { action: 'getPerson', personId: ids[0] }),
    ).person;
    expect(whole).toMatchObject({ name: '王秀英', idNumber: ID });
    const [entry] = (await auditOf(cloud.db, 'files.getPerson')).filter((a) => a.targetId === ids[0]);
    expect(entry).toMatchObject({ outcome: 'ok', role: 'social_worker', stationId: TANGGU });
    expect(JSON.stringify(entry)).not.toMatch(/王秀英|120107|022-/);
    expect(JSON.stringify(entry)).not.toContain(WORKER);
  });

  it('audits list reads with the station as target, and each write with the file as target', async () => {
    ok(await files(SUPERVISOR, { action: 'listPersons', stationId: TANGGU }));
    ok(await files(WORKER, { action: 'listDue' }));
    expect((await auditOf(cloud.db, 'files.listPersons'))[0]).toMatchObject({
      outcome: 'ok',
      role: 'supervisor',
      targetId: TANGGU,
    });
    expect((await auditOf(cloud.db, 'files.listDue'))[0]).toMatchObject({ outcome: 'ok', targetId: TANGGU });
    ok(await files(WORKER, { action: 'updatePerson', personId: ids[1], rev: 1, notes: '已电话联系' }));
    expect((await auditOf(cloud.db, 'files.updatePerson'))[0]).toMatchObject({
      outcome: 'ok',
      targetId: ids[1],
    });
    // A refusal for want of consent is audited too.
    err(await files(WORKER, { action: 'updatePerson', personId: ids[1], rev: 2, categories: ['低保'] }));
    expect((await auditOf(cloud.db, 'files.updatePerson'))[0]).toMatchObject({
      outcome: 'denied',
      targetId: ids[1],
    });
  });
});

describe('the hidden-record probe', () => {
  const probes: [string, string][] = [
    ['a worker of another station', WORKER_ELSEWHERE],
    ['a supervisor not assigned to the station', SUPERVISOR_ELSEWHERE],
    ['a resident', RESIDENT],
    ['the district (counts only)', 'demo-admin-1'],
  ];
  const attempts = (personId: string): Record<string, unknown>[] => [
    { action: 'getPerson', personId },
    { action: 'updatePerson', personId, rev: 1, notes: '越权修改' },
    {
      action: 'recordConsent',
      consentId: newId('pc'),
      personId,
      kind: 'withdraw',
      categories: ['health'],
      givenBy: 'self',
      day: todayNow(),
      method: 'verbal',
      witnessName: '李见证',
    },
  ];

  it.each(probes)(
    '%s gets the same denial for an existing file as for a missing one; nothing written',
    async (_who, openid) => {
      const before = JSON.stringify(await docOf(cloud.db, COLLECTIONS.persons, ids[0]!));
      const counts = countsWithoutAudit(cloud);
      const real = attempts(ids[0]!);
      const missing = attempts('p-does-not-exist-1');
      for (let i = 0; i < real.length; i++) {
        const a = err(await files(openid, real[i]!));
        const b = err(await files(openid, missing[i]!));
        expect(a).toEqual({ code: 'permission-denied', message: '您没有权限进行此操作' });
        expect(b).toEqual(a);
      }
      expect(err(await files(openid, { action: 'listPersons', stationId: TANGGU }))).toEqual({
        code: 'permission-denied',
        message: '您没有权限进行此操作',
      });
      expect(JSON.stringify(await docOf(cloud.db, COLLECTIONS.persons, ids[0]!))).toBe(before);
      expect(countsWithoutAudit(cloud)).toEqual(counts);
      const denied = (await auditOf(cloud.db, 'files.getPerson')).filter((a) => a.outcome === 'denied');
      expect(denied.length).toBeGreaterThanOrEqual(2);
    },
  );

  it('a resident sees only the file linked to them (getMyFile), never by id', async () => {
    expect(ok(await files<{ file: unknown }>(RESIDENT, { action: 'getMyFile' })).file).toBeNull();
  });
});
