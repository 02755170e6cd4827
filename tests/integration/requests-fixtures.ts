/**
 * Fixtures of the requests integration tests: staff accounts for the demo
 * users, the demo service items of two stations, a one-place item, and
 * small helpers. Not a test file (no `.test.ts`).
 */
import { userIdFor } from '../../cloudfunctions/_lib/authz';
import { COLLECTIONS } from '../../shared/src/collections';
import type { SlotDto } from '../../shared/src/contracts/requests';
import type { Result } from '../../shared/src/errors';
import type { StationId } from '../../shared/src/ids';
import { beijingDay } from '../../shared/src/calendar';
import { PRIVACY_NOTICE_VERSION } from '../../shared/src/domain/account';
import { addDays, isoWeekday, slotIdOf } from '../../shared/src/domain/slot';
import { DEMO_USERS } from '../../shared/src/seed/demo-users';
import { demoServiceItemsFor } from '../../shared/src/seed/service-items';
import type { TestCloud } from '../helpers/cloud';

/** Template id the tests configure (functionEnv). */
export const TEMPLATE_ID = 'tpl-test-request-status';
/** Function environment of the requests tests. */
export const REQUESTS_ENV = { SGZ_TPL_REQUEST_STATUS: TEMPLATE_ID };

export const RESIDENT = 'demo-resident-1';
export const RESIDENT_2 = 'demo-resident-2';
export const WORKER = 'demo-worker-tanggu';
export const HEAD = 'demo-head-tanggu';
export const WORKER_ELSEWHERE = 'demo-worker-dagang';
export const SUPERVISOR = 'demo-supervisor-1';

export const TANGGU = 'st-tanggu' as StationId;
export const DAGANG = 'st-dagang' as StationId;
/** Demo item of 塘沽: bookable, 60 min, 2 places. */
export const ELDER_VISIT = 'si-st-tanggu-elder-visit';
/** Demo item of 塘沽: not bookable. */
export const CHILD_CARE = 'si-st-tanggu-child-care';
/** Demo item of 大港 (for "a slot of another station"). */
export const DAGANG_ELDER_VISIT = 'si-st-dagang-elder-visit';
/** Test item of 塘沽 with ONE place per slot (last-place races). */
export const SOLO = 'si-st-tanggu-solo';

const run = async <T>(p: Promise<T> | void | string): Promise<T> => {
  if (!p || typeof p === 'string') throw new Error('no promise');
  return p;
};

/** The privacy notice as accepted now (the current version), as `users.privacyNotice`. */
export const acceptedNotice = () => ({ version: PRIVACY_NOTICE_VERSION, acceptedAt: new Date() });

/**
 * Resident accounts that accepted the current privacy notice (createRequest
 * refuses a caller who has not), one batch insert.
 */
export async function addResidents(cloud: TestCloud, openids: readonly string[]): Promise<void> {
  if (openids.length === 0) return;
  await run(
    cloud.db.collection(COLLECTIONS.users).add({
      data: openids.map((openid) => ({
        _id: userIdFor(openid),
        openid,
        role: 'resident',
        stationId: null,
        stationIds: [],
        active: true,
        privacyNotice: acceptedNotice(),
      })),
    }),
  );
}

/**
 * Accounts of the demo users (as the accounts function would store them;
 * all of them accepted the privacy notice, except `withoutPrivacy`) and the
 * service items.
 */
export async function seedRequestsFixtures(
  cloud: TestCloud,
  opts: { withoutPrivacy?: readonly string[] } = {},
): Promise<void> {
  const db = cloud.db;
  for (const u of DEMO_USERS) {
    await run(
      db.collection(COLLECTIONS.users).add({
        data: {
          _id: userIdFor(u.openid),
          openid: u.openid,
          role: u.role,
          stationId: u.stationId ?? null,
          stationIds: u.stationIds ?? [],
          active: true,
          privacyNotice: opts.withoutPrivacy?.includes(u.openid) ? null : acceptedNotice(),
        },
      }),
    );
  }
  // As reviewed by the stations' heads (`demo: false`): unreviewed demo items are not
  // offered to residents (requests-staff-entry.test.ts).
  const items = [...demoServiceItemsFor(TANGGU), ...demoServiceItemsFor(DAGANG)].map(({ id, ...rest }) => ({
    _id: id,
    ...rest,
    demo: false,
  }));
  items.push({
    _id: SOLO as never,
    stationId: TANGGU,
    title: '一对一心理疏导',
    area: '卫生健康',
    description: '测试项目：每个时段 1 个名额',
    bookable: true,
    durationMinutes: 30,
    capacityPerSlot: 1,
    active: true,
    demo: false,
    order: 9,
  });
  await run(db.collection(COLLECTIONS.serviceItems).add({ data: items }));
}

