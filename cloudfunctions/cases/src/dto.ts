import type {
  CaseAllowed,
  CaseAttachmentDto,
  CaseDetail,
  CaseEventDto,
  CaseListItem,
  CaseNoteDto,
  CasePersonDto,
  CaseView,
} from '../../../shared/src/contracts/cases';
import {
  AGREEMENT_METHODS,
  ATTACHMENT_KINDS,
  CASE_ACTIONS,
  CASE_SOURCES,
  CASE_STATUSES,
  CLOSURE_TYPES,
  GOAL_ATTAINMENTS,
  NOTE_MODES,
  REFERRAL_KINDS,
  STAGE_OF_STATUS,
  approvalActionsFrom,
  waitingOf,
  workerActionsFrom,
  type CaseEventKind,
  type CaseRecords,
  type CaseStatus,
} from '../../../shared/src/domain/case';
import { maskName } from '../../../shared/src/masking';
import {
  canReopen,
  canSetSupervisor,
  canTransfer,
  isApprover,
  isTeam,
  type CaseRoles,
  type CaseTeam,
} from './access';
import type { RawDoc } from './repo';

/** Readers of stored cases and notes (tolerating a missing field) and the answers' shapes. */

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown, d = 0): number => (typeof v === 'number' ? v : d);
const oneOf = <T extends string>(values: readonly T[], v: unknown, d: T): T =>
  (values as readonly unknown[]).includes(v) ? (v as T) : d;
const oneOfOrNull = <T extends string>(values: readonly T[], v: unknown): T | null =>
  (values as readonly unknown[]).includes(v) ? (v as T) : null;
const iso = (v: unknown): string =>
  v instanceof Date ? v.toISOString() : typeof v === 'string' ? new Date(v).toISOString() : '';
const isoOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : iso(v));
const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
const objects = (v: unknown): Record<string, unknown>[] => (Array.isArray(v) ? v.filter(isObj) : []);
const obj = (v: unknown): Record<string, unknown> => (isObj(v) ? v : {});

/** The status of a stored case. */
export const statusOf = (d: RawDoc): CaseStatus => oneOf(CASE_STATUSES, d.status, 'intake');

/** The team fields of a stored case (for the access rule). */
export const teamOf = (d: RawDoc): CaseTeam => ({
  stationId: String(d.stationId ?? ''),
  leadWorkerId: String(d.leadWorkerId ?? ''),
  assistantIds: strings(d.assistantIds),
  supervisorId: str(d.supervisorId),
});

const agreementOf = (v: unknown) => {
  const a = obj(v);
  return {
    method: oneOfOrNull(AGREEMENT_METHODS, a.method),
    day: str(a.day),
  };
};

/** The stage records of a stored case, normalised (every field present). */
export function recordsOf(d: RawDoc): CaseRecords {
  const r = obj(d.records);
  const intake = isObj(r.intake) ? r.intake : null;
  const assessment = isObj(r.assessment) ? r.assessment : null;
  const plan = isObj(r.plan) ? r.plan : null;
  const evaluation = isObj(r.evaluation) ? r.evaluation : null;
  const closure = isObj(r.closure) ? r.closure : null;
  return {
    intake: intake && {
      presentingProblem: str(intake.presentingProblem) ?? '',
      background: str(intake.background),
      consent: { given: obj(intake.consent).given === true, ...agreementOf(intake.consent) },
    },
    assessment: assessment && {
      needs: {
        individual: str(obj(assessment.needs).individual),
        family: str(obj(assessment.needs).family),
        social: str(obj(assessment.needs).social),
      },
      strengths: str(assessment.strengths),
      risks: str(assessment.risks),
      problems: strings(assessment.problems),
      facts: str(assessment.facts),
      judgements: str(assessment.judgements),
    },
    plan: plan && {
      goals: objects(plan.goals).map((g) => ({
        id: String(g.id ?? ''),
        goal: String(g.goal ?? ''),
        measure: String(g.measure ?? ''),
      })),
      strategies: str(plan.strategies) ?? '',
      startDay: str(plan.startDay),
      endDay: str(plan.endDay),
      agreement: { agreed: obj(plan.agreement).agreed === true, ...agreementOf(plan.agreement) },
    },
    evaluation: evaluation && {
      goals: objects(evaluation.goals).map((g) => ({
        goalId: String(g.goalId ?? ''),
        attainment: oneOf(GOAL_ATTAINMENTS, g.attainment, '未达成'),
        note: str(g.note),
      })),
      feedback: str(evaluation.feedback),
      summary: str(evaluation.summary),
    },
    closure: closure && {
      type: oneOf(CLOSURE_TYPES, closure.type, '目标达成'),
      summary: str(closure.summary) ?? '',
      followUpDay: str(closure.followUpDay),
      referral: isObj(closure.referral)
        ? {
            kind: oneOf(REFERRAL_KINDS, closure.referral.kind, '机构'),
            stationId: str(closure.referral.stationId),
            name: String(closure.referral.name ?? ''),
            contact: str(closure.referral.contact),
          }
        : null,
    },
  };
}

/** Names of the persons of a case: `张*` unless `full`. */
export const personsOf = (d: RawDoc, names: ReadonlyMap<string, RawDoc>, full: boolean): CasePersonDto[] =>
  strings(d.personIds).map((id) => {
    const name = str(names.get(id)?.name) ?? '';
    return { id, name: full ? name : (maskName(name) ?? '') };
  });

