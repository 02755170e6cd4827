import type {
  ApprovalAction,
  AttachmentKind,
  CaseEventKind,
  CaseRecords,
  CaseSource,
  CaseStage,
  CaseStatus,
  CaseWaiting,
  ClosureType,
  NoteMode,
  WorkerCaseAction,
} from '../domain/case';
import type { CaseQuotaPolicy } from '../domain/case-quota';
import * as S from '../schemas/cases';
import { action, defineContract, type InputsOf, type OutputsOf } from './define';

/**
 * Contract of the `cases` cloud function: casework (个案, issue 11) through
 * the six stages of MZ/T 094-2017, its approvals, intervention notes from the
 * phone's outbox, transfer and referral, and the annual quota count.
 *
 * WHO OPENS A CASE (the most sensitive records): its lead and assisting
 * workers, the head of its station, and its assigned supervisor (a supervisor
 * of the station named on the case). Another worker of the same station, a
 * supervisor not assigned, a resident and the district get the one denial
 * (`permission-denied` 您没有权限进行此操作, the same as for a case that does
 * not exist), and lists never show them the case. The district sees counts
 * only (countCompletedCases). Every opening (getCase, listCaseNotes,
 * listCasesForPerson) is audited.
 *
 * Writes name the case `version` they saw; a case changed in between answers
 * `failed-precondition` (有人刚刚修改了这个个案…) and nothing is written, so two
 * devices never overwrite each other silently. Every change is recorded in
 * the case's history with who and when.
 *
 * Errors besides those: `invalid-argument` with a Chinese message and
 * `details.field`, nothing written; `failed-precondition` for a move the
 * lifecycle refuses (CASE_PROBLEM_MESSAGES: the table, a missing reason, an
 * incomplete record).
 */

/** Which view of a case the caller gets: the case's team and the head (`team`), or its supervisor (`supervisor`: names masked). */
export type CaseView = 'team' | 'supervisor';

/** A person of a case. */
export interface CasePersonDto {
  id: string;
  /** Full for the team in getCase; `张*` in lists and the supervisor's view. */
  name: string;
}

/** One case in a list (names masked, no record text). */
export interface CaseListItem {
  id: string;
  stationId: string;
  version: number;
  status: CaseStatus;
  stage: CaseStage;
  persons: CasePersonDto[];
  source: CaseSource;
  leadWorkerId: string;
  assistantIds: string[];
  supervisorId: string | null;
  /** What the case waits on its lead worker for (Beijing today). */
  waiting: CaseWaiting[];
  noteCount: number;
  lastNoteDay: string | null;
  closureType: ClosureType | null;
  followUpDay: string | null;
  followUpDone: boolean;
  openedAt: string;
  updatedAt: string;
}

/** One entry of the case's timeline. */
export interface CaseEventDto {
  kind: CaseEventKind;
  from: CaseStatus | null;
  to: CaseStatus;
  at: string;
  by: string;
  reason: string | null;
  detail: string | null;
}

/** An attachment with a short-lived download link (null when storage no longer has it). */
export interface CaseAttachmentDto {
  fileId: string;
  kind: AttachmentKind;
  caption: string | null;
  url: string | null;
  addedBy: string;
  addedAt: string;
}

/** What the caller may do with the case now (for buttons). */
export interface CaseAllowed {
  /** Save the current stage's draft and add notes (the case's workers). */
  edit: boolean;
  /** Worker moves possible now. */
  moves: WorkerCaseAction[];
  /** Approval decisions possible now (head of the station, the case's supervisor). */
  approvals: ApprovalAction[];
  reopen: boolean;
  /** Change the lead / assisting workers (head, lead worker). */
  transfer: boolean;
  /** Set the case's supervisor (head). */
  setSupervisor: boolean;
}

/** One case, whole (getCase). */
export interface CaseDetail extends CaseListItem {
  view: CaseView;
  originId: string | null;
  referredBy: string | null;
  records: CaseRecords;
  /** The last refusal still standing (plan or closure sent back), with its reason. */
  refusal: { action: 'refusePlan' | 'refuseClosure'; reason: string; at: string; by: string } | null;
  closureApprovedAt: string | null;
  /** Beijing year the case counts in for the quota (policy applied), or null. */
  completedYear: number | null;
  followUpNote: string | null;
  history: CaseEventDto[];
  attachments: CaseAttachmentDto[];
  allowed: CaseAllowed;
}

/** What a write answers: the case's new state. */
export interface CaseWriteOutput {
  caseId: string;
  status: CaseStatus;
  version: number;
}

/** openCase output. */
export interface OpenCaseOutput extends CaseWriteOutput {
  /** `duplicate`: this id was already opened with the same content (a resend); nothing written. */
  outcome: 'created' | 'duplicate';
}

