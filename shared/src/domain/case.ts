import { defineTransitions, actionsFrom, transition, type TransitionTable } from './lifecycle';
import { daysBetween } from './slot';

/**
 * Casework (个案, issue 11) through the six stages of MZ/T 094-2017
 * 《社会工作方法 个案工作》:
 *
 *   接案 intake → 预估 assessment → 计划 plan → 介入 intervention → 评估 evaluation → 结案 closure
 *
 * A case is in one STATUS; the status belongs to one STAGE (a plan waiting
 * for approval is still the plan stage). The moves between statuses are one
 * transition table ({@link CASE_TRANSITIONS}) in the shared lifecycle form
 * (./lifecycle.ts, the same as the request lifecycle). On top of the table,
 * {@link decideCaseTransition} checks what each move needs (a reason, a
 * complete stage record, at least one intervention note).
 *
 *   intake ──accept──▶ assessment ──submitAssessment──▶ plan ──submitPlan──▶ plan_review
 *   intake ──decline (reason)──▶ declined                     ◀──refusePlan (reason)──┘
 *   plan_review ──approvePlan──▶ intervention ──startEvaluation──▶ evaluation
 *   intervention ──revisePlan──▶ plan          evaluation ──resumeIntervention (reason)──▶ intervention
 *   assessment | plan | intervention | evaluation ──startClosure──▶ closure ──submitClosure──▶ closure_review
 *   closure_review ──approveClosure──▶ closed     closure_review ──refuseClosure (reason)──▶ closure
 *   closed ──reopen (reason)──▶ intervention
 *
 * Pure: `now` and the case are parameters.
 */

// ---------------------------------------------------------------- stages

/** The six stages of the standard, in order. */
export const CASE_STAGES = ['intake', 'assessment', 'plan', 'intervention', 'evaluation', 'closure'] as const;
/** One of {@link CASE_STAGES}. */
export type CaseStage = (typeof CASE_STAGES)[number];

/** Chinese name per stage (the standard's words). */
export const CASE_STAGE_LABELS: Record<CaseStage, string> = {
  intake: '接案',
  assessment: '预估',
  plan: '计划',
  intervention: '介入',
  evaluation: '评估',
  closure: '结案',
};

/** Every status a case can be in. */
export const CASE_STATUSES = [
  'intake',
  'declined',
  'assessment',
  'plan',
  'plan_review',
  'intervention',
  'evaluation',
  'closure',
  'closure_review',
  'closed',
] as const;
/** One of {@link CASE_STATUSES}. */
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** Chinese label per status (lists, timeline). */
export const CASE_STATUS_LABELS: Record<CaseStatus, string> = {
  intake: '接案中',
  declined: '不予接案',
  assessment: '预估中',
  plan: '制定计划',
  plan_review: '计划待审批',
  intervention: '介入中',
  evaluation: '评估中',
  closure: '结案中',
  closure_review: '结案待审批',
  closed: '已结案',
};

/** The stage of each status (a declined case stayed at intake; a closed one ended at closure). */
export const STAGE_OF_STATUS: Record<CaseStatus, CaseStage> = {
  intake: 'intake',
  declined: 'intake',
  assessment: 'assessment',
  plan: 'plan',
  plan_review: 'plan',
  intervention: 'intervention',
  evaluation: 'evaluation',
  closure: 'closure',
  closure_review: 'closure',
  closed: 'closure',
};

/** Statuses in which nothing is worked any more (a closed case may be reopened). */
export const FINAL_CASE_STATUSES: readonly CaseStatus[] = ['declined', 'closed'];
/** Statuses of a case still being worked (lists "in progress"). */
export const OPEN_CASE_STATUSES: readonly CaseStatus[] = CASE_STATUSES.filter(
  (s) => !FINAL_CASE_STATUSES.includes(s),
);
/** Statuses waiting for the head or the supervisor. */
export const REVIEW_STATUSES: readonly CaseStatus[] = ['plan_review', 'closure_review'];

