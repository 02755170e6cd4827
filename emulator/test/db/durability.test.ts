/**
 * Durability: a child process inserts a burst, is killed with SIGKILL mid-burst,
 * and every id it had acknowledged must be in the reopened database.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDatabase } from '../../src/db';

const ROOT = join(__dirname, '../../..');

test.each(['full', 'normal'])(
  'synchronous=%s: every acknowledged insert survives kill -9 and the store reopens cleanly',
  async (mode) => {
    const dir = mkdtempSync(join(tmpdir(), 'sgz-db-durability-'));
    try {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', join(__dirname, 'fixtures/burst-writer.ts'), dir, mode],
        {
          cwd: ROOT,
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      const acked: string[] = [];
      let buf = '';
      let stderr = '';
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      const exited = new Promise<NodeJS.Signals | null>((resolve) =>
        child.on('exit', (_code, signal) => resolve(signal)),
      );
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`writer did not get going: ${stderr}`)), 30_000);
        child.stdout.on('data', (c: Buffer) => {
          buf += c.toString();
          const lines = buf.split('\n');
          buf = lines.pop() ?? '';
          for (const l of lines) if (l.startsWith('id')) acked.push(l);
          // Kill mid-burst, after a few hundred acknowledged writes.
          if (acked.length >= 300 && !child.killed) {
            clearTimeout(timer);
            child.kill('SIGKILL');
            resolve();
          }
        });
      });
      expect(await exited).toBe('SIGKILL');
      const db = createDatabase({ dataDir: dir, indexes: { burst: ['n'] } });
      try {
        const total = (
          db.handle('database.calculateDocument', { collectionName: 'burst', queryType: 'WHERE' }, 'r') as {
            data: { total: number };
          }
        ).data.total;
        expect(total).toBeGreaterThanOrEqual(acked.length);
        for (const id of acked) {
          const r = db.handle(
            'database.getDocument',
            { collectionName: 'burst', queryType: 'DOC', query: JSON.stringify({ _id: id }), multi: false },
            'r',
          ) as {
            data: { list: string[] };
          };
          expect(r.data.list).toHaveLength(1);
        }
        // The reopened store takes writes again.
        const ins = db.handle(
          'database.insertDocument',
          { collectionName: 'burst', data: ['{"_id":"after"}'] },
          'r',
        ) as Record<string, unknown>;
        expect(ins.code).toBeUndefined();
      } finally {
        db.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
  60_000,
);