/** addCaseNote output (the outbox's SendReply). */
export interface AddCaseNoteOutput {
  status: 'received' | 'duplicate' | 'conflict';
  /** The version sent. */
  version: number;
  /** Chinese text for a conflict. */
  message?: string;
}

/** One intervention note. */
export interface CaseNoteDto {
  id: string;
  caseId: string;
  version: number;
  day: string;
  minutes: number;
  mode: NoteMode;
  done: string;
  progress: string | null;
  nextStep: string | null;
  goalIds: string[];
  by: string;
  receivedAt: string;
  /** Versions from another phone kept beside this one (not applied). */
  conflictCount: number;
}

/** A 回访 due on the caller's closed case. */
export interface CaseFollowUpDto {
  caseId: string;
  stationId: string;
  persons: CasePersonDto[];
  closureType: ClosureType | null;
  followUpDay: string;
}

/** countCompletedCases output: counts only. */
export interface CompletedCasesCount {
  year: number;
  policy: CaseQuotaPolicy;
  total: number;
  byStation: Array<{ stationId: string; count: number }>;
}

/** A page; pass `nextCursor` back as `cursor` (null: last page). */
export interface CasesPage<T> {
  items: T[];
  nextCursor: string | null;
}

/** The actions. */
export const casesContract = defineContract('cases', {
  openCase: action<OpenCaseOutput>()({
    input: S.openCaseInput,
    permission: 'cases.openCase',
  }),
  getCase: action<{ case: CaseDetail }>()({
    input: S.getCaseInput,
    permission: 'cases.getCase',
    audit: 'personal-read',
    auditTarget: 'caseId',
  }),
  saveStageRecord: action<CaseWriteOutput & { savedAt: string }>()({
    input: S.saveStageRecordInput,
    permission: 'cases.saveStageRecord',
  }),
  advanceCase: action<CaseWriteOutput>()({
    input: S.advanceCaseInput,
    permission: 'cases.advanceCase',
  }),
  decideApproval: action<CaseWriteOutput>()({
    input: S.decideApprovalInput,
    permission: 'cases.decideApproval',
  }),
  reopenCase: action<CaseWriteOutput>()({
    input: S.reopenCaseInput,
    permission: 'cases.reopenCase',
  }),
  addCaseNote: action<AddCaseNoteOutput>()({
    input: S.addCaseNoteInput,
    permission: 'cases.addCaseNote',
  }),
  listCaseNotes: action<CasesPage<CaseNoteDto>>()({
    input: S.listCaseNotesInput,
    permission: 'cases.listCaseNotes',
    audit: 'personal-read',
    auditTarget: 'caseId',
  }),
  updateCaseTeam: action<
    CaseWriteOutput & { leadWorkerId: string; assistantIds: string[]; supervisorId: string | null }
  >()({
    input: S.updateCaseTeamInput,
    permission: 'cases.updateCaseTeam',
  }),
  referCase: action<CaseWriteOutput>()({
    input: S.referCaseInput,
    permission: 'cases.referCase',
  }),
  addCaseAttachment: action<CaseWriteOutput & { attachment: CaseAttachmentDto }>()({
    input: S.addCaseAttachmentInput,
    permission: 'cases.addCaseAttachment',
  }),
  completeCaseFollowUp: action<CaseWriteOutput>()({
    input: S.completeCaseFollowUpInput,
    permission: 'cases.completeCaseFollowUp',
  }),
  listMyCases: action<CasesPage<CaseListItem>>()({
    input: S.listMyCasesInput,
    permission: 'cases.listMyCases',
  }),
  listStationCases: action<CasesPage<CaseListItem>>()({
    input: S.listStationCasesInput,
    permission: 'cases.listStationCases',
    audit: 'personal-read',
    auditTarget: 'stationId',
  }),
  listPendingApprovals: action<CasesPage<CaseListItem>>()({
    input: S.listPendingApprovalsInput,
    permission: 'cases.listPendingApprovals',
  }),
  listCasesForPerson: action<{ items: CaseListItem[] }>()({
    input: S.listCasesForPersonInput,
    permission: 'cases.listCasesForPerson',
    audit: 'personal-read',
    auditTarget: 'personId',
  }),
  listMyCaseFollowUps: action<CasesPage<CaseFollowUpDto>>()({
    input: S.listMyCaseFollowUpsInput,
    permission: 'cases.listMyCaseFollowUps',
  }),
  countCompletedCases: action<CompletedCasesCount>()({
    input: S.countCompletedCasesInput,
    permission: 'cases.countCompletedCases',
  }),
});

/** Action names of the cases function. */
export type CasesAction = keyof typeof casesContract.actions;
/** Input type per action (as the caller sends it). */
export type CasesInputs = InputsOf<typeof casesContract>;
/** Output type per action. */
export type CasesOutputs = OutputsOf<typeof casesContract>;
