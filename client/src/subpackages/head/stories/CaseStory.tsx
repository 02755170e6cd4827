import {
  beijingDay,
  CONSENT_GIVER_LABELS,
  CONSENT_GIVERS,
  CONSENT_METHOD_LABELS,
  CONSENT_METHODS,
  recordPublicityConsentInput,
  STORY_LIMITS,
  submitStoryInput,
  withdrawStoryInput,
  type ConsentGiver,
  type ConsentMethod,
  type PersonListItem,
  type StoryDto,
} from '@sgz/shared';
import { Input, Text, Textarea, View } from '@tarojs/components';
import { useState, type ReactNode } from 'react';
import { Button } from '../../../components/Button';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { FieldError } from '../../../components/FieldError';
import { useLeaveGuard } from '../../../hooks/use-leave-guard';
import { recordPublicityConsent, submitStory, withdrawStory } from '../../../services/district';
import { listPersons } from '../../../services/files';
import { newClientId } from '../../../services/outbox/core';
import { CAN_UPLOAD, pickDocument, uploadFile } from '../../../services/storage';

type Errors = Record<string, string | undefined>;

/** The first message per top-level field of a zod failure. */
const issuesOf = (issues: { path: (string | number)[]; message: string }[]): Errors => {
  const out: Errors = {};
  for (const i of issues) {
    const k = String(i.path[0] ?? 'form');
    if (!out[k]) out[k] = i.message;
  }
  return out;
};

/** A server refusal beside its field (`details.field`), else under the form. */
const refusalOf = (error: { message: string; details?: unknown }): Errors => {
  const field = (error.details as { field?: unknown } | undefined)?.field;
  return { [typeof field === 'string' ? field : 'form']: error.message };
};

function Row({ label, error, children }: { label: string; error?: string; children: ReactNode }) {
  return (
    <View className="wk__field">
      <Text className="wk__label">{label}</Text>
      {children}
      <FieldError message={error} />
    </View>
  );
}

function Chips<T extends string>({
  label,
  options,
  value,
  onChange,
}: {
  label: string;
  options: readonly (readonly [T, string])[];
  value: T | null;
  onChange: (v: T) => void;
}) {
  return (
    <View className="sgz-chips" role="radiogroup" ariaLabel={label}>
      {options.map(([v, text]) => (
        <View
          key={v}
          className={`sgz-choice${value === v ? ' sgz-choice--selected' : ''}`}
          role="radio"
          aria-checked={value === v}
          onClick={() => onChange(v)}
        >
          <Text>
            {value === v ? '◉ ' : '○ '}
            {text}
          </Text>
        </View>
      ))}
    </View>
  );
}

function TextField({
  label,
  value,
  placeholder,
  maxlength,
  onInput,
}: {
  label: string;
  value: string;
  placeholder?: string;
  maxlength?: number;
  onInput: (v: string) => void;
}) {
  return (
    <Input
      className="sgz-input"
      value={value}
      maxlength={maxlength}
      placeholder={placeholder}
      ariaLabel={label}
      nativeProps={{ 'aria-label': label }}
      onInput={(e) => onInput(e.detail.value)}
    />
  );
}

/**
 * 推荐案例故事 (the head): find the person among the station's files (masked names), record
 * their publicity consent (本人 or 监护人; 书面 with a photo of the signed form, or 口头 with a
 * witness; the day), then write the anonymised story for the district to approve. The server
 * refuses names, phone and ID numbers in the text: its message shows beside the field.
 */
