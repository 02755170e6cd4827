/**
 * Issue 15, item 7: the consent a resident confirms when asking for a family
 * member (代家人求助) is a consent record like the others, so 我的授权
 * (`accounts.listMyConsents`) lists it and `accounts.withdrawConsent` withdraws
 * it. One record per request, however often the same request id is retried.
 */
import { COLLECTIONS } from '../../shared/src/collections';
import type { ConsentItem } from '../../shared/src/contracts/accounts';
import { FAMILY_CONSENT_VERSION } from '../../shared/src/domain/request';
import { useTestCloud } from '../helpers/cloud';
import {
  CHILD_CARE,
  ok,
  REQUESTS_ENV,
  requestEvent,
  RESIDENT,
  RESIDENT_2,
  seedRequestsFixtures,
} from './requests-fixtures';

const cloud = useTestCloud({ functions: ['requests', 'accounts'], functionEnv: REQUESTS_ENV });
beforeEach(() => seedRequestsFixtures(cloud, {}));

const familyEvent = () =>
  requestEvent({
    itemId: CHILD_CARE,
    forWhom: 'family',
    beneficiary: { relationship: '父母', name: '王秀英', consent: true },
  });

const consentsOf = async (openid: string): Promise<ConsentItem[]> =>
  ok(
    await cloud.callAs<{ items: ConsentItem[] }>(openid, 'accounts', {
      action: 'listMyConsents',
      includeWithdrawn: true,
    }),
  ).items;

describe('the family member consent of a request (代家人求助)', () => {
  it('is listed in 我的授权 once per request, with whom it is about, and can be withdrawn there', async () => {
    const event = familyEvent();
    ok(await cloud.callAs(RESIDENT, 'requests', event));
    // A retry of the same request records nothing more.
    ok(await cloud.callAs(RESIDENT, 'requests', event));

    const family = (await consentsOf(RESIDENT)).filter((c) => c.category === 'family_request');
    expect(family).toHaveLength(1);
    expect(family[0]).toMatchObject({
      label: '代家人求助',
      version: FAMILY_CONSENT_VERSION,
      currentVersion: true,
      subjectName: '王秀英',
      relationship: '父亲或母亲',
      capacity: 'family_member',
      withdrawnAt: null,
    });
    expect(family[0]!.scope).toContain('王秀英');
    // Only the giver sees it.
    expect((await consentsOf(RESIDENT_2)).filter((c) => c.category === 'family_request')).toEqual([]);

    const withdrawn = ok(
      await cloud.callAs<ConsentItem>(RESIDENT, 'accounts', {
        action: 'withdrawConsent',
        consentId: family[0]!.id,
      }),
    );
    expect(withdrawn.withdrawnAt).not.toBeNull();
    const after = (await consentsOf(RESIDENT)).filter((c) => c.category === 'family_request');
    expect(after[0]!.withdrawnAt).not.toBeNull();
    // Withdrawing it leaves the resident's own privacy notice accepted.
    const me = ok(
      await cloud.callAs<{ privacy: { accepted: boolean } }>(RESIDENT, 'accounts', { action: 'whoAmI' }),
    );
    expect(me.privacy.accepted).toBe(true);
  });

  it('is not recorded for a request for oneself', async () => {
    ok(await cloud.callAs(RESIDENT, 'requests', requestEvent({ itemId: CHILD_CARE })));
    expect(cloud.counts()[COLLECTIONS.consents] ?? 0).toBe(
      (await consentsOf(RESIDENT)).length + (await consentsOf(RESIDENT_2)).length,
    );
    expect((await consentsOf(RESIDENT)).some((c) => c.category === 'family_request')).toBe(false);
  });
});
