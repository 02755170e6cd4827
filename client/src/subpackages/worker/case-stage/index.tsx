import {
  AGREEMENT_METHODS,
  CASE_LIMITS,
  CASE_STAGE_LABELS,
  CLOSURE_TYPES,
  GOAL_ATTAINMENTS,
  REFERRAL_KINDS,
  editableStageOf,
  formatBeijing,
  type CaseDetail,
  type RecordStage,
} from '@sgz/shared';
import { Input, Text, Textarea, View } from '@tarojs/components';
import Taro, { useDidHide, useRouter } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { Button } from '../../../components/Button';
import { FieldError } from '../../../components/FieldError';
import { PageRoot } from '../../../components/PageRoot';
import { StateView, LoadView } from '../../../components/StateView';
import { useLeaveGuard } from '../../../hooks/use-leave-guard';
import { useLoad } from '../../../hooks/use-load';
import { isTransportError } from '../../../services/call';
import { cases } from '../../../services/cases';
import { caseUrl } from '../../../utils/routes';
import { Chips } from '../Chips';
import type { Errors } from '../form-kit';
import {
  initialForm,
  keepStageDraft,
  loadStageDraft,
  stageInputOf,
  type AssessmentForm,
  type ClosureForm,
  type EvaluationForm,
  type IntakeForm,
  type PlanForm,
  type StageForms,
} from './draft';
import '../../../components/staff-page.scss';
import '../person.scss';
import '../visit/index.scss';
import '../case/index.scss';

/** Wait after the last change before the server save. */
export const SERVER_SAVE_MS = 800;

/** What the status line says. 已保存 only once the server stored it. */
export const STAGE_SAVE_TEXT = {
  idle: '填写的内容会先保存在本机，再自动保存到服务器',
  local: '已保存在本机，正在保存到服务器…',
  saved: (at: string) => `已保存（${at}）`,
  offline: '已保存在本机；网络不通，连网后再打开这里会自动保存到服务器',
} as const;

/**
 * A stage record of a case (接案, 预估, 计划, 评估, 结案; issue 11), saved as it is
 * typed: every change is kept on the phone at once (a page WeChat drops, a tap on
 * 返回, the app sent to the background lose nothing), then ~800 ms later saved to
 * the server with saveStageRecord on the case version it was typed on. The status
 * line says 已保存 only once the server stored it. A form reopened shows what the
 * phone kept when the server has not stored it yet.
 */
export default function CaseStagePage() {
  const params = useRouter().params;
  const caseId = params.caseId ?? '';
  const stage = (params.stage ?? '') as RecordStage;
  const loader = useCallback(() => cases.getCase({ caseId }), [caseId]);
  const found = useLoad(loader);
  const c = found.data?.case;
  const editable = c && c.allowed.edit && editableStageOf(c.status) === stage;
  return (
    <PageRoot className="wk">
      <View className="wk__header">
        <Text className="wk__title">{CASE_STAGE_LABELS[stage] ?? ''}记录</Text>
      </View>
      <LoadView
        status={found.status}
        error={found.error}
        onRetry={found.retry}
        loadingText="正在打开个案…"
        errorTitle="个案没有打开"
      />
      {c && editable ? <StageForm key={`${c.id}-${stage}`} c={c} stage={stage} /> : null}
      {c && !editable ? (
        <StateView
          symbol="i"
          title={`现在不能修改${CASE_STAGE_LABELS[stage] ?? ''}记录`}
          description="个案已经进入其他阶段，或您不是这个个案的社工"
          actionText="查看个案"
          onAction={() => void Taro.redirectTo({ url: caseUrl(caseId) })}
        />
      ) : null}
    </PageRoot>
  );
}

type Save =
  | { at: 'idle' | 'local' | 'offline' }
  | { at: 'saved'; when: string }
  | { at: 'invalid' | 'error'; message: string };

function saveText(s: Save): string {
  switch (s.at) {
    case 'saved':
      return STAGE_SAVE_TEXT.saved(s.when);
    case 'invalid':
      return `已保存在本机；${s.message}，改好后会保存到服务器`;
    case 'error':
      return `已保存在本机，但没有保存到服务器：${s.message}`;
    default:
      return STAGE_SAVE_TEXT[s.at];
  }
}

