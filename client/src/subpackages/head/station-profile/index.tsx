import { SPECIALTIES, updateStationProfileInput, type Specialty, type StationDetail } from '@sgz/shared';
import { Input, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useCallback, useState, type ReactNode } from 'react';
import { Button } from '../../../components/Button';
import { FieldError } from '../../../components/FieldError';
import { PageRoot } from '../../../components/PageRoot';
import { StaffStationPage } from '../../../components/StaffStationPage';
import { LoadView } from '../../../components/StateView';
import { useLeaveGuard } from '../../../hooks/use-leave-guard';
import { useLoad } from '../../../hooks/use-load';
import { getStation, updateStationProfile } from '../../../services/stations';
import '../../../components/staff-page.scss';

const ERROR_TITLE = '社工站信息没有加载出来';

/**
 * 社工站公开信息: the details residents see on the station page (地址, 联系电话, 一站一品).
 * The head edits their own station; the district admin opens it with `?stationId=` for any
 * station (the server checks both).
 */
export default function HeadStationProfilePage() {
  const given = useRouter().params.stationId;
  if (given)
    return (
      <PageRoot className="wk">
        <StationProfile stationId={given} />
      </PageRoot>
    );
  return (
    <StaffStationPage errorTitle={ERROR_TITLE}>{(id) => <StationProfile stationId={id} />}</StaffStationPage>
  );
}

function StationProfile({ stationId }: { stationId: string }) {
  const loader = useCallback(() => getStation({ id: stationId }), [stationId]);
  const station = useLoad(loader);
  return (
    <View>
      <LoadView
        status={station.status}
        error={station.error}
        onRetry={station.retry}
        loadingText="正在加载社工站信息…"
        errorTitle={ERROR_TITLE}
      />
      {station.data ? <StationProfileForm station={station.data} /> : null}
    </View>
  );
}

/** The form's fields as typed ('' = not published). */
interface ProfileForm {
  address: string;
  phone: string;
  specialty: Specialty | null;
}
type FieldName = keyof ProfileForm;
type FieldErrors = Partial<Record<FieldName | 'form', string>>;
const FIELDS: readonly FieldName[] = ['address', 'phone', 'specialty'];
const isField = (key: unknown): key is FieldName => FIELDS.includes(key as FieldName);

const formOf = (s: StationDetail): ProfileForm => ({
  address: s.address ?? '',
  phone: s.phone ?? '',
  specialty: s.specialty,
});

/** True when the form differs from what residents see now (unsaved edits). */
const changed = (a: ProfileForm, b: ProfileForm): boolean => FIELDS.some((k) => a[k] !== b[k]);

/** The form's labelled fields, their own errors right under them, and 保存. */
export function StationProfileForm({ station }: { station: StationDetail }) {
  /** What is saved (as loaded, then as the last 保存 returned it): unsaved edits differ from it. */
  const [savedForm, setSavedForm] = useState<ProfileForm>(() => formOf(station));
  const [form, setForm] = useState<ProfileForm>(savedForm);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  useLeaveGuard(changed(form, savedForm), '刚才的修改还没有保存。放弃后，居民看到的还是原来的信息。');

  const set = (patch: Partial<ProfileForm>) => {
    setSaved(false);
    setForm((f) => ({ ...f, ...patch }));
    // A field's error goes when it is changed; the others stay until the next 保存.
    setErrors((e) => {
      const next = { ...e };
      for (const key of Object.keys(patch)) if (isField(key)) delete next[key];
      return next;
    });
  };

  const save = async () => {
    const check = updateStationProfileInput.safeParse({
      stationId: station.id,
      address: form.address.trim() || null,
      // Spaces typed inside a number (022 2532 1234) are not part of it.
      phone: form.phone.replace(/[\s\u3000]/g, '') || null,
      specialty: form.specialty,
    });
    if (!check.success) {
      const found: FieldErrors = {};
      for (const issue of check.error.issues) {
        const key = isField(issue.path[0]) ? issue.path[0] : 'form';
        if (!found[key]) found[key] = issue.message;
      }
      return setErrors(found);
    }
    setBusy(true);
    setErrors({});
    const res = await updateStationProfile(check.data);
    setBusy(false);
    if (!res.ok) {
      const field = (res.error.details as { field?: unknown } | undefined)?.field;
      return setErrors(isField(field) ? { [field]: res.error.message } : { form: res.error.message });
    }
    setForm(formOf(res.data));
    setSavedForm(formOf(res.data));
    setSaved(true);
  };

  const textInput = (name: 'address' | 'phone', label: string, placeholder: string) => (
    <Input
      className="sgz-input"
      type="text"
      value={form[name]}
      maxlength={name === 'address' ? 100 : 20}
      placeholder={placeholder}
      ariaLabel={label}
      nativeProps={{ 'aria-label': label }}
      onInput={(e) => set({ [name]: e.detail.value })}
    />
  );

  return (
    <View>
      <View className="wk__header">
        <Text className="wk__title">{station.officialName}</Text>
        <Text className="sgz-hint">
          居民在社工站页面上看到这些信息。留空的一项显示为“暂未公布”；没有电话时，页面提供区里的服务热线。服务时间按“服务时间（可预约时段）”中的设置显示。
        </Text>
      </View>
      <View className="sgz-card wk__section">
        <Field label="地址" error={errors.address}>
          {textInput('address', '地址', '如：天津市滨海新区××路×号')}
        </Field>
        <Field label="联系电话" error={errors.phone}>
          {textInput('phone', '联系电话', '11 位手机号，或带区号的座机号，如 022-25321234')}
        </Field>
        <Field label="一站一品（特色服务）" error={errors.specialty}>
          <View className="sgz-chips" role="radiogroup" ariaLabel="一站一品（特色服务）">
            {[null, ...SPECIALTIES].map((s) => (
              <View
                key={s ?? 'none'}
                className={`sgz-choice${form.specialty === s ? ' sgz-choice--selected' : ''}`}
                role="radio"
                aria-checked={form.specialty === s}
                onClick={() => set({ specialty: s })}
              >
                <Text>
                  {form.specialty === s ? '◉ ' : '○ '}
                  {s ?? '暂不设置'}
                </Text>
              </View>
            ))}
          </View>
        </Field>
        <FieldError message={errors.form} />
        {Object.keys(errors).length > 0 && !errors.form ? (
          <Text className="sgz-hint">请按上面标有 ⚠ 的提示修改后再保存</Text>
        ) : null}
        <Button type="primary" block loading={busy} disabled={busy} onClick={() => void save()}>
          保存
        </Button>
        {saved ? (
          <View className="sgz-notice sgz-notice--ok" role="status">
            <Text>✓ 已保存，居民现在看到的就是这些信息</Text>
          </View>
        ) : null}
      </View>
    </View>
  );
}

/** One field: its label, the input, and its own error right under it. */
function Field({ label, error, children }: { label: string; error?: string; children: ReactNode }) {
  return (
    <View className="wk__field">
      <Text className="wk__label">{label}</Text>
      {children}
      <FieldError message={error} />
    </View>
  );
}
