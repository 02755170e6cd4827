/**
 * Issue 15, items 9 and 17, through the real wx-server-sdk on the emulator:
 * - `countStationRequests`: the number of new (待处理 = submitted) requests of a
 *   station, for the badge of the staff's one-tap entry on 我的 (count() in the
 *   database; default the caller's own station; staff of that station only);
 * - demo service items (演示) are off the public listing until a head of the
 *   station has saved (reviewed) them; the head still sees them, marked.
 */
import { COLLECTIONS } from '../../shared/src/collections';
import type {
  CountStationRequestsOutput,
  CreateRequestOutput,
  ListServiceItemsOutput,
  ServiceItemDto,
} from '../../shared/src/contracts/requests';
import { useTestCloud } from '../helpers/cloud';
import {
  CHILD_CARE,
  DAGANG,
  err,
  HEAD,
  ok,
  REQUESTS_ENV,
  requestEvent,
  RESIDENT,
  RESIDENT_2,
  seedRequestsFixtures,
  SUPERVISOR,
  TANGGU,
  WORKER,
  WORKER_ELSEWHERE,
} from './requests-fixtures';

const cloud = useTestCloud({ functions: ['requests'], functionEnv: REQUESTS_ENV });
beforeEach(() => seedRequestsFixtures(cloud));

const call = <T>(openid: string | null, event: Record<string, unknown>) =>
  cloud.callAs<T>(openid, 'requests', event);
const count = (openid: string | null, stationId?: string) =>
  call<CountStationRequestsOutput>(openid, {
    action: 'countStationRequests',
    ...(stationId ? { stationId } : {}),
  });
const childCareAt = (stationId: string) => ({
  stationId,
  itemId: stationId === TANGGU ? CHILD_CARE : 'si-st-dagang-child-care',
});

describe('countStationRequests (the 待处理 badge of the staff entry)', () => {
  it("counts the station's new requests; a step by the station takes one off", async () => {
    expect(ok(await count(WORKER))).toEqual({ stationId: TANGGU, submitted: 0 });
    const first = ok(await call<CreateRequestOutput>(RESIDENT, requestEvent(childCareAt(TANGGU))));
    ok(await call(RESIDENT_2, requestEvent(childCareAt(TANGGU))));
    ok(await call(RESIDENT, requestEvent(childCareAt(DAGANG))));

    expect(ok(await count(WORKER))).toEqual({ stationId: TANGGU, submitted: 2 });
    expect(ok(await count(HEAD, TANGGU))).toEqual({ stationId: TANGGU, submitted: 2 });
    expect(ok(await count(WORKER_ELSEWHERE))).toEqual({ stationId: DAGANG, submitted: 1 });

    ok(await call(WORKER, { action: 'transitionRequest', requestId: first.request.id, step: 'accept' }));
    expect(ok(await count(WORKER))).toEqual({ stationId: TANGGU, submitted: 1 });
  });

  it('is for the staff of that station only, and writes nothing but the denial', async () => {
    ok(await call(RESIDENT, requestEvent(childCareAt(TANGGU))));
    const before = cloud.counts()[COLLECTIONS.requests];
    expect(err(await count(WORKER_ELSEWHERE, TANGGU)).code).toBe('permission-denied');
    expect(err(await count(RESIDENT)).code).toBe('permission-denied');
    expect(err(await count(SUPERVISOR, TANGGU)).code).toBe('permission-denied');
    expect(err(await count(null)).code).toBe('unauthenticated');
    expect(err(await call(WORKER, { action: 'countStationRequests', status: 'submitted' })).code).toBe(
      'invalid-argument',
    );
    expect(cloud.counts()[COLLECTIONS.requests]).toBe(before);
  });
});

describe('demo service items (演示) stay off residents’ screens until a head reviews them', () => {
  const DEMO = 'si-st-tanggu-demo-unreviewed';
  beforeEach(async () => {
    await cloud.db.collection(COLLECTIONS.serviceItems).add({
      data: {
        _id: DEMO,
        stationId: TANGGU,
        title: '演示项目：社区长者茶话会',
        area: '养老服务',
        description: '演示项目，请站长核实修改',
        bookable: false,
        durationMinutes: 60,
        capacityPerSlot: 1,
        active: true,
        demo: true,
        order: 20,
      },
    });
  });
  const listed = async (openid: string | null, includeInactive = false) =>
    ok(
      await call<ListServiceItemsOutput>(openid, {
        action: 'listServiceItems',
        stationId: TANGGU,
        ...(includeInactive ? { includeInactive } : {}),
      }),
    ).items.map((i) => i.id);

  it('is not listed to a resident, an anonymous caller or a worker; the head sees it marked', async () => {
    expect(await listed(null)).not.toContain(DEMO);
    expect(await listed(RESIDENT)).not.toContain(DEMO);
    expect(await listed(RESIDENT, true)).not.toContain(DEMO);
    expect(await listed(WORKER)).not.toContain(DEMO);
    expect(await listed(null)).toContain(CHILD_CARE);
    const forHead = ok(
      await call<ListServiceItemsOutput>(HEAD, {
        action: 'listServiceItems',
        stationId: TANGGU,
        includeInactive: true,
      }),
    ).items;
    expect(forHead.find((i) => i.id === DEMO)).toMatchObject({ demo: true });
  });

  it('cannot be requested before the review', async () => {
    const e = err(await call(RESIDENT, requestEvent({ stationId: TANGGU, itemId: DEMO })));
    expect(e.code).toBe('invalid-argument');
    expect(e.message).toMatch(/该服务项目不存在或已下架/);
  });

  it('is listed (and can be requested) once the head of the station has saved it', async () => {
    const saved = ok(
      await call<{ item: ServiceItemDto }>(HEAD, {
        action: 'upsertServiceItem',
        id: DEMO,
        stationId: TANGGU,
        title: '社区长者茶话会',
        area: '养老服务',
        description: '每月第一个周三下午',
        bookable: false,
        durationMinutes: 60,
        capacityPerSlot: 1,
      }),
    ).item;
    expect(saved.demo).toBe(false);
    expect(await listed(RESIDENT)).toContain(DEMO);
    ok(await call(RESIDENT, requestEvent({ stationId: TANGGU, itemId: DEMO })));
  });
});
