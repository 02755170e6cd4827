import type { RiskTier } from '../domain/risk';
import type { ServiceArea } from '../domain/station';
import type { TargetCategory } from '../domain/person';
import type { FindingArea, OtherPresentRole, VisitMode, VisitType, WithheldField } from '../domain/visit';
import * as S from '../schemas/visits';
import { action, defineContract, type InputsOf, type OutputsOf } from './define';

/**
 * Contract of the `visits` cloud function: home visits (走访, issue 10), sent
 * from the phone's outbox, the follow-ups they create, and the conflicts the
 * head resolves.
 *
 * submitVisit is idempotent by record id + version (the outbox contract,
 * client/README.md): the same version with the same content → `duplicate`
 * (nothing written); a stored version ≥ `baseVersion ?? 0` and below the
 * sent one → `received` (updated); anything else → `conflict`: the sent
 * version is kept in `visit_conflicts` for the head, the stored one is never
 * overwritten. `version` in the answer is always the version sent.
 *
 * Sensitive parts (health findings; target categories that need a consent,
 * files domain CATEGORY_CONSENTS) are left out unless EVERY person seen holds
 * a valid consent; the answer lists them in `withheld` with the reason. Not
 * an error: the rest of the visit is saved.
 *
 * Views: staff of the visit's station get the `station` view (names, text,
 * photo links); supervisors of assigned stations get `oversight` (names
 * masked, no free text, no photos). Lists mask names for everyone.
 *
 * Errors (besides `invalid-argument` with a Chinese message and
 * `details.field`, nothing written, and `permission-denied` 您没有权限进行此操作,
 * the same for a missing record and one of another station):
 * - submitVisit with a person, household, worker or follow-up owner not of
 *   the station, or a file outside `outbox/visit/<id>/`: `invalid-argument`.
 * - resolveVisitConflict of a conflict already resolved: `failed-precondition`.
 */

/** Which view the caller got. */
export type VisitView = 'station' | 'oversight';

/** submitVisit output (the outbox's SendReply, plus what was left out). */
export interface SubmitVisitOutput {
  status: 'received' | 'duplicate' | 'conflict';
  /** The version the answer is about: the one sent. */
  version: number;
  /** Chinese text for a conflict. */
  message?: string;
  /** Sensitive fields left out for want of consent (empty when all was kept). */
  withheld: WithheldField[];
  /** The persons' next due days after the visit (received only). */
  nextDue?: Array<{ personId: string; lastVisitDay: string; nextDueDay: string | null }>;
}

/** A person seen, as a list or record shows them. */
export interface VisitPersonDto {
  id: string;
  /** Full in the station view of one record; `张*` in lists and the oversight view. */
  name: string;
}

/** One visit in a list (masked for everyone, no free text). */
export interface VisitListItem {
  id: string;
  stationId: string;
  version: number;
  type: VisitType;
  mode: VisitMode;
  /** Beijing day of the start. */
  day: string;
  startAt: string;
  endAt: string;
  persons: VisitPersonDto[];
  workerIds: string[];
  risk: RiskTier | null;
  photoCount: number;
  followUpCount: number;
  /** A phone version of this record waits for the head. */
  hasConflict: boolean;
  receivedAt: string;
}

/** A follow-up as stored (and listed on its owner's list). */
export interface FollowUpDto {
  id: string;
  visitId: string;
  stationId: string;
  action: string;
  ownerId: string;
  dueDay: string;
  referral: string | null;
  openCase: boolean;
  status: 'open' | 'done';
}

/** One visit, whole (getVisit). */
export interface VisitDetail extends VisitListItem {
  view: VisitView;
  householdId: string | null;
  othersPresent: Array<{ role: OtherPresentRole; name: string | null }>;
  categories: TargetCategory[];
  address: string | null;
  /** Null in the oversight view. */
  findings: Partial<Record<FindingArea, string | null>> | null;
  needs: Array<{ area: ServiceArea; note: string | null }>;
  services: string[];
  followUps: FollowUpDto[];
  location: {
    start: { lat: number; lng: number; accuracy: number } | null;
    end: { lat: number; lng: number; accuracy: number } | null;
    refused: string | null;
  } | null;
  /** Short-lived download links (station view only; empty otherwise). */
  photos: Array<{ fileId: string; url: string | null }>;
  confirmation: { signed: boolean; signatureUrl: string | null; noSignatureReason: string | null };
  withheld: WithheldField[];
  submittedBy: string;
}

/** A conflict waiting for the head. */
export interface VisitConflictDto {
  id: string;
  visitId: string;
  stationId: string;
  /** The version the phone sent, and the one it edited. */
  phoneVersion: number;
  baseVersion: number | null;
  /** The stored version when the conflict arose. */
  serverVersion: number;
  submittedBy: string;
  at: string;
  /** Both sides in the list form (masked). */
  phone: VisitListItem;
  server: VisitListItem | null;
  status: 'open' | 'resolved';
}

/** A page; pass `nextCursor` back as `cursor` (null: last page). */
export interface VisitsPage<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * The actions. getVisit and listVisits are audited personal reads (target:
 * the visit; the station).
 */
export const visitsContract = defineContract('visits', {
  submitVisit: action<SubmitVisitOutput>()({
    input: S.submitVisitInput,
    permission: 'visits.submitVisit',
  }),
  listVisits: action<VisitsPage<VisitListItem>>()({
    input: S.listVisitsInput,
    permission: 'visits.listVisits',
    audit: 'personal-read',
    auditTarget: 'stationId',
  }),
  getVisit: action<{ visit: VisitDetail }>()({
    input: S.getVisitInput,
    permission: 'visits.getVisit',
    audit: 'personal-read',
    auditTarget: 'visitId',
  }),
  listMyFollowUps: action<VisitsPage<FollowUpDto>>()({
    input: S.listMyFollowUpsInput,
    permission: 'visits.listMyFollowUps',
  }),
  listVisitConflicts: action<VisitsPage<VisitConflictDto>>()({
    input: S.listVisitConflictsInput,
    permission: 'visits.listVisitConflicts',
  }),
  resolveVisitConflict: action<{ visitId: string; version: number; kept: 'server' | 'phone' }>()({
    input: S.resolveVisitConflictInput,
    permission: 'visits.resolveVisitConflict',
  }),
});

/** Action names of the visits function. */
export type VisitsAction = keyof typeof visitsContract.actions;
/** Input type per action (as the caller sends it). */
export type VisitsInputs = InputsOf<typeof visitsContract>;
/** Output type per action. */
export type VisitsOutputs = OutputsOf<typeof visitsContract>;
