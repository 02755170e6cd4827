/**
 * Bad input to the `requests` function (issue 5): every field missing, of the
 * wrong type, past or far-future dates, a slot of another station, over-long
 * text, emoji-only or blocked text, another resident's request id → a clear
 * Chinese message, the right code, and nothing written (the audit log aside:
 * denials are audited by design).
 */
import { COLLECTIONS } from '../../shared/src/collections';
import type { CreateRequestOutput } from '../../shared/src/contracts/requests';
import type { ErrorCode } from '../../shared/src/errors';
import { useTestCloud } from '../helpers/cloud';
import {
  awkwardSlots,
  countsWithoutAudit,
  DAGANG_ELDER_VISIT,
  ELDER_VISIT,
  CHILD_CARE,
  err,
  ok,
  REQUESTS_ENV,
  requestEvent,
  RESIDENT,
  RESIDENT_2,
  seedRequestsFixtures,
  slotsOf,
  TANGGU,
  WORKER,
} from './requests-fixtures';

const cloud = useTestCloud({ functions: ['requests'], functionEnv: REQUESTS_ENV });
beforeEach(() => seedRequestsFixtures(cloud));

const CHINESE = /[\u4e00-\u9fff]/;
const BLOCKED = '敏感词测试';

/** Calls, expects `code` with a Chinese message, and checks that no collection changed. */
async function refused(
  openid: string | null,
  event: Record<string, unknown>,
  code: ErrorCode,
  field?: string,
) {
  const before = countsWithoutAudit(cloud);
  const e = err(await cloud.callAs(openid, 'requests', event));
  expect(e.code).toBe(code);
  expect(e.message).toMatch(CHINESE);
  if (field) expect((e.details as { field?: string } | undefined)?.field).toBe(field);
  expect(countsWithoutAudit(cloud)).toEqual(before);
  return e;
}

describe('createRequest: every field', () => {
  let slotId = '';
  beforeEach(async () => {
    slotId = (await slotsOf(cloud, ELDER_VISIT, 1))[0].id;
  });
  const base = () => requestEvent({ slotId });

  const cases: [string, Record<string, unknown>, string][] = [
    ['requestId missing', { requestId: undefined }, 'requestId'],
    ['requestId a number', { requestId: 12345678 }, 'requestId'],
    ['requestId operator-shaped', { requestId: { $ne: null } }, 'requestId'],
    ['stationId missing', { stationId: undefined }, 'stationId'],
    ['stationId an object', { stationId: { $gt: '' } }, 'stationId'],
    ['itemId a number', { itemId: 7 }, 'itemId'],
    ['description missing', { description: undefined }, 'description'],
    ['description a number', { description: 42 }, 'description'],
    ['description empty', { description: '   ' }, 'description'],
    ['description emoji-only', { description: '🙏🙏😭' }, 'description'],
    ['description over-long', { description: '需'.repeat(501) }, 'description'],
    ['contactPhone missing', { contactPhone: undefined }, 'contactPhone'],
    ['contactPhone a number', { contactPhone: 13812345678 }, 'contactPhone'],
    ['contactPhone malformed', { contactPhone: '1381234' }, 'contactPhone'],
    ['slotId a number', { slotId: 20260303 }, 'slotId'],
    ['forWhom missing', { forWhom: undefined }, 'forWhom'],
    ['forWhom unknown', { forWhom: 'neighbour' }, 'forWhom'],
    ['family without the person', { forWhom: 'family' }, 'beneficiary'],
    [
      'family without consent',
      { forWhom: 'family', beneficiary: { relationship: '父母', name: '王秀英', consent: false } },
      'beneficiary.consent',
    ],
    [
      'family with an emoji name',
      { forWhom: 'family', beneficiary: { relationship: '父母', name: '👵', consent: true } },
      'beneficiary.name',
    ],
    [
      'family with an over-long name',
      { forWhom: 'family', beneficiary: { relationship: '父母', name: '王'.repeat(21), consent: true } },
      'beneficiary.name',
    ],
    ['area unknown for 其他需求', { itemId: null, slotId: null, area: '炒股' }, 'area'],
    ['spoofed owner', { ownerId: 'u-someone' }, 'ownerId'],
    ['spoofed status', { status: 'completed' }, 'status'],
  ];
  it.each(cases)('%s → invalid-argument on the field', async (_name, patch, field) => {
    await refused(RESIDENT, { ...base(), ...patch }, 'invalid-argument', field);
  });

  it('identity keys in the event are ignored, not trusted', async () => {
    const out = ok(
      await cloud.callAs<CreateRequestOutput>(RESIDENT, 'requests', {
        ...base(),
        openid: RESIDENT_2,
        _openid: RESIDENT_2,
      }),
    );
    const mine = ok(
      await cloud.callAs<{ items: unknown[] }>(RESIDENT, 'requests', { action: 'listMyRequests' }),
    );
    expect(mine.items).toHaveLength(1);
    expect(out.request.id).toBeTruthy();
  });

  it('slots in the past, too far ahead, outside opening hours, or of another station are refused', async () => {
    const s = awkwardSlots(ELDER_VISIT);
    expect(
      (await refused(RESIDENT, { ...base(), slotId: s.past }, 'invalid-argument', 'slotId')).message,
    ).toContain('已过去');
    expect(
      (await refused(RESIDENT, { ...base(), slotId: s.farFuture }, 'invalid-argument', 'slotId')).message,
    ).toContain('14 天');
    expect(
      (await refused(RESIDENT, { ...base(), slotId: s.closedHour }, 'invalid-argument', 'slotId')).message,
    ).toContain('服务时间');
    const dagangSlot = (await slotsOf(cloud, DAGANG_ELDER_VISIT, 1, 'st-dagang'))[0].id;
    expect(
      (await refused(RESIDENT, { ...base(), slotId: dagangSlot }, 'invalid-argument', 'slotId')).message,
    ).toContain('不属于');
    await refused(RESIDENT, { ...base(), slotId: 'not-a-slot' }, 'invalid-argument', 'slotId');
    await refused(RESIDENT, { ...base(), slotId: undefined }, 'invalid-argument', 'slotId');
    await refused(RESIDENT, { ...base(), itemId: CHILD_CARE }, 'invalid-argument', 'slotId');
  });

  it('an item of another station, or an unknown station, is refused', async () => {
    await refused(RESIDENT, { ...base(), itemId: DAGANG_ELDER_VISIT }, 'invalid-argument', 'itemId');
    await refused(RESIDENT, { ...base(), itemId: 'si-nope' }, 'invalid-argument', 'itemId');
    await refused(RESIDENT, { ...base(), stationId: 'st-nowhere' }, 'not-found', 'stationId');
  });

  it('blocked text is refused by the content check and stored nowhere', async () => {
    await refused(
      RESIDENT,
      { ...base(), description: `我想咨询${BLOCKED}的事情` },
      'invalid-argument',
      'description',
    );
    for (const c of Object.values(COLLECTIONS)) {
      expect(cloud.emulator.app.db.exportCollection(c)).not.toContain(BLOCKED);
    }
  });

  it('an anonymous call (no OPENID) cannot submit', async () => {
    await refused(null, base(), 'unauthenticated');
  });
});

