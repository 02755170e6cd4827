import type { PersonListItem } from '@sgz/shared';
import { Text, View } from '@tarojs/components';
import { dueWords, riskClass, riskText } from './person-format';
import './person.scss';

/**
 * One file in a list (the due list, the station's files): the masked name as the
 * server sent it, sex and age, 社区, the risk tier in words and colour, and when
 * the visit is due in words (逾期 3 天 / 今天 / 周四). Read out as it shows (no aria-label
 * that would leave out the visible words: axe label-content-name-mismatch).
 */
export function PersonCard({ person: p, onOpen }: { person: PersonListItem; onOpen: (id: string) => void }) {
  const who = [p.sex, p.age !== null ? `${p.age} 岁` : null].filter(Boolean).join(' · ');
  return (
    <View
      className="sgz-card pf-card"
      hoverClass="pf-card--pressed"
      role="button"
      onClick={() => onOpen(p.id)}
    >
      <View className="pf-card__row">
        <Text className="pf-card__name">{p.nameMasked}</Text>
        <Text className={riskClass(p.risk)}>{riskText(p.risk)}</Text>
      </View>
      <Text className="sgz-hint">
        {p.community ?? '未填写社区'}
        {who ? ` · ${who}` : ''}
      </Text>
      <View className="pf-card__row">
        <Text className={`pf-due${p.due === 'overdue' ? ' pf-due--overdue' : ''}`}>
          {p.due === 'overdue' ? '⚠ ' : '◷ '}走访：{dueWords(p)}
        </Text>
        <Text className="pf-card__more">查看档案 ›</Text>
      </View>
    </View>
  );
}
