import { AppError } from '../../../shared/src/errors';
import { COLLECTIONS } from '../../../shared/src/collections';
import type { Access } from '../../../shared/src/auth/scope';
import {
  hasAcceptedPrivacyNotice,
  hasConsent,
  PRIVACY_NOTICE_REQUIRED_MESSAGE,
  PRIVACY_NOTICE_VERSION,
  type Account,
  type ConsentCategory,
  type ConsentRecord,
  type ConsentSubject,
} from '../../../shared/src/domain/account';
import { findMany } from '../store';
import { auditRefusal, requireCaller, type AuthzContext } from './authorize';

/** Message when a sensitive category has no valid consent. */
export const CONSENT_REQUIRED_MESSAGE =
  '记录健康、残疾或经济困难等敏感信息前，需要先取得本人同意（不满14周岁的需监护人同意），请先完成授权';

/**
 * For actions that store a sensitive category about a person: throws
 * `failed-precondition` (and audits the refusal) unless the caller holds a
 * valid consent for `category` about `subject` (shared `hasConsent`).
 * Withdrawn consent stops further processing at once.
 */
export async function requireConsent(
  ctx: AuthzContext,
  access: Access,
  category: ConsentCategory,
  subject: ConsentSubject,
): Promise<void> {
  const caller = requireCaller(access);
  const docs = await findMany(
    ctx.db,
    COLLECTIONS.consents,
    { giverId: caller.userId, category, subjectId: subject.subjectId, withdrawnAt: null },
    { limit: 100 },
  );
  const records = docs.map((c) => ({
    ...(c as unknown as ConsentRecord),
    givenAt: new Date(String(c.givenAt)),
  }));
  if (!hasConsent(records, category, subject, ctx.now)) {
    await auditRefusal(ctx, access, subject.subjectId);
    throw new AppError('failed-precondition', CONSENT_REQUIRED_MESSAGE);
  }
}

/**
 * For actions that store personal data about the caller (PIPL, issue 4): throws
 * `failed-precondition` with `details: { reason: 'privacy-notice', version }`
 * (and audits the refusal) unless the caller's account — as the pipeline read
 * it for this call — holds the current privacy notice version. Call it before
 * the first write. A withdrawn notice stops further storing at once.
 */
export async function requirePrivacyNotice(
  ctx: AuthzContext & { account: Account | null },
  access: Access,
): Promise<Account> {
  if (ctx.account && hasAcceptedPrivacyNotice(ctx.account)) return ctx.account;
  await auditRefusal(ctx, access, ctx.account?._id ?? null);
  throw new AppError('failed-precondition', PRIVACY_NOTICE_REQUIRED_MESSAGE, {
    reason: 'privacy-notice',
    version: PRIVACY_NOTICE_VERSION,
  });
}
