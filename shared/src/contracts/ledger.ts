import type { QuotaStatus } from '../domain/quota';
import type { LedgerSheetName } from '../domain/ledger';
import * as S from '../schemas/ledger';
import { action, defineContract, type InputsOf, type OutputsOf } from './define';

/**
 * Contract of the `ledger` cloud function: the station's 台账 as one .xlsx
 * (issue 13 part 5), for a Beijing year or one month of it.
 *
 * The phone calls exportLedger, then opens the file: on WeChat
 * `wx.downloadFile({ url: tempFileURL })` and `wx.openDocument({ filePath,
 * fileType: 'xlsx', showMenu: true })` (forward or save); on H5 a link to
 * `tempFileURL` with `download = fileName`. The file stays in cloud storage
 * under `exports/<stationId>/…` for {@link LEDGER_EXPORT_KEEP_DAYS} days (a
 * timer removes it), so `fileID` can be downloaded again meanwhile.
 *
 * Errors (besides `invalid-argument` for a malformed input and
 * `permission-denied` 您没有权限进行此操作): a month or year not begun yet:
 * `invalid-argument` (field `month` / `year`); an unknown station: `not-found`.
 * Nothing is written in those cases.
 */

/** Days an export is kept in cloud storage before the cleanup timer removes it. */
export const LEDGER_EXPORT_KEEP_DAYS = 7;

/** One line of the 汇总 sheet, as answered too (the phone can show it without opening the file). */
export interface LedgerQuotaLine {
  /** 结案个案 / 督导时数 / 继续教育学时 / 持证社工. */
  label: string;
  done: number;
  target: number;
  status: QuotaStatus;
  reason: string;
}

/** exportLedger output. */
export interface ExportLedgerOutput {
  /** Cloud storage id (wx.cloud.downloadFile / getTempFileURL again later). */
  fileID: string;
  /** A download link valid for {@link LEDGER_URL_SECONDS} seconds. */
  tempFileURL: string;
  /** When `tempFileURL` stops working (ISO instant). */
  urlExpiresAt: string;
  /** Name to save the file under, e.g. `塘沽街道社工站台账_2026年03月.xlsx`. */
  fileName: string;
  /** Size in bytes. */
  bytes: number;
  /** Data rows per sheet (headers not counted; 汇总: its quota lines). */
  rowCounts: Record<LedgerSheetName, number>;
  /** The quotas of the year as the 汇总 sheet shows them (judged at the end of the period exported, or now). */
  quotas: LedgerQuotaLine[];
}

/** Seconds the download link of an export is valid. */
export const LEDGER_URL_SECONDS = 3600;

/** exportDistrictWorkbook output (the district-wide workbook of a year). */
export interface ExportDistrictWorkbookOutput {
  fileID: string;
  tempFileURL: string;
  urlExpiresAt: string;
  /** e.g. `滨海新区社工站全区汇总_2025年.xlsx`. */
  fileName: string;
  bytes: number;
  /** Data rows per sheet (全区汇总: station rows, without the 小计 / 合计 rows). */
  rowCounts: { 全区汇总: number; 社工站档案: number };
  /** Stations in the workbook. */
  stations: number;
}

/** The `ledger` function (see ./define.ts). */
export const ledgerContract = defineContract('ledger', {
  exportLedger: action<ExportLedgerOutput>()({
    input: S.exportLedgerInput,
    permission: 'ledger.exportLedger',
    audit: 'personal-read',
    auditTarget: 'stationId',
  }),
  exportDistrictWorkbook: action<ExportDistrictWorkbookOutput>()({
    input: S.exportDistrictWorkbookInput,
    permission: 'ledger.exportDistrictWorkbook',
  }),
});

/** Action names of the ledger function. */
export type LedgerAction = keyof typeof ledgerContract.actions;
/** Input type per action. */
export type LedgerInputs = InputsOf<typeof ledgerContract>;
/** Output type per action. */
export type LedgerOutputs = OutputsOf<typeof ledgerContract>;
