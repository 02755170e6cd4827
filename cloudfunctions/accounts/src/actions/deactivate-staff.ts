import { accountsContract } from '../../../../shared/src/contracts/accounts';
import { AppError } from '../../../../shared/src/errors';
import { auditOk, deny, loadInScope } from '../../../_lib/authz';
import { defineAction } from '../../../_lib/handler';
import { toStaffItem } from '../dto';
import { getUser, updateUser } from '../repo';
import { staffTarget } from './staff-target';

/**
 * Deactivates a staff account: its rights end at once (authorize treats it as
 * a resident), its records stay. Station head: social workers of their own
 * station; district admin: any staff.
 */
export const deactivateStaff = defineAction({
  contract: accountsContract.actions.deactivateStaff,
  async handle(input, ctx) {
    const found = await getUser(ctx.db, input.userId);
    const target = await loadInScope(
      ctx,
      ctx.access,
      input.userId,
      async () => (found ? staffTarget(found) : null),
      '没有找到该工作人员',
    );
    if (
      ctx.access.role === 'station_head' &&
      (target.role !== 'social_worker' || target._id === ctx.access.caller?.userId)
    ) {
      await deny(ctx, ctx.access.action, ctx.access.role, ctx.access.caller?.stationId ?? null, target._id);
    }
    if (target.role === 'resident' || target.role === 'district_admin') {
      throw new AppError('failed-precondition', '该用户不是可停用的工作人员账号');
    }
    if (!target.active) return toStaffItem(target, false);
    const patch = { active: false, deactivatedAt: ctx.now, updatedAt: ctx.now };
    await updateUser(ctx.db, target._id, patch);
    await auditOk(ctx, ctx.access, target._id);
    return toStaffItem({ ...target, ...patch }, false);
  },
});
