import type { CertificateKind, RegistrationStatus } from '../domain/account';
import type {
  FieldChange,
  FundingLine,
  Milestone,
  MilestoneStanding,
  OperatingModel,
  StationStatus,
  StoryKind,
  StoryStatus,
} from '../domain/district';
import type { ConsentGiver, ConsentMethod } from '../domain/person';
import type { QuotaPolicy } from '../domain/quota-policy';
import type { RoomKind, Specialty } from '../domain/station';
import * as S from '../schemas/district';
import { action, defineContract, type InputsOf, type OutputsOf } from './define';

/**
 * Contract of the `district` cloud function (issue 14): the bureau's records
 * of each station (with their history), the quota policy editor, the
 * qualification registry across stations, and good-practice stories for the
 * residents' station pages. Never a person's record: a case story carries
 * only anonymised text and the fact that a publicity consent stands.
 */

/** A document behind a milestone, with a short-lived download link (null: storage no longer has it). */
export interface RecordDocumentDto {
  fileId: string;
  url: string | null;
}

/** One milestone as shown: due day, day done, standing (text beside every colour), documents. */
export interface MilestoneDto {
  milestone: Milestone;
  label: string;
  due: string;
  doneOn: string | null;
  standing: MilestoneStanding;
  standingLabel: string;
  documents: RecordDocumentDto[];
}

/** A station's record as the bureau keeps it. */
export interface StationRecordDto {
  stationId: string;
  officialName: string;
  unitName: string;
  /** Development zone the station answers to, if any. */
  zoneName: string | null;
  /** Version to send back with updateStationRecord (0: never edited). */
  version: number;
  status: StationStatus;
  statusLabel: string;
  specialty: Specialty | null;
  rooms: RoomKind[];
  operatingModel: OperatingModel | null;
  operatingModelLabel: string | null;
  operatorName: string | null;
  operatorPhone: string | null;
  agreementFrom: string | null;
  agreementTo: string | null;
  funding: FundingLine[];
  milestones: MilestoneDto[];
  updatedAt: string | null;
  updatedByName: string | null;
}

/** getStationRecord / updateStationRecord output. */
export interface StationRecordOutput {
  record: StationRecordDto;
}

/** One change of a station record: who, when, which fields, before → after. */
export interface RecordHistoryEntryDto {
  id: string;
  /** The record's version this change produced. */
  version: number;
  at: string;
  byName: string | null;
  byRole: string | null;
  changes: (FieldChange & { label: string })[];
}

/** listStationRecordHistory output. */
export interface RecordHistoryOutput {
  items: RecordHistoryEntryDto[];
  nextCursor: string | null;
}

/** A stored quota policy as the editor lists it. */
export interface QuotaPolicyDto {
  id: string;
  policy: QuotaPolicy;
  /** True once `effectiveFrom` ≤ today (Beijing): then it is never edited again. */
  inForce: boolean;
  updatedAt: string | null;
  updatedByName: string | null;
}

/** listQuotaPolicies output: stored policies (latest first), the defaults and the policy of this year. */
export interface ListQuotaPoliciesOutput {
  items: QuotaPolicyDto[];
  defaults: QuotaPolicy;
  /** Today, Beijing: the earliest `effectiveFrom` accepted. */
  today: string;
  /** The policy in force for this Beijing year (as loadQuotaPolicy gives it). */
  current: {
    year: number;
    policy: QuotaPolicy;
    source: 'stored' | 'default' | 'invalid-stored';
    id: string | null;
  };
}

/** saveQuotaPolicy output. */
export interface SaveQuotaPolicyOutput {
  item: QuotaPolicyDto;
  /** True when a not-yet-in-force policy with the same `effectiveFrom` was replaced. */
  replaced: boolean;
}

/** One certificate holder (or staff member without one) in the registry. */
export interface RegistryItemDto {
  userId: string;
  name: string | null;
  stationId: string;
  role: 'social_worker' | 'station_head';
  qualified: boolean;
  reason: string;
  certificateKind: CertificateKind | null;
  /** Masked as the staff list masks it (last 4 kept). */
  numberMasked: string | null;
  registrationStatus: RegistrationStatus | null;
  registeredOn: string | null;
  /** The current 3-year registration period (same rule as supervision's training summary), if any. */
  period: { from: string; to: string; daysLeft: number; endingSoon: boolean } | null;
}

