/**
 * The `requests` function through the real wx-server-sdk against the local
 * emulator: the whole flow of issue 5 (catalogue, slots, a request for a
 * family member, the station's lifecycle, the resident's timeline and
 * rating), who may see what, and every notification in the outbox.
 */
import { COLLECTIONS } from '../../shared/src/collections';
import { FAMILY_CONSENT_VERSION } from '../../shared/src/domain/request';
import { upcomingSlots } from '../../shared/src/domain/slot';
import { demoServiceItemsFor } from '../../shared/src/seed/service-items';
import type {
  CreateRequestOutput,
  ListServiceItemsOutput,
  RequestDto,
  RequestPage,
  ServiceItemDto,
} from '../../shared/src/contracts/requests';
import type { Result } from '../../shared/src/errors';
import { useTestCloud } from '../helpers/cloud';
import {
  CHILD_CARE,
  ELDER_VISIT,
  err,
  HEAD,
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
  TEMPLATE_ID,
  WORKER,
  WORKER_ELSEWHERE,
} from './requests-fixtures';

const cloud = useTestCloud({ functions: ['requests'], functionEnv: REQUESTS_ENV });
beforeEach(() => seedRequestsFixtures(cloud));

const call = <T>(openid: string | null, event: Record<string, unknown>) =>
  cloud.callAs<T>(openid, 'requests', event);

describe('catalogue', () => {
  it('lists the reviewed items of 塘沽 to anyone (unreviewed demo items: requests-staff-entry)', async () => {
    const out = ok(
      await call<ListServiceItemsOutput>(null, { action: 'listServiceItems', stationId: TANGGU }),
    );
    expect(out.items.map((i) => i.id)).toContain(ELDER_VISIT);
    expect(out.items.every((i) => i.stationId === TANGGU && !i.demo)).toBe(true);
  });

  it("the head of 塘沽 edits an item of 塘沽; a worker, another station or another station's item are refused", async () => {
    const edit = {
      action: 'upsertServiceItem',
      id: ELDER_VISIT,
      stationId: TANGGU,
      title: '高龄老人上门探访',
      area: '养老服务',
      description: '每周二、四上门',
      bookable: true,
      durationMinutes: 45,
      capacityPerSlot: 3,
    };
    const saved = ok(await call<{ item: ServiceItemDto }>(HEAD, edit)).item;
    expect(saved).toMatchObject({ id: ELDER_VISIT, durationMinutes: 45, capacityPerSlot: 3, demo: false });
    expect(err(await call(WORKER, edit)).code).toBe('permission-denied');
    expect(err(await call(HEAD, { ...edit, stationId: 'st-dagang', id: undefined })).code).toBe(
      'permission-denied',
    );
    expect(err(await call(HEAD, { ...edit, id: 'si-st-dagang-elder-visit' })).code).toBe('permission-denied');
    const created = ok(
      await call<{ item: ServiceItemDto }>(HEAD, { ...edit, id: undefined, title: '新项目' }),
    ).item;
    expect(created.id).toMatch(/^si-st-tanggu-/);
    const slots = await slotsOf(cloud, ELDER_VISIT, 2);
    expect(slots[0]).toMatchObject({ capacity: 3, free: 3 });
  });

  it('lists free slots of a bookable item only, and never of another station', async () => {
    const slots = await slotsOf(cloud, ELDER_VISIT, 5);
    expect(slots).toHaveLength(5);
    expect(slots.every((s) => s.free === 2 && s.capacity === 2)).toBe(true);
    expect(err(await call(null, { action: 'listSlots', stationId: TANGGU, itemId: CHILD_CARE })).code).toBe(
      'not-found',
    );
    expect(
      err(await call(null, { action: 'listSlots', stationId: 'st-dagang', itemId: ELDER_VISIT })).code,
    ).toBe('not-found');
  });

  it('without a start day, lists from the moment of the call: the first slot is the next one to start', async () => {
    const item = demoServiceItemsFor(TANGGU).find((i) => i.id === ELDER_VISIT);
    if (!item) throw new Error(`no demo item ${ELDER_VISIT}`);
    const before = new Date();
    const slots = await slotsOf(cloud, ELDER_VISIT, 3, TANGGU, null);
    const after = new Date();
    // The function read its clock between the two reads here: its first slot
    // lies between the next slot to start after each (equal but at a slot start).
    const [earliest] = upcomingSlots(item, before, 1);
    const [latest] = upcomingSlots(item, after, 1);
    const first = Date.parse(slots[0].startsAt);
    expect(first).toBeGreaterThan(before.getTime());
    expect(first).toBeGreaterThanOrEqual(earliest.startsAt.getTime());
    expect(first).toBeLessThanOrEqual(latest.startsAt.getTime());
  });
});