export function CaseStoryForm({ stationId, onDone }: { stationId: string; onDone: () => void }) {
  const [q, setQ] = useState('');
  const [found, setFound] = useState<PersonListItem[] | null>(null);
  const [person, setPerson] = useState<PersonListItem | null>(null);
  const [givenBy, setGivenBy] = useState<ConsentGiver>('self');
  const [guardianName, setGuardianName] = useState('');
  const [method, setMethod] = useState<ConsentMethod>('verbal');
  const [witnessName, setWitnessName] = useState('');
  const [photo, setPhoto] = useState<string | null>(null);
  const [day, setDay] = useState(() => beijingDay(new Date()));
  const [consentId, setConsentId] = useState(() => newClientId(Date.now(), Math.random, 'pc'));
  const [consented, setConsented] = useState(false);
  const [storyId, setStoryId] = useState(() => newClientId(Date.now(), Math.random, 'story'));
  const [title, setTitle] = useState('');
  const [text, setText] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  useLeaveGuard(!!(title || text), '案例故事还没有提交。');
  const touch = (k: string) => {
    setDone(false);
    setErrors((e) => ({ ...e, [k]: undefined, form: undefined }));
  };

  const search = async () => {
    touch('personId');
    const res = await listPersons({ stationId, q: q.trim() || undefined, limit: 10 });
    if (!res.ok) return setErrors({ personId: res.error.message });
    setFound(res.data.items);
  };

  const takePhoto = async () => {
    touch('fileId');
    const picked = await pickDocument('camera');
    if (!picked.ok) return setErrors({ fileId: picked.error.message });
    if (!picked.data) return;
    const ext = /\.([A-Za-z0-9]{1,5})$/.exec(picked.data.path)?.[1]?.toLowerCase() ?? 'jpg';
    setBusy(true);
    const up = await uploadFile(`district/stations/${stationId}/consent-${consentId}.${ext}`, picked.data);
    setBusy(false);
    if (!up.ok) return setErrors({ fileId: '同意书照片上传没有成功，请检查网络后重新拍照' });
    setPhoto(up.data.fileID);
  };

  const recordConsent = async () => {
    if (!person) return setErrors({ personId: '请先查找并选择服务对象' });
    const check = recordPublicityConsentInput.safeParse({
      consentId,
      personId: person.id,
      kind: 'give',
      givenBy,
      guardianName: givenBy === 'guardian' ? guardianName.trim() || null : null,
      day: day.trim(),
      method,
      fileId: method === 'paper' ? photo : null,
      witnessName: method === 'verbal' ? witnessName.trim() || null : null,
    });
    if (!check.success) return setErrors(issuesOf(check.error.issues));
    setBusy(true);
    const res = await recordPublicityConsent(check.data);
    setBusy(false);
    if (!res.ok) return setErrors(refusalOf(res.error));
    setErrors({});
    setConsented(true);
  };

  const submit = async () => {
    const check = submitStoryInput.safeParse({
      storyId,
      stationId,
      kind: 'case_story',
      title: title.trim(),
      text: text.trim(),
      consentId,
    });
    if (!check.success) return setErrors(issuesOf(check.error.issues));
    setBusy(true);
    const res = await submitStory(check.data);
    setBusy(false);
    if (!res.ok) return setErrors(refusalOf(res.error));
    setTitle('');
    setText('');
    setPerson(null);
    setFound(null);
    setConsented(false);
    setPhoto(null);
    setWitnessName('');
    setGuardianName('');
    setConsentId(newClientId(Date.now(), Math.random, 'pc'));
    setStoryId(newClientId(Date.now(), Math.random, 'story'));
    setDone(true);
    onDone();
  };

  return (
    <View className="sgz-card wk__section">
      <Text className="wk__item-title">推荐案例故事</Text>
      <Text className="sgz-hint">
        案例故事须先登记服务对象本人（或监护人）同意公开宣传；正文不要写姓名、电话、身份证号等能认出本人的信息。
      </Text>
      <Row label="服务对象" error={errors.personId}>
        {person ? (
          <View>
            <Text>
              已选：{person.nameMasked}
              {person.age !== null ? `，${person.age} 岁` : ''}
              {person.community ? `，${person.community}` : ''}
            </Text>
            {consented ? null : (
              <Button
                onClick={() => {
                  setPerson(null);
                  touch('personId');
                }}
              >
                重新选择
              </Button>
            )}
          </View>
        ) : (
          <View>
            <TextField label="按姓名查找服务对象" value={q} placeholder="输入姓名的前几个字" onInput={setQ} />
            <Button onClick={() => void search()}>查找</Button>
            {found && found.length === 0 ? <Text className="sgz-hint">没有找到，请换个名字再查</Text> : null}
            {found?.map((p) => (
              <View key={p.id} className="sgz-choice" role="button" onClick={() => setPerson(p)}>
                <Text>
                  {p.nameMasked}
                  {p.age !== null ? `，${p.age} 岁` : ''}
                  {p.community ? `，${p.community}` : ''}
                </Text>
              </View>
            ))}
          </View>
        )}
      </Row>
      {person && !consented ? (
        <View>
          <Row label="由谁同意" error={errors.givenBy}>
            <Chips
              label="由谁同意"
              options={CONSENT_GIVERS.map((g) => [g, CONSENT_GIVER_LABELS[g]] as const)}
              value={givenBy}
              onChange={(g) => {
                touch('givenBy');
                setGivenBy(g);
              }}
            />
          </Row>
          {givenBy === 'guardian' ? (
            <Row label="监护人姓名" error={errors.guardianName}>
              <TextField
                label="监护人姓名"
                value={guardianName}
                onInput={(v) => {
                  touch('guardianName');
                  setGuardianName(v);
                }}
              />
            </Row>
          ) : null}
          <Row label="同意方式" error={errors.method}>
            <Chips
              label="同意方式"
              options={CONSENT_METHODS.map((m) => [m, CONSENT_METHOD_LABELS[m]] as const)}
              value={method}
              onChange={(m) => {
                touch('method');
                setMethod(m);
              }}
            />
          </Row>
          {method === 'verbal' ? (
            <Row label="见证人姓名" error={errors.witnessName}>
              <TextField
                label="见证人姓名"
                value={witnessName}
                placeholder="在场听到同意的人"
                onInput={(v) => {
                  touch('witnessName');
                  setWitnessName(v);
                }}
              />
            </Row>
          ) : (
            <Row label="签字的同意书" error={errors.fileId}>
              {photo ? <Text>✓ 已上传同意书照片</Text> : null}
              {CAN_UPLOAD ? (
                <Button loading={busy} disabled={busy} onClick={() => void takePhoto()}>
                  {photo ? '重新拍照' : '拍照上传同意书'}
                </Button>
              ) : (
                <Text className="sgz-hint">同意书照片请在微信小程序中上传（网页版不能上传）</Text>
              )}
            </Row>
          )}
          <Row label="同意日期" error={errors.day}>
            <TextField
              label="同意日期"
              value={day}
              maxlength={10}
              placeholder="如 2026-12-01"
              onInput={(v) => {
                touch('day');
                setDay(v);
              }}
            />
          </Row>
          <FieldError message={errors.consentId ?? errors.form} />
          <Button type="primary" block loading={busy} disabled={busy} onClick={() => void recordConsent()}>
            登记宣传同意
          </Button>
        </View>
      ) : null}
      {consented ? (
        <View>
          <View className="sgz-notice sgz-notice--ok" role="status">
            <Text>✓ 已登记宣传同意，请写案例故事</Text>
          </View>
          <Row label="故事标题" error={errors.title}>
            <TextField
              label="故事标题"
              value={title}
              maxlength={STORY_LIMITS.titleChars}
              placeholder="如：独居老人有了“远亲不如近邻”"
              onInput={(v) => {
                touch('title');
                setTitle(v);
              }}
            />
          </Row>
          <Row label="故事正文" error={errors.text}>
            <Textarea
              className="sgz-textarea"
              value={text}
              maxlength={STORY_LIMITS.textChars}
              placeholder="用“王奶奶”“小李”等称呼，不写姓名、电话、身份证号"
              aria-label="故事正文"
              nativeProps={{ 'aria-label': '故事正文' }}
              onInput={(e) => {
                touch('text');
                setText(e.detail.value);
              }}
            />
          </Row>
          <FieldError message={errors.consentId ?? errors.form} />
          <Button type="primary" block loading={busy} disabled={busy} onClick={() => void submit()}>
            提交区民政局审核
          </Button>
        </View>
      ) : null}
      {done ? (
        <View className="sgz-notice sgz-notice--ok" role="status">
          <Text>✓ 案例故事已提交，区民政局审核通过后在本站页面上展示</Text>
        </View>
      ) : null}
    </View>
  );
}

