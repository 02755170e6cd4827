import { z } from 'zod';
import { idField, input } from './fields';

// Input schema of the `ledger` cloud function (台账 export, issue 13 part 5).
// Strict: unknown keys are refused; every message says in Chinese what to do.

/** First year a ledger can be asked for (the stations' notice is of 2022). */
export const LEDGER_FIRST_YEAR = 2020;
/** Last year the schema accepts (a later one than the current year is refused by the function). */
export const LEDGER_LAST_YEAR = 2099;

const yearField = z
  .number({ required_error: '请选择导出的年份', invalid_type_error: '年份格式不对，请重新选择' })
  .int('年份格式不对，请重新选择')
  .min(LEDGER_FIRST_YEAR, `只能导出 ${LEDGER_FIRST_YEAR} 年及以后的台账`)
  .max(LEDGER_LAST_YEAR, '年份格式不对，请重新选择');

const monthField = z
  .number({ invalid_type_error: '月份格式不对，请选择 1 至 12 月' })
  .int('月份格式不对，请选择 1 至 12 月')
  .min(1, '月份格式不对，请选择 1 至 12 月')
  .max(12, '月份格式不对，请选择 1 至 12 月');

/** `ledger.exportLedger`: one station's 台账 for a year, or one month of it. */
export const exportLedgerInput = input({
  stationId: idField('社工站编号'),
  year: yearField,
  month: monthField.optional(),
});

/** `ledger.exportDistrictWorkbook`: every station's year in one workbook (the district). */
export const exportDistrictWorkbookInput = input({
  year: yearField,
});
