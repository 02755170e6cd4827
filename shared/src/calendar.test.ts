// This test (not the code under test) runs child processes to switch the time
// zone, which jest cannot do in-process; the purity rule is about shipped code.
// eslint-disable-next-line no-restricted-imports
import { spawnSync } from 'child_process';
// eslint-disable-next-line no-restricted-imports
import path from 'path';
import {
  beijingDay,
  beijingMonth,
  beijingMonthRange,
  beijingYear,
  beijingYearRange,
  formatBeijing,
  proRataTarget,
  startOfBeijingDay,
  yearElapsedShare,
} from './calendar';

// Jest gives each test file a copy of process.env, so TZ cannot be switched
// inside a test run. The cases below run in the process time zone (CI runs the
// unit tier under TZ=UTC and TZ=Asia/Shanghai), and the last test re-runs a
// probe in child processes under three zones to prove the answers agree.
describe(`calendar (process TZ=${process.env.TZ ?? 'unset'})`, () => {
  it('23:59 UTC is already the next day, 07:59 in Beijing', () => {
    const now = new Date('2026-03-31T23:59:00Z');
    expect(beijingDay(now)).toBe('2026-04-01');
    expect(beijingMonth(now)).toBe(4);
    expect(formatBeijing(now)).toBe('2026-04-01 07:59');
  });

  it('16:00 UTC is Beijing midnight; 15:59 UTC is still the day before', () => {
    expect(beijingDay(new Date('2026-06-14T15:59:59Z'))).toBe('2026-06-14');
    expect(beijingDay(new Date('2026-06-14T16:00:00Z'))).toBe('2026-06-15');
  });

  it('the Beijing year turns at 16:00 UTC on 31 December', () => {
    expect(beijingYear(new Date('2025-12-31T15:59:59Z'))).toBe(2025);
    expect(beijingYear(new Date('2025-12-31T16:00:00Z'))).toBe(2026);
    expect(beijingMonth(new Date('2025-12-31T16:00:00Z'))).toBe(1);
  });

  it('startOfBeijingDay gives the UTC instant of Beijing midnight', () => {
    expect(startOfBeijingDay(new Date('2026-04-01T07:59:00+08:00')).toISOString()).toBe(
      '2026-03-31T16:00:00.000Z',
    );
    expect(startOfBeijingDay(new Date('2026-03-31T23:59:00Z')).toISOString()).toBe(
      '2026-03-31T16:00:00.000Z',
    );
  });

  it('year and month ranges are half-open UTC instants', () => {
    const y = beijingYearRange(2026);
    expect(y.start.toISOString()).toBe('2025-12-31T16:00:00.000Z');
    expect(y.end.toISOString()).toBe('2026-12-31T16:00:00.000Z');
    const feb = beijingMonthRange(2024, 2);
    expect(feb.start.toISOString()).toBe('2024-01-31T16:00:00.000Z');
    expect(feb.end.toISOString()).toBe('2024-02-29T16:00:00.000Z');
    const dec = beijingMonthRange(2026, 12);
    expect(dec.end.toISOString()).toBe('2026-12-31T16:00:00.000Z');
  });

  it('rejects nonsense years and months instead of returning Invalid Date', () => {
    expect(() => beijingMonthRange(2026, 13)).toThrow(RangeError);
    expect(() => beijingMonthRange(2026, 0)).toThrow(RangeError);
    expect(() => beijingYearRange(2026.5)).toThrow(RangeError);
  });

  it('pro-rata share of the Beijing year', () => {
    expect(yearElapsedShare(new Date('2025-12-31T16:00:00Z'))).toBe(0);
    // 2026 has 365 days; 1 July 00:00 Beijing is day 181.
    expect(yearElapsedShare(new Date('2026-06-30T16:00:00Z'))).toBeCloseTo(181 / 365, 10);
    expect(yearElapsedShare(new Date('2026-12-31T15:59:59.999Z'))).toBeLessThan(1);
    expect(yearElapsedShare(new Date('2027-03-01T00:00:00Z'), 2026)).toBe(1);
    expect(yearElapsedShare(new Date('2025-03-01T00:00:00Z'), 2026)).toBe(0);
    expect(proRataTarget(30, new Date('2026-06-30T16:00:00Z'))).toBeCloseTo((30 * 181) / 365, 10);
  });
});

describe('calendar is independent of the process time zone', () => {
  const probe = `
    import * as c from './shared/src/calendar';
    const t = [new Date('2026-03-31T23:59:00Z'), new Date('2025-12-31T16:00:00Z'), new Date('2026-06-14T15:59:59Z')];
    console.log(JSON.stringify({
      localHour: new Date('2026-01-01T00:00:00Z').getHours(),
      days: t.map(c.beijingDay), years: t.map(c.beijingYear), months: t.map(c.beijingMonth),
      starts: t.map((d) => c.startOfBeijingDay(d).toISOString()),
      formatted: t.map((d) => c.formatBeijing(d)),
      year: c.beijingYearRange(2026).start.toISOString(),
      month: c.beijingMonthRange(2024, 2).end.toISOString(),
      share: c.yearElapsedShare(new Date('2026-06-30T16:00:00Z')),
    }));`;
  const run = (tz: string) => {
    const root = path.resolve(__dirname, '../..');
    const tsx = path.join(root, 'node_modules/tsx/dist/cli.mjs');
    const out = spawnSync(process.execPath, [tsx, '-e', probe], {
      cwd: root,
      env: { ...process.env, TZ: tz },
      encoding: 'utf8',
    });
    if (out.status !== 0) throw new Error(out.stderr);
    return JSON.parse(out.stdout) as { localHour: number } & Record<string, unknown>;
  };

  it('gives the same answers under TZ=UTC, Asia/Shanghai and America/Los_Angeles', () => {
    const results = ['UTC', 'Asia/Shanghai', 'America/Los_Angeles'].map(run);
    // The probes really ran in different zones (otherwise this test proves nothing).
    expect(results.map((r) => r.localHour)).toEqual([0, 8, 16]);
    const [utc, ...others] = results.map(({ localHour: _h, ...rest }) => rest);
    for (const other of others) expect(other).toEqual(utc);
    expect(utc).toMatchObject({
      days: ['2026-04-01', '2026-01-01', '2026-06-14'],
      years: [2026, 2026, 2026],
      months: [4, 1, 6],
      starts: ['2026-03-31T16:00:00.000Z', '2025-12-31T16:00:00.000Z', '2026-06-13T16:00:00.000Z'],
      formatted: ['2026-04-01 07:59', '2026-01-01 00:00', '2026-06-14 23:59'],
      year: '2025-12-31T16:00:00.000Z',
      month: '2024-02-29T16:00:00.000Z',
    });
  }, 30000);
});