/** The filter a case list offers: a stage of the open cases, or the closed / declined ones. */
export const CASE_LIST_FILTERS = [...CASE_STAGES, 'closed', 'declined'] as const;
/** One of {@link CASE_LIST_FILTERS}. */
export type CaseListFilter = (typeof CASE_LIST_FILTERS)[number];

/** The statuses a list filter covers (a stage covers its open statuses only). */
export function statusesOfFilter(filter: CaseListFilter): CaseStatus[] {
  if (filter === 'closed' || filter === 'declined') return [filter];
  return OPEN_CASE_STATUSES.filter((s) => STAGE_OF_STATUS[s] === filter);
}

/** The stage whose record may be saved (drafted) in a status; null when none may. */
export function editableStageOf(status: CaseStatus): CaseStage | null {
  switch (status) {
    case 'intake':
    case 'assessment':
    case 'plan':
    case 'evaluation':
    case 'closure':
      return status;
    default:
      return null;
  }
}

// ------------------------------------------------------------ transitions

/** Every move of a case. */
export const CASE_ACTIONS = [
  'accept',
  'decline',
  'submitAssessment',
  'submitPlan',
  'approvePlan',
  'refusePlan',
  'revisePlan',
  'startEvaluation',
  'resumeIntervention',
  'startClosure',
  'submitClosure',
  'approveClosure',
  'refuseClosure',
  'reopen',
] as const;
/** One of {@link CASE_ACTIONS}. */
export type CaseAction = (typeof CASE_ACTIONS)[number];

/** The moves the case's workers make (advanceCase). */
export const WORKER_CASE_ACTIONS = [
  'accept',
  'decline',
  'submitAssessment',
  'submitPlan',
  'revisePlan',
  'startEvaluation',
  'resumeIntervention',
  'startClosure',
  'submitClosure',
] as const satisfies readonly CaseAction[];
/** One of {@link WORKER_CASE_ACTIONS}. */
export type WorkerCaseAction = (typeof WORKER_CASE_ACTIONS)[number];

/** The decisions of the head or the case's supervisor (decideApproval). */
export const APPROVAL_ACTIONS = [
  'approvePlan',
  'refusePlan',
  'approveClosure',
  'refuseClosure',
] as const satisfies readonly CaseAction[];
/** One of {@link APPROVAL_ACTIONS}. */
export type ApprovalAction = (typeof APPROVAL_ACTIONS)[number];

/** Chinese label per move (buttons, timeline). */
export const CASE_ACTION_LABELS: Record<CaseAction, string> = {
  accept: '接案',
  decline: '不予接案',
  submitAssessment: '完成预估',
  submitPlan: '提交计划审批',
  approvePlan: '批准计划',
  refusePlan: '退回计划',
  revisePlan: '修订计划',
  startEvaluation: '开始评估',
  resumeIntervention: '继续介入',
  startClosure: '开始结案',
  submitClosure: '提交结案审批',
  approveClosure: '批准结案',
  refuseClosure: '退回结案',
  reopen: '重新开案',
};

/** THE case lifecycle: action → (from statuses, to status). */
export const CASE_TRANSITIONS: TransitionTable<CaseAction, CaseStatus> = defineTransitions<
  CaseAction,
  CaseStatus
>({
  accept: { from: ['intake'], to: 'assessment' },
  decline: { from: ['intake'], to: 'declined' },
  submitAssessment: { from: ['assessment'], to: 'plan' },
  submitPlan: { from: ['plan'], to: 'plan_review' },
  approvePlan: { from: ['plan_review'], to: 'intervention' },
  refusePlan: { from: ['plan_review'], to: 'plan' },
  revisePlan: { from: ['intervention'], to: 'plan' },
  startEvaluation: { from: ['intervention'], to: 'evaluation' },
  resumeIntervention: { from: ['evaluation'], to: 'intervention' },
  startClosure: { from: ['assessment', 'plan', 'intervention', 'evaluation'], to: 'closure' },
  submitClosure: { from: ['closure'], to: 'closure_review' },
  approveClosure: { from: ['closure_review'], to: 'closed' },
  refuseClosure: { from: ['closure_review'], to: 'closure' },
  reopen: { from: ['closed'], to: 'intervention' },
});

