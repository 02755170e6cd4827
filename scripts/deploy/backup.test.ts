import fs from 'fs';
import os from 'os';
import path from 'path';
import { backupCollections, restoreCollections, type BackupManager } from './backup';

/** A fake of manager-node's migration jobs: each job is pending once, then done. */
function fakeJobs(opts: { failImport?: boolean } = {}) {
  const calls: string[] = [];
  const jobs = new Map<number, { polls: number; collection: string; kind: 'export' | 'import' }>();
  let next = 1;
  const m: BackupManager = {
    database: {
      async export(collection, file) {
        calls.push(`export ${collection} ${file.ObjectKey}`);
        jobs.set(next, { polls: 0, collection, kind: 'export' });
        return { JobId: next++ };
      },
      async import(collection, file, options) {
        calls.push(`import ${collection} ${path.basename(file.FilePath)} ${JSON.stringify(options)}`);
        jobs.set(next, { polls: 0, collection, kind: 'import' });
        return { JobId: next++ };
      },
      async migrateStatus(jobId) {
        const job = jobs.get(jobId)!;
        job.polls++;
        if (job.polls < 2) return { Status: 'waiting' };
        if (job.kind === 'import' && opts.failImport)
          return { Status: 'success', RecordSuccess: 1, RecordFail: 2 };
        return { Status: 'success', RecordSuccess: 3, FileUrl: `https://cos.example/${job.collection}.json` };
      },
    },
  };
  return { m, calls };
}
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'sgz-backup-'));
const now = new Date('2026-12-02T03:04:05.678Z');

describe('backup and restore (fake manager: no network)', () => {
  it('exports every collection, waits for each job and writes one file each plus backup.json', async () => {
    const { m, calls } = fakeJobs();
    const dir = path.join(tmp(), 'b');
    const out = await backupCollections(m, ['stations', 'users'], dir, now, {
      intervalMs: 0,
      download: async (url) => Buffer.from(`{"from":"${url}"}\n`),
    });
    expect(out).toEqual({ stations: 3, users: 3 });
    expect(calls).toEqual([
      'export stations backups/2026-12-02T03-04-05-678Z/stations.json',
      'export users backups/2026-12-02T03-04-05-678Z/users.json',
    ]);
    expect(fs.readFileSync(path.join(dir, 'users.json'), 'utf8')).toBe(
      '{"from":"https://cos.example/users.json"}\n',
    );
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'backup.json'), 'utf8'))).toEqual({
      at: now.toISOString(),
      collections: out,
    });
  });

  it('restores the files of a folder with upsert, and refuses a file that is not a collection of the code', async () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'stations.json'), '{}\n');
    fs.writeFileSync(path.join(dir, 'backup.json'), '{}');
    const { m, calls } = fakeJobs();
    expect(await restoreCollections(m, ['stations', 'users'], dir, { intervalMs: 0 })).toEqual({
      stations: 3,
    });
    expect(calls).toEqual([
      'import stations stations.json {"ObjectKeyPrefix":"tmp/sgz-restore/","FileType":"json","ConflictMode":"upsert","StopOnError":true}',
    ]);
    fs.writeFileSync(path.join(dir, 'secrets.json'), '{}\n');
    await expect(restoreCollections(m, ['stations'], dir, { intervalMs: 0 })).rejects.toThrow(
      'not collections of the code: secrets',
    );
  });

  it('fails when an import reports failed records, or a job never ends', async () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'stations.json'), '{}\n');
    await expect(
      restoreCollections(fakeJobs({ failImport: true }).m, ['stations'], dir, { intervalMs: 0 }),
    ).rejects.toThrow('restore of stations: 2 records failed');
    await expect(
      backupCollections(fakeJobs().m, ['stations'], path.join(dir, 'x'), now, { intervalMs: 0, maxPolls: 1 }),
    ).rejects.toThrow('did not finish in time');
  });
});
