import { SERVICE_AREAS, upsertServiceItemInput, type ServiceArea, type ServiceItemDto } from '@sgz/shared';
import { Input, Text, Textarea, View } from '@tarojs/components';
import { useCallback, useState } from 'react';
import { Button } from '../../../components/Button';
import { FieldError } from '../../../components/FieldError';
import { listServiceItems, upsertServiceItem } from '../../../services/requests';
import { LoadView } from '../../../components/StateView';
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
  const [editing, setEditing] = useState<ItemForm | null>(null);
  const [error, setError] = useState<string | undefined>();
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

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
    if (!check.success) return setError(check.error.issues[0]?.message);
    setBusy(true);
    const res = await upsertServiceItem(check.data);
    setBusy(false);
    if (!res.ok) return setError(res.error.message);
    setError(undefined);
    setEditing(null);
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
    const set = (patch: Partial<ItemForm>) => setEditing({ ...editing, ...patch });
    return (
      <View>
        <View className="sgz-card wk__section" style={{ marginTop: '12px' }}>
          <Text className="sgz-section-title">{editing.id ? '修改服务项目' : '新增服务项目'}</Text>
          <Text className="wk__label">项目名称</Text>
          <Input
            className="sgz-input"
            value={editing.title}
            placeholder="如：高龄老人上门探访"
            onInput={(e) => set({ title: e.detail.value })}
          />
          <Text className="wk__label">服务领域</Text>
          <View className="sgz-chips">
            {SERVICE_AREAS.map((a) => (
              <View
                key={a}
                className={`sgz-choice${editing.area === a ? ' sgz-choice--selected' : ''}`}
                role="radio"
                aria-checked={editing.area === a}
                onClick={() => set({ area: a })}
              >
                <Text>
                  {editing.area === a ? '◉ ' : '○ '}
                  {a}
                </Text>
              </View>
            ))}
          </View>
          <Text className="wk__label">项目介绍</Text>
          <Textarea
            className="sgz-textarea"
            value={editing.description}
            placeholder="服务内容、对象、地点"
            onInput={(e) => set({ description: e.detail.value })}
          />
          <View className="sgz-chips" style={{ marginTop: '12px' }}>
            <View
              className={`sgz-choice${editing.bookable ? ' sgz-choice--selected' : ''}`}
              role="checkbox"
              aria-checked={editing.bookable}
              onClick={() => set({ bookable: !editing.bookable })}
            >
              <Text>{editing.bookable ? '☑' : '☐'} 需要预约时段</Text>
            </View>
            <View
              className={`sgz-choice${editing.active ? ' sgz-choice--selected' : ''}`}
              role="checkbox"
              aria-checked={editing.active}
              onClick={() => set({ active: !editing.active })}
            >
              <Text>{editing.active ? '☑ 上架（居民可选）' : '☐ 已下架'}</Text>
            </View>
          </View>
          <Text className="wk__label">每次服务时长（分钟）</Text>
          <Input
            className="sgz-input"
            type="number"
            value={editing.durationMinutes}
            onInput={(e) => set({ durationMinutes: e.detail.value })}
          />
          <Text className="wk__label">每个时段名额</Text>
          <Input
            className="sgz-input"
            type="number"
            value={editing.capacityPerSlot}
            onInput={(e) => set({ capacityPerSlot: e.detail.value })}
          />
          <FieldError message={error} />
          <Button type="primary" block disabled={busy} onClick={() => void save(editing)}>
            保存
          </Button>
          <Button
            block
            onClick={() => {
              setEditing(null);
              setError(undefined);
            }}
          >
            返回列表
          </Button>
        </View>
      </View>
    );
  }

  return (
    <View>
      <View className="wk__header">
        <Text className="wk__title">本站服务项目</Text>
        <Text className="sgz-hint">标“演示”的是示例内容，请核实修改后再向居民提供</Text>
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
          onClick={() => {
            setSaved(null);
            setEditing(formOf(i));
          }}
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
        <Button
          type="primary"
          block
          onClick={() => {
            setSaved(null);
            setEditing({ ...blank });
          }}
        >
          新增服务项目
        </Button>
      </View>
    </View>
  );
}
