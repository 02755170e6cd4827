import { QUOTA_STATUSES, type OverviewStation, type QuotaKey } from '@sgz/shared';

/** Columns of the overview table, in order (each sortable by a tap on its header). */
export const OVERVIEW_COLUMNS = [
  { key: 'station', label: '社工站' },
  { key: 'zone', label: '责任开发区' },
  { key: 'status', label: '建设状态' },
  { key: 'staff', label: '社工（持证）' },
  { key: 'overall', label: '总体' },
  { key: 'completedCases', label: '结案个案' },
  { key: 'supervisionHours', label: '督导时数' },
  { key: 'trainingHours', label: '学时达标' },
  { key: 'qualifiedWorkers', label: '持证社工' },
] as const;

/** A column's key. */
export type OverviewColumn = (typeof OVERVIEW_COLUMNS)[number]['key'];
/** Sort direction (aria-sort's words). */
export type SortDirection = 'ascending' | 'descending';

const STAGE_RANK = { preparing: 0, trial: 1, operating: 2 } as const;
const QUOTA_KEYS: readonly string[] = [
  'completedCases',
  'supervisionHours',
  'trainingHours',
  'qualifiedWorkers',
];
/** Worse first when ascending: 有风险 < 落后 < 按进度 < 已完成. */
const statusRank = (s: (typeof QUOTA_STATUSES)[number]) => QUOTA_STATUSES.length - QUOTA_STATUSES.indexOf(s);

/** What a column sorts by (numbers or text); ties keep the notice's order. */
function valueOf(s: OverviewStation, key: OverviewColumn): number | string {
  if (key === 'station') return s.order;
  if (key === 'zone') return s.zone?.name ?? '\uffff';
  if (key === 'status') return STAGE_RANK[s.status];
  if (key === 'staff') return s.staff * 1000 + s.qualifiedStaff;
  if (key === 'overall') return statusRank(s.overall);
  if (QUOTA_KEYS.includes(key)) {
    const q = s.quotas[key as QuotaKey];
    // By status first, then by the share done.
    return statusRank(q.status) * 10 + Math.min(9.99, q.target > 0 ? q.done / q.target : 9.99);
  }
  return 0;
}

/** The stations sorted by `key` (stable: the notice's order breaks ties). */
export function sortStations(
  list: readonly OverviewStation[],
  key: OverviewColumn,
  dir: SortDirection,
): OverviewStation[] {
  const sign = dir === 'ascending' ? 1 : -1;
  return [...list].sort((a, b) => {
    const va = valueOf(a, key);
    const vb = valueOf(b, key);
    const c =
      typeof va === 'number' && typeof vb === 'number' ? va - vb : String(va).localeCompare(String(vb), 'zh');
    return c !== 0 ? sign * c : a.order - b.order;
  });
}
