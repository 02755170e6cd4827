import { CONSENT_VERSIONS, SENSITIVE_CATEGORIES } from './account';
import { normalizeCommunities } from './household';
import {
  CATEGORY_CONSENTS,
  CATEGORY_KEYS,
  TARGET_CATEGORIES,
  ageOf,
  allowedConsents,
  buildPersonDoc,
  categoryFlags,
  consentGap,
  consentGapMessage,
  consentStatusOf,
  consentsNeeded,
  isUnderGuardianAge,
  personDedupKey,
  visibleCategories,
  type NewPerson,
  type PersonConsentEvent,
} from './person';

const at = (iso: string) => new Date(iso);
let n = 0;
const event = (over: Partial<PersonConsentEvent>): PersonConsentEvent => ({
  _id: `pc-${++n}`,
  personId: 'p-1',
  stationId: 'st-tanggu',
  kind: 'give',
  categories: ['disability'],
  versions: { ...CONSENT_VERSIONS },
  givenBy: 'self',
  guardian: null,
  day: '2026-03-01',
  method: 'verbal',
  fileId: null,
  witnessName: '王见证',
  recordedBy: 'u-w',
  recordedAt: at('2026-03-01T02:00:00Z'),
  ...over,
});
const ADULT = { birthDate: '1950-05-01', birthYear: 1950 };
const CHILD = { birthDate: '2016-02-29', birthYear: 2016 };

describe('category → consent mapping', () => {
  it('maps each financial, disability category to its consent, and the others to none', () => {
    expect(consentsNeeded(['低保', '独居'], false)).toEqual(['financial_hardship']);
    expect(consentsNeeded(['残疾/重残', '失能', '特困'], false)).toEqual([
      'disability',
      'financial_hardship',
    ]);
    expect(consentsNeeded(['空巢', '高龄', '留守儿童'], false)).toEqual([]);
    expect(consentsNeeded([], true)).toEqual(['health']);
  });
  it('has an ASCII key per category and only sensitive consents in the map', () => {
    expect(Object.keys(CATEGORY_KEYS).sort()).toEqual([...TARGET_CATEGORIES].sort());
    for (const k of Object.values(CATEGORY_KEYS)) expect(k).toMatch(/^[A-Za-z]+$/);
    for (const needs of Object.values(CATEGORY_CONSENTS))
      for (const s of needs ?? []) expect(SENSITIVE_CATEGORIES).toContain(s);
    expect(categoryFlags(['低保', '独居'])).toMatchObject({ dibao: 1, duju: 1, canji: 0 });
  });
});

describe('consentStatusOf: the latest event per category decides', () => {
  const today = '2026-04-01';
  it('allows after a give, refuses after a later withdrawal, allows again after a later give', () => {
    const give = event({ day: '2026-03-01' });
    expect(consentStatusOf([give], ADULT, today).disability.allowed).toBe(true);
    const withdraw = event({ kind: 'withdraw', day: '2026-03-10' });
    const s = consentStatusOf([give, withdraw], ADULT, today);
    expect(s.disability).toMatchObject({ allowed: false, lastKind: 'withdraw', lastDay: '2026-03-10' });
    expect(
      consentStatusOf([withdraw, give, event({ day: '2026-03-20' })], ADULT, today).disability.allowed,
    ).toBe(true);
  });
  it('orders by the day given, then by the time recorded (a late entry of an earlier day does not win)', () => {
    const withdraw = event({ kind: 'withdraw', day: '2026-03-10', recordedAt: at('2026-03-10T02:00:00Z') });
    const lateEntryOfEarlierGive = event({ day: '2026-03-05', recordedAt: at('2026-03-30T02:00:00Z') });
    expect(consentStatusOf([withdraw, lateEntryOfEarlierGive], ADULT, today).disability.allowed).toBe(false);
    const sameDayGiveAfter = event({ day: '2026-03-10', recordedAt: at('2026-03-10T03:00:00Z') });
    expect(consentStatusOf([withdraw, sameDayGiveAfter], ADULT, today).disability.allowed).toBe(true);
  });
  it('ignores an event dated after today', () => {
    expect(consentStatusOf([event({ day: '2026-04-02' })], ADULT, today).disability.allowed).toBe(false);
  });
  it('needs a guardian for a child under 14, not for someone of 14', () => {
    const own = event({ day: '2026-03-01' });
    expect(consentStatusOf([own], CHILD, today).disability).toMatchObject({
      allowed: false,
      problem: 'guardian-required',
    });
    const guardian = event({ givenBy: 'guardian', guardian: { name: '张母', relationship: '母亲' } });
    expect(consentStatusOf([guardian], CHILD, today).disability.allowed).toBe(true);
    // Born 2012-04-01: 14 on 2026-04-01, 13 the day before.
    const fourteen = { birthDate: '2012-04-01', birthYear: 2012 };
    expect(consentStatusOf([own], fourteen, '2026-04-01').disability.allowed).toBe(true);
    expect(consentStatusOf([own], fourteen, '2026-03-31').disability.allowed).toBe(false);
  });
  it('keeps a consent given to an older text version (versions are evidence, not a read rule)', () => {
    const old = event({ versions: { disability: '2000-01-01' } });
    expect(consentStatusOf([old], ADULT, today).disability).toMatchObject({ allowed: true, problem: null });
  });
  it('treats each category separately', () => {
    const s = consentStatusOf([event({ categories: ['health', 'financial_hardship'] })], ADULT, today);
    expect([...allowedConsents(s)]).toEqual(['health', 'financial_hardship']);
  });
});