describe('opening hours', () => {
  it('the head sets Saturday-morning hours: slots and bookings follow them at once', async () => {
    const before = ok(
      await call<ListServiceItemsOutput>(null, { action: 'listServiceItems', stationId: TANGGU }),
    );
    expect(before.openingHours[1]).toEqual([
      { start: '09:00', end: '12:00' },
      { start: '14:00', end: '17:00' },
    ]);
    expect(before.maxDaysAhead).toBe(14);
    const weekdaySlot = (await slotsOf(cloud, ELDER_VISIT, 20)).find(
      (s) => new Date(s.startsAt).getUTCDay() !== 6,
    );
    const hours = {
      action: 'updateOpeningHours',
      stationId: TANGGU,
      openingHours: { 6: [{ start: '09:00', end: '11:00' }] },
    };
    expect(err(await call(WORKER, hours)).code).toBe('permission-denied');
    expect(err(await call(HEAD, { ...hours, stationId: 'st-dagang' })).code).toBe('permission-denied');
    expect(
      err(await call(HEAD, { ...hours, openingHours: { 1: [{ start: '12:00', end: '09:00' }] } })),
    ).toMatchObject({
      code: 'invalid-argument',
      message: expect.stringContaining('早于'),
    });
    expect(err(await call(HEAD, { ...hours, openingHours: { 8: [] } })).code).toBe('invalid-argument');
    ok(await call(HEAD, hours));
    const after = ok(
      await call<ListServiceItemsOutput>(null, { action: 'listServiceItems', stationId: TANGGU }),
    );
    expect(after.openingHours).toEqual({ 6: [{ start: '09:00', end: '11:00' }] });
    const slots = await slotsOf(cloud, ELDER_VISIT, 10);
    expect(slots.length).toBeGreaterThanOrEqual(4); // two Saturdays in a 14-day window, two one-hour slots each
    expect(slots.every((s) => ['09:00', '10:00'].includes(s.start))).toBe(true);
    expect(new Set(slots.map((s) => s.day)).size).toBeGreaterThanOrEqual(2);
    // A weekday slot that was bookable before is now outside the opening hours.
    const e = err(await call(RESIDENT, requestEvent({ slotId: weekdaySlot?.id })));
    expect(e).toMatchObject({ code: 'invalid-argument', message: expect.stringContaining('服务时间') });
    // Another station keeps the default.
    const dagang = ok(
      await call<ListServiceItemsOutput>(null, { action: 'listServiceItems', stationId: 'st-dagang' }),
    );
    expect(Object.keys(dagang.openingHours)).toEqual(['1', '2', '3', '4', '5']);
  });
});

