import {
  CASE_STATUSES,
  CASE_TRANSITIONS,
  STAGE_OF_STATUS,
  decideCaseTransition,
  editableStageOf,
  isCaseFile,
  isEvaluationComplete,
  statusesOfFilter,
  waitingOf,
  workerActionsFrom,
  approvalActionsFrom,
  type CaseRecords,
  type CaseStatus,
  type CaseTransitionSubject,
} from './case';

const full: CaseRecords = {
  intake: {
    presentingProblem: '独居老人，近期跌倒后不敢出门',
    background: null,
    consent: { given: true, method: '书面签字', day: '2026-03-01' },
  },
  assessment: {
    needs: { individual: '行动不便，需要康复', family: null, social: '与邻里来往少' },
    strengths: '愿意配合',
    risks: '再次跌倒',
    problems: ['跌倒风险', '社交孤立'],
    facts: '家中地面湿滑',
    judgements: '存在抑郁倾向',
  },
  plan: {
    goals: [
      { id: 'g1', goal: '每周外出两次', measure: '社工记录外出次数' },
      { id: 'g2', goal: '家中加装扶手', measure: '扶手安装完成' },
    ],
    strategies: '链接康复资源，组织邻里互助',
    startDay: '2026-03-10',
    endDay: '2026-06-10',
    agreement: { agreed: true, method: '书面签字', day: '2026-03-09' },
  },
  evaluation: {
    goals: [
      { goalId: 'g1', attainment: '达成', note: null },
      { goalId: 'g2', attainment: '部分达成', note: null },
    ],
    feedback: '很满意',
    summary: null,
  },
  closure: { type: '目标达成', summary: '目标基本达成', followUpDay: '2026-07-10', referral: null },
};
const empty: CaseRecords = { intake: null, assessment: null, plan: null, evaluation: null, closure: null };
const at = (status: CaseStatus, records: CaseRecords = full, noteCount = 3): CaseTransitionSubject => ({
  status,
  records,
  noteCount,
});

describe('case lifecycle', () => {
  it('walks the six stages with both approvals', () => {
    let status: CaseStatus = 'intake';
    const seen: CaseStatus[] = [status];
    for (const action of [
      'accept',
      'submitAssessment',
      'submitPlan',
      'approvePlan',
      'startEvaluation',
      'startClosure',
      'submitClosure',
      'approveClosure',
    ] as const) {
      const d = decideCaseTransition(at(status), action);
      if (!d.ok) throw new Error(`${action} refused from ${status}: ${d.problem}`);
      status = d.to;
      seen.push(status);
    }
    expect(seen.map((s) => STAGE_OF_STATUS[s])).toEqual([
      'intake',
      'assessment',
      'plan',
      'plan',
      'intervention',
      'evaluation',
      'closure',
      'closure',
      'closure',
    ]);
    expect(status).toBe('closed');
  });

  it('a refusal needs a reason and sends the case back to the stage', () => {
    expect(decideCaseTransition(at('plan_review'), 'refusePlan')).toEqual({
      ok: false,
      problem: 'reason-required',
    });
    expect(decideCaseTransition(at('plan_review'), 'refusePlan', '  ')).toEqual({
      ok: false,
      problem: 'reason-required',
    });
    expect(decideCaseTransition(at('plan_review'), 'refusePlan', '目标不可衡量')).toEqual({
      ok: true,
      from: 'plan_review',
      to: 'plan',
    });
    expect(decideCaseTransition(at('closure_review'), 'refuseClosure', '缺少回访安排')).toMatchObject({
      ok: true,
      to: 'closure',
    });
  });

  it('refuses every move the table does not allow, from every status', () => {
    for (const status of CASE_STATUSES) {
      for (const action of Object.keys(CASE_TRANSITIONS) as Array<keyof typeof CASE_TRANSITIONS>) {
        const allowed = CASE_TRANSITIONS[action].from.includes(status);
        const d = decideCaseTransition(at(status), action, '原因');
        if (!allowed) expect(d).toEqual({ ok: false, problem: 'invalid-transition' });
        else expect(d.ok).toBe(true);
      }
    }
  });

  it('declined and closed are final except a reopen of a closed case (with a reason)', () => {
    expect(workerActionsFrom('declined')).toEqual([]);
    expect(approvalActionsFrom('declined')).toEqual([]);
    expect(decideCaseTransition(at('closed'), 'reopen')).toEqual({ ok: false, problem: 'reason-required' });
    expect(decideCaseTransition(at('closed'), 'reopen', '服务对象再次跌倒')).toMatchObject({
      ok: true,
      to: 'intervention',
    });
  });

  it('checks what each move needs from the records', () => {
    expect(decideCaseTransition(at('intake', empty), 'accept')).toEqual({
      ok: false,
      problem: 'intake-incomplete',
    });
    const noConsent = {
      ...full,
      intake: { ...full.intake!, consent: { given: false, method: null, day: null } },
    };
    expect(decideCaseTransition(at('intake', noConsent), 'accept')).toEqual({
      ok: false,
      problem: 'consent-missing',
    });
    expect(decideCaseTransition(at('intake', empty), 'decline', '不属于服务范围')).toMatchObject({
      ok: true,
    });
    expect(decideCaseTransition(at('assessment', empty), 'submitAssessment')).toEqual({
      ok: false,
      problem: 'assessment-incomplete',
    });
    expect(decideCaseTransition(at('plan', empty), 'submitPlan')).toEqual({
      ok: false,
      problem: 'plan-incomplete',
    });
    const notAgreed = {
      ...full,
      plan: { ...full.plan!, agreement: { agreed: false, method: null, day: null } },
    };
    expect(decideCaseTransition(at('plan', notAgreed), 'submitPlan')).toEqual({
      ok: false,
      problem: 'agreement-missing',
    });
    expect(decideCaseTransition(at('intervention', full, 0), 'startEvaluation')).toEqual({
      ok: false,
      problem: 'notes-required',
    });
    expect(decideCaseTransition(at('closure', empty), 'submitClosure')).toEqual({
      ok: false,
      problem: 'closure-incomplete',
    });
    const referralNoDestination = {
      ...full,
      closure: { type: '转介' as const, summary: '转介', followUpDay: null, referral: null },
    };
    expect(decideCaseTransition(at('closure', referralNoDestination), 'submitClosure')).toEqual({
      ok: false,
      problem: 'referral-missing',
    });
  });

  it('an evaluation is complete when it rates every goal of the plan', () => {
    expect(isEvaluationComplete(full)).toBe(true);
    expect(
      isEvaluationComplete({
        plan: full.plan,
        evaluation: { ...full.evaluation!, goals: [full.evaluation!.goals[0]!] },
      }),
    ).toBe(false);
    expect(isEvaluationComplete({ plan: full.plan, evaluation: null })).toBe(false);
    expect(
      isEvaluationComplete({ plan: null, evaluation: { goals: [], feedback: 'x', summary: null } }),
    ).toBe(false);
  });

  it('only the current stage’s record is editable, and never while waiting for approval', () => {
    expect(editableStageOf('plan')).toBe('plan');
    expect(editableStageOf('plan_review')).toBeNull();
    expect(editableStageOf('intervention')).toBeNull();
    expect(editableStageOf('closed')).toBeNull();
  });

  it('list filters: a stage covers its open statuses; closed and declined apart', () => {
    expect(statusesOfFilter('plan')).toEqual(['plan', 'plan_review']);
    expect(statusesOfFilter('closure')).toEqual(['closure', 'closure_review']);
    expect(statusesOfFilter('closed')).toEqual(['closed']);
  });
});

