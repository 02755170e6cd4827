/**
 * Fixtures of the files integration tests (and of the permission matrix):
 * the demo accounts, the 社区/村 lists of two stations, a supervisor who is
 * NOT assigned to 塘沽, valid events for the files actions, and files
 * written straight into the database. Not a test file.
 */
import { userIdFor } from '../../cloudfunctions/_lib/authz';
import { beijingDay } from '../../shared/src/calendar';
import { COLLECTIONS } from '../../shared/src/collections';
import { PRIVACY_NOTICE_VERSION } from '../../shared/src/domain/account';
import { buildPersonDoc, type NewPerson } from '../../shared/src/domain/person';
import { DEFAULT_VISIT_INTERVALS } from '../../shared/src/domain/risk';
import { addDays } from '../../shared/src/domain/slot';
import type { DB } from '../../scripts/seed';

/** 社区/村 of the test stations. */
export const TANGGU_COMMUNITIES = ['新港社区', '解放路社区', '胡家园村'];
export const DAGANG_COMMUNITIES = ['迎宾街社区', '上古林村'];
/** A supervisor assigned to 大港 only (the "unassigned supervisor" of a 塘沽 file). */
export const SUPERVISOR_ELSEWHERE = 'test-supervisor-dagang';

const run = async <T>(p: Promise<T> | void | string): Promise<T> => {
  if (!p || typeof p === 'string') throw new Error('no promise');
  return p;
};

/** The Beijing day of now (the functions' clock is the real one: tests compute relative days). */
export const todayNow = (): string => beijingDay(new Date());

/** Sets a station's 社区/村 list directly. */
export async function setCommunities(db: DB, stationId: string, communities: string[]): Promise<void> {
  await run(
    db
      .collection(COLLECTIONS.communities)
      .doc(stationId)
      .set({ data: { stationId, communities, updatedAt: new Date(), updatedBy: 'u-fixture' } }),
  );
}

/** The communities of 塘沽 and 大港, and the supervisor of 大港 only. */
export async function seedFilesExtras(db: DB): Promise<void> {
  await setCommunities(db, 'st-tanggu', TANGGU_COMMUNITIES);
  await setCommunities(db, 'st-dagang', DAGANG_COMMUNITIES);
  const existing = await run(
    db.collection(COLLECTIONS.users).where({ openid: SUPERVISOR_ELSEWHERE }).count(),
  );
  if (existing.total === 0)
    await run(
      db.collection(COLLECTIONS.users).add({
        data: {
          _id: userIdFor(SUPERVISOR_ELSEWHERE),
          openid: SUPERVISOR_ELSEWHERE,
          role: 'supervisor',
          stationId: null,
          stationIds: ['st-dagang'],
          active: true,
          privacyNotice: { version: PRIVACY_NOTICE_VERSION, acceptedAt: new Date() },
        },
      }),
    );
}

let seq = 0;
/** A fresh client-style id with a prefix. */
export const newId = (prefix: string): string =>
  `${prefix}-${Date.now().toString(36)}-${(seq++).toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

/** A valid createPerson event at 塘沽 (no sensitive category: no consent needed). */
export const personEvent = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  action: 'createPerson',
  personId: newId('p'),
  stationId: 'st-tanggu',
  name: '王秀英',
  sex: '女',
  birthYear: 1942,
  phone: '13812345678',
  community: '新港社区',
  categories: ['独居', '高龄'],
  livingSituation: '独居',
  risk: '重点',
  ...over,
});

/** A consent given at the door, verbally before a witness, today. */
export const verbalConsent = (
  categories: string[],
  over: Record<string, unknown> = {},
): Record<string, unknown> => ({
  consentId: newId('pc'),
  categories,
  givenBy: 'self',
  day: todayNow(),
  method: 'verbal',
  witnessName: '李见证',
  ...over,
});

/** Inserts files directly (as the import would), with ids `idPrefix-<i>`; returns the ids. */
export async function addPersons(
  db: DB,
  count: number,
  make: (i: number) => Partial<NewPerson> & { _id?: string; openedDay?: string },
  idPrefix = newId('pf'),
): Promise<string[]> {
  const today = todayNow();
  const docs = Array.from({ length: count }, (_, i) => {
    const over = make(i);
    const base: NewPerson = {
      stationId: 'st-tanggu',
      householdId: null,
      relationship: null,
      community: '新港社区',
      name: '张桂兰',
      sex: '女',
      birthDate: null,
      birthYear: 1945,
      phone: '13900001111',
      idNumber: null,
      categories: ['独居'],
      livingSituation: '独居',
      status: '在册',
      risk: '一般',
      assignedWorkerId: null,
      notes: null,
      healthNotes: null,
      linkedUserId: null,
      lastVisitDay: null,
      source: 'roster',
      ...over,
    };
    return {
      _id: over._id ?? `${idPrefix}-${i}`,
      ...buildPersonDoc(base, {
        now: new Date(),
        openedDay: over.openedDay ?? addDays(today, -400),
        by: 'u-fixture',
        intervals: DEFAULT_VISIT_INTERVALS,
      }),
    };
  });
  for (let i = 0; i < docs.length; i += 500)
    await run(db.collection(COLLECTIONS.persons).add({ data: docs.slice(i, i + 500) }));
  return docs.map((d) => d._id);
}

/** A stored document by id (null when missing). */
export async function docOf(db: DB, collection: string, id: string): Promise<Record<string, unknown> | null> {
  const res = await run(db.collection(collection).where({ _id: id }).limit(1).get());
  return (res.data[0] as Record<string, unknown> | undefined) ?? null;
}

/** The audit entries of an action (newest first). */
export async function auditOf(db: DB, action: string): Promise<Record<string, unknown>[]> {
  const res = await run(
    db.collection(COLLECTIONS.auditLog).where({ action }).orderBy('at', 'desc').limit(100).get(),
  );
  return res.data as Record<string, unknown>[];
}
