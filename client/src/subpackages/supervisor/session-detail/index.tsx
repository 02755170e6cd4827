import { SUPERVISOR_KIND_LABELS, type Result } from '@sgz/shared';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useCallback } from 'react';
import { PageRoot } from '../../../components/PageRoot';
import { LoadView } from '../../../components/StateView';
import { hoursText } from '../../../components/supervision/HoursBar';
import { clockSpan, StationAnswer } from '../../../components/supervision/SessionCard';
import { useStationNames } from '../../../components/supervision/stations';
import { useLoad } from '../../../hooks/use-load';
import { loadMe } from '../../../hooks/use-staff-station';
import { cases } from '../../../services/cases';
import { supervision } from '../../../services/supervision';
import { formatDay, formatWhen } from '../../../utils/request-format';
import { caseUrl } from '../../../utils/routes';
import '../../../components/staff-page.scss';
import '../../../components/supervision/sv.scss';

/**
 * One supervision session, whole: times, hours, form, stations with each
 * head's answer (a dispute with its reason), workers, project, topics, advice,
 * action items. Cases discussed link to the case page only for those who may
 * open them (see DiscussedCases); the others see how many.
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
            {s.caseIds.length > 0 ? <DiscussedCases caseIds={s.caseIds} /> : null}
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

/** Which of the discussed cases the viewer may open, with a label (masked names) where known. */
export interface OpenableCases {
  /** Every case may be linked (the station head: the case page refuses another station's). */
  all: boolean;
  labels: Map<string, string>;
}

/**
 * What the viewer may open: the station head any case of the station (links for all, the
 * case page refuses another station's); the supervisor and workers their own cases
 * (listMyCases: the cases they supervise or work); the district none (counts only).
 */
export async function loadOpenableCases(): Promise<Result<OpenableCases>> {
  const me = await loadMe();
  if (!me.ok) return me;
  const role = me.data.role;
  if (role === 'station_head') return { ok: true, data: { all: true, labels: new Map() } };
  if (role !== 'supervisor' && role !== 'social_worker')
    return { ok: true, data: { all: false, labels: new Map() } };
  const mine = await cases.listMyCases({ limit: 50 });
  if (!mine.ok) return mine;
  return {
    ok: true,
    data: {
      all: false,
      labels: new Map(mine.data.items.map((c) => [c.id, c.persons.map((p) => p.name).join('、')])),
    },
  };
}

/** The cases discussed: links for those the viewer may open, a count of the rest. */
export function DiscussedCases({ caseIds }: { caseIds: string[] }) {
  const loader = useCallback(() => loadOpenableCases(), []);
  const res = useLoad(loader);
  const open = res.data;
  const linked = open ? caseIds.filter((id) => open.all || open.labels.has(id)) : [];
  const others = caseIds.length - linked.length;
  return (
    <View role="group" aria-label="讨论的个案">
      <Text>讨论个案：{caseIds.length} 个</Text>
      {linked.map((id, i) => (
        <View
          key={id}
          className="sgz-choice"
          role="button"
          onClick={() => void Taro.navigateTo({ url: caseUrl(id) })}
        >
          <Text>{open?.labels.get(id) ?? `个案 ${i + 1}`} · 查看个案 ›</Text>
        </View>
      ))}
      {open && others > 0 && linked.length > 0 ? (
        <Text className="sgz-hint">另有 {others} 个个案，您不是它们的社工或督导</Text>
      ) : null}
    </View>
  );
}
