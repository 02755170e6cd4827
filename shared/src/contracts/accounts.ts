import type { z } from 'zod';
import type { Role, StaffRole } from '../auth/roles';
import type {
  CertificateKind,
  ConsentCapacity,
  ConsentCategory,
  RegistrationStatus,
} from '../domain/account';
import type * as S from '../schemas/accounts';

/**
 * Contract of the `accounts` cloud function: action → input → output.
 * Inputs are the zod schemas in `../schemas/accounts.ts`; outputs are small
 * DTOs with instants as ISO strings. Phones in every output are masked.
 */

/** A page of items. */
export interface Page<T> {
  items: T[];
  total: number;
  nextOffset: number | null;
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

/** Action names of the accounts function. */
export type AccountsAction = keyof AccountsOutputs;

/** Output type per action (used by the client's typed `call`). */
export interface AccountsOutputs {
  whoAmI: WhoAmIOutput;
  acceptPrivacyNotice: WhoAmIOutput;
  updateProfile: WhoAmIOutput;
  createInvite: InviteItem;
  revokeInvite: InviteItem;
  listInvites: Page<InviteItem>;
  redeemInvite: WhoAmIOutput;
  listStaff: Page<StaffItem>;
  deactivateStaff: StaffItem;
  updateQualification: StaffItem;
  recordConsent: ConsentItem;
  listMyConsents: { items: ConsentItem[] };
  withdrawConsent: ConsentItem;
  listAuditLog: Page<AuditItem>;
}

/** Input type per action (as typed by the caller, before the schema's defaults and transforms). */
export interface AccountsInputs {
  whoAmI: z.input<typeof S.whoAmIInput>;
  acceptPrivacyNotice: z.input<typeof S.acceptPrivacyNoticeInput>;
  updateProfile: z.input<typeof S.updateProfileInput>;
  createInvite: z.input<typeof S.createInviteInput>;
  revokeInvite: z.input<typeof S.revokeInviteInput>;
  listInvites: z.input<typeof S.listInvitesInput>;
  redeemInvite: z.input<typeof S.redeemInviteInput>;
  listStaff: z.input<typeof S.listStaffInput>;
  deactivateStaff: z.input<typeof S.deactivateStaffInput>;
  updateQualification: z.input<typeof S.updateQualificationInput>;
  recordConsent: z.input<typeof S.recordConsentInput>;
  listMyConsents: z.input<typeof S.listMyConsentsInput>;
  withdrawConsent: z.input<typeof S.withdrawConsentInput>;
  listAuditLog: z.input<typeof S.listAuditLogInput>;
}
