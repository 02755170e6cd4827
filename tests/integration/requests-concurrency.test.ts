/**
 * Races on the `requests` function, through the real SDK and the emulator's
 * function workers (several invocations really run at once):
 * - one request id submitted 10 times in parallel → one request, one place;
 * - the last place of a slot with 2, 10 and 50 concurrent residents →
 *   exactly one success, the rest 名额已满 with other free slots offered;
 * - cancellations racing bookings on a full slot → the slot's count always
 *   equals the requests that hold a place;
 * - a place held by a request that was never saved (crash between the two
 *   writes) is given back once the slot is full and the holder is old.
 * Repetitions are bounded so the file stays well under a minute.
 */
import { COLLECTIONS } from '../../shared/src/collections';
import type { CreateRequestOutput, RequestDto, SlotDto } from '../../shared/src/contracts/requests';
import type { Result } from '../../shared/src/errors';
import { ensureSlotDoc, releasePlace, takePlace } from '../../cloudfunctions/requests/src/repo';
import { useTestCloud } from '../helpers/cloud';
import {
  activeRequestsOf,
  ELDER_VISIT,
  err,
  ok,
  REQUESTS_ENV,
  requestEvent,
  RESIDENT,
  seedRequestsFixtures,
  slotDoc,
  slotsOf,
  SOLO,
  addResidents,
} from './requests-fixtures';

const cloud = useTestCloud({ functions: ['requests'], functionEnv: REQUESTS_ENV });
const resident = (i: number) => `test-race-resident-${i}`;
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);
// Every resident below has accepted the privacy notice (createRequest needs it).
const RACE_RESIDENTS = [...range(0, 450), ...range(500, 510), ...range(1000, 1005), ...range(2000, 2050)].map(
  resident,
);
beforeEach(async () => {
  await seedRequestsFixtures(cloud);
  await addResidents(cloud, [...RACE_RESIDENTS, 'test-someone-else', 'test-crashed-resident']);
});

const create = (openid: string, event: Record<string, unknown>) =>
  cloud.callAs<CreateRequestOutput>(openid, 'requests', event);

describe('idempotency', () => {
  it('10 parallel submissions with one request id make one request and take one place', async () => {
    const [slot] = await slotsOf(cloud, ELDER_VISIT, 1);
    const event = requestEvent({ slotId: slot.id });
    const results = await Promise.all(Array.from({ length: 10 }, () => create(RESIDENT, event)));
    const outs = results.map(ok);
    expect(new Set(outs.map((o) => o.request.id))).toEqual(new Set([event.requestId]));
    expect(outs.filter((o) => o.created)).toHaveLength(1);
    expect(cloud.counts().requests).toBe(1);
    expect(await slotDoc(cloud, slot.id)).toEqual(
      expect.objectContaining({ booked: 1, holders: [event.requestId] }),
    );
    // A late retry after the fact answers the same request.
    const late = ok(await create(RESIDENT, event));
    expect(late).toMatchObject({ created: false, request: { id: event.requestId, status: 'submitted' } });
    // The same id from someone else is not theirs.
    expect(err(await create('test-someone-else', event)).code).toBe('already-exists');
    expect(cloud.counts().requests).toBe(1);
  });
});

describe('the last place of a slot', () => {
  // [concurrent residents, repetitions]: each repetition races for a fresh one-place slot.
  const cases: [number, number][] = [
    [2, 5],
    [10, 4],
    [50, 2],
  ];
  it.each(cases)('%i residents at once → exactly one gets it (%i rounds)', async (n, rounds) => {
    const slots = await slotsOf(cloud, SOLO, rounds + 1);
    for (let round = 0; round < rounds; round += 1) {
      const slot = slots[round];
      const results = await Promise.all(
        Array.from({ length: n }, (_, i) =>
          create(resident(round * 100 + i), requestEvent({ itemId: SOLO, slotId: slot.id })),
        ),
      );
      const wins = results.filter((r) => r.ok);
      const losses = results.filter((r): r is Extract<Result<CreateRequestOutput>, { ok: false }> => !r.ok);
      expect(wins).toHaveLength(1);
      expect(losses).toHaveLength(n - 1);
      for (const l of losses) {
        expect(l.error.code).toBe('resource-exhausted');
        expect(l.error.message).toContain('名额已满');
        const next = (l.error.details as { nextSlots: SlotDto[] }).nextSlots;
        expect(next.length).toBeGreaterThan(0);
        expect(next.map((s) => s.id)).not.toContain(slot.id);
      }
      expect(await slotDoc(cloud, slot.id)).toMatchObject({ booked: 1 });
      expect((await slotDoc(cloud, slot.id))?.holders).toHaveLength(1);
      expect(await activeRequestsOf(cloud, slot.id)).toBe(1);
    }
    expect(cloud.counts().requests).toBe(rounds);
  });
});

