import {
  type AgreementMethod,
  type CaseRecords,
  type CasesInputs,
  type ClosureType,
  type GoalAttainment,
  type RecordStage,
  type ReferralKind,
} from '@sgz/shared';
// The schema module alone, inside the worker subpackage (zod stays out of the main package).
import { saveStageRecordInput } from '@sgz/shared/schemas/cases';
import Taro from '@tarojs/taro';
import { readStorage, removeSafe, userKey } from '../../../utils/user-scope';
import { issuesToErrors, type Errors } from '../form-kit';

/**
 * The stage forms of a case (接案, 预估, 计划, 评估, 结案) as typed — strings as typed,
 * rows not filled yet — and how they map to the saveStageRecord input and back.
 * Every change is kept on the phone at once (`keepStageDraft`, by case and stage),
 * then saved to the server; a form reopened (or remounted after WeChat dropped the
 * page) restores what the phone kept when it is newer than the server's record.
 */

export interface IntakeForm {
  presentingProblem: string;
  background: string;
  consentGiven: boolean;
  consentMethod: AgreementMethod | null;
  consentDay: string;
}
export interface AssessmentForm {
  individual: string;
  family: string;
  social: string;
  strengths: string;
  risks: string;
  problems: string[];
  facts: string;
  judgements: string;
}
export interface PlanForm {
  goals: { id: string; goal: string; measure: string }[];
  strategies: string;
  startDay: string;
  endDay: string;
  agreed: boolean;
  method: AgreementMethod | null;
  day: string;
}
export interface EvaluationForm {
  goals: { goalId: string; attainment: GoalAttainment | null; note: string }[];
  feedback: string;
  summary: string;
}
export interface ClosureForm {
  type: ClosureType | null;
  summary: string;
  followUpDay: string;
  referralKind: ReferralKind;
  referralName: string;
  referralContact: string;
}

export interface StageForms {
  intake: IntakeForm;
  assessment: AssessmentForm;
  plan: PlanForm;
  evaluation: EvaluationForm;
  closure: ClosureForm;
}

const s = (v: string | null | undefined): string => v ?? '';
const txt = (v: string): string | null => (v.trim() === '' ? null : v.trim());
const day = (v: string): string | null => (v.trim() === '' ? null : v.trim());

/** The form of a stage from the server's record (null: nothing saved yet). */
export function formOf<S extends RecordStage>(stage: S, records: CaseRecords): StageForms[S] {
  const forms: { [K in RecordStage]: () => StageForms[K] } = {
    intake: () => {
      const r = records.intake;
      return {
        presentingProblem: s(r?.presentingProblem),
        background: s(r?.background),
        consentGiven: r?.consent.given ?? false,
        consentMethod: r?.consent.method ?? null,
        consentDay: s(r?.consent.day),
      };
    },
    assessment: () => {
      const r = records.assessment;
      return {
        individual: s(r?.needs.individual),
        family: s(r?.needs.family),
        social: s(r?.needs.social),
        strengths: s(r?.strengths),
        risks: s(r?.risks),
        problems: r?.problems.length ? [...r.problems] : [''],
        facts: s(r?.facts),
        judgements: s(r?.judgements),
      };
    },
    plan: () => {
      const r = records.plan;
      return {
        goals: r?.goals.length ? r.goals.map((g) => ({ ...g })) : [{ id: 'g1', goal: '', measure: '' }],
        strategies: s(r?.strategies),
        startDay: s(r?.startDay),
        endDay: s(r?.endDay),
        agreed: r?.agreement.agreed ?? false,
        method: r?.agreement.method ?? null,
        day: s(r?.agreement.day),
      };
    },
    evaluation: () => {
      const r = records.evaluation;
      const rated = new Map((r?.goals ?? []).map((g) => [g.goalId, g]));
      return {
        goals: (records.plan?.goals ?? []).map((g) => ({
          goalId: g.id,
          attainment: rated.get(g.id)?.attainment ?? null,
          note: s(rated.get(g.id)?.note),
        })),
        feedback: s(r?.feedback),
        summary: s(r?.summary),
      };
    },
    closure: () => {
      const r = records.closure;
      return {
        type: r?.type ?? null,
        summary: s(r?.summary),
        followUpDay: s(r?.followUpDay),
        referralKind: r?.referral?.kind ?? '机构',
        referralName: s(r?.referral?.name),
        referralContact: s(r?.referral?.contact),
      };
    },
  };
  return forms[stage]();
}