/** One station's line in the registry. */
export interface RegistryStationDto {
  stationId: string;
  officialName: string;
  unitName: string;
  /** Counted by the database (isQualified as a query). */
  qualifiedCount: number;
  belowMinimum: boolean;
}

/** listQualificationRegistry output. */
export interface QualificationRegistryOutput {
  items: RegistryItemDto[];
  stations: RegistryStationDto[];
  minimum: number;
  /** Stations below the minimum. */
  belowMinimumCount: number;
  /** Registration periods ending within 90 days. */
  endingSoonCount: number;
}

/** A publicity consent event as recorded (no personal details beyond what the head entered). */
export interface PublicityConsentDto {
  consentId: string;
  kind: 'give' | 'withdraw';
  givenBy: ConsentGiver;
  method: ConsentMethod;
  day: string;
}

/** A story as the head and the district manage it (never the person's identity). */
export interface StoryDto {
  storyId: string;
  stationId: string;
  stationName: string | null;
  kind: StoryKind;
  kindLabel: string;
  title: string;
  text: string;
  status: StoryStatus;
  statusLabel: string;
  /** Case story: the consent behind it (who gave it, how, when) — not who the person is. */
  consent: { givenBy: ConsentGiver; method: ConsentMethod; day: string } | null;
  /** Outstanding worker: the worker's name. */
  workerName: string | null;
  submittedAt: string;
  approvedAt: string | null;
  withdrawnAt: string | null;
  withdrawReason: string | null;
}

/** A story as residents see it on the station page. */
export interface PublicStoryDto {
  storyId: string;
  kind: StoryKind;
  kindLabel: string;
  title: string;
  text: string;
  workerName: string | null;
  /** Beijing day it was published. */
  publishedOn: string;
}

/** The `district` function. */
export const districtContract = defineContract('district', {
  getStationRecord: action<StationRecordOutput>()({
    input: S.getStationRecordInput,
    permission: 'district.getStationRecord',
  }),
  listStationRecordHistory: action<RecordHistoryOutput>()({
    input: S.listStationRecordHistoryInput,
    permission: 'district.listStationRecordHistory',
  }),
  updateStationRecord: action<StationRecordOutput>()({
    input: S.updateStationRecordInput,
    permission: 'district.updateStationRecord',
  }),
  listQuotaPolicies: action<ListQuotaPoliciesOutput>()({
    input: S.listQuotaPoliciesInput,
    permission: 'district.listQuotaPolicies',
  }),
  saveQuotaPolicy: action<SaveQuotaPolicyOutput>()({
    input: S.saveQuotaPolicyInput,
    permission: 'district.saveQuotaPolicy',
  }),
  listQualificationRegistry: action<QualificationRegistryOutput>()({
    input: S.listQualificationRegistryInput,
    permission: 'district.listQualificationRegistry',
    audit: 'personal-read',
  }),
  recordPublicityConsent: action<{
    consent: PublicityConsentDto;
    created: boolean;
    withdrawnStories: number;
  }>()({
    input: S.recordPublicityConsentInput,
    permission: 'district.recordPublicityConsent',
  }),
  submitStory: action<{ story: StoryDto; created: boolean }>()({
    input: S.submitStoryInput,
    permission: 'district.submitStory',
  }),
  approveStory: action<{ story: StoryDto }>()({
    input: S.approveStoryInput,
    permission: 'district.approveStory',
  }),
  withdrawStory: action<{ story: StoryDto }>()({
    input: S.withdrawStoryInput,
    permission: 'district.withdrawStory',
  }),
  listStories: action<{ items: StoryDto[]; nextCursor: string | null }>()({
    input: S.listStoriesInput,
    permission: 'district.listStories',
  }),
  listStationStories: action<{ items: PublicStoryDto[] }>()({
    input: S.listStationStoriesInput,
    permission: 'district.listStationStories',
  }),
});

/** Action names of the district function. */
export type DistrictAction = keyof typeof districtContract.actions;
/** Input type per action (as the caller sends it). */
export type DistrictInputs = InputsOf<typeof districtContract>;
/** Output type per action. */
export type DistrictOutputs = OutputsOf<typeof districtContract>;
