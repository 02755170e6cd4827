import { beijingDay, beijingMonthRange, beijingYear, beijingMonth, beijingYearRange } from '../calendar';

/**
 * The station's 台账 (issue 13 part 5): sheet names, the columns a bureau
 * files, the period of an export, widths that fit the text, file names. Pure;
 * the `ledger` cloud function fills the rows and writes the workbook.
 */

/** The sheets of the workbook, in order. */
export const LEDGER_SHEETS = [
  '汇总',
  '走访台账',
  '个案台账',
  '督导台账',
  '学时台账',
  '资质台账',
  '满意度台账',
] as const;
/** One of {@link LEDGER_SHEETS}. */
export type LedgerSheetName = (typeof LEDGER_SHEETS)[number];

/** The header row of each sheet (Chinese, as filed). */
export const LEDGER_HEADERS: Readonly<Record<LedgerSheetName, readonly string[]>> = {
  汇总: ['指标', '已完成', '年度目标', '目前应达', '状态', '说明'],
  走访台账: [
    '序号',
    '走访日期',
    '开始时间',
    '结束时间',
    '服务对象',
    '身份证号',
    '社区/村',
    '走访类型',
    '走访方式',
    '走访社工',
    '发现的需求',
    '现场提供的服务',
    '风险等级',
    '后续跟进',
    '本人确认',
  ],
  个案台账: [
    '序号',
    '个案编号',
    '服务对象',
    '身份证号',
    '接案日期',
    '个案来源',
    '负责社工',
    '协助社工',
    '督导',
    '所处阶段',
    '状态',
    '介入记录(次)',
    '最近介入日期',
    '结案方式',
    '结案审批日期',
    '计入年度指标',
    '回访日期',
  ],
  督导台账: [
    '序号',
    '督导日期',
    '开始时间',
    '时长(小时)',
    '督导形式',
    '督导者',
    '督导类别',
    '参加社工',
    '服务项目',
    '督导主题',
    '本站确认',
    '计入时数(小时)',
  ],
  学时台账: [
    '序号',
    '社工',
    '培训/学习名称',
    '类别',
    '形式',
    '主办单位',
    '开始日期',
    '结束日期',
    '学时',
    '计入学时',
    '状态',
  ],
  资质台账: [
    '序号',
    '姓名',
    '岗位',
    '证书类别',
    '证书编号',
    '注册登记',
    '计入持证社工',
    '说明',
    '本年已确认学时',
    '年度学时要求',
  ],
  满意度台账: ['序号', '服务项目', '服务领域', '申请日期', '评价日期', '评分(星)', '评价内容'],
};

/** A cell of a ledger row: text, a number, or empty. */
export type LedgerCell = string | number | null;

/** Display width of a text: CJK and other wide characters count 2, the rest 1. */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    w += isWide(cp) ? 2 : 1;
  }
  return w;
}

/** East Asian wide/full-width ranges (CJK, kana, hangul, full-width forms, CJK punctuation). */
function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0x303e) ||
    (cp >= 0x3041 && cp <= 0x33ff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xa000 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}

/** Narrowest and widest column (Excel character units); longer text wraps. */
export const LEDGER_WIDTH_LIMITS = { min: 6, max: 50 } as const;

/**
 * Tracks the widest cell of each column as rows stream by, so widths fit the
 * content without keeping the rows: `see(row)` per row, `widths()` at the end
 * (header included, +2 for padding, clamped to {@link LEDGER_WIDTH_LIMITS}).
 */
export function widthTracker(headers: readonly string[]): {
  see(row: readonly LedgerCell[]): void;
  widths(): number[];
} {
  const widest = headers.map((h) => displayWidth(h));
  return {
    see(row) {
      row.forEach((cell, i) => {
        if (cell === null || i >= widest.length) return;
        // A multi-line cell is as wide as its longest line.
        const w = Math.max(...String(cell).split('\n').map(displayWidth));
        if (w > widest[i]!) widest[i] = w;
      });
    },
    widths: () =>
      widest.map((w) => Math.min(LEDGER_WIDTH_LIMITS.max, Math.max(LEDGER_WIDTH_LIMITS.min, w + 2))),
  };
}