/** Moves that need a reason (recorded in the history and shown to the worker). */
export const REASON_ACTIONS: readonly CaseAction[] = [
  'decline',
  'refusePlan',
  'refuseClosure',
  'reopen',
  'resumeIntervention',
];

/** The worker moves possible from `status` (for buttons). */
export const workerActionsFrom = (status: CaseStatus): WorkerCaseAction[] =>
  actionsFrom(CASE_TRANSITIONS, status, WORKER_CASE_ACTIONS);
/** The approval decisions possible from `status`. */
export const approvalActionsFrom = (status: CaseStatus): ApprovalAction[] =>
  actionsFrom(CASE_TRANSITIONS, status, APPROVAL_ACTIONS);

// ---------------------------------------------------------------- sources

/** Where a case came from (接案来源). */
export const CASE_SOURCES = ['resident_request', 'visit_follow_up', 'referral_in', 'outreach'] as const;
/** One of {@link CASE_SOURCES}. */
export type CaseSource = (typeof CASE_SOURCES)[number];
/** Chinese label per source. */
export const CASE_SOURCE_LABELS: Record<CaseSource, string> = {
  resident_request: '居民求助',
  visit_follow_up: '走访发现',
  referral_in: '转介而来',
  outreach: '主动外展',
};

// ------------------------------------------------------------ stage records

/** How the person agreed (consent at intake, agreement to the plan). */
export const AGREEMENT_METHODS = ['书面签字', '口头同意', '监护人同意'] as const;
/** One of {@link AGREEMENT_METHODS}. */
export type AgreementMethod = (typeof AGREEMENT_METHODS)[number];

/** 接案: the presenting problem and the person's consent. (Accepted or declined is the move itself.) */
export interface IntakeRecord {
  presentingProblem: string;
  /** Why the person came, who referred them, first impressions (optional). */
  background: string | null;
  consent: { given: boolean; method: AgreementMethod | null; day: string | null };
}

/** 预估: needs at three levels, strengths, risks, ranked problems; facts apart from judgements. */
export interface AssessmentRecord {
  needs: { individual: string | null; family: string | null; social: string | null };
  strengths: string | null;
  risks: string | null;
  /** Problems in order of priority (first = most pressing). */
  problems: string[];
  /** What was seen and heard (事实). */
  facts: string | null;
  /** The worker's professional judgement (专业判断), kept apart from the facts. */
  judgements: string | null;
}

/** One plan goal: observable and measurable, with an id the evaluation refers to. */
export interface CaseGoal {
  /** Made on the phone (`g1`, `g2`, …); unique within the case. */
  id: string;
  goal: string;
  /** How attainment is observed/measured (e.g. 每周外出活动不少于 2 次). */
  measure: string;
}

/** 计划: goals, strategies, timeline, the person's agreement. */
export interface PlanRecord {
  goals: CaseGoal[];
  strategies: string;
  /** Planned period (Beijing days); `endDay` is when evaluation is due. */
  startDay: string | null;
  endDay: string | null;
  agreement: { agreed: boolean; method: AgreementMethod | null; day: string | null };
}

/** Attainment of one goal. */
export const GOAL_ATTAINMENTS = ['达成', '部分达成', '未达成'] as const;
/** One of {@link GOAL_ATTAINMENTS}. */
export type GoalAttainment = (typeof GOAL_ATTAINMENTS)[number];

/** 评估: attainment per goal, the person's feedback. */
export interface EvaluationRecord {
  goals: Array<{ goalId: string; attainment: GoalAttainment; note: string | null }>;
  feedback: string | null;
  summary: string | null;
}

