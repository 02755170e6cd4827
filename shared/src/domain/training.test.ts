import {
  checkTrainingDays,
  combineHours,
  currentRegistrationPeriod,
  isTrainingFile,
  type periodQuotaOf,
  shiftDay,
  trainingYear,
  workerPeriodHours,
  workerYearHours,
  type CountedRecord,
} from './training';
import { qualificationReason } from './qualified';
import { beijingDay } from '../calendar';

const rec = (over: Partial<CountedRecord>): CountedRecord => ({
  workerId: 'u-a',
  status: 'confirmed',
  form: '面授',
  hours: 6,
  endDay: '2026-05-01',
  ...over,
});

describe('year of a record (Beijing, by its end day)', () => {
  it('a record completed 31 December 23:30 Beijing counts in that year in any process TZ', () => {
    const completedAt = new Date('2026-12-31T15:30:00Z'); // 23:30 Beijing
    const endDay = beijingDay(completedAt);
    expect(endDay).toBe('2026-12-31');
    expect(trainingYear(endDay)).toBe(2026);
    const records = [rec({ endDay })];
    expect(workerYearHours(records, 'u-a', 2026)).toBe(6);
    expect(workerYearHours(records, 'u-a', 2027)).toBe(0);
  });
  it('training spanning New Year counts in the year it ends', () => {
    expect(trainingYear('2027-01-02')).toBe(2027);
  });
});

describe('worker counters', () => {
  it('count only confirmed records', () => {
    const records = [
      rec({ hours: 6 }),
      rec({ hours: 4, status: 'pending' }),
      rec({ hours: 8, status: 'returned' }),
    ];
    expect(workerYearHours(records, 'u-a', 2026)).toBe(6);
  });
  it('学时 follow the worker: a mid-year move keeps the hours of both stations', () => {
    // The station a record was made at is not part of counting at all.
    const records = [
      { ...rec({ hours: 12, endDay: '2026-03-10' }), stationId: 'st-old' },
      { ...rec({ hours: 10, endDay: '2026-09-10' }), stationId: 'st-new' },
      { ...rec({ workerId: 'u-b', hours: 30 }), stationId: 'st-new' },
    ];
    expect(workerYearHours(records, 'u-a', 2026)).toBe(22);
  });
  it('a degree counts once as 90 h, whatever hours it states', () => {
    const records = [
      rec({ form: '学历', hours: 300, endDay: '2025-07-01' }),
      rec({ form: '学历', hours: 200, endDay: '2026-07-01' }),
      rec({ hours: 6, endDay: '2026-02-01' }),
    ];
    expect(workerPeriodHours(records, 'u-a', '2024-03-01', '2027-02-28')).toBe(96);
    expect(workerYearHours(records, 'u-a', 2025)).toBe(90);
    expect(combineHours(6, 2)).toBe(96);
    expect(combineHours(6, 0)).toBe(6);
  });
  it('a pending degree does not count', () => {
    expect(workerYearHours([rec({ form: '学历', status: 'pending' })], 'u-a', 2026)).toBe(0);
  });
});

