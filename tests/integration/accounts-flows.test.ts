/**
 * Accounts flows through the real SDK on the emulator: first use, privacy
 * notice, invites (expiry, revocation, single use under concurrency),
 * deactivation, qualifications, consent (refusal, guardian, withdrawal and
 * the server-side check later features call), the audit log.
 */
import { beijingDay } from '../../shared/src/calendar';
import { COLLECTIONS } from '../../shared/src/collections';
import { addDays } from '../../shared/src/domain/slot';
import type { Result } from '../../shared/src/errors';
import { CONSENT_VERSIONS, PRIVACY_NOTICE_VERSION } from '../../shared/src/domain/account';
import type {
  ConsentItem,
  InviteItem,
  Page,
  StaffItem,
  WhoAmIOutput,
  AuditItem,
} from '../../shared/src/contracts/accounts';
import { requireConsent, type Access } from '../../cloudfunctions/_lib/authz';
import {
  AWAY,
  HOME,
  addAccount,
  addInvite,
  getDoc,
  resetAndSeed,
  scanForPii,
  startAccountsCloud,
  userIdFor,
  type AccountsCloud,
  lastAudit,
} from './accounts.fixtures';

let cloud: AccountsCloud;
beforeAll(async () => {
  cloud = await startAccountsCloud();
}, 120_000);
beforeEach(async () => {
  await resetAndSeed(cloud);
});
afterAll(async () => {
  await cloud?.stop();
});

