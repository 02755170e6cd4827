/**
 * Every accounts action against hostile input: identity spoofing in the event,
 * no OPENID at all, and bad input (missing fields, wrong types, over-long
 * strings, operator-shaped objects) — the right code, a Chinese message, and
 * nothing written.
 */
import type { Result } from '../../shared/src/errors';
import { CONSENT_VERSIONS, PRIVACY_NOTICE_VERSION } from '../../shared/src/domain/account';
import {
  AWAY,
  HOME,
  addAccount,
  addConsent,
  addInvite,
  resetAndSeed,
  scanForPii,
  startAccountsCloud,
  userIdFor,
  type AccountsCloud,
} from './accounts.fixtures';

let cloud: AccountsCloud;
beforeAll(async () => {
  cloud = await startAccountsCloud();
}, 120_000);
beforeEach(async () => {
  await resetAndSeed(cloud);
  await addAccount(cloud.db, {
    openid: 'head',
    role: 'station_head',
    stationId: HOME,
    name: '张三',
    phone: '13812341234',
    privacy: true,
  });
  await addAccount(cloud.db, { openid: 'res', privacy: true, phone: '13912345678' });
});
afterAll(async () => {
  await cloud?.stop();
});

const ADMIN = 'demo-admin-1';
const ACTIONS = [
  'whoAmI',
  'acceptPrivacyNotice',
  'updateProfile',
  'createInvite',
  'revokeInvite',
  'listInvites',
  'redeemInvite',
  'listStaff',
  'deactivateStaff',
  'updateQualification',
  'recordConsent',
  'listMyConsents',
  'withdrawConsent',
  'listAuditLog',
] as const;
type Name = (typeof ACTIONS)[number];

let n = 0;
/** A valid call of each action, with fresh fixtures each time it is asked for. */
const validCall: Record<Name, () => Promise<{ as: string; event: Record<string, unknown> }>> = {
  whoAmI: async () => ({ as: 'head', event: {} }),
  acceptPrivacyNotice: async () => ({ as: 'head', event: { version: PRIVACY_NOTICE_VERSION } }),
  updateProfile: async () => ({ as: 'res', event: { name: '钱七' } }),
  createInvite: async () => ({ as: 'head', event: { staffRole: 'social_worker', stationId: HOME } }),
  revokeInvite: async () => ({ as: 'head', event: { code: await addInvite(cloud.db, { stationId: HOME }) } }),
  listInvites: async () => ({ as: 'head', event: {} }),
  redeemInvite: async () => {
    n += 1;
    await addAccount(cloud.db, { openid: `redeemer-${n}` });
    return { as: `redeemer-${n}`, event: { code: await addInvite(cloud.db, { stationId: HOME }) } };
  },
  listStaff: async () => ({ as: 'head', event: {} }),
  deactivateStaff: async () => {
    n += 1;
    const w = await addAccount(cloud.db, { openid: `victim-${n}`, role: 'social_worker', stationId: HOME });
    return { as: 'head', event: { userId: w._id } };
  },
  updateQualification: async () => ({
    as: 'head',
    event: { userId: userIdFor('head'), kind: '社会工作师', number: 'A-1', registrationStatus: 'none' },
  }),
  recordConsent: async () => ({
    as: 'res',
    event: {
      category: 'disability',
      version: CONSENT_VERSIONS.disability,
      scope: '记录残疾情况',
      subject: { kind: 'self' },
      capacity: 'self',
    },
  }),
  listMyConsents: async () => ({ as: 'res', event: {} }),
  withdrawConsent: async () => ({ as: 'res', event: { consentId: (await addConsent(cloud.db, 'res'))._id } }),
  listAuditLog: async () => ({ as: ADMIN, event: { outcome: 'ok' } }),
};

const call = (openid: string | null, action: string, event: Record<string, unknown>) =>
  cloud.callAs(openid, 'accounts', { action, ...event });
const outcome = (r: Result<unknown>) => (r.ok ? 'ok' : r.error.code);

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
    // stationId is a real input of some actions: there the scope (not the event) decides; elsewhere it is ignored.
    const takesStation = ['createInvite', 'listInvites', 'listStaff'].includes(action);
    const extra = takesStation ? spoof : { ...spoof, stationId: AWAY };
    const a = await call(plain.as, action, plain.event);
    const b = await call(spoofed.as, action, { ...spoofed.event, ...extra });
    expect(outcome(b)).toBe(outcome(a));
    expect(outcome(a)).toBe('ok');
    if (action === 'whoAmI' && a.ok && b.ok) expect(b.data).toEqual(a.data);
  });

  it('a resident claiming a station or a role still sees nothing of the station', async () => {
    const r = await call('res', 'listStaff', { stationId: HOME, role: 'station_head', openid: 'head' });
    expect(outcome(r)).toBe('permission-denied');
  });
});

describe('no OPENID (timer, HTTP trigger): every user action is refused', () => {
  it.each(ACTIONS)('%s', async (action) => {
    const valid = await validCall[action]();
    const before = cloud.counts();
    const r = await call(null, action, valid.event);
    expect(outcome(r)).toBe('unauthenticated');
    if (!r.ok) expect(r.error.message).toMatch(/[\u4e00-\u9fff]/);
    const after = cloud.counts();
    expect({ ...after, audit_log: 0 }).toEqual({ ...before, audit_log: 0 });
    expect(after.audit_log).toBe((before.audit_log ?? 0) + 1);
  });
});

const long = (k: number) => '字'.repeat(k);
const OPS = [{ $ne: null }, { $gt: '' }, { $regex: '.*' }, ['x'], 12, true];

