import { CASE_LIST_FILTERS, CASE_STAGE_LABELS, type CaseListFilter } from '@sgz/shared';
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { Button } from '../../../components/Button';
import { CaseCard } from '../../../components/CaseCard';
import { ListFooter } from '../../../components/ListFooter';
import { StaffStationPage } from '../../../components/StaffStationPage';
import { LoadView } from '../../../components/StateView';
import { pagedStatus } from '../../../hooks/use-paged-list';
import { usePagedPage } from '../../../hooks/use-paged-page';
import { cases } from '../../../services/cases';
import { caseUrl } from '../../../utils/routes';
import '../../../components/staff-page.scss';
import '../approvals/index.scss';

/** Cases per page. */
export const STATION_CASES_PAGE = 20;

const FILTER_LABELS: Record<CaseListFilter, string> = {
  ...CASE_STAGE_LABELS,
  closed: '已结案',
  declined: '不予接案',
};

/** 本站个案 (station head, issue 11): every case of the station, by stage; opening one is audited. */
export default function StationCasesPage() {
  return (
    <StaffStationPage title="本站个案" errorTitle="本站个案没有加载出来">
      {(stationId) => <StationCases stationId={stationId} />}
    </StaffStationPage>
  );
}

export function StationCases({ stationId }: { stationId: string }) {
  const [filter, setFilter] = useState<CaseListFilter | null>(null);
  const fetchPage = useCallback(
    (cursor: string | null, limit: number) =>
      cases.listStationCases({ stationId, ...(filter ? { filter } : {}), cursor, limit }),
    [stationId, filter],
  );
  const { state, reload, loadMore } = usePagedPage(fetchPage, STATION_CASES_PAGE);
  return (
    <View>
      <View className="ha-filters" role="group" aria-label="个案阶段">
        <Button type={filter === null ? 'primary' : 'default'} onClick={() => setFilter(null)}>
          {filter === null ? '✓ ' : ''}全部进行中
        </Button>
        {CASE_LIST_FILTERS.map((f) => (
          <Button key={f} type={filter === f ? 'primary' : 'default'} onClick={() => setFilter(f)}>
            {filter === f ? '✓ ' : ''}
            {FILTER_LABELS[f]}
          </Button>
        ))}
      </View>
      <LoadView
        status={pagedStatus(state)}
        error={state.status === 'error' ? state.error : undefined}
        onRetry={() => void reload()}
        loadingText="正在加载本站个案…"
        errorTitle="本站个案没有加载出来"
        empty={{
          symbol: '○',
          title: filter ? `没有${FILTER_LABELS[filter]}的个案` : '本站还没有进行中的个案',
        }}
      />
      {state.status === 'ready' ? (
        <View>
          {state.items.map((c) => (
            <CaseCard key={c.id} item={c} onOpen={() => void Taro.navigateTo({ url: caseUrl(c.id) })} />
          ))}
          <ListFooter
            count={state.items.length}
            hasMore={state.nextCursor !== null}
            more={state.more}
            onMore={() => void loadMore()}
          />
        </View>
      ) : null}
    </View>
  );
}
