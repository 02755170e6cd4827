import { Input, Text, Textarea, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { FieldError } from '../../components/FieldError';

/** A labelled form field with its inline error (⚠ in words, announced). */
export function Field({
  label,
  error,
  children,
  name,
}: {
  label: string;
  error?: string;
  children: ReactNode;
  name: string;
}) {
  return (
    <View className={`pf-field pf-field--${name}`}>
      <Text className="pf-field__label">{label}</Text>
      {children}
      <FieldError message={error} />
    </View>
  );
}

/** A one-line text input in the app's style. */
export function TextInput({
  value,
  onChange,
  placeholder,
  type = 'text',
  label,
  maxlength,
}: {
  value: string;
  onChange: (v: string) => void;
  placeholder?: string;
  type?: 'text' | 'number' | 'idcard';
  label: string;
  maxlength?: number;
}) {
  return (
    <View className="sgz-input">
      <Input
        value={value}
        type={type}
        placeholder={placeholder ?? `请填写${label}`}
        aria-label={label}
        maxlength={maxlength ?? 140}
        onInput={(e) => onChange(e.detail.value)}
      />
    </View>
  );
}

/** A multi-line text input. */
export function TextArea({
  value,
  onChange,
  label,
  placeholder,
}: {
  value: string;
  onChange: (v: string) => void;
  label: string;
  placeholder?: string;
}) {
  return (
    <Textarea
      className="sgz-textarea"
      value={value}
      placeholder={placeholder ?? `请填写${label}`}
      aria-label={label}
      maxlength={1000}
      onInput={(e) => onChange(e.detail.value)}
    />
  );
}