describe('cancel racing book', () => {
  it('on a full slot, the count always equals the requests holding a place (5 rounds)', async () => {
    const slots = await slotsOf(cloud, SOLO, 5);
    for (const [round, slot] of slots.entries()) {
      const holder = resident(1000 + round);
      const first = ok(await create(holder, requestEvent({ itemId: SOLO, slotId: slot.id })));
      const contenders = Array.from({ length: 4 }, (_, i) => resident(2000 + round * 10 + i));
      const [cancel, cancelAgain, ...books] = await Promise.all([
        cloud.callAs<{ request: RequestDto }>(holder, 'requests', {
          action: 'cancelRequest',
          requestId: first.request.id,
        }),
        cloud.callAs<{ request: RequestDto }>(holder, 'requests', {
          action: 'cancelRequest',
          requestId: first.request.id,
        }),
        ...contenders.map((c) => create(c, requestEvent({ itemId: SOLO, slotId: slot.id }))),
      ]);
      // The place is freed exactly once.
      expect([cancel, cancelAgain].filter((r) => r.ok)).toHaveLength(1);
      const refused = [cancel, cancelAgain].find((r) => !r.ok);
      expect(refused && !refused.ok && refused.error.code).toBe('failed-precondition');
      const booked = books.filter((r) => r.ok).length;
      expect(booked).toBeLessThanOrEqual(1);
      for (const b of books) if (!b.ok) expect(b.error.code).toBe('resource-exhausted');
      const doc = await slotDoc(cloud, slot.id);
      const active = await activeRequestsOf(cloud, slot.id);
      expect(doc?.booked).toBe(active);
      expect(doc?.holders).toHaveLength(active);
      expect(active).toBe(booked);
    }
  });
});

describe('a place held by a request that was never saved (the function died between the two writes)', () => {
  const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);
  /** Fills a one-place slot with `holder`, as a crashed createRequest leaves it: a place, no request. */
  async function crashedHolder(slot: SlotDto, holder: string, heldAt: Date | null): Promise<void> {
    await cloud.db.collection(COLLECTIONS.slots).add({
      data: {
        _id: slot.id,
        stationId: 'st-tanggu',
        itemId: SOLO,
        day: slot.day,
        start: slot.start,
        startsAt: new Date(slot.startsAt),
        booked: 1,
        holders: [holder],
        ...(heldAt ? { heldAt: { [holder]: heldAt } } : {}),
      },
    });
  }

  it('is given back when the slot is full and the holder is past the grace period; the crashed id cannot come back', async () => {
    const [slot] = await slotsOf(cloud, SOLO, 1);
    const crashed = requestEvent({ itemId: SOLO, slotId: slot.id });
    await crashedHolder(slot, String(crashed.requestId), minutesAgo(10));
    const booked = ok(await create(RESIDENT, requestEvent({ itemId: SOLO, slotId: slot.id })));
    expect(booked.created).toBe(true);
    const doc = await slotDoc(cloud, slot.id);
    expect(doc).toMatchObject({ booked: 1, holders: [booked.request.id] });
    expect(await activeRequestsOf(cloud, slot.id)).toBe(1);
    // A late retry of the crashed submission is told to start again, and takes nothing.
    const late = err(await create('test-crashed-resident', crashed));
    expect(late).toMatchObject({ code: 'already-exists', message: expect.stringContaining('重新提交') });
    expect(await slotDoc(cloud, slot.id)).toMatchObject({ booked: 1, holders: [booked.request.id] });
    // The tombstone is nobody's request: not found for its id, in no list.
    expect(
      err(
        await cloud.callAs('test-crashed-resident', 'requests', {
          action: 'getRequest',
          requestId: crashed.requestId,
        }),
      ).code,
    ).toBe('permission-denied');
    const mine = ok(
      await cloud.callAs<{ items: unknown[] }>('test-crashed-resident', 'requests', {
        action: 'listMyRequests',
      }),
    );
    expect(mine.items).toHaveLength(0);
  });

  it('each place records when it was taken, per holder (the clock the grace period reads)', async () => {
    const [slot] = await slotsOf(cloud, ELDER_VISIT, 1);
    const before = Date.now();
    const a = ok(await create(RESIDENT, requestEvent({ slotId: slot.id })));
    const b = ok(await create(resident(7), requestEvent({ slotId: slot.id })));
    const doc = (await slotDoc(cloud, slot.id)) as unknown as { heldAt: Record<string, Date> };
    expect(Object.keys(doc.heldAt).sort()).toEqual([a.request.id, b.request.id].sort());
    for (const at of Object.values(doc.heldAt))
      expect(new Date(at).getTime()).toBeGreaterThanOrEqual(before - 5_000);
    ok(await cloud.callAs(RESIDENT, 'requests', { action: 'cancelRequest', requestId: a.request.id }));
    const after = (await slotDoc(cloud, slot.id)) as unknown as { heldAt: Record<string, Date> };
    expect(Object.keys(after.heldAt)).toEqual([b.request.id]);
  });

  it('a holder without a recorded time (taken before times were kept) counts as old', async () => {
    const [slot] = await slotsOf(cloud, SOLO, 1);
    await crashedHolder(slot, 'req-legacy-holder-1', null);
    ok(await create(RESIDENT, requestEvent({ itemId: SOLO, slotId: slot.id })));
    expect((await slotDoc(cloud, slot.id))?.holders).not.toContain('req-legacy-holder-1');
  });

  it('within the grace period the holder keeps the place (its call may still be saving): 名额已满', async () => {
    const [slot] = await slotsOf(cloud, SOLO, 1);
    await crashedHolder(slot, 'req-still-saving-1', new Date());
    const e = err(await create(RESIDENT, requestEvent({ itemId: SOLO, slotId: slot.id })));
    expect(e.code).toBe('resource-exhausted');
    expect(await slotDoc(cloud, slot.id)).toMatchObject({ booked: 1, holders: ['req-still-saving-1'] });
    expect(cloud.counts().requests ?? 0).toBe(0);
  });

  it('an old holder WITH a request keeps its place', async () => {
    const [slot] = await slotsOf(cloud, SOLO, 1);
    const first = ok(await create(RESIDENT, requestEvent({ itemId: SOLO, slotId: slot.id })));
    await cloud.db
      .collection(COLLECTIONS.slots)
      .doc(slot.id)
      .update({ data: { heldAt: { [first.request.id]: minutesAgo(60) } } });
    expect(err(await create(resident(1), requestEvent({ itemId: SOLO, slotId: slot.id }))).code).toBe(
      'resource-exhausted',
    );
    expect(await slotDoc(cloud, slot.id)).toMatchObject({ booked: 1, holders: [first.request.id] });
  });

  it('10 residents at once on a slot with an orphan → the orphan is freed once and exactly one resident gets it', async () => {
    const [slot] = await slotsOf(cloud, SOLO, 1);
    await crashedHolder(slot, 'req-orphan-race-1', minutesAgo(10));
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        create(resident(500 + i), requestEvent({ itemId: SOLO, slotId: slot.id })),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    for (const r of results) if (!r.ok) expect(r.error.code).toBe('resource-exhausted');
    const doc = await slotDoc(cloud, slot.id);
    expect(doc?.booked).toBe(1);
    expect(doc?.holders).toHaveLength(1);
    expect(doc?.holders).not.toContain('req-orphan-race-1');
    expect(await activeRequestsOf(cloud, slot.id)).toBe(1);
  });
});

