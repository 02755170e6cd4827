import { z } from 'zod';
import { idField, input } from './fields';

/**
 * Inputs of the `dashboard` function (issue 13): one station's year, and
 * optionally one month of it (1–12), as the station head reads it.
 */

/** A Beijing calendar year the dashboard can show. */
export const dashboardYearField = z
  .number({ required_error: '请选择年份', invalid_type_error: '年份必须是数字' })
  .int('年份必须是整数')
  .min(2000, '年份超出范围，请选择 2000 至 2100 年')
  .max(2100, '年份超出范围，请选择 2000 至 2100 年');

/** A month of the year (1–12). */
export const dashboardMonthField = z
  .number({ invalid_type_error: '月份必须是数字' })
  .int('月份必须是整数')
  .min(1, '月份请选择 1 至 12 月')
  .max(12, '月份请选择 1 至 12 月');

/** getStationDashboard: a station's year (and month). */
export const getStationDashboardInput = input({
  stationId: idField('社工站编号'),
  year: dashboardYearField,
  month: dashboardMonthField.optional(),
});

/** getDistrictOverview: every station's year, for the district bureau. */
export const getDistrictOverviewInput = input({
  year: dashboardYearField,
});