describe("another resident's request, and bad ids elsewhere", () => {
  it('cannot be read, cancelled or rated; the answer is the same as for a missing id', async () => {
    const slotId = (await slotsOf(cloud, ELDER_VISIT, 1))[0].id;
    const id = ok(await cloud.callAs<CreateRequestOutput>(RESIDENT, 'requests', requestEvent({ slotId })))
      .request.id;
    for (const action of ['getRequest', 'cancelRequest'] as const) {
      const theirs = await refused(RESIDENT_2, { action, requestId: id }, 'permission-denied');
      const missing = await refused(
        RESIDENT_2,
        { action, requestId: 'req-does-not-exist' },
        'permission-denied',
      );
      expect(theirs.message).toBe(missing.message);
    }
    await refused(RESIDENT_2, { action: 'rateRequest', requestId: id, stars: 5 }, 'permission-denied');
    await refused(RESIDENT, { action: 'rateRequest', requestId: id, stars: 5 }, 'failed-precondition');
    await refused(
      RESIDENT,
      { action: 'getRequest', requestId: { $ne: '' } },
      'invalid-argument',
      'requestId',
    );
    await refused(RESIDENT, { action: 'getRequest' }, 'invalid-argument', 'requestId');
  });

  it('ratings out of range, comments emoji-only or over-long are refused', async () => {
    for (const stars of [0, 6, 3.5, '5', null]) {
      await refused(
        RESIDENT,
        { action: 'rateRequest', requestId: 'req-00000001', stars },
        'invalid-argument',
        'stars',
      );
    }
    await refused(
      RESIDENT,
      { action: 'rateRequest', requestId: 'req-00000001', stars: 5, comment: '👍👍' },
      'invalid-argument',
      'comment',
    );
    await refused(
      RESIDENT,
      { action: 'rateRequest', requestId: 'req-00000001', stars: 5, comment: '好'.repeat(201) },
      'invalid-argument',
      'comment',
    );
  });

  it('station actions: bad steps, missing reasons, other stations', async () => {
    await refused(
      WORKER,
      { action: 'transitionRequest', requestId: 'req-00000001', step: 'teleport' },
      'invalid-argument',
      'step',
    );
    await refused(
      WORKER,
      { action: 'transitionRequest', requestId: 'req-00000001', step: 'reject' },
      'invalid-argument',
      'reason',
    );
    await refused(
      WORKER,
      { action: 'transitionRequest', requestId: 'req-00000001', step: 'accept' },
      'permission-denied',
    );
    await refused(WORKER, { action: 'listStationRequests', stationId: 'st-dagang' }, 'permission-denied');
    await refused(
      WORKER,
      { action: 'listStationRequests', stationId: TANGGU, limit: 500 },
      'invalid-argument',
      'limit',
    );
    await refused(
      RESIDENT,
      { action: 'transitionRequest', requestId: 'req-00000001', step: 'accept' },
      'permission-denied',
    );
    await refused(
      RESIDENT,
      { action: 'listSlots', stationId: TANGGU, itemId: ELDER_VISIT, fromDay: '2026-02-30' },
      'invalid-argument',
      'fromDay',
    );
    await refused(RESIDENT, { action: 'noSuchAction' }, 'invalid-argument', 'action');
  });
});
