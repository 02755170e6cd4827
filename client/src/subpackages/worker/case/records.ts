import type { CaseDetail, RecordStage } from '@sgz/shared';

const t = (s: string | null | undefined): string => (s && s.trim() ? s.trim() : '未填写');

/** The lines the case page shows for one stage record (what was recorded, in words). */
export function recordLines(c: Pick<CaseDetail, 'records'>, stage: RecordStage): string[] {
  const r = c.records;
  switch (stage) {
    case 'intake': {
      const x = r.intake;
      if (!x) return [];
      return [
        `主要问题：${t(x.presentingProblem)}`,
        ...(x.background ? [`背景情况：${x.background}`] : []),
        `知情同意：${x.consent.given ? `已同意（${x.consent.method ?? '方式未填'}${x.consent.day ? `，${x.consent.day}` : ''}）` : '未记录'}`,
      ];
    }
    case 'assessment': {
      const x = r.assessment;
      if (!x) return [];
      return [
        `个人层面需求：${t(x.needs.individual)}`,
        `家庭层面需求：${t(x.needs.family)}`,
        `社会层面需求：${t(x.needs.social)}`,
        `优势和资源：${t(x.strengths)}`,
        `风险：${t(x.risks)}`,
        `需要解决的问题（按优先次序）：${x.problems.length ? x.problems.map((p, i) => `${i + 1}. ${p}`).join(' ') : '未填写'}`,
        `事实情况：${t(x.facts)}`,
        `专业判断：${t(x.judgements)}`,
      ];
    }
    case 'plan': {
      const x = r.plan;
      if (!x) return [];
      return [
        ...x.goals.map((g, i) => `目标 ${i + 1}：${g.goal}（衡量：${g.measure}）`),
        `介入策略：${t(x.strategies)}`,
        `计划期限：${x.startDay ?? '未填'} 至 ${x.endDay ?? '未填'}`,
        `服务对象同意：${x.agreement.agreed ? `已同意（${x.agreement.method ?? '方式未填'}）` : '未记录'}`,
      ];
    }
    case 'evaluation': {
      const x = r.evaluation;
      if (!x) return [];
      const goals = new Map((r.plan?.goals ?? []).map((g) => [g.id, g.goal]));
      return [
        ...x.goals.map(
          (g) => `${goals.get(g.goalId) ?? '目标'}：${g.attainment}${g.note ? `（${g.note}）` : ''}`,
        ),
        `服务对象的反馈：${t(x.feedback)}`,
        `评估小结：${t(x.summary)}`,
      ];
    }
    case 'closure': {
      const x = r.closure;
      if (!x) return [];
      return [
        `结案类型：${t(x.type)}`,
        `结案小结：${t(x.summary)}`,
        `回访日期：${x.followUpDay ?? '未定'}`,
        ...(x.referral
          ? [
              `转介去向：${x.referral.kind} ${x.referral.name}${x.referral.contact ? `（${x.referral.contact}）` : ''}`,
            ]
          : []),
      ];
    }
    default:
      return [];
  }
}
