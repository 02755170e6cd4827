import {
  addDays,
  openingHoursProblem,
  WEEKDAY_LABELS,
  checkBookableSlot,
  DEFAULT_SLOT_CONFIG,
  isoWeekday,
  parseSlotId,
  slotIdOf,
  slotOf,
  slotStartsOn,
  upcomingSlots,
  type SlotConfig,
} from './slot';

// These run in the process time zone; the unit tier runs under TZ=UTC and
// TZ=Asia/Shanghai, and every expectation is about Beijing days, so each case
// must hold in both.
const item = { id: 'si-st-tanggu-elder-visit', durationMinutes: 60 };
const slot = (day: string, start: string) => slotIdOf(item.id, day, start);

describe(`slot rules (process TZ=${process.env.TZ ?? 'unset'})`, () => {
  // 2026-03-03 is a Tuesday. 23:59 UTC on 03-02 is 07:59 on 03-03 in Beijing.
  const at0759Beijing = new Date('2026-03-02T23:59:00Z');

  it('names slots deterministically and parses them back', () => {
    const id = slot('2026-03-03', '09:00');
    expect(id).toBe('si-st-tanggu-elder-visit~20260303~0900');
    expect(parseSlotId(id)).toEqual({ itemId: item.id, day: '2026-03-03', start: '09:00' });
    expect(parseSlotId('si-x~20260230~0900')).toBeNull(); // 30 February
    expect(parseSlotId('si-x~20260303~2460')).toBeNull();
    expect(parseSlotId('si-x~20260303')).toBeNull();
    expect(parseSlotId('{"$gt":""}')).toBeNull();
  });

  it('a slot at 09:00 Beijing starts at 01:00 UTC', () => {
    expect(slotOf(item, '2026-03-03', '09:00').startsAt.toISOString()).toBe('2026-03-03T01:00:00.000Z');
    expect(slotOf(item, '2026-03-03', '09:00').endsAt.toISOString()).toBe('2026-03-03T02:00:00.000Z');
  });

  it('weekdays are Beijing weekdays', () => {
    expect(isoWeekday('2026-03-03')).toBe(2);
    expect(isoWeekday('2026-03-08')).toBe(7);
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });

  it('at 07:59 Beijing time (23:59 UTC the day before) today is the Beijing day', () => {
    const r = checkBookableSlot(slot('2026-03-03', '09:00'), item, at0759Beijing);
    expect(r.ok).toBe(true);
    // The first upcoming slot is today's 09:00, not yesterday's (UTC) afternoon.
    expect(upcomingSlots(item, at0759Beijing, 1)[0].id).toBe(slot('2026-03-03', '09:00'));
  });

  it('the 14-day horizon counts Beijing days from 07:59 Beijing', () => {
    expect(checkBookableSlot(slot('2026-03-17', '09:00'), item, at0759Beijing)).toMatchObject({ ok: true });
    expect(checkBookableSlot(slot('2026-03-18', '09:00'), item, at0759Beijing)).toEqual({
      ok: false,
      problem: 'too-far',
    });
  });

  it('just before Beijing midnight the horizon is still counted from that day', () => {
    const at2359Beijing = new Date('2026-03-03T15:59:00Z'); // Tue 23:59 Beijing
    expect(checkBookableSlot(slot('2026-03-17', '09:00'), item, at2359Beijing)).toMatchObject({ ok: true });
    expect(checkBookableSlot(slot('2026-03-18', '09:00'), item, at2359Beijing)).toEqual({
      ok: false,
      problem: 'too-far',
    });
    const atMidnight = new Date('2026-03-03T16:00:00Z'); // Wed 00:00 Beijing
    expect(checkBookableSlot(slot('2026-03-18', '09:00'), item, atMidnight)).toMatchObject({ ok: true });
  });

  it('refuses a slot that has started or is past', () => {
    const at0900 = new Date('2026-03-03T01:00:00Z');
    expect(checkBookableSlot(slot('2026-03-03', '09:00'), item, at0900)).toEqual({
      ok: false,
      problem: 'past',
    });
    expect(checkBookableSlot(slot('2026-03-03', '10:00'), item, at0900)).toMatchObject({ ok: true });
    expect(checkBookableSlot(slot('2026-03-02', '16:00'), item, at0759Beijing)).toEqual({
      ok: false,
      problem: 'past',
    });
  });

  it('refuses slots outside opening hours or off the item grid', () => {
    expect(checkBookableSlot(slot('2026-03-03', '08:00'), item, at0759Beijing)).toEqual({
      ok: false,
      problem: 'closed',
    });
    expect(checkBookableSlot(slot('2026-03-03', '12:00'), item, at0759Beijing)).toEqual({
      ok: false,
      problem: 'closed',
    });
    expect(checkBookableSlot(slot('2026-03-03', '16:00'), item, at0759Beijing)).toMatchObject({ ok: true });
    expect(checkBookableSlot(slot('2026-03-03', '16:30'), item, at0759Beijing)).toEqual({
      ok: false,
      problem: 'closed',
    });
    expect(checkBookableSlot(slot('2026-03-07', '09:00'), item, at0759Beijing)).toEqual({
      ok: false,
      problem: 'closed',
    }); // Saturday
  });

  it('refuses a slot of another item and malformed ids', () => {
    expect(checkBookableSlot(slotIdOf('si-other', '2026-03-03', '09:00'), item, at0759Beijing)).toEqual({
      ok: false,
      problem: 'other-item',
    });
    expect(checkBookableSlot('garbage', item, at0759Beijing)).toEqual({ ok: false, problem: 'malformed' });
  });

  it('cuts opening periods into whole slots of the item length', () => {
    expect(slotStartsOn('2026-03-03', item, DEFAULT_SLOT_CONFIG.openingHours)).toEqual([
      '09:00',
      '10:00',
      '11:00',
      '14:00',
      '15:00',
      '16:00',
    ]);
    expect(
      slotStartsOn('2026-03-03', { id: 'x', durationMinutes: 90 }, DEFAULT_SLOT_CONFIG.openingHours),
    ).toEqual(['09:00', '10:30', '14:00', '15:30']);
    expect(slotStartsOn('2026-03-08', item, DEFAULT_SLOT_CONFIG.openingHours)).toEqual([]);
  });

  it('lists upcoming slots across days, never past the horizon, honouring a config', () => {
    const at1630Fri = new Date('2026-03-06T08:30:00Z'); // Fri 16:30 Beijing
    const next = upcomingSlots(item, at1630Fri, 2);
    expect(next.map((s) => `${s.day} ${s.start}`)).toEqual(['2026-03-09 09:00', '2026-03-09 10:00']);
    const short: SlotConfig = { ...DEFAULT_SLOT_CONFIG, maxDaysAhead: 1 };
    const all = upcomingSlots(item, at0759Beijing, 100, short);
    expect(all).toHaveLength(12);
    expect(all[all.length - 1].day).toBe('2026-03-04');
    expect(upcomingSlots(item, at0759Beijing, 100, short, '2026-03-04')).toHaveLength(6);
  });
});

