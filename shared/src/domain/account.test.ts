import {
  CONSENT_VERSIONS,
  ageOn,
  demoAccount,
  hasAcceptedPrivacyNotice,
  hasConsent,
  isQualified,
  newAccount,
  PRIVACY_NOTICE_VERSION,
  type ConsentRecord,
} from './account';
import type { StationId, UserId } from '../ids';

const now = new Date('2026-06-01T02:00:00Z');

describe('isQualified', () => {
  const q = {
    kind: '社会工作师' as const,
    number: 'A-123',
    registrationStatus: 'registered' as const,
    registeredOn: '2024-01-02',
  };
  it('needs an active worker or head with a registered certificate', () => {
    expect(isQualified({ role: 'social_worker', active: true, qualification: q })).toBe(true);
    expect(isQualified({ role: 'station_head', active: true, qualification: q })).toBe(true);
    expect(isQualified({ role: 'supervisor', active: true, qualification: q })).toBe(false);
    expect(isQualified({ role: 'social_worker', active: false, qualification: q })).toBe(false);
    expect(isQualified({ role: 'social_worker', active: true, qualification: null })).toBe(false);
    expect(
      isQualified({
        role: 'social_worker',
        active: true,
        qualification: { ...q, registrationStatus: 'pending' },
      }),
    ).toBe(false);
    expect(isQualified({ role: 'social_worker', active: true, qualification: { ...q, number: '  ' } })).toBe(
      false,
    );
  });
});

describe('demoAccount', () => {
  it('makes staff with their station and accepted notice, residents without', () => {
    const w = demoAccount(
      { openid: 'demo-w', label: '演示社工', role: 'social_worker', stationId: 'st-a' as StationId },
      now,
    );
    expect(w).toMatchObject({
      _id: 'u-demo-demo-w',
      role: 'social_worker',
      stationId: 'st-a',
      stationIds: [],
      active: true,
    });
    expect(hasAcceptedPrivacyNotice(w)).toBe(true);
    const r = demoAccount(
      { openid: 'demo-r', label: '演示居民', role: 'resident', stationId: 'st-a' as StationId },
      now,
    );
    expect(r.stationId).toBeNull();
    expect(hasAcceptedPrivacyNotice(r)).toBe(false);
  });
});

describe('privacy notice', () => {
  it('counts only the current version', () => {
    const a = newAccount({ _id: 'u-1' as UserId, openid: 'o' }, now);
    expect(hasAcceptedPrivacyNotice(a)).toBe(false);
    expect(
      hasAcceptedPrivacyNotice({ privacyNotice: { version: PRIVACY_NOTICE_VERSION, acceptedAt: now } }),
    ).toBe(true);
    expect(hasAcceptedPrivacyNotice({ privacyNotice: { version: '2000-01-01', acceptedAt: now } })).toBe(
      false,
    );
  });
});

describe('hasConsent', () => {
  const base: ConsentRecord = {
    _id: 'c1',
    giverId: 'u-1' as UserId,
    category: 'health',
    version: CONSENT_VERSIONS.health,
    scope: '求助服务',
    subjectId: 'self',
    subjectName: null,
    relationship: null,
    subjectBirthDate: null,
    capacity: 'self',
    givenAt: new Date('2026-05-01T00:00:00Z'),
    withdrawnAt: null,
  };
  it('finds a current, unwithdrawn consent for the category and person', () => {
    expect(hasConsent([base], 'health', { subjectId: 'self' }, now)).toBe(true);
    expect(hasConsent([base], 'disability', { subjectId: 'self' }, now)).toBe(false);
    expect(hasConsent([base], 'health', { subjectId: 'p-other1' }, now)).toBe(false);
    expect(hasConsent([{ ...base, withdrawnAt: now }], 'health', { subjectId: 'self' }, now)).toBe(false);
    expect(hasConsent([{ ...base, version: 'old' }], 'health', { subjectId: 'self' }, now)).toBe(false);
    expect(
      hasConsent(
        [{ ...base, givenAt: new Date('2026-07-01T00:00:00Z') }],
        'health',
        { subjectId: 'self' },
        now,
      ),
    ).toBe(false);
    expect(hasConsent([], 'health', { subjectId: 'self' }, now)).toBe(false);
  });
  it('needs a guardian for a child under 14, counted on the Beijing day', () => {
    const child = { ...base, subjectId: 'p-child1', capacity: 'family_member' as const };
    // 14th birthday on 2026-06-01 Beijing; at 2026-05-31T16:30Z it is already 06-01 in Beijing.
    const birthday = { subjectId: 'p-child1', birthDate: '2012-06-01' };
    expect(hasConsent([child], 'health', birthday, new Date('2026-05-31T15:59:00Z'))).toBe(false);
    expect(hasConsent([child], 'health', birthday, new Date('2026-05-31T16:30:00Z'))).toBe(true);
    expect(
      hasConsent([{ ...child, capacity: 'guardian' }], 'health', birthday, new Date('2026-05-31T15:59:00Z')),
    ).toBe(true);
  });
  it('counts whole years', () => {
    expect(ageOn('2012-06-01', '2026-05-31')).toBe(13);
    expect(ageOn('2012-06-01', '2026-06-01')).toBe(14);
  });
});
