import type { WireError } from '@sgz/shared';
import { Text, View } from '@tarojs/components';
import type { LoadStatus } from '../hooks/use-load';
import { Button } from './Button';
import './StateView.scss';

/** What a state says: a symbol (never colour alone), words, and an optional action. */
export interface StateContent {
  /** Leading symbol so the state is never told by colour alone. */
  symbol: string;
  title: string;
  description?: string;
  actionText?: string;
  onAction?: () => void;
}

/** Props of {@link StateView}. */
export interface StateViewProps extends StateContent {
  /** `alert` for errors: announced by screen readers. */
  role?: 'status' | 'alert';
  /** A line inside a card instead of a full-width block. */
  compact?: boolean;
}

/** A loading / empty / error / not-found state with an optional action. */
export function StateView({
  symbol,
  title,
  description,
  actionText,
  onAction,
  role = 'status',
  compact = false,
}: StateViewProps) {
  return (
    <View className={`sgz-state${compact ? ' sgz-state--compact' : ''}`} role={role} aria-live="polite">
      {compact ? null : (
        <Text className="sgz-state__symbol" aria-hidden>
          {symbol}
        </Text>
      )}
      <Text className="sgz-state__title">{compact ? `${symbol} ${title}` : title}</Text>
      {description ? <Text className="sgz-state__description">{description}</Text> : null}
      {actionText && onAction ? (
        <Button className="sgz-state__action" type={compact ? 'default' : 'primary'} onClick={onAction}>
          {actionText}
        </Button>
      ) : null}
    </View>
  );
}

/** Props of {@link LoadView}. */
export interface LoadViewProps {
  /** From `useLoad` (or a paged list: `empty` when it has no entries). */
  status: LoadStatus;
  error?: WireError;
  /** 重试 of the error state. */
  onRetry: () => void;
  /** e.g. 正在加载服务项目… (default 正在加载…). */
  loadingText?: string;
  /** e.g. 求助详情没有加载出来; the server's message comes under it. */
  errorTitle: string;
  /** What `empty` says (nothing is shown for `empty` without it). */
  empty?: Omit<StateContent, 'symbol'> & { symbol?: string };
  /**
   * Errors that 重试 cannot fix (a stale link, a missing record): plain words and a way on
   * instead of the server's message. `null` → the usual error with 重试.
   */
  describeError?: (error: WireError) => StateContent | null;
  compact?: boolean;
}

/**
 * The one view of a load's states: 正在加载… (words, not a wordless skeleton), the empty
 * text, or the error with the server's message and 重试. Draws nothing when `ready`.
 */
export function LoadView({
  status,
  error,
  onRetry,
  loadingText = '正在加载…',
  errorTitle,
  empty,
  describeError,
  compact,
}: LoadViewProps) {
  if (status === 'loading') return <StateView symbol="…" title={loadingText} compact={compact} />;
  if (status === 'empty') return empty ? <StateView symbol="i" {...empty} compact={compact} /> : null;
  if (status === 'error') {
    const special = error && describeError ? describeError(error) : null;
    if (special) return <StateView role="alert" {...special} compact={compact} />;
    return (
      <StateView
        role="alert"
        symbol="!"
        title={errorTitle}
        description={error?.message}
        actionText="重试"
        onAction={onRetry}
        compact={compact}
      />
    );
  }
  return null;
}