/** Closure types (结案类型). */
export const CLOSURE_TYPES = ['目标达成', '服务对象退出', '转介', '工作者或服务对象情况变化'] as const;
/** One of {@link CLOSURE_TYPES}. */
export type ClosureType = (typeof CLOSURE_TYPES)[number];

/** Where a referral out goes. */
export const REFERRAL_KINDS = ['社工站', '机构'] as const;
/** One of {@link REFERRAL_KINDS}. */
export type ReferralKind = (typeof REFERRAL_KINDS)[number];

/** The destination of a referral out (closure type 转介). */
export interface ReferralOut {
  kind: ReferralKind;
  /** The other station (kind 社工站). */
  stationId: string | null;
  /** The agency's or station's name. */
  name: string;
  contact: string | null;
}

/** 结案: type, summary, the 回访 follow-up day, the referral destination (转介). */
export interface ClosureRecord {
  type: ClosureType;
  summary: string;
  followUpDay: string | null;
  referral: ReferralOut | null;
}

/** Every stage record by stage (intervention has notes instead, see {@link CaseNote}). */
export interface CaseRecords {
  intake: IntakeRecord | null;
  assessment: AssessmentRecord | null;
  plan: PlanRecord | null;
  evaluation: EvaluationRecord | null;
  closure: ClosureRecord | null;
}
/** A stage that has a record (all but intervention). */
export type RecordStage = keyof CaseRecords;
/** The stages with a record form. */
export const RECORD_STAGES: readonly RecordStage[] = [
  'intake',
  'assessment',
  'plan',
  'evaluation',
  'closure',
];

/** How an intervention session took place. */
export const NOTE_MODES = ['面谈', '上门', '电话', '视频', '小组', '其他'] as const;
/** One of {@link NOTE_MODES}. */
export type NoteMode = (typeof NOTE_MODES)[number];

/** 介入: one note per session, written on the phone (outbox). */
export interface CaseNote {
  /** The phone's id. */
  id: string;
  caseId: string;
  day: string;
  minutes: number;
  mode: NoteMode;
  done: string;
  progress: string | null;
  nextStep: string | null;
  /** Plan goals the session worked on. */
  goalIds: string[];
}

/** Limits of case inputs (a call's JSON stays well under 100 KB). */
export const CASE_LIMITS = {
  persons: 10,
  assistants: 5,
  goals: 10,
  problems: 10,
  longChars: 2000,
  textChars: 500,
  shortChars: 100,
  attachments: 30,
  /** History entries a case keeps (a case with more changes is refused; far beyond practice). */
  history: 500,
  noteMinutes: 600,
  maxVersion: 100_000,
} as const;

// ------------------------------------------------------------ decisions

/** What a transition needs to know about the case. */
export interface CaseTransitionSubject {
  status: CaseStatus;
  records: CaseRecords;
  noteCount: number;
}

/** Why a move is refused. */
export type CaseTransitionProblem =
  | 'invalid-transition'
  | 'reason-required'
  | 'intake-incomplete'
  | 'consent-missing'
  | 'assessment-incomplete'
  | 'plan-incomplete'
  | 'agreement-missing'
  | 'notes-required'
  | 'closure-incomplete'
  | 'referral-missing';

/** Chinese message per refused move (what to do). */
export const CASE_PROBLEM_MESSAGES: Record<CaseTransitionProblem, string> = {
  'invalid-transition': '个案当前的阶段不能进行这个操作，请刷新后查看最新状态',
  'reason-required': '请填写原因，方便社工了解情况',
  'intake-incomplete': '请先在接案记录中填写服务对象的主要问题',
  'consent-missing': '请先记录服务对象同意接受服务（知情同意）后再接案',
  'assessment-incomplete': '请先在预估记录中填写需求和需要解决的问题（至少一项）',
  'plan-incomplete': '请先在服务计划中填写至少一个可衡量的目标和介入策略',
  'agreement-missing': '请先记录服务对象同意这份服务计划',
  'notes-required': '请先记录至少一次介入服务后再开始评估',
  'closure-incomplete': '请先在结案记录中选择结案类型并填写结案小结',
  'referral-missing': '转介结案请填写转介去向（社工站或机构）',
};

