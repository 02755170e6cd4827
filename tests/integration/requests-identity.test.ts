/**
 * Every action of the `requests` function against identity claims in the
 * event (`openid`, `OPENID`, `_openid`, `role`, `createdBy`, `userInfo`, and a
 * `stationId` where the action takes none): the call behaves exactly as
 * without them — same outcome, same answer (ids and times aside), same owner
 * of what it writes, audited as the real caller. And with no OPENID at all
 * (timer, HTTP trigger): every user action is refused with `unauthenticated`,
 * writing nothing but the denial's audit entry; the public catalogue and slot
 * listings still answer and write nothing.
 */
import { callerHash } from '../../cloudfunctions/_lib/audit';
import { userIdFor } from '../../cloudfunctions/_lib/authz';
import { COLLECTIONS } from '../../shared/src/collections';
import type { CreateRequestOutput } from '../../shared/src/contracts/requests';
import type { Result } from '../../shared/src/errors';
import { useTestCloud } from '../helpers/cloud';
import {
  CHILD_CARE,
  DAGANG,
  ELDER_VISIT,
  firstTestDay,
  HEAD,
  ok,
  REQUESTS_ENV,
  requestEvent,
  RESIDENT,
  RESIDENT_2,
  seedRequestsFixtures,
  TANGGU,
  WORKER,
} from './requests-fixtures';

const cloud = useTestCloud({ functions: ['requests'], functionEnv: REQUESTS_ENV });
beforeEach(() => seedRequestsFixtures(cloud));

const ADMIN = 'demo-admin-1';
const ACTIONS = [
  'listServiceItems',
  'upsertServiceItem',
  'listSlots',
  'updateOpeningHours',
  'createRequest',
  'listMyRequests',
  'getRequest',
  'cancelRequest',
  'listStationRequests',
  'transitionRequest',
  'rateRequest',
] as const;
type Name = (typeof ACTIONS)[number];
/** Actions anyone may call, even with no OPENID (the resident cell of their row is `public`). */
const PUBLIC: readonly Name[] = ['listServiceItems', 'listSlots'];
/** Actions that take `stationId` as a real input (elsewhere a `stationId` in the event is dropped). */
const TAKES_STATION: readonly Name[] = [
  'listServiceItems',
  'upsertServiceItem',
  'listSlots',
  'updateOpeningHours',
  'createRequest',
  'listStationRequests',
];

/** Permission namespaces other than `requests` that the function serves (its index.ts routes them). */
const NAMESPACE: Partial<Record<Name, string>> = {
  upsertServiceItem: 'serviceItems',
  updateOpeningHours: 'slots',
};

const call = (openid: string | null, action: string, event: Record<string, unknown>) =>
  cloud.callAs(openid, 'requests', { action, ...event });
const outcome = (r: Result<unknown>) => (r.ok ? 'ok' : r.error.code);

/** A request of `owner` (through the function), optionally moved to `completed` in the database. */
async function ownRequest(owner: string, completed = false): Promise<string> {
  const id = ok(
    await cloud.callAs<CreateRequestOutput>(owner, 'requests', requestEvent({ itemId: CHILD_CARE })),
  ).request.id;
  if (completed)
    await cloud.db
      .collection(COLLECTIONS.requests)
      .doc(id)
      .update({ data: { status: 'completed' } });
  return id;
}

const ITEM_EDIT = {
  id: ELDER_VISIT,
  stationId: TANGGU,
  title: '高龄老人上门探访',
  area: '养老服务',
  description: '每周二、四上门',
  bookable: true,
  durationMinutes: 60,
  capacityPerSlot: 2,
};

/** A valid call of each action, with fresh fixtures each time it is asked for. */
const validCall: Record<Name, () => Promise<{ as: string; event: Record<string, unknown> }>> = {
  listServiceItems: async () => ({ as: RESIDENT, event: { stationId: TANGGU } }),
  upsertServiceItem: async () => ({ as: HEAD, event: ITEM_EDIT }),
  // From tomorrow: two listings from now differ when a slot starts between them.
  listSlots: async () => ({
    as: RESIDENT,
    event: { stationId: TANGGU, itemId: ELDER_VISIT, limit: 2, fromDay: firstTestDay() },
  }),
  updateOpeningHours: async () => ({
    as: HEAD,
    event: { stationId: TANGGU, openingHours: { 6: [{ start: '09:00', end: '11:00' }] } },
  }),
  createRequest: async () => {
    const { action: _action, ...event } = requestEvent({ itemId: CHILD_CARE });
    return { as: RESIDENT, event };
  },
  listMyRequests: async () => ({ as: RESIDENT, event: {} }),
  getRequest: async () => ({ as: RESIDENT, event: { requestId: await ownRequest(RESIDENT) } }),
  cancelRequest: async () => ({ as: RESIDENT, event: { requestId: await ownRequest(RESIDENT) } }),
  listStationRequests: async () => ({ as: WORKER, event: { stationId: TANGGU } }),
  transitionRequest: async () => ({
    as: WORKER,
    event: { requestId: await ownRequest(RESIDENT_2), step: 'accept' },
  }),
  rateRequest: async () => ({
    as: RESIDENT,
    event: { requestId: await ownRequest(RESIDENT, true), stars: 4 },
  }),
};