describe('opening hours a station sets', () => {
  it('accepts the default and sensible hours', () => {
    expect(openingHoursProblem(DEFAULT_SLOT_CONFIG.openingHours)).toBeNull();
    expect(openingHoursProblem({ 6: [{ start: '09:00', end: '11:30' }] })).toBeNull();
    expect(openingHoursProblem({})).toBeNull();
  });
  it.each([
    [{ 1: [{ start: '10:00', end: '09:00' }] }, '早于'],
    [{ 1: [{ start: '05:00', end: '09:00' }] }, '06:00'],
    [
      {
        1: [
          { start: '09:00', end: '12:00' },
          { start: '11:00', end: '13:00' },
        ],
      },
      '重叠',
    ],
    [{ 1: [{ start: '9:00', end: '12:00' }] }, '格式'],
    [{ 1: Array.from({ length: 5 }, (_, i) => ({ start: `${10 + i}:00`, end: `${10 + i}:30` })) }, '最多'],
  ])('refuses %j with a Chinese reason', (hours, words) => {
    expect(openingHoursProblem(hours)).toContain(words);
  });
  it('names the day the way every screen does (周一…周日), never 星期日', () => {
    expect(openingHoursProblem({ 7: [{ start: '12:00', end: '12:00' }] })).toBe(
      '周日的服务时段开始时间需早于结束时间',
    );
    expect(openingHoursProblem({ 1: [{ start: '12:00', end: '11:00' }] })).toMatch(/^周一的/);
    expect(Object.values(WEEKDAY_LABELS)).toEqual(['周一', '周二', '周三', '周四', '周五', '周六', '周日']);
  });
  it('slots follow the station hours: a Saturday morning station', () => {
    const hours = { 6: [{ start: '09:00', end: '11:00' }] };
    expect(slotStartsOn('2026-03-07', item, hours)).toEqual(['09:00', '10:00']);
    expect(slotStartsOn('2026-03-03', item, hours)).toEqual([]);
  });
});