/** Bad inputs per action; each must answer `invalid-argument`. */
const BAD: Record<Name, Record<string, unknown>[]> = {
  whoAmI: [],
  acceptPrivacyNotice: [
    {},
    { version: 20261101 },
    { version: 'x'.repeat(21) },
    ...OPS.map((o) => ({ version: o })),
  ],
  updateProfile: [
    {},
    { name: '' },
    { name: long(21) },
    { name: 'Robert"); DROP' },
    { phone: '12345' },
    { phone: '138123412345' },
    { phone: 13812341234 },
    ...OPS.map((o) => ({ name: o })),
    ...OPS.map((o) => ({ phone: o })),
  ],
  createInvite: [
    {},
    { staffRole: 'district_admin', stationId: HOME },
    { staffRole: 'social_worker' },
    { staffRole: 'social_worker', stationId: 'tanggu' },
    { staffRole: 'social_worker', stationId: HOME, validDays: 0 },
    { staffRole: 'social_worker', stationId: HOME, validDays: 31 },
    { staffRole: 'social_worker', stationId: HOME, validDays: '7' },
    { staffRole: 'supervisor', stationIds: [] },
    { staffRole: 'supervisor', stationIds: HOME },
    ...OPS.map((o) => ({ staffRole: 'social_worker', stationId: o })),
  ],
  revokeInvite: [
    {},
    { code: 'SHORT' },
    { code: 'ABCDEFG1' },
    { code: long(40) },
    ...OPS.map((o) => ({ code: o })),
  ],
  listInvites: [
    { status: 'all' },
    { limit: 101 },
    { limit: 0 },
    { cursor: 5 },
    { cursor: '../../etc' },
    { offset: 0 },
    ...OPS.map((o) => ({ stationId: o })),
  ],
  redeemInvite: [
    {},
    { code: '' },
    { code: 'ABCDEFGHJ' },
    { code: 'O0I1L' + 'AAA' },
    { code: long(33) },
    ...OPS.map((o) => ({ code: o })),
  ],
  listStaff: [
    { stationId: '' },
    { limit: 1000 },
    { cursor: 'x'.repeat(401) },
    ...OPS.map((o) => ({ stationId: o })),
  ],
  deactivateStaff: [
    {},
    { userId: '' },
    { userId: 'u-'.repeat(40) },
    { userId: 'u 1' },
    ...OPS.map((o) => ({ userId: o })),
  ],
  updateQualification: [
    { userId: userIdFor('head') },
    { userId: userIdFor('head'), kind: '心理咨询师', number: 'A', registrationStatus: 'none' },
    { userId: userIdFor('head'), kind: '社会工作师', number: long(41), registrationStatus: 'none' },
    { userId: userIdFor('head'), kind: '社会工作师', number: 'A', registrationStatus: 'registered' },
    {
      userId: userIdFor('head'),
      kind: '社会工作师',
      number: 'A',
      registrationStatus: 'registered',
      registeredOn: '2024-13-01',
    },
    ...OPS.map((o) => ({
      userId: userIdFor('head'),
      kind: '社会工作师',
      number: o,
      registrationStatus: 'none',
    })),
  ],
  recordConsent: [
    {},
    { category: 'religion', version: 'v', scope: 's', subject: { kind: 'self' }, capacity: 'self' },
    { category: 'health', version: 'v', scope: long(101), subject: { kind: 'self' }, capacity: 'self' },
    {
      category: 'health',
      version: 'v',
      scope: 's',
      subject: { kind: 'other', subjectId: 'p-123456' },
      capacity: 'guardian',
    },
    { category: 'health', version: 'v', scope: 's', subject: { kind: 'self' }, capacity: 'boss' },
    { category: 'health', version: 'v', scope: 's', subject: 'self', capacity: 'self' },
    ...OPS.map((o) => ({ category: 'health', version: 'v', scope: 's', subject: o, capacity: 'self' })),
  ],
  listMyConsents: [
    { includeWithdrawn: 'yes' },
    ...OPS.filter((o) => o !== true).map((o) => ({ includeWithdrawn: o })),
  ],
  withdrawConsent: [{}, { consentId: '' }, { consentId: 'c/../x' }, ...OPS.map((o) => ({ consentId: o }))],
  listAuditLog: [
    { actionKey: 'drop table' },
    { outcome: 'maybe' },
    { from: '2026-02-30x' },
    { from: '2026-03-01', to: '2026-02-01' },
    { limit: 500 },
    ...OPS.map((o) => ({ actionKey: o })),
    ...OPS.map((o) => ({ from: o })),
  ],
};

describe('bad input: invalid-argument with a Chinese message, nothing written', () => {
  const cases = ACTIONS.flatMap((a) =>
    BAD[a].map((input, i) => [`${a} #${i + 1} ${JSON.stringify(input).slice(0, 60)}`, a, input] as const),
  );
  it.each(cases)('%s', async (_name, action, input) => {
    const { as } = await validCall[action]();
    const before = cloud.counts();
    const r = await call(as, action, input);
    expect(outcome(r)).toBe('invalid-argument');
    if (!r.ok) expect(r.error.message).toMatch(/[\u4e00-\u9fff]/);
    expect(cloud.counts()).toEqual(before);
  });

  it('an unknown action or a non-string action is refused', async () => {
    expect(outcome(await cloud.callAs('res', 'accounts', { action: 'dropEverything' }))).toBe(
      'invalid-argument',
    );
    expect(outcome(await cloud.callAs('res', 'accounts', { action: { $ne: null } }))).toBe(
      'invalid-argument',
    );
    expect(outcome(await cloud.callAs('res', 'accounts', { action: '__proto__' }))).toBe('invalid-argument');
  });
});

describe('PII', () => {
  it('no response and no log line of this file holds an unmasked phone or ID number', () => {
    expect(cloud.responses.length).toBeGreaterThan(50);
    expect(scanForPii(cloud)).toEqual([]);
  });
});
