/**
 * Issue 4 × issue 5: a request stores personal data (contact phone,
 * description, a family member's name), so `createRequest` needs the current
 * privacy notice accepted by the caller; a rating with a comment too (stars
 * alone do not, docs/decisions.md). Refused → `failed-precondition` with
 * `details: { reason: 'privacy-notice', version }`, nothing written but the
 * audit entry; after `accounts.acceptPrivacyNotice` the same request id goes
 * through.
 */
import { COLLECTIONS } from '../../shared/src/collections';
import type { CreateRequestOutput, RequestDto } from '../../shared/src/contracts/requests';
import { PRIVACY_NOTICE_VERSION } from '../../shared/src/domain/account';
import { useTestCloud } from '../helpers/cloud';
import {
  CHILD_CARE,
  countsWithoutAudit,
  err,
  ok,
  REQUESTS_ENV,
  requestEvent,
  RESIDENT,
  RESIDENT_2,
  seedRequestsFixtures,
  slotDoc,
  slotsOf,
  SOLO,
  WORKER,
} from './requests-fixtures';

const cloud = useTestCloud({ functions: ['requests', 'accounts'], functionEnv: REQUESTS_ENV });
// RESIDENT_2 has an account but never accepted the notice.
beforeEach(() => seedRequestsFixtures(cloud, { withoutPrivacy: [RESIDENT_2] }));

const PRIVACY_ERROR = {
  code: 'failed-precondition',
  message: '提交前请先阅读并同意《隐私政策》',
  details: { reason: 'privacy-notice', version: PRIVACY_NOTICE_VERSION },
};

const accept = (openid: string, version = PRIVACY_NOTICE_VERSION) =>
  cloud.callAs(openid, 'accounts', { action: 'acceptPrivacyNotice', version });

describe('createRequest needs the current privacy notice', () => {
  it('refuses a resident who has not accepted it; nothing written, no place taken; the same id goes through after accepting', async () => {
    const [slot] = await slotsOf(cloud, SOLO, 1);
    const event = requestEvent({
      itemId: SOLO,
      slotId: slot.id,
      forWhom: 'family',
      beneficiary: { relationship: '父母', name: '王秀英', consent: true },
    });
    const before = countsWithoutAudit(cloud);
    const refused = err(await cloud.callAs(RESIDENT_2, 'requests', event));
    expect(refused).toMatchObject(PRIVACY_ERROR);
    expect(countsWithoutAudit(cloud)).toEqual(before);
    expect(cloud.counts()[COLLECTIONS.requests] ?? 0).toBe(0);
    expect(await slotDoc(cloud, slot.id)).toBeNull();
    expect(cloud.emulator.app.outbox.list()).toEqual([]);
    // The refusal is audited (no sensitive value in it).
    const audit = (await cloud.db
      .collection(COLLECTIONS.auditLog)
      .where({ outcome: 'denied' })
      .get()) as unknown as {
      data: { action: string; outcome: string }[];
    };
    expect(audit.data.map((a) => a.action)).toContain('requests.createRequest');
    expect(JSON.stringify(audit.data)).not.toContain('13812345678');
    expect(JSON.stringify(audit.data)).not.toContain('王秀英');

    ok(await accept(RESIDENT_2));
    const created = ok(await cloud.callAs<CreateRequestOutput>(RESIDENT_2, 'requests', event));
    expect(created).toMatchObject({ created: true, request: { id: event.requestId, status: 'submitted' } });
    expect(await slotDoc(cloud, slot.id)).toMatchObject({ booked: 1, holders: [event.requestId] });
  });

  it('refuses a caller with no account at all (first call ever) the same way', async () => {
    const before = countsWithoutAudit(cloud);
    expect(
      err(await cloud.callAs('test-brand-new', 'requests', requestEvent({ itemId: CHILD_CARE }))),
    ).toMatchObject(PRIVACY_ERROR);
    expect(countsWithoutAudit(cloud)).toEqual(before);
  });

  it('refuses an older version of the notice, and again after the resident withdraws it', async () => {
    await cloud.db
      .collection(COLLECTIONS.users)
      .where({ openid: RESIDENT_2 })
      .update({ data: { privacyNotice: { version: '2000-01-01', acceptedAt: new Date() } } });
    expect(
      err(await cloud.callAs(RESIDENT_2, 'requests', requestEvent({ itemId: CHILD_CARE }))),
    ).toMatchObject(PRIVACY_ERROR);
    ok(await accept(RESIDENT_2));
    ok(await cloud.callAs(RESIDENT_2, 'requests', requestEvent({ itemId: CHILD_CARE })));
    const consents = ok(
      await cloud.callAs<{ items: { id: string; category: string; withdrawnAt: string | null }[] }>(
        RESIDENT_2,
        'accounts',
        { action: 'listMyConsents' },
      ),
    );
    const notice = consents.items.find((c) => c.category === 'privacy_notice' && !c.withdrawnAt);
    expect(notice).toBeTruthy();
    ok(await cloud.callAs(RESIDENT_2, 'accounts', { action: 'withdrawConsent', consentId: notice!.id }));
    const before = countsWithoutAudit(cloud);
    expect(
      err(await cloud.callAs(RESIDENT_2, 'requests', requestEvent({ itemId: CHILD_CARE }))),
    ).toMatchObject(PRIVACY_ERROR);
    expect(countsWithoutAudit(cloud)).toEqual(before);
  });
});

describe('rateRequest with a comment needs it too; stars alone do not', () => {
  async function completedRequestOf(openid: string): Promise<string> {
    const created = ok(
      await cloud.callAs<CreateRequestOutput>(openid, 'requests', requestEvent({ itemId: CHILD_CARE })),
    );
    const id = created.request.id;
    for (const step of ['accept', 'schedule', 'start', 'complete'])
      ok(
        await cloud.callAs(WORKER, 'requests', {
          action: 'transitionRequest',
          requestId: id,
          step,
          ...(step === 'schedule' ? { scheduledAt: new Date(Date.now() + 3_600_000).toISOString() } : {}),
        }),
      );
    return id;
  }

  const withdraw = async (openid: string) => {
    await cloud.db
      .collection(COLLECTIONS.users)
      .where({ openid })
      .update({ data: { privacyNotice: null } });
  };

  it('a comment after the notice was withdrawn is refused and not stored; stars alone are kept', async () => {
    const id = await completedRequestOf(RESIDENT);
    await withdraw(RESIDENT);
    const refused = err(
      await cloud.callAs(RESIDENT, 'requests', {
        action: 'rateRequest',
        requestId: id,
        stars: 5,
        comment: '王社工很耐心，谢谢',
      }),
    );
    expect(refused).toMatchObject(PRIVACY_ERROR);
    const doc = await cloud.db.collection(COLLECTIONS.requests).doc(id).get();
    expect((doc as unknown as { data: { rating: unknown } }).data.rating).toBeNull();

    const rated = ok(
      await cloud.callAs<{ request: RequestDto }>(RESIDENT, 'requests', {
        action: 'rateRequest',
        requestId: id,
        stars: 5,
      }),
    );
    expect(rated.request.rating).toMatchObject({ stars: 5, comment: null });
  });

  it('with the notice accepted, a comment is stored', async () => {
    const id = await completedRequestOf(RESIDENT);
    const rated = ok(
      await cloud.callAs<{ request: RequestDto }>(RESIDENT, 'requests', {
        action: 'rateRequest',
        requestId: id,
        stars: 4,
        comment: '很及时',
      }),
    );
    expect(rated.request.rating).toMatchObject({ stars: 4, comment: '很及时' });
  });
});
