import {
  CASE_ACTION_LABELS,
  CASE_PROBLEM_MESSAGES,
  REASON_ACTIONS,
  type ApprovalAction,
  type CaseAction,
  type WorkerCaseAction,
} from '@sgz/shared';

/**
 * What the case page asks before a move (the themed ConfirmDialog): the question,
 * what happens, whether a reason must be typed, and the verb of the button.
 */
export interface MoveSpec {
  title: string;
  lines: string[];
  /** The reason field's label when the move needs one (recorded, shown to the worker). */
  reasonLabel: string | null;
  confirmText: string;
  tone: 'primary' | 'danger';
}

const LINES: Partial<Record<CaseAction, string>> = {
  accept: '接案后进入预估阶段。请确认已记录主要问题和服务对象的知情同意。',
  decline: '不予接案后个案结束，服务对象可以另行求助。',
  submitAssessment: '完成预估后进入计划阶段，预估记录不能再修改。',
  submitPlan: '提交后由站长或督导审批，审批前计划不能修改。',
  revisePlan: '修改计划后个案回到计划阶段，修改后需要重新提交审批。',
  startEvaluation: '开始评估后，请逐个目标评估达成情况。',
  resumeIntervention: '继续介入后个案回到介入阶段。',
  startClosure: '开始结案后，请填写结案类型、小结和回访日期。',
  submitClosure: '提交后由站长或督导审批，批准后个案结案，计入本年度完成的个案。',
  approvePlan: '批准后个案进入介入阶段，社工可以开始记录介入服务。',
  refusePlan: '退回后社工需要修改计划并重新提交。',
  approveClosure: '批准后个案结案。',
  refuseClosure: '退回后社工需要修改结案记录并重新提交。',
  reopen: '重新开案后个案回到介入阶段，本年度的完成个案数会相应减少。',
};

const REASON_LABELS: Partial<Record<CaseAction, string>> = {
  decline: '不予接案的原因',
  refusePlan: '退回原因',
  refuseClosure: '退回原因',
  reopen: '重新开案的原因',
  resumeIntervention: '继续介入的原因',
};

const DANGER: readonly CaseAction[] = ['decline', 'refusePlan', 'refuseClosure'];

/** The dialog of a move. */
export function moveSpec(action: WorkerCaseAction | ApprovalAction | 'reopen'): MoveSpec {
  const label = CASE_ACTION_LABELS[action];
  return {
    title: `${label}吗？`,
    lines: [LINES[action] ?? ''].filter(Boolean),
    reasonLabel: REASON_ACTIONS.includes(action) ? (REASON_LABELS[action] ?? '原因') : null,
    confirmText: label,
    tone: DANGER.includes(action) ? 'danger' : 'primary',
  };
}

/** What a refused move without a reason says (the server says the same). */
export const REASON_REQUIRED = CASE_PROBLEM_MESSAGES['reason-required'];
