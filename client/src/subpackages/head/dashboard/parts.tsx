import type { DashboardFigure, DashboardQuota, DrillDown, QuotaStatus } from '@sgz/shared';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { ReactNode } from 'react';
import { drillUrl } from '../../../utils/routes';

/** A status in words with a leading symbol (never told by colour alone). */
export const STATUS_MARK: Record<QuotaStatus, string> = {
  已完成: '✓',
  按进度: '●',
  落后: '▼',
  有风险: '⚠',
};

/** CSS modifier of a status (colour only backs up the words). */
const STATUS_CLASS: Record<QuotaStatus, string> = {
  已完成: 'done',
  按进度: 'pace',
  落后: 'behind',
  有风险: 'risk',
};

/** One decimal at most, as the figures are read (30, 12.5). */
export const num = (n: number): string => String(Math.round(n * 10) / 10);

/** `✓ 已完成` … */
export function StatusText({ status }: { status: QuotaStatus }) {
  return (
    <Text className={`hd-status hd-status--${STATUS_CLASS[status]}`}>
      {STATUS_MARK[status]} {status}
    </Text>
  );
}

/** Opens the records behind a figure (记录明细). */
export const openDrill = (drill: DrillDown, title: string): void =>
  void Taro.navigateTo({ url: drillUrl(drill, title) });

/**
 * A number that opens the records behind it: one row, the label on the left, the value
 * and › on the right (a button; plain text when there is nothing to open).
 * `title` names the records on the page it opens (e.g. 张三 · 2026年本年走访).
 */
export function FigureRow({
  label,
  value,
  unit,
  drill,
  title,
  extra,
}: {
  label: string;
  value: number | string;
  unit: string;
  drill: DrillDown | null;
  title: string;
  extra?: ReactNode;
}) {
  const text = `${typeof value === 'number' ? num(value) : value}${unit ? ` ${unit}` : ''}`;
  if (!drill) {
    return (
      <View className="hd-fig">
        <Text className="hd-fig__label">{label}</Text>
        <Text className="hd-fig__value">{text}</Text>
        {extra}
      </View>
    );
  }
  return (
    <View
      className="hd-fig hd-fig--link"
      hoverClass="hd-fig--pressed"
      role="button"
      aria-label={`${label} ${text}，查看记录`}
      onClick={() => openDrill(drill, title)}
    >
      <Text className="hd-fig__label">{label}</Text>
      <Text className="hd-fig__value">
        {text} <Text className="hd-fig__go">›</Text>
      </Text>
      {extra}
    </View>
  );
}

/** The figures of a list (months, categories, areas) as rows that open their records. */
export function FigureList({
  figures,
  unit,
  titleOf,
  grid = false,
}: {
  figures: DashboardFigure[];
  unit: string;
  titleOf: (f: DashboardFigure) => string;
  /** Three to a row (the twelve months). */
  grid?: boolean;
}) {
  return (
    <View className={`hd-figs${grid ? ' hd-figs--grid' : ''}`}>
      {figures.map((f) => (
        <FigureRow
          key={f.key}
          label={f.label}
          value={f.value}
          unit={unit}
          drill={f.drill}
          title={titleOf(f)}
        />
      ))}
    </View>
  );
}

/** `1/2 个 · 落后`: the words beside the bar. */
export const quotaFigureText = (q: Pick<DashboardQuota, 'done' | 'target' | 'unit' | 'status'>): string =>
  `${num(q.done)}/${num(q.target)} ${q.unit} · ${q.status}`;

/**
 * One quota: label, `1/2 个 · 落后` in words, a progress bar (the fill, and a mark at
 * where the pace says it should be by now), the engine's one-line reason, and the
 * records behind it. The bar is a `progressbar` with the same words as its value.
 */
export function QuotaBar({
  quota: q,
  year,
  note,
  paceText,
  children,
}: {
  quota: DashboardQuota;
  year: number;
  /** A line under the reason (e.g. 每人每年 30 学时). */
  note?: string;
  /** What 按进度此时应有 says (default: `expectedByNow` in the quota's unit). */
  paceText?: string;
  children?: ReactNode;
}) {
  const share = (n: number) => (q.target > 0 ? Math.max(0, Math.min(1, n / q.target)) : n > 0 ? 1 : 0);
  const text = quotaFigureText(q);
  return (
    <View className="sgz-card hd-quota">
      <View className="hd-quota__head">
        <Text className="hd-quota__label">{q.label}</Text>
        <Text className="hd-quota__figure">
          {num(q.done)}/{num(q.target)} {q.unit} · <StatusText status={q.status} />
        </Text>
      </View>
      <View
        className="hd-bar"
        role="progressbar"
        aria-label={`${q.label}进度`}
        aria-valuemin={0}
        aria-valuemax={q.target}
        aria-valuenow={Math.min(q.done, q.target)}
        aria-valuetext={text}
      >
        <View
          className={`hd-bar__fill hd-bar__fill--${STATUS_CLASS[q.status]}`}
          style={{ width: `${Math.round(share(q.done) * 100)}%` }}
        />
        {q.status !== '已完成' && q.elapsedShare > 0 ? (
          <View
            className="hd-bar__pace"
            style={{ left: `${Math.round(Math.min(1, q.elapsedShare) * 100)}%` }}
          />
        ) : null}
      </View>
      <Text className="hd-quota__reason">{q.reason}</Text>
      {q.status !== '已完成' ? (
        <Text className="hd-quota__hint">
          {paceText ?? `按进度此时应有 ${num(q.expectedByNow)} ${q.unit}`}（竖线处）
        </Text>
      ) : null}
      {note ? <Text className="hd-quota__hint">{note}</Text> : null}
      {children}
      {q.drill ? (
        <FigureRow
          label="查看记录"
          value={num(q.done)}
          unit={q.unit}
          drill={q.drill}
          title={`${year}年${q.label}`}
        />
      ) : null}
    </View>
  );
}

/** A titled section of the page. */
export function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <View className="hd-section">
      <View className="hd-section__title" role="heading" aria-level={2}>
        <Text>{title}</Text>
      </View>
      {children}
    </View>
  );
}