describe('registration period (3 years from 注册登记, both ends inclusive)', () => {
  const q = (registeredOn: string | null, kind: Parameters<typeof periodQuotaOf>[0] = '社会工作师') => ({
    kind,
    registrationStatus: 'registered' as const,
    registeredOn,
  });
  it.each([
    ['2024-03-01', '2024-03-01', '2024-03-01', '2027-02-28', 1],
    ['2024-03-01', '2027-02-28', '2024-03-01', '2027-02-28', 1],
    ['2024-03-01', '2027-03-01', '2027-03-01', '2030-02-28', 2],
    ['2020-06-15', '2026-12-01', '2026-06-15', '2029-06-14', 3],
    ['2024-02-29', '2027-02-28', '2024-02-29', '2027-02-28', 1],
    ['2024-02-29', '2027-03-01', '2027-03-01', '2030-02-28', 2],
  ] as const)('registered %s, today %s → %s..%s (period %i)', (on, today, from, to, index) => {
    expect(currentRegistrationPeriod(q(on), today)).toMatchObject({ from, to, index });
  });
  it.each([
    ['2027-02-28', 0, true],
    ['2026-11-30', 90, true],
    ['2026-11-29', 91, false],
  ] as const)('today %s: %i days left, ending soon %p', (today, daysLeft, endingSoon) => {
    expect(currentRegistrationPeriod(q('2024-03-01'), today)).toMatchObject({ daysLeft, endingSoon });
  });
  it('quota by certificate: 72 for 助理社会工作师, 90 for 社会工作师 and above, none for 社会工作员', () => {
    expect(currentRegistrationPeriod(q('2024-03-01', '助理社会工作师'), '2025-01-01')?.quota).toBe(72);
    expect(currentRegistrationPeriod(q('2024-03-01', '社会工作师'), '2025-01-01')?.quota).toBe(90);
    expect(currentRegistrationPeriod(q('2024-03-01', '高级社会工作师'), '2025-01-01')?.quota).toBe(90);
    expect(currentRegistrationPeriod(q('2024-03-01', '天津市社会工作员证书'), '2025-01-01')).toBeNull();
  });
  it('no period when not registered, without a day, or before registration', () => {
    expect(currentRegistrationPeriod(null, '2025-01-01')).toBeNull();
    expect(currentRegistrationPeriod(q(null), '2025-01-01')).toBeNull();
    expect(
      currentRegistrationPeriod({ ...q('2024-03-01'), registrationStatus: 'lapsed' }, '2025-01-01'),
    ).toBeNull();
    expect(currentRegistrationPeriod(q('2025-03-01'), '2025-01-01')).toBeNull();
  });
  it('period counter counts by end day inside the period', () => {
    const records = [
      rec({ endDay: '2024-02-29' }),
      rec({ endDay: '2024-03-01' }),
      rec({ endDay: '2027-02-28' }),
    ];
    expect(workerPeriodHours(records, 'u-a', '2024-03-01', '2027-02-28')).toBe(12);
  });
  it('shiftDay is calendar arithmetic', () => {
    expect(shiftDay('2024-02-29', 1)).toBe('2025-03-01');
    expect(shiftDay('2024-03-01', 3, -1)).toBe('2027-02-28');
  });
});

describe('checkTrainingDays', () => {
  const today = '2026-06-10';
  it.each([
    [{ startDay: '2026-06-01', endDay: '2026-06-02', hours: 12 }, null],
    [{ startDay: '2026-06-10', endDay: '2026-06-10', hours: 0.5 }, null],
    [{ startDay: '2026-06-01', endDay: '2026-06-02', hours: 0 }, 'hours'],
    [{ startDay: '2026-06-01', endDay: '2026-06-02', hours: -2 }, 'hours'],
    [{ startDay: '2026-06-01', endDay: '2026-06-02', hours: 1.25 }, 'hours'],
    [{ startDay: '2026-06-01', endDay: '2026-06-02', hours: 501 }, 'hours'],
    [{ startDay: '2026-06-03', endDay: '2026-06-02', hours: 2 }, 'endDay'],
    [{ startDay: '2026-06-10', endDay: '2026-06-11', hours: 2 }, 'endDay'],
  ])('%j → %p', (r, field) => expect(checkTrainingDays(r, today)?.field ?? null).toBe(field));
});

describe('isTrainingFile', () => {
  it.each([
    ['cloud://env.b/outbox/training/tr-12345678/0.jpg', true],
    ['cloud://env.b/outbox/training/tr-87654321/0.jpg', false],
    ['cloud://env.b/outbox/visit/tr-12345678/0.jpg', false],
    ['cloud://env.b/outbox/training/tr-12345678/../0.jpg', false],
  ])('%s → %p', (f, out) => expect(isTrainingFile(f, 'tr-12345678')).toBe(out));
});

describe('qualificationReason', () => {
  const staff = (over: Record<string, unknown> = {}) => ({
    role: 'social_worker' as const,
    active: true,
    qualification: {
      kind: '社会工作师' as const,
      number: 'TJ-1',
      registrationStatus: 'registered' as const,
      registeredOn: '2024-03-01',
    },
    ...over,
  });
  it.each([
    [staff(), true, '持有社会工作师，已在天津注册登记'],
    [staff({ active: false }), false, '账号已停用'],
    [staff({ qualification: null }), false, '未填写职业资格证书'],
    [
      staff({
        qualification: { kind: '社会工作师', number: 'x', registrationStatus: 'pending', registeredOn: null },
      }),
      false,
      '持有社会工作师，注册登记办理中',
    ],
    [
      staff({
        qualification: {
          kind: '社会工作师',
          number: ' ',
          registrationStatus: 'registered',
          registeredOn: null,
        },
      }),
      false,
      '未填写证书编号',
    ],
  ])('%j → %p %s', (s, qualified, reason) => {
    expect(qualificationReason(s as Parameters<typeof qualificationReason>[0])).toEqual({
      qualified,
      reason,
    });
  });
});
