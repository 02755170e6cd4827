import {
  activeStationIds,
  checkSessionTimes,
  confirmationId,
  confirmationRows,
  isAssignmentActive,
  isHalfHourSteps,
  quotaStanding,
  sessionYear,
  stationSupervisionHours,
  type ConfirmationRow,
} from './supervision';

const at = (iso: string) => new Date(iso);

describe('assignments: active on a Beijing day (both ends inclusive)', () => {
  it.each([
    ['2026-03-01', null, '2026-02-28', false],
    ['2026-03-01', null, '2026-03-01', true],
    ['2026-03-01', null, '2030-01-01', true],
    ['2026-03-01', '2026-06-30', '2026-06-30', true],
    ['2026-03-01', '2026-06-30', '2026-07-01', false],
  ] as const)('from %s to %s on %s → %s', (from, to, day, out) => {
    expect(isAssignmentActive({ from, to }, day)).toBe(out);
  });

  it('lists the stations of the active assignments once', () => {
    const a = [
      { stationId: 'st-b', from: '2026-01-01', to: null },
      { stationId: 'st-a', from: '2026-01-01', to: '2026-12-31' },
      { stationId: 'st-a', from: '2025-01-01', to: '2025-12-31' },
      { stationId: 'st-c', from: '2027-01-01', to: null },
      { stationId: 'st-d', from: '2025-01-01', to: '2026-05-31' },
    ];
    expect(activeStationIds(a, '2026-06-01')).toEqual(['st-a', 'st-b']);
    expect(activeStationIds([], '2026-06-01')).toEqual([]);
  });
});

describe('hours in half-hour steps', () => {
  it.each([
    [0.5, true],
    [1, true],
    [2.5, true],
    [0, false],
    [-1, false],
    [0.25, false],
    [1.3, false],
    [Number.NaN, false],
    [Number.POSITIVE_INFINITY, false],
  ])('%p → %p', (h, out) => expect(isHalfHourSteps(h)).toBe(out));
});

describe('checkSessionTimes', () => {
  const now = at('2026-06-10T08:00:00Z'); // 16:00 Beijing
  const s = (startAt: string, endAt: string, hours: number) => ({
    startAt: at(startAt),
    endAt: at(endAt),
    hours,
  });
  it.each([
    ['a 2 h session of 2 h', s('2026-06-10T01:00:00Z', '2026-06-10T03:00:00Z', 2), null],
    ['hours below the clock span', s('2026-06-10T01:00:00Z', '2026-06-10T03:10:00Z', 1.5), null],
    ['hours above the clock span', s('2026-06-10T01:00:00Z', '2026-06-10T02:00:00Z', 1.5), 'hours'],
    ['not half-hour steps', s('2026-06-10T01:00:00Z', '2026-06-10T03:00:00Z', 1.2), 'hours'],
    ['zero hours', s('2026-06-10T01:00:00Z', '2026-06-10T03:00:00Z', 0), 'hours'],
    ['end before start', s('2026-06-10T03:00:00Z', '2026-06-10T01:00:00Z', 1), 'endAt'],
    ['end equal to start', s('2026-06-10T03:00:00Z', '2026-06-10T03:00:00Z', 0.5), 'endAt'],
    ['longer than 12 h', s('2026-06-09T01:00:00Z', '2026-06-09T14:00:00Z', 2), 'endAt'],
    ['a day after today (Beijing)', s('2026-06-10T16:30:00Z', '2026-06-10T17:30:00Z', 1), 'startAt'],
    ['ends later today', s('2026-06-10T07:00:00Z', '2026-06-10T09:00:00Z', 1), 'endAt'],
    ['ends within the clock skew', s('2026-06-10T07:00:00Z', '2026-06-10T08:10:00Z', 1), null],
  ] as const)('%s → %p', (_name, session, field) => {
    expect(checkSessionTimes(session, now)?.field ?? null).toBe(field);
  });
  it('words problems in Chinese', () => {
    expect(checkSessionTimes(s('2026-06-10T03:00:00Z', '2026-06-10T01:00:00Z', 1), now)?.message).toBe(
      '结束时间必须晚于开始时间，请检查',
    );
  });
});

describe('counting: hours once per station present, only where confirmed', () => {
  const session = (id: string, stationIds: string[], hours: number, startAt: string) =>
    confirmationRows({ id, supervisorId: 'u-sup', stationIds, hours, startAt: at(startAt) });
  const confirm = (rows: ConfirmationRow[], station: string, status: ConfirmationRow['status']) =>
    rows.map((r) => (r.stationId === station ? { ...r, status } : r));

  it('a group session for three stations gives each station its hours once (3 × hours in all)', () => {
    let rows = session('ses-group-0001', ['st-a', 'st-b', 'st-c'], 2.5, '2026-04-01T01:00:00Z');
    expect(rows).toHaveLength(3);
    for (const st of ['st-a', 'st-b', 'st-c']) rows = confirm(rows, st, 'confirmed');
    expect(rows.map((r) => stationSupervisionHours(rows, r.stationId, 2026))).toEqual([2.5, 2.5, 2.5]);
    expect(rows.reduce((s, r) => s + r.hours, 0)).toBe(7.5);
  });

  it('never multiplies by people: one row per station, however many workers', () => {
    const rows = session('ses-many-0001', ['st-a', 'st-a'], 2, '2026-04-01T01:00:00Z');
    expect(rows).toHaveLength(1);
  });

  it.each([
    ['confirmed', 2],
    ['pending', 0],
    ['disputed', 0],
  ] as const)('a session %s by the station counts %p h', (status, hours) => {
    const rows = confirm(session('ses-one-00001', ['st-a'], 2, '2026-04-01T01:00:00Z'), 'st-a', status);
    expect(stationSupervisionHours(rows, 'st-a', 2026)).toBe(hours);
  });

  it('a disputed station does not count while the others of the same session do', () => {
    let rows = session('ses-disp-0001', ['st-a', 'st-b'], 3, '2026-04-01T01:00:00Z');
    rows = confirm(confirm(rows, 'st-a', 'confirmed'), 'st-b', 'disputed');
    expect(stationSupervisionHours(rows, 'st-a', 2026)).toBe(3);
    expect(stationSupervisionHours(rows, 'st-b', 2026)).toBe(0);
  });

  it('a session on 31 December 23:30 Beijing counts in that year (whatever the process TZ)', () => {
    const start = '2026-12-31T15:30:00Z'; // 23:30 Beijing, 31 Dec
    expect(sessionYear(at(start))).toBe(2026);
    const rows = confirm(session('ses-nye-00001', ['st-a'], 0.5, start), 'st-a', 'confirmed');
    expect(rows[0]).toMatchObject({ year: 2026, day: '2026-12-31' });
    expect(stationSupervisionHours(rows, 'st-a', 2026)).toBe(0.5);
    expect(stationSupervisionHours(rows, 'st-a', 2027)).toBe(0);
    // 00:30 Beijing on 1 January is the next year, though still 31 December in UTC.
    expect(sessionYear(at('2026-12-31T16:30:00Z'))).toBe(2027);
  });

  it('confirmation ids join the session and the station', () => {
    expect(confirmationId('ses-12345678', 'st-tanggu')).toBe('ses-12345678_st-tanggu');
  });

  it('standing against the quota', () => {
    expect(quotaStanding(12, 30)).toEqual({ hours: 12, quota: 30, missing: 18, met: false });
    expect(quotaStanding(31, 30)).toEqual({ hours: 31, quota: 30, missing: 0, met: true });
  });
});
