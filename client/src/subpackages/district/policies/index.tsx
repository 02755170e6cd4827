import {
  formatBeijing,
  RISK_TIERS,
  saveQuotaPolicyInput,
  type ListQuotaPoliciesOutput,
  type QuotaPolicy,
  type QuotaPolicyDto,
  type RiskTier,
} from '@sgz/shared';
import { Text, View } from '@tarojs/components';
import { useCallback, useState } from 'react';
import { Button } from '../../../components/Button';
import { FieldError } from '../../../components/FieldError';
import { PageRoot } from '../../../components/PageRoot';
import { LoadView } from '../../../components/StateView';
import { useLeaveGuard } from '../../../hooks/use-leave-guard';
import { useLoad } from '../../../hooks/use-load';
import { listQuotaPolicies, saveQuotaPolicy } from '../../../services/district';
import { Choice, errorsOf, Field, TextInput } from '../kit';
import '../../../components/staff-page.scss';
import '../district.scss';

/** The targets as the editor names them, with their unit. */
const TARGETS = [
  ['completedCases', '每站每年结案个案数', '个'],
  ['supervisionHours', '每站每年专业督导时数', '小时'],
  ['trainingHoursPerWorker', '每名社工每年继续教育学时', '学时'],
  ['qualifiedWorkers', '每站持证社工人数', '人'],
] as const;
type TargetKey = (typeof TARGETS)[number][0];

/** A policy in words (one line per part), for the list. */
export function policyLines(p: QuotaPolicy): string[] {
  return [
    ...TARGETS.map(([k, label, unit]) => `${label}：${p.targets[k]} ${unit}`),
    `转介结案${p.referralClosuresCount ? '计入' : '不计入'}结案个案`,
    `走访间隔：${RISK_TIERS.map((t) => `${t}每 ${p.visitIntervals[t]} 天`).join('，')}`,
  ];
}

/**
 * 指标政策: the quota policies by first day (latest first), which is in force this year, and
 * a form for a new one from today or later. A past year is never judged again by new
 * figures: the first day cannot be before today, and a policy in force is never changed.
 */
export default function DistrictPoliciesPage() {
  const loader = useCallback(() => listQuotaPolicies({}), []);
  const list = useLoad(loader);
  return (
    <PageRoot className="wk">
      <View className="dst">
        <View className="wk__header">
          <Text className="wk__title">指标政策</Text>
          <Text className="sgz-hint">
            各社工站的年度指标（结案个案、专业督导、继续教育、持证社工）、转介结案是否计入，以及按风险等级的走访间隔。
          </Text>
        </View>
        <LoadView
          status={list.status}
          error={list.error}
          onRetry={list.retry}
          loadingText="正在加载指标政策…"
          errorTitle="指标政策没有加载出来"
        />
        {list.data ? (
          <View className="dst__columns">
            <View className="dst__column">
              <PolicyList data={list.data} />
            </View>
            <View className="dst__column">
              <PolicyForm data={list.data} onSaved={() => void list.reload()} />
            </View>
          </View>
        ) : null}
      </View>
    </PageRoot>
  );
}

function PolicyList({ data }: { data: ListQuotaPoliciesOutput }) {
  const { current } = data;
  const source =
    current.source === 'stored'
      ? `${current.policy.effectiveFrom} 起生效的政策`
      : current.source === 'default'
        ? '通知规定的默认指标（还没有登记政策）'
        : '通知规定的默认指标（登记的政策格式有误，请重新保存一份）';
  return (
    <View>
      <View className="sgz-card wk__section">
        <Text className="wk__item-title">
          {current.year} 年执行：{source}
        </Text>
        {policyLines(current.policy).map((l) => (
          <Text key={l}>{l}</Text>
        ))}
      </View>
      <View className="sgz-card wk__section">
        <Text className="wk__item-title">已登记的政策（按生效日期，最新在前）</Text>
        {data.items.length === 0 ? (
          <Text>还没有登记过政策，各站按通知规定的默认指标考核。</Text>
        ) : (
          data.items.map((p) => <PolicyItem key={p.id} item={p} />)
        )}
      </View>
    </View>
  );
}

function PolicyItem({ item }: { item: QuotaPolicyDto }) {
  return (
    <View className="wk__item">
      <Text className="wk__item-title">
        {item.policy.effectiveFrom} 起生效 ·{' '}
        {item.inForce ? '✓ 已生效（不再修改）' : '○ 尚未生效（同一日期可重新保存替换）'}
      </Text>
      {policyLines(item.policy).map((l) => (
        <Text key={l}>{l}</Text>
      ))}
      {item.updatedAt ? (
        <Text className="sgz-hint">
          保存于 {formatBeijing(new Date(item.updatedAt))}
          {item.updatedByName ? `，登记人：${item.updatedByName}` : ''}
        </Text>
      ) : item.updatedByName ? (
        <Text className="sgz-hint">登记人：{item.updatedByName}</Text>
      ) : null}
    </View>
  );
}

/** The form as typed. */
interface Form {
  effectiveFrom: string;
  targets: Record<TargetKey, string>;
  referralClosuresCount: boolean;
  visitIntervals: Record<RiskTier, string>;
}

