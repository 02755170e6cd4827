import { SUPERVISOR_KIND_LABELS } from '@sgz/shared';
import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useCallback } from 'react';
import { PageRoot } from '../../../components/PageRoot';
import { LoadView } from '../../../components/StateView';
import { hoursText } from '../../../components/supervision/HoursBar';
import { clockSpan, StationAnswer } from '../../../components/supervision/SessionCard';
import { useStationNames } from '../../../components/supervision/stations';
import { useLoad } from '../../../hooks/use-load';
import { supervision } from '../../../services/supervision';
import { formatDay, formatWhen } from '../../../utils/request-format';
import '../../../components/staff-page.scss';
import '../../../components/supervision/sv.scss';

/**
 * One supervision session, whole: times, hours, form, stations with each
 * head's answer (a dispute with its reason), workers, project, topics, advice,
 * action items. Cases discussed are counted only (their details stay with the
 * cases' own rights).
 */
export default function SessionDetailPage() {
  const id = useRouter().params.id ?? '';
  const loader = useCallback(() => supervision.getSession({ sessionId: id }), [id]);
  const res = useLoad(loader);
  const stationName = useStationNames();
  const s = res.data?.session;
  return (
    <PageRoot className="wk">
      <View className="wk__header">
        <Text className="wk__title">督导记录</Text>
      </View>
      <LoadView
        status={res.status}
        error={res.error}
        onRetry={res.retry}
        loadingText="正在加载督导记录…"
        errorTitle="督导记录没有加载出来"
      />
      {s ? (
        <View className="sv-list">
          <View className="sgz-card sv-card">
            <Text className="wk__item-title">
              {formatDay(s.day)} {clockSpan(s.startAt, s.endAt)}
            </Text>
            <Text>计入时长：{hoursText(s.hours)} 小时（每个参加的社工站各计一次）</Text>
            <Text>督导形式：{s.form}</Text>
            <Text>
              督导：{s.supervisorName ?? '未填写姓名'}
              {s.supervisorKind ? `（${SUPERVISOR_KIND_LABELS[s.supervisorKind]}）` : ''}
            </Text>
            <Text>督导项目：{s.project}</Text>
            <Text>督导主题：{s.topics.join('；')}</Text>
            <Text>参加社工：{s.workerCount} 人</Text>
            {s.caseIds.length > 0 ? <Text>讨论个案：{s.caseIds.length} 个</Text> : null}
            <Text>督导意见：{s.advice ?? '无'}</Text>
            <Text>后续行动：{s.actionItems.length > 0 ? s.actionItems.join('；') : '无'}</Text>
            <Text className="sgz-hint">收到于 {formatWhen(s.receivedAt)}</Text>
          </View>
          <View className="sgz-card sv-card" role="group" aria-label="各社工站确认情况">
            <Text className="wk__item-title">各社工站确认情况</Text>
            {s.stations.map((st) => (
              <StationAnswer key={st.stationId} s={st} name={stationName(st.stationId)} />
            ))}
            <Text className="sgz-hint">只有站长已确认的社工站计入督导时长。</Text>
          </View>
        </View>
      ) : null}
    </PageRoot>
  );
}
