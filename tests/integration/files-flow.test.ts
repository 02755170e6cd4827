/**
 * Issue 9 through the real SDK on the emulator: the station's 社区/村 list,
 * households, files with consent at the door, the visit pace and the due
 * list, lists with filters, name prefix and cursor, counts for the district,
 * a resident's own file with who opened it, and requests meeting files.
 */
import { COLLECTIONS } from '../../shared/src/collections';
import type {
  CommunitiesOutput,
  CountDueOutput,
  CountFilesOutput,
  CreatePersonOutput,
  FilesPage,
  GetMyFileOutput,
  HouseholdDto,
  LinkRequestOutput,
  ListDueOutput,
  PersonConsentDto,
  PersonDetail,
  PersonListItem,
} from '../../shared/src/contracts/files';
import type { CreateRequestOutput } from '../../shared/src/contracts/requests';
import { addDays } from '../../shared/src/domain/slot';
import { useTestCloud } from '../helpers/cloud';
import { userIdFor } from '../../cloudfunctions/_lib/authz';
import {
  addPersons,
  auditOf,
  docOf,
  newId,
  personEvent,
  seedFilesExtras,
  todayNow,
  verbalConsent,
} from './files-fixtures';
import {
  CHILD_CARE,
  DAGANG,
  HEAD,
  REQUESTS_ENV,
  RESIDENT,
  RESIDENT_2,
  SUPERVISOR,
  TANGGU,
  WORKER,
  WORKER_ELSEWHERE,
  err,
  ok,
  requestEvent,
  seedRequestsFixtures,
} from './requests-fixtures';

const cloud = useTestCloud({ functions: ['files', 'requests'], functionEnv: REQUESTS_ENV });
beforeEach(async () => {
  await seedRequestsFixtures(cloud);
  await seedFilesExtras(cloud.db);
});

const files = <T>(openid: string, event: Record<string, unknown>) => cloud.callAs<T>(openid, 'files', event);
const create = async (over: Record<string, unknown> = {}, as = WORKER): Promise<PersonDetail> =>
  ok(await files<CreatePersonOutput>(as, personEvent(over))).person;
const get = async (personId: string, as = WORKER): Promise<PersonDetail> =>
  ok(await files<{ person: PersonDetail }>(as, { action: 'getPerson', personId })).person;

describe('the station keeps its 社区/村 list; households use it', () => {
  it('lets the head replace the list (trimmed, repeats dropped) and workers read it', async () => {
    const out = ok(
      await files<CommunitiesOutput>(HEAD, {
        action: 'updateCommunities',
        stationId: TANGGU,
        communities: [' 新港社区 ', '新港社区', '', '北塘村'],
      }),
    );
    expect(out.communities).toEqual(['新港社区', '北塘村']);
    const read = ok(await files<CommunitiesOutput>(WORKER, { action: 'listCommunities', stationId: TANGGU }));
    expect(read.communities).toEqual(['新港社区', '北塘村']);
  });

  it('creates a household in a listed community, refuses one not listed, and a retry answers the same household', async () => {
    const event = {
      action: 'createHousehold',
      householdId: newId('h'),
      stationId: TANGGU,
      community: '新港社区',
      address: '新港二号路 3 号楼 2 单元 501',
      contact: { name: '王建国', phone: '13912345678', relationship: '儿子' },
    };
    const first = ok(await files<{ household: HouseholdDto; created: boolean }>(WORKER, event));
    expect(first).toMatchObject({ created: true, household: { community: '新港社区', members: [] } });
    const again = ok(await files<{ household: HouseholdDto; created: boolean }>(WORKER, event));
    expect(again.created).toBe(false);
    expect(err(await files(WORKER, { ...event, address: '别的地址' })).code).toBe('already-exists');
    const before = cloud.counts()[COLLECTIONS.households];
    const refused = err(await files(WORKER, { ...event, householdId: newId('h'), community: '不存在社区' }));
    expect(refused).toMatchObject({ code: 'failed-precondition', details: { field: 'community' } });
    expect(refused.message).toContain('不在本站的社区/村列表中');
    expect(cloud.counts()[COLLECTIONS.households]).toBe(before);
  });

  it('puts members with their relationship on the household, and moves the 社区 onto their files', async () => {
    const hid = newId('h');
    ok(
      await files(WORKER, {
        action: 'createHousehold',
        householdId: hid,
        stationId: TANGGU,
        community: '新港社区',
        address: '新港二号路 5 号',
      }),
    );
    const head = await create({ householdId: hid, relationship: '户主', community: undefined });
    const spouse = await create({
      householdId: hid,
      relationship: '配偶',
      name: '李明',
      sex: '男',
      community: undefined,
    });
    expect(head.community).toBe('新港社区');
    const view = await get(spouse.id);
    expect(view.household?.members.map((m) => [m.personId, m.relationship])).toEqual([
      [head.id, '户主'],
      [spouse.id, '配偶'],
    ]);
    expect(view.household?.members.map((m) => m.nameMasked)).toEqual(['王**', '李*']);
    ok(await files(WORKER, { action: 'updateHousehold', householdId: hid, community: '胡家园村' }));
    expect((await get(head.id)).community).toBe('胡家园村');
  });
});

