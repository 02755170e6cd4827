import { Text, View } from '@tarojs/components';

/**
 * A row of single-choice chips (◉ marks the chosen one, so it is never told by
 * colour alone); `null` is the "any" choice when `anyLabel` is given.
 */
export function Chips<T extends string>({
  label,
  options,
  value,
  onChange,
  anyLabel,
  labelOf = (v) => v,
}: {
  label: string;
  options: readonly T[];
  value: T | null;
  onChange: (v: T | null) => void;
  anyLabel?: string;
  labelOf?: (v: T) => string;
}) {
  const all: (T | null)[] = anyLabel ? [null, ...options] : [...options];
  return (
    <View className="pf-chips" role="radiogroup" aria-label={label}>
      <Text className="pf-chips__label">{label}</Text>
      <View className="sgz-chips pf-chips__row">
        {all.map((o) => {
          const on = value === o;
          return (
            <View
              key={o ?? '*'}
              className={`sgz-choice pf-chip${on ? ' sgz-choice--selected' : ''}`}
              role="radio"
              aria-checked={on}
              onClick={() => onChange(o)}
            >
              <Text>
                {on ? '◉ ' : ''}
                {o === null ? anyLabel : labelOf(o)}
              </Text>
            </View>
          );
        })}
      </View>
    </View>
  );
}

/** Several-choice chips (☑ / ☐ in words as well as colour). */
export function CheckChips<T extends string>({
  label,
  options,
  value,
  onChange,
  labelOf = (v) => v,
}: {
  label: string;
  options: readonly T[];
  value: readonly T[];
  onChange: (v: T[]) => void;
  labelOf?: (v: T) => string;
}) {
  return (
    <View className="pf-chips" role="group" aria-label={label}>
      <View className="sgz-chips pf-chips__row">
        {options.map((o) => {
          const on = value.includes(o);
          return (
            <View
              key={o}
              className={`sgz-choice pf-chip${on ? ' sgz-choice--selected' : ''}`}
              role="checkbox"
              aria-checked={on}
              onClick={() => onChange(on ? value.filter((v) => v !== o) : [...value, o])}
            >
              <Text>
                {on ? '☑ ' : '☐ '}
                {labelOf(o)}
              </Text>
            </View>
          );
        })}
      </View>
    </View>
  );
}