describe('the whole flow', () => {
  it('a resident asks for her mother; the station accepts, schedules, serves, completes; she follows and rates', async () => {
    const [slot] = await slotsOf(cloud, ELDER_VISIT, 1);
    const event = requestEvent({
      slotId: slot.id,
      forWhom: 'family',
      beneficiary: { relationship: '父母', name: '王秀英', consent: true },
    });
    const created = ok(await call<CreateRequestOutput>(RESIDENT, event));
    expect(created.created).toBe(true);
    const id = created.request.id;
    expect(id).toBe(event.requestId);
    expect(created.request).toMatchObject({
      status: 'submitted',
      statusLabel: '已提交',
      // The resident's own request, one at a time: her number in full.
      contactPhone: '13812345678',
      beneficiary: { relationship: '父母', name: '王秀英', consentVersion: FAMILY_CONSENT_VERSION },
      slot: { id: slot.id, day: slot.day, start: slot.start },
      canCancel: true,
      canRate: false,
    });
    // The family member's consent is recorded with the version of the shared text (the phone sent only `true`).
    const stored = await cloud.db.collection(COLLECTIONS.requests).doc(id).get();
    const storedDoc = (stored as unknown as { data: { beneficiary: Record<string, unknown> } }).data;
    expect(storedDoc.beneficiary).toMatchObject({
      relationship: '父母',
      name: '王秀英',
      consentGiven: true,
      consentVersion: FAMILY_CONSENT_VERSION,
    });
    expect(new Date(storedDoc.beneficiary.consentAt as string).getTime()).toBeGreaterThan(
      Date.now() - 60_000,
    );
    // Her own detail shows her number in full; her list masks it; another resident sees nothing.
    const own = ok(await call<{ request: RequestDto }>(RESIDENT, { action: 'getRequest', requestId: id }));
    expect(own.request.contactPhone).toBe('13812345678');
    const mineList = ok(await call<RequestPage>(RESIDENT, { action: 'listMyRequests' }));
    expect(mineList.items.map((r) => [r.id, r.contactPhone])).toEqual([[id, '138****5678']]);
    expect(JSON.stringify(mineList)).not.toContain('13812345678');
    expect((await slotDoc(cloud, slot.id))?.booked).toBe(1);
    expect((await slotsOf(cloud, ELDER_VISIT, 1))[0]).toMatchObject({ id: slot.id, free: 1 });

    // The station sees it (full phone in the detail, masked in the list); others do not.
    const list = ok(await call<RequestPage>(WORKER, { action: 'listStationRequests', stationId: TANGGU }));
    expect(list.items.map((r) => r.id)).toEqual([id]);
    expect(list.items[0].contactPhone).toBe('138****5678');
    expect(list.items[0].staffActions).toEqual(['accept', 'reject']);
    const detail = ok(
      await call<{ request: RequestDto }>(WORKER, { action: 'getRequest', requestId: id }),
    ).request;
    expect(detail.contactPhone).toBe('13812345678');
    expect(err(await call(WORKER_ELSEWHERE, { action: 'listStationRequests', stationId: TANGGU })).code).toBe(
      'permission-denied',
    );
    expect(err(await call(WORKER_ELSEWHERE, { action: 'getRequest', requestId: id })).code).toBe(
      'permission-denied',
    );
    expect(err(await call(RESIDENT_2, { action: 'getRequest', requestId: id })).code).toBe(
      'permission-denied',
    );
    expect(err(await call(RESIDENT, { action: 'listStationRequests', stationId: TANGGU })).code).toBe(
      'permission-denied',
    );
    const oversight = ok(
      await call<RequestPage>(SUPERVISOR, { action: 'listStationRequests', stationId: TANGGU }),
    );
    expect(oversight.items[0].beneficiary?.name).toBe('王**');

    // Invalid transitions are refused and change nothing.
    const skip = err(
      await call(WORKER, { action: 'transitionRequest', requestId: id, ...stepOf('complete') }),
    );
    expect(skip).toMatchObject({ code: 'failed-precondition', message: expect.stringMatching(/状态/) });
    expect(
      err(await call(WORKER, { action: 'transitionRequest', requestId: id, ...stepOf('teleport') })).code,
    ).toBe('invalid-argument');

    for (const [step, status] of [
      ['accept', 'accepted'],
      ['schedule', 'scheduled'],
      ['start', 'in_service'],
      ['complete', 'completed'],
    ] as const) {
      if (step === 'start') {
        // Not from `scheduled` twice: a second schedule is refused.
        expect(
          err(await call(WORKER, { action: 'transitionRequest', requestId: id, ...stepOf('schedule') })).code,
        ).toBe('failed-precondition');
      }
      const moved = ok(
        await call<{ request: RequestDto }>(WORKER, {
          action: 'transitionRequest',
          requestId: id,
          ...stepOf(step),
        }),
      );
      expect(moved.request.status).toBe(status);
    }
    expect(
      err(await call(WORKER, { action: 'transitionRequest', requestId: id, ...stepOf('accept') })).code,
    ).toBe('failed-precondition');

    // The resident's timeline: five entries, who as a kind only.
    const mine = ok(await call<RequestPage>(RESIDENT, { action: 'listMyRequests' }));
    expect(mine.items).toHaveLength(1);
    const timeline = mine.items[0].history;
    expect(timeline.map((h) => h.statusLabel)).toEqual(['已提交', '已受理', '已安排', '服务中', '已完成']);
    expect(timeline.map((h) => h.actor)).toEqual(['resident', 'staff', 'staff', 'staff', 'staff']);
    expect(timeline.every((h) => h.byUserId === undefined)).toBe(true);
    expect(mine.items[0].canRate).toBe(true);
    expect(mine.items[0].scheduledAt).toBe(slot.startsAt);
    // Staff see who did it, as a user id, never an OPENID.
    const staffView = ok(
      await call<{ request: RequestDto }>(WORKER, { action: 'getRequest', requestId: id }),
    ).request;
    expect(staffView.history[1].byUserId).toMatch(/^u-/);
    for (const text of [JSON.stringify(mine), JSON.stringify(staffView)]) {
      expect(text).not.toContain(RESIDENT);
      expect(text).not.toContain(WORKER);
    }
    // Completed requests keep their place.
    expect((await slotDoc(cloud, slot.id))?.booked).toBe(1);

    // Rating: once, 1–5, comment checked.
    expect(
      err(await call(RESIDENT, { action: 'rateRequest', requestId: id, stars: 5, comment: '敏感词测试' }))
        .code,
    ).toBe('invalid-argument');
    const rated = ok(
      await call<{ request: RequestDto }>(RESIDENT, {
        action: 'rateRequest',
        requestId: id,
        stars: 5,
        comment: '社工很耐心',
      }),
    );
    expect(rated.request.rating).toMatchObject({ stars: 5, comment: '社工很耐心' });
    expect(rated.request.canRate).toBe(false);
    expect(err(await call(RESIDENT, { action: 'rateRequest', requestId: id, stars: 4 })).code).toBe(
      'failed-precondition',
    );
    expect(err(await call(RESIDENT_2, { action: 'rateRequest', requestId: id, stars: 1 })).code).toBe(
      'permission-denied',
    );

    // Every status change reached the outbox, addressed to the resident: the
    // submission (the message her tap authorised), then each station change.
    const outbox = cloud.emulator.app.outbox.list();
    expect(outbox.map((m) => (m.data.phrase2 as { value: string }).value)).toEqual([
      '已提交',
      '已受理',
      '已安排',
      '服务中',
      '已完成',
    ]);
    expect(
      outbox.every((m) => m.touser === RESIDENT && m.templateId === TEMPLATE_ID && m.page?.includes(id)),
    ).toBe(true);
    // The message opens the resident's real detail page (client/src/app.config.ts), which reads `id`.
    expect(outbox.map((m) => m.page)).toEqual(
      Array(5).fill(`subpackages/resident/request-detail/index?id=${encodeURIComponent(id)}`),
    );
    const notes = await notificationsOf(id);
    expect(notes.map((n) => [n.status, n.outcome])).toEqual([
      ['submitted', 'sent'],
      ['accepted', 'sent'],
      ['scheduled', 'sent'],
      ['in_service', 'sent'],
      ['completed', 'sent'],
    ]);
    expect(JSON.stringify(notes)).not.toContain(RESIDENT);
    // The rating is not a status change: no message. A late retry of the submission neither.
    ok(await call(RESIDENT, event));
    expect(cloud.emulator.app.outbox.list()).toHaveLength(5);
  });

  it('a request for an item without booking, or 其他需求 with a service area, needs no slot', async () => {
    const a = ok(await call<CreateRequestOutput>(RESIDENT, requestEvent({ itemId: CHILD_CARE })));
    expect(a.request).toMatchObject({ itemId: CHILD_CARE, slot: null, area: '儿童福利' });
    const b = ok(await call<CreateRequestOutput>(RESIDENT, requestEvent({ itemId: null, area: '社会救助' })));
    expect(b.request).toMatchObject({ itemId: null, itemTitle: null, area: '社会救助', slot: null });
    // Scheduling one without a slot needs a time, in the future.
    ok(await call(WORKER, { action: 'transitionRequest', requestId: b.request.id, ...stepOf('accept') }));
    expect(
      err(await call(WORKER, { action: 'transitionRequest', requestId: b.request.id, ...stepOf('schedule') }))
        .code,
    ).toBe('invalid-argument');
    const past = new Date(Date.now() - 3_600_000).toISOString();
    expect(
      err(
        await call(WORKER, {
          action: 'transitionRequest',
          requestId: b.request.id,
          ...stepOf('schedule'),
          scheduledAt: past,
        }),
      ).code,
    ).toBe('invalid-argument');
    const when = new Date(Date.now() + 86_400_000).toISOString();
    const s = ok(
      await call<{ request: RequestDto }>(WORKER, {
        action: 'transitionRequest',
        requestId: b.request.id,
        ...stepOf('schedule'),
        scheduledAt: when,
      }),
    );
    expect(s.request).toMatchObject({ status: 'scheduled', scheduledAt: when });
  });

  it('a rejection needs a reason, frees the place, and tells the resident why', async () => {
    const [slot] = await slotsOf(cloud, ELDER_VISIT, 1);
    const id = ok(await call<CreateRequestOutput>(RESIDENT, requestEvent({ slotId: slot.id }))).request.id;
    expect(
      err(await call(WORKER, { action: 'transitionRequest', requestId: id, ...stepOf('reject') })).code,
    ).toBe('invalid-argument');
    const r = ok(
      await call<{ request: RequestDto }>(WORKER, {
        action: 'transitionRequest',
        requestId: id,
        ...stepOf('reject'),
        reason: '不在本站服务范围',
      }),
    );
    expect(r.request.status).toBe('rejected');
    expect(await slotDoc(cloud, slot.id)).toMatchObject({ booked: 0, holders: [] });
    const mine = ok(
      await call<{ request: RequestDto }>(RESIDENT, { action: 'getRequest', requestId: id }),
    ).request;
    expect(mine.history[1]).toMatchObject({ status: 'rejected', reason: '不在本站服务范围' });
    expect(mine.canCancel).toBe(false);
    expect(
      cloud.emulator.app.outbox
        .list()
        .map((m) => [
          (m.data.phrase2 as { value: string }).value,
          (m.data.thing4 as { value: string }).value,
        ]),
    ).toEqual([
      ['已提交', '已提交，等待社工站受理'],
      ['未受理', '不在本站服务范围'],
    ]);
  });

  it('the resident cancels before the slot starts; the place is freed once; a second cancel is refused', async () => {
    const [slot] = await slotsOf(cloud, ELDER_VISIT, 1);
    const id = ok(await call<CreateRequestOutput>(RESIDENT, requestEvent({ slotId: slot.id }))).request.id;
    ok(await call(WORKER, { action: 'transitionRequest', requestId: id, ...stepOf('accept') }));
    expect(err(await call(RESIDENT_2, { action: 'cancelRequest', requestId: id })).code).toBe(
      'permission-denied',
    );
    const c = ok(
      await call<{ request: RequestDto }>(RESIDENT, {
        action: 'cancelRequest',
        requestId: id,
        reason: '家人已陪同就医',
      }),
    );
    expect(c.request).toMatchObject({ status: 'cancelled', canCancel: false });
    expect(await slotDoc(cloud, slot.id)).toMatchObject({ booked: 0, holders: [] });
    expect(err(await call(RESIDENT, { action: 'cancelRequest', requestId: id })).code).toBe(
      'failed-precondition',
    );
    expect((await slotDoc(cloud, slot.id))?.booked).toBe(0);
    expect(
      err(await call(WORKER, { action: 'transitionRequest', requestId: id, ...stepOf('schedule') })).code,
    ).toBe('failed-precondition');
    // Submitted, accepted, cancelled: one message each (the refused second cancel sent none).
    expect(
      cloud.emulator.app.outbox
        .list()
        .map((m) => [
          m.touser,
          (m.data.phrase2 as { value: string }).value,
          (m.data.thing4 as { value: string }).value,
        ]),
    ).toEqual([
      [RESIDENT, '已提交', '已提交，等待社工站受理'],
      [RESIDENT, '已受理', '社工站已受理'],
      [RESIDENT, '已取消', '家人已陪同就医'],
    ]);
    expect((await notificationsOf(id)).map((n) => [n.status, n.outcome])).toEqual([
      ['submitted', 'sent'],
      ['accepted', 'sent'],
      ['cancelled', 'sent'],
    ]);
  });
});