/** The form of one stage (exported for tests). */
export function StageForm({ c, stage }: { c: CaseDetail; stage: RecordStage }) {
  const [start] = useState(() => initialForm(stage, c.records, c.version, loadStageDraft(c.id, stage)));
  const [form, setForm] = useState<StageForms[RecordStage]>(start.form);
  const [errors, setErrors] = useState<Errors>({});
  const [save, setSave] = useState<Save>(start.restored ? { at: 'local' } : { at: 'idle' });
  const [tick, setTick] = useState(start.restored ? 1 : 0);
  const formRef = useRef(form);
  formRef.current = form;
  const version = useRef(c.version);
  const pending = useRef(start.restored);
  const seq = useRef(0);
  const live = useRef(true);

  const persist = useCallback(async () => {
    const mine = (seq.current += 1);
    pending.current = false;
    const f = formRef.current;
    const checked = stageInputOf(c.id, version.current, stage, f);
    if (!checked.ok) {
      if (!live.current) return;
      setErrors(checked.errors);
      setSave({ at: 'invalid', message: Object.values(checked.errors)[0] ?? '有内容需要修改' });
      return;
    }
    const res = await cases.saveStageRecord(checked.input);
    if (res.ok) {
      version.current = res.data.version;
      // Stored: the phone's copy is the server's now (a later change keeps its own).
      if (mine === seq.current && !pending.current)
        keepStageDraft(c.id, stage, { form: f, version: res.data.version, stored: true, at: Date.now() });
    }
    if (!live.current || mine !== seq.current || pending.current) return;
    if (res.ok) {
      setErrors({});
      setSave({ at: 'saved', when: formatBeijing(new Date(res.data.savedAt)).slice(11) });
    } else if (isTransportError(res)) {
      setSave({ at: 'offline' });
    } else {
      setSave({ at: 'error', message: res.error.message });
    }
  }, [c.id, stage]);

  useEffect(() => {
    if (tick === 0) return undefined;
    const t = setTimeout(() => void persist(), SERVER_SAVE_MS);
    return () => clearTimeout(t);
  }, [tick, persist]);

  // Sent to the background or another page on top: save what waits now.
  useDidHide(() => {
    if (pending.current) void persist();
  });
  useEffect(
    () => () => {
      live.current = false;
      if (pending.current) void persist();
    },
    [persist],
  );
  // The phone has it either way; 返回 asks only when the server refused what was typed.
  useLeaveGuard(
    save.at === 'error' || save.at === 'invalid',
    '填写的内容已保存在本机，但还没有保存到服务器，下次打开会恢复。',
  );

  const change = (patch: Partial<StageForms[RecordStage]>, field?: string) => {
    const next = { ...formRef.current, ...patch } as StageForms[RecordStage];
    formRef.current = next;
    setForm(next);
    const kept = keepStageDraft(c.id, stage, {
      form: next,
      version: version.current,
      stored: false,
      at: Date.now(),
    });
    pending.current = true;
    setSave(kept ? { at: 'local' } : { at: 'error', message: '手机存储空间不足' });
    setTick((t) => t + 1);
    const fields = [...Object.keys(patch), ...(field ? [field] : [])];
    setErrors((e) => {
      const n = { ...e };
      for (const k of Object.keys(n)) if (fields.some((f) => k === f || k.startsWith(`${f}.`))) delete n[k];
      return n;
    });
  };

  const body = (() => {
    switch (stage) {
      case 'intake':
        return <Intake f={form as IntakeForm} errors={errors} change={change} />;
      case 'assessment':
        return <Assessment f={form as AssessmentForm} errors={errors} change={change} />;
      case 'plan':
        return <Plan f={form as PlanForm} errors={errors} change={change} />;
      case 'evaluation':
        return <Evaluation f={form as EvaluationForm} c={c} errors={errors} change={change} />;
      case 'closure':
        return <Closure f={form as ClosureForm} errors={errors} change={change} />;
      default:
        return null;
    }
  })();

  return (
    <View className="pf-form vf-form">
      {start.restored ? (
        <View className="sgz-notice vf-resume" role="status">
          <Text>已恢复上次在本机填写、还没保存到服务器的内容。</Text>
        </View>
      ) : null}
      {body}
      <FieldError message={errors._} />
      <View
        className={`vf-save-status${save.at === 'error' || save.at === 'invalid' ? ' vf-save-status--error' : ''}`}
        aria-live="polite"
      >
        <Text>{saveText(save)}</Text>
      </View>
      <View className="pf-actions">
        <Button
          type="primary"
          block
          onClick={() => {
            if (pending.current) void persist();
            if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
            else void Taro.redirectTo({ url: caseUrl(c.id) });
          }}
        >
          填好了，回到个案
        </Button>
      </View>
    </View>
  );
}