describe('waiting on the lead worker', () => {
  const base = {
    refusal: null,
    lastNoteDay: '2026-03-01',
    planEndDay: '2026-06-10',
    followUpDay: null,
    followUpDone: false,
  };
  it('a refused plan or closure', () => {
    expect(waitingOf({ ...base, status: 'plan', refusal: { action: 'refusePlan' } }, '2026-03-02')).toEqual([
      'plan-refused',
    ]);
    expect(
      waitingOf({ ...base, status: 'closure', refusal: { action: 'refuseClosure' } }, '2026-03-02'),
    ).toEqual(['closure-refused']);
  });
  it('notes due after 14 days without one; evaluation due at the plan’s end', () => {
    expect(waitingOf({ ...base, status: 'intervention' }, '2026-03-15')).toEqual([]);
    expect(waitingOf({ ...base, status: 'intervention' }, '2026-03-16')).toEqual(['notes-due']);
    expect(waitingOf({ ...base, status: 'intervention', lastNoteDay: '2026-06-09' }, '2026-06-10')).toEqual([
      'evaluation-due',
    ]);
  });
  it('a 回访 due on or before today, until done', () => {
    const c = { ...base, status: 'closed' as const, followUpDay: '2026-07-10' };
    expect(waitingOf(c, '2026-07-09')).toEqual([]);
    expect(waitingOf(c, '2026-07-10')).toEqual(['follow-up-due']);
    expect(waitingOf({ ...c, followUpDone: true }, '2026-07-11')).toEqual([]);
  });
});

describe('case files', () => {
  it('accepts a file in the case’s folder only', () => {
    expect(isCaseFile('cloud://env-1.bucket/cases/case-abc12345/consent-1.jpg', 'case-abc12345')).toBe(true);
    expect(isCaseFile('cloud://env-1.bucket/cases/case-other123/consent-1.jpg', 'case-abc12345')).toBe(false);
    expect(isCaseFile('cloud://env-1.bucket/cases/case-abc12345/../x.jpg', 'case-abc12345')).toBe(false);
    expect(isCaseFile('cloud://env-1.bucket/outbox/visit/v1/1.jpg', 'case-abc12345')).toBe(false);
  });
});
