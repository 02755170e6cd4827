/**
 * Database backup and restore through the same tooling as the deploy
 * (`@cloudbase/manager-node`'s `database.export` / `database.import`, the
 * CloudBase "数据库迁移" jobs), one JSON-lines file per collection.
 *
 * - backup: an export job per collection into the environment's storage
 *   (`backups/<stamp>/<collection>.json`), polled until done, then the file is
 *   downloaded into the chosen folder.
 * - restore: each `<collection>.json` of the folder is uploaded and imported
 *   with `ConflictMode: upsert` (a document with the same `_id` is replaced;
 *   documents not in the file stay). Only collections of the code are touched.
 *
 * Not exercised against a real environment from this repository (no network
 * in CI): docs/deploy.md says what to check after each.
 */
import fs from 'fs';
import path from 'path';

/** The part of manager-node's database service used here. */
export interface BackupManager {
  database: {
    export(
      collection: string,
      file: { ObjectKey: string },
      options: Record<string, unknown>,
    ): Promise<{ JobId: number }>;
    import(
      collection: string,
      file: { FilePath: string },
      options: Record<string, unknown>,
    ): Promise<{ JobId: number }>;
    migrateStatus(jobId: number): Promise<{
      Status: string;
      RecordSuccess?: number;
      RecordFail?: number;
      ErrorMsg?: string;
      FileUrl?: string;
    }>;
  };
}

/** Waits for a migration job (every `intervalMs`, at most `maxPolls` times). */
async function waitJob(
  m: BackupManager,
  jobId: number,
  opts: { intervalMs: number; maxPolls: number },
): Promise<{ Status: string; RecordSuccess?: number; RecordFail?: number; FileUrl?: string }> {
  for (let i = 0; i < opts.maxPolls; i++) {
    const s = await m.database.migrateStatus(jobId);
    if (s.Status === 'success') return s;
    if (s.Status === 'fail') throw new Error(`job ${jobId} failed: ${s.ErrorMsg ?? 'no message'}`);
    await new Promise((r) => setTimeout(r, opts.intervalMs));
  }
  throw new Error(`job ${jobId} did not finish in time`);
}

/** A backup folder's name part for `now` (UTC, sortable). */
export const backupStamp = (now: Date): string => now.toISOString().replace(/[:.]/g, '-');

/** Exports every collection into `dir` (created); returns collection → records. */
export async function backupCollections(
  m: BackupManager,
  collections: readonly string[],
  dir: string,
  now: Date,
  opts: {
    intervalMs?: number;
    maxPolls?: number;
    download?: (url: string) => Promise<Buffer>;
    log?: (l: string) => void;
  } = {},
): Promise<Record<string, number>> {
  const poll = { intervalMs: opts.intervalMs ?? 2000, maxPolls: opts.maxPolls ?? 300 };
  const download =
    opts.download ??
    (async (url: string) => {
      const res = await fetch(url);
      if (!res.ok) throw new Error(`download ${res.status}`);
      return Buffer.from(await res.arrayBuffer());
    });
  fs.mkdirSync(dir, { recursive: true });
  const out: Record<string, number> = {};
  for (const c of collections) {
    const { JobId } = await m.database.export(c, { ObjectKey: `backups/${backupStamp(now)}/${c}.json` }, {});
    const done = await waitJob(m, JobId, poll);
    if (!done.FileUrl) throw new Error(`export of ${c}: no file url`);
    fs.writeFileSync(path.join(dir, `${c}.json`), await download(done.FileUrl));
    out[c] = done.RecordSuccess ?? 0;
    opts.log?.(`  backup  ${c}: ${out[c]} records`);
  }
  fs.writeFileSync(
    path.join(dir, 'backup.json'),
    JSON.stringify({ at: now.toISOString(), collections: out }, null, 2) + '\n',
  );
  return out;
}

/** Imports `<collection>.json` files of `dir` (collections of the code only); returns collection → records. */
export async function restoreCollections(
  m: BackupManager,
  collections: readonly string[],
  dir: string,
  opts: { intervalMs?: number; maxPolls?: number; log?: (l: string) => void } = {},
): Promise<Record<string, number>> {
  const poll = { intervalMs: opts.intervalMs ?? 2000, maxPolls: opts.maxPolls ?? 300 };
  const known = new Set(collections);
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'backup.json');
  const unknown = files.map((f) => f.slice(0, -5)).filter((c) => !known.has(c));
  if (unknown.length) throw new Error(`${dir}: not collections of the code: ${unknown.join(', ')}`);
  const out: Record<string, number> = {};
  for (const f of files.sort()) {
    const c = f.slice(0, -5);
    const { JobId } = await m.database.import(
      c,
      { FilePath: path.join(dir, f) },
      { ObjectKeyPrefix: 'tmp/sgz-restore/', FileType: 'json', ConflictMode: 'upsert', StopOnError: true },
    );
    const done = await waitJob(m, JobId, poll);
    if (done.RecordFail) throw new Error(`restore of ${c}: ${done.RecordFail} records failed`);
    out[c] = done.RecordSuccess ?? 0;
    opts.log?.(`  restore ${c}: ${out[c]} records`);
  }
  return out;
}