/** The record the form saves: empty parts left out (rows half filled stay on the phone only). */
export function recordOfForm(stage: RecordStage, f: StageForms[RecordStage]): Record<string, unknown> {
  switch (stage) {
    case 'intake': {
      const x = f as IntakeForm;
      return {
        presentingProblem: txt(x.presentingProblem),
        background: txt(x.background),
        consent: { given: x.consentGiven, method: x.consentMethod, day: day(x.consentDay) },
      };
    }
    case 'assessment': {
      const x = f as AssessmentForm;
      return {
        needs: { individual: txt(x.individual), family: txt(x.family), social: txt(x.social) },
        strengths: txt(x.strengths),
        risks: txt(x.risks),
        problems: x.problems.map((p) => p.trim()).filter((p) => p !== ''),
        facts: txt(x.facts),
        judgements: txt(x.judgements),
      };
    }
    case 'plan': {
      const x = f as PlanForm;
      return {
        goals: x.goals
          .filter((g) => g.goal.trim() && g.measure.trim())
          .map((g) => ({ id: g.id, goal: g.goal.trim(), measure: g.measure.trim() })),
        strategies: txt(x.strategies),
        startDay: day(x.startDay),
        endDay: day(x.endDay),
        agreement: { given: x.agreed, method: x.method, day: day(x.day) },
      };
    }
    case 'evaluation': {
      const x = f as EvaluationForm;
      return {
        goals: x.goals
          .filter((g) => g.attainment !== null)
          .map((g) => ({ goalId: g.goalId, attainment: g.attainment, note: txt(g.note) })),
        feedback: txt(x.feedback),
        summary: txt(x.summary),
      };
    }
    case 'closure': {
      const x = f as ClosureForm;
      return {
        type: x.type,
        summary: txt(x.summary),
        followUpDay: day(x.followUpDay),
        referral:
          x.type === '转介' && x.referralName.trim()
            ? { kind: x.referralKind, name: x.referralName.trim(), contact: txt(x.referralContact) }
            : null,
      };
    }
    default:
      return {};
  }
}

/**
 * The saveStageRecord input of a form, checked with the function's own schema:
 * `errors` per form field (a dotted path of the record) when it would be refused.
 */
export function stageInputOf(
  caseId: string,
  version: number,
  stage: RecordStage,
  form: StageForms[RecordStage],
): { ok: true; input: CasesInputs['saveStageRecord'] } | { ok: false; errors: Errors } {
  const input = { caseId, version, stage, record: recordOfForm(stage, form) };
  const res = saveStageRecordInput.safeParse(input);
  if (res.success) return { ok: true, input: input as CasesInputs['saveStageRecord'] };
  return {
    ok: false,
    errors: issuesToErrors(res.error.issues, (path) =>
      path[0] === 'record' ? path.slice(1).join('.') || null : null,
    ),
  };
}

// ------------------------------------------------------------ kept on the phone

/** What the phone keeps of a stage form: the form and the case version it was typed on. */
export interface KeptStageDraft<F> {
  form: F;
  /** The case version the form started from (a newer server version wins over the kept one). */
  version: number;
  /** True once the server stored exactly this form. */
  stored: boolean;
  at: number;
}

const keyOf = (caseId: string, stage: RecordStage) => `case.stage.${caseId}.${stage}`;

/** The kept draft of a stage form, or null. */
export function loadStageDraft<F>(caseId: string, stage: RecordStage): KeptStageDraft<F> | null {
  const v = readStorage(userKey(keyOf(caseId, stage)));
  return v && typeof v === 'object' && 'form' in v ? (v as KeptStageDraft<F>) : null;
}

/** Keeps a stage form on the phone (every change); answers false when storage refused. */
export function keepStageDraft<F>(caseId: string, stage: RecordStage, draft: KeptStageDraft<F>): boolean {
  try {
    Taro.setStorageSync(userKey(keyOf(caseId, stage)), draft);
    return true;
  } catch {
    return false;
  }
}

/** Drops the kept draft (the stage was moved on). */
export const dropStageDraft = (caseId: string, stage: RecordStage): void =>
  removeSafe(userKey(keyOf(caseId, stage)));

/**
 * The form to show: the phone's draft when it was typed on this version or later
 * and not yet stored (what the worker typed last), else the server's record.
 */
export function initialForm<S extends RecordStage>(
  stage: S,
  records: CaseRecords,
  version: number,
  kept: KeptStageDraft<StageForms[S]> | null,
): { form: StageForms[S]; restored: boolean } {
  if (kept && !kept.stored && kept.version >= version) return { form: kept.form, restored: true };
  return { form: formOf(stage, records), restored: false };
}
