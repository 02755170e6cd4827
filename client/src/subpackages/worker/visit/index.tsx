import {
  addDays,
  beijingDay,
  formatBeijing,
  FINDING_AREAS,
  FINDING_LABELS,
  maskName,
  OTHER_PRESENT_ROLES,
  RISK_TIERS,
  SERVICE_AREAS,
  TARGET_CATEGORIES,
  VISIT_LIMITS,
  VISIT_MODES,
  VISIT_TYPES,
  type PersonDetail,
  type ServiceArea,
  type WhoAmIOutput,
} from '@sgz/shared';
import { Input, Text, Textarea, View } from '@tarojs/components';
import Taro, { useDidHide, useRouter } from '@tarojs/taro';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Button } from '../../../components/Button';
import { FieldError } from '../../../components/FieldError';
import { PageRoot } from '../../../components/PageRoot';
import { PhotoField } from '../../../components/PhotoField';
import { SignaturePad } from '../../../components/SignaturePad';
import { LoadView, StateView } from '../../../components/StateView';
import { useDebouncedValue } from '../../../hooks/use-debounced-value';
import { useLoad } from '../../../hooks/use-load';
import { loadMe, NO_STATION } from '../../../hooks/use-staff-station';
import { listStaff } from '../../../services/accounts';
import { appOutbox } from '../../../services/app-outbox';
import { getPerson, listPersons } from '../../../services/files';
import {
  DELETE_WARNING,
  newClientId,
  OUTBOX_MESSAGES,
  STATUS_LABELS,
  useOutbox,
  type OutboxItem,
} from '../../../services/outbox';
import { VISIT_ID_PREFIX, VISIT_KIND, type VisitRecord } from '../../../services/visits';
import { personFormUrl, ROUTES, visitFormUrl } from '../../../utils/routes';
import { CheckChips, Chips } from '../Chips';
import type { Errors } from '../form-kit';
import {
  attachmentsOf,
  draftOf,
  emptyVisitDraft,
  loadPersonNames,
  recordOf,
  rememberPersonName,
  validateVisit,
  type FollowUpDraft,
  type Point,
  type VisitDraft,
} from './draft';
import '../../../components/staff-page.scss';
import '../person.scss';
import './index.scss';

/** Wait after the last change before the draft is written (the 600 ms of the brief). */
export const AUTOSAVE_MS = 600;

/** What the status line says. */
export const SAVE_TEXT = {
  idle: '填写的内容会自动保存在本机',
  saving: '正在保存…',
  saved: '已保存（仅在本机）',
} as const;

/** What the photo stamp says about the place: the last location with its accuracy, else the address. */
function photoPlace(d: {
  start: { lat: number; lng: number; accuracy: number } | null;
  end: { lat: number; lng: number; accuracy: number } | null;
  address: string;
}): string | null {
  const p = d.end ?? d.start;
  if (p) return `${p.lat.toFixed(5)},${p.lng.toFixed(5)} ±${Math.round(p.accuracy)}m`;
  return d.address.trim() || null;
}

/** Prefilled 未定位原因 when the worker refused the location permission. */
export const LOCATION_DENIED = '社工未授权定位';

/**
 * 走访记录 (issue 10): the home-visit form, saved on the phone through the app's
 * outbox (services/app-outbox.ts) and sent by it when the network allows.
 *
 * Opened three ways (two taps from the worker's home):
 * - `?personId=` from the due list or a file: that person is seen; the household,
 *   address, categories and risk tier come from the file when it loads (offline:
 *   the worker types them).
 * - `?id=` an outbox item (a draft left half-way, or a record sent before):
 *   every field and attachment as saved; its outbox status is shown.
 * - nothing: an ad hoc visit. The worker picks the person(s) seen from the
 *   station's files by name; a household not yet on file gets a file first
 *   (“新建档案”, the file form), then the visit from that file. A visit needs at
 *   least one file (the record names persons by their file id), so there is no
 *   free-text person here.
 *
 * The record id is made when the form opens (drafts and the submit share it).
 * Every change is written as a draft ~600 ms later; the status line says
 * 已保存 only once the outbox answered that it is stored. 提交 checks with the
 * function's own schema, then queues the record (mode `submit`); editing a
 * record sent before makes a new version, sent again after 提交.
 */
