import { areaFigures, foldCases, foldRequests, foldTraining, foldVisits, monthKey } from './fold';

const drill = () =>
  ({ kind: 'requests', fn: 'requests', action: 'listStationRequests', input: { stationId: 's' } }) as const;

describe('foldVisits', () => {
  it('counts a visit once in its month and once per worker, category and area', () => {
    const f = foldVisits([
      { month: '2025-11', t: 'm', v: '', count: 3, hours: 4 },
      { month: '2025-11', t: 'w', v: 'u1', count: 3, hours: 4 },
      { month: '2025-11', t: 'w', v: 'u2', count: 1, hours: 1 },
      { month: '2025-11', t: 'c', v: '独居', count: 2, hours: 3 },
      { month: '2025-12', t: 'm', v: '', count: 1, hours: 0.5 },
      { month: '2025-12', t: 'c', v: '独居', count: 1, hours: 0.5 },
      { month: '2025-12', t: 'a', v: '养老服务', count: 1, hours: 0.5 },
      { month: '2025-11', t: 'a', v: '养老服务', count: 2, hours: 2.25 },
    ]);
    expect(f.total).toBe(4);
    expect(f.byMonth.get('2025-11')).toBe(3);
    expect(f.byWorker).toEqual(
      new Map([
        ['u1', 3],
        ['u2', 1],
      ]),
    );
    expect(f.byCategory.get('独居')).toBe(3);
    expect(f.byMonthCategory.get('2025-12|独居')).toBe(1);
    expect(f.hoursByArea.get('养老服务')).toBe(2.75);
  });
});

describe('foldCases', () => {
  it('splits referral closures from completed ones by the stored completedYear; open and closed per worker', () => {
    const f = foldCases(
      [
        { t: 's', v: '', open: false, completedYear: 2025, referral: false, count: 2 },
        { t: 's', v: '', open: false, completedYear: 2025, referral: true, count: 1 },
        { t: 's', v: '', open: true, completedYear: null, referral: false, count: 5 },
        { t: 'w', v: 'u1', open: false, completedYear: 2025, referral: true, count: 1 },
        { t: 'w', v: 'u1', open: true, completedYear: null, referral: false, count: 4 },
        { t: 's', v: '', open: false, completedYear: 2024, referral: false, count: 9 },
      ],
      2025,
    );
    expect(f).toMatchObject({ completed: 2, referralClosures: 1 });
    expect(f.openByWorker.get('u1')).toBe(4);
    expect(f.closedByWorker.get('u1')).toBe(1);
  });
});

describe('foldRequests', () => {
  it('lists every status and averages the stars of the rated groups', () => {
    const r = foldRequests(
      [
        { status: 'completed', stars: 5, count: 2 },
        { status: 'completed', stars: 2, count: 1 },
        { status: 'completed', stars: null, count: 4 },
        { status: 'submitted', stars: null, count: 3 },
      ],
      drill,
    );
    expect(r.byStatus).toHaveLength(7);
    expect(r.byStatus.find((f) => f.key === 'completed')?.value).toBe(7);
    expect(r.byStatus.find((f) => f.key === 'cancelled')?.value).toBe(0);
    expect(r.rating).toMatchObject({ average: 4, count: 3 });
    expect(foldRequests([], drill).rating).toEqual({ average: null, count: 0, drill: null });
  });
});

describe('foldTraining', () => {
  it('keeps the year and the registration period apart, degrees counted as records', () => {
    const t = foldTraining([
      { workerId: 'u1', degree: false, inYear: true, inPeriod: true, count: 3, hours: 6 },
      { workerId: 'u1', degree: false, inYear: false, inPeriod: true, count: 1, hours: 2 },
      { workerId: 'u1', degree: true, inYear: true, inPeriod: false, count: 1, hours: 0 },
    ]);
    expect(t.get('u1')).toEqual({ yearHours: 6, yearDegrees: 1, periodHours: 8, periodDegrees: 0 });
  });
});

describe('areaFigures / monthKey', () => {
  it('orders areas by hours, 未注明 last without a drill; pads months', () => {
    const figs = areaFigures(
      new Map([
        ['未注明', 9],
        ['社会救助', 1.04],
        ['养老服务', 2.26],
      ]),
      () => drill(),
    );
    expect(figs.map((f) => [f.key, f.value])).toEqual([
      ['养老服务', 2.3],
      ['社会救助', 1],
      ['未注明', 9],
    ]);
    expect(figs[2]!.drill).toBeNull();
    expect(monthKey(2025, 3)).toBe('2025-03');
  });
});