const ADMIN = 'demo-admin-1';
const ok = <T>(r: Result<T>): T => {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`);
  return r.data;
};
const err = (r: Result<unknown>) => {
  if (r.ok) throw new Error(`expected an error, got ok ${JSON.stringify(r.data).slice(0, 200)}`);
  expect(r.error.message).toMatch(/[\u4e00-\u9fff]/);
  return r.error;
};
const acc = <T>(openid: string | null, action: string, input: Record<string, unknown> = {}) =>
  cloud.callAs<T>(openid, 'accounts', { action, ...input });

describe('first use and the privacy notice', () => {
  it('whoAmI creates one resident profile from the OPENID alone, even when called 5 times at once', async () => {
    const results = await Promise.all(
      Array.from({ length: 5 }, () => acc<WhoAmIOutput>('new-resident', 'whoAmI')),
    );
    const ids = new Set(results.map((r) => ok(r).userId));
    expect(ids.size).toBe(1);
    const me = ok(results[0] as Result<WhoAmIOutput>);
    expect(me).toMatchObject({
      role: 'resident',
      stationId: null,
      profile: { name: null, phoneMasked: null },
    });
    expect(me.privacy).toMatchObject({ accepted: false, currentVersion: PRIVACY_NOTICE_VERSION });
    const users = await cloud.db.collection(COLLECTIONS.users).where({ openid: 'new-resident' }).count();
    expect((users as { total: number }).total).toBe(1);
  });

  it('refuses personal data before the notice is accepted, stores it after, and shows the phone masked', async () => {
    const before = cloud.counts();
    const refused = err(await acc('r-privacy', 'updateProfile', { name: '赵六', phone: '13912345678' }));
    expect(refused.code).toBe('failed-precondition');
    // Nothing written but the audit entry of the refusal (issue 8, hole 6).
    expect(cloud.counts()).toEqual({ ...before, audit_log: (before.audit_log ?? 0) + 1 });
    expect((await lastAudit(cloud.db))[0]).toMatchObject({
      action: 'accounts.updateProfile',
      outcome: 'denied',
    });

    expect(err(await acc('r-privacy', 'acceptPrivacyNotice', { version: '1999-01-01' })).code).toBe(
      'failed-precondition',
    );
    const accepted = ok(
      await acc<WhoAmIOutput>('r-privacy', 'acceptPrivacyNotice', { version: PRIVACY_NOTICE_VERSION }),
    );
    expect(accepted.privacy.accepted).toBe(true);
    const me = ok(
      await acc<WhoAmIOutput>('r-privacy', 'updateProfile', { name: '赵六', phone: '13912345678' }),
    );
    expect(me.profile).toEqual({ name: '赵六', phoneMasked: '139****5678' });
    const consents = ok(await acc<{ items: ConsentItem[] }>('r-privacy', 'listMyConsents'));
    expect(consents.items.map((c) => c.category)).toEqual(['privacy_notice']);
  });

  it('withdrawing the privacy notice stops further storing of personal data', async () => {
    ok(await acc('r-w', 'acceptPrivacyNotice', { version: PRIVACY_NOTICE_VERSION }));
    const [notice] = ok(await acc<{ items: ConsentItem[] }>('r-w', 'listMyConsents')).items;
    ok(await acc('r-w', 'withdrawConsent', { consentId: notice?.id }));
    expect(ok(await acc<WhoAmIOutput>('r-w', 'whoAmI')).privacy.accepted).toBe(false);
    expect(err(await acc('r-w', 'updateProfile', { phone: '13912345678' })).code).toBe('failed-precondition');
  });
});

describe('configuration makes the first district admin', () => {
  it('an OPENID in SGZ_ADMIN_OPENIDS is district_admin with no account; a claim in the event makes nobody admin', async () => {
    expect(
      ok(await acc<WhoAmIOutput>('not-an-admin', 'whoAmI', { role: 'district_admin', openid: ADMIN })).role,
    ).toBe('resident');
    expect(ok(await acc<WhoAmIOutput>(ADMIN, 'whoAmI')).role).toBe('district_admin');
    expect(err(await acc('not-an-admin', 'listAuditLog', { role: 'district_admin' })).code).toBe(
      'permission-denied',
    );
  });
});

describe('invites', () => {
  it('a district admin invites a head, the head invites a worker, each code binds one OPENID', async () => {
    const headInvite = ok(
      await acc<InviteItem>(ADMIN, 'createInvite', { staffRole: 'station_head', stationId: HOME }),
    );
    expect(headInvite.code).toMatch(/^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{8}$/);
    expect(headInvite.status).toBe('open');
    const head = ok(
      await acc<WhoAmIOutput>('new-head', 'redeemInvite', { code: headInvite.code.toLowerCase() }),
    );
    expect(head).toMatchObject({ role: 'station_head', stationId: HOME });

    // A head may invite only workers, only to their own station.
    expect(
      err(await acc('new-head', 'createInvite', { staffRole: 'station_head', stationId: HOME })).code,
    ).toBe('permission-denied');
    expect(
      err(await acc('new-head', 'createInvite', { staffRole: 'social_worker', stationId: AWAY })).code,
    ).toBe('permission-denied');
    const workerInvite = ok(
      await acc<InviteItem>('new-head', 'createInvite', { staffRole: 'social_worker', stationId: HOME }),
    );
    const expires = new Date(workerInvite.expiresAt).getTime() - new Date(workerInvite.createdAt).getTime();
    expect(expires).toBe(7 * 24 * 3600 * 1000);
    expect(
      ok(await acc<WhoAmIOutput>('new-worker', 'redeemInvite', { code: workerInvite.code })),
    ).toMatchObject({
      role: 'social_worker',
      stationId: HOME,
    });
    const listed = ok(await acc<Page<InviteItem>>('new-head', 'listInvites', {}));
    expect(listed.items.find((i) => i.code === workerInvite.code)?.status).toBe('used');
  });

  it('a supervisor invite gives the assigned stations', async () => {
    const inv = ok(
      await acc<InviteItem>(ADMIN, 'createInvite', { staffRole: 'supervisor', stationIds: [HOME, AWAY] }),
    );
    const sup = ok(await acc<WhoAmIOutput>('new-sup', 'redeemInvite', { code: inv.code }));
    expect(sup).toMatchObject({ role: 'supervisor', stationId: null, stationIds: [HOME, AWAY] });
    expect(
      err(await acc(ADMIN, 'createInvite', { staffRole: 'supervisor', stationIds: ['st-nowhere'] })).code,
    ).toBe('invalid-argument');
  });

  it('a code is used exactly once when 10 residents redeem it at the same moment', async () => {
    const code = await addInvite(cloud.db, { stationId: HOME });
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => acc<WhoAmIOutput>(`racer-${i}`, 'redeemInvite', { code })),
    );
    const winners = results.filter((r) => r.ok);
    expect(winners).toHaveLength(1);
    for (const r of results.filter((x) => !x.ok)) expect(err(r).code).toBe('failed-precondition');
    const staff = await cloud.db
      .collection(COLLECTIONS.users)
      .where({ role: 'social_worker', stationId: HOME })
      .count();
    expect((staff as { total: number }).total).toBe(1);
  });

  it('unknown, expired, revoked and reused codes are refused in Chinese and write nothing', async () => {
    const expired = await addInvite(cloud.db, { expiresAt: new Date('2020-01-01T00:00:00Z') });
    const revoked = await addInvite(cloud.db, { status: 'revoked' });
    const used = await addInvite(cloud.db, { status: 'used' });
    const before = cloud.counts();
    const unknown = err(await acc('someone', 'redeemInvite', { code: 'ZZZZZZZZ' }));
    expect(unknown).toMatchObject({ code: 'not-found', message: expect.stringContaining('邀请码不存在') });
    expect(err(await acc('someone', 'redeemInvite', { code: expired }))).toMatchObject({
      code: 'failed-precondition',
      message: expect.stringContaining('过期'),
    });
    expect(err(await acc('someone', 'redeemInvite', { code: revoked }))).toMatchObject({
      code: 'failed-precondition',
      message: expect.stringContaining('撤销'),
    });
    expect(err(await acc('someone', 'redeemInvite', { code: used }))).toMatchObject({
      code: 'failed-precondition',
      message: expect.stringContaining('已被使用'),
    });
    expect(cloud.counts()).toEqual(before);
  });

  it('a revoked code cannot be redeemed; a used one cannot be revoked', async () => {
    const inv = ok(
      await acc<InviteItem>(ADMIN, 'createInvite', {
        staffRole: 'social_worker',
        stationId: HOME,
        validDays: 1,
      }),
    );
    expect(ok(await acc<InviteItem>(ADMIN, 'revokeInvite', { code: inv.code })).status).toBe('revoked');
    expect(err(await acc('late', 'redeemInvite', { code: inv.code })).code).toBe('failed-precondition');
    const inv2 = ok(
      await acc<InviteItem>(ADMIN, 'createInvite', { staffRole: 'social_worker', stationId: HOME }),
    );
    ok(await acc('quick', 'redeemInvite', { code: inv2.code }));
    expect(err(await acc(ADMIN, 'revokeInvite', { code: inv2.code })).code).toBe('failed-precondition');
  });

  it('active staff cannot redeem another code (promotion goes through deactivation first)', async () => {
    await addAccount(cloud.db, { openid: 'busy-worker', role: 'social_worker', stationId: HOME });
    const code = await addInvite(cloud.db, { stationId: AWAY });
    expect(err(await acc('busy-worker', 'redeemInvite', { code })).code).toBe('permission-denied');
    expect((await getDoc(cloud.db, COLLECTIONS.invites, code))?.status).toBe('open');
  });
});

describe('staff', () => {
  beforeEach(async () => {
    await addAccount(cloud.db, {
      openid: 'head',
      role: 'station_head',
      stationId: HOME,
      name: '张三',
      phone: '13812341234',
    });
    await addAccount(cloud.db, {
      openid: 'worker',
      role: 'social_worker',
      stationId: HOME,
      name: '李四',
      phone: '13712345678',
    });
    await addAccount(cloud.db, {
      openid: 'far-worker',
      role: 'social_worker',
      stationId: AWAY,
      name: '王五',
      phone: '13612345678',
    });
    await addAccount(cloud.db, {
      openid: 'sup',
      role: 'supervisor',
      stationIds: [HOME],
      name: '陈督导',
      phone: '13512345678',
    });
  });

  it('lists a station: phones masked; names plain to its own staff, 张* to others', async () => {
    const own = ok(await acc<Page<StaffItem>>('worker', 'listStaff'));
    expect(own.total).toBe(3);
    expect(own.items.map((s) => s.name).sort()).toEqual(['张三', '李四', '陈督导'].sort());
    expect(own.items.map((s) => s.phoneMasked).sort()).toEqual(['135****5678', '137****5678', '138****1234']);
    const bySupervisor = ok(await acc<Page<StaffItem>>('sup', 'listStaff', { stationId: HOME }));
    expect(bySupervisor.items.map((s) => s.name).sort()).toEqual(['张*', '李*', '陈**'].sort());
    const byAdmin = ok(await acc<Page<StaffItem>>(ADMIN, 'listStaff', { stationId: AWAY }));
    expect(byAdmin.items.map((s) => s.name)).toEqual(['王*']);
  });

  it('pages with count(): total stays right past the page size', async () => {
    for (let i = 0; i < 5; i++)
      await addAccount(cloud.db, { openid: `w${i}`, role: 'social_worker', stationId: HOME });
    const p1 = ok(await acc<Page<StaffItem>>(ADMIN, 'listStaff', { stationId: HOME, limit: 3 }));
    expect(p1.total).toBe(8);
    expect(p1.nextCursor).toEqual(expect.any(String));
    const p2 = ok(
      await acc<Page<StaffItem>>(ADMIN, 'listStaff', { stationId: HOME, limit: 3, cursor: p1.nextCursor }),
    );
    const p3 = ok(
      await acc<Page<StaffItem>>(ADMIN, 'listStaff', { stationId: HOME, limit: 3, cursor: p2.nextCursor }),
    );
    expect(p3.items).toHaveLength(2);
    expect(p3.nextCursor).toBeNull();
    // Cursor pages never overlap and cover everything.
    const ids = [...p1.items, ...p2.items, ...p3.items].map((s) => s.userId);
    expect(new Set(ids).size).toBe(8);
    // A cursor the server did not make is refused in words.
    expect(
      err(await acc(ADMIN, 'listStaff', { stationId: HOME, limit: 3, cursor: 'bm90LWEtY3Vyc29y' })).code,
    ).toBe('invalid-argument');
  });

  it('deactivation ends access at once and keeps the record', async () => {
    ok(await acc<Page<StaffItem>>('worker', 'listStaff'));
    const off = ok(await acc<StaffItem>('head', 'deactivateStaff', { userId: userIdFor('worker') }));
    expect(off.active).toBe(false);
    expect(err(await acc('worker', 'listStaff')).code).toBe('permission-denied');
    const me = ok(await acc<WhoAmIOutput>('worker', 'whoAmI'));
    expect(me).toMatchObject({
      role: 'resident',
      active: false,
      deactivatedRole: 'social_worker',
      stationId: null,
    });
    expect(await getDoc(cloud.db, COLLECTIONS.users, userIdFor('worker'))).toMatchObject({
      role: 'social_worker',
      active: false,
    });
    // A head cannot deactivate themself or another head; only workers of their station.
    expect(err(await acc('head', 'deactivateStaff', { userId: userIdFor('head') })).code).toBe(
      'permission-denied',
    );
    expect(err(await acc('head', 'deactivateStaff', { userId: userIdFor('far-worker') })).code).toBe(
      'permission-denied',
    );
  });

  it('qualifications: isQualified counts registered certificates; numbers are masked in lists', async () => {
    const item = ok(
      await acc<StaffItem>('head', 'updateQualification', {
        userId: userIdFor('worker'),
        kind: '助理社会工作师',
        number: 'TJ2024000123',
        registrationStatus: 'registered',
        registeredOn: '2024-05-01',
      }),
    );
    expect(item).toMatchObject({
      qualified: true,
      qualification: { kind: '助理社会工作师', numberMasked: '********0123' },
    });
    const pending = ok(
      await acc<StaffItem>('head', 'updateQualification', {
        userId: userIdFor('head'),
        kind: '天津市社会工作员证书',
        number: 'G-77',
        registrationStatus: 'pending',
      }),
    );
    expect(pending.qualified).toBe(false);
    // A worker may record their own certificate, not a colleague's.
    const own = { kind: '社会工作师', number: 'S-1', registrationStatus: 'none' };
    ok(await acc('worker', 'updateQualification', { userId: userIdFor('worker'), ...own }));
    expect(err(await acc('worker', 'updateQualification', { userId: userIdFor('head'), ...own })).code).toBe(
      'permission-denied',
    );
  });
});

describe('consent (PIPL)', () => {
  const health = { category: 'health', version: CONSENT_VERSIONS.health, scope: '求助服务中记录健康状况' };
  const accessOf = (openid: string): Access => ({
    action: 'requests.createRequest',
    role: 'resident',
    scope: 'own',
    caller: {
      openid,
      userId: userIdFor(openid),
      role: 'resident',
      stationId: null,
      stationIds: [],
      active: true,
    },
  });
  const check = (openid: string, subjectId: string, birthDate?: string) =>
    requireConsent({ openid, requestId: 'test', db: cloud.db, now: new Date() }, accessOf(openid), 'health', {
      subjectId,
      birthDate,
    });

  it('storing a sensitive category is refused without consent, allowed with it, refused again after withdrawal', async () => {
    await addAccount(cloud.db, { openid: 'mum', privacy: true });
    const auditBefore = cloud.counts()[COLLECTIONS.auditLog] ?? 0;
    await expect(check('mum', 'self')).rejects.toMatchObject({ code: 'failed-precondition' });
    expect(cloud.counts()[COLLECTIONS.auditLog]).toBe(auditBefore + 1);

    const given = ok(
      await acc<ConsentItem>('mum', 'recordConsent', {
        ...health,
        subject: { kind: 'self' },
        capacity: 'self',
      }),
    );
    expect(given).toMatchObject({
      category: 'health',
      version: CONSENT_VERSIONS.health,
      capacity: 'self',
      withdrawnAt: null,
      currentVersion: true,
    });
    await expect(check('mum', 'self')).resolves.toBeUndefined();
    // Another person's consent does not cover this one.
    await expect(check('other', 'self')).rejects.toMatchObject({ code: 'failed-precondition' });

    const withdrawn = ok(await acc<ConsentItem>('mum', 'withdrawConsent', { consentId: given.id }));
    expect(withdrawn.withdrawnAt).not.toBeNull();
    await expect(check('mum', 'self')).rejects.toMatchObject({ code: 'failed-precondition' });
    const all = ok(await acc<{ items: ConsentItem[] }>('mum', 'listMyConsents', { includeWithdrawn: true }));
    expect(all.items.find((c) => c.id === given.id)?.withdrawnAt).not.toBeNull();
    expect(ok(await acc<{ items: ConsentItem[] }>('mum', 'listMyConsents')).items).toHaveLength(0);
  });

  it('a child under 14 needs a guardian; a relative relaying consent is refused', async () => {
    await addAccount(cloud.db, { openid: 'parent', privacy: true });
    const child = {
      kind: 'other',
      subjectId: 'p-child-0001',
      name: '小明',
      relationship: '子女',
      birthDate: '2018-03-01',
    };
    const before = cloud.counts();
    expect(
      err(await acc('parent', 'recordConsent', { ...health, subject: child, capacity: 'family_member' }))
        .code,
    ).toBe('failed-precondition');
    expect(cloud.counts()).toEqual(before);
    ok(await acc('parent', 'recordConsent', { ...health, subject: child, capacity: 'guardian' }));
    await expect(check('parent', 'p-child-0001', '2018-03-01')).resolves.toBeUndefined();
  });

  it('consent needs the privacy notice first, and the current text version', async () => {
    const before = cloud.counts();
    expect(
      err(await acc('no-notice', 'recordConsent', { ...health, subject: { kind: 'self' }, capacity: 'self' }))
        .code,
    ).toBe('failed-precondition');
    expect(cloud.counts()).toEqual({ ...before, audit_log: (before.audit_log ?? 0) + 1 });
    expect((await lastAudit(cloud.db))[0]).toMatchObject({
      action: 'accounts.recordConsent',
      outcome: 'denied',
    });
    await addAccount(cloud.db, { openid: 'old-text', privacy: true });
    expect(
      err(
        await acc('old-text', 'recordConsent', {
          ...health,
          version: '2001-01-01',
          subject: { kind: 'self' },
          capacity: 'self',
        }),
      ).code,
    ).toBe('failed-precondition');
  });

  it("a resident cannot withdraw another resident's consent, and cannot tell it from a missing one", async () => {
    await addAccount(cloud.db, { openid: 'a', privacy: true });
    const c = ok(
      await acc<ConsentItem>('a', 'recordConsent', {
        ...health,
        subject: { kind: 'self' },
        capacity: 'self',
      }),
    );
    const theirs = err(await acc('b', 'withdrawConsent', { consentId: c.id }));
    const missing = err(await acc('b', 'withdrawConsent', { consentId: 'c-does-not-exist' }));
    expect(theirs).toEqual(missing);
    expect(theirs.code).toBe('permission-denied');
  });
});

describe('audit log', () => {
  it('records writes and denials without personal values; a district admin filters it', async () => {
    await addAccount(cloud.db, {
      openid: 'w',
      role: 'social_worker',
      stationId: HOME,
      name: '李四',
      phone: '13712345678',
    });
    ok(await acc('w', 'acceptPrivacyNotice', { version: PRIVACY_NOTICE_VERSION }));
    err(await acc('w', 'listAuditLog'));
    const denied = ok(await acc<Page<AuditItem>>(ADMIN, 'listAuditLog', { outcome: 'denied' }));
    expect(denied.total).toBe(1);
    expect(denied.items[0]).toMatchObject({
      action: 'accounts.listAuditLog',
      role: 'social_worker',
      stationId: HOME,
      outcome: 'denied',
    });
    expect(denied.items[0]?.callerHash).toMatch(/^[0-9a-f]{64}$/);
    const byAction = ok(
      await acc<Page<AuditItem>>(ADMIN, 'listAuditLog', { actionKey: 'accounts.acceptPrivacyNotice' }),
    );
    expect(byAction.items.map((i) => i.outcome)).toEqual(['ok']);
    const byStation = ok(await acc<Page<AuditItem>>(ADMIN, 'listAuditLog', { stationId: HOME, limit: 1 }));
    expect(byStation).toMatchObject({ total: 2, nextCursor: expect.any(String) });
    // From the day after tomorrow (Beijing): nothing logged there, even if the test crosses midnight.
    const later = addDays(beijingDay(new Date()), 2);
    const future = ok(await acc<Page<AuditItem>>(ADMIN, 'listAuditLog', { from: later }));
    expect(future.total).toBe(0);
    const entries = await cloud.db.collection(COLLECTIONS.auditLog).limit(100).get();
    const text = JSON.stringify(entries);
    expect(text).not.toContain('13712345678');
    expect(text).not.toContain('李四');
    expect(text).not.toContain('"w"');
  });
});

describe('PII', () => {
  it('no response and no log line of this file holds an unmasked phone or ID number', () => {
    expect(cloud.responses.length).toBeGreaterThan(20);
    expect(scanForPii(cloud)).toEqual([]);
  });
});