export default function VisitPage() {
  const params = useRouter().params;
  const reopenId = params.id || undefined;
  const personId = params.personId || undefined;
  const meLoader = useCallback(() => loadMe(), []);
  const me = useLoad(meLoader, { isEmpty: (m) => m.stationId === null });
  const outbox = useOutbox(appOutbox);
  const [newId] = useState(() => newClientId(Date.now(), Math.random, VISIT_ID_PREFIX));
  const [startAt] = useState(() => new Date().toISOString());

  let body: ReactNode = null;
  if (me.status === 'ready' && me.data?.stationId) {
    if (!outbox.loaded) {
      body = outbox.storageError ? (
        <StateView role="alert" symbol="!" title="手机上的记录没有读出来" description={outbox.storageError} />
      ) : (
        <StateView symbol="…" title="正在打开…" />
      );
    } else if (reopenId) {
      const item = appOutbox.get(reopenId) as OutboxItem<VisitRecord> | undefined;
      body =
        item && item.kind === VISIT_KIND ? (
          <VisitForm key={item.id} visitId={item.id} me={me.data} initial={draftOf(item)} reopened />
        ) : (
          <StateView symbol="?" title="没有找到这条走访记录" description={OUTBOX_MESSAGES.notFound} />
        );
    } else {
      const earlier = personId
        ? outbox.items.find(
            (i) =>
              i.kind === VISIT_KIND &&
              i.id !== newId && // the draft this very form is writing
              i.status === 'draft' &&
              i.firstSubmittedAt === null &&
              (i.payload as VisitRecord).personIds.includes(personId),
          )
        : undefined;
      const initial = emptyVisitDraft({ stationId: me.data.stationId, meId: me.data.userId, startAt });
      body = (
        <View>
          {earlier ? (
            <View className="sgz-notice vf-resume">
              <Text>这位服务对象有一条没填完的走访记录。</Text>
              <Button onClick={() => void Taro.redirectTo({ url: visitFormUrl({ id: earlier.id }) })}>
                继续上次未完成的记录
              </Button>
            </View>
          ) : null}
          <VisitForm
            visitId={newId}
            me={me.data}
            initial={personId ? { ...initial, personIds: [personId] } : initial}
            prefillPersonId={personId}
          />
        </View>
      );
    }
  }

  return (
    <PageRoot className="wk">
      <View className="wk__header">
        <Text className="wk__title">走访记录</Text>
      </View>
      <LoadView
        status={me.status}
        error={me.error}
        onRetry={me.retry}
        errorTitle="走访表单没有打开"
        empty={NO_STATION}
      />
      {body}
    </PageRoot>
  );
}

type SaveState = { at: 'idle' | 'saving' | 'saved' } | { at: 'error'; message: string };

/** A one-line input labelled for screen readers and the e2e harness (also on the inner <input>). */
function Line({
  label,
  value,
  onChange,
  placeholder,
  maxlength = VISIT_LIMITS.shortChars,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  placeholder?: string;
  maxlength?: number;
}) {
  return (
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
  );
}

function Block({
  label,
  value,
  onChange,
  maxlength = VISIT_LIMITS.findingChars,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  maxlength?: number;
}) {
  return (
    <Textarea
      className="sgz-textarea"
      value={value}
      placeholder={`请填写${label}（选填）`}
      aria-label={label}
      nativeProps={{ 'aria-label': label }}
      maxlength={maxlength}
      onInput={(e) => onChange(e.detail.value)}
    />
  );
}

