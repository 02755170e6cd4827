import type { RequestStatus as Status, StatusChangeDto } from '@sgz/shared';
import { REQUEST_STATUS_LABELS } from '@sgz/shared';
import { Text, View } from '@tarojs/components';
import { ACTOR_LABELS, formatWhen, STATUS_SYMBOLS } from '../utils/request-format';
import './RequestStatus.scss';

/** A request's status as symbol + words (never colour only). */
export function StatusBadge({ status, label }: { status: Status; label?: string }) {
  return (
    <Text className={`sgz-status sgz-status--${status}`}>
      {STATUS_SYMBOLS[status]} {label || REQUEST_STATUS_LABELS[status]}
    </Text>
  );
}

/** The status timeline: each change with who (本人 / 社工站), when (Beijing time) and a reason if any. */
export function Timeline({ history }: { history: StatusChangeDto[] }) {
  return (
    <View className="sgz-timeline" role="list">
      {history.map((h, i) => (
        <View key={`${h.status}-${h.at}-${i}`} className="sgz-timeline__entry" role="listitem">
          <Text className="sgz-timeline__dot" aria-hidden>
            {STATUS_SYMBOLS[h.status]}
          </Text>
          <View className="sgz-timeline__body">
            <Text className="sgz-timeline__status">{h.statusLabel || REQUEST_STATUS_LABELS[h.status]}</Text>
            <Text className="sgz-timeline__meta">
              {ACTOR_LABELS[h.actor]} · {formatWhen(h.at)}
            </Text>
            {h.reason ? <Text className="sgz-timeline__reason">原因：{h.reason}</Text> : null}
          </View>
        </View>
      ))}
    </View>
  );
}