describe('a file, its consent at the door, and who may see what', () => {
  it('creates a file with the due day from the risk tier, answers a retry with the same file', async () => {
    const event = personEvent({ risk: '高风险' });
    const first = ok(await files<CreatePersonOutput>(WORKER, event));
    expect(first.created).toBe(true);
    expect(first.person).toMatchObject({ name: '王秀英', phone: '13812345678', risk: '高风险', rev: 1 });
    expect(first.person.nextDueDay).toBe(addDays(todayNow(), 7));
    const again = ok(await files<CreatePersonOutput>(WORKER, event));
    expect(again).toMatchObject({ created: false, person: { id: first.person.id } });
    expect(err(await files(WORKER, { ...event, name: '别人' })).code).toBe('already-exists');
  });

  it('refuses 低保 without consent (nothing written), keeps it with the consent given at the door', async () => {
    const before = { ...cloud.counts() };
    const refused = err(await files(WORKER, personEvent({ categories: ['低保', '独居'] })));
    expect(refused).toMatchObject({
      code: 'failed-precondition',
      details: { reason: 'consent-required', missing: ['financial_hardship'], categories: ['低保'] },
    });
    expect(refused.message).toContain('“低保”');
    expect(refused.message).toContain('本次没有保存');
    expect(cloud.counts()[COLLECTIONS.persons] ?? 0).toBe(before[COLLECTIONS.persons] ?? 0);

    const withConsent = await create({
      categories: ['低保', '独居'],
      healthNotes: '高血压，需要每天服药',
      consent: verbalConsent(['financial_hardship', 'health']),
    });
    expect(withConsent.categories).toEqual(['低保', '独居']);
    expect(withConsent.healthNotes).toBe('高血压，需要每天服药');
    expect(withConsent.keep.financial_hardship.allowed).toBe(true);
    expect(withConsent.keep.disability.allowed).toBe(false);
    expect(withConsent.consents).toHaveLength(1);
  });

  it('needs a guardian for a child under 14', async () => {
    const child = {
      name: '张小明',
      sex: '男',
      birthYear: undefined,
      birthDate: addDays(todayNow(), -365 * 9),
      categories: ['困境儿童'],
      livingSituation: '与子女',
    };
    const own = err(
      await files(WORKER, personEvent({ ...child, consent: verbalConsent(['financial_hardship']) })),
    );
    expect(own).toMatchObject({ code: 'failed-precondition', details: { field: 'consent.givenBy' } });
    expect(own.message).toContain('监护人');
    const p = await create({
      ...child,
      consent: verbalConsent(['financial_hardship'], {
        givenBy: 'guardian',
        guardian: { name: '张丽', relationship: '母亲' },
      }),
    });
    expect(p.categories).toEqual(['困境儿童']);
  });

  it('withdrawal recorded at the door deletes and hides the fields it covered', async () => {
    const p = await create({
      categories: ['残疾/重残', '失能', '独居'],
      healthNotes: '行动不便',
      consent: verbalConsent(['disability', 'health']),
    });
    const withdrawn = ok(
      await files<{ consent: PersonConsentDto; person: PersonDetail }>(WORKER, {
        action: 'recordConsent',
        consentId: newId('pc'),
        personId: p.id,
        kind: 'withdraw',
        categories: ['disability'],
        givenBy: 'self',
        day: todayNow(),
        method: 'paper',
        fileId: 'cloud://local-sgz.emulator/consents/form-1.jpg',
      }),
    );
    expect(withdrawn.person.categories).toEqual(['独居']);
    expect(withdrawn.person.healthNotes).toBe('行动不便');
    expect(withdrawn.person.keep.disability).toMatchObject({ allowed: false, lastKind: 'withdraw' });
    const stored = await docOf(cloud.db, COLLECTIONS.persons, p.id);
    expect(stored?.categories).toEqual(['独居']);
    expect(stored?.catFlags).toMatchObject({ canji: 0, shineng: 0, duju: 1 });
    // Writing it again now needs a new consent.
    const again = err(
      await files(WORKER, {
        action: 'updatePerson',
        personId: p.id,
        rev: withdrawn.person.rev,
        categories: ['失能'],
      }),
    );
    expect(again.details).toMatchObject({ reason: 'consent-required', missing: ['disability'] });
  });

  it('station staff see the whole file; an assigned supervisor sees it masked; both openings are audited', async () => {
    const p = await create({
      idNumber: '120107194205061225',
      birthYear: 1942,
      notes: '儿子电话 13612345678',
    });
    const staff = await get(p.id);
    expect(staff).toMatchObject({
      view: 'station',
      name: '王秀英',
      phone: '13812345678',
      idNumber: '120107194205061225',
    });
    const sup = await get(p.id, SUPERVISOR);
    expect(sup).toMatchObject({
      view: 'oversight',
      name: '王**',
      phone: '138****5678',
      idNumber: '120107********1225',
    });
    expect(sup.notes).toBe('儿子电话 136****5678');
    const audits = await auditOf(cloud.db, 'files.getPerson');
    expect(
      audits
        .filter((a) => a.targetId === p.id && a.outcome === 'ok')
        .map((a) => a.role)
        .sort(),
    ).toEqual(['social_worker', 'supervisor']);
  });

  it('updates at the revision read; a stale revision is refused; a new tier moves the due day', async () => {
    const p = await create({ risk: '一般', lastVisitDay: addDays(todayNow(), -10) });
    expect(p.nextDueDay).toBe(addDays(todayNow(), 80));
    const up = ok(
      await files<{ person: PersonDetail }>(WORKER, {
        action: 'updatePerson',
        personId: p.id,
        rev: p.rev,
        risk: '高风险',
      }),
    ).person;
    expect(up).toMatchObject({
      risk: '高风险',
      rev: 2,
      nextDueDay: addDays(todayNow(), -3),
      due: 'overdue',
      daysOverdue: 3,
    });
    const stale = err(
      await files(WORKER, { action: 'updatePerson', personId: p.id, rev: 1, notes: '晚到的修改' }),
    );
    expect(stale).toMatchObject({ code: 'failed-precondition', details: { reason: 'stale' } });
    const moved = ok(
      await files<{ person: PersonDetail }>(WORKER, {
        action: 'updatePerson',
        personId: p.id,
        rev: 2,
        status: '迁出',
      }),
    ).person;
    expect(moved.nextDueDay).toBeNull();
  });
});

