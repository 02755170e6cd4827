import { Button } from '@nutui/nutui-react-taro';
import { SERVICE_AREAS, upsertServiceItemInput, type ServiceArea, type ServiceItemDto } from '@sgz/shared';
import { Input, Text, Textarea, View } from '@tarojs/components';
import { useCallback, useEffect, useState } from 'react';
import { FieldError } from '../../../components/FieldError';
import { PageRoot } from '../../../components/PageRoot';
import { whoAmI } from '../../../services/accounts';
import { listServiceItems, upsertServiceItem } from '../../../services/requests';
import { StationLoadView, type StationLoad } from '../components/StationLoadView';
import '../../worker/index/index.scss';

type ListState = StationLoad | { status: 'ready'; stationId: string; items: ServiceItemDto[] };

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
  const [state, setState] = useState<ListState>({ status: 'loading' });
  const [editing, setEditing] = useState<ItemForm | null>(null);
  const [error, setError] = useState<string | undefined>();
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    const me = await whoAmI();
    if (!me.ok) return setState({ status: 'error', error: me.error });
    const stationId = me.data.stationId;
    if (!stationId) return setState({ status: 'no-station' });
    const res = await listServiceItems({ stationId, includeInactive: true });
    setState(
      res.ok ? { status: 'ready', stationId, items: res.data.items } : { status: 'error', error: res.error },
    );
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const save = async (stationId: string, form: ItemForm) => {
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
    void load();
  };

  if (state.status !== 'ready')
    return <StationLoadView state={state} errorTitle="服务项目没有加载出来" onRetry={() => void load()} />;

  if (editing) {
    const set = (patch: Partial<ItemForm>) => setEditing({ ...editing, ...patch });
    return (
      <PageRoot className="wk">
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
          <Button
            type="primary"
            size="large"
            block
            disabled={busy}
            onClick={() => void save(state.stationId, editing)}
          >
            保存
          </Button>
          <Button
            size="large"
            block
            onClick={() => {
              setEditing(null);
              setError(undefined);
            }}
          >
            返回列表
          </Button>
        </View>
      </PageRoot>
    );
  }

  return (
    <PageRoot className="wk">
      <View className="wk__header">
        <Text className="wk__title">本站服务项目</Text>
        <Text className="sgz-hint">标“演示”的是示例内容，请核实修改后再向居民提供</Text>
      </View>
      {saved ? (
        <View className="sgz-notice sgz-notice--ok" role="status">
          <Text>✓ {saved}</Text>
        </View>
      ) : null}
      {state.items.map((i) => (
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
          size="large"
          block
          onClick={() => {
            setSaved(null);
            setEditing({ ...blank });
          }}
        >
          新增服务项目
        </Button>
      </View>
    </PageRoot>
  );
}
