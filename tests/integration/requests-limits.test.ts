/**
 * Issue 8, hole 5: one resident could take every place of a slot (5 of 5 in
 * one run; 3 of 3 sending five request ids at once). Now: at most one place
 * per resident per slot, decided by the same conditional update that takes
 * the place, and a configurable cap on a resident's open requests (default 5,
 * SGZ_MAX_OPEN_REQUESTS), each refused with a Chinese message and nothing
 * written. Issue 8, hole 6: reads of other people's data are audited by the
 * pipeline.
 */
import { COLLECTIONS } from '../../shared/src/collections';
import type { CreateRequestOutput, RequestPage } from '../../shared/src/contracts/requests';
import { useTestCloud } from '../helpers/cloud';
import {
  CHILD_CARE,
  countsWithoutAudit,
  ELDER_VISIT,
  err,
  ok,
  REQUESTS_ENV,
  requestEvent,
  RESIDENT,
  RESIDENT_2,
  seedRequestsFixtures,
  slotDoc,
  slotsOf,
  SUPERVISOR,
  TANGGU,
  WORKER,
} from './requests-fixtures';

const CAP = 3;
const cloud = useTestCloud({
  functions: ['requests'],
  functionEnv: { ...REQUESTS_ENV, SGZ_MAX_OPEN_REQUESTS: String(CAP) },
});
beforeEach(() => seedRequestsFixtures(cloud));

const create = (openid: string, event: Record<string, unknown>) =>
  cloud.callAs<CreateRequestOutput>(openid, 'requests', event);

describe('one place per resident per slot', () => {
  it('five request ids sent at once for one slot get one place; the others are told why', async () => {
    const [slot] = await slotsOf(cloud, ELDER_VISIT, 1);
    const events = Array.from({ length: 5 }, () => requestEvent({ slotId: slot.id }));
    const results = await Promise.all(events.map((e) => create(RESIDENT, e)));
    const wins = results.filter((r) => r.ok);
    expect(wins).toHaveLength(1);
    for (const r of results.filter((x) => !x.ok)) {
      const e = err(r);
      expect(e.code).toBe('failed-precondition');
      expect(e.message).toMatch(/每人每个时段只能预约一个名额/);
    }
    const doc = await slotDoc(cloud, slot.id);
    expect(doc?.booked).toBe(1);
    expect(doc?.holders).toHaveLength(1);
    expect(cloud.counts()[COLLECTIONS.requests]).toBe(1);
    // The slot is no longer offered to her, though it has room for others.
    expect(
      (await slotsOf(cloud, ELDER_VISIT, 3, undefined, undefined, RESIDENT)).map((s) => s.id),
    ).not.toContain(slot.id);
    expect((await slotsOf(cloud, ELDER_VISIT, 1, undefined, undefined, RESIDENT_2))[0]?.id).toBe(slot.id);
    // Another resident still gets a place in the same slot.
    ok(await create(RESIDENT_2, requestEvent({ slotId: slot.id })));
    expect((await slotDoc(cloud, slot.id))?.booked).toBe(2);
  });

  it('after cancelling, the resident may book the slot again', async () => {
    const [slot] = await slotsOf(cloud, ELDER_VISIT, 1);
    const first = ok(await create(RESIDENT, requestEvent({ slotId: slot.id })));
    ok(await cloud.callAs(RESIDENT, 'requests', { action: 'cancelRequest', requestId: first.request.id }));
    ok(await create(RESIDENT, requestEvent({ slotId: slot.id })));
    const doc = await slotDoc(cloud, slot.id);
    expect(doc?.booked).toBe(1);
    expect(doc?.owners).toHaveLength(1);
  });
});

describe('cap on open requests', () => {
  it(`refuses the request after ${CAP} open ones, writes nothing, and allows one again after a cancel`, async () => {
    const slots = await slotsOf(cloud, ELDER_VISIT, CAP);
    const made: string[] = [];
    for (const slot of slots)
      made.push(ok(await create(RESIDENT, requestEvent({ slotId: slot.id }))).request.id);
    const before = countsWithoutAudit(cloud);
    const refused = err(await create(RESIDENT, requestEvent({ itemId: CHILD_CARE, slotId: undefined })));
    expect(refused.code).toBe('resource-exhausted');
    expect(refused.message).toMatch(new RegExp(`已有 ${CAP} 条正在办理的求助`));
    expect(countsWithoutAudit(cloud)).toEqual(before);
    ok(await cloud.callAs(RESIDENT, 'requests', { action: 'cancelRequest', requestId: made[0] }));
    ok(await create(RESIDENT, requestEvent({ itemId: CHILD_CARE, slotId: undefined })));
  });
});

describe('reads of personal data are audited in the pipeline', () => {
  const auditOf = async (action: string) => {
    const res = await cloud.db.collection(COLLECTIONS.auditLog).where({ action, outcome: 'ok' }).get();
    return (res as unknown as { data: Array<{ targetId: string | null }> }).data;
  };

  it('a station list read by staff and by a supervisor leaves one entry each; the own list none', async () => {
    ok(await create(RESIDENT, requestEvent({ itemId: CHILD_CARE, slotId: undefined })));
    ok(await cloud.callAs<RequestPage>(RESIDENT, 'requests', { action: 'listMyRequests' }));
    expect(await auditOf('requests.listMyRequests')).toEqual([]);
    ok(
      await cloud.callAs<RequestPage>(WORKER, 'requests', {
        action: 'listStationRequests',
        stationId: TANGGU,
      }),
    );
    ok(
      await cloud.callAs<RequestPage>(SUPERVISOR, 'requests', {
        action: 'listStationRequests',
        stationId: TANGGU,
      }),
    );
    const entries = await auditOf('requests.listStationRequests');
    expect(entries.map((e) => e.targetId)).toEqual([TANGGU, TANGGU]);
  });
});
