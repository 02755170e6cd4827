import { beijingDay } from '../../../../shared/src/calendar';
import { COLLECTIONS } from '../../../../shared/src/collections';
import { rosterContract, type RosterImportOutput } from '../../../../shared/src/contracts/roster';
import { AppError } from '../../../../shared/src/errors';
import { buildPersonDoc } from '../../../../shared/src/domain/person';
import { parseVisitIntervals } from '../../../../shared/src/domain/risk';
import {
  ROSTER_MESSAGES,
  householdKeyOf,
  markExisting,
  recordKey,
  type RosterCounts,
  type RosterRecord,
} from '../../../../shared/src/domain/roster';
import { auditOk, loadInScope, requireCaller } from '../../../_lib/authz';
import { defineAction } from '../../../_lib/handler';
import { householdIdFor, personIdFor } from '../ids';
import { metrics } from '../metrics';
import { newPersonOf, readRecord } from '../records';
import * as repo from '../repo';

type Doc = { _id: string } & Record<string, unknown>;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const countsOf = (v: unknown): RosterCounts => {
  const c = isRecord(v) ? v : {};
  return {
    rows: num(c.rows),
    valid: num(c.valid),
    invalid: num(c.invalid),
    duplicates: num(c.duplicates),
    consentFlagged: num(c.consentFlagged),
  };
};

/** The stored answer of an import already done (a repeated call answers the same). */
function storedResult(v: unknown): RosterImportOutput | null {
  if (!isRecord(v)) return null;
  const r = v;
  if (typeof r.previewId !== 'string' || (r.mode !== 'all-or-nothing' && r.mode !== 'valid-rows'))
    return null;
  return {
    previewId: r.previewId,
    mode: r.mode,
    created: num(r.created),
    alreadyPresent: num(r.alreadyPresent),
    skippedInvalid: num(r.skippedInvalid),
    skippedDuplicates: num(r.skippedDuplicates),
    householdsCreated: num(r.householdsCreated),
    householdsPresent: num(r.householdsPresent),
    consentFlaggedRows: Array.isArray(r.consentFlaggedRows)
      ? r.consentFlaggedRows.filter((x): x is number => typeof x === 'number')
      : [],
  };
}

/** The household document of a group of new members (the shape the files function reads). */
function householdDoc(
  id: string,
  stationId: string,
  members: readonly { record: RosterRecord; personId: string }[],
  meta: { now: Date; by: string },
): Doc {
  const first = members[0]!.record;
  const head = first.householdHead;
  const headRow = head ? members.find((m) => m.record.name === head) : undefined;
  return {
    _id: id,
    stationId,
    community: first.community,
    address: first.address,
    // The contact is the 户主/联系人 of the sheet; the phone is theirs when they have a row.
    contact: head ? { name: head, phone: headRow?.record.phone ?? '', relationship: null } : null,
    members: members.map((m) => ({ personId: m.personId, relationship: m.record.relationship })),
    source: 'roster',
    rev: 1,
    createdAt: meta.now,
    createdBy: meta.by,
    updatedAt: meta.now,
    updatedBy: meta.by,
  };
}

/**
 * importRoster (station head, own station's preview): writes the rows the
 * preview stored (never rows from the phone). `all-or-nothing` refuses when
 * the preview found any invalid row; `valid-rows` writes the valid ones.
 *
 * Idempotent: every file's `_id` is derived from the station and the person
 * (ids.ts), every household's from the station, 社区/村, 住址 and 户主/联系人,
 * so a second import of the same rows finds them taken and creates nothing
 * (counted `alreadyPresent`); a repeat of this call answers the stored result.
 * The station's files are looked up again first: a person entered in the app
 * since the preview is skipped, not doubled. Writes go in batches of 100.
 *
 * "Nothing unless every row is right" is decided before the first write; a
 * function that dies half way (timeout) leaves the rows written so far, and
 * calling import again completes the rest without doubling anything.
 */
