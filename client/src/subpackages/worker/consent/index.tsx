import {
  CONSENT_GIVER_LABELS,
  CONSENT_GIVERS,
  CONSENT_LABELS,
  CONSENT_METHOD_LABELS,
  CONSENT_METHODS,
  recordPersonConsentInput,
  SENSITIVE_CATEGORIES,
  type WireError,
} from '@sgz/shared';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import { Button } from '../../../components/Button';
import { FieldError } from '../../../components/FieldError';
import { PageRoot } from '../../../components/PageRoot';
import { recordConsent } from '../../../services/files';
import { CheckChips, Chips } from '../Chips';
import { Field, TextInput } from '../Field';
import { fieldOfError, issuesToErrors, type Errors } from '../form-kit';
import {
  clearConsentDraft,
  consentDraftKey,
  consentInputOf,
  crossFieldErrors,
  emptyConsentDraft,
  loadConsentDraft,
  saveConsentDraft,
  type ConsentDraft,
} from './draft';
import { PHOTO_UPLOAD_AVAILABLE, takeConsentPhoto } from './photo';
import '../../../components/staff-page.scss';
import '../person.scss';

/** Form field of a schema / server path (`guardian.name` → guardianName). */
export function consentField(path: readonly (string | number)[]): string | null {
  const [head, sub] = path;
  if (head === 'guardian') return sub === 'relationship' ? 'guardianRelationship' : 'guardianName';
  return typeof head === 'string' ? head : null;
}

/** 记录同意: a consent given (or withdrawn) at the door, by the person or a guardian, on paper or before a witness. */
export default function ConsentPage() {
  const personId = useRouter().params.personId ?? '';
  return (
    <PageRoot className="wk">
      <View className="wk__header">
        <Text className="wk__title">记录入户同意</Text>
      </View>
      <ConsentForm personId={personId} />
    </PageRoot>
  );
}

/** The form (exported for tests). */
export function ConsentForm({ personId }: { personId: string }) {
  const key = consentDraftKey(personId);
  const [draft, setDraft] = useState<ConsentDraft>(
    () => loadConsentDraft(key, PHOTO_UPLOAD_AVAILABLE) ?? emptyConsentDraft(PHOTO_UPLOAD_AVAILABLE),
  );
  const [errors, setErrors] = useState<Errors>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const busy = useRef(false);
  useEffect(() => saveConsentDraft(key, draft), [key, draft]);

  const update = (patch: Partial<ConsentDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setErrors((e) => {
      const n = { ...e };
      for (const k of Object.keys(patch)) delete n[k];
      return n;
    });
  };

  const photo = async () => {
    try {
      const fileId = await takeConsentPhoto(personId, draft.consentId);
      update({ fileId });
    } catch {
      setErrors((e) => ({ ...e, fileId: '照片没有上传成功，请重新拍照' }));
    }
  };

  const showServerError = (e: WireError) => {
    const raw = fieldOfError(e);
    const field = raw ? consentField(raw.split('.')) : null;
    if (field) setErrors((x) => ({ ...x, [field]: e.message }));
    else setGeneral(e.message);
  };

  const submit = async () => {
    if (busy.current) return;
    setGeneral(null);
    const check = recordPersonConsentInput.safeParse(consentInputOf(draft, personId));
    if (!check.success) {
      setErrors({ ...crossFieldErrors(draft), ...issuesToErrors(check.error.issues, consentField) });
      setGeneral('请按提示修改后再保存');
      return;
    }
    busy.current = true;
    setSending(true);
    try {
      const res = await recordConsent(check.data);
      if (!res.ok) return showServerError(res.error);
      clearConsentDraft(key);
      void Taro.showToast({ title: '已记录', icon: 'success' });
      void Taro.navigateBack();
    } finally {
      busy.current = false;
      setSending(false);
    }
  };

  return (
    <View className="pf-form">
      <Field name="kind" label="登记类型" error={errors.kind}>
        <Chips
          label=""
          options={['give', 'withdraw'] as const}
          value={draft.kind}
          onChange={(kind) => kind && update({ kind })}
          labelOf={(k) => (k === 'give' ? '同意' : '撤回同意')}
        />
      </Field>
      <Field name="categories" label="同意记录的信息（可多选）" error={errors.categories}>
        <CheckChips
          label="同意记录的信息"
          options={SENSITIVE_CATEGORIES}
          value={draft.categories}
          onChange={(categories) => update({ categories })}
          labelOf={(c) => CONSENT_LABELS[c]}
        />
      </Field>
      <Field name="givenBy" label="由谁表示同意" error={errors.givenBy}>
        <Chips
          label=""
          options={CONSENT_GIVERS}
          value={draft.givenBy}
          onChange={(givenBy) => givenBy && update({ givenBy })}
          labelOf={(g) => CONSENT_GIVER_LABELS[g]}
        />
      </Field>
      {draft.givenBy === 'guardian' ? (
        <View>
          <Field name="guardianName" label="监护人姓名" error={errors.guardianName}>
            <TextInput
              label="监护人姓名"
              value={draft.guardianName}
              onChange={(guardianName) => update({ guardianName })}
            />
          </Field>
          <Field name="guardianRelationship" label="监护人与本人关系" error={errors.guardianRelationship}>
            <TextInput
              label="监护人与本人关系"
              value={draft.guardianRelationship}
              onChange={(guardianRelationship) => update({ guardianRelationship })}
            />
          </Field>
        </View>
      ) : null}
      <Field name="day" label="同意日期（如 2026-11-27）" error={errors.day}>
        <TextInput
          label="同意日期"
          value={draft.day}
          placeholder="同意日期：年-月-日"
          onChange={(day) => update({ day })}
        />
      </Field>
      <Field name="method" label="同意方式" error={errors.method}>
        {PHOTO_UPLOAD_AVAILABLE ? (
          <Chips
            label=""
            options={CONSENT_METHODS}
            value={draft.method}
            onChange={(method) => method && update({ method })}
            labelOf={(m) => CONSENT_METHOD_LABELS[m]}
          />
        ) : (
          <Text className="sgz-hint">
            浏览器版无法上传同意书照片，只能记录口头同意并填写见证人；书面同意请在微信小程序中拍照上传。
          </Text>
        )}
      </Field>
      {draft.method === 'paper' ? (
        <Field name="fileId" label="签字的同意书照片" error={errors.fileId}>
          {draft.fileId ? <Text>✓ 照片已上传</Text> : null}
          <Button onClick={() => void photo()}>{draft.fileId ? '重新拍照' : '拍照上传同意书'}</Button>
        </Field>
      ) : (
        <Field name="witnessName" label="见证人姓名" error={errors.witnessName}>
          <TextInput
            label="见证人姓名"
            value={draft.witnessName}
            onChange={(witnessName) => update({ witnessName })}
          />
        </Field>
      )}
      <FieldError message={general ?? errors._} />
      <View className="pf-actions">
        <Button type="primary" block loading={sending} onClick={() => void submit()}>
          {sending ? '正在保存…' : '保存'}
        </Button>
      </View>
    </View>
  );
}