type Change<F> = (patch: Partial<F>, field?: string) => void;

/** A one-line input labelled for screen readers and the e2e harness (also on the inner <input>). */
function Line({
  label,
  value,
  onChange,
  placeholder,
  maxlength = CASE_LIMITS.textChars,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  placeholder?: string;
  maxlength?: number;
}) {
  return (
    <View className="cs-field">
      <Text className="pf-field__label" aria-hidden>
        {label}
      </Text>
      <View className="sgz-input">
        <Input
          value={value}
          placeholder={placeholder ?? `请填写${label}`}
          aria-label={label}
          nativeProps={{ 'aria-label': label }}
          maxlength={maxlength}
          onInput={(e) => onChange(e.detail.value)}
        />
      </View>
    </View>
  );
}

function Block({
  label,
  value,
  onChange,
  placeholder,
  labelled = false,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  placeholder?: string;
  /** Shows the label above (several text boxes under one heading). */
  labelled?: boolean;
}) {
  const box = (
    <Textarea
      className="sgz-textarea"
      value={value}
      placeholder={placeholder ?? `请填写${label}`}
      aria-label={label}
      nativeProps={{ 'aria-label': label }}
      maxlength={CASE_LIMITS.longChars}
      onInput={(e) => onChange(e.detail.value)}
    />
  );
  if (!labelled) return box;
  return (
    <View className="cs-field">
      <Text className="pf-field__label" aria-hidden>
        {label}
      </Text>
      {box}
    </View>
  );
}

function Section({ title, error, children }: { title: string; error?: string; children: ReactNode }) {
  return (
    <View className="vf-section">
      <Text className="sgz-section-title">{title}</Text>
      {children}
      <FieldError message={error} />
    </View>
  );
}

/** A yes/no toggle, in words as well as colour. */
function Toggle({
  label,
  value,
  onChange,
}: {
  label: string;
  value: boolean;
  onChange: (v: boolean) => void;
}) {
  return (
    <View
      className={`sgz-choice pf-chip${value ? ' sgz-choice--selected' : ''}`}
      role="switch"
      aria-checked={value}
      aria-label={label}
      onClick={() => onChange(!value)}
    >
      <Text>
        {value ? '☑ ' : '☐ '}
        {label}
      </Text>
    </View>
  );
}

const DAY_HINT = '年-月-日，如 2026-12-01';

function Intake({ f, errors, change }: { f: IntakeForm; errors: Errors; change: Change<IntakeForm> }) {
  return (
    <View>
      <Section title="主要问题" error={errors.presentingProblem}>
        <Block
          label="主要问题"
          placeholder="服务对象求助的主要问题（接案前必填）"
          value={f.presentingProblem}
          onChange={(presentingProblem) => change({ presentingProblem })}
        />
      </Section>
      <Section title="背景情况（选填）" error={errors.background}>
        <Block label="背景情况" value={f.background} onChange={(background) => change({ background })} />
      </Section>
      <Section title="知情同意" error={errors['consent.method'] ?? errors.consent ?? errors['consent.day']}>
        <Toggle
          label="服务对象已同意接受服务"
          value={f.consentGiven}
          onChange={(consentGiven) => change({ consentGiven }, 'consent')}
        />
        <Chips
          label="同意方式"
          options={AGREEMENT_METHODS}
          value={f.consentMethod}
          onChange={(consentMethod) => change({ consentMethod }, 'consent')}
        />
        <Line
          label="同意日期"
          placeholder={DAY_HINT}
          maxlength={10}
          value={f.consentDay}
          onChange={(consentDay) => change({ consentDay }, 'consent')}
        />
      </Section>
    </View>
  );
}