describe('cancellation cut-off and checked reasons', () => {
  it('once the booked slot (or the scheduled time) has started, the resident can no longer cancel', async () => {
    const [slot] = await slotsOf(cloud, ELDER_VISIT, 1);
    const id = ok(await call<CreateRequestOutput>(RESIDENT, requestEvent({ slotId: slot.id }))).request.id;
    // The clock cannot be moved inside the function: move the slot's start into the past instead.
    await cloud.db
      .collection(COLLECTIONS.requests)
      .doc(id)
      .update({ data: { slotStartsAt: new Date(Date.now() - 60_000) } });
    const e = err(await call(RESIDENT, { action: 'cancelRequest', requestId: id }));
    expect(e).toMatchObject({ code: 'failed-precondition', message: expect.stringContaining('已经开始') });
    expect((await slotDoc(cloud, slot.id))?.booked).toBe(1);
    const mine = ok(
      await call<{ request: RequestDto }>(RESIDENT, { action: 'getRequest', requestId: id }),
    ).request;
    expect(mine.canCancel).toBe(false);

    const other = ok(
      await call<CreateRequestOutput>(RESIDENT, requestEvent({ itemId: null, area: '社会事务' })),
    ).request.id;
    await cloud.db
      .collection(COLLECTIONS.requests)
      .doc(other)
      .update({ data: { scheduledAt: new Date(Date.now() - 60_000) } });
    expect(err(await call(RESIDENT, { action: 'cancelRequest', requestId: other })).code).toBe(
      'failed-precondition',
    );
  });

  it('blocked words in a cancellation or rejection reason are refused and change nothing', async () => {
    const [slot] = await slotsOf(cloud, ELDER_VISIT, 1);
    const id = ok(await call<CreateRequestOutput>(RESIDENT, requestEvent({ slotId: slot.id }))).request.id;
    const c = err(await call(RESIDENT, { action: 'cancelRequest', requestId: id, reason: '敏感词测试' }));
    expect(c).toMatchObject({ code: 'invalid-argument', details: { field: 'reason' } });
    const r = err(
      await call(WORKER, {
        action: 'transitionRequest',
        requestId: id,
        ...stepOf('reject'),
        reason: 'blocked-test-word',
      }),
    );
    expect(r).toMatchObject({ code: 'invalid-argument', details: { field: 'reason' } });
    const now = ok(
      await call<{ request: RequestDto }>(RESIDENT, { action: 'getRequest', requestId: id }),
    ).request;
    expect(now.status).toBe('submitted');
    expect((await slotDoc(cloud, slot.id))?.booked).toBe(1);
    // Only the submission's message: the refused cancel and rejection sent nothing.
    expect(cloud.emulator.app.outbox.list().map((m) => (m.data.phrase2 as { value: string }).value)).toEqual([
      '已提交',
    ]);
  });
});