function Section({
  title,
  name,
  error,
  children,
}: {
  title: string;
  name: string;
  error?: string;
  children: ReactNode;
}) {
  return (
    <View className={`vf-section vf-section--${name}`}>
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

/** Quick due days of a follow-up, from the Beijing day. */
const DUE_PRESETS: { label: string; days: number }[] = [
  { label: '三天后', days: 3 },
  { label: '一周后', days: 7 },
  { label: '一个月后', days: 30 },
];

/** The form field (error key) a draft key belongs to. */
const ERROR_FIELD: Record<string, string> = {
  personIds: 'persons',
  workerIds: 'workers',
  othersPresent: 'others',
  startAt: 'time',
  endAt: 'time',
  start: 'location',
  end: 'location',
  refused: 'location',
  signature: 'confirmation',
  noSignatureReason: 'confirmation',
};

/** A phone time as the worker reads it (Beijing), e.g. 2026-11-27 09:30. */
export const beijingTime = (iso: string | null): string => {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : formatBeijing(d);
};

/** `2026-11-27 09:30` typed as Beijing time → ISO with +08:00, or null when it is not one. */
export function parseBeijingTime(text: string): string | null {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})\s+(\d{1,2})[:：](\d{2})$/.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi] = m;
  const pad = (v: string | undefined) => (v ?? '').padStart(2, '0');
  const iso = `${y}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:00+08:00`;
  return Number.isNaN(Date.parse(iso)) ||
    beijingTime(iso) !== `${y}-${pad(mo)}-${pad(d)} ${pad(h)}:${pad(mi)}`
    ? null
    : iso;
}

const pointText = (p: Point): string => `已定位（精度约 ${Math.round(p.accuracy)} 米）`;

/** The location of the phone, or why there is none. */
async function locate(): Promise<{ ok: true; point: Point } | { ok: false; denied: boolean }> {
  try {
    const r = await Taro.getLocation({ type: 'gcj02', isHighAccuracy: true });
    const accuracy = typeof r.accuracy === 'number' && Number.isFinite(r.accuracy) ? r.accuracy : 0;
    return {
      ok: true,
      point: { lat: r.latitude, lng: r.longitude, accuracy: Math.min(100_000, Math.max(0, accuracy)) },
    };
  } catch (e) {
    const msg = (e as { errMsg?: unknown } | null)?.errMsg;
    const text = typeof msg === 'string' ? msg : e instanceof Error ? e.message : String(e);
    return { ok: false, denied: /auth|deny|denied|permission|拒绝|授权/i.test(text) };
  }
}

