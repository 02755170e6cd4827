import { accountsContract } from '../../../../shared/src/contracts/accounts';
import { AppError } from '../../../../shared/src/errors';
import { auditOk, loadCaller, requireCaller } from '../../../_lib/authz';
import { defineAction, type ActionContext } from '../../../_lib/handler';
import { toWhoAmI } from '../dto';
import { claimInvite, getInvite, unclaimInvite, updateUser } from '../repo';
import { ensureCallerAccount } from './common';

/** Why a code could not be claimed, in words that say what to do. */
async function whyNot(ctx: ActionContext, code: string): Promise<never> {
  const invite = await getInvite(ctx.db, code);
  if (!invite) throw new AppError('not-found', '邀请码不存在，请核对后重新输入');
  if (invite.status === 'used')
    throw new AppError('failed-precondition', '该邀请码已被使用，每个邀请码只能用一次，请联系邀请人重新生成');
  if (invite.status === 'revoked')
    throw new AppError('failed-precondition', '该邀请码已被撤销，请联系邀请人重新生成');
  throw new AppError('failed-precondition', '该邀请码已过期，请联系邀请人重新生成');
}

/**
 * Binds the caller's OPENID to the staff role and station(s) of an invite.
 * The claim is one conditional update (open and unexpired → used), so under
 * any concurrency exactly one caller gets a code; if the account update then
 * fails, the claim is given back.
 */
export const redeemInvite = defineAction({
  contract: accountsContract.actions.redeemInvite,
  async handle(input, ctx) {
    const caller = requireCaller(ctx.access);
    // Claim first: a refused code writes nothing (not even a profile).
    if (!(await claimInvite(ctx.db, input.code, caller.userId, ctx.now))) return whyNot(ctx, input.code);
    const invite = await getInvite(ctx.db, input.code);
    if (!invite) throw new AppError('internal', '系统繁忙，请稍后再试');
    let account;
    try {
      account = await ensureCallerAccount(ctx);
    } catch (e) {
      await unclaimInvite(ctx.db, invite._id, caller.userId);
      throw e;
    }
    const patch = {
      role: invite.role,
      stationId: invite.stationId,
      stationIds: invite.stationIds,
      active: true,
      deactivatedAt: null,
      invitedBy: invite.createdBy,
      updatedAt: ctx.now,
    };
    try {
      await updateUser(ctx.db, account._id, patch);
    } catch (e) {
      await unclaimInvite(ctx.db, invite._id, account._id);
      throw e;
    }
    await auditOk(ctx, ctx.access, invite._id);
    const bound = await loadCaller(ctx.db, account.openid, ctx.now);
    return toWhoAmI({ ...account, ...patch }, { ...ctx.access, role: bound.role, caller: bound });
  },
});
