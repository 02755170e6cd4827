import {
  DEFAULT_VISIT_INTERVALS,
  daysOverdue,
  dueBucketOf,
  dueWindow,
  nextDueDay,
  parseVisitIntervals,
  type RiskTier,
} from './risk';

// The unit tier runs under TZ=UTC and TZ=Asia/Shanghai: every answer below
// must be the same in both (days are Beijing labels, `now` is a parameter).
describe(`visit pace (process TZ=${process.env.TZ ?? 'unset'})`, () => {
  describe('nextDueDay: last visit (or the day the file was opened) + the tier interval', () => {
    it.each<[RiskTier, string | null, string, string]>([
      ['高风险', '2026-01-28', '2025-06-01', '2026-02-04'], // across a month end
      ['高风险', '2026-12-28', '2025-06-01', '2027-01-04'], // across a year end
      ['重点', '2026-01-31', '2025-06-01', '2026-03-02'], // January 31 + 30 in a common year
      ['重点', '2028-01-31', '2025-06-01', '2028-03-01'], // … and in a leap year
      ['重点', '2028-02-28', '2025-06-01', '2028-03-29'],
      ['一般', '2026-12-15', '2025-06-01', '2027-03-15'], // 90 days over New Year
      ['一般', '2027-12-31', '2025-06-01', '2028-03-30'], // 90 days through 29 Feb 2028
      ['高风险', null, '2026-04-01', '2026-04-08'], // never visited: opened day + interval
      ['一般', null, '2026-12-31', '2027-03-31'],
    ])('%s, last visit %s, opened %s → %s', (risk, lastVisitDay, openedDay, due) => {
      expect(nextDueDay({ risk, active: true, lastVisitDay, openedDay })).toBe(due);
    });

    it('uses the configured intervals', () => {
      const intervals = parseVisitIntervals('3,14,60');
      expect(
        nextDueDay(
          { risk: '高风险', active: true, lastVisitDay: '2026-02-27', openedDay: '2026-01-01' },
          intervals,
        ),
      ).toBe('2026-03-02');
      expect(
        nextDueDay(
          { risk: '一般', active: true, lastVisitDay: '2026-01-01', openedDay: '2026-01-01' },
          intervals,
        ),
      ).toBe('2026-03-02');
    });

    it('has no due day for a file that is not 在册', () => {
      expect(
        nextDueDay({ risk: '高风险', active: false, lastVisitDay: '2026-01-01', openedDay: '2026-01-01' }),
      ).toBeNull();
    });

    it('refuses a malformed day rather than inventing a date', () => {
      expect(() =>
        nextDueDay({ risk: '重点', active: true, lastVisitDay: '2026-02-30', openedDay: '2026-01-01' }),
      ).toThrow(RangeError);
    });
  });

  describe('parseVisitIntervals (env SGZ_VISIT_INTERVALS)', () => {
    it.each([
      ['7,30,90', { 高风险: 7, 重点: 30, 一般: 90 }],
      [' 3 , 14 , 60 ', { 高风险: 3, 重点: 14, 一般: 60 }],
      ['1,1,366', { 高风险: 1, 重点: 1, 一般: 366 }],
      [undefined, DEFAULT_VISIT_INTERVALS],
      ['', DEFAULT_VISIT_INTERVALS],
      ['7,30', DEFAULT_VISIT_INTERVALS],
      ['7,30,90,120', DEFAULT_VISIT_INTERVALS],
      ['7,thirty,90', DEFAULT_VISIT_INTERVALS],
      ['0,30,90', DEFAULT_VISIT_INTERVALS],
      ['7,30,367', DEFAULT_VISIT_INTERVALS],
      ['7.5,30,90', DEFAULT_VISIT_INTERVALS],
      ['-7,30,90', DEFAULT_VISIT_INTERVALS],
    ])('%p → %p', (raw, expected) => {
      expect(parseVisitIntervals(raw)).toEqual(expected);
    });
  });

  describe('the due window is the Beijing day of `now`', () => {
    it.each([
      // 15:59 UTC is still that Beijing day; 16:00 UTC is the next one.
      ['2026-01-31T15:59:59Z', '2026-01-31', '2026-02-06'],
      ['2026-01-31T16:00:00Z', '2026-02-01', '2026-02-07'],
      ['2026-02-28T16:00:00Z', '2026-03-01', '2026-03-07'],
      ['2028-02-27T16:00:00Z', '2028-02-28', '2028-03-05'], // leap year: 29 Feb inside the week
      ['2026-12-28T16:00:00Z', '2026-12-29', '2027-01-04'],
      ['2026-12-31T15:59:59Z', '2026-12-31', '2027-01-06'],
      ['2026-12-31T16:00:00Z', '2027-01-01', '2027-01-07'],
    ])('at %s: today %s, 本周 until %s', (iso, today, weekEnd) => {
      expect(dueWindow(new Date(iso))).toEqual({ today, weekEnd });
    });
  });

  describe('dueBucketOf', () => {
    const today = '2026-12-29';
    it.each([
      ['2026-12-28', 'overdue', 1],
      ['2026-11-29', 'overdue', 30],
      ['2026-12-29', 'today', 0],
      ['2026-12-30', 'week', 0],
      ['2027-01-04', 'week', 0], // today + 6, across the year end
      ['2027-01-05', null, 0],
      [null, null, 0],
    ] as const)('%s → %s (%s days overdue)', (due, bucket, late) => {
      expect(dueBucketOf(due, today)).toBe(bucket);
      expect(daysOverdue(due, today)).toBe(late);
    });
  });
});