const filled = (s: string | null | undefined): boolean => !!s && s.trim().length > 0;

/** True when the assessment has at least one need and one ranked problem. */
export const isAssessmentComplete = (a: AssessmentRecord | null): boolean =>
  !!a &&
  (filled(a.needs.individual) || filled(a.needs.family) || filled(a.needs.social)) &&
  a.problems.length > 0;

/** True when the plan has a goal and strategies. */
export const isPlanComplete = (p: PlanRecord | null): boolean =>
  !!p && p.goals.length > 0 && filled(p.strategies);

/**
 * True when the evaluation rates every goal of the plan (at least one). A
 * case whose plan has no goals (closed before planning) has no complete
 * evaluation.
 */
export function isEvaluationComplete(records: Pick<CaseRecords, 'plan' | 'evaluation'>): boolean {
  const e = records.evaluation;
  if (!e || e.goals.length === 0) return false;
  const rated = new Set(e.goals.map((g) => g.goalId));
  return (records.plan?.goals ?? []).every((g) => rated.has(g.id));
}

/** True when the closure record has a type and a summary (and a destination for 转介). */
export const isClosureComplete = (c: ClosureRecord | null): boolean =>
  !!c && filled(c.summary) && (c.type !== '转介' || (!!c.referral && filled(c.referral.name)));

/** The refusal of a move that the records do not support yet (null: fine). */
function recordProblem(c: CaseTransitionSubject, action: CaseAction): CaseTransitionProblem | null {
  const r = c.records;
  switch (action) {
    case 'accept':
      if (!r.intake || !filled(r.intake.presentingProblem)) return 'intake-incomplete';
      if (!r.intake.consent.given) return 'consent-missing';
      return null;
    case 'submitAssessment':
      return isAssessmentComplete(r.assessment) ? null : 'assessment-incomplete';
    case 'submitPlan':
      if (!isPlanComplete(r.plan)) return 'plan-incomplete';
      return r.plan?.agreement.agreed ? null : 'agreement-missing';
    case 'startEvaluation':
      return c.noteCount > 0 ? null : 'notes-required';
    case 'submitClosure':
      if (r.closure?.type === '转介' && !(r.closure.referral && filled(r.closure.referral.name)))
        return 'referral-missing';
      return isClosureComplete(r.closure) ? null : 'closure-incomplete';
    default:
      return null;
  }
}

/**
 * Decides a move: the new status, or why not. The table first, then a
 * reason where one is needed, then what the records must hold.
 */
export function decideCaseTransition(
  c: CaseTransitionSubject,
  action: CaseAction,
  reason?: string | null,
): { ok: true; from: CaseStatus; to: CaseStatus } | { ok: false; problem: CaseTransitionProblem } {
  const moved = transition(CASE_TRANSITIONS, c.status, action);
  if (!moved.ok) return moved;
  if (REASON_ACTIONS.includes(action) && !filled(reason)) return { ok: false, problem: 'reason-required' };
  const problem = recordProblem(c, action);
  return problem ? { ok: false, problem } : moved;
}

// ---------------------------------------------------------------- history

/** What a history entry records: a move, or another change of the case. */
export type CaseEventKind =
  | CaseAction
  | 'open'
  | 'transfer'
  | 'assistants'
  | 'supervisor'
  | 'refer'
  | 'attach'
  | 'followUpDone';

/** Chinese label per history entry kind (timeline). */
export const CASE_EVENT_LABELS: Record<CaseEventKind, string> = {
  ...CASE_ACTION_LABELS,
  open: '开案',
  transfer: '转交社工',
  assistants: '调整协助社工',
  supervisor: '指定督导',
  refer: '转介结案',
  attach: '上传附件',
  followUpDone: '完成回访',
};

