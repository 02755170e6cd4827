import {
  beijingDay,
  CASE_STATUS_LABELS,
  type CaseListItem,
  SUPERVISION_FORMS,
  SUPERVISION_LIMITS,
  type AssignmentDto,
  type Result,
} from '@sgz/shared';
import { Text, View } from '@tarojs/components';
import Taro, { useDidHide, useRouter } from '@tarojs/taro';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Button } from '../../../components/Button';
import { FieldError } from '../../../components/FieldError';
import { PageRoot } from '../../../components/PageRoot';
import { LoadView, StateView } from '../../../components/StateView';
import { Area, Line } from '../../../components/supervision/inputs';
import { useStationNames } from '../../../components/supervision/stations';
import { useLoad } from '../../../hooks/use-load';
import { listStaff } from '../../../services/accounts';
import { appOutbox } from '../../../services/app-outbox';
import { isTransportError } from '../../../services/call';
import { cases } from '../../../services/cases';
import {
  newClientId,
  OUTBOX_MESSAGES,
  STATUS_LABELS,
  useOutbox,
  type OutboxItem,
} from '../../../services/outbox';
import {
  SESSION_ID_PREFIX,
  SESSION_KIND,
  supervision,
  type SessionRecord,
} from '../../../services/supervision';
import { ROUTES } from '../../../utils/routes';
import { readStorage, userKey, writeSafe } from '../../../utils/user-scope';
import { CheckChips, Chips } from '../../worker/Chips';
import {
  draftOf,
  emptySessionDraft,
  hoursProblem,
  recordOf,
  spanOf,
  spanText,
  validateSession,
  type Errors,
  type SessionDraft,
} from './draft';
import '../../../components/staff-page.scss';
import '../../../components/supervision/sv.scss';

/** Wait after the last change before the draft is written. */
export const AUTOSAVE_MS = 600;

const SAVE_TEXT = {
  idle: '填写的内容会自动保存在本机',
  saving: '正在保存…',
  saved: '已保存（仅在本机）',
} as const;

/** Where the form keeps what it last loaded, so it opens without signal (per user). */
const STATIONS_KEY = 'supervision.myStations';
const STAFF_KEY = 'supervision.staff';

const cached = <T,>(key: string, ok: (v: unknown) => v is T): T | null => {
  const v = readStorage(userKey(key));
  return ok(v) ? v : null;
};
const isIdList = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

/**
 * The supervisor's stations today (assignments active today). Without signal: the
 * ones loaded last time on this phone (the function checks them again when the session arrives).
 */
export async function loadMyStations(): Promise<Result<string[]>> {
  const res = await supervision.listMyAssignments({});
  if (!res.ok) {
    const kept = isTransportError(res) ? cached(STATIONS_KEY, isIdList) : null;
    return kept ? { ok: true, data: kept } : res;
  }
  const ids = [...new Set(res.data.items.filter((a: AssignmentDto) => a.active).map((a) => a.stationId))];
  writeSafe(userKey(STATIONS_KEY), ids);
  return { ok: true, data: ids };
}

/**
 * 记录督导 (issue 12): the supervisor records a session — day, start and end,
 * hours in half-hour steps (the clock span shown beside), form, the stations
 * present (from today's assignments) and their workers, project, topics,
 * advice, action items. Every change is kept as a draft in the app's outbox
 * (~600 ms later); 提交 checks with the function's own schema and queues it.
 * `?id=` reopens a draft kept on the phone. A sent session is not edited: one
 * disputed is recorded anew.
 */
