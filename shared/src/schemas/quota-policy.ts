import { z } from 'zod';
import { MAX_QUOTA_TARGET, type QuotaPolicy } from '../domain/quota-policy';
import { MAX_VISIT_INTERVAL_DAYS } from '../domain/risk';
import { isCalendarDay } from '../domain/slot';
import { beijingDayField } from './fields';

/**
 * The quota policy's shape (issue 13). `quotaPolicySchema` is strict and is
 * what the district's editor will send (a later issue adds that action);
 * `parseStoredQuotaPolicy` reads a stored document (extra bookkeeping fields
 * such as `_id`, `updatedAt` and `updatedBy` are ignored).
 */

const target = (what: string, unit: string, opts: { allowHalf?: boolean } = {}) => {
  const base = z
    .number({ required_error: `请填写${what}`, invalid_type_error: `${what}必须是数字` })
    .min(0, `${what}不能小于 0`)
    .max(MAX_QUOTA_TARGET, `${what}不能超过 ${MAX_QUOTA_TARGET} ${unit}`);
  return opts.allowHalf
    ? base.refine((n) => Number.isInteger(n * 2), `${what}请填写整数或 0.5 的倍数`)
    : base.int(`${what}必须是整数`);
};

const interval = (tier: string) =>
  z
    .number({ required_error: `请填写${tier}的走访间隔`, invalid_type_error: `${tier}的走访间隔必须是天数` })
    .int(`${tier}的走访间隔必须是整数天`)
    .min(1, `${tier}的走访间隔至少 1 天`)
    .max(MAX_VISIT_INTERVAL_DAYS, `${tier}的走访间隔不能超过 ${MAX_VISIT_INTERVAL_DAYS} 天`);

const shape = {
  effectiveFrom: beijingDayField('生效日期').refine(isCalendarDay, '生效日期不是真实的日期，请检查'),
  targets: z
    .object(
      {
        completedCases: target('每站结案个案数', '个'),
        supervisionHours: target('每站督导时数', '小时', { allowHalf: true }),
        trainingHoursPerWorker: target('每名社工继续教育学时', '学时', { allowHalf: true }),
        qualifiedWorkers: target('每站持证社工人数', '人'),
      },
      { required_error: '请填写年度指标', invalid_type_error: '年度指标格式不对' },
    )
    .strict(),
  referralClosuresCount: z.boolean({
    required_error: '请选择转介结案是否计入结案个案',
    invalid_type_error: '转介结案是否计入须为“是”或“否”',
  }),
  visitIntervals: z
    .object(
      { 高风险: interval('高风险'), 重点: interval('重点'), 一般: interval('一般') },
      { required_error: '请填写各风险等级的走访间隔', invalid_type_error: '走访间隔格式不对' },
    )
    .strict(),
};

/** A whole policy as the editor sends it (strict: unknown keys refused). */
export const quotaPolicySchema = z.object(shape).strict();

const storedSchema = z.object(shape);

/** A stored policy document, or null when it does not have the policy's shape. */
export function parseStoredQuotaPolicy(doc: unknown): QuotaPolicy | null {
  const r = storedSchema.safeParse(doc);
  return r.success ? r.data : null;
}
