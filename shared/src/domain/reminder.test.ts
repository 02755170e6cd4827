import { judgeQuota, quotasForStation } from './quota';
import { DEFAULT_QUOTA_TARGETS } from './quota-policy';
import { behindQuotas, clipText, reminderData, reminderMonth } from './reminder';

describe('reminderMonth', () => {
  it('reports the Beijing month that just ended, judged at its last instant', () => {
    // 1 June 09:00 Beijing = 01:00 UTC.
    const r = reminderMonth(new Date('2026-06-01T01:00:00Z'));
    expect(r.month).toBe('2026-05');
    expect(r.label).toBe('2026年5月');
    expect(r.at.toISOString()).toBe('2026-05-31T15:59:59.999Z');
  });
  it('reports December of the previous year on 1 January', () => {
    const r = reminderMonth(new Date('2027-01-01T01:00:00Z'));
    expect([r.month, r.year, r.at.toISOString()]).toEqual(['2026-12', 2026, '2026-12-31T16:00:00.000Z']);
  });
  it('uses the Beijing day even when UTC is still the day before', () => {
    // 1 March 00:30 Beijing is 28 February 16:30 UTC.
    expect(reminderMonth(new Date('2026-02-28T16:30:00Z')).month).toBe('2026-02');
  });
});

const quotas = (counts: { cases: number; hours: number; qualified: number; worker: number }, now: Date) =>
  quotasForStation({
    counts: {
      completedCases: counts.cases,
      referralClosures: 0,
      supervisionHours: counts.hours,
      qualifiedWorkers: counts.qualified,
      trainingHours: [{ workerId: 'u1', name: '王芳', hours: counts.worker }],
    },
    targets: DEFAULT_QUOTA_TARGETS,
    referralClosuresCount: false,
    year: 2026,
    now,
  });

describe('behindQuotas', () => {
  const endOfJune = new Date('2026-06-30T15:59:59Z');
  it('is empty when every quota is on pace or done', () => {
    expect(behindQuotas(quotas({ cases: 2, hours: 30, qualified: 2, worker: 30 }, endOfJune))).toEqual([]);
    expect(behindQuotas(quotas({ cases: 1, hours: 15, qualified: 2, worker: 15 }, endOfJune))).toEqual([]);
  });
  it('lists what fell behind, in the engine order, with its status and reason', () => {
    const endOfJuly = new Date('2026-07-31T15:59:59Z');
    const b = behindQuotas(quotas({ cases: 0, hours: 15, qualified: 1, worker: 2 }, endOfJuly));
    expect(b.map((x) => [x.label, x.status])).toEqual([
      ['结案个案', '有风险'],
      ['督导时数', '落后'],
      ['继续教育学时', '有风险'],
      ['持证社工', '有风险'],
    ]);
    expect(b[0]!.reason).toBe(
      judgeQuota({ quota: 'completedCases', done: 0, target: 2, year: 2026, now: endOfJuly }).reason,
    );
  });
});

describe('reminderData', () => {
  it('fits WeChat lengths (thing ≤ 20, phrase ≤ 5) and names the worst status', () => {
    const d = reminderData(
      '2026年5月',
      [
        {
          label: '结案个案',
          status: '落后',
          reason: '结案个案 0/2 个，落后进度 0.8 个，按当前进度年底只能达到 0 个',
        },
        { label: '持证社工', status: '有风险', reason: 'x' },
      ],
      new Date('2026-05-31T15:59:59Z'),
    );
    expect(d.thing1!.value).toBe('2026年5月指标进度提醒');
    expect(d.thing2!.value).toBe('结案个案、持证社工');
    expect(d.phrase3!.value).toBe('有风险');
    expect(d.date4!.value).toBe('2026-05-31');
    expect(Array.from(d.thing5!.value)).toHaveLength(20);
    for (const k of ['thing1', 'thing2', 'thing5'])
      expect(Array.from(d[k]!.value).length).toBeLessThanOrEqual(20);
  });
  it('clips by characters, not bytes', () => {
    expect(clipText('一二三四五六', 5)).toBe('一二三四…');
    expect(clipText('一二三', 5)).toBe('一二三');
  });
});
