import {
  completedCasesWhere,
  completedYearOf,
  countCompleted,
  storedCompletedYear,
  type QuotaSubject,
} from './case-quota';

// Instants are written in UTC; Beijing is UTC+8 all year (no DST).
const closed = (approvedAt: string, over: Partial<QuotaSubject> = {}): QuotaSubject => ({
  status: 'closed',
  closureApprovedAt: new Date(approvedAt),
  hasEvaluation: true,
  hasClosureRecord: true,
  closureType: '目标达成',
  ...over,
});

describe(`case quota (process TZ=${process.env.TZ ?? 'unset'})`, () => {
  it.each([
    ['23:59 Beijing on 31 December counts that year', '2025-12-31T15:59:00Z', 2025],
    ['00:00 Beijing on 1 January counts the new year', '2025-12-31T16:00:00Z', 2026],
    ['16:00 Beijing on 31 December (08:00 UTC) counts that year', '2025-12-31T08:00:00Z', 2025],
    ['a December closure approved in January counts in January’s year', '2026-01-05T02:00:00Z', 2026],
  ])('%s', (_name, approvedAt, year) => {
    expect(completedYearOf(closed(approvedAt))).toBe(year);
  });

  it('needs a complete evaluation and a closure record', () => {
    expect(completedYearOf(closed('2026-05-01T02:00:00Z', { hasEvaluation: false }))).toBeNull();
    expect(completedYearOf(closed('2026-05-01T02:00:00Z', { hasClosureRecord: false }))).toBeNull();
  });

  it('a reopened case does not count until its closure is approved again (then in that year)', () => {
    const reopened = closed('2025-12-20T02:00:00Z', { status: 'intervention', closureApprovedAt: null });
    expect(completedYearOf(reopened)).toBeNull();
    // Even if a stale approval instant were left on it, a case not closed never counts.
    expect(completedYearOf(closed('2025-12-20T02:00:00Z', { status: 'intervention' }))).toBeNull();
    expect(completedYearOf(closed('2026-02-01T02:00:00Z'))).toBe(2026);
  });

  it('a case waiting for closure approval does not count yet', () => {
    expect(completedYearOf(closed('2026-02-01T02:00:00Z', { status: 'closure_review' }))).toBeNull();
  });

  it('a referral closure counts only when the policy says so (default: no)', () => {
    const referral = closed('2026-03-01T02:00:00Z', { closureType: '转介' });
    expect(completedYearOf(referral)).toBeNull();
    expect(completedYearOf(referral, { referralCounts: false })).toBeNull();
    expect(completedYearOf(referral, { referralCounts: true })).toBe(2026);
    // The stored year ignores the policy (applied at count time).
    expect(storedCompletedYear(referral)).toBe(2026);
  });

  it('counts a year’s completed cases, and the database condition says the same', () => {
    const cases = [
      closed('2025-12-31T15:59:00Z'),
      closed('2025-12-31T16:00:00Z'),
      closed('2026-06-01T02:00:00Z', { closureType: '转介' }),
      closed('2026-06-01T02:00:00Z', { hasEvaluation: false }),
    ];
    expect(countCompleted(cases, 2025)).toBe(1);
    expect(countCompleted(cases, 2026)).toBe(1);
    expect(countCompleted(cases, 2026, { referralCounts: true })).toBe(2);
    expect(completedCasesWhere(2026)).toEqual({ completedYear: 2026, referralClosure: false });
    expect(completedCasesWhere(2026, { referralCounts: true })).toEqual({ completedYear: 2026 });
  });
});
