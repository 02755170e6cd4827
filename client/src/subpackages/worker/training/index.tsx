import { beijingDay, TRAINING_FORMS, TRAINING_KINDS, TRAINING_LIMITS } from '@sgz/shared';
import { Text, View } from '@tarojs/components';
import Taro, { useDidHide, useRouter } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { Button } from '../../../components/Button';
import { FieldError } from '../../../components/FieldError';
import { PageRoot } from '../../../components/PageRoot';
import { PhotoField } from '../../../components/PhotoField';
import { StateView } from '../../../components/StateView';
import { Line } from '../../../components/supervision/inputs';
import { appOutbox } from '../../../services/app-outbox';
import {
  newClientId,
  OUTBOX_MESSAGES,
  STATUS_LABELS,
  useOutbox,
  type OutboxItem,
} from '../../../services/outbox';
import { TRAINING_ID_PREFIX, TRAINING_KIND, type TrainingRecord } from '../../../services/supervision';
import { ROUTES } from '../../../utils/routes';
import { Chips } from '../Chips';
import {
  draftOf,
  emptyTrainingDraft,
  recordOf,
  trainingHoursProblem,
  validateTraining,
  type Errors,
  type TrainingDraft,
} from './draft';
import '../../../components/staff-page.scss';
import '../person.scss';
import '../../../components/supervision/sv.scss';

/** Wait after the last change before the draft is written. */
export const AUTOSAVE_MS = 600;

const SAVE_TEXT = {
  idle: '填写的内容会自动保存在本机',
  saving: '正在保存…',
  saved: '已保存（仅在本机）',
} as const;

/**
 * 记录培训 (学时, issue 12): a worker records a training — days, course,
 * organiser, kind (岗前 / 督导培训 / 继续教育 / 实务 / 政策法规), form (面授 / 线上 /
 * 学历), hours, a certificate photo — or the head records it for a worker of the
 * team (`?workerId=&name=`). Kept as a draft in the outbox on every change;
 * 提交 queues it (the photo is uploaded first). The head confirms it.
 */
