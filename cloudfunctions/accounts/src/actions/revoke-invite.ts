import { accountsContract } from '../../../../shared/src/contracts/accounts';
import { AppError } from '../../../../shared/src/errors';
import { auditOk, loadInScope } from '../../../_lib/authz';
import { defineAction } from '../../../_lib/handler';
import { toInviteItem } from '../dto';
import { getInvite, revokeInvite as revoke } from '../repo';

/** Revokes an open invite (station head: invites of their station; district admin: any). */
export const revokeInvite = defineAction({
  contract: accountsContract.actions.revokeInvite,
  async handle(input, ctx) {
    const invite = await loadInScope(
      ctx,
      ctx.access,
      input.code,
      (code) => getInvite(ctx.db, code),
      '邀请码不存在，请核对后重新输入',
    );
    if (invite.status !== 'open') {
      throw new AppError(
        'failed-precondition',
        invite.status === 'used' ? '该邀请码已被使用，不能撤销' : '该邀请码已经撤销过了',
      );
    }
    if (!(await revoke(ctx.db, invite._id, ctx.now))) {
      throw new AppError('failed-precondition', '该邀请码刚刚被使用或撤销，请刷新后查看');
    }
    await auditOk(ctx, ctx.access, invite._id);
    return toInviteItem({ ...invite, status: 'revoked', revokedAt: ctx.now }, ctx.now);
  },
});
