import { Text, View } from '@tarojs/components';

/** Hours as the page writes them: `12`, `1.5`. */
export const hoursText = (h: number): string => (Number.isInteger(h) ? String(h) : h.toFixed(1));

/**
 * A counter against a quota: the words (`本年度督导 12 / 30 小时（40%），还差 18 小时`) carry
 * everything; the bar under them only repeats it (aria-hidden) and is never the only sign.
 */
export function HoursBar({
  label,
  hours,
  quota,
  unit = '小时',
  extra,
}: {
  label: string;
  hours: number;
  quota: number;
  unit?: string;
  extra?: string;
}) {
  const pct = quota > 0 ? Math.min(100, Math.round((hours / quota) * 100)) : 0;
  const met = hours >= quota;
  const missing = Math.max(0, quota - hours);
  return (
    <View className="sv-bar">
      <Text className="sv-bar__text">
        {label}：{hoursText(hours)} / {quota} {unit}（{pct}%）
        {met ? ' ✓ 已达标' : `，还差 ${hoursText(missing)} ${unit}`}
      </Text>
      <View className="sv-bar__track" aria-hidden>
        <View className={`sv-bar__fill${met ? ' sv-bar__fill--met' : ''}`} style={{ width: `${pct}%` }} />
      </View>
      {extra ? <Text className="sgz-hint">{extra}</Text> : null}
    </View>
  );
}
