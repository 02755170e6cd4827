import { randomBytes } from 'node:crypto';
import {
  LEDGER_URL_SECONDS,
  ledgerContract,
  type ExportDistrictWorkbookOutput,
} from '../../../../shared/src/contracts/ledger';
import { defineAction } from '../../../_lib/context';
import { loadDistrictOverview } from '../../../_lib/district-overview';
import { buildDistrictWorkbook } from '../district';
import * as repo from '../repo';
import { uploadWithUrl } from '../storage';

/**
 * `exportDistrictWorkbook`: the district-wide workbook of a year (district.ts):
 * the same figures as `dashboard.getDistrictOverview` (`_lib/district-overview.ts`)
 * plus the stations' records; counts only, no person. Uploaded under
 * `exports/district/…` and listed in `exports`, so the cleanup timer removes
 * it after 7 days like a station's 台账.
 */
export const exportDistrictWorkbook = defineAction({
  contract: ledgerContract.actions.exportDistrictWorkbook,
  async handle(input, ctx): Promise<ExportDistrictWorkbookOutput> {
    const { overview, stationDocs } = await loadDistrictOverview(ctx.db, input.year, ctx.now);
    const built = await buildDistrictWorkbook(overview, stationDocs, ctx.now);
    const fileName = `滨海新区社工站全区汇总_${input.year}年.xlsx`;
    const stamp = ctx.now
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d+Z$/, 'Z');
    const cloudPath = `exports/district/${input.year}-${stamp}-${randomBytes(4).toString('hex')}.xlsx`;
    const { fileID, tempFileURL } = await uploadWithUrl(
      ctx.cloud,
      cloudPath,
      built.content,
      LEDGER_URL_SECONDS,
    );
    await repo.insertExport(ctx.db, {
      stationId: null,
      district: true,
      year: input.year,
      month: null,
      fileID,
      cloudPath,
      fileName,
      bytes: built.content.length,
      rowCounts: built.rowCounts,
      createdBy: ctx.account?._id ?? null,
      createdAt: ctx.now,
    });
    return {
      fileID,
      tempFileURL,
      urlExpiresAt: new Date(ctx.now.getTime() + LEDGER_URL_SECONDS * 1000).toISOString(),
      fileName,
      bytes: built.content.length,
      rowCounts: built.rowCounts,
      stations: overview.totals.stations,
    };
  },
});