/** The data of an ok result, or a thrown error naming the failure. */
export const ok = <T>(r: Result<T>): T => {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`);
  return r.data;
};

/** The error of a failed result, or a thrown error. */
export const err = <T>(r: Result<T>) => {
  if (r.ok) throw new Error(`expected an error, got ok ${JSON.stringify(r.data).slice(0, 200)}`);
  return r.error;
};

/**
 * Tomorrow (Beijing) at `now`: the first day tests book on. A slot of that day
 * or later starts at least 6 hours after now (opening hours begin at 06:00 at
 * the earliest), so none starts while a test is using it: "the next free slot"
 * from now may start a second later, and a booking then is refused as past.
 * Still within the booking window (today + 14 days) for the next 13 days.
 */
export const firstTestDay = (now: Date = new Date()): string => addDays(beijingDay(now), 1);

/**
 * Free slots of an item from {@link firstTestDay} on (pass `fromDay: null` for
 * "from now", which only a listing test should do: those may start any moment).
 */
export async function slotsOf(
  cloud: TestCloud,
  itemId: string,
  limit = 10,
  stationId: string = TANGGU,
  fromDay: string | null = firstTestDay(),
  // Someone who books nothing: a signed-in resident is not offered the slots
  // where they already hold a place.
  viewer = 'test-slot-viewer',
): Promise<SlotDto[]> {
  const out = ok(
    await cloud.callAs<{ slots: SlotDto[] }>(viewer, 'requests', {
      action: 'listSlots',
      stationId,
      itemId,
      limit,
      ...(fromDay ? { fromDay } : {}),
    }),
  );
  return out.slots;
}

let seq = 0;
/** A fresh client-style request id. */
export const newRequestId = (): string =>
  `req-${Date.now().toString(36)}-${(seq++).toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

/** A valid createRequest event for `itemId`/`slotId` (for oneself). */
export const requestEvent = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  action: 'createRequest',
  requestId: newRequestId(),
  stationId: TANGGU,
  itemId: ELDER_VISIT,
  description: '家中老人腿脚不便，想请社工上门看看',
  contactPhone: '13812345678',
  forWhom: 'self',
  ...over,
});

/** Slot ids relative to today (Beijing): yesterday, 30 days ahead, a closed hour on the next weekday. */
export function awkwardSlots(itemId: string, now = new Date()) {
  const today = beijingDay(now);
  let weekday = addDays(today, 1);
  while (isoWeekday(weekday) > 5) weekday = addDays(weekday, 1);
  return {
    past: slotIdOf(itemId, addDays(today, -1), '09:00'),
    farFuture: slotIdOf(itemId, addDays(today, 30), '09:00'),
    closedHour: slotIdOf(itemId, weekday, '07:00'),
  };
}

/** Documents per collection, without the audit log (denials are audited by design). */
export function countsWithoutAudit(cloud: TestCloud): Record<string, number> {
  const c = { ...cloud.counts() };
  delete c[COLLECTIONS.auditLog];
  return c;
}

/** A slot's counter document read in the test process. */
export async function slotDoc(
  cloud: TestCloud,
  slotId: string,
): Promise<{ booked: number; holders: string[]; owners?: string[] } | null> {
  const res = await run(cloud.db.collection(COLLECTIONS.slots).where({ _id: slotId }).get());
  return (
    ((res.data as { booked: number; holders: string[]; owners?: string[] }[])[0] as
      | { booked: number; holders: string[]; owners?: string[] }
      | undefined) ?? null
  );
}

/** Requests of a slot that hold a place (every status but cancelled and rejected). */
export async function activeRequestsOf(cloud: TestCloud, slotId: string): Promise<number> {
  const _ = cloud.db.command;
  const res = await run(
    cloud.db
      .collection(COLLECTIONS.requests)
      .where({ slotId, status: _.nin(['cancelled', 'rejected']) })
      .count(),
  );
  return res.total;
}
