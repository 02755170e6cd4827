import { beijingDay, CASE_LIMITS, NOTE_MODES, type NoteMode } from '@sgz/shared';
// The schema module alone, inside the worker subpackage (zod stays out of the main package).
import { caseNotePayloadField } from '@sgz/shared/schemas/cases';
import { Input, Text, Textarea, View } from '@tarojs/components';
import Taro, { useDidHide, useRouter } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { Button } from '../../../components/Button';
import { FieldError } from '../../../components/FieldError';
import { PageRoot } from '../../../components/PageRoot';
import { StateView } from '../../../components/StateView';
import { appOutbox } from '../../../services/app-outbox';
import { CASE_NOTE_ID_PREFIX, CASE_NOTE_KIND, type CaseNoteRecord } from '../../../services/cases';
import {
  DELETE_WARNING,
  newClientId,
  OUTBOX_MESSAGES,
  STATUS_LABELS,
  useOutbox,
  type OutboxItem,
} from '../../../services/outbox';
import { caseUrl } from '../../../utils/routes';
import { Chips } from '../Chips';
import { issuesToErrors, type Errors } from '../form-kit';
import '../../../components/staff-page.scss';
import '../person.scss';
import '../visit/index.scss';

/** Wait after the last change before the draft is written (as the visit form). */
export const NOTE_AUTOSAVE_MS = 600;

/** What the status line says (as the visit form). */
export const NOTE_SAVE_TEXT = {
  idle: '填写的内容会自动保存在本机',
  saving: '正在保存…',
  saved: '已保存（仅在本机）',
} as const;

/** The note as typed. */
export interface NoteForm {
  caseId: string;
  day: string;
  minutes: string;
  mode: NoteMode;
  done: string;
  progress: string;
  nextStep: string;
}

const opt = (s: string): string | null => (s.trim() === '' ? null : s.trim());

/** The outbox payload of the form (a draft may be incomplete; the submit checks it). */
export function noteRecordOf(f: NoteForm): CaseNoteRecord {
  const minutes = Number(f.minutes.trim());
  return {
    caseId: f.caseId,
    day: f.day.trim(),
    minutes: Number.isFinite(minutes) ? minutes : 0,
    mode: f.mode,
    done: f.done.trim(),
    progress: opt(f.progress),
    nextStep: opt(f.nextStep),
    goalIds: [],
  };
}

/** The form of a kept note. */
export const noteFormOf = (r: CaseNoteRecord): NoteForm => ({
  caseId: r.caseId,
  day: r.day,
  minutes: r.minutes > 0 ? String(r.minutes) : '',
  mode: r.mode,
  done: r.done,
  progress: r.progress ?? '',
  nextStep: r.nextStep ?? '',
});

/** Checks a note about to be submitted with the function's own schema (first message per field). */
export function validateNote(r: CaseNoteRecord): Errors {
  const res = caseNotePayloadField.safeParse(r);
  return res.success
    ? {}
    : issuesToErrors(res.error.issues, (p) => (p[0] === undefined ? null : String(p[0])));
}

/**
 * 介入记录 (issue 11): one intervention session of a case — day, minutes, mode,
 * what was done, progress, next step — written on the phone, offline too. Every
 * change is kept as a draft in the app's outbox (已保存（仅在本机）), 提交 queues it
 * and the outbox sends it (addCaseNote, the phone's id: a resend is never a second
 * note). Opened with `?caseId=` (a new note) or `?id=` (a note kept in the outbox).
 */
export default function CaseNotePage() {
  const params = useRouter().params;
  const reopenId = params.id || undefined;
  const caseId = params.caseId ?? '';
  const outbox = useOutbox(appOutbox);
  const [newId] = useState(() => newClientId(Date.now(), Math.random, CASE_NOTE_ID_PREFIX));
  const [today] = useState(() => beijingDay(new Date()));

  let body: ReactNode;
  if (!outbox.loaded) {
    body = outbox.storageError ? (
      <StateView role="alert" symbol="!" title="手机上的记录没有读出来" description={outbox.storageError} />
    ) : (
      <StateView symbol="…" title="正在打开…" />
    );
  } else if (reopenId) {
    const item = appOutbox.get(reopenId) as OutboxItem<CaseNoteRecord> | undefined;
    body =
      item && item.kind === CASE_NOTE_KIND ? (
        <NoteFormView key={item.id} noteId={item.id} initial={noteFormOf(item.payload)} reopened />
      ) : (
        <StateView symbol="?" title="没有找到这条介入记录" description={OUTBOX_MESSAGES.notFound} />
      );
  } else if (!caseId) {
    body = <StateView symbol="?" title="没有指定个案" description="请从个案详情点“写介入记录”" />;
  } else {
    body = (
      <NoteFormView
        noteId={newId}
        initial={{ caseId, day: today, minutes: '', mode: '面谈', done: '', progress: '', nextStep: '' }}
      />
    );
  }
  return (
    <PageRoot className="wk">
      <View className="wk__header">
        <Text className="wk__title">介入记录</Text>
      </View>
      {body}
    </PageRoot>
  );
}

type SaveState = { at: 'idle' | 'saving' | 'saved' } | { at: 'error'; message: string };