describe('what a write may keep', () => {
  it('finds the fields lacking consent and words the refusal', () => {
    const gap = consentGap(['低保', '残疾/重残', '独居'], true, new Set(['disability']));
    expect(gap).toEqual({
      missing: ['health', 'financial_hardship'],
      categories: ['低保'],
      healthNotes: true,
    });
    const msg = consentGapMessage(gap);
    expect(msg).toContain('“低保”');
    expect(msg).toContain('“健康状况”');
    expect(msg).toContain('本次没有保存');
    expect(consentGap(['独居'], false, new Set()).missing).toEqual([]);
  });
  it('hides the categories whose consent is not held', () => {
    expect(visibleCategories(['低保', '失能', '独居'], new Set(['disability']))).toEqual(['失能', '独居']);
  });
});

describe('age and guardian age', () => {
  it('counts whole years; with a year only, the youngest possible age', () => {
    expect(ageOf(ADULT, '2026-04-30')).toBe(75);
    expect(ageOf(ADULT, '2026-05-01')).toBe(76);
    expect(ageOf({ birthDate: null, birthYear: 2012 }, '2026-12-31')).toBe(13);
    expect(isUnderGuardianAge({ birthDate: null, birthYear: 2012 }, '2026-12-31')).toBe(true);
    expect(isUnderGuardianAge({ birthDate: null, birthYear: 2011 }, '2026-01-01')).toBe(false);
    expect(ageOf({ birthDate: null, birthYear: null }, '2026-01-01')).toBeNull();
  });
});

describe('buildPersonDoc and the dedup key (shared with the roster import)', () => {
  const base: NewPerson = {
    stationId: 'st-tanggu',
    householdId: null,
    relationship: null,
    community: '新港社区',
    name: '王秀英',
    sex: '女',
    birthDate: null,
    birthYear: 1940,
    phone: null,
    idNumber: '120107900101123',
    categories: ['独居', '高龄'],
    livingSituation: '独居',
    status: '在册',
    risk: '重点',
    assignedWorkerId: null,
    notes: null,
    healthNotes: null,
    linkedUserId: null,
    lastVisitDay: null,
    source: 'manual',
  };
  const meta = {
    now: at('2026-04-01T02:00:00Z'),
    openedDay: '2026-04-01',
    by: 'u-w',
    intervals: { 高风险: 7, 重点: 30, 一般: 90 },
  };
  it('derives the 18-digit ID, the flags and the next due day', () => {
    const doc = buildPersonDoc(base, meta);
    expect(doc).toMatchObject({
      idNumber: '120107199001011237',
      birthYear: 1940,
      nextDueDay: '2026-05-01',
      rev: 1,
      catFlags: expect.objectContaining({ duju: 1, gaoling: 1, dibao: 0 }),
    });
    expect(buildPersonDoc({ ...base, status: '迁出' }, meta).nextDueDay).toBeNull();
    expect(buildPersonDoc({ ...base, birthDate: '1941-02-03' }, meta).birthYear).toBe(1941);
  });
  it('makes both ID forms of one person the same key; without an ID, name and birth', () => {
    expect(personDedupKey(base)).toBe(personDedupKey({ ...base, idNumber: '120107199001011237' }));
    expect(personDedupKey({ ...base, idNumber: null })).toBe('nb:王秀英|1940');
    expect(personDedupKey({ ...base, idNumber: null, birthDate: '1940-03-04' })).toBe('nb:王秀英|1940-03-04');
  });
});

describe('normalizeCommunities', () => {
  it('trims, drops blanks and repeats, keeps order', () => {
    expect(normalizeCommunities([' 新港社区 ', '', '新港社区', '胡家园村'])).toEqual({
      ok: true,
      communities: ['新港社区', '胡家园村'],
    });
  });
  it('refuses a name too long and a list too long', () => {
    expect(normalizeCommunities(['长'.repeat(31)]).ok).toBe(false);
    expect(normalizeCommunities(Array.from({ length: 201 }, (_, i) => `社区${i}`)).ok).toBe(false);
  });
});