describe('lists that scale and protect', () => {
  it('filters, searches by name prefix, pages by cursor, masks every item', async () => {
    const today = todayNow();
    await addPersons(cloud.db, 30, (i) => ({
      name: i % 3 === 0 ? `王${'秀英建国'[i % 4]}` : i % 3 === 1 ? '李桂兰' : '张淑珍',
      risk: i % 2 === 0 ? '高风险' : '一般',
      community: i % 5 === 0 ? '胡家园村' : '新港社区',
      lastVisitDay: addDays(today, -(i % 10)),
      phone: `1390000${String(1000 + i)}`,
      idNumber: i === 4 ? '120107194205061225' : null,
    }));
    await addPersons(cloud.db, 5, () => ({ stationId: DAGANG, community: '迎宾街社区', name: '王大港' }));
    const list = (extra: Record<string, unknown>) =>
      files<FilesPage<PersonListItem>>(WORKER, { action: 'listPersons', stationId: TANGGU, ...extra });

    const all = ok(await list({ limit: 7 }));
    expect(all.total).toBe(30);
    const seen = [...all.items];
    let cursor = all.nextCursor;
    while (cursor) {
      const next = ok(await list({ limit: 7, cursor }));
      seen.push(...next.items);
      cursor = next.nextCursor;
    }
    expect(new Set(seen.map((s) => s.id)).size).toBe(30);
    const dues = seen.map((s) => s.nextDueDay ?? '');
    expect([...dues].sort()).toEqual(dues);
    for (const s of seen) {
      expect(s.nameMasked).toMatch(/^.\*+$/);
      expect(s.phoneMasked).toMatch(/^139\*{4}\d{4}$/);
    }
    expect(seen.find((s) => s.idNumberMasked)?.idNumberMasked).toBe('120107********1225');

    expect(ok(await list({ q: '王' })).total).toBe(10);
    expect(ok(await list({ q: '李桂' })).total).toBe(10);
    expect(ok(await list({ q: '.*' })).total).toBe(0);
    expect(ok(await list({ risk: '高风险' })).total).toBe(15);
    expect(ok(await list({ community: '胡家园村' })).total).toBe(6);
    expect(ok(await list({ category: '独居', risk: '一般', community: '新港社区' })).total).toBe(12);
    const overdue = ok(await list({ due: 'overdue', risk: '高风险' }));
    // 高风险 visited 8 days ago (i % 10 = 8 → i = 8, 18, 28): 8 days > 7 → overdue by 1.
    expect(overdue.items.map((s) => s.daysOverdue)).toEqual([1, 1, 1]);
  });

  it('gives the worker 已逾期 / 今日待访 / 本周待访 sorted by due day, with count() totals and the badge', async () => {
    const today = todayNow();
    const me = userIdFor(WORKER);
    // 高风险 (7 days): last visit 7 days ago → due today; 9 → overdue by 2; 3 → due in 4 days; 0 → in 7 days (later).
    await addPersons(cloud.db, 8, (i) => ({
      risk: '高风险',
      lastVisitDay: addDays(today, -[7, 9, 3, 0, 8, 7, 5, 20][i]!),
      assignedWorkerId: i < 4 ? me : null,
    }));
    await addPersons(cloud.db, 2, () => ({
      risk: '高风险',
      lastVisitDay: addDays(today, -30),
      status: '去世',
    }));
    await addPersons(cloud.db, 2, () => ({
      stationId: DAGANG,
      risk: '高风险',
      lastVisitDay: addDays(today, -30),
    }));
    const due = ok(await files<ListDueOutput>(WORKER, { action: 'listDue' }));
    expect(due).toMatchObject({ stationId: TANGGU, today, weekEnd: addDays(today, 6), mine: false });
    const byBucket = Object.fromEntries(due.buckets.map((b) => [b.bucket, b]));
    expect(byBucket.overdue!.total).toBe(3);
    expect(byBucket.overdue!.items.map((s) => s.daysOverdue)).toEqual([13, 2, 1]);
    expect(byBucket.today!.total).toBe(2);
    expect(byBucket.week!.items.map((s) => s.nextDueDay)).toEqual([addDays(today, 2), addDays(today, 4)]);
    expect(due.buckets.map((b) => b.label)).toEqual(['已逾期', '今日待访', '本周待访']);

    const mine = ok(await files<ListDueOutput>(WORKER, { action: 'listDue', mine: true }));
    expect(mine.buckets.map((b) => b.total)).toEqual([1, 1, 1]);
    const badge = ok(await files<CountDueOutput>(WORKER, { action: 'countDue' }));
    expect(badge).toEqual({ stationId: TANGGU, day: today, overdue: 3, today: 2, week: 2 });

    const page1 = ok(await files<ListDueOutput>(WORKER, { action: 'listDue', bucket: 'overdue', limit: 2 }));
    expect(page1.buckets).toHaveLength(1);
    const page2 = ok(
      await files<ListDueOutput>(WORKER, {
        action: 'listDue',
        bucket: 'overdue',
        limit: 2,
        cursor: page1.buckets[0]!.nextCursor,
      }),
    );
    expect(page2.buckets[0]!.items.map((s) => s.daysOverdue)).toEqual([1]);
    expect(page2.buckets[0]!.nextCursor).toBeNull();
  });

  it('gives the district counts by risk and category (never a person), per station', async () => {
    await addPersons(cloud.db, 6, (i) => ({
      risk: i < 2 ? '高风险' : '重点',
      categories: i < 3 ? ['独居', '高龄'] : ['空巢'],
    }));
    await addPersons(cloud.db, 4, () => ({ stationId: DAGANG, risk: '一般', categories: ['留守儿童'] }));
    await addPersons(cloud.db, 3, () => ({ status: '结案' }));
    const district = ok(await files<CountFilesOutput>('demo-admin-1', { action: 'countFiles' }));
    expect(district).toMatchObject({ total: 10, byRisk: { 高风险: 2, 重点: 4, 一般: 4 } });
    expect(district.byCategory).toMatchObject({ 独居: 3, 高龄: 3, 空巢: 3, 留守儿童: 4, 低保: 0 });
    expect(district.byStation.map((s) => [s.stationId, s.total])).toEqual([
      ['st-dagang', 4],
      ['st-tanggu', 6],
    ]);
    expect(JSON.stringify(district)).not.toMatch(/张桂兰|139/);
    const sup = ok(await files<CountFilesOutput>(SUPERVISOR, { action: 'countFiles' }));
    expect(sup.total).toBe(6);
    const closed = ok(await files<CountFilesOutput>(HEAD, { action: 'countFiles', status: '结案' }));
    expect(closed.total).toBe(3);
    expect(err(await files('demo-admin-1', { action: 'listPersons', stationId: TANGGU })).code).toBe(
      'permission-denied',
    );
  });
});

