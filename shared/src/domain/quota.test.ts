import fc from 'fast-check';
import {
  CATCH_UP_FACTOR,
  QUOTA_STATUSES,
  elapsedShare,
  fmtQuota,
  judgeQuota,
  judgeWorkerQuota,
  quotaPeriod,
  quotasForStation,
  worstStatus,
  type QuotaKey,
  type QuotaStatus,
} from './quota';
import { DEFAULT_QUOTA_TARGETS } from './quota-policy';

// Runs under TZ=UTC and TZ=Asia/Shanghai (the unit tier's two passes): every
// answer below must be the same in both. Instants are written in UTC; the
// comment beside each says the Beijing time it is.
const at = (iso: string) => new Date(iso);
/** 00:00 Beijing of `day` (16:00 UTC the day before). */
const bj = (day: string, time = '00:00:00') => new Date(`${day}T${time}+08:00`);

describe(`quota engine (process TZ=${process.env.TZ ?? 'unset'})`, () => {
  describe('elapsedShare: day k of n of the period, in Beijing days', () => {
    it.each<[string, Date, number, string | null, number]>([
      ['1 Jan 00:00 Beijing = 31 Dec 16:00 UTC', at('2025-12-31T16:00:00Z'), 2026, null, 1 / 365],
      ['31 Dec 23:59:59 Beijing of the year before', at('2025-12-31T15:59:59Z'), 2026, null, 0],
      ['… is the last day of its own year', at('2025-12-31T15:59:59Z'), 2025, null, 1],
      ['31 Dec 23:59 Beijing', at('2026-12-31T15:59:00Z'), 2026, null, 1],
      ['31 Dec 08:00 Beijing', at('2026-12-31T00:00:00Z'), 2026, null, 1],
      ['1 Jan of the next year: the year is over', at('2026-12-31T16:00:00Z'), 2026, null, 1],
      ['2 January', bj('2026-01-02', '09:00:00'), 2026, null, 2 / 365],
      ['leap year 2028: 29 Feb is day 60 of 366', bj('2028-02-29', '12:00:00'), 2028, null, 60 / 366],
      ['leap year 2028: 31 Dec is day 366', bj('2028-12-31', '23:59:00'), 2028, null, 1],
      ['opened 1 Jul: its first day is day 1 of 184', bj('2026-07-01'), 2026, '2026-07-01', 1 / 184],
      ['opened 1 Jul: the day before is 0', bj('2026-06-30', '23:59:59'), 2026, '2026-07-01', 0],
      ['opened 1 Jul: 30 Sep is day 92 of 184', bj('2026-09-30'), 2026, '2026-07-01', 92 / 184],
      ['opened the year before: from 1 Jan', bj('2026-01-01'), 2026, '2024-05-01', 1 / 365],
      ['opens after the year: nothing is due', bj('2026-12-31'), 2026, '2027-03-01', 0],
    ])('%s', (_label, now, year, opened, share) => {
      expect(elapsedShare(year, now, opened)).toBeCloseTo(share, 12);
    });

    it('refuses a malformed opening day or year', () => {
      expect(() => quotaPeriod(2026, '2026-02-30')).toThrow(RangeError);
      expect(() => quotaPeriod(2026.5)).toThrow(RangeError);
      expect(quotaPeriod(2026, '2027-01-01')).toBeNull();
    });
  });

  describe('judgeQuota: status, forecast and the reason', () => {
    it('target already met → 已完成', () => {
      const r = judgeQuota({
        quota: 'completedCases',
        done: 3,
        target: 2,
        year: 2026,
        now: bj('2026-03-01'),
      });
      expect(r).toMatchObject({
        status: '已完成',
        forecastMonth: null,
        reason: '结案个案 3/2 个，已完成全年指标',
      });
    });

    it('zero done on 2 January is on pace (less than one unit behind)', () => {
      for (const quota of ['completedCases', 'supervisionHours', 'trainingHours'] as const) {
        const r = judgeQuota({ quota, done: 0, target: 30, year: 2026, now: bj('2026-01-02', '10:00:00') });
        expect(r.status).toBe('按进度');
        expect(r.expectedByNow).toBeCloseTo((30 * 2) / 365, 12);
        expect(r.forecast).toBe(0);
      }
      expect(
        judgeQuota({ quota: 'supervisionHours', done: 0, target: 30, year: 2026, now: bj('2026-01-02') })
          .reason,
      ).toBe('督导时数 0/30 小时，符合进度（目前应达 0.2 小时）');
    });

    it('on pace with a month of completion: 还差 1 个结案个案，按当前进度预计 11 月完成', () => {
      // 10 Jun 2026 is day 161: one case in 161 days reaches two on day 322 (18 Nov).
      const r = judgeQuota({
        quota: 'completedCases',
        done: 1,
        target: 2,
        year: 2026,
        now: bj('2026-06-10', '20:00:00'),
      });
      expect(r.status).toBe('按进度');
      expect(r.forecastMonth).toBe(11);
      expect(r.forecast).toBe(2); // floor(365 / 161) = 2 whole cases
      expect(r.reason).toBe('还差 1 个结案个案，按当前进度预计 11 月完成');
    });

    it('behind but recoverable → 落后, with the gap and where 31 December lands', () => {
      // 20 Jul 2026 is day 201: 30 × 201/365 = 16.52 h due; 12 h done.
      const r = judgeQuota({
        quota: 'supervisionHours',
        done: 12,
        target: 30,
        year: 2026,
        now: bj('2026-07-20', '08:30:00'),
      });
      expect(r.status).toBe('落后');
      expect(r.expectedByNow).toBeCloseTo((30 * 201) / 365, 12);
      expect(r.forecast).toBe(21.8);
      expect(r.reason).toBe('督导时数 12/30 小时，落后进度 4.5 小时，按当前进度年底只能达到 21.8 小时');
    });

    it('behind beyond catching up → 有风险', () => {
      // 1 Sep 2026 is day 244: 1.34 cases due, none done; 2 left > 1.5 × 2 × 121/365.
      const r = judgeQuota({
        quota: 'completedCases',
        done: 0,
        target: 2,
        year: 2026,
        now: bj('2026-09-01'),
      });
      expect(r.status).toBe('有风险');
      expect(r.forecast).toBe(0);
      expect(r.reason).toBe(
        '结案个案 0/2 个，落后进度 1.3 个，按当前进度年底只能达到 0 个，余下时间须加快到计划进度的 3 倍',
      );
    });

    it('the 落后 / 有风险 boundary is the catch-up factor', () => {
      // Day 183 of 365 (2 Jul): 182 days left. Left L is recoverable iff L ≤ 1.5 × 30 × 182/365 = 22.44.
      const now = bj('2026-07-02');
      const limit = CATCH_UP_FACTOR * 30 * (182 / 365);
      const justIn = 30 - Math.ceil(limit * 10) / 10 + 0.1; // left = 22.4
      expect(judgeQuota({ quota: 'trainingHours', done: justIn, target: 30, year: 2026, now }).status).toBe(
        '落后',
      );
      expect(judgeQuota({ quota: 'trainingHours', done: 7.5, target: 30, year: 2026, now }).status).toBe(
        '有风险',
      );
    });

    it('31 Dec 23:59 Beijing and after the year: anything short is 有风险', () => {
      const last = judgeQuota({
        quota: 'supervisionHours',
        done: 29.5,
        target: 30,
        year: 2026,
        now: at('2026-12-31T15:59:00Z'),
      });
      expect(last).toMatchObject({ status: '有风险', expectedByNow: 30, forecast: 29.5 });
      expect(last.reason).toBe('督导时数 29.5/30 小时，今天是年内最后一天，督导时数还差 0.5 小时');
      const after = judgeQuota({
        quota: 'supervisionHours',
        done: 29.5,
        target: 30,
        year: 2026,
        now: at('2027-03-01T00:00:00Z'),
      });
      expect(after.reason).toBe('督导时数 29.5/30 小时，全年未完成，督导时数还差 0.5 小时');
      const done = judgeQuota({
        quota: 'supervisionHours',
        done: 30,
        target: 30,
        year: 2026,
        now: at('2026-12-31T15:59:00Z'),
      });
      expect(done.status).toBe('已完成');
    });

    it('a station that opened mid-year is paced from its opening day', () => {
      // Opened 1 Jul; on 30 Sep it is day 92 of 184: half the target is due.
      const r = judgeQuota({
        quota: 'supervisionHours',
        done: 15,
        target: 30,
        year: 2026,
        openedDay: '2026-07-01',
        now: bj('2026-09-30', '18:00:00'),
      });
      expect(r.expectedByNow).toBeCloseTo(15, 12);
      expect(r.status).toBe('按进度');
      expect(r.forecast).toBe(30);
      expect(r.forecastMonth).toBe(12);
      // The same 15 h judged over the whole year would be ahead; 10 h is behind from the opening day.
      const behind = judgeQuota({
        quota: 'supervisionHours',
        done: 10,
        target: 30,
        year: 2026,
        openedDay: '2026-07-01',
        now: bj('2026-09-30'),
      });
      expect(behind.status).toBe('落后');
      // Before it opens nothing is due.
      const before = judgeQuota({
        quota: 'completedCases',
        done: 0,
        target: 2,
        year: 2026,
        openedDay: '2026-07-01',
        now: bj('2026-03-01'),
      });
      expect(before).toMatchObject({ status: '按进度', expectedByNow: 0 });
    });

    it('qualified workers are a headcount, not a pace', () => {
      const short = judgeQuota({
        quota: 'qualifiedWorkers',
        done: 1,
        target: 2,
        year: 2026,
        now: bj('2026-01-01'),
      });
      expect(short).toMatchObject({
        status: '有风险',
        expectedByNow: 2,
        forecast: 1,
        reason: '持证社工 1/2 人，还差 1 名持证社工',
      });
      const ok = judgeQuota({
        quota: 'qualifiedWorkers',
        done: 2,
        target: 2,
        year: 2026,
        now: bj('2026-01-01'),
      });
      expect(ok).toMatchObject({ status: '已完成', reason: '持证社工 2/2 人，已达标' });
      const notOpen = judgeQuota({
        quota: 'qualifiedWorkers',
        done: 0,
        target: 2,
        year: 2026,
        openedDay: '2026-07-01',
        now: bj('2026-03-01'),
      });
      expect(notOpen.status).toBe('按进度');
    });

    it('refuses negative or non-finite numbers', () => {
      const now = bj('2026-03-01');
      expect(() => judgeQuota({ quota: 'completedCases', done: -1, target: 2, year: 2026, now })).toThrow(
        RangeError,
      );
      expect(() => judgeQuota({ quota: 'completedCases', done: NaN, target: 2, year: 2026, now })).toThrow(
        RangeError,
      );
      expect(() =>
        judgeQuota({ quota: 'completedCases', done: 1, target: Infinity, year: 2026, now }),
      ).toThrow(RangeError);
    });

    it('formats numbers with at most one decimal', () => {
      expect([fmtQuota(4.5), fmtQuota(16.52), fmtQuota(30), fmtQuota(0.04)]).toEqual([
        '4.5',
        '16.5',
        '30',
        '0',
      ]);
    });
  });

  describe('judgeWorkerQuota: 学时 per worker, the station takes the worst', () => {
    const now = bj('2026-07-20'); // day 201: 16.5 学时 due
    it('lists the workers behind, worst first', () => {
      const r = judgeWorkerQuota({
        workers: [
          { workerId: 'w1', name: '张三', hours: 32 },
          { workerId: 'w2', name: '李四', hours: 12 },
          { workerId: 'w3', name: '王五', hours: 2 },
          { workerId: 'w4', name: '赵六', hours: 17 },
        ],
        target: 30,
        year: 2026,
        now,
      });
      expect(r.workers.map((w) => w.status)).toEqual(['已完成', '落后', '有风险', '按进度']);
      expect(r.status).toBe('有风险');
      expect(r.behind.map((w) => w.name)).toEqual(['王五', '李四']);
      expect(r.reason).toBe('2 名社工继续教育学时落后进度：王五 2/30、李四 12/30');
    });

    it('a worker who joined mid-year is paced from the joining day', () => {
      const r = judgeWorkerQuota({
        workers: [{ workerId: 'w1', name: '新人', hours: 1, sinceDay: '2026-07-15' }],
        target: 30,
        year: 2026,
        now,
      });
      // Joined 15 Jul: 20 Jul is day 6 of 170, so 1.06 学时 are due and 1 is less than one behind.
      expect(r.workers[0]!.expectedByNow).toBeCloseTo((30 * 6) / 170, 12);
      expect(r.status).toBe('按进度');
      expect(r.reason).toBe('1 名社工继续教育均符合进度（已完成 0 人）');
    });

    it('all done, and no worker at all', () => {
      const all = judgeWorkerQuota({
        workers: [{ workerId: 'w1', name: '张三', hours: 30 }],
        target: 30,
        year: 2026,
        now,
      });
      expect(all).toMatchObject({ status: '已完成', reason: '1 名社工均已完成 30 学时' });
      const none = judgeWorkerQuota({ workers: [], target: 30, year: 2026, now });
      expect(none).toMatchObject({
        status: '有风险',
        behind: [],
        reason: '站内暂无社工，无法计算继续教育学时',
      });
    });
  });

  describe('quotasForStation: raw counts → the four quotas', () => {
    const counts = {
      completedCases: 1,
      referralClosures: 1,
      supervisionHours: 20,
      qualifiedWorkers: 2,
      trainingHours: [
        { workerId: 'w1', name: '张三', hours: 20 },
        { workerId: 'w2', name: '李四', hours: 18 },
      ],
    };
    const now = bj('2026-07-20');
    it('referral closures count only when the policy says so', () => {
      const without = quotasForStation({
        counts,
        targets: DEFAULT_QUOTA_TARGETS,
        referralClosuresCount: false,
        year: 2026,
        now,
      });
      expect(without.completedCases.done).toBe(1);
      const withThem = quotasForStation({
        counts,
        targets: DEFAULT_QUOTA_TARGETS,
        referralClosuresCount: true,
        year: 2026,
        now,
      });
      expect(withThem.completedCases).toMatchObject({ done: 2, status: '已完成' });
    });

    it('the station status is the worst of the four', () => {
      const r = quotasForStation({
        counts,
        targets: DEFAULT_QUOTA_TARGETS,
        referralClosuresCount: false,
        year: 2026,
        now,
      });
      expect([
        r.completedCases.status,
        r.supervisionHours.status,
        r.trainingHours.status,
        r.qualifiedWorkers.status,
      ]).toEqual(['按进度', '按进度', '按进度', '已完成']);
      expect(r.status).toBe('按进度');
      const short = quotasForStation({
        counts: { ...counts, qualifiedWorkers: 1 },
        targets: DEFAULT_QUOTA_TARGETS,
        referralClosuresCount: false,
        year: 2026,
        now,
      });
      expect(short.status).toBe('有风险');
    });

    it('worstStatus orders 已完成 < 按进度 < 落后 < 有风险', () => {
      expect(worstStatus([])).toBe('已完成');
      expect(worstStatus(['按进度', '落后', '已完成'])).toBe('落后');
      expect(worstStatus([...QUOTA_STATUSES].reverse())).toBe('有风险');
    });
  });

  describe('invariants (fast-check)', () => {
    const quota = fc.constantFrom<QuotaKey>(
      'completedCases',
      'supervisionHours',
      'trainingHours',
      'qualifiedWorkers',
    );
    const year = fc.integer({ min: 2020, max: 2032 });
    // Instants from the year before to the year after (ms offsets around the Beijing year).
    const instantAround = (y: number) =>
      fc.integer({ min: Date.UTC(y - 1, 11, 1), max: Date.UTC(y + 1, 0, 31) }).map((ms) => new Date(ms));
    const opened = (y: number) =>
      fc.option(
        fc
          .integer({ min: 0, max: 800 })
          .map((d) => new Date(Date.UTC(y - 1, 5, 1) + d * 86_400_000).toISOString().slice(0, 10)),
      );
    const amount = fc.oneof(fc.integer({ min: 0, max: 60 }), fc.double({ min: 0, max: 60, noNaN: true }));
    const rank = (s: QuotaStatus) => QUOTA_STATUSES.indexOf(s);

    it('expectedByNow is monotone in now and stays within 0..target', () => {
      fc.assert(
        fc.property(
          year.chain((y) => fc.tuple(fc.constant(y), instantAround(y), instantAround(y), opened(y))),
          quota,
          amount,
          amount,
          ([y, t1, t2, openedDay], q, done, target) => {
            const [a, b] = t1 <= t2 ? [t1, t2] : [t2, t1];
            const ra = judgeQuota({ quota: q, done, target, year: y, openedDay, now: a });
            const rb = judgeQuota({ quota: q, done, target, year: y, openedDay, now: b });
            expect(ra.expectedByNow).toBeLessThanOrEqual(rb.expectedByNow);
            for (const r of [ra, rb]) {
              expect(r.expectedByNow).toBeGreaterThanOrEqual(0);
              expect(r.expectedByNow).toBeLessThanOrEqual(target);
              expect(r.elapsedShare).toBeGreaterThanOrEqual(0);
              expect(r.elapsedShare).toBeLessThanOrEqual(1);
            }
          },
        ),
        { numRuns: 500 },
      );
    });

    it('status 已完成 iff done ≥ target; more done never makes the status worse', () => {
      fc.assert(
        fc.property(
          year.chain((y) => fc.tuple(fc.constant(y), instantAround(y), opened(y))),
          quota,
          amount,
          amount,
          amount,
          ([y, now, openedDay], q, done, extra, target) => {
            const r = judgeQuota({ quota: q, done, target, year: y, openedDay, now });
            expect(r.status === '已完成').toBe(done >= target);
            expect(r.reason.length).toBeGreaterThan(0);
            const more = judgeQuota({ quota: q, done: done + extra, target, year: y, openedDay, now });
            expect(rank(more.status)).toBeLessThanOrEqual(rank(r.status));
          },
        ),
        { numRuns: 500 },
      );
    });
  });
});
