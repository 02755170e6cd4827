import { LEDGER_EXPORT_KEEP_DAYS } from '../../../shared/src/contracts/ledger';
import type { Cloud, DB } from '../../_lib/db';
import * as repo from './repo';
import { deleteFiles } from './storage';

/** Exports handled per batch (one read, one deleteFile call, one remove). */
const BATCH = 50;
/** Batches per run at most (a run stays well inside the 60 s timeout; the next day takes the rest). */
const MAX_BATCHES = 20;

/** What a cleanup run did. */
export interface CleanupResult {
  /** Exports made before this instant were due. */
  before: string;
  removed: number;
  /** Files that could not be deleted (kept for the next run). */
  failed: number;
}

/**
 * The `cleanup` timer (daily): deletes the exports older than
 * LEDGER_EXPORT_KEEP_DAYS days — the file in cloud storage, then its record
 * in `exports`. A file already missing counts as deleted; a file that failed
 * keeps its record, so the next run tries again.
 */
export async function cleanupExports(cloud: Cloud, db: DB, now: Date): Promise<CleanupResult> {
  const before = new Date(now.getTime() - LEDGER_EXPORT_KEEP_DAYS * 24 * 3600 * 1000);
  let removed = 0;
  let failed = 0;
  for (let i = 0; i < MAX_BATCHES; i += 1) {
    const batch = await repo.oldExports(db, before, BATCH);
    if (batch.length === 0) break;
    const withFile = batch.filter((d) => typeof d.fileID === 'string' && d.fileID !== '');
    const gone = await deleteFiles(
      cloud,
      withFile.map((d) => String(d.fileID)),
    );
    const done = batch.filter((d) => typeof d.fileID !== 'string' || d.fileID === '' || gone.has(d.fileID));
    removed += await repo.removeExports(
      db,
      done.map((d) => d._id),
    );
    failed += batch.length - done.length;
    if (done.length === 0 || batch.length < BATCH) break;
  }
  const result = { before: before.toISOString(), removed, failed };
  console.log(JSON.stringify({ level: 'info', event: 'ledger-cleanup', ...result }));
  return result;
}