function Line({
  label,
  value,
  onChange,
  placeholder,
  type = 'text',
  maxlength = CASE_LIMITS.textChars,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  placeholder?: string;
  type?: 'text' | 'number';
  maxlength?: number;
}) {
  return (
    <View className="sgz-input">
      <Input
        value={value}
        type={type}
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
  optional,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  optional?: boolean;
}) {
  return (
    <Textarea
      className="sgz-textarea"
      value={value}
      placeholder={`请填写${label}${optional ? '（选填）' : ''}`}
      aria-label={label}
      nativeProps={{ 'aria-label': label }}
      maxlength={CASE_LIMITS.longChars}
      onInput={(e) => onChange(e.detail.value)}
    />
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
export function NoteFormView({
  noteId,
  initial,
  reopened = false,
}: {
  noteId: string;
  initial: NoteForm;
  reopened?: boolean;
}) {
  const [form, setForm] = useState<NoteForm>(initial);
  const [errors, setErrors] = useState<Errors>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [save, setSave] = useState<SaveState>({ at: reopened ? 'saved' : 'idle' });
  const [tick, setTick] = useState(0);
  const [sending, setSending] = useState(false);
  const outbox = useOutbox(appOutbox);
  const item = outbox.items.find((i) => i.id === noteId);
  const formRef = useRef(form);
  formRef.current = form;
  const pending = useRef(false);
  const seq = useRef(0);
  const submitted = useRef(false);
  const live = useRef(true);

  const persist = useCallback(
    async (f: NoteForm) => {
      const mine = (seq.current += 1);
      pending.current = false;
      const res = await appOutbox.save({
        id: noteId,
        kind: CASE_NOTE_KIND,
        payload: noteRecordOf(f),
        attachments: [],
        mode: 'draft',
      });
      if (!live.current || mine !== seq.current || pending.current) return;
      setSave(res.ok ? { at: 'saved' } : { at: 'error', message: res.error.message });
    },
    [noteId],
  );

  useEffect(() => {
    if (tick === 0 || submitted.current) return undefined;
    const t = setTimeout(() => {
      if (!submitted.current) void persist(formRef.current);
    }, NOTE_AUTOSAVE_MS);
    return () => clearTimeout(t);
  }, [tick, persist]);
  useDidHide(() => {
    if (pending.current && !submitted.current) void persist(formRef.current);
  });
  useEffect(
    () => () => {
      live.current = false;
      if (pending.current && !submitted.current) void persist(formRef.current);
    },
    [persist],
  );

  const change = (patch: Partial<NoteForm>) => {
    setForm((f) => ({ ...f, ...patch }));
    submitted.current = false;
    pending.current = true;
    setSave({ at: 'saving' });
    setTick((t) => t + 1);
    setErrors((e) => {
      const n = { ...e };
      for (const k of Object.keys(patch)) delete n[k];
      return n;
    });
  };

  const submit = async () => {
    if (sending) return;
    setGeneral(null);
    const record = noteRecordOf(formRef.current);
    const found = validateNote(record);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setGeneral('请按提示修改后再提交');
      return;
    }
    submitted.current = true;
    pending.current = false;
    setSending(true);
    const res = await appOutbox.save({
      id: noteId,
      kind: CASE_NOTE_KIND,
      payload: record,
      attachments: [],
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
    else void Taro.redirectTo({ url: caseUrl(record.caseId) });
  };

  const editedAfterSubmit = item?.status === 'draft' && item.firstSubmittedAt !== null;
  const saveText = save.at === 'error' ? `保存失败：${save.message}` : NOTE_SAVE_TEXT[save.at];

  return (
    <View className="pf-form vf-form">
      {item && reopened ? (
        <View className="sgz-card vf-outbox" aria-label="记录状态">
          <Text>
            记录状态：{STATUS_LABELS[item.status]}
            {editedAfterSubmit ? '（修改尚未提交）' : ''}
          </Text>
          {item.lastError ? <Text className="sgz-hint">{`\n原因：${item.lastError.message}`}</Text> : null}
        </View>
      ) : null}
      <Section title="服务日期" error={errors.day}>
        <Line
          label="服务日期"
          placeholder="年-月-日，如 2026-12-01"
          maxlength={10}
          value={form.day}
          onChange={(day) => change({ day })}
        />
      </Section>
      <Section title="服务时长（分钟）" error={errors.minutes}>
        <Line
          label="服务时长（分钟）"
          type="number"
          placeholder="如 45"
          maxlength={3}
          value={form.minutes}
          onChange={(minutes) => change({ minutes })}
        />
      </Section>
      <Section title="服务方式" error={errors.mode}>
        <Chips
          label="服务方式"
          options={NOTE_MODES}
          value={form.mode}
          onChange={(mode) => mode && change({ mode })}
        />
      </Section>
      <Section title="服务内容（做了什么）" error={errors.done}>
        <Block label="服务内容" value={form.done} onChange={(done) => change({ done })} />
      </Section>
      <Section title="进展（选填）" error={errors.progress}>
        <Block label="进展" optional value={form.progress} onChange={(progress) => change({ progress })} />
      </Section>
      <Section title="下一步安排（选填）" error={errors.nextStep}>
        <Line
          label="下一步安排"
          placeholder="请填写下一步安排（选填）"
          value={form.nextStep}
          onChange={(nextStep) => change({ nextStep })}
        />
      </Section>
      <FieldError message={general ?? errors._ ?? errors.caseId} />
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
