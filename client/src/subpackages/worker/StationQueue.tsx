import {
  DEFAULT_REQUESTS_PAGE,
  REQUEST_STATUS_LABELS,
  REQUEST_STATUSES,
  type RequestStatus,
} from '@sgz/shared';
import { Text, View } from '@tarojs/components';
import { useCallback, useState } from 'react';
import { RequestCardList } from '../../components/RequestCard';
import { LoadView } from '../../components/StateView';
import { pagedStatus } from '../../hooks/use-paged-list';
import { usePagedPage } from '../../hooks/use-paged-page';
import { listStationRequests } from '../../services/requests';
import { stationRequestUrl } from '../../utils/routes';
import './StationQueue.scss';

/** A filter of the queue: every status, or one. */
export type QueueFilter = RequestStatus | 'all';

/** Filter chips: all, then each status (待处理 first). */
const FILTERS: QueueFilter[] = ['all', ...REQUEST_STATUSES];

/** A status from a page query (`?status=submitted`), or null when it is none. */
export const queueFilterOf = (v: string | undefined): QueueFilter | null =>
  v === 'all' || (REQUEST_STATUSES as readonly string[]).includes(v ?? '') ? (v as QueueFilter) : null;

/**
 * The station's incoming requests, filtered by status, page by page (scrolling to the
 * bottom or 加载更多); another filter starts again from the first page. On 社工工作台 and
 * on its own page (本站居民求助, one tap from 我的).
 */
export function StationQueue({ stationId, initial = 'all' }: { stationId: string; initial?: QueueFilter }) {
  const [filter, setFilter] = useState<QueueFilter>(initial);
  const fetchPage = useCallback(
    (cursor: string | null, limit: number) =>
      listStationRequests({ stationId, cursor, limit, ...(filter === 'all' ? {} : { status: filter }) }),
    [stationId, filter],
  );
  const { state, reload, loadMore } = usePagedPage(fetchPage, DEFAULT_REQUESTS_PAGE);

  return (
    <View>
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
      <LoadView
        status={pagedStatus(state)}
        error={state.status === 'error' ? state.error : undefined}
        onRetry={() => void reload()}
        errorTitle="求助列表没有加载出来"
        empty={{
          title: filter === 'all' ? '本站还没有居民求助' : `没有“${REQUEST_STATUS_LABELS[filter]}”的求助`,
        }}
      />
      <RequestCardList
        state={state}
        actionText="处理"
        urlOf={stationRequestUrl}
        onMore={() => void loadMore()}
      />
    </View>
  );
}
