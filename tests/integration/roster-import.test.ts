/**
 * The roster import through the real SDK on the emulator: a 5,000-row
 * roster with exactly 10 % bad rows of ten kinds gives the exact error list;
 * `all-or-nothing` writes nothing; `valid-rows` writes exactly the valid
 * rows (households included); importing the same file again creates nothing
 * new. Times and memory of the function are printed from its metric lines.
 */
import { COLLECTIONS } from '../../shared/src/collections';
import type { RosterImportOutput, RosterPreviewOutput } from '../../shared/src/contracts/roster';
import { ROSTER_MESSAGES } from '../../shared/src/domain/roster';
import { addAccount, HOME } from './accounts.fixtures';
import { useTestCloud } from '../helpers/cloud';
import {
  countOf,
  generateRoster,
  metricLines,
  rosterXlsx,
  run,
  stillStored,
  uploadRoster,
  writtenCounts,
} from './roster-fixtures';

const cloud = useTestCloud({ functions: ['roster'] });
const HEAD = 't-roster-head-home';

async function asHead(): Promise<void> {
  await addAccount(cloud.db, {
    openid: HEAD,
    role: 'station_head',
    stationId: HOME,
    name: '王站长',
    privacy: true,
  });
}

const preview = (fileID: string) =>
  cloud.callAs<RosterPreviewOutput>(HEAD, 'roster', { action: 'previewRoster', stationId: HOME, fileID });
const importIt = (previewId: string, mode: 'all-or-nothing' | 'valid-rows') =>
  cloud.callAs<RosterImportOutput>(HEAD, 'roster', { action: 'importRoster', previewId, mode });

const big = generateRoster(5000);
let bigFile: Buffer;
beforeAll(async () => {
  bigFile = await rosterXlsx(big.rows);
}, 60_000);

describe('a 5,000-row roster with 10 % bad rows', () => {
  it('previews the exact error list, imports nothing all-or-nothing, exactly the valid rows otherwise, and nothing new the second time', async () => {
    await asHead();
    expect(big.expected).toHaveLength(500);
    expect(new Set(big.expected.map((e) => e.code)).size).toBe(10);

    // Preview: counts and the exact error list (every bad row once, with its one reason).
    const fileID = await uploadRoster(HOME, bigFile);
    const p = await preview(fileID);
    if (!p.ok) throw new Error(JSON.stringify(p.error));
    expect(p.data.counts).toEqual({
      rows: 5000,
      valid: 4500,
      invalid: 500,
      duplicates: 0,
      consentFlagged: 0,
    });
    expect(p.data.issuesTotal).toBe(500);
    expect(p.data.issues.map((i) => ({ row: i.row, code: i.code, message: i.message }))).toEqual(
      big.expected,
    );
    expect(p.data.households).toBe(1000);
    expect(await stillStored(fileID)).toBe(false); // the upload is not kept
    const before = await writtenCounts(cloud.db);
    expect(before.persons).toBe(0);

    // all-or-nothing: refused, nothing written.
    const none = await importIt(p.data.previewId, 'all-or-nothing');
    expect(none).toEqual({
      ok: false,
      error: {
        code: 'failed-precondition',
        message: ROSTER_MESSAGES.hasInvalid,
        details: { reason: 'invalid-rows', invalid: 500 },
      },
    });
    expect(await writtenCounts(cloud.db)).toEqual(before);

    // valid-rows: exactly the 4,500 valid rows, in 1,000 households.
    const done = await importIt(p.data.previewId, 'valid-rows');
    if (!done.ok) throw new Error(JSON.stringify(done.error));
    expect(done.data).toMatchObject({
      created: 4500,
      alreadyPresent: 0,
      skippedInvalid: 500,
      skippedDuplicates: 0,
      householdsCreated: 1000,
      householdsPresent: 0,
      consentFlaggedRows: [],
    });
    expect(await countOf(cloud.db, COLLECTIONS.persons)).toBe(4500);
    expect(await countOf(cloud.db, COLLECTIONS.households)).toBe(1000);
    // Which rows: the ID numbers imported are exactly those of the valid rows.
    const importedIds: string[] = [];
    for (let skip = 0; skip < 4500; skip += 1000) {
      const res = await run(
        cloud.db
          .collection(COLLECTIONS.persons)
          .where({ stationId: HOME, source: 'roster' })
          .orderBy('_id', 'asc')
          .skip(skip)
          .limit(1000)
          .field({ idNumber: true })
          .get(),
      );
      importedIds.push(...(res.data as Array<{ idNumber: string }>).map((d) => d.idNumber));
    }
    const validIds = big.validRows.map((r) => String(big.rows[r - 2]!.idNumber));
    expect(importedIds.sort()).toEqual(validIds.sort());

    // The same call again answers the same and writes nothing.
    const again = await importIt(p.data.previewId, 'valid-rows');
    expect(again).toEqual(done);
    expect(await countOf(cloud.db, COLLECTIONS.persons)).toBe(4500);

    // The same file again: every valid row is now a duplicate; importing creates nothing.
    const second = await preview(await uploadRoster(HOME, bigFile));
    if (!second.ok) throw new Error(JSON.stringify(second.error));
    expect(second.data.counts).toEqual({
      rows: 5000,
      valid: 0,
      invalid: 500,
      duplicates: 4500,
      consentFlagged: 0,
    });
    const re = await importIt(second.data.previewId, 'valid-rows');
    if (!re.ok) throw new Error(JSON.stringify(re.error));
    expect(re.data).toMatchObject({ created: 0, skippedDuplicates: 4500, householdsCreated: 0 });
    expect(await countOf(cloud.db, COLLECTIONS.persons)).toBe(4500);
    expect(await countOf(cloud.db, COLLECTIONS.households)).toBe(1000);

    const lines = metricLines(cloud.logs);
    for (const l of lines)
      console.log(
        `roster ${String(l.action)}: ${String(l.rows)} rows, ${String(l.ms)} ms ${JSON.stringify(l.marks)}, ` +
          `db reads ${String(l.dbReads)}, writes ${String(l.dbWrites)}, rss ${String(l.rssMb)} MB, peak rss ${String(l.maxRssMb)} MB`,
      );
    expect(lines.length).toBe(4);
  }, 240_000);
});
