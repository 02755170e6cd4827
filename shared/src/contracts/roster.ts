import type { RosterCounts, RosterIssue } from '../domain/roster';
import * as S from '../schemas/roster';
import type { RosterImportMode } from '../schemas/roster';
import { action, defineContract, type InputsOf, type OutputsOf } from './define';

/**
 * Contract of the `roster` cloud function: a station's existing roster
 * (花名册, Excel) brought into the service-user files (issue 9, part 5).
 *
 * Flow: the head downloads the template (getRosterTemplate), fills it in
 * Excel, uploads the .xlsx from the phone with wx.cloud.uploadFile to
 * `roster-uploads/<stationId>/<unique name>.xlsx` (schemas/roster.ts
 * `rosterUploadPath`), previews it (previewRoster: counts, the error list
 * with row numbers, a preview id), then imports either nothing unless every
 * row is right or only the right rows (importRoster with the preview id:
 * the rows come from the stored preview, never from the phone).
 *
 * Errors (besides `invalid-argument` for a malformed input and
 * `permission-denied` 您没有权限进行此操作):
 * - previewRoster: a file that is not an .xlsx, an old .xls or an encrypted
 *   one, over 2 MB, over 5,000 rows, without a 姓名 header, without data,
 *   outside the station's upload folder: `invalid-argument` with what to do;
 *   a missing file: `not-found`. Nothing is written.
 * - importRoster: a preview that is missing or of another station:
 *   `permission-denied` (not told apart); one older than 24 h:
 *   `failed-precondition`; `all-or-nothing` with any invalid row:
 *   `failed-precondition` (`details: { reason: 'invalid-rows', invalid }`).
 *   Nothing is written in each case. A repeat of an import creates nothing
 *   new (every person's id is derived from the station and the person).
 */

/** getRosterTemplate output: the template in cloud storage. */
export interface RosterTemplateOutput {
  fileID: string;
  /** A download link valid for a while (wx.downloadFile then wx.openDocument). */
  tempFileURL: string;
  /** Name to save the file under. */
  fileName: string;
}

/** previewRoster output. */
export interface RosterPreviewOutput {
  /** Pass to importRoster. */
  previewId: string;
  /** Until when the preview may be imported (ISO instant). */
  expiresAt: string;
  sheetName: string;
  counts: RosterCounts;
  /** Households the valid rows would form (rows with 社区/村 and 住址, grouped with 户主/联系人). */
  households: number;
  /** Errors and notices in row order, at most ROSTER_LIMITS.maxIssuesShown. */
  issues: RosterIssue[];
  /** Errors and notices in all (more than `issues` holds when truncated). */
  issuesTotal: number;
  /** Headers that name no known column (their data is not imported). */
  ignoredHeaders: string[];
}

/** importRoster output. */
export interface RosterImportOutput {
  previewId: string;
  mode: RosterImportMode;
  /** Files created now. */
  created: number;
  /** Rows whose file already existed (an earlier import of the same rows, or found at import time). */
  alreadyPresent: number;
  /** Invalid rows not imported (`valid-rows`). */
  skippedInvalid: number;
  /** Rows the preview matched to an existing file of the station (not imported). */
  skippedDuplicates: number;
  /** Households created now / already there. */
  householdsCreated: number;
  householdsPresent: number;
  /** Row numbers imported without categories that need a consent (需补录同意书后再登记该类别). */
  consentFlaggedRows: number[];
}

/** The `roster` function (see ./define.ts). */
export const rosterContract = defineContract('roster', {
  getRosterTemplate: action<RosterTemplateOutput>()({
    input: S.getRosterTemplateInput,
    permission: 'roster.getRosterTemplate',
  }),
  previewRoster: action<RosterPreviewOutput>()({
    input: S.previewRosterInput,
    permission: 'roster.previewRoster',
  }),
  importRoster: action<RosterImportOutput>()({
    input: S.importRosterInput,
    permission: 'roster.importRoster',
  }),
});

/** Action names of the roster function. */
export type RosterAction = keyof typeof rosterContract.actions;
/** Input type per action (as the caller sends it). */
export type RosterInputs = InputsOf<typeof rosterContract>;
/** Output type per action. */
export type RosterOutputs = OutputsOf<typeof rosterContract>;
