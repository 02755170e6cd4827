import { Text, View } from '@tarojs/components';
import { Button } from './Button';

/**
 * PLACEHOLDER (issue 10, visit form helper): the real SignaturePad (a canvas the
 * resident signs on, saved as a lasting local file) comes from another branch
 * with this same interface. `value` is the saved signature's local path.
 */
export function SignaturePad({
  value,
  onChange,
  label,
}: {
  value: string | null;
  onChange(path: string | null): void;
  label: string;
}) {
  return (
    <View className="sgz-signature" role="group" aria-label={label}>
      <Text className="sgz-hint">{value ? '已签字' : '尚未签字'}</Text>
      {value ? <Button onClick={() => onChange(null)}>重新签字</Button> : <Button>签字</Button>}
    </View>
  );
}
