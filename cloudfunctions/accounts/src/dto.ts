import { ROLE_LABELS, type Role, type StaffRole } from '../../../shared/src/auth/roles';
import {
  CONSENT_LABELS,
  CONSENT_VERSIONS,
  PRIVACY_NOTICE_VERSION,
  hasAcceptedPrivacyNotice,
  isQualified,
  type Account,
  type ConsentRecord,
  type Qualification,
} from '../../../shared/src/domain/account';
import { mask } from '../../../shared/src/masking';
import type {
  AuditItem,
  ConsentItem,
  InviteItem,
  QualificationDto,
  StaffItem,
  WhoAmIOutput,
} from '../../../shared/src/contracts/accounts';
import type { Access } from '../../_lib/authz';
import type { AuditDoc, InviteDoc } from './repo';

/** Pure mappings from stored documents to the DTOs of the contract (masking applied here). */

const qualificationDto = (q: Qualification | null): QualificationDto | null =>
  q
    ? {
        kind: q.kind,
        numberMasked: mask('certificate', q.number) ?? '',
        registrationStatus: q.registrationStatus,
        registeredOn: q.registeredOn ?? null,
      }
    : null;

/** whoAmI / profile view of the caller's own account, with the effective role from `access`. */
export function toWhoAmI(account: Account, access: Access): WhoAmIOutput {
  const role: Role = access.role;
  const deactivatedRole: StaffRole | null =
    !account.active && account.role !== 'resident' ? account.role : null;
  return {
    userId: account._id,
    role,
    roleLabel: ROLE_LABELS[role],
    active: account.active,
    deactivatedRole,
    stationId: access.caller?.stationId ?? null,
    stationIds: access.caller?.stationIds ?? [],
    profile: { name: account.name, phoneMasked: mask('phone', account.phone) },
    privacy: {
      currentVersion: PRIVACY_NOTICE_VERSION,
      acceptedVersion: account.privacyNotice?.version ?? null,
      acceptedAt: account.privacyNotice ? account.privacyNotice.acceptedAt.toISOString() : null,
      accepted: hasAcceptedPrivacyNotice(account),
    },
    qualification: qualificationDto(account.qualification),
  };
}

/**
 * A staff list item. Phone always masked; name unmasked only when the viewer
 * is staff of the same station (`ownStation`), `张*` otherwise.
 */
export function toStaffItem(account: Account, ownStation: boolean): StaffItem {
  return {
    userId: account._id,
    name: ownStation ? account.name : mask('name', account.name),
    phoneMasked: mask('phone', account.phone),
    role: account.role,
    roleLabel: ROLE_LABELS[account.role],
    stationId: account.stationId,
    stationIds: account.stationIds,
    active: account.active,
    qualification: qualificationDto(account.qualification),
    qualified: isQualified(account),
  };
}

/** An invite as listed; `expired` computed at `now`. */
export function toInviteItem(invite: InviteDoc, now: Date): InviteItem {
  const status =
    invite.status === 'open' && invite.expiresAt.getTime() <= now.getTime() ? 'expired' : invite.status;
  return {
    code: invite._id,
    role: invite.role,
    stationId: invite.stationId,
    stationIds: invite.stationIds,
    status,
    createdAt: invite.createdAt.toISOString(),
    expiresAt: invite.expiresAt.toISOString(),
    usedAt: invite.usedAt ? invite.usedAt.toISOString() : null,
  };
}

/** A consent as shown to its giver. */
export function toConsentItem(c: ConsentRecord): ConsentItem {
  return {
    id: c._id,
    category: c.category,
    label: CONSENT_LABELS[c.category],
    version: c.version,
    currentVersion: c.version === CONSENT_VERSIONS[c.category],
    scope: c.scope,
    subjectId: c.subjectId,
    subjectName: c.subjectName,
    relationship: c.relationship,
    capacity: c.capacity,
    givenAt: c.givenAt.toISOString(),
    withdrawnAt: c.withdrawnAt ? c.withdrawnAt.toISOString() : null,
  };
}

/** An audit entry as listed. */
export function toAuditItem(e: AuditDoc): AuditItem {
  return {
    id: e._id,
    at: e.at.toISOString(),
    callerHash: e.callerHash,
    role: e.role,
    stationId: e.stationId,
    action: e.action,
    targetId: e.targetId,
    outcome: e.outcome,
    requestId: e.requestId,
  };
}
