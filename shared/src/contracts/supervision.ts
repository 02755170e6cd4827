import type { ConfirmationStatus, SupervisionForm, SupervisorKind } from '../domain/supervision';
import type { TrainingForm, TrainingKind, TrainingStatus } from '../domain/training';
import type { CertificateKind } from '../domain/account';
import * as S from '../schemas/supervision';
import { action, defineContract, type InputsOf, type OutputsOf } from './define';

/**
 * Contract of the `supervision` cloud function (issue 12): supervisors and
 * their stations, supervision sessions (督导) confirmed by each station's head,
 * training records (学时) confirmed by the head, qualified staff and the
 * station's standing against the yearly quotas.
 *
 * Counting (docs/decisions.md): a session's hours count once for EACH station
 * present and only where that station's head confirmed; 学时 count per worker
 * (whatever station), in the Beijing year of the record's end day; a degree
 * (学历) counts once as 90 h. All sums are database sums.
 *
 * submitSession / submitTraining are outbox sends (client-made id): the first
 * send is `received`, a resend of the same content `duplicate`, another
 * content under the same id `conflict` (nothing overwritten; records are not
 * edited after sending: a returned or disputed one is recorded anew).
 *
 * Errors (besides `invalid-argument` with a Chinese message and
 * `details.field`, nothing written; `permission-denied` 您没有权限进行此操作,
 * the same for a missing record and one out of reach):
 * - submitSession listing a station the supervisor is not assigned to today,
 *   or a worker not of a listed station: `invalid-argument`.
 * - confirm / dispute / return of something already answered: `failed-precondition`.
 * - confirmSession / disputeSession by the head of a station the session does
 *   not list: `permission-denied`.
 * - confirmTraining of one's own record: `failed-precondition` (the district confirms a head's own).
 */

// ------------------------------------------------------------------ DTOs

/** A supervisor assignment. */
export interface AssignmentDto {
  id: string;
  supervisorId: string;
  /** The supervisor's name (null when the account has none). */
  supervisorName: string | null;
  stationId: string;
  kind: SupervisorKind;
  from: string;
  to: string | null;
  /** Active on today's Beijing day. */
  active: boolean;
}

/** One station's answer to a session. */
export interface SessionStationDto {
  stationId: string;
  status: ConfirmationStatus;
  /** The dispute's reason (disputed only). */
  reason: string | null;
  decidedAt: string | null;
}

/** A session in a list. */
export interface SessionListItem {
  id: string;
  supervisorId: string;
  supervisorName: string | null;
  supervisorKind: SupervisorKind | null;
  /** Beijing day of the start. */
  day: string;
  startAt: string;
  endAt: string;
  hours: number;
  form: SupervisionForm;
  project: string;
  topics: string[];
  stations: SessionStationDto[];
  workerCount: number;
  receivedAt: string;
}

/** One session, whole. Case ids are given only; their details stay with the cases' own rights. */
export interface SessionDetail extends SessionListItem {
  workerIds: string[];
  caseIds: string[];
  advice: string | null;
  actionItems: string[];
  version: number;
}

/** One row of a station's confirmation list: the station's answer and the session. */
export interface StationSessionItem {
  session: SessionListItem;
  status: ConfirmationStatus;
  reason: string | null;
}

/** The outbox reply of submitSession / submitTraining. */
export interface SubmitReply {
  status: 'received' | 'duplicate' | 'conflict';
  /** The version sent. */
  version: number;
  message?: string;
}

/** A training record. */
export interface TrainingDto {
  id: string;
  workerId: string;
  workerName: string | null;
  /** The station the worker was at when it was recorded (its head confirms). */
  stationId: string | null;
  startDay: string;
  endDay: string;
  /** Beijing year it counts in (of the end day). */
  year: number;
  course: string;
  organiser: string;
  kind: TrainingKind;
  form: TrainingForm;
  hours: number;
  /** What it counts for when confirmed (学历: 90, once). */
  countedHours: number;
  hasCertificate: boolean;
  /** Short-lived link to the certificate photo (single-record reads only; null in lists). */
  certificateUrl: string | null;
  status: TrainingStatus;
  reason: string | null;
  recordedBy: string;
  receivedAt: string;
  decidedAt: string | null;
}

/** A worker's counters. */
export interface TrainingSummary {
  workerId: string;
  workerName: string | null;
  year: number;
  /** Confirmed hours this Beijing year, against the yearly quota. */
  yearHours: number;
  yearQuota: number;
  /** Hours waiting for the head this year. */
  yearPendingHours: number;
  /** The current registration period (null: no art. 7 period — not registered, or 天津市社会工作员证书). */
  period: {
    from: string;
    to: string;
    index: number;
    hours: number;
    quota: number;
    daysLeft: number;
    endingSoon: boolean;
  } | null;
  /** Why there is no period (Chinese), when `period` is null. */
  periodNote: string | null;
  certificateKind: CertificateKind | null;
}

