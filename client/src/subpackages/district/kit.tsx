import { Input, Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { FieldError } from '../../components/FieldError';

/**
 * Small form pieces shared by the district bureau's pages (station records, quota policy):
 * a labelled field with its own error under it, single and multiple choices marked in
 * words (◉/○, ☑/☐) as well as colour, and a labelled text input.
 */

/** One field: its label, the input, and its own error right under it. */
export function Field({
  label,
  hint,
  error,
  children,
}: {
  label: string;
  hint?: string;
  error?: string;
  children: ReactNode;
}) {
  return (
    <View className="wk__field">
      <Text className="wk__label">{label}</Text>
      {hint ? <Text className="sgz-hint">{hint}</Text> : null}
      {children}
      <FieldError message={error} />
    </View>
  );
}

/** One of `options` (value, label), as a radio group. */
export function Choice<T extends string | null>({
  label,
  options,
  value,
  onChange,
}: {
  label: string;
  options: readonly (readonly [T, string])[];
  value: T;
  onChange: (v: T) => void;
}) {
  return (
    <View className="sgz-chips" role="radiogroup" ariaLabel={label}>
      {options.map(([v, text]) => (
        <View
          key={v ?? 'none'}
          className={`sgz-choice${value === v ? ' sgz-choice--selected' : ''}`}
          role="radio"
          aria-checked={value === v}
          onClick={() => onChange(v)}
        >
          <Text>
            {value === v ? '◉ ' : '○ '}
            {text}
          </Text>
        </View>
      ))}
    </View>
  );
}

/** Any of `options`, as checkboxes. */
export function MultiChoice<T extends string>({
  label,
  options,
  value,
  onChange,
}: {
  label: string;
  options: readonly T[];
  value: readonly T[];
  onChange: (v: T[]) => void;
}) {
  return (
    <View className="sgz-chips" role="group" ariaLabel={label}>
      {options.map((o) => {
        const on = value.includes(o);
        return (
          <View
            key={o}
            className={`sgz-choice${on ? ' sgz-choice--selected' : ''}`}
            role="checkbox"
            aria-checked={on}
            onClick={() =>
              onChange(
                on ? value.filter((x) => x !== o) : options.filter((x) => x === o || value.includes(x)),
              )
            }
          >
            <Text>
              {on ? '☑ ' : '☐ '}
              {o}
            </Text>
          </View>
        );
      })}
    </View>
  );
}

/** A labelled one-line text input. */
export function TextInput({
  label,
  value,
  onInput,
  placeholder,
  maxlength = 60,
  type = 'text',
}: {
  label: string;
  value: string;
  onInput: (v: string) => void;
  placeholder?: string;
  maxlength?: number;
  type?: 'text' | 'digit';
}) {
  return (
    <Input
      className="sgz-input"
      type={type}
      value={value}
      maxlength={maxlength}
      placeholder={placeholder}
      ariaLabel={label}
      nativeProps={{ 'aria-label': label }}
      onInput={(e) => onInput(e.detail.value)}
    />
  );
}

/** Field errors from a zod issue list (or a server error naming its field): the first per field. */
export function errorsOf(
  issues: readonly { path: readonly (string | number)[]; message: string }[],
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of issues) {
    const key = issue.path.length > 0 ? issue.path.join('.') : 'form';
    if (!out[key]) out[key] = issue.message;
  }
  return out;
}
