import { DEFAULT_VISITS_PAGE } from '@sgz/shared';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useCallback } from 'react';
import { ListFooter } from '../../../components/ListFooter';
import { PageRoot } from '../../../components/PageRoot';
import { StaffStationPage } from '../../../components/StaffStationPage';
import { LoadView } from '../../../components/StateView';
import { pagedStatus } from '../../../hooks/use-paged-list';
import { usePagedPage } from '../../../hooks/use-paged-page';
import { listVisits } from '../../../services/visits';
import { visitDetailUrl } from '../../../utils/routes';
import { VisitCard } from './VisitCard';
import '../../../components/staff-page.scss';
import '../person.scss';
import './index.scss';

const ERROR_TITLE = '走访记录没有加载出来';

/**
 * 走访记录: the synced visits of a station (or of one person, `?personId=`), newest
 * first, page by page, names masked as the server gives them. The station is the
 * staff member's own; a supervisor opens it with `?stationId=` (one of the stations
 * they oversee: the server refuses any other) and reads the same masked list.
 */
export default function VisitsPage() {
  const { personId, stationId } = useRouter().params;
  const title = personId ? '该服务对象的走访记录' : '本站走访记录';
  if (stationId) {
    return (
      <PageRoot className="wk">
        <View className="wk__header">
          <Text className="wk__title">走访记录</Text>
        </View>
        <VisitList stationId={stationId} personId={personId} />
      </PageRoot>
    );
  }
  return (
    <StaffStationPage title={title} errorTitle={ERROR_TITLE}>
      {(own) => <VisitList stationId={own} personId={personId} />}
    </StaffStationPage>
  );
}

/** The list of one station (of one person when `personId`). */
export function VisitList({ stationId, personId }: { stationId: string; personId?: string }) {
  const fetchPage = useCallback(
    (cursor: string | null, limit: number) =>
      listVisits({ stationId, cursor, limit, ...(personId ? { personId } : {}) }),
    [stationId, personId],
  );
  const { state, reload, loadMore } = usePagedPage(fetchPage, DEFAULT_VISITS_PAGE);
  return (
    <View>
      <Text className="vs-notice">
        姓名已隐去部分内容。这里只列出已同步到服务器的走访；手机上待同步的记录请在工作台查看。
      </Text>
      <LoadView
        status={pagedStatus(state)}
        error={state.status === 'error' ? state.error : undefined}
        onRetry={() => void reload()}
        loadingText="正在加载走访记录…"
        errorTitle={ERROR_TITLE}
        empty={{
          title: personId ? '还没有这位服务对象的走访记录' : '还没有走访记录',
          description: '走访保存并同步后会出现在这里',
        }}
      />
      {state.status === 'ready'
        ? state.items.map((v) => (
            <VisitCard
              key={v.id}
              visit={v}
              onOpen={(id) => void Taro.navigateTo({ url: visitDetailUrl(id) })}
            />
          ))
        : null}
      {state.status === 'ready' ? (
        <ListFooter
          count={state.items.length}
          hasMore={state.nextCursor !== null}
          more={state.more}
          onMore={() => void loadMore()}
        />
      ) : null}
    </View>
  );
}
