import {
  visitsContract,
  type FollowUpDto,
  type VisitDetail,
  type VisitListItem,
  type VisitsPage,
} from '../../../../shared/src/contracts/visits';
import { DEFAULT_VISITS_PAGE } from '../../../../shared/src/schemas/visits';
import { assertStationScope, loadInScope, requireCaller, viewOf } from '../../../_lib/authz';
import { defineAction, type ActionContext } from '../../../_lib/context';
import { run } from '../../../_lib/db';
import { toFollowUpDto, toVisitDetail, toVisitListItem } from '../dto';
import * as repo from '../repo';

/** How long a photo link handed out by getVisit stays valid (seconds). */
export const PHOTO_URL_SECONDS = 600;

/** The names of the persons seen in `docs` (one read). */
export const namesOf = (ctx: ActionContext, docs: repo.RawDoc[]): Promise<Map<string, repo.RawDoc>> =>
  repo.personsByIds(
    ctx.db,
    docs.flatMap((d) => (Array.isArray(d.personIds) ? d.personIds.map(String) : [])),
  );

/** `listVisits`: a station's visits (of one person), newest first; names masked for everyone. */
export const listVisits = defineAction({
  contract: visitsContract.actions.listVisits,
  async handle(input, ctx): Promise<VisitsPage<VisitListItem>> {
    await assertStationScope(ctx, ctx.access, input.stationId);
    const { personId, year, month, category, workerId, area } = input;
    const page = await repo.pageVisits(
      ctx.db,
      input.stationId,
      { personId, year, month, category, workerId, area },
      input.cursor,
      input.limit ?? DEFAULT_VISITS_PAGE,
    );
    const [names, conflicted] = await Promise.all([
      namesOf(ctx, page.items),
      repo.visitsWithOpenConflicts(
        ctx.db,
        page.items.map((d) => d._id),
      ),
    ]);
    return {
      items: page.items.map((d) => toVisitListItem(d, names, conflicted)),
      nextCursor: page.nextCursor,
    };
  },
});

/** Temp download links of `fileIds` (null for a file storage no longer has). */
async function tempUrls(ctx: ActionContext, fileIds: string[]): Promise<Map<string, string | null>> {
  if (fileIds.length === 0) return new Map();
  const res = await run(
    ctx.cloud.getTempFileURL({ fileList: fileIds.map((fileID) => ({ fileID, maxAge: PHOTO_URL_SECONDS })) }),
  );
  return new Map(
    res.fileList.map((f) => [f.fileID, f.status === 0 && f.tempFileURL ? f.tempFileURL : null] as const),
  );
}

/**
 * `getVisit`: one record (audited by the pipeline, target = the visit). The
 * station's staff get everything and short-lived photo links; a supervisor
 * of an assigned station gets the masked oversight view without photos.
 */
export const getVisit = defineAction({
  contract: visitsContract.actions.getVisit,
  async handle(input, ctx): Promise<{ visit: VisitDetail }> {
    const doc = await loadInScope(
      ctx,
      ctx.access,
      input.visitId,
      async (id): Promise<(repo.RawDoc & { stationId: string }) | null> => {
        const d = await repo.getVisit(ctx.db, id);
        return d ? { ...d, stationId: String(d.stationId ?? '') } : null;
      },
    );
    const view = viewOf(ctx.access, doc) === 'station' ? 'station' : 'oversight';
    const files =
      view === 'station'
        ? [
            ...(Array.isArray(doc.photoFileIds) ? doc.photoFileIds.map(String) : []),
            ...(doc.confirmation &&
            typeof doc.confirmation === 'object' &&
            typeof Reflect.get(doc.confirmation, 'signatureFileId') === 'string'
              ? [String(Reflect.get(doc.confirmation, 'signatureFileId'))]
              : []),
          ]
        : [];
    const [names, conflicted, followUps, urls] = await Promise.all([
      namesOf(ctx, [doc]),
      repo.visitsWithOpenConflicts(ctx.db, [doc._id]),
      repo.followUpsOf(ctx.db, doc._id),
      tempUrls(ctx, files),
    ]);
    return { visit: toVisitDetail(doc, view, { names, conflicted, followUps, urls }) };
  },
});

/** `listMyFollowUps`: the caller's open follow-ups, earliest due first. */
export const listMyFollowUps = defineAction({
  contract: visitsContract.actions.listMyFollowUps,
  async handle(input, ctx): Promise<VisitsPage<FollowUpDto>> {
    const caller = requireCaller(ctx.access);
    const page = await repo.pageOpenFollowUps(
      ctx.db,
      caller.userId,
      input.cursor,
      input.limit ?? DEFAULT_VISITS_PAGE,
    );
    return { items: page.items.map(toFollowUpDto), nextCursor: page.nextCursor };
  },
});
