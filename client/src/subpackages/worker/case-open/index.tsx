import {
  CASE_LIMITS,
  CASE_SOURCE_LABELS,
  CASE_SOURCES,
  maskName,
  type CaseSource,
  type WhoAmIOutput,
} from '@sgz/shared';
import { Input, Text, Textarea, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { Button } from '../../../components/Button';
import { FieldError } from '../../../components/FieldError';
import { PageRoot } from '../../../components/PageRoot';
import { LoadView } from '../../../components/StateView';
import { useDebouncedValue } from '../../../hooks/use-debounced-value';
import { useLoad } from '../../../hooks/use-load';
import { loadMe, NO_STATION } from '../../../hooks/use-staff-station';
import { cases } from '../../../services/cases';
import { getPerson, listPersons } from '../../../services/files';
import { supervision } from '../../../services/supervision';
import { getVisit } from '../../../services/visits';
import { caseUrl } from '../../../utils/routes';
import { Chips } from '../Chips';
import { fieldOfError, newId, type Errors } from '../form-kit';
import '../../../components/staff-page.scss';
import '../person.scss';
import '../visit/index.scss';

/** Sources that name the record they came from (chosen by opening the form from it). */
const WITH_ORIGIN: readonly CaseSource[] = ['resident_request', 'visit_follow_up'];

/**
 * 开个案 (issue 11): a new case at intake for one or more persons on file, with its
 * source linked to its origin — from a file (`?personId=`), a visit follow-up marked
 * 需要开案 (`?source=visit_follow_up&originId=<follow-up>&visitId=`: the persons seen),
 * a resident's request (`?source=resident_request&originId=<request>`), or a referral
 * in / outreach typed here. The case id is made when the form opens, so a retry after
 * a lost answer never opens a second case.
 */
export default function CaseOpenPage() {
  const params = useRouter().params;
  const meLoader = useCallback(() => loadMe(), []);
  const me = useLoad(meLoader, { isEmpty: (m) => m.stationId === null });
  return (
    <PageRoot className="wk">
      <View className="wk__header">
        <Text className="wk__title">开个案</Text>
      </View>
      <LoadView
        status={me.status}
        error={me.error}
        onRetry={me.retry}
        errorTitle="开案表单没有打开"
        empty={NO_STATION}
      />
      {me.status === 'ready' && me.data?.stationId ? (
        <OpenForm
          me={me.data}
          stationId={me.data.stationId}
          personId={params.personId || undefined}
          source={
            (CASE_SOURCES as readonly string[]).includes(params.source ?? '')
              ? (params.source as CaseSource)
              : undefined
          }
          originId={params.originId || undefined}
          visitId={params.visitId || undefined}
        />
      ) : null}
    </PageRoot>
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

/** The form (exported for tests). */
export function OpenForm({
  me,
  stationId,
  personId,
  source: given,
  originId,
  visitId,
}: {
  me: WhoAmIOutput;
  stationId: string;
  personId?: string;
  source?: CaseSource;
  originId?: string;
  visitId?: string;
}) {
  const [caseId] = useState(() => newId('cs'));
  const [persons, setPersons] = useState<{ id: string; name: string }[]>([]);
  const [source, setSource] = useState<CaseSource>(
    given && (originId || !WITH_ORIGIN.includes(given)) ? given : 'outreach',
  );
  const [referredBy, setReferredBy] = useState('');
  const [supervisorId, setSupervisorId] = useState<string | null>(null);
  const isHead = me.role === 'station_head';
  const [problem, setProblem] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  const add = (id: string, name: string) =>
    setPersons((ps) => (ps.some((p) => p.id === id) ? ps : [...ps, { id, name }]));

  // The person of the file, or the persons seen on the visit of the follow-up.
  useEffect(() => {
    let on = true;
    if (personId)
      void getPerson({ personId }).then((r) => {
        if (on && r.ok) add(r.data.person.id, maskName(r.data.person.name) ?? r.data.person.name);
      });
    if (visitId)
      void getVisit({ visitId }).then((r) => {
        if (on && r.ok) for (const p of r.data.visit.persons) add(p.id, maskName(p.name) ?? p.name);
      });
    return () => {
      on = false;
    };
  }, [personId, visitId]);

  const [typed, setTyped] = useState('');
  const q = useDebouncedValue(typed.trim(), 400);
  const searchLoader = useCallback(() => listPersons({ stationId, q, limit: 10 }), [stationId, q]);

  const sources = CASE_SOURCES.filter((s) => !WITH_ORIGIN.includes(s) || (s === given && originId));

  const submit = async () => {
    if (sending) return;
    const found: Errors = {};
    if (persons.length === 0) found.personIds = '请至少选择一位服务对象';
    if (source === 'referral_in' && !referredBy.trim()) found.referredBy = '请填写转介来源（哪个单位转来）';
    setErrors(found);
    if (Object.keys(found).length) {
      setGeneral('请按提示修改后再提交');
      return;
    }
    setGeneral(null);
    setSending(true);
    const res = await cases.openCase({
      id: caseId,
      stationId,
      personIds: persons.map((p) => p.id),
      source,
      originId: WITH_ORIGIN.includes(source) ? (originId ?? null) : null,
      referredBy: source === 'referral_in' ? referredBy.trim() : null,
      intake: { presentingProblem: problem.trim() || null },
      ...(isHead && supervisorId ? { supervisorId } : {}),
    });
    setSending(false);
    if (!res.ok) {
      const f = fieldOfError(res.error);
      if (f) setErrors({ [f.split('.')[0] ?? f]: res.error.message });
      setGeneral(res.error.message);
      return;
    }
    void Taro.redirectTo({ url: caseUrl(res.data.caseId) });
  };

  return (
    <View className="pf-form vf-form">
      <Section title="服务对象" error={errors.personIds}>
        <View className="sgz-chips pf-chips__row" role="group" aria-label="已选服务对象">
          {persons.length === 0 ? <Text className="sgz-hint">还没有选择服务对象</Text> : null}
          {persons.map((p) => (
            <View
              key={p.id}
              role="button"
              className="sgz-choice sgz-choice--selected pf-chip"
              aria-label={`移除${p.name}`}
              onClick={() => setPersons((ps) => ps.filter((x) => x.id !== p.id))}
            >
              <Text>{p.name} ✕</Text>
            </View>
          ))}
        </View>
        <View className="sgz-input">
          <Input
            value={typed}
            placeholder="输入姓名开头，如“张”"
            aria-label="按姓名开头搜索服务对象"
            nativeProps={{ 'aria-label': '按姓名开头搜索服务对象' }}
            maxlength={20}
            onInput={(e) => setTyped(e.detail.value)}
          />
        </View>
        {q ? (
          <SearchResults
            key={q}
            loader={searchLoader}
            chosen={persons.map((p) => p.id)}
            onPick={(id, name) => {
              add(id, name);
              setTyped('');
            }}
          />
        ) : null}
      </Section>
      <Section title="个案来源" error={errors.source ?? errors.originId}>
        <Chips
          label="个案来源"
          options={sources}
          value={source}
          labelOf={(s) => CASE_SOURCE_LABELS[s]}
          onChange={(s) => s && setSource(s)}
        />
        {WITH_ORIGIN.includes(source) ? (
          <Text className="sgz-hint">
            已关联{source === 'resident_request' ? '居民求助' : '走访跟进事项'}
          </Text>
        ) : null}
        {source === 'referral_in' ? (
          <View className="sgz-input">
            <Input
              value={referredBy}
              placeholder="如：街道办、医院社工部"
              aria-label="转介来源"
              nativeProps={{ 'aria-label': '转介来源' }}
              maxlength={CASE_LIMITS.shortChars}
              onInput={(e) => setReferredBy(e.detail.value)}
            />
          </View>
        ) : null}
        <FieldError message={errors.referredBy} />
      </Section>
      {isHead ? (
        <Section title="督导（选填，站长可以在个案详情里再指定或更换）" error={errors.supervisorId}>
          <SupervisorPicker stationId={stationId} value={supervisorId} onChange={setSupervisorId} />
        </Section>
      ) : null}
      <Section title="主要问题（选填，接案记录里可以继续填写）" error={errors.intake}>
        <Textarea
          className="sgz-textarea"
          value={problem}
          placeholder="服务对象求助的主要问题"
          aria-label="主要问题"
          nativeProps={{ 'aria-label': '主要问题' }}
          maxlength={CASE_LIMITS.longChars}
          onInput={(e) => setProblem(e.detail.value)}
        />
      </Section>
      <FieldError message={general ?? undefined} />
      <View className="pf-actions">
        <Button type="primary" block loading={sending} onClick={() => void submit()}>
          开案
        </Button>
      </View>
    </View>
  );
}

/** The head picks the case's supervisor among those assigned to the station today. */
function SupervisorPicker({
  stationId,
  value,
  onChange,
}: {
  stationId: string;
  value: string | null;
  onChange: (id: string | null) => void;
}) {
  const loader = useCallback(() => supervision.listAssignments({ stationId }), [stationId]);
  const found = useLoad(loader, { isEmpty: (d) => !d.items.some((a) => a.active) });
  const names = new Map<string, string>();
  for (const a of found.data?.items ?? [])
    if (a.active && !names.has(a.supervisorId)) names.set(a.supervisorId, a.supervisorName ?? '督导');
  return (
    <View>
      <LoadView
        compact
        status={found.status}
        error={found.error}
        onRetry={found.retry}
        loadingText="正在加载本站的督导…"
        errorTitle="本站的督导没有加载出来"
        empty={{ title: '本站今天没有督导安排，开案后可以再指定' }}
      />
      {found.status === 'ready' && names.size > 0 ? (
        <Chips
          label="个案督导"
          options={[...names.keys()]}
          value={value}
          anyLabel="暂不指定"
          labelOf={(id) => names.get(id) ?? '督导'}
          onChange={onChange}
        />
      ) : null}
    </View>
  );
}

function SearchResults({
  loader,
  chosen,
  onPick,
}: {
  loader: () => ReturnType<typeof listPersons>;
  chosen: readonly string[];
  onPick: (id: string, maskedName: string) => void;
}) {
  const found = useLoad(loader, { isEmpty: (d) => d.items.length === 0 });
  return (
    <View>
      <LoadView
        compact
        status={found.status}
        error={found.error}
        onRetry={found.retry}
        loadingText="正在查找…"
        errorTitle="没有查到档案（需要连网）"
        empty={{ symbol: '?', title: '本站没有这个姓名开头的档案', description: '请先为服务对象建档' }}
      />
      {found.status === 'ready' && found.data
        ? found.data.items
            .filter((p) => !chosen.includes(p.id))
            .map((p) => (
              <Button key={p.id} onClick={() => onPick(p.id, p.nameMasked)}>
                ＋ {p.nameMasked}
                {p.community ? `（${p.community}）` : ''}
              </Button>
            ))
        : null}
    </View>
  );
}
