import ExcelJS from 'exceljs';
import type { DistrictOverview, OverviewStation } from '../../../shared/src/contracts/dashboard';
import {
  MILESTONE_LABELS,
  MILESTONES,
  OPERATING_MODEL_LABELS,
  STATION_STATUS_LABELS,
  type OperatingModel,
} from '../../../shared/src/domain/district';
import { QUOTA_KINDS, type QuotaKey } from '../../../shared/src/domain/quota';
import { widthTracker, type LedgerCell } from '../../../shared/src/domain/ledger';

/**
 * The district-wide workbook (issue 14 item 5): 全区汇总 — a row per station
 * in the notice's groups (a 小计 row after each group, 全区合计 last), a column
 * group per quota (完成 / 目标 / 状态 / 预测) under merged group headers; and
 * 社工站档案 — the stations' records as the station documents hold them.
 * Two header rows frozen, widths fitted. Nothing here reads the database.
 */

/** Sheet names of the district workbook. */
export const DISTRICT_SHEETS = ['全区汇总', '社工站档案'] as const;

/** The quota column groups, in the dashboard's order. */
export const QUOTA_ORDER: readonly QuotaKey[] = [
  'completedCases',
  'supervisionHours',
  'trainingHours',
  'qualifiedWorkers',
];
/** Columns of each quota group. */
export const QUOTA_COLUMNS = ['完成', '目标', '状态', '预测'] as const;
/** The columns before the quota groups. */
export const STATION_COLUMNS = [
  '街镇',
  '社工站',
  '责任开发区',
  '建设状态',
  '社工人数',
  '持证社工',
  '总体状态',
] as const;
/** Columns of 社工站档案. */
export const RECORD_COLUMNS = [
  '街镇',
  '社工站',
  '建设状态',
  '一站一品',
  '活动场所',
  '运营方式',
  '运营单位',
  '协议开始',
  '协议结束',
  '资金来源',
  ...MILESTONES.map((m) => `${MILESTONE_LABELS[m]}（完成日期）`),
] as const;

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8F3EC' } };
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const obj = (v: unknown): Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

/** The 全区汇总 group label of a quota (e.g. 结案个案（个）). */
const quotaGroupLabel = (q: QuotaKey) =>
  `${QUOTA_KINDS[q].label}（${q === 'trainingHours' ? '达标人数/人数' : QUOTA_KINDS[q].unit}）`;

function stationCells(s: OverviewStation): LedgerCell[] {
  return [
    s.unitName,
    s.stationName,
    s.zone?.name ?? '未指定',
    s.statusLabel,
    s.staff,
    s.qualifiedStaff,
    s.overall,
    ...QUOTA_ORDER.flatMap((q) => {
      const r = s.quotas[q];
      return [r.done, r.target, r.status, r.forecast];
    }),
  ];
}

/** A 小计 / 合计 row: sums of the counts (status columns left empty). */
function sumCells(label: string, rows: readonly OverviewStation[]): LedgerCell[] {
  const sum = (f: (s: OverviewStation) => number) => rows.reduce((n, s) => n + f(s), 0);
  return [
    label,
    `${rows.length} 个社工站`,
    null,
    null,
    sum((s) => s.staff),
    sum((s) => s.qualifiedStaff),
    null,
    ...QUOTA_ORDER.flatMap((q) => [
      sum((s) => s.quotas[q].done),
      sum((s) => s.quotas[q].target),
      null,
      sum((s) => s.quotas[q].forecast),
    ]),
  ];
}

