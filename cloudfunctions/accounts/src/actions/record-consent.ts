import { accountsContract } from '../../../../shared/src/contracts/accounts';
import { AppError } from '../../../../shared/src/errors';
import { beijingDay } from '../../../../shared/src/calendar';
import {
  CONSENT_VERSIONS,
  GUARDIAN_CONSENT_AGE,
  ageOn,
  type ConsentRecord,
} from '../../../../shared/src/domain/account';
import { auditOk } from '../../../_lib/authz';
import { defineAction } from '../../../_lib/handler';
import { toConsentItem } from '../dto';
import { insertConsent, listConsents, newConsentId } from '../repo';
import { requirePrivacyAccepted } from './common';

/**
 * Records separate consent for one sensitive category about the caller or a
 * family member (a child under 14: only as guardian). Keeps version, scope,
 * time and who gave it. Giving the same consent twice keeps one record.
 */
export const recordConsent = defineAction({
  contract: accountsContract.actions.recordConsent,
  async handle(input, ctx) {
    const account = await requirePrivacyAccepted(ctx);
    if (input.version !== CONSENT_VERSIONS[input.category]) {
      throw new AppError('failed-precondition', '授权说明已更新，请重新阅读最新版本后再授权');
    }
    const s = input.subject;
    if (s.kind === 'self' && input.capacity !== 'self') {
      throw new AppError('invalid-argument', '为本人授权时，请选择“本人”', { field: 'capacity' });
    }
    if (s.kind === 'other') {
      if (input.capacity === 'self')
        throw new AppError('invalid-argument', '为家人授权时，请选择“监护人”或“家属”', { field: 'capacity' });
      if (s.birthDate && s.birthDate > beijingDay(ctx.now)) {
        throw new AppError('invalid-argument', '出生日期不能晚于今天', { field: 'subject.birthDate' });
      }
      if (
        s.birthDate &&
        ageOn(s.birthDate, beijingDay(ctx.now)) < GUARDIAN_CONSENT_AGE &&
        input.capacity !== 'guardian'
      ) {
        throw new AppError(
          'failed-precondition',
          `不满${GUARDIAN_CONSENT_AGE}周岁的未成年人，需要由监护人授权`,
          { field: 'capacity' },
        );
      }
    }
    const subjectId = s.kind === 'self' ? 'self' : s.subjectId;
    const existing = (await listConsents(ctx.db, account._id, false)).find(
      (c) =>
        c.category === input.category &&
        c.subjectId === subjectId &&
        c.version === input.version &&
        c.capacity === input.capacity,
    );
    if (existing) return toConsentItem(existing);
    const record: ConsentRecord = {
      _id: newConsentId(),
      giverId: account._id,
      category: input.category,
      version: input.version,
      scope: input.scope,
      subjectId,
      subjectName: s.kind === 'other' ? s.name : null,
      relationship: s.kind === 'other' ? s.relationship : null,
      subjectBirthDate: s.kind === 'other' ? (s.birthDate ?? null) : null,
      capacity: input.capacity,
      givenAt: ctx.now,
      withdrawnAt: null,
    };
    await insertConsent(ctx.db, record);
    await auditOk(ctx, ctx.access, record._id);
    return toConsentItem(record);
  },
});
