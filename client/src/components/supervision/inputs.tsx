import { Input, Textarea, View } from '@tarojs/components';

/** A one-line input labelled for screen readers and the e2e harness (also on the inner <input>). */
export function Line({
  label,
  value,
  onChange,
  placeholder,
  maxlength = 100,
  type = 'text',
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  placeholder?: string;
  maxlength?: number;
  type?: 'text' | 'digit';
}) {
  return (
    <View className="sgz-input">
      <Input
        value={value}
        type={type}
        placeholder={placeholder ?? `请填写${label}`}
        aria-label={label}
        nativeProps={{ 'aria-label': label }}
        maxlength={maxlength}
        onInput={(e) => onChange(e.detail.value)}
      />
    </View>
  );
}

/** A multi-line input, labelled the same way. */
export function Area({
  label,
  value,
  onChange,
  placeholder,
  maxlength = 1000,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  placeholder?: string;
  maxlength?: number;
}) {
  return (
    <Textarea
      className="sgz-textarea"
      value={value}
      placeholder={placeholder ?? `请填写${label}`}
      aria-label={label}
      nativeProps={{ 'aria-label': label }}
      maxlength={maxlength}
      onInput={(e) => onChange(e.detail.value)}
    />
  );
}
