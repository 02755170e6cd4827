/**
 * Issue 15, item 10 (and a follow-up of item 7): staff handling a request see
 * who asked for it. The station's own detail of ONE request (`getRequest` by a
 * worker or the head of that station, and the answer to `transitionRequest`)
 * carries the requester's name from their profile (`users.name`, the
 * profile's 姓名), for a request for themselves and as 提出人 of a request for
 * a family member. Lists, supervisors and the district never get it (they
 * stay masked). When the family member's consent (`c-rq-<requestId>`) has
 * been withdrawn in 我的授权, the station's detail says so
 * (`familyConsentWithdrawn`).
 */
import { COLLECTIONS } from '../../shared/src/collections';
import type { ConsentItem } from '../../shared/src/contracts/accounts';
import type { CreateRequestOutput, RequestDto, RequestPage } from '../../shared/src/contracts/requests';
import { useTestCloud } from '../helpers/cloud';
import {
  CHILD_CARE,
  err,
  HEAD,
  ok,
  REQUESTS_ENV,
  requestEvent,
  RESIDENT,
  seedRequestsFixtures,
  SUPERVISOR,
  TANGGU,
  WORKER,
  WORKER_ELSEWHERE,
} from './requests-fixtures';

const cloud = useTestCloud({ functions: ['requests', 'accounts'], functionEnv: REQUESTS_ENV });
beforeEach(() => seedRequestsFixtures(cloud, {}));

const ADMIN = 'demo-admin-1';
const NAME = '张桂兰';
const FAMILY_NAME = '王秀英';

const setName = async (openid: string, name: string) =>
  ok(await cloud.callAs(openid, 'accounts', { action: 'updateProfile', name }));

const create = async (over: Record<string, unknown> = {}): Promise<string> =>
  ok(
    await cloud.callAs<CreateRequestOutput>(
      RESIDENT,
      'requests',
      requestEvent({ itemId: CHILD_CARE, ...over }),
    ),
  ).request.id;

const detailAs = async (openid: string, requestId: string): Promise<RequestDto> =>
  ok(await cloud.callAs<{ request: RequestDto }>(openid, 'requests', { action: 'getRequest', requestId }))
    .request;

const listAs = async (openid: string): Promise<RequestPage> =>
  ok(
    await cloud.callAs<RequestPage>(openid, 'requests', { action: 'listStationRequests', stationId: TANGGU }),
  );

const familyOver = {
  forWhom: 'family',
  beneficiary: { relationship: '父母', name: FAMILY_NAME, consent: true },
};

describe("the station's detail of one request names who asked (提出人)", () => {
  it('the worker and the head of the station see the name from the profile; the read is audited', async () => {
    await setName(RESIDENT, NAME);
    const id = await create();
    for (const staff of [WORKER, HEAD]) {
      const r = await detailAs(staff, id);
      expect(r.requesterName).toBe(NAME);
      expect(r.familyConsentWithdrawn).toBe(false);
    }
    const audit = (await cloud.db
      .collection(COLLECTIONS.auditLog)
      .where({ action: 'requests.getRequest', outcome: 'ok' })
      .get()) as unknown as { data: { targetId: string | null }[] };
    expect(audit.data.map((a) => a.targetId)).toEqual([id, id]);
    // Nor does the audit entry hold the name.
    expect(JSON.stringify(audit.data)).not.toContain(NAME);
  });

  it('the answer to a step of the station names them too', async () => {
    await setName(RESIDENT, NAME);
    const id = await create();
    const answer = ok(
      await cloud.callAs<{ request: RequestDto }>(WORKER, 'requests', {
        action: 'transitionRequest',
        requestId: id,
        step: 'accept',
      }),
    );
    expect(answer.request.requesterName).toBe(NAME);
  });

  it('is null when the resident has not given a name', async () => {
    const id = await create();
    const r = await detailAs(WORKER, id);
    expect(r.requesterName).toBeNull();
  });

  it('for a family member: the family member and the requester (提出人) both', async () => {
    await setName(RESIDENT, NAME);
    const id = await create(familyOver);
    const r = await detailAs(WORKER, id);
    expect(r.beneficiary?.name).toBe(FAMILY_NAME);
    expect(r.requesterName).toBe(NAME);
  });

  it('supervisors, the district, other stations and every list never get it', async () => {
    await setName(RESIDENT, NAME);
    const id = await create();
    for (const overseer of [SUPERVISOR, ADMIN]) {
      const r = await detailAs(overseer, id);
      expect(r).not.toHaveProperty('requesterName');
      expect(r).not.toHaveProperty('familyConsentWithdrawn');
      expect(JSON.stringify(r)).not.toContain(NAME);
    }
    expect(
      err(await cloud.callAs(WORKER_ELSEWHERE, 'requests', { action: 'getRequest', requestId: id })).code,
    ).toBe('permission-denied');
    for (const reader of [WORKER, HEAD, SUPERVISOR, ADMIN]) {
      const page = await listAs(reader);
      expect(page.items.map((i) => i.id)).toContain(id);
      for (const item of page.items) {
        expect(item).not.toHaveProperty('requesterName');
        expect(item).not.toHaveProperty('familyConsentWithdrawn');
      }
      expect(JSON.stringify(page)).not.toContain(NAME);
    }
    // The resident's own views are as before.
    const own = await detailAs(RESIDENT, id);
    expect(own).not.toHaveProperty('requesterName');
  });
});

describe('a withdrawn family consent (代家人求助授权已撤回)', () => {
  it("shows in the station's detail after the resident withdraws it in 我的授权", async () => {
    const id = await create(familyOver);
    expect((await detailAs(WORKER, id)).familyConsentWithdrawn).toBe(false);

    const consents = ok(
      await cloud.callAs<{ items: ConsentItem[] }>(RESIDENT, 'accounts', { action: 'listMyConsents' }),
    ).items;
    const consent = consents.find((c) => c.category === 'family_request');
    expect(consent?.id).toBe(`c-rq-${id}`);
    ok(await cloud.callAs(RESIDENT, 'accounts', { action: 'withdrawConsent', consentId: consent!.id }));

    expect((await detailAs(WORKER, id)).familyConsentWithdrawn).toBe(true);
    expect((await detailAs(HEAD, id)).familyConsentWithdrawn).toBe(true);
    // Oversight views and lists are unchanged.
    expect(await detailAs(SUPERVISOR, id)).not.toHaveProperty('familyConsentWithdrawn');
    expect((await listAs(WORKER)).items[0]).not.toHaveProperty('familyConsentWithdrawn');
  });

  it('another request of the same resident is not marked', async () => {
    const first = await create(familyOver);
    const second = await create(familyOver);
    ok(await cloud.callAs(RESIDENT, 'accounts', { action: 'withdrawConsent', consentId: `c-rq-${first}` }));
    expect((await detailAs(WORKER, first)).familyConsentWithdrawn).toBe(true);
    expect((await detailAs(WORKER, second)).familyConsentWithdrawn).toBe(false);
  });
});