/** 撤下 (the head): asked first, with a required reason and whether the person withdrew consent. */
export function WithdrawStoryDialog({
  story,
  onClose,
  onDone,
}: {
  story: StoryDto | null;
  onClose: () => void;
  onDone: () => void;
}) {
  const [reason, setReason] = useState('');
  const [consentWithdrawn, setConsentWithdrawn] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const reset = () => {
    setReason('');
    setConsentWithdrawn(false);
    setError(undefined);
  };
  const confirm = async () => {
    if (!story) return;
    const check = withdrawStoryInput.safeParse({
      storyId: story.storyId,
      reason: reason.trim(),
      ...(consentWithdrawn ? { consentWithdrawn: true } : {}),
    });
    if (!check.success) return setError(check.error.issues[0]?.message);
    setBusy(true);
    const res = await withdrawStory(check.data);
    setBusy(false);
    if (!res.ok) return setError(res.error.message);
    reset();
    onDone();
  };
  const who =
    story?.kind === 'outstanding_worker' ? '该社工本人撤回了同意' : '服务对象（或监护人）撤回了同意';
  return (
    <ConfirmDialog
      open={story !== null}
      title={`撤下“${story?.title ?? ''}”吗？`}
      lines={['撤下后居民在社工站页面上就看不到了。']}
      confirmText="撤下"
      cancelText="先不撤下"
      tone="danger"
      busy={busy}
      onConfirm={() => void confirm()}
      onCancel={() => {
        reset();
        onClose();
      }}
    >
      <Text className="wk__label">撤下原因（必填）</Text>
      <Textarea
        className="sgz-textarea"
        value={reason}
        placeholder="如：本人要求撤下"
        aria-label="撤下原因"
        nativeProps={{ 'aria-label': '撤下原因' }}
        maxlength={STORY_LIMITS.reasonChars}
        onInput={(e) => {
          setError(undefined);
          setReason(e.detail.value);
        }}
      />
      <View
        className={`sgz-choice${consentWithdrawn ? ' sgz-choice--selected' : ''}`}
        role="checkbox"
        aria-checked={consentWithdrawn}
        onClick={() => setConsentWithdrawn(!consentWithdrawn)}
      >
        <Text>
          {consentWithdrawn ? '☑ ' : '☐ '}
          {who}
        </Text>
      </View>
      <FieldError message={error} />
    </ConfirmDialog>
  );
}
