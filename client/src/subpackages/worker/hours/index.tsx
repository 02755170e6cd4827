import { type TrainingDto, type TrainingSummary } from '@sgz/shared';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useCallback, useEffect, useRef } from 'react';
import { Button } from '../../../components/Button';
import { ListFooter } from '../../../components/ListFooter';
import { PageRoot } from '../../../components/PageRoot';
import { LoadView } from '../../../components/StateView';
import { HoursBar, hoursText } from '../../../components/supervision/HoursBar';
import { TrainingCard } from '../../../components/supervision/TrainingCard';
import { useLoad } from '../../../hooks/use-load';
import { pagedStatus } from '../../../hooks/use-paged-list';
import { usePagedPage } from '../../../hooks/use-paged-page';
import { appOutbox } from '../../../services/app-outbox';
import { STATUS_LABELS, useOutbox } from '../../../services/outbox';
import { supervision, TRAINING_KIND, type TrainingRecord } from '../../../services/supervision';
import { trainingFormUrl } from '../../../utils/routes';
import '../../../components/staff-page.scss';
import '../../../components/supervision/sv.scss';

/** Records per page. */
export const TRAINING_PAGE = 10;

/**
 * 我的学时 (issue 12): this year's confirmed 学时 against 30 and the current
 * registration period's against 72 / 90 (its dates; flagged when it ends within
 * 90 days), each with words beside the bar; 记录培训; the records on this phone
 * not sent yet; the records sent (待站长确认 / 已确认 / 已退回 with the reason).
 */
export default function MyHoursPage() {
  const summaryLoader = useCallback(() => supervision.getTrainingSummary({}), []);
  const summary = useLoad(summaryLoader);
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) void summary.reload();
    shown.current = true;
  });
  // A record this phone just sent is on the server now: its hours wait for the head.
  const synced = useSyncedTraining();
  const seen = useRef(synced);
  const { reload } = summary;
  useEffect(() => {
    if (synced > seen.current) void reload();
    seen.current = synced;
  }, [synced, reload]);
  return (
    <PageRoot className="wk">
      <View className="wk__header">
        <Text className="wk__title">我的学时</Text>
      </View>
      <LoadView
        status={summary.status}
        error={summary.error}
        onRetry={summary.retry}
        loadingText="正在统计学时…"
        errorTitle="学时没有加载出来"
      />
      {summary.data ? <Counters summary={summary.data.summary} /> : null}
      <View className="wk__actions" style={{ marginTop: '16px' }}>
        <Button type="primary" block onClick={() => void Taro.navigateTo({ url: trainingFormUrl() })}>
          记录培训
        </Button>
      </View>
      <OnPhone />
      <Records />
    </PageRoot>
  );
}

/** Both counters, words first (exported for tests). */
export function Counters({ summary }: { summary: TrainingSummary }) {
  const p = summary.period;
  return (
    <View className="sv-list">
      <View className="sgz-card sv-card" role="group" aria-label="本年度学时">
        <HoursBar
          label={`${summary.year} 年已确认学时`}
          hours={summary.yearHours}
          quota={summary.yearQuota}
          unit="学时"
          extra={
            summary.yearPendingHours > 0
              ? `另有 ${hoursText(summary.yearPendingHours)} 学时待站长确认`
              : undefined
          }
        />
      </View>
      <View className="sgz-card sv-card" role="group" aria-label="登记有效期内学时">
        {p ? (
          <>
            <HoursBar
              label={`登记有效期（第 ${p.index} 期）已确认学时`}
              hours={p.hours}
              quota={p.quota}
              unit="学时"
              extra={`有效期 ${p.from} 至 ${p.to}${summary.certificateKind ? `（${summary.certificateKind}，应修满 ${p.quota} 学时）` : ''}`}
            />
            {p.endingSoon ? (
              <Text className="sv-status sv-status--flag">
                ⚠ 有效期还剩 {p.daysLeft} 天，{p.hours >= p.quota ? '请及时办理再登记' : '请抓紧修满学时'}
              </Text>
            ) : null}
          </>
        ) : (
          <Text>登记有效期：{summary.periodNote ?? '暂无'}</Text>
        )}
      </View>
    </View>
  );
}

/** Training records still on this phone (drafts to continue, records waiting to be sent). */
function OnPhone() {
  const view = useOutbox(appOutbox);
  const mine = view.items.filter((i) => i.kind === TRAINING_KIND && i.status !== 'synced');
  if (mine.length === 0) return null;
  return (
    <View className="sv-list" style={{ marginTop: '16px' }}>
      <View className="sgz-card sv-card" role="group" aria-label="本机上的学时记录">
        <Text className="wk__item-title">本机上的学时记录（{mine.length} 条）</Text>
        {mine.map((i) => {
          const p = i.payload as Partial<TrainingRecord>;
          return (
            <View key={i.id} className="wk__row">
              <Text>
                {STATUS_LABELS[i.status]} · {p.course || '未填课程'}
                {p.hours ? ` · ${hoursText(p.hours)} 学时` : ''}
                {i.lastError ? `（${i.lastError.message}）` : ''}
              </Text>
              {i.status === 'draft' ? (
                <Button onClick={() => void Taro.navigateTo({ url: trainingFormUrl({ id: i.id }) })}>
                  继续填写
                </Button>
              ) : null}
            </View>
          );
        })}
      </View>
    </View>
  );
}

/** How many training records of this phone the outbox has sent (and still shows). */
function useSyncedTraining(): number {
  return useOutbox(appOutbox).items.filter((i) => i.kind === TRAINING_KIND && i.status === 'synced').length;
}

/** The records sent, newest first. */
function Records() {
  const fetchPage = useCallback(
    (cursor: string | null, limit: number) => supervision.listTraining({ cursor, limit }),
    [],
  );
  const { state, reload, loadMore } = usePagedPage<TrainingDto>(fetchPage, TRAINING_PAGE);
  const synced = useSyncedTraining();
  const seen = useRef(synced);
  useEffect(() => {
    if (synced > seen.current) void reload({ quiet: true });
    seen.current = synced;
  }, [synced, reload]);
  return (
    <View>
      <View className="wk__header">
        <Text className="wk__title">学时记录</Text>
      </View>
      <LoadView
        status={pagedStatus(state)}
        error={state.status === 'error' ? state.error : undefined}
        onRetry={() => void reload()}
        loadingText="正在加载学时记录…"
        errorTitle="学时记录没有加载出来"
        empty={{ title: '还没有学时记录', description: '参加培训后，点“记录培训”记下来，站长确认后计入。' }}
      />
      {state.status === 'ready' ? (
        <View className="sv-list">
          {state.items.map((r) => (
            <TrainingCard key={r.id} record={r} />
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
