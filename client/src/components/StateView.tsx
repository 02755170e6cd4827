import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import './StateView.scss';

/** Props of {@link StateView}. */
export interface StateViewProps {
  /** Leading symbol so the state is never told by colour alone. */
  symbol: string;
  title: string;
  description?: string;
  actionText?: string;
  onAction?: () => void;
  /** `alert` for errors: announced by screen readers. */
  role?: 'status' | 'alert';
}

/** A full-width empty / error / not-found state with an optional action. */
export function StateView({
  symbol,
  title,
  description,
  actionText,
  onAction,
  role = 'status',
}: StateViewProps) {
  return (
    <View className="sgz-state" role={role} aria-live="polite">
      <Text className="sgz-state__symbol" aria-hidden>
        {symbol}
      </Text>
      <Text className="sgz-state__title">{title}</Text>
      {description ? <Text className="sgz-state__description">{description}</Text> : null}
      {actionText && onAction ? (
        <Button className="sgz-state__action" type="primary" size="large" onClick={onAction}>
          {actionText}
        </Button>
      ) : null}
    </View>
  );
}