function Assessment({
  f,
  errors,
  change,
}: {
  f: AssessmentForm;
  errors: Errors;
  change: Change<AssessmentForm>;
}) {
  return (
    <View>
      <Section title="需求" error={errors.needs}>
        <Text className="sgz-hint">至少填写一个层面的需求</Text>
        <Block
          labelled
          label="个人层面的需求"
          value={f.individual}
          onChange={(individual) => change({ individual }, 'needs')}
        />
        <FieldError message={errors['needs.individual']} />
        <Block label="家庭层面的需求" value={f.family} onChange={(family) => change({ family }, 'needs')} />
        <FieldError message={errors['needs.family']} />
        <Block label="社会层面的需求" value={f.social} onChange={(social) => change({ social }, 'needs')} />
        <FieldError message={errors['needs.social']} />
      </Section>
      <Section title="优势和资源" error={errors.strengths}>
        <Block label="优势和资源" value={f.strengths} onChange={(strengths) => change({ strengths })} />
      </Section>
      <Section title="风险" error={errors.risks}>
        <Block label="风险" value={f.risks} onChange={(risks) => change({ risks })} />
      </Section>
      <Section title="需要解决的问题（按优先次序）" error={errors.problems}>
        {f.problems.map((p, i) => (
          <View key={i} className="vf-row vf-row--inline">
            <Line
              label={`第 ${i + 1} 个问题`}
              value={p}
              onChange={(v) => change({ problems: f.problems.map((x, j) => (j === i ? v : x)) })}
            />
            {f.problems.length > 1 ? (
              <Button onClick={() => change({ problems: f.problems.filter((_, j) => j !== i) })}>删除</Button>
            ) : null}
          </View>
        ))}
        {f.problems.length < CASE_LIMITS.problems ? (
          <Button onClick={() => change({ problems: [...f.problems, ''] })}>添加一个问题</Button>
        ) : null}
      </Section>
      <Section title="事实情况（看到和听到的）" error={errors.facts}>
        <Block label="事实情况" value={f.facts} onChange={(facts) => change({ facts })} />
      </Section>
      <Section title="专业判断（与事实分开写）" error={errors.judgements}>
        <Block label="专业判断" value={f.judgements} onChange={(judgements) => change({ judgements })} />
      </Section>
    </View>
  );
}

/** The next goal id not used yet (`g1`, `g2`, …). */
const nextGoalId = (goals: { id: string }[]): string => {
  let n = goals.length + 1;
  while (goals.some((g) => g.id === `g${n}`)) n += 1;
  return `g${n}`;
};

function Plan({ f, errors, change }: { f: PlanForm; errors: Errors; change: Change<PlanForm> }) {
  const setGoal = (i: number, patch: Partial<PlanForm['goals'][number]>) =>
    change({ goals: f.goals.map((g, j) => (j === i ? { ...g, ...patch } : g)) });
  return (
    <View>
      <Section title="服务目标（可衡量）" error={errors.goals}>
        <Text className="sgz-hint">每个目标写清怎样衡量是否达成，如“每周外出活动不少于 2 次”</Text>
        {f.goals.map((g, i) => (
          <View key={g.id} className="sgz-card vf-followup">
            <Line label={`目标 ${i + 1}`} value={g.goal} onChange={(goal) => setGoal(i, { goal })} />
            <Line
              label={`目标 ${i + 1} 的衡量方法`}
              value={g.measure}
              onChange={(measure) => setGoal(i, { measure })}
            />
            {f.goals.length > 1 ? (
              <Button onClick={() => change({ goals: f.goals.filter((_, j) => j !== i) })}>
                删除这个目标
              </Button>
            ) : null}
          </View>
        ))}
        {f.goals.length < CASE_LIMITS.goals ? (
          <Button
            onClick={() =>
              change({ goals: [...f.goals, { id: nextGoalId(f.goals), goal: '', measure: '' }] })
            }
          >
            添加目标
          </Button>
        ) : null}
      </Section>
      <Section title="介入策略" error={errors.strategies}>
        <Block label="介入策略" value={f.strategies} onChange={(strategies) => change({ strategies })} />
      </Section>
      <Section title="计划期限" error={errors.startDay ?? errors.endDay}>
        <Line
          label="计划开始日期"
          placeholder={DAY_HINT}
          maxlength={10}
          value={f.startDay}
          onChange={(startDay) => change({ startDay }, 'endDay')}
        />
        <Line
          label="计划结束日期"
          placeholder={DAY_HINT}
          maxlength={10}
          value={f.endDay}
          onChange={(endDay) => change({ endDay })}
        />
      </Section>
      <Section
        title="服务对象同意这份计划"
        error={errors['agreement.method'] ?? errors.agreement ?? errors['agreement.day']}
      >
        <Toggle
          label="服务对象已同意这份计划"
          value={f.agreed}
          onChange={(agreed) => change({ agreed }, 'agreement')}
        />
        <Chips
          label="同意方式"
          options={AGREEMENT_METHODS}
          value={f.method}
          onChange={(method) => change({ method }, 'agreement')}
        />
        <Line
          label="同意日期"
          placeholder={DAY_HINT}
          maxlength={10}
          value={f.day}
          onChange={(day) => change({ day }, 'agreement')}
        />
      </Section>
    </View>
  );
}

