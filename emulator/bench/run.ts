/**
 * Database benchmark: `npm run bench:emulator` (tsx emulator/bench/run.ts).
 *
 * Drives the database module's handle() directly with the request bodies
 * wx-server-sdk 4.0.2 sends (EJSON strings built the same way), so the figures
 * measure the emulator's database, not HTTP or the SDK. Writes
 * emulator/bench/results.md and results.json.
 *
 * Options (env): BENCH_SIZES=10000,300000 (default), BENCH_DIR=<tmp folder>.
 *
 * Sections: the database module (above) and the service-user files of
 * issue 9 (./files.ts: the real function at 26 units × 50,000 persons).
 * `--only dashboard` runs issue 13's district-scale dashboard section (./dashboard.ts).
 * `--only files` runs that section alone and replaces it in results.md and
 * results.json, leaving the other figures as they were; `--only visits` and
 * `--only ledger` (./ledger.ts: a year's 台账 of the busiest station) likewise.
 */
import { EJSON } from 'bson';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createDatabase, type Database, loadIndexConfig } from '../src/db';
import { FILES_END, FILES_START, filesMarkdown, runFilesBench, type FilesBenchResult } from './files';
import { DASHBOARD_END, DASHBOARD_START, dashboardMarkdown, runDashboardBench } from './dashboard';
import { VISITS_END, VISITS_START, runVisitsBench, visitsMarkdown } from './visits';
import { LEDGER_END, LEDGER_START, ledgerMarkdown, runLedgerBench } from './ledger';

type Body = Record<string, unknown>;

interface OpResult {
  op: string;
  size: number;
  n: number;
  opsPerSec: number;
  p50ms: number;
  p95ms: number;
  note: string;
}

interface SizeResult {
  size: number;
  loadSeconds: number;
  loadDocsPerSec: number;
  dbFileMB: number;
  rssAfterLoadMB: number;
  peakRssMB: number;
  ops: OpResult[];
}

const ejson = (v: unknown): string => EJSON.stringify(v, { relaxed: false });
const STATUSES = ['pending', 'accepted', 'done', 'cancelled'];
const LOREM = '社工站为辖区居民提供政策咨询、心理疏导、邻里互助与困难帮扶等服务。'.repeat(12);
let peakRss = 0;
const sampleRss = (): number => {
  const r = process.memoryUsage().rss;
  if (r > peakRss) peakRss = r;
  return r;
};
const mb = (b: number): number => Math.round((b / 1024 / 1024) * 10) / 10;

/** A ~1 KB request document (as EJSON text it is about 1 KB). */
function makeDoc(i: number, size: number): Body {
  const stations = Math.max(10, Math.floor(size / 300));
  return {
    _id: `req${String(i).padStart(8, '0')}`,
    stationId: `st${i % stations}`,
    ownerId: `o${Math.floor(i / 10)}`, // ten requests per resident
    status: STATUSES[Math.floor(i / 7) % STATUSES.length], // independent of stationId (i % stations)
    category: ['policy', 'care', 'help', 'other'][i % 4],
    title: `求助 #${i}`,
    description: LOREM.slice(0, 230 + (i % 40)), // ~1 KB of UTF-8 per document
    amount: i % 1000,
    createdAt: new Date(Date.UTC(2025, 0, 1) + i * 60_000),
    tags: ['a', 'b', 'c'].slice(0, 1 + (i % 3)),
    location: { type: 'Point', coordinates: [117.6 + (i % 100) / 1000, 39.0 + (i % 77) / 1000] },
  };
}