/** One staff member and whether they count as qualified. */
export interface QualifiedStaffItem {
  userId: string;
  name: string | null;
  role: 'social_worker' | 'station_head';
  qualified: boolean;
  reason: string;
  certificateKind: CertificateKind | null;
}

/** The station's qualified staff. */
export interface QualifiedStaffOutput {
  stationId: string;
  items: QualifiedStaffItem[];
  qualifiedCount: number;
  minimum: number;
  belowMinimum: boolean;
}

/** The station's standing (getStationSummary). */
export interface StationStanding {
  stationId: string;
  year: number;
  supervision: {
    confirmedHours: number;
    pendingHours: number;
    disputedCount: number;
    quota: number;
    /** Pro-rata target at today (for the year in progress), one decimal. */
    paceTarget: number;
    met: boolean;
  };
  qualified: { count: number; minimum: number; belowMinimum: boolean };
  /** Confirmed 学时 this year of the station's current staff (whatever station each record was made at). */
  training: Array<{ workerId: string; name: string | null; hours: number; quota: number; met: boolean }>;
  /** Training records made at the station waiting for the head. */
  pendingTrainingCount: number;
  /** Sessions listing the station waiting for the head. */
  pendingSessionCount: number;
}

/** A page; pass `nextCursor` back as `cursor` (null: last page). */
export interface SupervisionPage<T> {
  items: T[];
  nextCursor: string | null;
}

// ---------------------------------------------------------------- actions

/** The actions. */
export const supervisionContract = defineContract('supervision', {
  assignSupervisor: action<{ assignment: AssignmentDto }>()({
    input: S.assignSupervisorInput,
    permission: 'supervision.assignSupervisor',
  }),
  endAssignment: action<{ assignment: AssignmentDto }>()({
    input: S.endAssignmentInput,
    permission: 'supervision.endAssignment',
  }),
  listAssignments: action<{ items: AssignmentDto[] }>()({
    input: S.listAssignmentsInput,
    permission: 'supervision.listAssignments',
  }),
  listMyAssignments: action<{ items: AssignmentDto[] }>()({
    input: S.listMyAssignmentsInput,
    permission: 'supervision.listMyAssignments',
  }),
  submitSession: action<SubmitReply>()({
    input: S.submitSessionInput,
    permission: 'supervision.submitSession',
  }),
  listMySessions: action<SupervisionPage<SessionListItem>>()({
    input: S.listMySessionsInput,
    permission: 'supervision.listMySessions',
  }),
  getSession: action<{ session: SessionDetail }>()({
    input: S.getSessionInput,
    permission: 'supervision.getSession',
  }),
  confirmSession: action<{ sessionId: string; stationId: string; status: ConfirmationStatus }>()({
    input: S.confirmSessionInput,
    permission: 'supervision.confirmSession',
  }),
  disputeSession: action<{ sessionId: string; stationId: string; status: ConfirmationStatus }>()({
    input: S.disputeSessionInput,
    permission: 'supervision.disputeSession',
  }),
  listStationSessions: action<SupervisionPage<StationSessionItem>>()({
    input: S.listStationSessionsInput,
    permission: 'supervision.listStationSessions',
  }),
  submitTraining: action<SubmitReply>()({
    input: S.submitTrainingInput,
    permission: 'supervision.submitTraining',
  }),
  confirmTraining: action<{ record: TrainingDto }>()({
    input: S.confirmTrainingInput,
    permission: 'supervision.confirmTraining',
  }),
  returnTraining: action<{ record: TrainingDto }>()({
    input: S.returnTrainingInput,
    permission: 'supervision.returnTraining',
  }),
  listTraining: action<SupervisionPage<TrainingDto>>()({
    input: S.listTrainingInput,
    permission: 'supervision.listTraining',
  }),
  listStationTraining: action<SupervisionPage<TrainingDto>>()({
    input: S.listStationTrainingInput,
    permission: 'supervision.listStationTraining',
  }),
  getTrainingSummary: action<{ summary: TrainingSummary }>()({
    input: S.getTrainingSummaryInput,
    permission: 'supervision.getTrainingSummary',
  }),
  getStationSummary: action<{ summary: StationStanding }>()({
    input: S.getStationSummaryInput,
    permission: 'supervision.getStationSummary',
  }),
  listQualifiedStaff: action<QualifiedStaffOutput>()({
    input: S.listQualifiedStaffInput,
    permission: 'supervision.listQualifiedStaff',
  }),
});

/** Action names of the supervision function. */
export type SupervisionAction = keyof typeof supervisionContract.actions;
/** Input type per action (as the caller sends it). */
export type SupervisionInputs = InputsOf<typeof supervisionContract>;
/** Output type per action. */
export type SupervisionOutputs = OutputsOf<typeof supervisionContract>;
