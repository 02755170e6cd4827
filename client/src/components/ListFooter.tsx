import { Text, View } from '@tarojs/components';
import type { MoreState } from '../hooks/use-paged-list';
import { Button } from './Button';
import './ListFooter.scss';

/** Props of {@link ListFooter}. */
export interface ListFooterProps {
  /** How many entries are shown (no end marker under an empty list). */
  count: number;
  hasMore: boolean;
  more: MoreState;
  onMore: () => void;
}

/**
 * Below a paged list: 加载更多 (the fallback for scrolling to the bottom), the loading
 * state of the next page, its error with 重试 (what is loaded stays), or 已经到底了.
 */
export function ListFooter({ count, hasMore, more, onMore }: ListFooterProps) {
  if (more.status === 'loading') {
    return (
      <View className="sgz-list-footer" role="status" aria-live="polite">
        <Text className="sgz-list-footer__note">… 正在加载更多</Text>
      </View>
    );
  }
  if (more.status === 'error') {
    return (
      <View className="sgz-list-footer" role="alert">
        <Text className="sgz-list-footer__error">! 更多记录没有加载出来：{more.error.message}</Text>
        <Button className="sgz-list-footer__button" onClick={onMore}>
          重试
        </Button>
      </View>
    );
  }
  if (hasMore) {
    return (
      <View className="sgz-list-footer">
        <Button className="sgz-list-footer__button" onClick={onMore}>
          加载更多
        </Button>
      </View>
    );
  }
  if (count === 0) return null;
  return (
    <View className="sgz-list-footer" role="status">
      <Text className="sgz-list-footer__note">— 已经到底了 —</Text>
    </View>
  );
}
