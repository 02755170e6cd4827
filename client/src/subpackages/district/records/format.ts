import {
  formatBeijing,
  OPERATING_MODEL_LABELS,
  ROLE_LABELS,
  STATION_STATUS_LABELS,
  type FundingLine,
  type MilestoneRecord,
  type OperatingModel,
  type Role,
  type StationStatus,
} from '@sgz/shared';

/** What an empty value reads as in the history. */
export const EMPTY_VALUE = '（空）';

const isEmpty = (v: unknown): boolean =>
  v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);

/** A funding line in words: 养老服务资金 20000 元/年（说明）. */
export const fundingText = (f: FundingLine): string =>
  `${f.source}${f.amountYuan === null ? '' : ` ${f.amountYuan} 元/年`}${f.note ? `（${f.note}）` : ''}`;

/** A milestone as stored, in words. */
const milestoneText = (m: MilestoneRecord): string =>
  m.doneOn
    ? `${m.doneOn} 完成${m.documents.length > 0 ? `，证明材料 ${m.documents.length} 份` : ''}`
    : `未完成${m.documents.length > 0 ? `，证明材料 ${m.documents.length} 份` : ''}`;

/** One value of a record field (as the history stores it) in words. */
export function formatRecordValue(field: string, value: unknown): string {
  if (isEmpty(value)) return EMPTY_VALUE;
  if (field === 'status') return STATION_STATUS_LABELS[value as StationStatus] ?? String(value);
  if (field === 'operatingModel') return OPERATING_MODEL_LABELS[value as OperatingModel] ?? String(value);
  if (field === 'funding' && Array.isArray(value))
    return (value as FundingLine[]).map(fundingText).join('；');
  if (field.startsWith('milestones.') && typeof value === 'object')
    return milestoneText(value as MilestoneRecord);
  if (Array.isArray(value)) return value.map(String).join('、');
  return String(value as string);
}

/** When and by whom, in Beijing time: 2026-12-02 09:30 王科长（区民政局）. */
export function historyByline(at: string, byName: string | null, byRole: string | null): string {
  const when = formatBeijing(new Date(at));
  const role = byRole && byRole in ROLE_LABELS ? ROLE_LABELS[byRole as Role] : byRole;
  return `${when} ${byName ?? '（姓名未登记）'}${role ? `（${role}）` : ''}`;
}
