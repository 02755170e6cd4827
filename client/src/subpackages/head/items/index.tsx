import { SERVICE_AREAS, upsertServiceItemInput, type ServiceArea, type ServiceItemDto } from '@sgz/shared';
import { Input, Text, Textarea, View } from '@tarojs/components';
import { useCallback, useState, type ReactNode } from 'react';
import { Button } from '../../../components/Button';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { FieldError } from '../../../components/FieldError';
import { listServiceItems, upsertServiceItem } from '../../../services/requests';
import { LoadView } from '../../../components/StateView';
import { LEAVE_TITLE, useLeaveGuard } from '../../../hooks/use-leave-guard';
import { useLoad } from '../../../hooks/use-load';
import { StaffStationPage } from '../../../components/StaffStationPage';
import '../../../components/staff-page.scss';

/** The editor's fields (numbers as typed text). */
interface ItemForm {
  id?: string;
  title: string;
  area: ServiceArea | null;
  description: string;
  bookable: boolean;
  durationMinutes: string;
  capacityPerSlot: string;
  active: boolean;
}

const blank: ItemForm = {
  title: '',
  area: null,
  description: '',
  bookable: true,
  durationMinutes: '60',
  capacityPerSlot: '1',
  active: true,
};

/** Fields of the editor that carry their own error. */
type FieldName = 'title' | 'area' | 'description' | 'durationMinutes' | 'capacityPerSlot';
type FieldErrors = Partial<Record<FieldName | 'form', string>>;
const FIELDS: readonly FieldName[] = ['title', 'area', 'description', 'durationMinutes', 'capacityPerSlot'];
const isField = (key: unknown): key is FieldName => FIELDS.includes(key as FieldName);

/** Labels of the text fields (shown, and the name screen readers read). */
const LABELS = {
  title: '项目名称',
  description: '项目介绍',
  durationMinutes: '每次服务时长（分钟）',
  capacityPerSlot: '每个时段名额',
} as const;

/** True when the two forms differ in anything the head typed or chose. */
const changed = (a: ItemForm, b: ItemForm): boolean =>
  (Object.keys(a) as (keyof ItemForm)[]).some((k) => a[k] !== b[k]);

/** What 返回 (and WeChat's own back) says about an open editor's unsaved edits. */
const LEAVE_MESSAGE = '刚才的修改还没有保存。放弃后，这个服务项目保持原样。';

const formOf = (i: ServiceItemDto): ItemForm => ({
  id: i.id,
  title: i.title,
  area: i.area,
  description: i.description,
  bookable: i.bookable,
  durationMinutes: String(i.durationMinutes),
  capacityPerSlot: String(i.capacityPerSlot),
  active: i.active,
});

/** 服务项目 (station head): the station's items, with a simple editor (upsertServiceItem). */
export default function HeadItemsPage() {
  return (
    <StaffStationPage errorTitle="服务项目没有加载出来">
      {(stationId) => <StationItems stationId={stationId} />}
    </StaffStationPage>
  );
}