/** An answer with its ids and times replaced, so two equivalent calls compare equal. */
function normalise(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(normalise);
  if (v && typeof v === 'object') {
    return Object.fromEntries(
      Object.entries(v as Record<string, unknown>).map(([k, x]) =>
        /^(id|requestId|at|createdAt|updatedAt|byUserId)$/.test(k) && typeof x === 'string'
          ? [k, '<varies>']
          : [k, normalise(x)],
      ),
    );
  }
  return v;
}

/** The newest audit entry. */
async function lastAudit(): Promise<Record<string, unknown> | undefined> {
  const res = await cloud.db.collection(COLLECTIONS.auditLog).orderBy('at', 'desc').limit(1).get();
  return (res as unknown as { data: Record<string, unknown>[] }).data[0];
}

describe('spoofing: identity claims in the event change nothing', () => {
  const spoof = {
    openid: ADMIN,
    OPENID: ADMIN,
    _openid: ADMIN,
    role: 'district_admin',
    createdBy: userIdFor(ADMIN),
    userInfo: { openId: ADMIN },
  };

  it.each(ACTIONS)('%s', async (action) => {
    const plain = await validCall[action]();
    const spoofed = await validCall[action]();
    const extra = TAKES_STATION.includes(action) ? spoof : { ...spoof, stationId: DAGANG };
    const a = await call(plain.as, action, plain.event);
    const auditA = await lastAudit();
    const b = await call(spoofed.as, action, { ...spoofed.event, ...extra });
    const auditB = await lastAudit();
    expect(outcome(a)).toBe('ok');
    expect(outcome(b)).toBe('ok');
    if (a.ok && b.ok) expect(normalise(b.data)).toEqual(normalise(a.data));
    // Audited as the real caller with the real role, never as the claimed admin.
    expect({ ...auditB, _id: null, at: null, requestId: null, targetId: null }).toEqual({
      ...auditA,
      _id: null,
      at: null,
      requestId: null,
      targetId: null,
    });
    expect(auditB?.callerHash).not.toBe(callerHash(ADMIN));
  });

  it('a request created with identity claims belongs to the real caller and is addressed to them', async () => {
    const event = requestEvent({ itemId: CHILD_CARE, ...spoof });
    ok(await call(RESIDENT, 'createRequest', event));
    const res = await cloud.db.collection(COLLECTIONS.requests).doc(String(event.requestId)).get();
    const doc = (res as unknown as { data: Record<string, unknown> }).data;
    expect(doc).toMatchObject({ ownerId: userIdFor(RESIDENT), ownerOpenid: RESIDENT });
    expect(JSON.stringify(doc)).not.toContain(ADMIN);
    expect(cloud.emulator.app.outbox.list().map((m) => m.touser)).toEqual([RESIDENT]);
  });

  it('a resident claiming to be the admin, the head or staff of a station gets nothing more', async () => {
    const theirs = await ownRequest(RESIDENT_2);
    const claims = { ...spoof, openid: HEAD, _openid: WORKER, role: 'station_head' };
    const before = cloud.counts();
    for (const [action, event] of [
      ['listStationRequests', { stationId: TANGGU }],
      ['transitionRequest', { requestId: theirs, step: 'accept' }],
      ['getRequest', { requestId: theirs }],
      ['cancelRequest', { requestId: theirs }],
      ['upsertServiceItem', ITEM_EDIT],
      ['updateOpeningHours', { stationId: TANGGU, openingHours: { 1: [{ start: '09:00', end: '10:00' }] } }],
    ] as const) {
      const r = await call(RESIDENT, action, { ...event, ...claims });
      expect([action, outcome(r)]).toEqual([action, 'permission-denied']);
    }
    const after = cloud.counts();
    expect({ ...after, [COLLECTIONS.auditLog]: 0 }).toEqual({ ...before, [COLLECTIONS.auditLog]: 0 });
    expect(after[COLLECTIONS.auditLog]).toBe((before[COLLECTIONS.auditLog] ?? 0) + 6);
  });
});

describe('no OPENID (timer, HTTP trigger)', () => {
  it.each(ACTIONS.filter((a) => !PUBLIC.includes(a)))(
    '%s is refused and writes only the denial',
    async (action) => {
      const valid = await validCall[action]();
      const before = cloud.counts();
      const r = await call(null, action, valid.event);
      expect(outcome(r)).toBe('unauthenticated');
      if (!r.ok) expect(r.error.message).toBe('请在微信小程序中登录后再试');
      const after = cloud.counts();
      expect({ ...after, [COLLECTIONS.auditLog]: 0 }).toEqual({ ...before, [COLLECTIONS.auditLog]: 0 });
      expect(after[COLLECTIONS.auditLog]).toBe((before[COLLECTIONS.auditLog] ?? 0) + 1);
      expect(await lastAudit()).toMatchObject({
        callerHash: null,
        outcome: 'denied',
        action: `${NAMESPACE[action] ?? 'requests'}.${action}`,
      });
    },
  );

  it.each(PUBLIC)('%s (public) answers as it does for a resident and writes nothing', async (action) => {
    const valid = await validCall[action]();
    const before = cloud.counts();
    const anon = await call(null, action, valid.event);
    expect(cloud.counts()).toEqual(before);
    const signedIn = await call(valid.as, action, valid.event);
    expect(outcome(anon)).toBe('ok');
    if (anon.ok && signedIn.ok) expect(anon.data).toEqual(signedIn.data);
  });
});
