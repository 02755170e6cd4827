import type { Role, StaffRole } from '../auth/roles';
import type {
  CertificateKind,
  ConsentCapacity,
  ConsentCategory,
  RegistrationStatus,
} from '../domain/account';
import * as S from '../schemas/accounts';
import { action, defineContract, type InputsOf, type OutputsOf } from './define';

/**
 * Contract of the `accounts` cloud function: action → input → output.
 * Inputs are the zod schemas in `../schemas/accounts.ts`; outputs are small
 * DTOs with instants as ISO strings. Phones in every output are masked.
 */

/** A page of items: `total` counted by the database, `nextCursor` to pass back for the next page (null: last page). */
export interface Page<T> {
  items: T[];
  total: number;
  nextCursor: string | null;
}

/** whoAmI output: who the caller is and what they agreed to. */
export interface WhoAmIOutput {
  userId: string;
  role: Role;
  roleLabel: string;
  /** False for a deactivated staff account (rights of a resident). */
  active: boolean;
  /** The stored staff role of a deactivated account, to explain why rights ended. */
  deactivatedRole: StaffRole | null;
  stationId: string | null;
  stationIds: string[];
  profile: { name: string | null; phoneMasked: string | null };
  privacy: {
    currentVersion: string;
    acceptedVersion: string | null;
    acceptedAt: string | null;
    /** True when the current version is accepted: personal data may be stored. */
    accepted: boolean;
  };
  qualification: QualificationDto | null;
}

/** Qualification as shown (certificate number masked outside the record's own station management). */
export interface QualificationDto {
  kind: CertificateKind;
  numberMasked: string;
  registrationStatus: RegistrationStatus;
  registeredOn: string | null;
}

/** One staff member in listStaff. */
export interface StaffItem {
  userId: string;
  /** Unmasked to the station's own staff; `张*` to anyone else. */
  name: string | null;
  phoneMasked: string | null;
  role: Role;
  roleLabel: string;
  stationId: string | null;
  stationIds: string[];
  active: boolean;
  qualification: QualificationDto | null;
  /** Counts towards "at least 2 qualified workers" (shared isQualified). */
  qualified: boolean;
}

/** One invite in listInvites / createInvite. */
export interface InviteItem {
  code: string;
  role: StaffRole;
  stationId: string | null;
  stationIds: string[];
  /** `expired` is computed from `expiresAt` at read time. */
  status: 'open' | 'used' | 'revoked' | 'expired';
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
}

/** One consent record in listMyConsents / recordConsent. */
export interface ConsentItem {
  id: string;
  category: ConsentCategory;
  label: string;
  version: string;
  /** True when this version is the current one (otherwise it must be given again). */
  currentVersion: boolean;
  scope: string;
  subjectId: string;
  subjectName: string | null;
  relationship: string | null;
  capacity: ConsentCapacity;
  givenAt: string;
  withdrawnAt: string | null;
}

/** One audit entry in listAuditLog (no sensitive values are ever stored). */
export interface AuditItem {
  id: string;
  at: string;
  callerHash: string | null;
  role: Role | null;
  stationId: string | null;
  action: string;
  targetId: string | null;
  outcome: 'ok' | 'denied' | 'error';
  requestId: string;
}

/**
 * The `accounts` function (see ./define.ts). Reads of other people's data
 * (the staff list, the audit log) are audited by the pipeline.
 */
export const accountsContract = defineContract('accounts', {
  whoAmI: action<WhoAmIOutput>()({
    input: S.whoAmIInput,
    permission: 'accounts.whoAmI',
  }),
  acceptPrivacyNotice: action<WhoAmIOutput>()({
    input: S.acceptPrivacyNoticeInput,
    permission: 'accounts.acceptPrivacyNotice',
  }),
  updateProfile: action<WhoAmIOutput>()({
    input: S.updateProfileInput,
    permission: 'accounts.updateProfile',
  }),
  createInvite: action<InviteItem>()({
    input: S.createInviteInput,
    permission: 'accounts.createInvite',
  }),
  revokeInvite: action<InviteItem>()({
    input: S.revokeInviteInput,
    permission: 'accounts.revokeInvite',
  }),
  listInvites: action<Page<InviteItem>>()({
    input: S.listInvitesInput,
    permission: 'accounts.listInvites',
  }),
  redeemInvite: action<WhoAmIOutput>()({
    input: S.redeemInviteInput,
    permission: 'accounts.redeemInvite',
  }),
  listStaff: action<Page<StaffItem>>()({
    input: S.listStaffInput,
    permission: 'accounts.listStaff',
    audit: 'personal-read',
    auditTarget: 'stationId',
  }),
  deactivateStaff: action<StaffItem>()({
    input: S.deactivateStaffInput,
    permission: 'accounts.deactivateStaff',
  }),
  updateQualification: action<StaffItem>()({
    input: S.updateQualificationInput,
    permission: 'accounts.updateQualification',
  }),
  recordConsent: action<ConsentItem>()({
    input: S.recordConsentInput,
    permission: 'accounts.recordConsent',
  }),
  listMyConsents: action<{ items: ConsentItem[] }>()({
    input: S.listMyConsentsInput,
    permission: 'accounts.listMyConsents',
  }),
  withdrawConsent: action<ConsentItem>()({
    input: S.withdrawConsentInput,
    permission: 'accounts.withdrawConsent',
  }),
  listAuditLog: action<Page<AuditItem>>()({
    input: S.listAuditLogInput,
    permission: 'accounts.listAuditLog',
    audit: 'personal-read',
  }),
});

/** Action names of the accounts function. */
export type AccountsAction = keyof typeof accountsContract.actions;
/** Input type per action (as typed by the caller, before the schema's defaults and transforms). */
export type AccountsInputs = InputsOf<typeof accountsContract>;
/** Output type per action. */
export type AccountsOutputs = OutputsOf<typeof accountsContract>;