/** The period an export covers. */
export interface LedgerPeriod {
  year: number;
  /** 1–12, or null for the whole year. */
  month: number | null;
  /** UTC instants `[start, end)` of the Beijing period. */
  start: Date;
  end: Date;
  /** First and last Beijing day (`YYYY-MM-DD`, both inclusive). */
  firstDay: string;
  lastDay: string;
  /** `2026年` or `2026年03月`. */
  label: string;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** The Beijing year `year`, or its month `month`. */
export function ledgerPeriod(year: number, month?: number | null): LedgerPeriod {
  const range = month ? beijingMonthRange(year, month) : beijingYearRange(year);
  return {
    year,
    month: month ?? null,
    start: range.start,
    end: range.end,
    firstDay: beijingDay(range.start),
    lastDay: beijingDay(new Date(range.end.getTime() - 1)),
    label: month ? `${year}年${pad2(month)}月` : `${year}年`,
  };
}

/** Why a period cannot be exported at `now` (it has not begun), or null. */
export function periodNotBegun(
  year: number,
  month: number | null | undefined,
  now: Date,
): { field: 'year' | 'month'; message: string } | null {
  const y = beijingYear(now);
  if (year > y) return { field: 'year', message: `${year} 年还没有开始，请选择 ${y} 年或以前的年份` };
  if (month && year === y && month > beijingMonth(now))
    return { field: 'month', message: `${year} 年 ${month} 月还没有开始，请选择已经开始的月份` };
  return null;
}

/**
 * The instant the quotas of an export are judged at: `now` while the period
 * runs; a past month at its last instant (as it ended); a past year, or its
 * December, at the first instant after it, so the engine says the year is
 * over (全年未完成) rather than "today is the last day".
 */
export const judgedAt = (period: LedgerPeriod, now: Date): Date => {
  if (now.getTime() < period.end.getTime()) return now;
  return period.month === null || period.month === 12 ? period.end : new Date(period.end.getTime() - 1);
};

/** Characters a file name may not hold on phones and desktops (control characters apart). */
const UNSAFE_FILE_CHARS = /[\\/:*?"<>|]/g;
const isControl = (ch: string): boolean => (ch.codePointAt(0) ?? 0) < 0x20;

/** The name the file is saved under: `<站名>台账_<期间>.xlsx`. */
export function ledgerFileName(stationName: string, period: LedgerPeriod): string {
  const cleaned = Array.from(stationName.replace(UNSAFE_FILE_CHARS, ''))
    .filter((ch) => !isControl(ch))
    .join('');
  const name = cleaned.trim() || '社工站';
  return `${name}台账_${period.label}.xlsx`;
}

/** Folder of cloud storage exports go to (`exports/<stationId>/…`). */
export const LEDGER_EXPORT_DIR = 'exports';

/**
 * Cloud path of one export: `exports/<stationId>/<YYYY>[-MM]-<made at, UTC compact>-<unique>.xlsx`.
 * ASCII only (the Chinese name is the download name, not the path).
 */
export function ledgerCloudPath(
  stationId: string,
  period: LedgerPeriod,
  madeAt: Date,
  unique: string,
): string {
  const stamp = madeAt
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  const when = period.month ? `${period.year}-${pad2(period.month)}` : String(period.year);
  return `${LEDGER_EXPORT_DIR}/${stationId}/${when}-${stamp}-${unique}.xlsx`;
}

/** The Beijing day of a stored instant (a day label is kept as it is), or '' when missing. */
export const dayOf = (d: unknown): string =>
  d instanceof Date && !Number.isNaN(d.getTime())
    ? beijingDay(d)
    : typeof d === 'string'
      ? d.slice(0, 10)
      : '';
