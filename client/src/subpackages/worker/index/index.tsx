import {
  DEFAULT_REQUESTS_PAGE,
  REQUEST_STATUS_LABELS,
  REQUEST_STATUSES,
  type RequestDto,
  type RequestStatus,
  type Result,
} from '@sgz/shared';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCallback, useRef, useState } from 'react';
import { ListFooter } from '../../../components/ListFooter';
import { PageRoot } from '../../../components/PageRoot';
import { StatusBadge } from '../../../components/RequestStatus';
import { StateView } from '../../../components/StateView';
import { type Page } from '../../../hooks/use-paged-list';
import { usePagedPage } from '../../../hooks/use-paged-page';
import { whoAmI } from '../../../services/accounts';
import { listStationRequests } from '../../../services/requests';
import { formatSlot, formatWhen, requestTitle } from '../../../utils/request-format';
import { stationRequestUrl } from '../../../utils/routes';
import './index.scss';

/** Filter chips: all, then each status (待处理 first). */
const FILTERS: (RequestStatus | 'all')[] = ['all', ...REQUEST_STATUSES];

/**
 * 社工工作台 (minimal): the station's incoming requests, filtered by status, page by page
 * (scrolling to the bottom or 加载更多); another filter starts again from the first page.
 */
export default function WorkerHomePage() {
  const [filter, setFilter] = useState<RequestStatus | 'all'>('all');
  const [noStation, setNoStation] = useState(false);
  const stationRef = useRef<string | null>(null);

  const fetchPage = useCallback(
    async (offset: number, limit: number): Promise<Result<Page<RequestDto>>> => {
      let stationId = stationRef.current;
      if (!stationId) {
        const me = await whoAmI();
        if (!me.ok) return me;
        stationId = me.data.stationId;
        stationRef.current = stationId;
      }
      setNoStation(!stationId);
      if (!stationId) return { ok: true, data: { items: [], nextOffset: null } };
      return listStationRequests({
        stationId,
        offset,
        limit,
        ...(filter === 'all' ? {} : { status: filter }),
      });
    },
    [filter],
  );
  const { state, reload, loadMore } = usePagedPage(fetchPage, DEFAULT_REQUESTS_PAGE);

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
            onClick={() => setFilter(f)}
          >
            <Text>
              {filter === f ? '◉ ' : ''}
              {f === 'all' ? '全部' : REQUEST_STATUS_LABELS[f]}
            </Text>
          </View>
        ))}
      </View>
      {state.status === 'loading' ? <StateView symbol="…" title="正在加载" /> : null}
      {noStation ? (
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
          onAction={() => void reload()}
        />
      ) : null}
      {state.status === 'ready' && !noStation && state.items.length === 0 ? (
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
      {state.status === 'ready' && !noStation ? (
        <ListFooter
          count={state.items.length}
          hasMore={state.nextOffset !== null}
          more={state.more}
          onMore={() => void loadMore()}
        />
      ) : null}
    </PageRoot>
  );
}
