import { zhErrorMap } from '../schemas/common';
import { parseStoredQuotaPolicy, quotaPolicySchema } from '../schemas/quota-policy';
import { DEFAULT_QUOTA_TARGETS, defaultQuotaPolicy, policyForYear } from './quota-policy';
import { DEFAULT_VISIT_INTERVALS } from './risk';

describe('quota policy', () => {
  it("defaults are the notice's figures, referral closures not counted, risk.ts's intervals", () => {
    expect(defaultQuotaPolicy(2026)).toEqual({
      effectiveFrom: '2026-01-01',
      targets: { completedCases: 2, supervisionHours: 30, trainingHoursPerWorker: 30, qualifiedWorkers: 2 },
      referralClosuresCount: false,
      visitIntervals: { 高风险: 7, 重点: 30, 一般: 90 },
    });
    // One source: risk.ts reads its defaults from the policy module.
    expect(defaultQuotaPolicy(2026).visitIntervals).toEqual(DEFAULT_VISIT_INTERVALS);
    expect(Object.isFrozen(DEFAULT_QUOTA_TARGETS)).toBe(true);
    expect(() => defaultQuotaPolicy(26.5)).toThrow(RangeError);
  });

  it('the policy in force for a year: the latest effectiveFrom on or before 31 December', () => {
    const p = (effectiveFrom: string) => ({ effectiveFrom });
    const all = [p('2027-03-01'), p('2024-01-01'), p('2026-01-01'), p('2026-06-01')];
    expect(policyForYear(all, 2023)).toBeNull();
    expect(policyForYear(all, 2025)).toEqual(p('2024-01-01')); // carried forward
    expect(policyForYear(all, 2026)).toEqual(p('2026-06-01')); // decided mid-year: the whole year
    expect(policyForYear(all, 2027)).toEqual(p('2027-03-01'));
    expect(policyForYear(all, 2030)).toEqual(p('2027-03-01'));
    expect(policyForYear([], 2026)).toBeNull();
  });

  describe('schema', () => {
    const good = defaultQuotaPolicy(2027);
    const messages = (v: unknown) => {
      const r = quotaPolicySchema.safeParse(v, { errorMap: zhErrorMap });
      return r.success ? [] : r.error.issues.map((i) => i.message);
    };

    it('accepts the defaults and half hours', () => {
      expect(messages(good)).toEqual([]);
      expect(messages({ ...good, targets: { ...good.targets, supervisionHours: 30.5 } })).toEqual([]);
    });

    it.each<[string, unknown, string]>([
      ['a non-date', { ...good, effectiveFrom: '2027/01/01' }, '生效日期请按 年-月-日 填写，例如 2024-05-01'],
      ['an impossible date', { ...good, effectiveFrom: '2027-02-30' }, '生效日期不是真实的日期，请检查'],
      [
        'a fractional case count',
        { ...good, targets: { ...good.targets, completedCases: 1.5 } },
        '每站结案个案数必须是整数',
      ],
      [
        'a negative target',
        { ...good, targets: { ...good.targets, qualifiedWorkers: -1 } },
        '每站持证社工人数不能小于 0',
      ],
      [
        'hours not in halves',
        { ...good, targets: { ...good.targets, supervisionHours: 30.2 } },
        '每站督导时数请填写整数或 0.5 的倍数',
      ],
      [
        'a text number',
        { ...good, targets: { ...good.targets, trainingHoursPerWorker: '30' } },
        '每名社工继续教育学时必须是数字',
      ],
      [
        'a zero interval',
        { ...good, visitIntervals: { ...good.visitIntervals, 高风险: 0 } },
        '高风险的走访间隔至少 1 天',
      ],
      ['a missing flag', { ...good, referralClosuresCount: undefined }, '请选择转介结案是否计入结案个案'],
      ['an operator object', { ...good, effectiveFrom: { $gt: '' } }, '生效日期格式不对'],
      ['an unknown key', { ...good, extra: 1 }, '请求中包含不支持的内容，请更新小程序后再试'],
    ])('refuses %s with a Chinese message', (_label, value, message) => {
      expect(messages(value)).toContain(message);
    });

    it('reads a stored document, ignoring bookkeeping fields; a broken one is null', () => {
      expect(
        parseStoredQuotaPolicy({
          ...good,
          _id: 'p1',
          updatedAt: new Date('2027-01-05T02:00:00Z'),
          updatedBy: 'u-1',
        }),
      ).toEqual(good);
      expect(parseStoredQuotaPolicy({ ...good, targets: { completedCases: 'two' } })).toBeNull();
      expect(parseStoredQuotaPolicy(null)).toBeNull();
    });
  });
});
