import { beijingDay } from '../../../../shared/src/calendar';
import { districtContract, type StationRecordOutput } from '../../../../shared/src/contracts/district';
import {
  MILESTONES,
  diffRecord,
  isRecordFile,
  type StationRecordFields,
} from '../../../../shared/src/domain/district';
import { AppError } from '../../../../shared/src/errors';
import { assertStationScope, auditOk, requireCaller } from '../../../_lib/authz';
import { defineAction, type ActionContext } from '../../../_lib/context';
import { run } from '../../../_lib/db';
import { recordFieldsOf, recordVersionOf, storedChanges, toHistoryDto, toRecordDto } from '../dto';
import * as repo from '../repo';

/** Seconds a document link lives (the bureau opens it at once; a stale link is fetched again). */
export const DOCUMENT_URL_SECONDS = 600;
/** Shown when the id is well formed but names no station. */
export const STATION_NOT_FOUND = '没有找到该社工站，请返回列表重新选择';
/** Shown when someone else saved the record since the caller read it. */
export const RECORD_STALE = '该社工站档案刚被其他人修改过，请刷新后重新修改';
/** Shown when a document is not in the station's upload folder. */
export const BAD_DOCUMENT = '证明材料不是为该社工站上传的，请重新上传';

/** Short-lived download links of `fileIds` (null for a file storage no longer has). */
async function tempUrls(ctx: ActionContext, fileIds: string[]): Promise<Map<string, string | null>> {
  if (fileIds.length === 0) return new Map();
  const res = await run(
    ctx.cloud.getTempFileURL({
      fileList: fileIds.map((fileID) => ({ fileID, maxAge: DOCUMENT_URL_SECONDS })),
    }),
  );
  return new Map(
    res.fileList.map((f) => [f.fileID, f.status === 0 && f.tempFileURL ? f.tempFileURL : null] as const),
  );
}

/** The station in scope (a head: their own; missing and not-yours: the same denial for them). */
async function stationInScope(ctx: ActionContext, stationId: string): Promise<repo.RawDoc> {
  await assertStationScope(ctx, ctx.access, stationId);
  const doc = await repo.getStation(ctx.db, stationId);
  if (!doc) throw new AppError('not-found', STATION_NOT_FOUND);
  return doc;
}

/** A station document as its record DTO (zone name, editor's name, document links resolved). */
async function recordOutput(ctx: ActionContext, doc: repo.RawDoc): Promise<StationRecordOutput> {
  const fields = recordFieldsOf(doc);
  const zoneId = typeof doc.zoneId === 'string' && doc.zoneId ? doc.zoneId : null;
  const by = typeof doc.recordUpdatedBy === 'string' ? doc.recordUpdatedBy : null;
  const [zoneName, users, urls] = await Promise.all([
    zoneId ? repo.adminUnitName(ctx.db, zoneId) : Promise.resolve(null),
    by ? repo.usersByIds(ctx.db, [by]) : Promise.resolve(new Map<string, repo.RawDoc>()),
    tempUrls(
      ctx,
      MILESTONES.flatMap((m) => fields.milestones[m].documents),
    ),
  ]);
  const name = by ? users.get(by)?.name : null;
  return {
    record: toRecordDto(doc, {
      zoneName,
      updatedByName: typeof name === 'string' ? name : null,
      urls,
      today: beijingDay(ctx.now),
    }),
  };
}

/** `getStationRecord`: the bureau's record of a station (a head: their own station only). */
export const getStationRecord = defineAction({
  contract: districtContract.actions.getStationRecord,
  async handle(input, ctx): Promise<StationRecordOutput> {
    return recordOutput(ctx, await stationInScope(ctx, input.stationId));
  },
});

/** `listStationRecordHistory`: every change of a station's record, newest first. */
export const listStationRecordHistory = defineAction({
  contract: districtContract.actions.listStationRecordHistory,
  async handle(input, ctx) {
    await stationInScope(ctx, input.stationId);
    const page = await repo.historyPage(ctx.db, input.stationId, {
      cursor: input.cursor,
      limit: input.limit ?? 20,
    });
    const ids = page.items.map((d) => (typeof d.byUserId === 'string' ? d.byUserId : '')).filter(Boolean);
    const users = await repo.usersByIds(ctx.db, ids);
    const names = new Map([...users].map(([id, u]) => [id, typeof u.name === 'string' ? u.name : null]));
    return { items: page.items.map((d) => toHistoryDto(d, names)), nextCursor: page.nextCursor };
  },
});

/**
 * `updateStationRecord` (the district): the whole record, at the version the
 * caller read. One conditional update on the station (specialty and rooms are
 * the station's own fields, shown on the resident's page), then one history
 * entry per version (who, when, which fields, before → after) and the audit
 * entry. A save that changes nothing writes nothing.
 */
export const updateStationRecord = defineAction({
  contract: districtContract.actions.updateStationRecord,
  async handle(input, ctx): Promise<StationRecordOutput> {
    const caller = requireCaller(ctx.access);
    const doc = await stationInScope(ctx, input.stationId);
    for (const m of MILESTONES) {
      if (input.milestones[m].documents.some((f) => !isRecordFile(f, input.stationId)))
        throw new AppError('invalid-argument', BAD_DOCUMENT, { field: `milestones.${m}.documents` });
    }
    const current = recordVersionOf(doc);
    if (current !== input.version)
      throw new AppError('failed-precondition', RECORD_STALE, { reason: 'stale', version: current });
    const before = recordFieldsOf(doc);
    const after: StationRecordFields = {
      status: input.status,
      specialty: input.specialty,
      rooms: input.rooms,
      operatingModel: input.operatingModel,
      operatorName: input.operatorName,
      operatorPhone: input.operatorPhone,
      agreementFrom: input.agreementFrom,
      agreementTo: input.agreementTo,
      funding: input.funding.map((f) => ({ source: f.source, amountYuan: f.amountYuan, note: f.note })),
      milestones: input.milestones,
    };
    const changes = diffRecord(before, after);
    if (changes.length === 0) return recordOutput(ctx, doc);
    const version = current + 1;
    const { specialty, rooms, ...record } = after;
    const patch = {
      specialty,
      rooms,
      record,
      recordVersion: version,
      recordUpdatedAt: ctx.now,
      recordUpdatedBy: caller.userId,
      updatedAt: ctx.now,
    };
    if (!(await repo.updateRecordAt(ctx.db, input.stationId, current, patch)))
      throw new AppError('failed-precondition', RECORD_STALE, { reason: 'stale' });
    await repo.insertHistory(ctx.db, `${input.stationId}-v${version}`, {
      stationId: input.stationId,
      version,
      at: ctx.now,
      byUserId: caller.userId,
      byRole: caller.role,
      changes: storedChanges(changes),
    });
    await auditOk(ctx, ctx.access, input.stationId);
    return recordOutput(ctx, { ...doc, ...patch });
  },
});
