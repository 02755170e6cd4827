import {
  CONFIRMATION_LABELS,
  SUPERVISOR_KIND_LABELS,
  type ConfirmationStatus,
  type SessionListItem,
  type SessionStationDto,
} from '@sgz/shared';
import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { formatDay, formatWhen } from '../../utils/request-format';
import { hoursText } from './HoursBar';

/** A status before its words (never told by colour alone). */
export const CONFIRMATION_SYMBOLS: Record<ConfirmationStatus, string> = {
  pending: '○',
  confirmed: '✓',
  disputed: '⚠',
};

/** `09:00–11:30` in Beijing time. */
export const clockSpan = (startAt: string, endAt: string): string =>
  `${formatWhen(startAt).slice(11)}–${formatWhen(endAt).slice(11)}`;

/** One station's answer: `✓ 已确认` / `⚠ 有异议：原因`. */
export function StationAnswer({ s, name }: { s: SessionStationDto; name: string }) {
  return (
    <Text className={`sv-status sv-status--${s.status}`}>
      {name}：{CONFIRMATION_SYMBOLS[s.status]} {CONFIRMATION_LABELS[s.status]}
      {s.status === 'disputed' && s.reason ? `（原因：${s.reason}）` : ''}
    </Text>
  );
}

/** A session in a list: when, how long, form, project, topics, each station's answer. */
export function SessionCard({
  session,
  stationName,
  showStations = true,
  showSupervisor = false,
  children,
}: {
  session: SessionListItem;
  stationName: (id: string) => string;
  showStations?: boolean;
  showSupervisor?: boolean;
  children?: ReactNode;
}) {
  const s = session;
  return (
    <View className="sgz-card sv-card" role="group" aria-label={`督导记录 ${s.day}`}>
      <Text className="wk__item-title">
        {formatDay(s.day)} {clockSpan(s.startAt, s.endAt)} · {hoursText(s.hours)} 小时 · {s.form}
      </Text>
      {showSupervisor ? (
        <Text>
          督导：{s.supervisorName ?? '未填写姓名'}
          {s.supervisorKind ? `（${SUPERVISOR_KIND_LABELS[s.supervisorKind]}）` : ''}
        </Text>
      ) : null}
      <Text>项目：{s.project}</Text>
      <Text>主题：{s.topics.join('；')}</Text>
      <Text className="sgz-hint">参加社工 {s.workerCount} 人</Text>
      {showStations
        ? s.stations.map((st) => <StationAnswer key={st.stationId} s={st} name={stationName(st.stationId)} />)
        : null}
      {children}
    </View>
  );
}
