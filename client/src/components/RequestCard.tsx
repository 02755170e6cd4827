import type { RequestDto } from '@sgz/shared';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { PagedState } from '../hooks/use-paged-list';
import { ListFooter } from './ListFooter';
import { formatSlot, formatWhen, requestTitle } from '../utils/request-format';
import { StatusBadge } from './RequestStatus';
import './RequestCard.scss';

/** For whom a request is, as the DTO says: 本人, or 家人（relationship：name）. */
export const forWhomText = (r: Pick<RequestDto, 'beneficiary'>): string =>
  r.beneficiary ? `家人（${r.beneficiary.relationship}：${r.beneficiary.name}）` : '本人';

/** The way in of a station request with nothing left to do. */
export const VIEW_TEXT = '查看';

/** The words of a card's way in: {@link VIEW_TEXT} for a station request with no step left. */
export const actionTextOf = (r: Pick<RequestDto, 'staffActions'>, actionText: string): string =>
  r.staffActions && r.staffActions.length === 0 ? VIEW_TEXT : actionText;

/** Props of {@link RequestCard}. */
export interface RequestCardProps {
  request: RequestDto;
  /**
   * The words of the way in, e.g. 查看详情 (我的求助) or 处理 (the station's list). On the
   * station's list a request with nothing left to do (cancelled, completed, rejected: no
   * `staffActions`) says {@link VIEW_TEXT} instead: 处理 would promise work that is not there.
   */
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
      <Text className="sgz-request-card__more">{actionTextOf(r, actionText)} ›</Text>
    </View>
  );
}

/**
 * A paged list of request cards with its footer (加载更多 / end marker / retry),
 * as 我的求助 and the station's queue show it; nothing until the first page is in.
 */
export function RequestCardList({
  state,
  actionText,
  urlOf,
  onMore,
}: {
  state: PagedState<RequestDto>;
  actionText: string;
  /** Where a tap on a card goes. */
  urlOf: (requestId: string) => string;
  onMore: () => void;
}) {
  if (state.status !== 'ready') return null;
  return (
    <View>
      {state.items.map((r) => (
        <RequestCard
          key={r.id}
          request={r}
          actionText={actionText}
          onOpen={() => void Taro.navigateTo({ url: urlOf(r.id) })}
        />
      ))}
      <ListFooter
        count={state.items.length}
        hasMore={state.nextCursor !== null}
        more={state.more}
        onMore={onMore}
      />
    </View>
  );
}
