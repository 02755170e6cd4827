import type { RequestDto } from '@sgz/shared';
import { Text, View } from '@tarojs/components';
import { formatSlot, formatWhen, requestTitle } from '../utils/request-format';
import { StatusBadge } from './RequestStatus';
import './RequestCard.scss';

/** For whom a request is, as the DTO says: 本人, or 家人（relationship：name）. */
export const forWhomText = (r: Pick<RequestDto, 'beneficiary'>): string =>
  r.beneficiary ? `家人（${r.beneficiary.relationship}：${r.beneficiary.name}）` : '本人';

/** Props of {@link RequestCard}. */
export interface RequestCardProps {
  request: RequestDto;
  /** The words of the way in, e.g. 查看详情 (我的求助) or 处理 (the station's list). */
  actionText: string;
  onOpen: (request: RequestDto) => void;
}

/**
 * One request in a list (我的求助 and the station's queue): what it is and its status in
 * words and symbol, the booked slot, for whom, when it was sent, and what is left to do.
 */
export function RequestCard({ request: r, actionText, onOpen }: RequestCardProps) {
  return (
    <View
      className="sgz-card sgz-request-card"
      hoverClass="sgz-request-card--pressed"
      role="button"
      onClick={() => onOpen(r)}
    >
      <View className="sgz-request-card__row">
        <Text className="sgz-request-card__title">{requestTitle(r)}</Text>
        <StatusBadge status={r.status} label={r.statusLabel} />
      </View>
      {r.slot ? <Text className="sgz-hint">预约：{formatSlot(r.slot)}</Text> : null}
      <Text className="sgz-hint">
        为{forWhomText(r)} · 提交于 {formatWhen(r.createdAt)}
      </Text>
      {r.canRate ? <Text className="sgz-request-card__todo">★ 服务已完成，请您评价</Text> : null}
      {r.rating ? <Text className="sgz-hint">已评价：{r.rating.stars} 星</Text> : null}
      <Text className="sgz-request-card__more">{actionText} ›</Text>
    </View>
  );
}
