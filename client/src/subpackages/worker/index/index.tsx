import {
  REQUEST_STATUS_LABELS,
  REQUEST_STATUSES,
  type RequestDto,
  type RequestStatus,
  type WireError,
} from '@sgz/shared';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import { PageRoot } from '../../../components/PageRoot';
import { StatusBadge } from '../../../components/RequestStatus';
import { StateView } from '../../../components/StateView';
import { whoAmI } from '../../../services/accounts';
import { listStationRequests } from '../../../services/requests';
import { formatSlot, formatWhen, requestTitle } from '../../../utils/request-format';
import { stationRequestUrl } from '../../../utils/routes';
import './index.scss';

type ListState =
  | { status: 'loading' }
  | { status: 'no-station' }
  | { status: 'error'; error: WireError }
  | { status: 'ready'; stationId: string; items: RequestDto[] };

/** Filter chips: all, then each status (待处理 first). */
const FILTERS: (RequestStatus | 'all')[] = ['all', ...REQUEST_STATUSES];

/** 社工工作台 (minimal): the station's incoming requests, filtered by status. */
export default function WorkerHomePage() {
  const [filter, setFilter] = useState<RequestStatus | 'all'>('all');
  const [state, setState] = useState<ListState>({ status: 'loading' });
  const stationRef = useRef<string | null>(null);

  const load = useCallback(async (status: RequestStatus | 'all') => {
    let stationId = stationRef.current;
    if (!stationId) {
      const me = await whoAmI();
      if (!me.ok) {
        setState({ status: 'error', error: me.error });
        return;
      }
      stationId = me.data.stationId;
      stationRef.current = stationId;
    }
    if (!stationId) {
      setState({ status: 'no-station' });
      return;
    }
    const res = await listStationRequests({ stationId, limit: 50, ...(status === 'all' ? {} : { status }) });
    setState(
      res.ok ? { status: 'ready', stationId, items: res.data.items } : { status: 'error', error: res.error },
    );
  }, []);

  useEffect(() => {
    void load(filter);
  }, [filter, load]);
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) void load(filter);
    shown.current = true;
  });

  return (
    <PageRoot className="wk">
      <View className="wk__header">
        <Text className="wk__title">本站居民求助</Text>
      </View>
      <View className="wk__filters" role="radiogroup" aria-label="按状态筛选">
        {FILTERS.map((f) => (
          <View
            key={f}
            className={`sgz-choice wk__filter${filter === f ? ' sgz-choice--selected' : ''}`}
            role="radio"
            aria-checked={filter === f}
            onClick={() => {
              setState({ status: 'loading' });
              setFilter(f);
            }}
          >
            <Text>
              {filter === f ? '◉ ' : ''}
              {f === 'all' ? '全部' : REQUEST_STATUS_LABELS[f]}
            </Text>
          </View>
        ))}
      </View>
      {state.status === 'loading' ? <StateView symbol="…" title="正在加载" /> : null}
      {state.status === 'no-station' ? (
        <StateView
          symbol="?"
          title="您的账号还没有绑定社工站"
          description="请向站长索取邀请码，在“我的”中使用"
        />
      ) : null}
      {state.status === 'error' ? (
        <StateView
          role="alert"
          symbol="!"
          title="求助列表没有加载出来"
          description={state.error.message}
          actionText="重试"
          onAction={() => void load(filter)}
        />
      ) : null}
      {state.status === 'ready' && state.items.length === 0 ? (
        <StateView
          symbol="i"
          title={
            filter === 'all'
              ? '本站还没有居民求助'
              : `没有“${REQUEST_STATUS_LABELS[filter as RequestStatus]}”的求助`
          }
        />
      ) : null}
      {state.status === 'ready'
        ? state.items.map((r) => (
            <View
              key={r.id}
              className="sgz-card wk__item"
              hoverClass="wk__item--pressed"
              role="button"
              onClick={() => void Taro.navigateTo({ url: stationRequestUrl(r.id) })}
            >
              <View className="wk__row">
                <Text className="wk__item-title">{requestTitle(r)}</Text>
                <StatusBadge status={r.status} label={r.statusLabel} />
              </View>
              {r.slot ? <Text className="sgz-hint">预约：{formatSlot(r.slot)}</Text> : null}
              <Text className="sgz-hint">
                {r.beneficiary ? `为家人（${r.beneficiary.relationship}）` : '本人'} · 提交于{' '}
                {formatWhen(r.createdAt)}
              </Text>
              <Text className="wk__more">处理 ›</Text>
            </View>
          ))
        : null}
    </PageRoot>
  );
}