describe('a failed message never fails the change', () => {
  it('a resident whose messages WeChat refuses (43101) still submits, is accepted and cancels; each failure is recorded', async () => {
    cloud.emulator.app.outbox.refuse(RESIDENT_2);
    const [slot] = await slotsOf(cloud, ELDER_VISIT, 1);
    const created = ok(await call<CreateRequestOutput>(RESIDENT_2, requestEvent({ slotId: slot.id })));
    expect(created).toMatchObject({ created: true, request: { status: 'submitted' } });
    const id = created.request.id;
    const accepted = ok(
      await call<{ request: RequestDto }>(WORKER, {
        action: 'transitionRequest',
        requestId: id,
        ...stepOf('accept'),
      }),
    );
    expect(accepted.request.status).toBe('accepted');
    const cancelled = ok(
      await call<{ request: RequestDto }>(RESIDENT_2, { action: 'cancelRequest', requestId: id }),
    );
    expect(cancelled.request.status).toBe('cancelled');
    expect(await slotDoc(cloud, slot.id)).toMatchObject({ booked: 0, holders: [] });
    expect(cloud.emulator.app.outbox.list()).toHaveLength(0);
    const notes = await notificationsOf(id);
    expect(notes.map((n) => [n.status, n.outcome, n.errCode])).toEqual([
      ['submitted', 'failed', 43101],
      ['accepted', 'failed', 43101],
      ['cancelled', 'failed', 43101],
    ]);
    expect(JSON.stringify(notes)).not.toContain(RESIDENT_2);
  });
});

