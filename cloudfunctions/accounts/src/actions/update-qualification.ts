import { accountsContract } from '../../../../shared/src/contracts/accounts';
import { AppError } from '../../../../shared/src/errors';
import { auditOk, loadInScope } from '../../../_lib/authz';
import { defineAction } from '../../../_lib/handler';
import { toStaffItem } from '../dto';
import { getUser, updateUser } from '../repo';
import { staffTarget } from './staff-target';

/** Sets the certificate on a staff record (a worker: their own; a head: their station's; district: any). */
export const updateQualification = defineAction({
  contract: accountsContract.actions.updateQualification,
  async handle(input, ctx) {
    const found = await getUser(ctx.db, input.userId);
    const target = await loadInScope(
      ctx,
      ctx.access,
      input.userId,
      async () => (found ? staffTarget(found) : null),
      '没有找到该工作人员',
    );
    if (target.role === 'resident') throw new AppError('failed-precondition', '只能为工作人员登记资格证书');
    const qualification = {
      kind: input.kind,
      number: input.number,
      registrationStatus: input.registrationStatus,
      registeredOn: input.registeredOn ?? null,
    };
    await updateUser(ctx.db, target._id, { qualification, updatedAt: ctx.now });
    await auditOk(ctx, ctx.access, target._id);
    const ownStation = !!ctx.access.caller?.stationId && ctx.access.caller.stationId === target.stationId;
    return toStaffItem({ ...target, qualification }, ownStation);
  },
});