describe('the capacity primitive itself, all calls at once from one process', () => {
  // Through functions, the emulator's workers (at most 8) start their calls a
  // few milliseconds apart; here 50 conditional updates leave together, which
  // is what would expose a read-then-write.
  it.each([1, 3])(
    '50 simultaneous takes of a slot with %i place(s) → exactly that many holders',
    async (capacity) => {
      const slotId = `si-st-tanggu-solo~2099010${capacity}~0900`;
      await ensureSlotDoc(cloud.db, { _id: slotId, stationId: 'st-tanggu', itemId: SOLO });
      const ids = Array.from({ length: 50 }, (_, i) => `req-primitive-${i}`);
      const at = new Date('2099-01-01T00:00:00Z');
      const takes = await Promise.all(
        ids.map((id, i) => takePlace(cloud.db, slotId, id, `u-owner-${i}`, capacity, at)),
      );
      expect(takes.filter((t) => t.held && t.incremented)).toHaveLength(capacity);
      const doc = await slotDoc(cloud, slotId);
      expect(doc?.booked).toBe(capacity);
      expect(doc?.holders).toHaveLength(capacity);
      // The same holder taking again (a retry) does not take a second place.
      const w = takes.findIndex((t) => t.incremented);
      const winner = ids[w];
      const winnerOwner = `u-owner-${w}`;
      expect(await takePlace(cloud.db, slotId, winner, winnerOwner, capacity + 5, at)).toEqual({
        held: true,
        incremented: false,
        ownerHasPlace: false,
      });
      // The same resident with another request id gets no second place, even with room.
      expect(await takePlace(cloud.db, slotId, 'req-primitive-again', winnerOwner, capacity + 5, at)).toEqual(
        {
          held: false,
          incremented: false,
          ownerHasPlace: true,
        },
      );
      // 20 simultaneous releases of one holder free exactly one place.
      const frees = await Promise.all(
        Array.from({ length: 20 }, () => releasePlace(cloud.db, slotId, winner, winnerOwner)),
      );
      expect(frees.filter(Boolean)).toHaveLength(1);
      expect((await slotDoc(cloud, slotId))?.booked).toBe(capacity - 1);
      expect((await slotDoc(cloud, slotId))?.owners).not.toContain(winnerOwner);
    },
  );
});
