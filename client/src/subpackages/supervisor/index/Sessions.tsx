import { SUPERVISOR_KIND_LABELS, type SessionListItem } from '@sgz/shared';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Button } from '../../../components/Button';
import { ListFooter } from '../../../components/ListFooter';
import { LoadView } from '../../../components/StateView';
import { SessionCard } from '../../../components/supervision/SessionCard';
import { useStationNames } from '../../../components/supervision/stations';
import { useLoad } from '../../../hooks/use-load';
import { pagedStatus } from '../../../hooks/use-paged-list';
import { usePagedPage } from '../../../hooks/use-paged-page';
import { appOutbox } from '../../../services/app-outbox';
import { STATUS_LABELS, useOutbox } from '../../../services/outbox';
import { SESSION_KIND, supervision, type SessionRecord } from '../../../services/supervision';
import { formatWhen } from '../../../utils/request-format';
import { sessionDetailUrl, sessionFormUrl } from '../../../utils/routes';
import { Chips } from '../../worker/Chips';

/** Sessions per page. */
export const SESSIONS_PAGE = 10;

/** 记录督导, and the sessions still on this phone (drafts to continue, records waiting to be sent). */
export function SessionOutbox() {
  const view = useOutbox(appOutbox);
  const mine = view.items.filter((i) => i.kind === SESSION_KIND && i.status !== 'synced');
  return (
    <View className="wk__section sv-list" style={{ paddingTop: '16px' }}>
      <Button type="primary" block onClick={() => void Taro.navigateTo({ url: sessionFormUrl() })}>
        记录督导
      </Button>
      {mine.length > 0 ? (
        <View className="sgz-card sv-card" role="group" aria-label="本机上的督导记录">
          <Text className="wk__item-title">本机上的督导记录（{mine.length} 条）</Text>
          {mine.map((i) => {
            const p = i.payload as Partial<SessionRecord>;
            return (
              <View key={i.id} className="wk__row">
                <Text>
                  {STATUS_LABELS[i.status]} · {p.startAt ? formatWhen(p.startAt) : '未填日期'}
                  {p.project ? ` · ${p.project}` : ''}
                  {i.lastError ? `（${i.lastError.message}）` : ''}
                </Text>
                {i.status === 'draft' ? (
                  <Button onClick={() => void Taro.navigateTo({ url: sessionFormUrl(i.id) })}>
                    继续填写
                  </Button>
                ) : null}
              </View>
            );
          })}
        </View>
      ) : null}
    </View>
  );
}

type Filter = 'pending';

/** 我的督导记录: sent sessions, newest first, each station's answer (待确认 / 已确认 / 有异议 with the reason). */
export function MySessions() {
  const [filter, setFilter] = useState<Filter | null>(null);
  const fetchPage = useCallback(
    (cursor: string | null, limit: number) =>
      supervision.listMySessions({ pendingOnly: filter === 'pending', cursor, limit }),
    [filter],
  );
  const { state, reload, loadMore } = usePagedPage<SessionListItem>(fetchPage, SESSIONS_PAGE);
  const stationName = useStationNames();
  // A session this phone just sent is on the server now: show it.
  const synced = useOutbox(appOutbox).items.filter(
    (i) => i.kind === SESSION_KIND && i.status === 'synced',
  ).length;
  const seen = useRef(synced);
  useEffect(() => {
    if (synced > seen.current) void reload({ quiet: true });
    seen.current = synced;
  }, [synced, reload]);
  return (
    <View>
      <View className="wk__header">
        <Text className="wk__title">我的督导记录</Text>
      </View>
      <Chips
        label="显示"
        options={['pending'] as const}
        value={filter}
        anyLabel="全部"
        labelOf={() => '有社工站未确认'}
        onChange={setFilter}
      />
      <LoadView
        status={pagedStatus(state)}
        error={state.status === 'error' ? state.error : undefined}
        onRetry={() => void reload()}
        loadingText="正在加载督导记录…"
        errorTitle="督导记录没有加载出来"
        empty={{
          title: filter ? '没有等待确认的督导记录' : '还没有督导记录',
          description: '点“记录督导”记下一次督导。',
        }}
      />
      {state.status === 'ready' ? (
        <View className="sv-list">
          {state.items.map((s) => (
            <View
              key={s.id}
              role="button"
              hoverClass="wk__item--pressed"
              onClick={() => void Taro.navigateTo({ url: sessionDetailUrl(s.id) })}
            >
              <SessionCard session={s} stationName={stationName}>
                <Text className="wk__more">查看详情 ›</Text>
              </SessionCard>
            </View>
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

/** 我督导的社工站: the assignments active today, with their periods. */
export function MyAssignments() {
  const loader = useCallback(() => supervision.listMyAssignments({}), []);
  const res = useLoad(loader, { isEmpty: (d) => d.items.length === 0 });
  const stationName = useStationNames();
  return (
    <View>
      <View className="wk__header">
        <Text className="wk__title">我督导的社工站</Text>
      </View>
      <LoadView
        status={res.status}
        error={res.error}
        onRetry={res.retry}
        loadingText="正在加载督导安排…"
        errorTitle="督导安排没有加载出来"
        empty={{ title: '您还没有被指派督导的社工站', description: '请联系区民政局指派。' }}
      />
      {res.data && res.data.items.length > 0 ? (
        <View className="sv-list">
          {res.data.items.map((a) => (
            <View key={a.id} className="sgz-card sv-card">
              <Text className="wk__item-title">{stationName(a.stationId)}</Text>
              <Text>
                {SUPERVISOR_KIND_LABELS[a.kind]} · {a.from} 起{a.to ? `，至 ${a.to}` : '，未定结束日期'}
              </Text>
            </View>
          ))}
        </View>
      ) : null}
    </View>
  );
}