export default function TrainingPage() {
  const params = useRouter().params;
  const reopenId = params.id || undefined;
  const workerId = params.workerId || null;
  const name = params.name ? decodeURIComponent(params.name) : null;
  const outbox = useOutbox(appOutbox);
  const [newId] = useState(() => newClientId(Date.now(), Math.random, TRAINING_ID_PREFIX));
  const [today] = useState(() => beijingDay(new Date()));

  let body: ReactNode;
  if (!outbox.loaded) {
    body = outbox.storageError ? (
      <StateView role="alert" symbol="!" title="手机上的记录没有读出来" description={outbox.storageError} />
    ) : (
      <StateView symbol="…" title="正在打开…" />
    );
  } else if (reopenId) {
    const item = appOutbox.get(reopenId) as OutboxItem<TrainingRecord> | undefined;
    body =
      item && item.kind === TRAINING_KIND ? (
        <TrainingForm key={item.id} recordId={item.id} initial={draftOf(item)} reopened today={today} />
      ) : (
        <StateView symbol="?" title="没有找到这条学时记录" description={OUTBOX_MESSAGES.notFound} />
      );
  } else {
    body = <TrainingForm recordId={newId} initial={emptyTrainingDraft(workerId, today)} today={today} />;
  }
  return (
    <PageRoot className="wk">
      <View className="wk__header">
        <Text className="wk__title">{name ? `代${name}记录培训` : '记录培训'}</Text>
      </View>
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

/** The form (exported for tests). */
export function TrainingForm({
  recordId,
  initial,
  reopened = false,
  today,
}: {
  recordId: string;
  initial: TrainingDraft;
  reopened?: boolean;
  /** Beijing day the record may not end after. */
  today: string;
}) {
  const [draft, setDraft] = useState<TrainingDraft>(initial);
  const [errors, setErrors] = useState<Errors>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [save, setSave] = useState<SaveState>({ at: reopened ? 'saved' : 'idle' });
  const [tick, setTick] = useState(0);
  const [sending, setSending] = useState(false);
  const outbox = useOutbox(appOutbox);
  const item = outbox.items.find((i) => i.id === recordId);
  const sent = item !== undefined && item.firstSubmittedAt !== null;

  const draftRef = useRef(draft);
  draftRef.current = draft;
  const pending = useRef(false);
  const seq = useRef(0);
  const submitted = useRef(false);
  const live = useRef(true);

  const persist = useCallback(
    async (d: TrainingDraft) => {
      const mine = (seq.current += 1);
      pending.current = false;
      const res = await appOutbox.save({
        id: recordId,
        kind: TRAINING_KIND,
        payload: recordOf(d),
        attachments: d.photos,
        mode: 'draft',
      });
      if (!live.current || mine !== seq.current || pending.current) return;
      setSave(res.ok ? { at: 'saved' } : { at: 'error', message: res.error.message });
    },
    [recordId],
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

  const change = (patch: Partial<TrainingDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
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
    const d = draftRef.current;
    const found = validateTraining(d, today);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setGeneral('请按提示修改后再提交');
      return;
    }
    submitted.current = true;
    pending.current = false;
    setSending(true);
    const res = await appOutbox.save({
      id: recordId,
      kind: TRAINING_KIND,
      payload: recordOf(d),
      attachments: d.photos,
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
    else void Taro.redirectTo({ url: ROUTES.workerHours });
  };

  if (sent && item) {
    return (
      <View className="pf-form">
        <View className="sgz-card sv-card" role="status">
          <Text>记录状态：{STATUS_LABELS[item.status]}</Text>
          {item.lastError ? <Text className="sgz-hint">原因：{item.lastError.message}</Text> : null}
          <Text className="sgz-hint">已提交的学时记录不能再修改；被退回的请重新记录一条。</Text>
        </View>
      </View>
    );
  }

  const saveText = save.at === 'error' ? `保存失败：${save.message}` : SAVE_TEXT[save.at];
  return (
    <View className="pf-form">
      <Section
        title="培训日期"
        name="days"
        error={errors.startDay ?? errors.endDay}
        hint="例如 2026-03-05；一天的培训两处填同一天"
      >
        <View className="sv-row">
          <Line
            label="开始日期"
            value={draft.startDay}
            maxlength={10}
            onChange={(startDay) => change({ startDay })}
          />
          <Text aria-hidden>至</Text>
          <Line
            label="结束日期"
            value={draft.endDay}
            maxlength={10}
            onChange={(endDay) => change({ endDay })}
          />
        </View>
      </Section>
      <Section title="课程名称" name="course" error={errors.course}>
        <Line
          label="课程名称"
          value={draft.course}
          maxlength={TRAINING_LIMITS.shortChars}
          onChange={(course) => change({ course })}
        />
      </Section>
      <Section title="主办单位" name="organiser" error={errors.organiser}>
        <Line
          label="主办单位"
          value={draft.organiser}
          maxlength={TRAINING_LIMITS.shortChars}
          onChange={(organiser) => change({ organiser })}
        />
      </Section>
      <Section title="培训类别" name="kind" error={errors.kind}>
        <Chips
          label="培训类别"
          options={TRAINING_KINDS}
          value={draft.kind}
          onChange={(kind) => kind && change({ kind })}
        />
      </Section>
      <Section
        title="培训形式"
        name="form"
        error={errors.form}
        hint={draft.form === '学历' ? '学历教育按 90 学时计，只计一次' : undefined}
      >
        <Chips
          label="培训形式"
          options={TRAINING_FORMS}
          value={draft.form}
          onChange={(form) => form && change({ form })}
        />
      </Section>
      <Section
        title="学时（按半小时计）"
        name="hours"
        error={errors.hours ?? trainingHoursProblem(draft.hours) ?? undefined}
      >
        <Line
          label="学时"
          type="digit"
          value={draft.hours}
          maxlength={5}
          placeholder="例如 1.5"
          onChange={(hours) => change({ hours })}
        />
      </Section>
      <Section title="结业证书或签到照片（选填）" name="photos" error={errors.certificateFileId}>
        <PhotoField label="证书照片" value={draft.photos} max={1} onChange={(photos) => change({ photos })} />
      </Section>
      <View className="sv-save" role="status">
        <Text className="sgz-hint">{saveText}</Text>
      </View>
      <FieldError message={general ?? errors._ ?? errors.workerId} />
      <Button type="primary" block loading={sending} onClick={() => void submit()}>
        提交学时记录
      </Button>
    </View>
  );
}
