import {
  CASE_LIST_FILTERS,
  CASE_STAGE_LABELS,
  CASE_STAGES,
  STAGE_OF_STATUS,
  type CaseListFilter,
  type CaseListItem,
  type CaseStage,
} from '@sgz/shared';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useCallback, useRef, useState } from 'react';
import { CaseCard } from '../../../components/CaseCard';
import { ListFooter } from '../../../components/ListFooter';
import { PageRoot } from '../../../components/PageRoot';
import { LoadView } from '../../../components/StateView';
import { useLoad } from '../../../hooks/use-load';
import { pagedStatus } from '../../../hooks/use-paged-list';
import { usePagedPage } from '../../../hooks/use-paged-page';
import { cases } from '../../../services/cases';
import { caseUrl } from '../../../utils/routes';
import { Chips } from '../Chips';
import '../../../components/staff-page.scss';
import '../person.scss';
import './index.scss';

/** Cases per page. */
export const CASES_PAGE = 20;

/** What a list filter is called (a stage, or the closed / declined cases). */
export const FILTER_LABELS: Record<CaseListFilter, string> = {
  ...CASE_STAGE_LABELS,
  closed: '已结案',
  declined: '不予接案',
};

const open = (c: CaseListItem) => void Taro.navigateTo({ url: caseUrl(c.id) });

/**
 * 我的个案 (issue 11): first 等我处理 (plans or closures sent back, notes or an evaluation
 * due, a 回访 whose day has come), then the caller's cases (lead, assisting or supervising)
 * grouped by the six stages, or one stage / the closed ones by the chips above.
 */
export default function MyCasesPage() {
  const [filter, setFilter] = useState<CaseListFilter | null>(null);
  const fetchPage = useCallback(
    (cursor: string | null, limit: number) =>
      cases.listMyCases({ ...(filter ? { filter } : {}), cursor, limit }),
    [filter],
  );
  const { state, reload, loadMore } = usePagedPage(fetchPage, CASES_PAGE);

  return (
    <PageRoot className="wk">
      <View className="wk__header">
        <Text className="wk__title">我的个案</Text>
      </View>
      <WaitingOnMe />
      <View className="wk__header">
        <Text className="wk__title">按阶段查看</Text>
      </View>
      <View className="pf-toolbar">
        <Chips
          label="个案阶段"
          options={CASE_LIST_FILTERS}
          value={filter}
          anyLabel="全部进行中"
          labelOf={(f) => FILTER_LABELS[f]}
          onChange={setFilter}
        />
      </View>
      <LoadView
        status={pagedStatus(state)}
        error={state.status === 'error' ? state.error : undefined}
        onRetry={() => void reload()}
        loadingText="正在加载个案…"
        errorTitle="个案没有加载出来"
        empty={{
          symbol: '○',
          title: filter ? `没有${FILTER_LABELS[filter]}的个案` : '还没有个案',
          description: '可以从服务对象的档案、走访跟进或居民求助开案',
        }}
      />
      {state.status === 'ready' ? (
        <View>
          {filter ? (
            state.items.map((c) => <CaseCard key={c.id} item={c} onOpen={open} />)
          ) : (
            <ByStage items={state.items} />
          )}
          <ListFooter
            count={state.items.length}
            hasMore={state.nextCursor !== null}
            more={state.more}
            onMore={() => void loadMore()}
          />
        </View>
      ) : null}
    </PageRoot>
  );
}

/** The cases in the order of the six stages, one heading per stage that has any. */
function ByStage({ items }: { items: CaseListItem[] }) {
  const groups = new Map<CaseStage, CaseListItem[]>();
  for (const c of items) {
    const stage = STAGE_OF_STATUS[c.status];
    groups.set(stage, [...(groups.get(stage) ?? []), c]);
  }
  return (
    <View>
      {CASE_STAGES.filter((s) => groups.has(s)).map((s) => (
        <View key={s} className="pf-bucket" role="region" aria-label={`${CASE_STAGE_LABELS[s]}阶段`}>
          <Text className="pf-bucket__title">
            {CASE_STAGE_LABELS[s]}（{groups.get(s)?.length ?? 0}）
          </Text>
          {(groups.get(s) ?? []).map((c) => (
            <CaseCard key={c.id} item={c} onOpen={open} />
          ))}
        </View>
      ))}
    </View>
  );
}

/** 等我处理: the cases that wait on the caller (one call, no paging: the server looks through them). */
function WaitingOnMe() {
  const loader = useCallback(() => cases.listMyCases({ waitingOnly: true }), []);
  const waiting = useLoad(loader, { isEmpty: (p) => p.items.length === 0 });
  // Back from a case (a plan resubmitted, a note written): asked again quietly.
  const { reload } = waiting;
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) void reload();
    shown.current = true;
  });
  return (
    <View role="region" aria-label="等我处理">
      <View className="pf-bucket">
        <Text className="pf-bucket__title">等我处理</Text>
      </View>
      <View className="mc-waiting">
        <LoadView
          compact
          status={waiting.status}
          error={waiting.error}
          onRetry={waiting.retry}
          loadingText="正在查看待办…"
          errorTitle="待办没有加载出来"
          empty={{ symbol: '✓', title: '没有等您处理的个案' }}
        />
      </View>
      {waiting.status === 'ready' && waiting.data
        ? waiting.data.items.map((c) => <CaseCard key={c.id} item={c} actionText="去处理" onOpen={open} />)
        : null}
    </View>
  );
}