function call(db: Database, action: string, body: Body): Body {
  const res = db.handle(`database.${action}`, body, 'bench') as Body;
  if (res.code) throw new Error(`${action} failed: ${String(res.code)} ${String(res.message)}`);
  return res;
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Times `n` runs of `fn` (after `warm` untimed runs). */
function measure(
  op: string,
  size: number,
  n: number,
  fn: (k: number) => void,
  note: string,
  warm = 3,
): OpResult {
  for (let k = 0; k < warm; k++) fn(-1 - k);
  const times: number[] = [];
  const t0 = performance.now();
  for (let k = 0; k < n; k++) {
    const s = performance.now();
    fn(k);
    times.push(performance.now() - s);
    if (k % 50 === 0) sampleRss();
  }
  const total = performance.now() - t0;
  times.sort((a, b) => a - b);
  const r = (x: number): number => Math.round(x * 1000) / 1000;
  return {
    op,
    size,
    n,
    opsPerSec: Math.round((n / total) * 1000 * 10) / 10,
    p50ms: r(percentile(times, 50)),
    p95ms: r(percentile(times, 95)),
    note,
  };
}

function benchSize(size: number, baseDir: string, indexes: Record<string, string[]>): SizeResult {
  const dir = mkdtempSync(join(baseDir, `n${size}-`));
  const db = createDatabase({ dataDir: dir, indexes });
  const coll = 'requests';
  const ops: OpResult[] = [];

  // Single inserts first (fresh collection), the way collection.add({data}) sends them.
  const SINGLE = Math.min(3000, Math.floor(size / 2));
  ops.push(
    measure(
      'insert (single doc)',
      size,
      SINGLE,
      (k) => {
        // Warm-up documents get their own ids, outside the measured id range.
        const doc = k < 0 ? { ...makeDoc(0, size), _id: `warm${-k}` } : makeDoc(k, size);
        call(db, 'insertDocument', { collectionName: coll, data: [ejson(doc)] });
      },
      'collection.add({data}) — one SQLite transaction per call (default synchronous=NORMAL)',
    ),
  );

  // Bulk-load the rest with batch inserts (collection.add({data:[…]})), 500 per call.
  const t0 = performance.now();
  const BATCH = 500;
  for (let i = SINGLE; i < size; i += BATCH) {
    const data: string[] = [];
    for (let j = i; j < Math.min(size, i + BATCH); j++) data.push(ejson(makeDoc(j, size)));
    call(db, 'insertDocument', { collectionName: coll, data });
    if ((i / BATCH) % 20 === 0) sampleRss();
  }
  const loadSeconds = (performance.now() - t0) / 1000;
  const rssAfterLoad = sampleRss();
  const total = (
    call(db, 'calculateDocument', { collectionName: coll, queryType: 'WHERE' }).data as { total: number }
  ).total;
  if (total < size) throw new Error(`expected ≥${size} documents, found ${total}`);
  // The same single inserts with synchronous=FULL (an fsync per commit), for comparison.
  if (size === Number((process.env.BENCH_SIZES ?? '10000').split(',')[0])) {
    const ndir = mkdtempSync(join(baseDir, `full-`));
    const ndb = createDatabase({ dataDir: ndir, indexes, synchronous: 'full' });
    ops.push(
      measure(
        'insert (single doc, synchronous=FULL)',
        size,
        SINGLE,
        (k) =>
          call(ndb, 'insertDocument', {
            collectionName: coll,
            data: [ejson(k < 0 ? { ...makeDoc(0, size), _id: `warm${-k}` } : makeDoc(k, size))],
          }),
        'comparison only: fsync per commit; the default is NORMAL',
      ),
    );
    ndb.close();
    rmSync(ndir, { recursive: true, force: true });
  }
  const residents = Math.floor(size / 10);
  const stations = Math.max(10, Math.floor(size / 300));

  ops.push(
    measure(
      'indexed get (ownerId, ~10 hits)',
      size,
      2000,
      (k) => {
        const o = `o${Math.abs(k * 7919) % residents}`;
        const res = call(db, 'getDocument', {
          collectionName: coll,
          queryType: 'WHERE',
          query: ejson({ ownerId: o }),
          limit: 100,
        });
        if ((res.data as { list: string[] }).list.length === 0) throw new Error('indexed get found nothing');
      },
      'where({ownerId}).get(): limit 100 as the SDK sends',
    ),
  );
  ops.push(
    measure(
      'indexed get (stationId, 20 of ~300)',
      size,
      1000,
      (k) => {
        call(db, 'getDocument', {
          collectionName: coll,
          queryType: 'WHERE',
          query: ejson({ stationId: `st${Math.abs(k * 31) % stations}`, status: 'pending' }),
          limit: 20,
        });
      },
      'where({stationId, status}).limit(20).get()',
    ),
  );
  ops.push(
    measure(
      'doc(id).get()',
      size,
      2000,
      (k) => {
        call(db, 'getDocument', {
          collectionName: coll,
          queryType: 'DOC',
          query: ejson({ _id: `req${String(Math.abs(k * 7919) % size).padStart(8, '0')}` }),
          multi: false,
        });
      },
      'primary key',
    ),
  );
  ops.push(
    measure(
      'count (indexed equality)',
      size,
      200,
      (k) => {
        call(db, 'calculateDocument', {
          collectionName: coll,
          queryType: 'WHERE',
          query: ejson({ status: STATUSES[Math.abs(k) % 4] }),
        });
      },
      `where({status}).count(): ~${Math.round(size / 4)} matches, counted in the index`,
    ),
  );
  ops.push(
    measure(
      'count (whole collection)',
      size,
      200,
      () => {
        call(db, 'calculateDocument', { collectionName: coll, queryType: 'WHERE' });
      },
      'collection.count()',
    ),
  );
  ops.push(
    measure(
      'count (unindexed, full scan)',
      size,
      size > 50_000 ? 2 : 10,
      () => {
        call(db, 'calculateDocument', {
          collectionName: coll,
          queryType: 'WHERE',
          query: ejson({ amount: { $gte: 500 } }),
        });
      },
      'where({amount: _.gte(500)}).count(): every document parsed',
      size > 50_000 ? 0 : 1,
    ),
  );
  const groupStages = (match: Body | null): Body[] => [
    ...(match ? [{ stageKey: '$match', stageValue: ejson(match) }] : []),
    { stageKey: '$group', stageValue: ejson({ _id: '$status', n: { $sum: 1 }, total: { $sum: '$amount' } }) },
  ];
  ops.push(
    measure(
      '$group aggregate (indexed $match first)',
      size,
      300,
      (k) => {
        call(db, 'aggregateDocuments', {
          collectionName: coll,
          stages: groupStages({ stationId: `st${Math.abs(k * 13) % stations}` }),
        });
      },
      'aggregate().match({stationId}).group({_id:"$status", n:$.sum(1), total:$.sum("$amount")})',
    ),
  );
  ops.push(
    measure(
      '$group aggregate (whole collection)',
      size,
      size > 50_000 ? 2 : 10,
      () => {
        call(db, 'aggregateDocuments', { collectionName: coll, stages: groupStages(null) });
      },
      'aggregate().group(…) over every document (streamed from SQLite)',
      size > 50_000 ? 0 : 1,
    ),
  );
  // A transfer-like transaction: start, read two docs, update both, commit (what runTransaction sends).
  const txTimes: number[] = [];
  ops.push(
    measure(
      'transaction (start, 2 get, 2 update, commit)',
      size,
      1000,
      (k) => {
        const a = `req${String(Math.abs(k * 7919) % size).padStart(8, '0')}`;
        const b = `req${String(Math.abs(k * 104729 + 1) % size).padStart(8, '0')}`;
        const tid = call(db, 'startTransaction', {}).transactionId as string;
        for (const id of [a, b])
          call(db, 'getDocument', {
            collectionName: coll,
            queryType: 'DOC',
            query: ejson({ _id: id }),
            multi: false,
            transactionId: tid,
          });
        for (const id of [a, b]) {
          call(db, 'modifyDocument', {
            collectionName: coll,
            queryType: 'DOC',
            query: ejson({ _id: id }),
            data: ejson({ $inc: { amount: 1 } }),
            multi: false,
            merge: true,
            upsert: false,
            transactionId: tid,
          });
        }
        const s = performance.now();
        call(db, 'commitTransaction', { transactionId: tid });
        if (k >= 0) txTimes.push(performance.now() - s);
      },
      'ops/s = whole transactions; p50/p95 of the whole transaction (5 calls)',
    ),
  );
  txTimes.sort((x, y) => x - y);
  ops.push({
    op: 'transaction commit only',
    size,
    n: txTimes.length,
    opsPerSec: Math.round((txTimes.length / txTimes.reduce((x, y) => x + y, 0)) * 1000 * 10) / 10,
    p50ms: Math.round(percentile(txTimes, 50) * 1000) / 1000,
    p95ms: Math.round(percentile(txTimes, 95) * 1000) / 1000,
    note: 'commitTransaction alone: conflict check + one atomic SQLite write',
  });
  let dbFile = 0;
  for (const f of ['db.sqlite', 'db.sqlite-wal']) {
    try {
      dbFile += statSync(join(dir, f)).size;
    } catch {
      /* no WAL file */
    }
  }
  const res: SizeResult = {
    size,
    loadSeconds: Math.round(loadSeconds * 10) / 10,
    loadDocsPerSec: Math.round((size - SINGLE) / loadSeconds),
    dbFileMB: mb(dbFile),
    rssAfterLoadMB: mb(rssAfterLoad),
    peakRssMB: mb(peakRss),
    ops,
  };
  db.close();
  rmSync(dir, { recursive: true, force: true });
  return res;
}

function toMarkdown(results: SizeResult[], meta: Record<string, string>): string {
  const lines: string[] = [];
  lines.push('# Emulator database benchmark', '');
  lines.push(
    'Produced by `npm run bench:emulator` (`emulator/bench/run.ts`). The figures measure the **database module alone**: the benchmark calls',
    '`handle()` directly with the same request bodies wx-server-sdk 4.0.2 sends (EJSON strings), so HTTP, the SDK and its request signing are',
    'not included (the real SDK over loopback HTTP adds roughly 1–2 ms per call). Storage is a file in a temp folder, WAL mode with the',
    'default `synchronous=NORMAL` (acknowledged writes survive kill -9; one comparison row uses FULL). Documents are about 1 KB of UTF-8 JSON.',
    '',
  );
  for (const [k, v] of Object.entries(meta)) lines.push(`- ${k}: ${v}`);
  lines.push('');
  for (const r of results) {
    lines.push(`## ${r.size.toLocaleString('en-US')} documents`, '');
    lines.push(
      `Bulk load (batch insert, 500 per call): ${r.loadSeconds} s, ${r.loadDocsPerSec.toLocaleString('en-US')} docs/s. ` +
        `RSS after load: ${r.rssAfterLoadMB} MB; peak process RSS so far: ${r.peakRssMB} MB. SQLite file + WAL: ${r.dbFileMB} MB.`,
      '',
    );
    lines.push('| operation | runs | ops/s | p50 ms | p95 ms | note |', '|---|---:|---:|---:|---:|---|');
    for (const o of r.ops)
      lines.push(`| ${o.op} | ${o.n} | ${o.opsPerSec} | ${o.p50ms} | ${o.p95ms} | ${o.note} |`);
    lines.push('');
  }
  const big = results[results.length - 1];
  const get = big.ops.find((o) => o.op.startsWith('indexed get (ownerId'));
  const ins = results[0].ops.find((o) => o.op.startsWith('insert'));
  lines.push('## Targets', '');
  lines.push(
    `- indexed get p95 ≤ 5 ms at ${big.size.toLocaleString('en-US')}: **${get?.p95ms} ms** ${get && get.p95ms <= 5 ? '✔' : '✘'}`,
  );
  lines.push(
    `- ≥ 1000 inserts/s (single-document calls): **${ins?.opsPerSec}/s** ${ins && ins.opsPerSec >= 1000 ? '✔' : '✘'}`,
  );
  lines.push(
    `- RSS ≤ 1 GB at ${big.size.toLocaleString('en-US')}: **peak ${big.peakRssMB} MB** ${big.peakRssMB <= 1024 ? '✔' : '✘'}`,
  );
  lines.push('');
  return lines.join('\n');
}

/** Machine and load, for a section's header. */
function metaOf(started: number, loadStart: string): Record<string, string> {
  return {
    date: new Date().toISOString(),
    machine: `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`,
    'total run time': `${Math.round((Date.now() - started) / 1000)} s`,
    'load average (1 min) at start / end': `${loadStart} / ${loadavg()[0].toFixed(2)} (other work on the machine inflates latencies, fsync above all)`,
  };
}

const RESULTS_MD = join(__dirname, 'results.md');
const RESULTS_JSON = join(__dirname, 'results.json');

/** results.md with the files section replaced (or appended). */
function spliceFiles(markdown: string, section: string): string {
  const a = markdown.indexOf(FILES_START);
  const b = markdown.indexOf(FILES_END);
  if (a >= 0 && b > a)
    return markdown.slice(0, a) + section + markdown.slice(b + FILES_END.length).replace(/^\n+/, '');
  return `${markdown.replace(/\n*$/, '\n\n')}${section}`;
}

async function runFilesSection(): Promise<{ result: FilesBenchResult; markdown: string }> {
  const started = Date.now();
  const loadStart = loadavg()[0].toFixed(2);
  process.stdout.write('bench: service-user files…\n');
  const result = await runFilesBench((line) => process.stdout.write(`${line}\n`));
  return { result, markdown: filesMarkdown(result, metaOf(started, loadStart)) };
}

/** A section run on its own (`--only <name>`): its title, runner and markers in results.md. */
interface Section {
  title: string;
  start: string;
  end: string;
  run: (log: (line: string) => void) => Promise<unknown>;
  markdown: (result: never, meta: Record<string, string>) => string;
}

const SECTIONS: Record<string, Section> = {
  visits: {
    title: 'home visits',
    start: VISITS_START,
    end: VISITS_END,
    run: runVisitsBench,
    markdown: visitsMarkdown as Section['markdown'],
  },
  ledger: {
    title: '台账 export',
    start: LEDGER_START,
    end: LEDGER_END,
    run: runLedgerBench,
    markdown: ledgerMarkdown as Section['markdown'],
  },
  dashboard: {
    title: 'station dashboard and district overview at district scale',
    start: DASHBOARD_START,
    end: DASHBOARD_END,
    run: runDashboardBench,
    markdown: dashboardMarkdown as Section['markdown'],
  },
};

/** Runs one section and splices its markdown (between its markers) and JSON into the results files. */
async function runSection(name: string, section: Section): Promise<void> {
  const started = Date.now();
  const loadStart = loadavg()[0].toFixed(2);
  process.stdout.write(`bench: ${section.title}…\n`);
  const result = await section.run((line) => process.stdout.write(`${line}\n`));
  const markdown = section.markdown(result as never, metaOf(started, loadStart));
  const before = existsSync(RESULTS_MD) ? readFileSync(RESULTS_MD, 'utf8') : '';
  const a = before.indexOf(section.start);
  const b = before.indexOf(section.end);
  writeFileSync(
    RESULTS_MD,
    a >= 0 && b > a
      ? before.slice(0, a) + markdown + before.slice(b + section.end.length).replace(/^\n+/, '')
      : `${before.replace(/\n*$/, '\n\n')}${markdown}`,
  );
  const json = existsSync(RESULTS_JSON)
    ? (JSON.parse(readFileSync(RESULTS_JSON, 'utf8')) as Record<string, unknown>)
    : {};
  writeFileSync(RESULTS_JSON, JSON.stringify({ ...json, [name]: result }, null, 2) + '\n');
  process.stdout.write(`${JSON.stringify(result)}\nwrote the ${name} section of emulator/bench/results.md\n`);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
  const known = ['files', ...Object.keys(SECTIONS)];
  if (only !== undefined && !known.includes(only))
    throw new Error(`unknown section ${only} (known: ${known.join(', ')})`);
  if (only !== undefined && only in SECTIONS) return runSection(only, SECTIONS[only]);
  if (only === 'files') {
    const { result, markdown } = await runFilesSection();
    const before = existsSync(RESULTS_MD) ? readFileSync(RESULTS_MD, 'utf8') : '';
    writeFileSync(RESULTS_MD, spliceFiles(before, markdown));
    const json = existsSync(RESULTS_JSON)
      ? (JSON.parse(readFileSync(RESULTS_JSON, 'utf8')) as Record<string, unknown>)
      : {};
    writeFileSync(RESULTS_JSON, JSON.stringify({ ...json, files: result }, null, 2) + '\n');
    process.stdout.write('wrote the files section of emulator/bench/results.md\n');
    return;
  }
  const sizes = (process.env.BENCH_SIZES ?? '10000,300000').split(',').map((s) => Number(s.trim()));
  const base = process.env.BENCH_DIR ?? mkdtempSync(join(tmpdir(), 'sgz-bench-'));
  const indexes = loadIndexConfig();
  const started = Date.now();
  const loadStart = loadavg()[0].toFixed(2);
  const results: SizeResult[] = [];
  for (const size of sizes) {
    process.stdout.write(`bench: ${size} documents…\n`);
    const r = benchSize(size, base, indexes);
    results.push(r);
    for (const o of r.ops)
      process.stdout.write(`  ${o.op}: ${o.opsPerSec} ops/s, p50 ${o.p50ms} ms, p95 ${o.p95ms} ms\n`);
    process.stdout.write(
      `  load ${r.loadSeconds} s, RSS after load ${r.rssAfterLoadMB} MB, peak ${r.peakRssMB} MB\n`,
    );
  }
  const meta = metaOf(started, loadStart);
  if (!process.env.BENCH_DIR) rmSync(base, { recursive: true, force: true });
  const files = await runFilesSection();
  writeFileSync(RESULTS_JSON, JSON.stringify({ meta, results, files: files.result }, null, 2) + '\n');
  writeFileSync(RESULTS_MD, spliceFiles(toMarkdown(results, meta), files.markdown));
  process.stdout.write(`wrote emulator/bench/results.md (${metaOf(started, loadStart)['total run time']})\n`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