export default function SessionPage() {
  const reopenId = useRouter().params.id || undefined;
  const stationsLoader = useCallback(loadMyStations, []);
  const stations = useLoad(stationsLoader, { isEmpty: (ids) => ids.length === 0 });
  const outbox = useOutbox(appOutbox);
  const [newId] = useState(() => newClientId(Date.now(), Math.random, SESSION_ID_PREFIX));
  const [today] = useState(() => beijingDay(new Date()));

  let body: ReactNode = null;
  if (stations.status === 'ready' && stations.data) {
    if (!outbox.loaded) {
      body = outbox.storageError ? (
        <StateView role="alert" symbol="!" title="手机上的记录没有读出来" description={outbox.storageError} />
      ) : (
        <StateView symbol="…" title="正在打开…" />
      );
    } else if (reopenId) {
      const item = appOutbox.get(reopenId) as OutboxItem<SessionRecord> | undefined;
      body =
        item && item.kind === SESSION_KIND ? (
          <SessionForm
            key={item.id}
            sessionId={item.id}
            stationIds={stations.data}
            initial={draftOf(item, today)}
            reopened
          />
        ) : (
          <StateView symbol="?" title="没有找到这条督导记录" description={OUTBOX_MESSAGES.notFound} />
        );
    } else {
      body = <SessionForm sessionId={newId} stationIds={stations.data} initial={emptySessionDraft(today)} />;
    }
  }
  return (
    <PageRoot className="wk">
      <View className="wk__header">
        <Text className="wk__title">记录督导</Text>
      </View>
      <LoadView
        status={stations.status}
        error={stations.error}
        onRetry={stations.retry}
        errorTitle="督导表单没有打开"
        empty={{ title: '您今天没有被指派督导的社工站', description: '请联系区民政局指派后再记录。' }}
      />
      {body}
    </PageRoot>
  );
}

type SaveState = { at: 'idle' | 'saving' | 'saved' } | { at: 'error'; message: string };

function Section(props: { title: string; name: string; error?: string; hint?: string; children: ReactNode }) {
  return (
    <View className={`pf-field pf-field--${props.name}`}>
      <Text className="pf-field__label">{props.title}</Text>
      {props.hint ? <Text className="sgz-hint">{props.hint}</Text> : null}
      {props.children}
      <FieldError message={props.error} />
    </View>
  );
}

interface Present {
  userId: string;
  name: string;
  role: string;
  stationId: string;
}
const isPresentList = (v: unknown): v is Present[] =>
  Array.isArray(v) &&
  v.every((x) => typeof x === 'object' && x !== null && typeof (x as Present).userId === 'string');

/**
 * The staff of the chosen stations who may be present (their workers and heads).
 * Without signal: each station's list as loaded last time on this phone, if any.
 */
export async function loadStaffOf(stationIds: readonly string[]): Promise<Result<Present[]>> {
  const all = await Promise.all(stationIds.map((stationId) => listStaff({ stationId, limit: 100 })));
  const out: Present[] = [];
  for (const [i, res] of all.entries()) {
    const stationId = stationIds[i]!;
    const key = `${STAFF_KEY}.${stationId}`;
    if (!res.ok) {
      const kept = isTransportError(res) ? cached(key, isPresentList) : null;
      if (!kept) return res;
      out.push(...kept);
      continue;
    }
    const mine: Present[] = [];
    for (const s of res.data.items)
      if (s.active && (s.role === 'social_worker' || s.role === 'station_head') && s.stationId === stationId)
        mine.push({ userId: s.userId, name: s.name ?? '未填写姓名', role: s.roleLabel, stationId });
    writeSafe(userKey(key), mine);
    out.push(...mine);
  }
  return { ok: true, data: out };
}

/** Most of the supervisor's cases offered (newest change first: one page). */
export const CASES_OFFERED = 50;

/** A case in words for the picker: persons (masked), station, status. */
export const caseLabel = (c: CaseListItem, stationName: (id: string) => string): string =>
  `${c.persons.map((p) => p.name).join('、')}（${stationName(c.stationId)} · ${CASE_STATUS_LABELS[c.status]}）`;

