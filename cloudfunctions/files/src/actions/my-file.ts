import { filesContract } from '../../../../shared/src/contracts/files';
import type { GetMyFileOutput } from '../../../../shared/src/contracts/files';
import { MAX_FILE_OPENINGS } from '../../../../shared/src/schemas/files';
import { requireCaller } from '../../../_lib/authz';
import { defineAction } from '../../../_lib/context';
import { toMyFile } from '../dto';
import * as repo from '../repo';
import { consentEvents, todayOf } from './common';

/**
 * `getMyFile` (anyone, scope own): the file the station linked to the
 * caller's account — its summary, the consents, and who opened it and when
 * (the audit entries of getPerson on it: role and time, never a name).
 * Not audited (one's own data).
 */
export const getMyFile = defineAction({
  contract: filesContract.actions.getMyFile,
  async handle(_input, ctx): Promise<GetMyFileOutput> {
    const caller = requireCaller(ctx.access);
    const doc = await repo.findLinkedTo(ctx.db, caller.userId);
    if (!doc) return { file: null };
    const [stationName, consents, openings] = await Promise.all([
      repo.getStationName(ctx.db, String(doc.stationId ?? '')),
      consentEvents(ctx, doc._id),
      repo.openingsOf(ctx.db, doc._id, MAX_FILE_OPENINGS),
    ]);
    return { file: toMyFile(doc, { today: todayOf(ctx), stationName, consents, openings }) };
  },
});
