import { Text, View } from '@tarojs/components';

/** An inline field error: marked ⚠ in words as well as colour, announced to screen readers. */
export function FieldError({ message }: { message?: string }) {
  if (!message) return null;
  return (
    <View className="sgz-field-error" role="alert">
      <Text>⚠ {message}</Text>
    </View>
  );
}