export const importRoster = defineAction({
  contract: rosterContract.actions.importRoster,
  async handle(input, ctx) {
    const m = metrics(ctx);
    const caller = requireCaller(ctx.access);
    const header = await loadInScope(ctx, ctx.access, input.previewId, (id) => repo.getPreview(ctx.db, id));
    const stationId = header.stationId;
    const done = header.status === 'imported' ? storedResult(header.result) : null;
    if (done) return done;
    if (!(header.expiresAt.getTime() > ctx.now.getTime()))
      throw new AppError('failed-precondition', ROSTER_MESSAGES.previewExpired);
    const counts = countsOf(header.counts);
    if (input.mode === 'all-or-nothing' && counts.invalid > 0)
      throw new AppError('failed-precondition', ROSTER_MESSAGES.hasInvalid, {
        reason: 'invalid-rows',
        invalid: counts.invalid,
      });

    const records = (await repo.previewRecords(ctx.db, header._id))
      .map(readRecord)
      .filter((r): r is RosterRecord => r !== null);
    m.mark('loaded');

    // Files of the station that appeared since the preview (or an earlier import).
    const existing = await repo.findPossibleDuplicates(ctx.db, stationId, records);
    const rematched = markExisting(
      records.map((record) => ({
        row: record.row,
        status: 'valid' as const,
        record,
        errors: [],
        notices: [],
        existingId: null,
      })),
      existing,
    );
    let alreadyPresent = 0;
    let skippedNow = 0;
    const toWrite: { record: RosterRecord; personId: string }[] = [];
    for (const o of rematched) {
      if (!o.record) continue;
      const personId = personIdFor(stationId, recordKey(o.record));
      if (o.status === 'existing') {
        if (o.existingId === personId) alreadyPresent += 1;
        else skippedNow += 1;
      } else toWrite.push({ record: o.record, personId });
    }
    const takenPersons = await repo.existingIds(
      ctx.db,
      COLLECTIONS.persons,
      toWrite.map((w) => w.personId),
    );
    const fresh = toWrite.filter((w) => !takenPersons.has(w.personId));
    alreadyPresent += toWrite.length - fresh.length;
    m.mark('matched');

    // Households of the new files: new ones inserted with their members,
    // existing ones (an earlier import) get the new members added.
    const groups = new Map<string, { record: RosterRecord; personId: string }[]>();
    const householdOf = new Map<string, string>();
    for (const w of fresh) {
      const key = householdKeyOf(w.record);
      if (!key) continue;
      const hid = householdIdFor(stationId, key);
      householdOf.set(w.personId, hid);
      groups.set(hid, [...(groups.get(hid) ?? []), w]);
    }
    const takenHouseholds = await repo.existingIds(ctx.db, COLLECTIONS.households, [...groups.keys()]);
    const meta = { now: ctx.now, by: caller.userId };
    const hh = await repo.insertNew(
      ctx.db,
      COLLECTIONS.households,
      [...groups]
        .filter(([hid]) => !takenHouseholds.has(hid))
        .map(([hid, members]) => householdDoc(hid, stationId, members, meta)),
    );
    for (const hid of [...takenHouseholds, ...hh.present]) {
      for (const w of groups.get(hid) ?? [])
        await repo.addHouseholdMember(ctx.db, hid, {
          personId: w.personId,
          relationship: w.record.relationship,
        });
    }
    m.mark('households');

    const intervals = parseVisitIntervals(process.env.SGZ_VISIT_INTERVALS);
    const openedDay = beijingDay(ctx.now);
    const persons = await repo.insertNew(
      ctx.db,
      COLLECTIONS.persons,
      fresh.map((w) => ({
        _id: w.personId,
        ...buildPersonDoc(newPersonOf(w.record, stationId, householdOf.get(w.personId) ?? null), {
          now: ctx.now,
          openedDay,
          by: caller.userId,
          intervals,
        }),
        rosterPreviewId: header._id,
      })),
    );
    m.mark('persons');

    const created = new Set(persons.inserted);
    const result: RosterImportOutput = {
      previewId: header._id,
      mode: input.mode,
      created: persons.inserted.length,
      alreadyPresent: alreadyPresent + persons.present.length,
      skippedInvalid: counts.invalid,
      skippedDuplicates: counts.duplicates + skippedNow,
      householdsCreated: hh.inserted.length,
      householdsPresent: takenHouseholds.size + hh.present.length,
      consentFlaggedRows: fresh
        .filter((w) => created.has(w.personId) && w.record.withheld.length > 0)
        .map((w) => w.record.row),
    };
    await repo.finishPreview(ctx.db, header._id, { ...result }, ctx.now);
    await auditOk(ctx, ctx.access, header._id);
    m.done({ rows: records.length, created: result.created });
    return result;
  },
});
