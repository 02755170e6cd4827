import { beijingDay, beijingYear } from '../../../../shared/src/calendar';
import {
  districtContract,
  type ListQuotaPoliciesOutput,
  type QuotaPolicyDto,
  type SaveQuotaPolicyOutput,
} from '../../../../shared/src/contracts/district';
import { defaultQuotaPolicy, type QuotaPolicy } from '../../../../shared/src/domain/quota-policy';
import { AppError } from '../../../../shared/src/errors';
import { auditOk, requireCaller } from '../../../_lib/authz';
import { defineAction } from '../../../_lib/context';
import { loadQuotaPolicy } from '../../../_lib/quota-policy';
import { toPolicyDto } from '../dto';
import * as repo from '../repo';

/** The id of the policy from `effectiveFrom` (one policy per first day). */
export const policyIdOf = (effectiveFrom: string): string => `qp-${effectiveFrom}`;

/** Shown when the first day is in the past: a past year's results are never rewritten. */
export const pastEffectiveMessage = (today: string): string =>
  `生效日期不能早于今天（${today}）：已经执行的年度指标不能改写，请选择今天或以后的日期`;
/** Shown when the policy with that first day has already come into force. */
export const IN_FORCE_MESSAGE =
  '该日期起的年度指标已经生效，不能再修改；如需调整，请新建一个从以后某天起生效的指标';

const namesOf = async (db: Parameters<typeof repo.usersByIds>[0], ids: string[]) => {
  const users = await repo.usersByIds(db, ids);
  return new Map([...users].map(([id, u]) => [id, typeof u.name === 'string' ? u.name : null]));
};

/** `listQuotaPolicies`: the stored policies (latest first), the defaults and the policy of this Beijing year. */
export const listQuotaPolicies = defineAction({
  contract: districtContract.actions.listQuotaPolicies,
  async handle(_input, ctx): Promise<ListQuotaPoliciesOutput> {
    const today = beijingDay(ctx.now);
    const year = beijingYear(ctx.now);
    const [docs, current] = await Promise.all([repo.listPolicies(ctx.db), loadQuotaPolicy(ctx.db, year)]);
    const names = await namesOf(
      ctx.db,
      docs.map((d) => (typeof d.updatedBy === 'string' ? d.updatedBy : '')).filter(Boolean),
    );
    return {
      items: docs.map((d) => toPolicyDto(d, today, names)).filter((p): p is QuotaPolicyDto => p !== null),
      defaults: defaultQuotaPolicy(year),
      today,
      current: { year, ...current },
    };
  },
});

/**
 * `saveQuotaPolicy` (the district): a whole policy from `effectiveFrom`. A
 * first day before today (Beijing) is refused, so no year that has ended is
 * judged by new figures; a stored policy whose first day has come (today
 * included) is never changed; one still to come with the same first day is
 * replaced (one conditional update: only while its day is still to come).
 */
export const saveQuotaPolicy = defineAction({
  contract: districtContract.actions.saveQuotaPolicy,
  async handle(input, ctx): Promise<SaveQuotaPolicyOutput> {
    const caller = requireCaller(ctx.access);
    const today = beijingDay(ctx.now);
    if (input.effectiveFrom < today)
      throw new AppError('invalid-argument', pastEffectiveMessage(today), { field: 'effectiveFrom' });
    const policy: QuotaPolicy = {
      effectiveFrom: input.effectiveFrom,
      targets: { ...input.targets },
      referralClosuresCount: input.referralClosuresCount,
      visitIntervals: { ...input.visitIntervals },
    };
    const id = policyIdOf(policy.effectiveFrom);
    const stamp = { updatedAt: ctx.now, updatedBy: caller.userId };
    const inserted = await repo.insertPolicy(ctx.db, id, { ...policy, createdAt: ctx.now, ...stamp });
    let replaced = false;
    if (inserted.status !== 'inserted') {
      // Only while its first day is still to come (checked by the database in the same call).
      if (!(await repo.replacePolicyNotInForce(ctx.db, id, today, { ...policy, ...stamp })))
        throw new AppError('failed-precondition', IN_FORCE_MESSAGE, { reason: 'in-force' });
      replaced = true;
    }
    await auditOk(ctx, ctx.access, id);
    return {
      item: {
        id,
        policy,
        inForce: policy.effectiveFrom <= today,
        updatedAt: ctx.now.toISOString(),
        updatedByName: ctx.account?.name ?? null,
      },
      replaced,
    };
  },
});
