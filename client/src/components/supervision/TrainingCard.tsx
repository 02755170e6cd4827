import { TRAINING_STATUS_LABELS, type TrainingDto, type TrainingStatus } from '@sgz/shared';
import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { hoursText } from './HoursBar';

/** A status before its words (never told by colour alone). */
export const TRAINING_SYMBOLS: Record<TrainingStatus, string> = {
  pending: '○',
  confirmed: '✓',
  returned: '↩',
};

/** One training record: course, days, kind and form, hours (学历: counted as 90), status and a return's reason. */
export function TrainingCard({
  record,
  showWorker = false,
  children,
}: {
  record: TrainingDto;
  showWorker?: boolean;
  children?: ReactNode;
}) {
  const r = record;
  return (
    <View className="sgz-card sv-card" role="group" aria-label={`学时记录 ${r.course}`}>
      <Text className="wk__item-title">{r.course}</Text>
      {showWorker ? <Text>社工：{r.workerName ?? '未填写姓名'}</Text> : null}
      <Text>
        {r.startDay === r.endDay ? r.startDay : `${r.startDay} 至 ${r.endDay}`} · {r.kind} · {r.form}
      </Text>
      <Text>
        学时：{hoursText(r.hours)}
        {r.countedHours !== r.hours ? `（按学历计 ${hoursText(r.countedHours)} 学时）` : ''} · 主办：
        {r.organiser}
      </Text>
      <Text className="sgz-hint">{r.hasCertificate ? '已附证书照片' : '未附证书照片'}</Text>
      <Text className={`sv-status sv-status--${r.status}`}>
        {TRAINING_SYMBOLS[r.status]} {TRAINING_STATUS_LABELS[r.status]}
        {r.status === 'returned' && r.reason ? `（原因：${r.reason}）` : ''}
      </Text>
      {children}
    </View>
  );
}