function Evaluation({
  f,
  c,
  errors,
  change,
}: {
  f: EvaluationForm;
  c: CaseDetail;
  errors: Errors;
  change: Change<EvaluationForm>;
}) {
  const names = new Map((c.records.plan?.goals ?? []).map((g) => [g.id, `${g.goal}（${g.measure}）`]));
  const setGoal = (i: number, patch: Partial<EvaluationForm['goals'][number]>) =>
    change({ goals: f.goals.map((g, j) => (j === i ? { ...g, ...patch } : g)) });
  return (
    <View>
      <Section title="各目标的达成情况" error={errors.goals}>
        {f.goals.length === 0 ? <Text className="sgz-hint">服务计划没有目标</Text> : null}
        {f.goals.map((g, i) => (
          <View key={g.goalId} className="sgz-card vf-followup">
            <Text className="pf-field__label">
              目标 {i + 1}：{names.get(g.goalId) ?? ''}
            </Text>
            <Chips
              label={`目标 ${i + 1} 达成情况`}
              options={GOAL_ATTAINMENTS}
              value={g.attainment}
              onChange={(attainment) => setGoal(i, { attainment })}
            />
            <Line
              label={`目标 ${i + 1} 达成说明（选填）`}
              value={g.note}
              onChange={(note) => setGoal(i, { note })}
            />
          </View>
        ))}
      </Section>
      <Section title="服务对象的反馈" error={errors.feedback}>
        <Block label="服务对象的反馈" value={f.feedback} onChange={(feedback) => change({ feedback })} />
      </Section>
      <Section title="评估小结" error={errors.summary}>
        <Block label="评估小结" value={f.summary} onChange={(summary) => change({ summary })} />
      </Section>
    </View>
  );
}

function Closure({ f, errors, change }: { f: ClosureForm; errors: Errors; change: Change<ClosureForm> }) {
  return (
    <View>
      <Section title="结案类型" error={errors.type}>
        <Chips
          label="结案类型"
          options={CLOSURE_TYPES}
          value={f.type}
          onChange={(type) => change({ type })}
        />
      </Section>
      {f.type === '转介' ? (
        <Section
          title="转介去向"
          error={errors.referral ?? errors['referral.name'] ?? errors['referral.stationId']}
        >
          <Chips
            label="转介去向类别"
            options={REFERRAL_KINDS.filter((k) => k === '机构')}
            value={f.referralKind}
            onChange={(referralKind) => referralKind && change({ referralKind }, 'referral')}
          />
          <Line
            label="转介去向名称"
            maxlength={CASE_LIMITS.shortChars}
            value={f.referralName}
            onChange={(referralName) => change({ referralName }, 'referral')}
          />
          <Line
            label="转介去向联系方式（选填）"
            maxlength={CASE_LIMITS.shortChars}
            value={f.referralContact}
            onChange={(referralContact) => change({ referralContact }, 'referral')}
          />
        </Section>
      ) : null}
      <Section title="结案小结" error={errors.summary}>
        <Block label="结案小结" value={f.summary} onChange={(summary) => change({ summary })} />
      </Section>
      <Section title="回访日期（选填）" error={errors.followUpDay}>
        <Text className="sgz-hint">到了这一天会提醒负责社工回访</Text>
        <Line
          label="回访日期"
          placeholder={DAY_HINT}
          maxlength={10}
          value={f.followUpDay}
          onChange={(followUpDay) => change({ followUpDay })}
        />
      </Section>
    </View>
  );
}
