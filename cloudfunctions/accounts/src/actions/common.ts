import { AppError } from '../../../../shared/src/errors';
import { hasAcceptedPrivacyNotice, newAccount, type Account } from '../../../../shared/src/domain/account';
import { auditOk, auditRefusal, requireCaller } from '../../../_lib/authz';
import type { ActionContext } from '../../../_lib/handler';
import { ensureUser } from '../repo';

/** Message when personal data is sent before the privacy notice is accepted. */
export const PRIVACY_REQUIRED_MESSAGE = '请先阅读并同意《隐私政策》，再填写个人信息';

/**
 * The caller's account (as read once for this call), created as a resident
 * profile from the OPENID alone on first use (the creation is a write, so it
 * is audited).
 */
export async function ensureCallerAccount(ctx: ActionContext): Promise<Account> {
  const caller = requireCaller(ctx.access);
  if (ctx.account) return ctx.account;
  const { account, created } = await ensureUser(
    ctx.db,
    newAccount({ _id: caller.userId, openid: caller.openid }, ctx.now),
  );
  if (created) await auditOk(ctx, { ...ctx.access, action: 'accounts.createProfile' }, account._id);
  return account;
}

/**
 * The caller's account (as read once for this call), which must exist and
 * have the current privacy notice accepted; otherwise `failed-precondition`,
 * an audit entry, and nothing else is written.
 */
export async function requirePrivacyAccepted(ctx: ActionContext): Promise<Account> {
  requireCaller(ctx.access);
  const account = ctx.account;
  if (!account || !hasAcceptedPrivacyNotice(account)) {
    // A refused write of personal data is audited like any refusal (issue 8, hole 6).
    await auditRefusal(ctx, ctx.access, account?._id ?? null);
    throw new AppError('failed-precondition', PRIVACY_REQUIRED_MESSAGE);
  }
  return account;
}
