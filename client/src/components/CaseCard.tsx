import { CASE_SOURCE_LABELS, CASE_STATUS_LABELS, CASE_WAITING_LABELS, type CaseListItem } from '@sgz/shared';
import { Text, View } from '@tarojs/components';
import { formatWhen } from '../utils/request-format';
import './CaseCard.scss';

/** Who a case is for, as lists show it (names masked), e.g. `张* 等 2 人`. */
export const casePersonsText = (c: Pick<CaseListItem, 'persons'>): string => {
  const first = c.persons[0]?.name ?? '服务对象';
  return c.persons.length > 1 ? `${first} 等 ${c.persons.length} 人` : first;
};

/**
 * One case in a list (我的个案, the station's cases, 待审批): who (masked), its status in
 * words, the source, the notes written, and what it waits on (⚠ in words).
 */
export function CaseCard({
  item: c,
  actionText = '查看',
  onOpen,
}: {
  item: CaseListItem;
  actionText?: string;
  onOpen: (c: CaseListItem) => void;
}) {
  return (
    <View
      className="sgz-card sgz-case-card"
      hoverClass="sgz-case-card--pressed"
      role="button"
      onClick={() => onOpen(c)}
    >
      <View className="sgz-case-card__row">
        <Text className="sgz-case-card__title">{casePersonsText(c)}</Text>
        <Text className={`sgz-case-card__status sgz-case-card__status--${c.status}`}>
          {CASE_STATUS_LABELS[c.status]}
        </Text>
      </View>
      <Text className="sgz-hint">
        {CASE_SOURCE_LABELS[c.source]} · 开案于 {formatWhen(c.openedAt)}
      </Text>
      {c.noteCount > 0 ? (
        <Text className="sgz-hint">
          介入记录 {c.noteCount} 次{c.lastNoteDay ? `，最近 ${c.lastNoteDay}` : ''}
        </Text>
      ) : null}
      {c.waiting.map((w) => (
        <Text key={w} className="sgz-case-card__waiting">
          ⚠ {CASE_WAITING_LABELS[w]}
        </Text>
      ))}
      <Text className="sgz-case-card__more">{actionText} ›</Text>
    </View>
  );
}
