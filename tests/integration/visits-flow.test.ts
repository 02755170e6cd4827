/**
 * Issue 10 through the real SDK on the emulator: a visit sent from the
 * outbox (received / duplicate / update / conflict kept for the head), the
 * persons' visit pace moved by markVisited, follow-ups on the owner's list,
 * consent-less sensitive fields left out with the reason, photos as temp
 * links for the station only, permission probes and bad input.
 */
import { COLLECTIONS } from '../../shared/src/collections';
import type {
  FollowUpDto,
  SubmitVisitOutput,
  VisitConflictDto,
  VisitDetail,
  VisitListItem,
  VisitsPage,
} from '../../shared/src/contracts/visits';
import { userIdFor } from '../../cloudfunctions/_lib/authz';
import { addDays } from '../../shared/src/domain/slot';
import { beijingDay } from '../../shared/src/calendar';
import { useTestCloud } from '../helpers/cloud';
import { SUPERVISOR_ELSEWHERE, addPersons, docOf, newId, seedFilesExtras, todayNow } from './files-fixtures';
import {
  DAGANG,
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
import { sdk } from './roster-fixtures';

const cloud = useTestCloud({ functions: ['visits'] });
beforeEach(async () => {
  await seedRequestsFixtures(cloud);
  await seedFilesExtras(cloud.db);
});

const DENIED = { code: 'permission-denied', message: '您没有权限进行此操作' };

/** Uploads a small photo as the outbox would (`outbox/visit/<id>/<n>.jpg`). */
async function photo(visitId: string, n: number): Promise<string> {
  const res = await sdk().uploadFile({
    cloudPath: `outbox/visit/${visitId}/${n}.jpg`,
    fileContent: Buffer.from(`jpeg-${visitId}-${n}`),
  });
  return res.fileID;
}

/** A valid visit payload at 塘沽 for `personIds` (no sensitive field unless added). */
const payload = (personIds: string[], over: Record<string, unknown> = {}): Record<string, unknown> => ({
  stationId: TANGGU,
  personIds,
  workerIds: [userIdFor(WORKER)],
  type: '常规探访',
  mode: '上门',
  startAt: new Date(Date.now() - 3600_000).toISOString(),
  endAt: new Date(Date.now() - 1800_000).toISOString(),
  findings: { safety: '燃气灶软管老化，已提醒更换', mental: '情绪稳定' },
  needs: [{ area: '养老服务', note: '希望有人定期上门理发' }],
  services: ['测量血压'],
  location: { start: { lat: 39.02, lng: 117.65, accuracy: 30 }, end: null },
  confirmation: { noSignatureReason: '老人视力不好，口头确认' },
  ...over,
});

const submit = (openid: string, event: Record<string, unknown>) =>
  cloud.callAs<SubmitVisitOutput>(openid, 'visits', { action: 'submitVisit', ...event });

const written = () => {
  const c = cloud.counts();
  return {
    visits: c[COLLECTIONS.visits] ?? 0,
    conflicts: c[COLLECTIONS.visitConflicts] ?? 0,
    followUps: c[COLLECTIONS.followUps] ?? 0,
  };
};

describe('submitVisit: the outbox rule', () => {
  it('received, then a repeat is a duplicate (nothing new), a newer version updates, a stale one is a conflict kept for the head', async () => {
    const [personId] = await addPersons(cloud.db, 1, () => ({ risk: '一般', lastVisitDay: null }));
    const before = await docOf(cloud.db, COLLECTIONS.persons, personId!);
    const id = newId('vs');
    const photos = [await photo(id, 0), await photo(id, 1)];
    const followUps = [
      { action: '联系社区更换燃气软管', ownerId: userIdFor(WORKER), dueDay: addDays(todayNow(), 7) },
    ];
    const v1 = {
      id,
      version: 1,
      payload: payload([personId!], { photoFileIds: photos, followUps, risk: '重点' }),
      fileIds: photos,
    };

    const first = ok(await submit(WORKER, v1));
    expect(first).toMatchObject({ status: 'received', version: 1, withheld: [] });
    // markVisited moved the pace: visited on the Beijing day the visit STARTED (an
    // hour ago: yesterday when the test runs just after midnight), next due 30 days
    // later as 重点.
    const visitDay = beijingDay(new Date(String(v1.payload.startAt)));
    const after = await docOf(cloud.db, COLLECTIONS.persons, personId!);
    expect(before?.nextDueDay).not.toBe(after?.nextDueDay);
    expect(after).toMatchObject({
      lastVisitDay: visitDay,
      risk: '重点',
      nextDueDay: addDays(visitDay, 30),
    });
    expect(first.nextDue).toEqual([{ personId, lastVisitDay: visitDay, nextDueDay: addDays(visitDay, 30) }]);
    // The follow-up is on its owner's list.
    const mine = ok(
      await cloud.callAs<VisitsPage<FollowUpDto>>(WORKER, 'visits', { action: 'listMyFollowUps' }),
    );
    expect(mine.items.map((f) => [f.visitId, f.action])).toEqual([[id, '联系社区更换燃气软管']]);

    // The same version and content again: duplicate, nothing written.
    const counts = written();
    const stored = await docOf(cloud.db, COLLECTIONS.visits, id);
    expect(ok(await submit(WORKER, v1))).toMatchObject({ status: 'duplicate', version: 1 });
    expect(written()).toEqual(counts);
    expect(await docOf(cloud.db, COLLECTIONS.visits, id)).toEqual(stored);

    // A newer version on top of the stored one: received, updated (objects replaced, not merged).
    const v2 = {
      ...v1,
      version: 2,
      baseVersion: 1,
      payload: { ...v1.payload, findings: { living: '屋内整洁' }, followUps: [] },
    };
    expect(ok(await submit(WORKER, v2))).toMatchObject({ status: 'received', version: 2 });
    const updated = await docOf(cloud.db, COLLECTIONS.visits, id);
    expect(updated).toMatchObject({
      version: 2,
      findings: { living: '屋内整洁', safety: null, mental: null },
    });
    expect(written().followUps).toBe(0);

    // Other content under the stored version, and a stale edit: conflicts, the record untouched.
    const other = { ...v2, payload: { ...v2.payload, services: ['代购药品'] } };
    const stale = { ...v1, version: 2, baseVersion: 0, payload: { ...v1.payload, services: ['陪同就医'] } };
    for (const ev of [other, stale]) {
      const res = ok(await submit(HEAD, ev));
      expect(res).toMatchObject({ status: 'conflict', version: 2 });
      expect(res.message).toContain('等待站长核对');
      expect(await docOf(cloud.db, COLLECTIONS.visits, id)).toEqual(updated);
    }
    expect(written().conflicts).toBe(2);
    // A resend of a conflicting version keeps one copy.
    ok(await submit(HEAD, other));
    expect(written().conflicts).toBe(2);

    // The head sees them, keeps the phone's copy of one, the server's of the other.
    const list = ok(
      await cloud.callAs<VisitsPage<VisitConflictDto>>(HEAD, 'visits', {
        action: 'listVisitConflicts',
        stationId: TANGGU,
      }),
    );
    expect(list.items).toHaveLength(2);
    expect(list.items[0]).toMatchObject({ visitId: id, phoneVersion: 2, serverVersion: 2, status: 'open' });
    const visits = ok(
      await cloud.callAs<VisitsPage<VisitListItem>>(WORKER, 'visits', {
        action: 'listVisits',
        stationId: TANGGU,
      }),
    );
    expect(visits.items[0]).toMatchObject({ id, hasConflict: true, photoCount: 2 });
    expect(visits.items[0]?.persons[0]?.name).toMatch(/^张\*+$/);

    const [a, b] = list.items;
    expect(
      err(
        await cloud.callAs(WORKER, 'visits', {
          action: 'resolveVisitConflict',
          conflictId: a!.id,
          keep: 'phone',
        }),
      ),
    ).toEqual(DENIED);
    const kept = ok(
      await cloud.callAs<{ version: number }>(HEAD, 'visits', {
        action: 'resolveVisitConflict',
        conflictId: a!.id,
        keep: 'phone',
      }),
    );
    expect(kept.version).toBe(3);
    expect(await docOf(cloud.db, COLLECTIONS.visits, id)).toMatchObject({ version: 3 });
    ok(
      await cloud.callAs(HEAD, 'visits', {
        action: 'resolveVisitConflict',
        conflictId: b!.id,
        keep: 'server',
      }),
    );
    expect(
      err(
        await cloud.callAs(HEAD, 'visits', {
          action: 'resolveVisitConflict',
          conflictId: b!.id,
          keep: 'server',
        }),
      ).code,
    ).toBe('failed-precondition');
    const none = ok(
      await cloud.callAs<VisitsPage<VisitConflictDto>>(HEAD, 'visits', {
        action: 'listVisitConflicts',
        stationId: TANGGU,
      }),
    );
    expect(none.items).toEqual([]);
  });
});

describe('consent', () => {
  it('leaves out health findings and consent-needing categories of a person without consent, says why, saves the rest', async () => {
    const [personId] = await addPersons(cloud.db, 1, () => ({}));
    const id = newId('vs');
    const res = ok(
      await submit(WORKER, {
        id,
        version: 1,
        payload: payload([personId!], {
          categories: ['低保', '独居'],
          findings: { health: '血压偏高，需按时服药', safety: '用电安全' },
        }),
      }),
    );
    expect(res.status).toBe('received');
    expect(res.withheld.map((w) => [w.field, w.consent, w.personIds])).toEqual([
      ['findings.health', 'health', [personId]],
      ['categories.低保', 'financial_hardship', [personId]],
    ]);
    expect(res.withheld[0]?.reason).toContain('本次未保存这一项（走访记录已保存）');
    const doc = await docOf(cloud.db, COLLECTIONS.visits, id);
    expect(doc).toMatchObject({ categories: ['独居'], findings: { health: null, safety: '用电安全' } });
    expect(JSON.stringify(doc)).not.toContain('血压偏高');

    // With the consents recorded, the same fields are kept.
    await cloud.db.collection(COLLECTIONS.personConsents).add({
      data: {
        personId,
        stationId: TANGGU,
        kind: 'give',
        categories: ['health', 'financial_hardship'],
        versions: {},
        givenBy: 'self',
        guardian: null,
        day: todayNow(),
        method: 'verbal',
        fileId: null,
        witnessName: '李见证',
        recordedBy: 'u-fixture',
        recordedAt: new Date(),
      },
    });
    const id2 = newId('vs');
    const res2 = ok(
      await submit(WORKER, {
        id: id2,
        version: 1,
        payload: payload([personId!], { categories: ['低保'], findings: { health: '血压偏高' } }),
      }),
    );
    expect(res2.withheld).toEqual([]);
    expect(await docOf(cloud.db, COLLECTIONS.visits, id2)).toMatchObject({
      categories: ['低保'],
      findings: { health: '血压偏高' },
    });
  });
});

describe('getVisit and who may see what', () => {
  it('gives the station photo links, the assigned supervisor a masked view without photos; others are denied', async () => {
    const [personId] = await addPersons(cloud.db, 1, () => ({ name: '王秀英' }));
    const id = newId('vs');
    const photos = [await photo(id, 0), await photo(id, 1)];
    ok(
      await submit(WORKER, {
        id,
        version: 1,
        payload: payload([personId!], { photoFileIds: photos }),
        fileIds: photos,
      }),
    );

    const mine = ok(
      await cloud.callAs<{ visit: VisitDetail }>(HEAD, 'visits', { action: 'getVisit', visitId: id }),
    ).visit;
    expect(mine.view).toBe('station');
    expect(mine.persons[0]?.name).toBe('王秀英');
    expect(mine.photos).toHaveLength(2);
    expect(mine.photos.every((p) => typeof p.url === 'string' && p.url.length > 0)).toBe(true);
    expect(mine.findings?.safety).toBe('燃气灶软管老化，已提醒更换');

    const sup = ok(
      await cloud.callAs<{ visit: VisitDetail }>(SUPERVISOR, 'visits', { action: 'getVisit', visitId: id }),
    ).visit;
    expect(sup).toMatchObject({ view: 'oversight', photos: [], findings: null, address: null });
    expect(sup.persons[0]?.name).toMatch(/^王\*+$/);

    for (const who of [WORKER_ELSEWHERE, SUPERVISOR_ELSEWHERE, RESIDENT]) {
      expect(err(await cloud.callAs(who, 'visits', { action: 'getVisit', visitId: id }))).toEqual(DENIED);
      expect(err(await cloud.callAs(who, 'visits', { action: 'listVisits', stationId: TANGGU }))).toEqual(
        DENIED,
      );
    }
  });

  it('refuses a visit to another station, by its worker, an unassigned supervisor or a resident; nothing written', async () => {
    const [personId] = await addPersons(cloud.db, 1, () => ({}));
    for (const who of [WORKER_ELSEWHERE, SUPERVISOR_ELSEWHERE, RESIDENT]) {
      const before = written();
      expect(err(await submit(who, { id: newId('vs'), version: 1, payload: payload([personId!]) }))).toEqual(
        DENIED,
      );
      expect(written()).toEqual(before);
    }
    // A worker of 大港 cannot list 塘沽's conflicts either.
    expect(
      err(
        await cloud.callAs(WORKER_ELSEWHERE, 'visits', { action: 'listVisitConflicts', stationId: TANGGU }),
      ),
    ).toEqual(DENIED);
  });
});

describe('bad input', () => {
  it('answers a Chinese message and writes nothing, on every action', async () => {
    const [personId] = await addPersons(cloud.db, 1, () => ({}));
    const [dagangPerson] = await addPersons(cloud.db, 1, () => ({
      stationId: DAGANG,
      community: '迎宾街社区',
    }));
    const id = newId('vs');
    const elsewhere = await photo(newId('vs'), 0);
    const cases: Array<[string, Record<string, unknown>]> = [
      ['submitVisit', { id: 'bad id!', version: 1, payload: payload([personId!]) }],
      ['submitVisit', { id, version: 0, payload: payload([personId!]) }],
      ['submitVisit', { id, version: 1, payload: payload([personId!], { type: '聊天' }) }],
      [
        'submitVisit',
        {
          id,
          version: 1,
          payload: payload([personId!], { endAt: new Date(Date.now() - 7200_000).toISOString() }),
        },
      ],
      ['submitVisit', { id, version: 1, payload: payload([personId!], { location: null }) }],
      ['submitVisit', { id, version: 1, payload: payload([personId!], { confirmation: {} }) }],
      [
        'submitVisit',
        { id, version: 1, payload: payload([personId!], { findings: { health: 'x'.repeat(1001) } }) },
      ],
      ['submitVisit', { id, version: 1, payload: payload([personId!], { extra: 1 }) }],
      ['submitVisit', { id, version: 1, payload: payload([dagangPerson!]) }],
      [
        'submitVisit',
        { id, version: 1, payload: payload([personId!], { workerIds: [userIdFor(WORKER_ELSEWHERE)] }) },
      ],
      [
        'submitVisit',
        {
          id,
          version: 1,
          payload: payload([personId!], { photoFileIds: [elsewhere] }),
          fileIds: [elsewhere],
        },
      ],
      [
        'submitVisit',
        {
          id,
          version: 1,
          payload: payload([personId!], {
            followUps: [{ action: '回访', ownerId: userIdFor(WORKER), dueDay: '2026-13-01' }],
          }),
        },
      ],
      ['listVisits', { stationId: TANGGU, limit: 500 }],
      ['getVisit', { visitId: { $gt: '' } }],
      ['listMyFollowUps', { cursor: '!!' }],
      ['listVisitConflicts', { stationId: '' }],
      ['resolveVisitConflict', { conflictId: 'c-1', keep: 'both' }],
    ];
    for (const [action, event] of cases) {
      const before = written();
      const e = err(
        await cloud.callAs(
          action === 'listVisitConflicts' || action === 'resolveVisitConflict' ? HEAD : WORKER,
          'visits',
          { action, ...event },
        ),
      );
      expect({ action, event, code: e.code }).toEqual({ action, event, code: 'invalid-argument' });
      expect(e.message).toMatch(/[\u4e00-\u9fa5]/);
      expect(written()).toEqual(before);
    }
  });

  it('keeps the largest valid payload under 100 KB', async () => {
    const long = (n: number) => '情'.repeat(n);
    const p = payload(
      Array.from({ length: 10 }, (_, i) => `p-${i}-xxxxxxxx`),
      {
        workerIds: Array.from({ length: 10 }, (_, i) => `u-${'w'.repeat(60)}${i}`),
        othersPresent: Array.from({ length: 10 }, () => ({ role: '志愿者', name: long(20) })),
        address: long(200),
        findings: {
          health: long(1000),
          mental: long(1000),
          safety: long(1000),
          hygiene: long(1000),
          living: long(1000),
        },
        needs: Array.from({ length: 10 }, (_, i) => ({
          area: [
            '社会救助',
            '养老服务',
            '儿童福利',
            '社区建设',
            '社会事务',
            '社会组织发展',
            '司法矫正',
            '卫生健康',
            '妇女保护',
            '拥军优属',
          ][i],
          note: long(300),
        })),
        services: Array.from({ length: 10 }, () => long(200)),
        followUps: Array.from({ length: 10 }, () => ({
          action: long(200),
          ownerId: `u-${'o'.repeat(62)}`,
          dueDay: '2026-05-01',
          referral: long(200),
          openCase: true,
        })),
        photoFileIds: Array.from(
          { length: 9 },
          (_, i) => `cloud://env.bucket/outbox/visit/${'v'.repeat(64)}/${i}.jpeg`,
        ),
      },
    );
    const bytes = Buffer.byteLength(
      JSON.stringify({ id: 'v'.repeat(64), version: 1, payload: p, fileIds: p.photoFileIds }),
    );
    expect(bytes).toBeLessThan(100 * 1024);
  });
});