/** The form (exported for tests). */
export function SessionForm({
  sessionId,
  stationIds,
  initial,
  reopened = false,
  now = () => new Date(),
}: {
  sessionId: string;
  stationIds: string[];
  initial: SessionDraft;
  reopened?: boolean;
  now?: () => Date;
}) {
  const [draft, setDraft] = useState<SessionDraft>(initial);
  const [errors, setErrors] = useState<Errors>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [save, setSave] = useState<SaveState>({ at: reopened ? 'saved' : 'idle' });
  const [tick, setTick] = useState(0);
  const [sending, setSending] = useState(false);
  const outbox = useOutbox(appOutbox);
  const item = outbox.items.find((i) => i.id === sessionId);
  const sent = item !== undefined && item.firstSubmittedAt !== null;
  const stationName = useStationNames();

  const draftRef = useRef(draft);
  draftRef.current = draft;
  const pending = useRef(false);
  const seq = useRef(0);
  const submitted = useRef(false);
  const live = useRef(true);

  const persist = useCallback(
    async (d: SessionDraft) => {
      const mine = (seq.current += 1);
      pending.current = false;
      const res = await appOutbox.save({
        id: sessionId,
        kind: SESSION_KIND,
        payload: recordOf(d),
        mode: 'draft',
      });
      if (!live.current || mine !== seq.current || pending.current) return;
      setSave(res.ok ? { at: 'saved' } : { at: 'error', message: res.error.message });
    },
    [sessionId],
  );

  useEffect(() => {
    if (tick === 0 || submitted.current) return undefined;
    const t = setTimeout(() => {
      if (!submitted.current) void persist(draftRef.current);
    }, AUTOSAVE_MS);
    return () => clearTimeout(t);
  }, [tick, persist]);

  useDidHide(() => {
    if (pending.current && !submitted.current) void persist(draftRef.current);
  });

  useEffect(
    () => () => {
      live.current = false;
      if (pending.current && !submitted.current) void persist(draftRef.current);
    },
    [persist],
  );

  const change = (patch: Partial<SessionDraft>, ...fields: string[]) => {
    setDraft((d) => ({ ...d, ...patch }));
    submitted.current = false;
    pending.current = true;
    setSave({ at: 'saving' });
    setTick((t) => t + 1);
    const keys = [...Object.keys(patch), ...fields];
    setErrors((e) => {
      const n = { ...e };
      for (const k of keys) delete n[k];
      return n;
    });
  };

  // Workers of the stations ticked (offline: none offered, the session may list none).
  const chosenKey = draft.stationIds.join(',');
  const staffLoader = useCallback(() => loadStaffOf(chosenKey ? chosenKey.split(',') : []), [chosenKey]);
  const staff = useLoad(staffLoader);
  const workerNames = useMemo(() => {
    const m = new Map<string, string>();
    for (const s of staff.data ?? []) m.set(s.userId, `${s.name}（${stationName(s.stationId)} · ${s.role}）`);
    return m;
  }, [staff.data, stationName]);
  const workerIds = useMemo(() => {
    const ids = [...workerNames.keys()];
    for (const id of draft.workerIds) if (!ids.includes(id)) ids.push(id);
    return ids;
  }, [workerNames, draft.workerIds]);

  // The supervisor's own cases (listMyCases: those they are assigned to), of the stations ticked.
  const casesLoader = useCallback(() => cases.listMyCases({ limit: CASES_OFFERED }), []);
  const myCases = useLoad(casesLoader);
  const caseOptions = useMemo(
    () => (myCases.data?.items ?? []).filter((c) => draft.stationIds.includes(c.stationId)),
    [myCases.data, draft.stationIds],
  );
  const caseNames = useMemo(
    () => new Map((myCases.data?.items ?? []).map((c) => [c.id, caseLabel(c, stationName)])),
    [myCases.data, stationName],
  );
  const caseIdsShown = useMemo(() => {
    const ids = caseOptions.map((c) => c.id);
    for (const id of draft.caseIds) if (!ids.includes(id)) ids.push(id);
    return ids;
  }, [caseOptions, draft.caseIds]);

  const span = spanOf(draft);
  const span$ = spanText(draft);
  const hoursNow = hoursProblem(draft.hours);

  const submit = async () => {
    if (sending) return;
    setGeneral(null);
    const d = draftRef.current;
    const found = validateSession(d, now());
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setGeneral('请按提示修改后再提交');
      return;
    }
    submitted.current = true;
    pending.current = false;
    setSending(true);
    const res = await appOutbox.save({
      id: sessionId,
      kind: SESSION_KIND,
      payload: recordOf(d),
      mode: 'submit',
    });
    if (!live.current) return;
    setSending(false);
    if (!res.ok) {
      submitted.current = false;
      pending.current = true;
      setGeneral(res.error.message);
      setSave({ at: 'error', message: res.error.message });
      return;
    }
    setSave({ at: 'saved' });
    void Taro.showToast({ title: '已保存，将自动同步', icon: 'success' });
    if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
    else void Taro.redirectTo({ url: ROUTES.supervisor });
  };

  const saveText = save.at === 'error' ? `保存失败：${save.message}` : SAVE_TEXT[save.at];
  const lineList = (key: 'topics' | 'actionItems', label: string, max: number) => (
    <View>
      {draft[key].map((t, i) => (
        <View key={i} className="sv-row">
          <Line
            label={`${label} ${i + 1}`}
            value={t}
            maxlength={SUPERVISION_LIMITS.shortChars}
            onChange={(v) => change({ [key]: draft[key].map((x, j) => (j === i ? v : x)) })}
          />
          <Button onClick={() => change({ [key]: draft[key].filter((_, j) => j !== i) })}>删除</Button>
        </View>
      ))}
      {draft[key].length < max ? (
        <Button onClick={() => change({ [key]: [...draft[key], ''] })}>添加{label}</Button>
      ) : null}
    </View>
  );

  if (sent && item) {
    // Sent once: not edited here (the function keeps what it received; a new session is recorded anew).
    return (
      <View className="pf-form">
        <View className="sgz-card sv-card" role="status">
          <Text>记录状态：{STATUS_LABELS[item.status]}</Text>
          {item.lastError ? <Text className="sgz-hint">原因：{item.lastError.message}</Text> : null}
          <Text className="sgz-hint">已提交的督导记录不能再修改；如有出入，请重新记录一条。</Text>
        </View>
      </View>
    );
  }

  return (
    <View className="pf-form">
      <Section title="督导日期" name="day" error={errors.day} hint="例如 2026-03-05（北京时间）">
        <Line label="督导日期" value={draft.day} maxlength={10} onChange={(day) => change({ day }, 'time')} />
      </Section>
      <Section title="开始和结束时间" name="time" error={errors.time} hint="例如 09:30 和 11:00">
        <View className="sv-row">
          <Line
            label="开始时间"
            value={draft.start}
            maxlength={5}
            onChange={(start) => change({ start }, 'time', 'hours')}
          />
          <Text aria-hidden>至</Text>
          <Line
            label="结束时间"
            value={draft.end}
            maxlength={5}
            onChange={(end) => change({ end }, 'time', 'hours')}
          />
        </View>
        {span$ ? <Text className="sgz-hint">钟点：{span$}</Text> : null}
      </Section>
      <Section
        title="督导时长（小时，按半小时计）"
        name="hours"
        error={errors.hours ?? hoursNow ?? undefined}
        hint="计入时长不超过开始到结束的时间"
      >
        <View className="sv-row">
          <Line
            label="督导时长"
            type="digit"
            value={draft.hours}
            maxlength={4}
            placeholder="例如 1.5"
            onChange={(hours) => change({ hours })}
          />
          {span !== null && span > 0 ? (
            <Button onClick={() => change({ hours: String(Math.floor(span * 2) / 2) })}>按钟点填</Button>
          ) : null}
        </View>
      </Section>
      <Section title="督导形式" name="form" error={errors.form}>
        <Chips
          label="督导形式"
          options={SUPERVISION_FORMS}
          value={draft.form}
          onChange={(form) => form && change({ form })}
        />
      </Section>
      <Section title="参加的社工站" name="stations" error={errors.stations} hint="只能选择您当前督导的社工站">
        <CheckChips
          label="参加的社工站"
          options={stationIds}
          value={draft.stationIds}
          labelOf={stationName}
          onChange={(ids) =>
            change({
              stationIds: ids,
              // A worker of a station no longer ticked is no longer present.
              workerIds: draft.workerIds.filter((w) => {
                const s = staff.data?.find((x) => x.userId === w);
                return !s || ids.includes(s.stationId);
              }),
              // Likewise a case of a station no longer ticked.
              caseIds: draft.caseIds.filter((id) => {
                const c = myCases.data?.items.find((x) => x.id === id);
                return !c || ids.includes(c.stationId);
              }),
            })
          }
        />
      </Section>
      <Section title="参加的社工" name="workers" error={errors.workers}>
        {draft.stationIds.length === 0 ? (
          <Text className="sgz-hint">先选择参加的社工站</Text>
        ) : staff.status === 'loading' ? (
          <Text className="sgz-hint">正在加载社工名单…</Text>
        ) : staff.status === 'error' ? (
          <View>
            <Text className="sgz-hint">社工名单没有加载出来（{staff.error?.message}）</Text>
            <Button onClick={staff.retry}>重试</Button>
          </View>
        ) : workerIds.length === 0 ? (
          <Text className="sgz-hint">所选社工站没有在职社工</Text>
        ) : (
          <CheckChips
            label="参加的社工"
            options={workerIds}
            value={draft.workerIds}
            labelOf={(id) => workerNames.get(id) ?? '社工'}
            onChange={(ids) => change({ workerIds: ids })}
          />
        )}
      </Section>
      <Section
        title="讨论的个案（选填）"
        name="cases"
        error={errors.cases}
        hint="只列出您督导的个案；服务对象姓名已隐去"
      >
        {draft.stationIds.length === 0 ? (
          <Text className="sgz-hint">先选择参加的社工站</Text>
        ) : myCases.status === 'loading' ? (
          <Text className="sgz-hint">正在加载您督导的个案…</Text>
        ) : myCases.status === 'error' ? (
          <View>
            <Text className="sgz-hint">个案没有加载出来（{myCases.error?.message}），可以不选个案先提交</Text>
            <Button onClick={myCases.retry}>重试</Button>
          </View>
        ) : caseIdsShown.length === 0 ? (
          <Text className="sgz-hint">所选社工站没有指定您督导的个案</Text>
        ) : (
          <CheckChips
            label="讨论的个案"
            options={caseIdsShown}
            value={draft.caseIds}
            labelOf={(id) => caseNames.get(id) ?? '个案'}
            onChange={(ids) => change({ caseIds: ids })}
          />
        )}
      </Section>
      <Section title="督导项目" name="project" error={errors.project}>
        <Line label="督导项目" value={draft.project} onChange={(project) => change({ project })} />
      </Section>
      <Section title="督导主题" name="topics" error={errors.topics} hint="至少一项">
        {lineList('topics', '督导主题', SUPERVISION_LIMITS.topics)}
      </Section>
      <Section title="督导意见（选填）" name="advice" error={errors.advice}>
        <Area label="督导意见" value={draft.advice} onChange={(advice) => change({ advice })} />
      </Section>
      <Section title="后续行动（选填）" name="actionItems" error={errors.actionItems}>
        {lineList('actionItems', '后续行动', SUPERVISION_LIMITS.actionItems)}
      </Section>
      <View className="sv-save" role="status">
        <Text className="sgz-hint">{saveText}</Text>
      </View>
      <FieldError message={general ?? errors._} />
      <Button type="primary" block loading={sending} onClick={() => void submit()}>
        提交督导记录
      </Button>
    </View>
  );
}