const formOf = (p: QuotaPolicy, effectiveFrom: string): Form => ({
  effectiveFrom,
  targets: {
    completedCases: String(p.targets.completedCases),
    supervisionHours: String(p.targets.supervisionHours),
    trainingHoursPerWorker: String(p.targets.trainingHoursPerWorker),
    qualifiedWorkers: String(p.targets.qualifiedWorkers),
  },
  referralClosuresCount: p.referralClosuresCount,
  visitIntervals: {
    高风险: String(p.visitIntervals.高风险),
    重点: String(p.visitIntervals.重点),
    一般: String(p.visitIntervals.一般),
  },
});

/** '' stays undefined (→ 请填写…), anything else a number (NaN → …必须是数字). */
const num = (s: string): number | undefined => (s.trim() === '' ? undefined : Number(s.trim()));

export const pastMessage = (today: string): string =>
  `生效日期不能早于今天（${today}）：已经执行的年度指标不能改写，请选择今天或以后的日期`;

function PolicyForm({ data, onSaved }: { data: ListQuotaPoliciesOutput; onSaved: () => void }) {
  const [start] = useState(() => formOf(data.current.policy, data.today));
  const [form, setForm] = useState<Form>(start);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  useLeaveGuard(JSON.stringify(form) !== JSON.stringify(start) && !done, '新的指标政策还没有保存。');

  const set = (patch: Partial<Form>, key: string) => {
    setDone(null);
    setForm((f) => ({ ...f, ...patch }));
    setErrors((e) => {
      const next = { ...e };
      delete next[key];
      delete next.form;
      return next;
    });
  };

  const save = async () => {
    const check = saveQuotaPolicyInput.safeParse({
      effectiveFrom: form.effectiveFrom.trim(),
      targets: Object.fromEntries(TARGETS.map(([k]) => [k, num(form.targets[k])])),
      referralClosuresCount: form.referralClosuresCount,
      visitIntervals: Object.fromEntries(RISK_TIERS.map((t) => [t, num(form.visitIntervals[t])])),
    });
    const found = check.success ? {} : errorsOf(check.error.issues);
    if (!found.effectiveFrom && form.effectiveFrom.trim() < data.today)
      found.effectiveFrom = pastMessage(data.today);
    if (!check.success || Object.keys(found).length > 0) return setErrors(found);
    setBusy(true);
    setErrors({});
    const res = await saveQuotaPolicy(check.data);
    setBusy(false);
    if (!res.ok) {
      const field = (res.error.details as { field?: unknown } | undefined)?.field;
      return setErrors({ [typeof field === 'string' ? field : 'form']: res.error.message });
    }
    setDone(
      `✓ 已保存：${res.data.item.policy.effectiveFrom} 起生效${res.data.replaced ? '（替换了同一日期还没生效的政策）' : ''}`,
    );
    onSaved();
  };

  return (
    <View className="sgz-card wk__section">
      <Text className="wk__item-title">登记新的指标政策</Text>
      <View className="sgz-notice">
        <Text>
          ⓘ 往年的考核结果不会被改写：生效日期不能早于今天（{data.today}
          ），已经生效的政策也不能再修改。某一年的指标按当年 12 月 31
          日前最后生效的政策计算，所以新政策用于生效日期所在年份及以后各年。
        </Text>
      </View>
      <Field label="生效日期" hint="格式如 2027-01-01" error={errors.effectiveFrom}>
        <TextInput
          label="生效日期"
          value={form.effectiveFrom}
          maxlength={10}
          placeholder="如 2027-01-01"
          onInput={(effectiveFrom) => set({ effectiveFrom }, 'effectiveFrom')}
        />
      </Field>
      {TARGETS.map(([k, label, unit]) => (
        <Field key={k} label={`${label}（${unit}）`} error={errors[`targets.${k}`]}>
          <TextInput
            label={`${label}（${unit}）`}
            type="digit"
            value={form.targets[k]}
            maxlength={6}
            onInput={(v) => set({ targets: { ...form.targets, [k]: v } }, `targets.${k}`)}
          />
        </Field>
      ))}
      <Field label="转介结案是否计入结案个案" error={errors.referralClosuresCount}>
        <Choice
          label="转介结案是否计入结案个案"
          options={[
            ['no', '不计入'],
            ['yes', '计入'],
          ]}
          value={form.referralClosuresCount ? 'yes' : 'no'}
          onChange={(v) => set({ referralClosuresCount: v === 'yes' }, 'referralClosuresCount')}
        />
      </Field>
      {RISK_TIERS.map((t) => (
        <Field key={t} label={`${t}对象走访间隔（天）`} error={errors[`visitIntervals.${t}`]}>
          <TextInput
            label={`${t}对象走访间隔（天）`}
            type="digit"
            value={form.visitIntervals[t]}
            maxlength={4}
            onInput={(v) =>
              set({ visitIntervals: { ...form.visitIntervals, [t]: v } }, `visitIntervals.${t}`)
            }
          />
        </Field>
      ))}
      <FieldError message={errors.form} />
      {Object.keys(errors).length > 0 && !errors.form ? (
        <Text className="sgz-hint">请按上面标有 ⚠ 的提示修改后再保存</Text>
      ) : null}
      <Button type="primary" block loading={busy} disabled={busy} onClick={() => void save()}>
        保存指标政策
      </Button>
      {done ? (
        <View className="sgz-notice sgz-notice--ok" role="status">
          <Text>{done}</Text>
        </View>
      ) : null}
    </View>
  );
}