/** One station document's record cells (read defensively: absent fields are empty). */
export function recordCells(s: OverviewStation, doc: Record<string, unknown> | undefined): LedgerCell[] {
  const d = doc ?? {};
  const r = obj(d.record);
  const model = str(r.operatingModel) as OperatingModel;
  const funding = Array.isArray(r.funding)
    ? r.funding
        .map((f) => {
          const line = obj(f);
          const amount = typeof line.amountYuan === 'number' ? ` ${line.amountYuan} 元` : '';
          return str(line.source) ? `${str(line.source)}${amount}` : '';
        })
        .filter(Boolean)
        .join('；')
    : '';
  const ms = obj(r.milestones);
  return [
    s.unitName,
    s.stationName,
    STATION_STATUS_LABELS[s.status],
    str(d.specialty),
    Array.isArray(d.rooms) ? d.rooms.filter((x) => typeof x === 'string').join('、') : '',
    OPERATING_MODEL_LABELS[model] ?? '',
    str(r.operatorName),
    str(r.agreementFrom),
    str(r.agreementTo),
    funding,
    ...MILESTONES.map((m) => str(obj(ms[m]).doneOn) || '未完成'),
  ];
}

/** Builds the district workbook; returns the bytes and the data rows per sheet. */
export async function buildDistrictWorkbook(
  overview: Omit<DistrictOverview, 'meta'>,
  stationDocs: ReadonlyMap<string, Record<string, unknown>>,
  now: Date,
): Promise<{ content: Buffer; rowCounts: Record<(typeof DISTRICT_SHEETS)[number], number> }> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '社工站小程序';
  wb.created = now;
  wb.modified = now;

  // ---- 全区汇总: two header rows (quota groups merged over their four columns)
  const ws = wb.addWorksheet('全区汇总', { views: [{ state: 'frozen', ySplit: 2, xSplit: 2 }] });
  const top: string[] = [...STATION_COLUMNS, ...QUOTA_ORDER.flatMap((q) => [quotaGroupLabel(q), '', '', ''])];
  const second: string[] = [...STATION_COLUMNS, ...QUOTA_ORDER.flatMap(() => [...QUOTA_COLUMNS])];
  const h1 = ws.addRow(top);
  const h2 = ws.addRow(second);
  for (let i = 1; i <= STATION_COLUMNS.length; i += 1) ws.mergeCells(1, i, 2, i);
  QUOTA_ORDER.forEach((_, g) => {
    const from = STATION_COLUMNS.length + 1 + g * QUOTA_COLUMNS.length;
    ws.mergeCells(1, from, 1, from + QUOTA_COLUMNS.length - 1);
  });
  for (const h of [h1, h2]) {
    h.font = { bold: true };
    h.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    h.eachCell((c) => {
      c.fill = HEADER_FILL;
    });
  }
  const widths = widthTracker(second);
  let stationRows = 0;
  for (const g of overview.groups) {
    for (const s of g.stations) {
      const cells = stationCells(s);
      widths.see(cells);
      ws.addRow(cells);
      stationRows += 1;
    }
    const sub = sumCells(`${g.label}小计`, g.stations);
    widths.see(sub);
    ws.addRow(sub).font = { bold: true };
  }
  const all = overview.groups.flatMap((g) => g.stations);
  const total = sumCells('全区合计', all);
  widths.see(total);
  ws.addRow(total).font = { bold: true };
  widths.widths().forEach((w, i) => {
    ws.getColumn(i + 1).width = Math.max(w, 8);
  });

  // ---- 社工站档案
  const rs = wb.addWorksheet('社工站档案', { views: [{ state: 'frozen', ySplit: 1, xSplit: 2 }] });
  const rh = rs.addRow([...RECORD_COLUMNS]);
  rh.font = { bold: true };
  rh.alignment = { vertical: 'middle', horizontal: 'center' };
  rh.eachCell((c) => {
    c.fill = HEADER_FILL;
  });
  const rw = widthTracker(RECORD_COLUMNS);
  for (const s of all) {
    const cells = recordCells(s, stationDocs.get(s.stationId));
    rw.see(cells);
    rs.addRow(cells);
  }
  rw.widths().forEach((w, i) => {
    rs.getColumn(i + 1).width = w;
  });

  return {
    content: Buffer.from(await wb.xlsx.writeBuffer()),
    rowCounts: { 全区汇总: stationRows, 社工站档案: all.length },
  };
}
