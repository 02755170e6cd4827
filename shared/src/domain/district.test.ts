import {
  MILESTONE_DUE,
  diffRecord,
  emptyStationRecord,
  isRecordFile,
  milestoneStanding,
  type StationRecordFields,
} from './district';

describe('milestoneStanding', () => {
  it('judges against the notice’s due days (end of April, May, July 2022)', () => {
    expect(MILESTONE_DUE).toEqual({
      plan_filed: '2022-04-30',
      rooms_ready: '2022-05-31',
      operator_in_place: '2022-07-31',
    });
    expect(milestoneStanding('plan_filed', '2022-04-30', '2026-12-02')).toBe('done_on_time');
    expect(milestoneStanding('plan_filed', '2022-05-01', '2026-12-02')).toBe('done_late');
    expect(milestoneStanding('rooms_ready', null, '2022-05-31')).toBe('open');
    expect(milestoneStanding('rooms_ready', null, '2022-06-01')).toBe('overdue');
  });
});

describe('diffRecord', () => {
  it('lists each changed field once, milestones one by one, with before and after', () => {
    const a = emptyStationRecord();
    const b: StationRecordFields = {
      ...a,
      status: 'operating',
      funding: [{ source: '彩票公益金', amountYuan: 1000, note: null }],
      milestones: { ...a.milestones, rooms_ready: { doneOn: '2022-05-20', documents: [] } },
    };
    expect(diffRecord(a, b)).toEqual([
      { field: 'status', before: 'preparing', after: 'operating' },
      { field: 'funding', before: [], after: [{ source: '彩票公益金', amountYuan: 1000, note: null }] },
      {
        field: 'milestones.rooms_ready',
        before: { doneOn: null, documents: [] },
        after: { doneOn: '2022-05-20', documents: [] },
      },
    ]);
    expect(diffRecord(b, { ...b })).toEqual([]);
  });
});

describe('isRecordFile', () => {
  it('accepts a file in the station’s folder only', () => {
    expect(isRecordFile('cloud://env-1/district/stations/st-tanggu/plan.pdf', 'st-tanggu')).toBe(true);
    expect(isRecordFile('cloud://env-1/district/stations/st-dagang/plan.pdf', 'st-tanggu')).toBe(false);
    expect(isRecordFile('cloud://env-1/district/stations/st-tanggu/../x.pdf', 'st-tanggu')).toBe(false);
    expect(isRecordFile('https://example.com/district/stations/st-tanggu/a.pdf', 'st-tanggu')).toBe(false);
  });
});
