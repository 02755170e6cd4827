import {
  DEFAULT_REQUESTS_PAGE,
  REQUEST_STATUS_LABELS,
  REQUEST_STATUSES,
  type RequestStatus,
} from '@sgz/shared';
import { Text, View } from '@tarojs/components';
import { useCallback, useState } from 'react';
import { PageRoot } from '../../../components/PageRoot';
import { RequestCardList } from '../../../components/RequestCard';
import { LoadView } from '../../../components/StateView';
import { pagedStatus } from '../../../hooks/use-paged-list';
import { usePagedPage } from '../../../hooks/use-paged-page';
import { NO_STATION, useStaffStation } from '../../../hooks/use-staff-station';
import { listStationRequests } from '../../../services/requests';
import { stationRequestUrl } from '../../../utils/routes';
import { DueSection } from '../DueSection';
import { MyFollowUps } from '../FollowUps';
import { OutboxBar } from './OutboxBar';
import { StationVisitsLink } from '../visits/VisitCard';
import '../../../components/staff-page.scss';
import './index.scss';

/** Filter chips: all, then each status (待处理 first). */
const FILTERS: (RequestStatus | 'all')[] = ['all', ...REQUEST_STATUSES];

/**
 * 社工工作台: 待同步 N of this phone's outbox ({@link OutboxBar}), 走访 (the due list,
 * {@link DueSection}), 我的跟进事项 ({@link MyFollowUps}), then the station's incoming requests, filtered by status, page by page
 * (scrolling to the bottom or 加载更多); another filter starts again from the first page.
 */
export default function WorkerHomePage() {
  const station = useStaffStation();
  return (
    <PageRoot className="wk">
      <OutboxBar />
      <LoadView
        status={station.status}
        error={station.error}
        onRetry={station.retry}
        errorTitle="工作台没有加载出来"
        empty={NO_STATION}
      />
      {station.status === 'ready' && station.data ? (
        <View>
          <DueSection stationId={station.data} />
          <MyFollowUps />
          <StationVisitsLink />
          <View className="wk__header">
            <Text className="wk__title">本站居民求助</Text>
          </View>
          <StationQueue stationId={station.data} />
        </View>
      ) : null}
    </PageRoot>
  );
}

function StationQueue({ stationId }: { stationId: string }) {
  const [filter, setFilter] = useState<RequestStatus | 'all'>('all');
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