/** The standing refusal of a stored case. */
const refusalOf = (d: RawDoc): CaseDetail['refusal'] => {
  if (!isObj(d.refusal)) return null;
  const action = d.refusal.action === 'refuseClosure' ? 'refuseClosure' : 'refusePlan';
  return {
    action,
    reason: String(d.refusal.reason ?? ''),
    at: iso(d.refusal.at),
    by: String(d.refusal.by ?? ''),
  };
};

/** One case in a list (names masked, no record text). */
export function toCaseListItem(
  d: RawDoc,
  names: ReadonlyMap<string, RawDoc>,
  today: string,
  full = false,
): CaseListItem {
  const status = statusOf(d);
  const refusal = refusalOf(d);
  return {
    id: d._id,
    stationId: String(d.stationId ?? ''),
    version: num(d.version, 1),
    status,
    stage: STAGE_OF_STATUS[status],
    persons: personsOf(d, names, full),
    source: oneOf(CASE_SOURCES, d.source, 'outreach'),
    leadWorkerId: String(d.leadWorkerId ?? ''),
    assistantIds: strings(d.assistantIds),
    supervisorId: str(d.supervisorId),
    waiting: waitingOf(
      {
        status,
        refusal: refusal ? { action: refusal.action } : null,
        lastNoteDay: str(d.lastNoteDay),
        planEndDay: str(d.planEndDay),
        followUpDay: str(d.followUpDay),
        followUpDone: d.followUpDone === true,
      },
      today,
    ),
    noteCount: num(d.noteCount),
    lastNoteDay: str(d.lastNoteDay),
    closureType: oneOfOrNull(CLOSURE_TYPES, d.closureType),
    followUpDay: str(d.followUpDay),
    followUpDone: d.followUpDone === true,
    openedAt: iso(d.openedAt),
    updatedAt: iso(d.updatedAt),
  };
}

const EVENT_KINDS: readonly CaseEventKind[] = [
  ...CASE_ACTIONS,
  'open',
  'transfer',
  'assistants',
  'supervisor',
  'refer',
  'attach',
  'followUpDone',
];

/** The history of a stored case, oldest first. */
export const historyOf = (d: RawDoc): CaseEventDto[] =>
  objects(d.history).map((e) => ({
    kind: oneOf(EVENT_KINDS, e.kind, 'open'),
    from: oneOfOrNull(CASE_STATUSES, e.from),
    to: oneOf(CASE_STATUSES, e.to, 'intake'),
    at: iso(e.at),
    by: String(e.by ?? ''),
    reason: str(e.reason),
    detail: str(e.detail),
  }));

/** What the caller may do with the case now. */
export function allowedOf(d: RawDoc, roles: CaseRoles): CaseAllowed {
  const status = statusOf(d);
  const team = isTeam(roles);
  return {
    edit: team && status !== 'declined' && status !== 'closed',
    moves: team ? workerActionsFrom(status) : [],
    approvals: isApprover(roles) ? approvalActionsFrom(status) : [],
    reopen: canReopen(roles) && status === 'closed',
    transfer: canTransfer(roles) && status !== 'declined' && status !== 'closed',
    setSupervisor: canSetSupervisor(roles) && status !== 'declined' && status !== 'closed',
  };
}

/** One case, whole. */
export function toCaseDetail(
  d: RawDoc,
  view: CaseView,
  roles: CaseRoles,
  extra: {
    names: ReadonlyMap<string, RawDoc>;
    urls: ReadonlyMap<string, string | null>;
    today: string;
    completedYear: number | null;
  },
): CaseDetail {
  const records = recordsOf(d);
  return {
    ...toCaseListItem(d, extra.names, extra.today, view === 'team'),
    view,
    originId: str(d.originId),
    referredBy: str(d.referredBy),
    records,
    refusal: refusalOf(d),
    closureApprovedAt: isoOrNull(d.closureApprovedAt),
    completedYear: extra.completedYear,
    followUpNote: str(d.followUpNote),
    history: historyOf(d),
    attachments: attachmentsOf(d, extra.urls),
    allowed: allowedOf(d, roles),
  };
}

/** The attachments of a stored case with their links (null when none handed out). */
export const attachmentsOf = (d: RawDoc, urls: ReadonlyMap<string, string | null>): CaseAttachmentDto[] =>
  objects(d.attachments).map((a) => ({
    fileId: String(a.fileId ?? ''),
    kind: oneOf(ATTACHMENT_KINDS, a.kind, '其他'),
    caption: str(a.caption),
    url: urls.get(String(a.fileId ?? '')) ?? null,
    addedBy: String(a.addedBy ?? ''),
    addedAt: iso(a.addedAt),
  }));

/** One note. */
export const toNoteDto = (d: RawDoc): CaseNoteDto => ({
  id: d._id,
  caseId: String(d.caseId ?? ''),
  version: num(d.version, 1),
  day: String(d.day ?? ''),
  minutes: num(d.minutes),
  mode: oneOf(NOTE_MODES, d.mode, '其他'),
  done: String(d.done ?? ''),
  progress: str(d.progress),
  nextStep: str(d.nextStep),
  goalIds: strings(d.goalIds),
  by: String(d.by ?? ''),
  receivedAt: iso(d.receivedAt),
  conflictCount: objects(d.conflicts).length,
});
