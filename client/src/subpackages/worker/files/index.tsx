import {
  DEFAULT_FILES_PAGE,
  DUE_BUCKET_LABELS,
  DUE_BUCKETS,
  RISK_TIERS,
  TARGET_CATEGORIES,
  type DueBucket,
  type RiskTier,
  type TargetCategory,
} from '@sgz/shared';
import { Input, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { ListFooter } from '../../../components/ListFooter';
import { LoadView } from '../../../components/StateView';
import { useDebouncedValue } from '../../../hooks/use-debounced-value';
import { useLoad } from '../../../hooks/use-load';
import { pagedStatus } from '../../../hooks/use-paged-list';
import { usePagedPage } from '../../../hooks/use-paged-page';
import { StaffStationPage } from '../../../components/StaffStationPage';
import { listCommunities, listPersons } from '../../../services/files';
import { personFormUrl, personUrl } from '../../../utils/routes';
import { Button } from '../../../components/Button';
import { Chips } from '../Chips';
import { PersonCard } from '../PersonCard';
import '../../../components/staff-page.scss';
import '../person.scss';

/** The list's filters (null: any). */
export interface FileFilters {
  category: TargetCategory | null;
  risk: RiskTier | null;
  community: string | null;
  due: DueBucket | null;
}

const NO_FILTERS: FileFilters = { category: null, risk: null, community: null, due: null };

/** 本站档案: the station's files, masked, filtered, searched by the start of the name, page by page. */
export default function StationFilesPage() {
  return (
    <StaffStationPage title="本站档案" errorTitle="档案列表没有加载出来">
      {(stationId) => <FilesList stationId={stationId} />}
    </StaffStationPage>
  );
}

function FilesList({ stationId }: { stationId: string }) {
  const [filters, setFilters] = useState<FileFilters>(NO_FILTERS);
  const [typed, setTyped] = useState('');
  const q = useDebouncedValue(typed.trim(), 400);
  const communitiesLoader = useCallback(() => listCommunities({ stationId }), [stationId]);
  const communities = useLoad(communitiesLoader);
  const fetchPage = useCallback(
    (cursor: string | null, limit: number) =>
      listPersons({
        stationId,
        cursor,
        limit,
        ...(filters.category ? { category: filters.category } : {}),
        ...(filters.risk ? { risk: filters.risk } : {}),
        ...(filters.community ? { community: filters.community } : {}),
        ...(filters.due ? { due: filters.due } : {}),
        ...(q ? { q } : {}),
      }),
    [stationId, filters, q],
  );
  const { state, reload, loadMore } = usePagedPage(fetchPage, DEFAULT_FILES_PAGE);
  const set = (patch: Partial<FileFilters>) => setFilters((f) => ({ ...f, ...patch }));
  const filtered = q !== '' || Object.values(filters).some((v) => v !== null);

  return (
    <View>
      <View className="pf-search">
        <View className="sgz-input">
          <Input
            value={typed}
            placeholder="按姓名开头搜索，如输入“张”"
            aria-label="按姓名开头搜索"
            confirmType="search"
            onInput={(e) => setTyped(e.detail.value)}
          />
        </View>
      </View>
      <Chips
        label="走访"
        options={DUE_BUCKETS}
        value={filters.due}
        onChange={(due) => set({ due })}
        anyLabel="全部"
        labelOf={(b) => DUE_BUCKET_LABELS[b]}
      />
      <Chips
        label="风险等级"
        options={RISK_TIERS}
        value={filters.risk}
        onChange={(risk) => set({ risk })}
        anyLabel="全部"
      />
      {communities.data && communities.data.communities.length > 0 ? (
        <Chips
          label="社区/村"
          options={communities.data.communities}
          value={filters.community}
          onChange={(community) => set({ community })}
          anyLabel="全部"
        />
      ) : null}
      <Chips
        label="服务对象类别"
        options={TARGET_CATEGORIES}
        value={filters.category}
        onChange={(category) => set({ category })}
        anyLabel="全部"
      />
      <LoadView
        status={pagedStatus(state)}
        error={state.status === 'error' ? state.error : undefined}
        onRetry={() => void reload()}
        errorTitle="档案列表没有加载出来"
        empty={{
          title: filtered ? '没有符合条件的档案' : '本站还没有档案',
          description: filtered ? '请换个筛选条件或姓名再试' : '入户走访时可点“新建档案”建立',
        }}
      />
      {state.status === 'ready'
        ? state.items.map((p) => (
            <PersonCard key={p.id} person={p} onOpen={(id) => void Taro.navigateTo({ url: personUrl(id) })} />
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
      <View className="pf-actions">
        <Button type="primary" onClick={() => void Taro.navigateTo({ url: personFormUrl() })}>
          新建档案
        </Button>
      </View>
    </View>
  );
}
