import { beijingDay, type FollowUpDto } from '@sgz/shared';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useCallback, useEffect, useRef } from 'react';
import { Button } from '../../components/Button';
import { ListFooter } from '../../components/ListFooter';
import { LoadView } from '../../components/StateView';
import { pagedStatus, usePagedList } from '../../hooks/use-paged-list';
import { listMyFollowUps } from '../../services/visits';
import { formatDay } from '../../utils/request-format';
import { caseOpenUrl } from '../../utils/routes';
import './person.scss';
import './FollowUps.scss';

/** Follow-ups per page (the home shows a short list; 加载更多 fetches the next). */
export const FOLLOW_UPS_PAGE = 10;

/** When a follow-up is due, in words, against today's Beijing day: ⚠ 已逾期 / 今天到期 / the day. */
export function followUpDue(dueDay: string, today: string): { text: string; overdue: boolean } {
  // Beijing days `YYYY-MM-DD` compare as strings.
  if (dueDay < today) return { text: `⚠ 已逾期（期限 ${formatDay(dueDay)}）`, overdue: true };
  if (dueDay === today) return { text: `今天到期（${formatDay(dueDay)}）`, overdue: false };
  return { text: `期限 ${formatDay(dueDay)}`, overdue: false };
}

/**
 * 我的跟进事项 on the worker's home: the open follow-ups the caller owns (from synced
 * visits), earliest due first, page by page with 加载更多. Not {@link usePagedPage}: the
 * home's scroll-to-bottom and pull-down belong to the request queue below, so this list
 * pages by its button and refreshes quietly when the home is shown again.
 * `now` is the clock for 已逾期 (tests pass a fixed one).
 */
export function MyFollowUps({ now = Date.now }: { now?: () => number }) {
  const fetchPage = useCallback(
    (cursor: string | null, limit: number) => listMyFollowUps({ cursor, limit }),
    [],
  );
  const { state, reload, loadMore, refresh } = usePagedList<FollowUpDto>(fetchPage, FOLLOW_UPS_PAGE);
  useEffect(() => {
    void reload();
  }, [reload]);
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) void refresh();
    shown.current = true;
  });
  const today = beijingDay(new Date(now()));

  return (
    <View className="pf-follow-ups" role="region" aria-label="我的跟进事项">
      <View className="wk__header">
        <Text className="wk__title">我的跟进事项</Text>
      </View>
      <LoadView
        status={pagedStatus(state)}
        error={state.status === 'error' ? state.error : undefined}
        onRetry={() => void reload()}
        loadingText="正在加载跟进事项…"
        errorTitle="跟进事项没有加载出来"
        empty={{
          symbol: '✓',
          title: '没有待办的跟进事项',
          description: '走访记录里指定给您的后续跟进会列在这里',
        }}
      />
      {state.status === 'ready' ? (
        <View>
          {state.items.map((f) => {
            const due = followUpDue(f.dueDay, today);
            return (
              <View key={f.id} className="sgz-card pf-follow-up">
                <Text className="pf-follow-up__action">{f.action}</Text>
                <Text className={`pf-due${due.overdue ? ' pf-due--overdue' : ''}`}>{due.text}</Text>
                {f.referral ? <Text className="sgz-hint">转介：{f.referral}</Text> : null}
                {f.openCase ? (
                  <View>
                    <Text className="pf-follow-up__case">◆ 需要开案（个案）</Text>
                    <Button
                      onClick={() =>
                        void Taro.navigateTo({
                          url: caseOpenUrl({ source: 'visit_follow_up', originId: f.id, visitId: f.visitId }),
                        })
                      }
                    >
                      开案
                    </Button>
                  </View>
                ) : null}
              </View>
            );
          })}
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