/** The notification records of one request, oldest first. */
async function notificationsOf(
  requestId: string,
): Promise<{ status: string; outcome: string; errCode?: number | null; templateId?: string }[]> {
  const res = await cloud.db
    .collection(COLLECTIONS.notifications)
    .where({ requestId })
    .orderBy('at', 'asc')
    .get();
  return (res as unknown as { data: { status: string; outcome: string; errCode?: number | null }[] }).data;
}

/** The lifecycle step of transitionRequest (the event's `action` is the function action). */
function stepOf(step: string): Record<string, unknown> {
  return { step };
}

describe('PII in lists and logs (issue 4)', () => {
  it('no list response and no function log line carries an unmasked phone or ID number', async () => {
    const { findUnmaskedPii } = await import('../../shared/src/masking');
    const [slot] = await slotsOf(cloud, ELDER_VISIT, 1);
    ok(
      await call(
        RESIDENT,
        requestEvent({
          slotId: slot!.id,
          // A phone and an ID number typed into the free text too: lists must mask them.
          description: '请打电话13912345678，身份证120107199001011234',
          forWhom: 'family',
          beneficiary: { relationship: '父母', name: '王秀英', consent: true },
        }),
      ),
    );
    const lists = [
      await call(RESIDENT, { action: 'listMyRequests' }),
      await call(WORKER, { action: 'listStationRequests', stationId: TANGGU }),
      await call(HEAD, { action: 'listStationRequests', stationId: TANGGU, status: 'submitted' }),
    ];
    for (const res of lists) {
      const out = ok(res as Result<{ items: unknown[] }>);
      expect(out.items.length).toBeGreaterThan(0);
      expect(findUnmaskedPii(JSON.stringify(out))).toBeNull();
    }
    expect(cloud.logs.map((line) => findUnmaskedPii(line)).filter(Boolean)).toEqual([]);
  });
});