/** One entry of a case's history (who and when; stored on the case, see docs/decisions.md). */
export interface CaseEvent {
  kind: CaseEventKind;
  /** Status before and after (equal for changes that are not moves). */
  from: CaseStatus | null;
  to: CaseStatus;
  at: Date;
  /** users._id of who made the change. */
  by: string;
  reason: string | null;
  /** A transfer's new lead worker, a supervisor's id, an attachment's fileId, … */
  detail: string | null;
}

// ---------------------------------------------------------------- waiting

/** Days without a note after which an intervention is "notes due". */
export const NOTE_DUE_DAYS = 14;

/** Why a case waits on its lead worker. */
export const CASE_WAITING = [
  'plan-refused',
  'closure-refused',
  'notes-due',
  'evaluation-due',
  'follow-up-due',
] as const;
/** One of {@link CASE_WAITING}. */
export type CaseWaiting = (typeof CASE_WAITING)[number];
/** Chinese label per waiting reason. */
export const CASE_WAITING_LABELS: Record<CaseWaiting, string> = {
  'plan-refused': '计划被退回，需修改',
  'closure-refused': '结案被退回，需修改',
  'notes-due': `超过 ${NOTE_DUE_DAYS} 天没有介入记录`,
  'evaluation-due': '计划期限已到，需要评估',
  'follow-up-due': '回访日期已到',
};

/** What {@link waitingOf} needs to know. */
export interface CaseWaitingSubject {
  status: CaseStatus;
  /** The last refusal still standing (cleared when the stage is submitted again). */
  refusal: { action: 'refusePlan' | 'refuseClosure' } | null;
  /** Beijing day of the last intervention note, or of the plan's approval when none yet. */
  lastNoteDay: string | null;
  planEndDay: string | null;
  followUpDay: string | null;
  followUpDone: boolean;
}

/** What a case waits on its lead worker for, on Beijing day `today`. */
export function waitingOf(c: CaseWaitingSubject, today: string): CaseWaiting[] {
  const out: CaseWaiting[] = [];
  if (c.status === 'plan' && c.refusal?.action === 'refusePlan') out.push('plan-refused');
  if (c.status === 'closure' && c.refusal?.action === 'refuseClosure') out.push('closure-refused');
  if (c.status === 'intervention') {
    if (!c.lastNoteDay || daysBetween(c.lastNoteDay, today) > NOTE_DUE_DAYS) out.push('notes-due');
    if (c.planEndDay && c.planEndDay <= today) out.push('evaluation-due');
  }
  if (c.status === 'closed' && c.followUpDay && !c.followUpDone && c.followUpDay <= today)
    out.push('follow-up-due');
  return out;
}

// ---------------------------------------------------------------- files

/** The folder a case's attachments (scanned forms, photos) are uploaded to. */
export const caseUploadDir = (caseId: string): string => `cases/${caseId}/`;

/** Kinds of attachment. */
export const ATTACHMENT_KINDS = ['知情同意书', '服务协议', '评估量表', '照片', '其他'] as const;
/** One of {@link ATTACHMENT_KINDS}. */
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

/**
 * True when `fileId` lies in the case's folder `cases/<caseId>/<name>` (one
 * level, a plain file name). The function hands out temp URLs with the
 * environment's rights, so a file elsewhere is refused.
 */
export function isCaseFile(fileId: string, caseId: string): boolean {
  const m = /^cloud:\/\/[^/]+\/(.+)$/.exec(fileId);
  const path = m?.[1];
  if (!path || !path.startsWith(caseUploadDir(caseId))) return false;
  return /^[A-Za-z0-9_-]{1,64}(\.[A-Za-z0-9]{1,5})?$/.test(path.slice(caseUploadDir(caseId).length));
}