describe('requests meet files; a resident sees their own file', () => {
  const newRequest = async (openid: string, over: Record<string, unknown> = {}) =>
    ok(
      await cloud.callAs<CreateRequestOutput>(
        openid,
        'requests',
        requestEvent({ itemId: CHILD_CARE, ...over }),
      ),
    ).request.id;

  it('makes a file from a self request (linked to the account), then the resident sees who opened it', async () => {
    await cloud.db
      .collection(COLLECTIONS.users)
      .where({ openid: RESIDENT })
      .update({ data: { name: '赵大爷' } });
    const requestId = await newRequest(RESIDENT, { contactPhone: '13711112222' });
    const made = ok(
      await files<CreatePersonOutput>(WORKER, {
        action: 'createPersonFromRequest',
        requestId,
        personId: newId('p'),
        birthYear: 1950,
        livingSituation: '独居',
        risk: '重点',
      }),
    ).person;
    expect(made).toMatchObject({
      name: '赵大爷',
      phone: '13711112222',
      linkedUserId: userIdFor(RESIDENT),
      source: 'request',
    });
    expect(made.requests.map((r) => r.id)).toEqual([requestId]);
    expect((await docOf(cloud.db, COLLECTIONS.requests, requestId))?.personId).toBe(made.id);

    await get(made.id, WORKER);
    await get(made.id, SUPERVISOR);
    const mine = ok(await files<GetMyFileOutput>(RESIDENT, { action: 'getMyFile' })).file;
    expect(mine).toMatchObject({ id: made.id, name: '赵大爷', stationId: TANGGU });
    expect(mine!.openedBy.map((o) => o.roleLabel).sort()).toEqual(['督导', '社工'].sort());
    expect(JSON.stringify(mine!.openedBy)).not.toMatch(/演示|u-/);
    expect(ok(await files<GetMyFileOutput>(RESIDENT_2, { action: 'getMyFile' })).file).toBeNull();
  });

  it("makes a file from a family request with the family member's name, and attaches a second request to it", async () => {
    const first = await newRequest(RESIDENT_2, {
      forWhom: 'family',
      beneficiary: { relationship: '父母', name: '钱淑芬', consent: true },
    });
    const p = ok(
      await files<CreatePersonOutput>(HEAD, {
        action: 'createPersonFromRequest',
        requestId: first,
        personId: newId('p'),
        birthYear: 1938,
        livingSituation: '与子女',
        risk: '一般',
      }),
    ).person;
    expect(p).toMatchObject({ name: '钱淑芬', linkedUserId: null });
    const second = await newRequest(RESIDENT_2);
    const linked = ok(
      await files<LinkRequestOutput>(WORKER, { action: 'linkRequest', requestId: second, personId: p.id }),
    );
    expect(linked).toEqual({ requestId: second, personId: p.id, linked: false });
    expect((await get(p.id)).requests.map((r) => r.id).sort()).toEqual([first, second].sort());
    // The first request cannot go to another file; a family request cannot link the requester's account.
    const other = await create();
    expect(
      err(await files(WORKER, { action: 'linkRequest', requestId: first, personId: other.id })).code,
    ).toBe('failed-precondition');
    expect(
      err(await files(WORKER, { action: 'linkRequest', requestId: first, personId: p.id, linkAccount: true }))
        .message,
    ).toContain('为家人提交的求助');
  });

  it('refuses a request of another station (the same answer as a missing one)', async () => {
    const requestId = await newRequest(RESIDENT);
    const p = await create();
    const denied = err(await files(WORKER_ELSEWHERE, { action: 'linkRequest', requestId, personId: p.id }));
    const missing = err(
      await files(WORKER_ELSEWHERE, { action: 'linkRequest', requestId: 'req-nope-123', personId: p.id }),
    );
    expect(denied).toEqual(missing);
    expect(denied.code).toBe('permission-denied');
  });
});