/** The form (exported for tests). */
export function VisitForm({
  visitId,
  me,
  initial,
  reopened = false,
  prefillPersonId,
}: {
  visitId: string;
  me: WhoAmIOutput;
  initial: VisitDraft;
  reopened?: boolean;
  prefillPersonId?: string;
}) {
  const stationId = initial.stationId;
  const [draft, setDraft] = useState<VisitDraft>(initial);
  const [errors, setErrors] = useState<Errors>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [save, setSave] = useState<SaveState>({ at: reopened ? 'saved' : 'idle' });
  const [tick, setTick] = useState(0);
  const [sending, setSending] = useState(false);
  const [locating, setLocating] = useState<'start' | 'end' | null>(null);
  const [locationNote, setLocationNote] = useState<string | null>(null);
  const [editTimes, setEditTimes] = useState(false);
  const [names, setNames] = useState<Record<string, string>>(() => loadPersonNames());
  const [household, setHousehold] = useState<PersonDetail['household']>(null);
  const outbox = useOutbox(appOutbox);
  const item = outbox.items.find((i) => i.id === visitId);

  const draftRef = useRef(draft);
  draftRef.current = draft;
  const pending = useRef(false);
  const seq = useRef(0);
  const submitted = useRef(false);
  const live = useRef(true);

  const persist = useCallback(
    async (d: VisitDraft) => {
      const mine = (seq.current += 1);
      pending.current = false;
      const res = await appOutbox.save({
        id: visitId,
        kind: VISIT_KIND,
        payload: recordOf(d),
        attachments: attachmentsOf(d),
        mode: 'draft',
      });
      // A later change (or save) speaks for the status line.
      if (!live.current || mine !== seq.current || pending.current) return;
      setSave(res.ok ? { at: 'saved' } : { at: 'error', message: res.error.message });
    },
    [visitId],
  );

  // Debounced autosave: each change restarts the wait.
  useEffect(() => {
    if (tick === 0 || submitted.current) return undefined;
    const t = setTimeout(() => {
      // Submitted meanwhile: a draft save now would take the record back out of the queue.
      if (!submitted.current) void persist(draftRef.current);
    }, AUTOSAVE_MS);
    return () => clearTimeout(t);
  }, [tick, persist]);

  // WeChat sent to the background (or another page on top): a change still waiting is written now,
  // because a mini-program in the background may be killed without another word.
  useDidHide(() => {
    if (pending.current && !submitted.current) void persist(draftRef.current);
  });

  // Leaving while a change waits: write it now.
  useEffect(
    () => () => {
      live.current = false;
      if (pending.current && !submitted.current) void persist(draftRef.current);
    },
    [persist],
  );

  /** Applies a change, clears the error of the field it touches, and schedules the draft save. */
  const change = (patch: Partial<VisitDraft> | ((d: VisitDraft) => VisitDraft), field?: string) => {
    setDraft((d) => (typeof patch === 'function' ? patch(d) : { ...d, ...patch }));
    // An edit after 提交 is a new version: a draft again until submitted again (the outbox's rule).
    submitted.current = false;
    pending.current = true;
    setSave({ at: 'saving' });
    setTick((t) => t + 1);
    const fields = typeof patch === 'function' ? [] : Object.keys(patch).map((k) => ERROR_FIELD[k] ?? k);
    if (field) fields.push(field);
    if (fields.length > 0)
      setErrors((e) => {
        const n = { ...e };
        for (const k of fields) delete n[k];
        return n;
      });
  };

  // From a file: household, address, categories and tier, unless already typed.
  useEffect(() => {
    if (!prefillPersonId) return;
    let on = true;
    void getPerson({ personId: prefillPersonId }).then((res) => {
      if (!on || !res.ok) return;
      const p = res.data.person;
      const masked = maskName(p.name) ?? p.name;
      rememberPersonName(p.id, masked);
      setNames((n) => ({ ...n, [p.id]: masked }));
      setHousehold(p.household);
      const h = p.household;
      setDraft((d) => ({
        ...d,
        householdId: d.householdId ?? p.householdId,
        address: d.address || (h ? `${h.community} ${h.address}` : ''),
        categories: d.categories.length ? d.categories : p.categories,
        risk: d.risk ?? p.risk,
      }));
    });
    return () => {
      on = false;
    };
  }, [prefillPersonId]);

  // The station's workers (present, follow-up owners); offline: just the caller.
  const staffLoader = useCallback(() => listStaff({ stationId, limit: 100 }), [stationId]);
  const staff = useLoad(staffLoader);
  const workerNames = useMemo(() => {
    const m = new Map<string, string>();
    // Only the station's own workers and head can be present or own a follow-up (the server checks the same).
    for (const s of staff.data?.items ?? [])
      if (s.active && (s.role === 'social_worker' || s.role === 'station_head') && s.stationId === stationId)
        m.set(s.userId, s.name ?? '社工');
    m.set(me.userId, `${me.profile?.name ?? '我'}（我）`);
    return m;
  }, [staff.data, me, stationId]);
  const workerIds = useMemo(() => {
    const ids = [...workerNames.keys()];
    for (const id of [...draft.workerIds, ...draft.followUps.map((f) => f.ownerId)])
      if (id && !ids.includes(id)) ids.push(id);
    return ids;
  }, [workerNames, draft.workerIds, draft.followUps]);
  const workerLabel = (id: string) => workerNames.get(id) ?? '本站社工';

  const personLabel = (id: string) => names[id] ?? '已选档案';
  const addPerson = (id: string, masked: string) => {
    rememberPersonName(id, masked);
    setNames((n) => ({ ...n, [id]: masked }));
    change((d) => (d.personIds.includes(id) ? d : { ...d, personIds: [...d.personIds, id] }), 'persons');
  };

  // Search of the station's files (ad hoc visit, or another member of the household).
  const [typed, setTyped] = useState('');
  const q = useDebouncedValue(typed.trim(), 400);
  const searchLoader = useCallback(() => listPersons({ stationId, q, limit: 10 }), [stationId, q]);
  const [searching, setSearching] = useState(!prefillPersonId);
  const showSearch = searching || draft.personIds.length === 0;

  const setLocation = async (which: 'start' | 'end') => {
    setLocating(which);
    const r = await locate();
    if (!live.current) return;
    setLocating(null);
    if (r.ok) {
      setLocationNote(null);
      change(which === 'start' ? { start: r.point, refused: null } : { end: r.point, refused: null });
      return;
    }
    setLocationNote(
      r.denied
        ? '没有定位权限：请填写未定位原因（走访照常保存）。如需定位，可在小程序设置中允许使用位置。'
        : '定位没有成功：请稍后重试，或填写未定位原因（走访照常保存）。',
    );
    change(
      (d) =>
        d.start || d.end ? d : { ...d, refused: r.denied ? d.refused || LOCATION_DENIED : (d.refused ?? '') },
      'location',
    );
  };

  const updateFollowUp = (i: number, patch: Partial<FollowUpDraft>) =>
    change((d) => ({ ...d, followUps: d.followUps.map((f, j) => (j === i ? { ...f, ...patch } : f)) }));

  const submit = async () => {
    if (sending) return;
    setGeneral(null);
    const d: VisitDraft = { ...draftRef.current, endAt: draftRef.current.endAt ?? new Date().toISOString() };
    const record = recordOf(d);
    const found = validateVisit(record, visitId, d.photos.length);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setGeneral('请按提示修改后再提交');
      return;
    }
    submitted.current = true;
    pending.current = false;
    setSending(true);
    const res = await appOutbox.save({
      id: visitId,
      kind: VISIT_KIND,
      payload: record,
      attachments: attachmentsOf(d),
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
    setDraft(d);
    setSave({ at: 'saved' });
    void Taro.showToast({ title: '已保存，将自动同步', icon: 'success' });
    if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
    else void Taro.redirectTo({ url: ROUTES.worker });
  };

  const inPerson = draft.mode === '上门';
  const editedAfterSubmit = item?.status === 'draft' && item.firstSubmittedAt !== null;
  const saveText = save.at === 'error' ? `保存失败：${save.message}` : SAVE_TEXT[save.at];

  return (
    <View className="pf-form vf-form">
      {item && reopened ? (
        <View className="sgz-card vf-outbox" aria-label="记录状态">
          <Text>
            记录状态：{STATUS_LABELS[item.status]}
            {editedAfterSubmit ? '（修改尚未提交）' : ''}
          </Text>
          {item.lastError ? <Text className="sgz-hint">{`\n原因：${item.lastError.message}`}</Text> : null}
          {editedAfterSubmit ? (
            <Text className="sgz-hint">{'\n'}修改后请点“提交”，修改的内容才会同步。</Text>
          ) : null}
        </View>
      ) : null}

      <Section title="走访对象" name="persons" error={errors.persons}>
        <View className="sgz-chips pf-chips__row" role="group" aria-label="已选走访对象">
          {draft.personIds.length === 0 ? <Text className="sgz-hint">还没有选择走访对象</Text> : null}
          {draft.personIds.map((id) => (
            <View
              key={id}
              role="button"
              className="sgz-choice sgz-choice--selected pf-chip"
              aria-label={`移除${personLabel(id)}`}
              onClick={() =>
                change((d) => ({ ...d, personIds: d.personIds.filter((x) => x !== id) }), 'persons')
              }
            >
              <Text>{personLabel(id)} ✕</Text>
            </View>
          ))}
        </View>
        {household && household.members.some((m) => !draft.personIds.includes(m.personId)) ? (
          <View className="vf-members">
            <Text className="sgz-hint">同户成员也在场？</Text>
            {household.members
              .filter((m) => !draft.personIds.includes(m.personId))
              .map((m) => (
                <Button key={m.personId} onClick={() => addPerson(m.personId, m.nameMasked)}>
                  ＋ {m.nameMasked}
                  {m.relationship ? `（${m.relationship}）` : ''}
                </Button>
              ))}
          </View>
        ) : null}
        {showSearch ? (
          <PersonSearch
            typed={typed}
            onType={setTyped}
            q={q}
            loader={searchLoader}
            chosen={draft.personIds}
            onPick={(id, masked) => {
              addPerson(id, masked);
              setTyped('');
            }}
          />
        ) : (
          <Button onClick={() => setSearching(true)}>添加其他走访对象</Button>
        )}
        <View className="vf-newfile">
          <Text className="sgz-hint">家庭还没有档案？先建档，再从档案记录走访。</Text>
          <Button onClick={() => void Taro.navigateTo({ url: personFormUrl() })}>新建档案</Button>
        </View>
      </Section>

      <Section title="在场社工" name="workers" error={errors.workers}>
        <CheckChips
          label="在场社工"
          options={workerIds}
          value={draft.workerIds}
          onChange={(ids) => change({ workerIds: ids })}
          labelOf={workerLabel}
        />
        {staff.status === 'error' ? (
          <Text className="sgz-hint">本站社工名单没有加载出来，暂时只能选择自己</Text>
        ) : null}
      </Section>

      <Section title="其他在场人员（选填）" name="others" error={errors.others}>
        {draft.othersPresent.map((o, i) => (
          <View key={i} className="vf-row">
            <Chips
              label={`第 ${i + 1} 位身份`}
              options={OTHER_PRESENT_ROLES}
              value={o.role}
              onChange={(role) =>
                role &&
                change((d) => ({
                  ...d,
                  othersPresent: d.othersPresent.map((x, j) => (j === i ? { ...x, role } : x)),
                }))
              }
            />
            <Line
              label={`第 ${i + 1} 位姓名（选填）`}
              value={o.name}
              maxlength={20}
              onChange={(name) =>
                change((d) => ({
                  ...d,
                  othersPresent: d.othersPresent.map((x, j) => (j === i ? { ...x, name } : x)),
                }))
              }
            />
            <Button
              onClick={() =>
                change((d) => ({ ...d, othersPresent: d.othersPresent.filter((_, j) => j !== i) }))
              }
            >
              删除这位
            </Button>
          </View>
        ))}
        {draft.othersPresent.length < VISIT_LIMITS.others ? (
          <Button
            onClick={() =>
              change((d) => ({ ...d, othersPresent: [...d.othersPresent, { role: '村居干部', name: '' }] }))
            }
          >
            添加其他在场人员
          </Button>
        ) : null}
      </Section>

      <Section title="走访类型" name="type" error={errors.type}>
        <Chips
          label="走访类型"
          options={VISIT_TYPES}
          value={draft.type}
          onChange={(type) => type && change({ type })}
        />
      </Section>
      <Section title="走访方式" name="mode" error={errors.mode}>
        <Chips
          label="走访方式"
          options={VISIT_MODES}
          value={draft.mode}
          onChange={(mode) => mode && change({ mode })}
        />
      </Section>

      <Section title="服务对象类别（选填）" name="categories" error={errors.categories}>
        <Text className="sgz-hint">低保、残疾等类别需本人同意后才会保存</Text>
        <CheckChips
          label="服务对象类别"
          options={TARGET_CATEGORIES}
          value={draft.categories}
          onChange={(categories) => change({ categories })}
        />
      </Section>

      <Section title="走访时间" name="time" error={errors.time}>
        <Text>开始时间：{beijingTime(draft.startAt)}</Text>
        <Text>
          {'\n'}结束时间：{draft.endAt ? beijingTime(draft.endAt) : '未结束（提交时记为提交的时间）'}
        </Text>
        <Button onClick={() => change({ endAt: new Date().toISOString() })}>
          {draft.endAt ? '重新记录结束时间' : '结束走访'}
        </Button>
        {editTimes || errors.time ? (
          <TimeEditor startAt={draft.startAt} endAt={draft.endAt} onChange={(patch) => change(patch)} />
        ) : (
          <Button onClick={() => setEditTimes(true)}>补记或修改时间</Button>
        )}
      </Section>

      <Section title="走访地址（选填）" name="address" error={errors.address}>
        <Line label="走访地址" value={draft.address} onChange={(address) => change({ address })} />
      </Section>

      <Section title="定位" name="location" error={errors.location}>
        {inPerson ? null : <Text className="sgz-hint">电话、视频走访不需要定位</Text>}
        <Text>开始：{draft.start ? pointText(draft.start) : '未定位'}</Text>
        <Text>
          {'\n'}结束：{draft.end ? pointText(draft.end) : '未定位'}
        </Text>
        <View className="pf-actions vf-actions">
          <Button loading={locating === 'start'} onClick={() => void setLocation('start')}>
            记录开始定位
          </Button>
          <Button loading={locating === 'end'} onClick={() => void setLocation('end')}>
            记录结束定位
          </Button>
        </View>
        {locationNote ? (
          <View className="sgz-notice" role="alert">
            <Text>⚠ {locationNote}</Text>
          </View>
        ) : null}
        {draft.refused !== null && !draft.start && !draft.end ? (
          <Line
            label="未定位原因"
            value={draft.refused}
            maxlength={100}
            onChange={(refused) => change({ refused })}
          />
        ) : inPerson && !draft.start && !draft.end ? (
          <Button onClick={() => change({ refused: '' })}>无法定位，填写原因</Button>
        ) : null}
      </Section>

      <Section title="发现的情况（选填）" name="findings" error={errors.findings}>
        {FINDING_AREAS.map((a) => {
          const label = `${FINDING_LABELS[a]}方面的情况`;
          return (
            <View key={a} className="pf-field">
              <Text className="pf-field__label">{label}</Text>
              {a === 'health' ? <Text className="sgz-hint">健康情况需本人同意后才会保存</Text> : null}
              <Block
                label={label}
                value={draft.findings[a]}
                onChange={(v) => change((d) => ({ ...d, findings: { ...d.findings, [a]: v } }))}
              />
              <FieldError message={errors[`findings.${a}`]} />
            </View>
          );
        })}
      </Section>

      <Section title="需求（按服务领域，选填）" name="needs" error={errors.needs}>
        <CheckChips
          label="需求所属服务领域"
          options={SERVICE_AREAS}
          value={draft.needs.map((n) => n.area)}
          onChange={(areas: ServiceArea[]) =>
            change((d) => ({
              ...d,
              needs: areas.map((area) => d.needs.find((n) => n.area === area) ?? { area, note: '' }),
            }))
          }
        />
        {draft.needs.map((n) => (
          <Line
            key={n.area}
            label={`${n.area}需求说明（选填）`}
            value={n.note}
            maxlength={VISIT_LIMITS.noteChars}
            onChange={(note) =>
              change((d) => ({ ...d, needs: d.needs.map((x) => (x.area === n.area ? { ...x, note } : x)) }))
            }
          />
        ))}
      </Section>

      <Section title="现场提供的服务（选填）" name="services" error={errors.services}>
        {draft.services.map((s, i) => (
          <View key={i} className="vf-row vf-row--inline">
            <Line
              label={`第 ${i + 1} 项服务`}
              value={s}
              onChange={(v) =>
                change((d) => ({ ...d, services: d.services.map((x, j) => (j === i ? v : x)) }))
              }
            />
            <Button onClick={() => change((d) => ({ ...d, services: d.services.filter((_, j) => j !== i) }))}>
              删除
            </Button>
          </View>
        ))}
        {draft.services.length < VISIT_LIMITS.services ? (
          <Button onClick={() => change((d) => ({ ...d, services: [...d.services, ''] }))}>
            添加一项服务
          </Button>
        ) : null}
      </Section>

      <Section title="风险等级（决定下次走访时间）" name="risk" error={errors.risk}>
        <Chips
          label="风险等级"
          options={RISK_TIERS}
          value={draft.risk}
          anyLabel="暂不评估"
          onChange={(risk) => change({ risk })}
        />
      </Section>

      <Section title="后续跟进（选填）" name="followUps" error={errors.followUps}>
        {draft.followUps.map((f, i) => (
          <View key={i} className="sgz-card vf-followup">
            <Text className="pf-field__label">第 {i + 1} 项跟进</Text>
            <Line
              label={`第 ${i + 1} 项跟进事项`}
              value={f.action}
              onChange={(action) => updateFollowUp(i, { action })}
            />
            <Chips
              label="负责人"
              options={workerIds}
              value={f.ownerId}
              labelOf={workerLabel}
              onChange={(ownerId) => ownerId && updateFollowUp(i, { ownerId })}
            />
            <Line
              label={`第 ${i + 1} 项跟进期限`}
              placeholder="年-月-日，如 2026-12-01"
              value={f.dueDay}
              maxlength={10}
              onChange={(dueDay) => updateFollowUp(i, { dueDay })}
            />
            <View className="sgz-chips pf-chips__row">
              {DUE_PRESETS.map((p) => (
                <Button
                  key={p.label}
                  onClick={() => updateFollowUp(i, { dueDay: addDays(beijingDay(new Date()), p.days) })}
                >
                  {p.label}
                </Button>
              ))}
            </View>
            <Line
              label={`第 ${i + 1} 项转介说明（选填）`}
              value={f.referral}
              onChange={(referral) => updateFollowUp(i, { referral })}
            />
            <Toggle
              label="需要开案（转为个案管理）"
              value={f.openCase}
              onChange={(openCase) => updateFollowUp(i, { openCase })}
            />
            <Button
              onClick={() => change((d) => ({ ...d, followUps: d.followUps.filter((_, j) => j !== i) }))}
            >
              删除这项跟进
            </Button>
          </View>
        ))}
        {draft.followUps.length < VISIT_LIMITS.followUps ? (
          <Button
            onClick={() =>
              change((d) => ({
                ...d,
                followUps: [
                  ...d.followUps,
                  { action: '', ownerId: me.userId, dueDay: '', referral: '', openCase: false },
                ],
              }))
            }
          >
            添加后续跟进
          </Button>
        ) : null}
      </Section>

      <Section title="现场照片（选填）" name="photos" error={errors.photos}>
        <PhotoField
          label="现场照片"
          value={draft.photos}
          max={VISIT_LIMITS.photos}
          place={photoPlace(draft)}
          onChange={(photos) => change({ photos })}
        />
      </Section>

      <Section title="服务对象确认" name="confirmation" error={errors.confirmation}>
        <SignaturePad
          label="服务对象签字"
          value={draft.signature}
          onChange={(signature) => change({ signature })}
        />
        {draft.signature ? null : (
          <Line
            label="未签字原因"
            placeholder="没有签字时请填写原因，如：老人视力不好，由家属口头确认"
            value={draft.noSignatureReason}
            maxlength={100}
            onChange={(noSignatureReason) => change({ noSignatureReason })}
          />
        )}
      </Section>

      <FieldError message={general ?? errors._} />
      <View
        className={`vf-save-status${save.at === 'error' ? ' vf-save-status--error' : ''}`}
        aria-live="polite"
      >
        <Text>{saveText}</Text>
      </View>
      <View className="pf-actions">
        <Button type="primary" block loading={sending} onClick={() => void submit()}>
          提交
        </Button>
      </View>
      <Text className="sgz-hint vf-warning">{DELETE_WARNING}</Text>
    </View>
  );
}

/**
 * Start and end typed as Beijing time (a visit recorded afterwards, or a draft
 * finished the next day): each applies once it reads as a time.
 */
function TimeEditor({
  startAt,
  endAt,
  onChange,
}: {
  startAt: string;
  endAt: string | null;
  onChange: (patch: { startAt?: string; endAt?: string }) => void;
}) {
  const [typed, setTyped] = useState<Record<TimeKey, string>>(() => ({
    startAt: beijingTime(startAt),
    endAt: beijingTime(endAt),
  }));
  return (
    <View className="vf-times">
      {TIME_FIELDS.map(({ key, what, example }) => {
        const value = typed[key];
        const bad = value.trim() !== '' && parseBeijingTime(value) === null;
        return (
          <View key={key}>
            <Line
              label={`${what}（北京时间）`}
              placeholder={`如 ${example}`}
              value={value}
              maxlength={16}
              onChange={(v) => {
                setTyped((t) => ({ ...t, [key]: v }));
                const iso = parseBeijingTime(v);
                if (iso) onChange({ [key]: iso });
              }}
            />
            <FieldError message={bad ? `${what}请按“${example}”的格式填写` : undefined} />
          </View>
        );
      })}
    </View>
  );
}

type TimeKey = 'startAt' | 'endAt';
const TIME_FIELDS: { key: TimeKey; what: string; example: string }[] = [
  { key: 'startAt', what: '开始时间', example: '2026-11-27 09:30' },
  { key: 'endAt', what: '结束时间', example: '2026-11-27 10:15' },
];

/** Search of the station's files by the start of the name. */
function PersonSearch({
  typed,
  onType,
  q,
  loader,
  chosen,
  onPick,
}: {
  typed: string;
  onType: (v: string) => void;
  q: string;
  loader: () => ReturnType<typeof listPersons>;
  chosen: readonly string[];
  onPick: (id: string, maskedName: string) => void;
}) {
  return (
    <View className="vf-search">
      <Line
        label="按姓名开头搜索走访对象"
        placeholder="输入姓名开头，如“张”"
        value={typed}
        maxlength={20}
        onChange={onType}
      />
      {q ? <SearchResults key={q} loader={loader} chosen={chosen} onPick={onPick} /> : null}
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
        empty={{ symbol: '?', title: '本站没有这个姓名开头的档案', description: '可以先新建档案' }}
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
