import { createHash, randomBytes } from 'crypto';
import { beijingDay } from '../../../../shared/src/calendar';
import { rosterContract } from '../../../../shared/src/contracts/roster';
import { AppError } from '../../../../shared/src/errors';
import {
  ROSTER_LIMITS,
  ROSTER_MESSAGES,
  checkRoster,
  countOutcomes,
  householdKeyOf,
  issuesOf,
  markExisting,
  type RosterRecord,
} from '../../../../shared/src/domain/roster';
import { assertStationScope, auditOk, requireCaller } from '../../../_lib/authz';
import { defineAction } from '../../../_lib/handler';
import { metrics } from '../metrics';
import * as repo from '../repo';
import { assertStationUpload, download, removeQuietly } from '../storage';
import { readWorkbook } from '../workbook';

const HOUR_MS = 3_600_000;

/**
 * previewRoster (station head, own station): reads the uploaded .xlsx,
 * checks every row (shared checkRoster), looks up the station's existing
 * files in a bounded number of queries (repo.findPossibleDuplicates), and
 * stores what the import will write (the valid rows) under a fresh preview
 * id with the file's sha256, so that importRoster never takes rows from the
 * phone. The upload itself is deleted once read. Answers the counts and the
 * first ROSTER_LIMITS.maxIssuesShown errors and notices.
 *
 * A refused file (not an .xlsx, too big, too many rows, no header, no data,
 * another station's folder, missing) writes nothing.
 */
export const previewRoster = defineAction({
  contract: rosterContract.actions.previewRoster,
  async handle(input, ctx) {
    const m = metrics(ctx);
    const caller = requireCaller(ctx.access);
    await assertStationScope(ctx, ctx.access, input.stationId);
    assertStationUpload(input.fileID, input.stationId);

    const content = await download(ctx.cloud, input.fileID);
    try {
      if (content.length > ROSTER_LIMITS.maxBytes)
        throw new AppError('invalid-argument', ROSTER_MESSAGES.tooBig);
      const sha256 = createHash('sha256').update(content).digest('hex');
      const sheet = await readWorkbook(content);
      m.mark('parsed');

      const communities = await repo.getCommunities(ctx.db, input.stationId);
      const checked = checkRoster(sheet.rows, { today: beijingDay(ctx.now), communities });
      if (!checked.ok) throw new AppError('invalid-argument', checked.message);
      const candidates = checked.rows.flatMap((o) => (o.status === 'valid' && o.record ? [o.record] : []));
      const existing = await repo.findPossibleDuplicates(ctx.db, input.stationId, candidates);
      const outcomes = markExisting(checked.rows, existing);
      m.mark('checked');

      const counts = countOutcomes(outcomes);
      const records: RosterRecord[] = outcomes.flatMap((o) =>
        o.status === 'valid' && o.record ? [o.record] : [],
      );
      const households = new Set(records.map(householdKeyOf).filter((k): k is string => k !== null)).size;
      const issues = issuesOf(outcomes);

      await repo.removeOldPreviews(
        ctx.db,
        input.stationId,
        new Date(ctx.now.getTime() - ROSTER_LIMITS.previewHours * HOUR_MS),
      );
      const previewId = `rp-${randomBytes(16).toString('hex')}`;
      const expiresAt = new Date(ctx.now.getTime() + ROSTER_LIMITS.previewHours * HOUR_MS);
      await repo.savePreview(
        ctx.db,
        {
          _id: previewId,
          kind: 'preview',
          stationId: input.stationId,
          createdBy: caller.userId,
          createdAt: ctx.now,
          expiresAt,
          fileID: input.fileID,
          sha256,
          bytes: content.length,
          sheetName: sheet.sheetName,
          counts,
          households,
          issuesTotal: issues.length,
          status: 'previewed',
          result: null,
          importedAt: null,
        },
        records,
      );
      await auditOk(ctx, ctx.access, previewId);
      m.done({ rows: counts.rows, valid: counts.valid, invalid: counts.invalid, bytes: content.length });
      return {
        previewId,
        expiresAt: expiresAt.toISOString(),
        sheetName: sheet.sheetName,
        counts,
        households,
        issues: issues.slice(0, ROSTER_LIMITS.maxIssuesShown),
        issuesTotal: issues.length,
        ignoredHeaders: checked.ignoredHeaders,
      };
    } finally {
      // The rows that matter are in the preview now (or the file was refused):
      // the upload, personal data in bulk, is not kept.
      await removeQuietly(ctx.cloud, [input.fileID]);
    }
  },
});