function StationItems({ stationId }: { stationId: string }) {
  const loader = useCallback(() => listServiceItems({ stationId, includeInactive: true }), [stationId]);
  const list = useLoad(loader);
  /** The form being edited, and as it was opened (to tell unsaved changes). */
  const [editing, setEditing] = useState<{ form: ItemForm; opened: ItemForm } | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirmingLeave, setConfirmingLeave] = useState(false);
  const dirty = editing !== null && changed(editing.form, editing.opened);
  // The page's 返回 (H5), WeChat's back (weapp) and closing the tab ask first; 返回列表 below too.
  useLeaveGuard(dirty, LEAVE_MESSAGE);

  const open = (form: ItemForm) => {
    setSaved(null);
    setErrors({});
    setEditing({ form, opened: form });
  };
  const close = () => {
    setConfirmingLeave(false);
    setEditing(null);
    setErrors({});
  };

  const save = async (form: ItemForm) => {
    const input = {
      ...(form.id ? { id: form.id } : {}),
      stationId,
      title: form.title,
      ...(form.area ? { area: form.area } : {}),
      description: form.description,
      bookable: form.bookable,
      durationMinutes: Number(form.durationMinutes),
      capacityPerSlot: Number(form.capacityPerSlot),
      active: form.active,
    };
    const check = upsertServiceItemInput.safeParse(input);
    if (!check.success) {
      // Every problem beside its own field (the first of each), not only the first one.
      const found: FieldErrors = {};
      for (const issue of check.error.issues) {
        const key = isField(issue.path[0]) ? issue.path[0] : 'form';
        if (!found[key]) found[key] = issue.message;
      }
      return setErrors(found);
    }
    setBusy(true);
    const res = await upsertServiceItem(check.data);
    setBusy(false);
    if (!res.ok) {
      const field = (res.error.details as { field?: unknown } | undefined)?.field;
      return setErrors(isField(field) ? { [field]: res.error.message } : { form: res.error.message });
    }
    close();
    setSaved(`已保存“${res.data.item.title}”`);
    void list.reload();
  };

  if (!list.data)
    return (
      <LoadView
        status={list.status}
        error={list.error}
        onRetry={list.retry}
        errorTitle="服务项目没有加载出来"
      />
    );

  if (editing) {
    const form = editing.form;
    const set = (patch: Partial<ItemForm>) => {
      setEditing({ ...editing, form: { ...form, ...patch } });
      // A field's error goes when it is changed; the others stay until the next 保存.
      setErrors((e) => {
        const next = { ...e };
        for (const key of Object.keys(patch)) if (isField(key)) delete next[key];
        return next;
      });
    };
    const textInput = (name: 'title' | 'durationMinutes' | 'capacityPerSlot', placeholder?: string) => (
      <Input
        className="sgz-input"
        type={name === 'title' ? 'text' : 'number'}
        value={form[name]}
        placeholder={placeholder}
        ariaLabel={LABELS[name]}
        nativeProps={{ 'aria-label': LABELS[name] }}
        onInput={(e) => set({ [name]: e.detail.value })}
      />
    );
    return (
      <View>
        <View className="sgz-card wk__section" style={{ marginTop: '12px' }}>
          <Text className="sgz-section-title">{form.id ? '修改服务项目' : '新增服务项目'}</Text>
          <Field label={LABELS.title} error={errors.title}>
            {textInput('title', '如：高龄老人上门探访')}
          </Field>
          <Field label="服务领域" error={errors.area}>
            <View className="sgz-chips" role="radiogroup" ariaLabel="服务领域">
              {SERVICE_AREAS.map((a) => (
                <View
                  key={a}
                  className={`sgz-choice${form.area === a ? ' sgz-choice--selected' : ''}`}
                  role="radio"
                  aria-checked={form.area === a}
                  onClick={() => set({ area: a })}
                >
                  <Text>
                    {form.area === a ? '◉ ' : '○ '}
                    {a}
                  </Text>
                </View>
              ))}
            </View>
          </Field>
          <Field label={LABELS.description} error={errors.description}>
            <Textarea
              className="sgz-textarea"
              value={form.description}
              placeholder="服务内容、对象、地点"
              ariaLabel={LABELS.description}
              nativeProps={{ 'aria-label': LABELS.description }}
              onInput={(e) => set({ description: e.detail.value })}
            />
          </Field>
          <View className="sgz-chips" style={{ marginTop: '12px' }}>
            <View
              className={`sgz-choice${form.bookable ? ' sgz-choice--selected' : ''}`}
              role="checkbox"
              aria-checked={form.bookable}
              onClick={() => set({ bookable: !form.bookable })}
            >
              <Text>{form.bookable ? '☑' : '☐'} 需要预约时段</Text>
            </View>
            <View
              className={`sgz-choice${form.active ? ' sgz-choice--selected' : ''}`}
              role="checkbox"
              aria-checked={form.active}
              onClick={() => set({ active: !form.active })}
            >
              <Text>{form.active ? '☑ 上架（居民可选）' : '☐ 已下架'}</Text>
            </View>
          </View>
          <Field label={LABELS.durationMinutes} error={errors.durationMinutes}>
            {textInput('durationMinutes')}
          </Field>
          <Field label={LABELS.capacityPerSlot} error={errors.capacityPerSlot}>
            {textInput('capacityPerSlot')}
          </Field>
          <FieldError message={errors.form} />
          {Object.keys(errors).length > 0 && !errors.form ? (
            <Text className="sgz-hint">请按上面标有 ⚠ 的提示修改后再保存</Text>
          ) : null}
          <Button type="primary" block disabled={busy} onClick={() => void save(form)}>
            保存
          </Button>
          <Button block onClick={() => (dirty ? setConfirmingLeave(true) : close())}>
            返回列表
          </Button>
        </View>
        <ConfirmDialog
          open={confirmingLeave}
          title={LEAVE_TITLE}
          lines={[LEAVE_MESSAGE]}
          confirmText="放弃修改"
          cancelText="继续编辑"
          tone="danger"
          onConfirm={close}
          onCancel={() => setConfirmingLeave(false)}
        />
      </View>
    );
  }

  return (
    <View>
      <View className="wk__header">
        <Text className="wk__title">本站服务项目</Text>
        <Text className="sgz-hint">标“演示”的是示例内容，居民还看不到；核实修改并保存后才向居民提供</Text>
      </View>
      {saved ? (
        <View className="sgz-notice sgz-notice--ok" role="status">
          <Text>✓ {saved}</Text>
        </View>
      ) : null}
      {list.data.items.map((i) => (
        <View
          key={i.id}
          className="sgz-card wk__item"
          hoverClass="wk__item--pressed"
          role="button"
          onClick={() => open(formOf(i))}
        >
          <Text className="wk__item-title">
            {i.title}
            {i.demo ? '（演示）' : ''}
          </Text>
          <Text className="sgz-hint">
            {i.area} ·{' '}
            {i.bookable
              ? `需预约 · ${i.durationMinutes} 分钟 · 每时段 ${i.capacityPerSlot} 个名额`
              : '无需预约'}{' '}
            · {i.active ? '已上架' : '已下架'}
          </Text>
          <Text className="wk__more">修改 ›</Text>
        </View>
      ))}
      <View className="wk__actions">
        <Button type="primary" block onClick={() => open({ ...blank })}>
          新增服务项目
        </Button>
      </View>
    </View>
  );
}

/** One field of the editor: its label, the input, and its own error right under it. */
function Field({ label, error, children }: { label: string; error?: string; children: ReactNode }) {
  return (
    <View className="wk__field">
      <Text className="wk__label">{label}</Text>
      {children}
      <FieldError message={error} />
    </View>
  );
}
