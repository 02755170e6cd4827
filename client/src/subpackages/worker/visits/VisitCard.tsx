import type { VisitListItem } from '@sgz/shared';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '../../../components/Button';
import { formatDay } from '../../../utils/request-format';
import { visitsUrl } from '../../../utils/routes';
import { riskClass, riskText } from '../person-format';
import './index.scss';

/** `张** 、王**`: the persons seen as the server sent them (masked in lists). */
export const personsText = (v: Pick<VisitListItem, 'persons'>): string =>
  v.persons.length ? v.persons.map((p) => p.name || '（未记录姓名）').join('、') : '未记录走访对象';

/**
 * One synced visit in a list (本站走访记录, the latest on a person's file): the
 * Beijing day, type and mode, the persons (masked, as the server gives them), the
 * risk tier set at the visit, how many photos and follow-ups, and 有冲突 when a
 * phone version of it waits for the head. Read out as it shows (no aria-label).
 */
export function VisitCard({ visit: v, onOpen }: { visit: VisitListItem; onOpen: (id: string) => void }) {
  return (
    <View
      className="sgz-card pf-card vs-card"
      hoverClass="pf-card--pressed"
      role="button"
      onClick={() => onOpen(v.id)}
    >
      <View className="pf-card__row">
        <Text className="pf-card__name">{formatDay(v.day)}</Text>
        <Text>
          {v.type} · {v.mode}
        </Text>
      </View>
      <Text>走访对象：{personsText(v)}</Text>
      <View className="pf-card__row">
        {v.risk ? <Text className={riskClass(v.risk)}>{riskText(v.risk)}</Text> : <Text>未评定风险</Text>}
        <Text className="sgz-hint">
          照片 {v.photoCount} 张 · 跟进 {v.followUpCount} 项
        </Text>
      </View>
      {v.hasConflict ? (
        <Text className="vs-conflict">⚠ 有冲突：手机上有另一份不同的版本，等站长处理</Text>
      ) : null}
      <Text className="pf-card__more">查看详情 ›</Text>
    </View>
  );
}

/** 本站走访记录 on the worker's home, under the due list. */
export function StationVisitsLink() {
  return (
    <View className="wk__actions">
      <Button onClick={() => void Taro.navigateTo({ url: visitsUrl() })}>本站走访记录</Button>
    </View>
  );
}
