/**
 * Benchmark section of issue 9 (service-user files) at district scale:
 * 26 units, 50,000 persons. Unlike the database section, it runs the REAL
 * `files` cloud function on an in-process emulator (the SDK over loopback
 * HTTP) and wraps the database module's `handle()` to record every call a
 * function makes: so the figures include the SDK and the function, and the
 * call counts are the calls the shipped code makes, not a hand-written copy.
 *
 * `npm run bench:emulator -- --only files` (or `tsx emulator/bench/run.ts --only files`).
 * Options (env): BENCH_FILES_PERSONS (default 50000), BENCH_FILES_RUNS (default 40).
 */
import { EJSON } from 'bson';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildFunction } from '../../scripts/build-functions';
import { beijingDay } from '../../shared/src/calendar';
import { COLLECTIONS } from '../../shared/src/collections';
import { PRIVACY_NOTICE_VERSION } from '../../shared/src/domain/account';
import {
  LIVING_SITUATIONS,
  TARGET_CATEGORIES,
  buildPersonDoc,
  type NewPerson,
  type TargetCategory,
} from '../../shared/src/domain/person';
import { DEFAULT_VISIT_INTERVALS, type RiskTier } from '../../shared/src/domain/risk';
import { addDays } from '../../shared/src/domain/slot';
import { start } from '../src/server';

/** One scenario's figures. */
export interface FilesOp {
  op: string;
  runs: number;
  p50ms: number;
  p95ms: number;
  /** Calls on `persons` per answer (the list itself), by kind. */
  personsCalls: string;
  /** Every database call of one answer, by collection and kind (the pipeline's account read and audit entry included). */
  allCalls: string;
  /** Server time of the `persons` calls alone (inside the database module). */
  personsDbP50ms: number;
  personsDbP95ms: number;
  note: string;
}

/** The section's result. */
export interface FilesBenchResult {
  units: number;
  persons: number;
  seedSeconds: number;
  ops: FilesOp[];
  /** The query of each `persons` call of the two answers the issue names. */
  calls: { op: string; calls: string[] }[];
}

const UNITS = 26;
const WORKERS_PER_UNIT = 4;
const COMMUNITIES_PER_UNIT = 15;
const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗';
const GIVEN = ['秀英', '桂兰', '淑珍', '建国', '玉兰', '明', '凤英', '德胜', '丽', '志强'];

/** Deterministic PRNG (mulberry32): the same district every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const stationOf = (u: number): string => `st-bench-${String(u).padStart(2, '0')}`;
const communityOf = (u: number, c: number): string => `第${c + 1}社区${u}`;
const workerOf = (u: number, w: number): { openid: string; userId: string } => ({
  openid: `bench-worker-${u}-${w}`,
  userId: `u-bench-${u}-${w}`,
});
const pct = (sorted: number[], p: number): number =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : 0;
const r3 = (x: number): number => Math.round(x * 1000) / 1000;

/** One call of the function: who and what. */
interface Req {
  openid: string;
  event: Record<string, unknown>;
}

interface Call {
  action: string;
  collection: string;
  query: string;
  order: string;
  ms: number;
}

/** Runs the section; `log` prints progress. */
export async function runFilesBench(log: (line: string) => void): Promise<FilesBenchResult> {
  const total = Number(process.env.BENCH_FILES_PERSONS ?? 50_000);
  const runs = Number(process.env.BENCH_FILES_RUNS ?? 40);
  const dir = mkdtempSync(join(tmpdir(), 'sgz-bench-files-'));
  const functionsDir = resolve(__dirname, '../../cloudfunctions');
  await buildFunction('files');
  const em = await start({
    dataDir: dir,
    port: 0,
    functionsDir,
    functionEnv: { SGZ_ADMIN_OPENIDS: 'bench-admin' },
    log: () => undefined,
  });
  try {
    // --- seed: 26 units × ~1,923 persons, their workers, their 社区 lists
    const t0 = performance.now();
    const today = beijingDay(new Date());
    const rand = rng(9);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
    const now = new Date();
    const lines: string[] = [];
    for (let i = 0; i < total; i++) {
      const u = i % UNITS;
      const r = rand();
      const risk: RiskTier = r < 0.1 ? '高风险' : r < 0.4 ? '重点' : '一般';
      const cats = new Set<TargetCategory>();
      const nCats = 1 + Math.floor(rand() * 3);
      while (cats.size < nCats) cats.add(pick(TARGET_CATEGORIES));
      const p: NewPerson = {
        stationId: stationOf(u),
        householdId: null,
        relationship: null,
        community: communityOf(u, Math.floor(rand() * COMMUNITIES_PER_UNIT)),
        name: pick([...SURNAMES]) + pick(GIVEN),
        sex: rand() < 0.55 ? '女' : '男',
        birthDate: null,
        birthYear: 1930 + Math.floor(rand() * 80),
        phone: `139${String(10_000_000 + i).slice(-8)}`,
        idNumber: null,
        categories: [...cats],
        livingSituation: pick(LIVING_SITUATIONS),
        status: rand() < 0.9 ? '在册' : pick(['迁出', '去世', '结案'] as const),
        risk,
        assignedWorkerId: workerOf(u, Math.floor(rand() * WORKERS_PER_UNIT)).userId,
        notes: null,
        healthNotes: null,
        linkedUserId: null,
        lastVisitDay: addDays(today, -Math.floor(rand() * 120)),
        source: 'roster',
      };
      const doc = buildPersonDoc(p, {
        now,
        openedDay: addDays(today, -200),
        by: 'u-bench',
        intervals: DEFAULT_VISIT_INTERVALS,
      });
      lines.push(EJSON.stringify({ _id: `p-bench-${i}`, ...doc }, { relaxed: false }));
    }
    em.app.db.importCollection(COLLECTIONS.persons, lines.join('\n'));
    const users: string[] = [];
    for (let u = 0; u < UNITS; u++)
      for (let w = 0; w < WORKERS_PER_UNIT; w++) {
        const { openid, userId } = workerOf(u, w);
        users.push(
          EJSON.stringify(
            {
              _id: userId,
              openid,
              role: w === 0 ? 'station_head' : 'social_worker',
              stationId: stationOf(u),
              stationIds: [],
              active: true,
              privacyNotice: { version: PRIVACY_NOTICE_VERSION, acceptedAt: now },
            },
            { relaxed: false },
          ),
        );
      }
    em.app.db.importCollection(COLLECTIONS.users, users.join('\n'));
    em.app.db.importCollection(
      COLLECTIONS.communities,
      Array.from({ length: UNITS }, (_, u) =>
        JSON.stringify({
          _id: stationOf(u),
          stationId: stationOf(u),
          communities: Array.from({ length: COMMUNITIES_PER_UNIT }, (__, c) => communityOf(u, c)),
        }),
      ).join('\n'),
    );
    const seedSeconds = Math.round((performance.now() - t0) / 100) / 10;
    log(`  files: seeded ${total} persons in ${seedSeconds} s`);

    // --- record every database call the function makes
    const db = em.app.db;
    const original = db.handle.bind(db);
    let calls: Call[] = [];
    db.handle = (action, body, requestId) => {
      const s = performance.now();
      const out = original(action, body, requestId);
      const ms = performance.now() - s;
      calls.push({
        action: action.replace('database.', ''),
        collection: String(body.collectionName ?? ''),
        query: typeof body.query === 'string' ? body.query : '',
        order: typeof body.order === 'string' ? body.order : '',
        ms,
      });
      return out;
    };

    const ops: FilesOp[] = [];
    const examples: { op: string; calls: string[] }[] = [];
    const scenario = async (
      op: string,
      note: string,
      make: (k: number) => Promise<Req> | Req,
      keepCalls = false,
      n = runs,
    ): Promise<void> => {
      for (let k = 0; k < Math.min(3, n); k++) {
        const { openid, event } = await make(1000 + k);
        await em.app.invoke('files', event, { OPENID: openid });
      }
      const times: number[] = [];
      const dbTimes: number[] = [];
      let shape = '';
      let all = '';
      for (let k = 0; k < n; k++) {
        const { openid, event } = await make(k);
        calls = [];
        const s = performance.now();
        const res = (await em.app.invoke('files', event, { OPENID: openid })) as {
          ok: boolean;
          error?: unknown;
        };
        times.push(performance.now() - s);
        if (!res.ok) throw new Error(`${op}: ${JSON.stringify(res.error)}`);
        const persons = calls.filter((c) => c.collection === COLLECTIONS.persons);
        dbTimes.push(persons.reduce((a, c) => a + c.ms, 0));
        const count = (cs: Call[], key: (c: Call) => string): string => {
          const m = new Map<string, number>();
          for (const c of cs) m.set(key(c), (m.get(key(c)) ?? 0) + 1);
          return [...m].map(([kind, n]) => `${n} × ${kind}`).join(', ');
        };
        shape = `${persons.length} (${count(persons, (c) => c.action)})`;
        all = `${calls.length}: ${count(calls, (c) => `${c.collection}.${c.action}`)}`;
        if (keepCalls && k === 0)
          examples.push({
            op,
            calls: persons.map((c) => `${c.action} where ${c.query}${c.order ? ` order ${c.order}` : ''}`),
          });
      }
      times.sort((a, b) => a - b);
      dbTimes.sort((a, b) => a - b);
      const res: FilesOp = {
        op,
        runs: n,
        p50ms: r3(pct(times, 50)),
        p95ms: r3(pct(times, 95)),
        personsCalls: shape,
        allCalls: all,
        personsDbP50ms: r3(pct(dbTimes, 50)),
        personsDbP95ms: r3(pct(dbTimes, 95)),
        note,
      };
      ops.push(res);
      log(`  files: ${op}: p50 ${res.p50ms} ms, p95 ${res.p95ms} ms, persons calls ${res.personsCalls}`);
    };
    const worker = (k: number) => workerOf(k % UNITS, 1 + (k % (WORKERS_PER_UNIT - 1)));

    await scenario(
      'listDue, one bucket (已逾期)',
      'the worker pages one bucket: ONE page query + ONE count()',
      (k) => ({ openid: worker(k).openid, event: { action: 'listDue', bucket: 'overdue' } }),
      true,
    );
    await scenario(
      'listDue, all three buckets',
      'the worker’s home: 已逾期 / 今日待访 / 本周待访, two calls per bucket, run in parallel',
      (k) => ({ openid: worker(k).openid, event: { action: 'listDue' } }),
    );
    await scenario(
      'listDue, mine, all three buckets',
      'only the caller’s assigned files (assignedWorkerId narrows first)',
      (k) => ({ openid: worker(k).openid, event: { action: 'listDue', mine: true } }),
    );
    await scenario('countDue (badge on 我的)', 'three count() calls, no person read', (k) => ({
      openid: worker(k).openid,
      event: { action: 'countDue' },
    }));
    await scenario(
      'listPersons, filtered (社区 + 风险 + 类别)',
      'the station list with filters: ONE page query + ONE count()',
      (k) => ({
        openid: worker(k).openid,
        event: {
          action: 'listPersons',
          stationId: stationOf(k % UNITS),
          community: communityOf(k % UNITS, k % COMMUNITIES_PER_UNIT),
          risk: '一般',
          category: pick(['独居', '空巢', '高龄'] as const),
        },
      }),
      true,
    );
    await scenario(
      'listPersons, overdue and 高风险',
      'due filter (range on nextDueDay) with a risk tier',
      (k) => ({
        openid: worker(k).openid,
        event: { action: 'listPersons', stationId: stationOf(k % UNITS), due: 'overdue', risk: '高风险' },
      }),
    );
    await scenario('listPersons, name prefix', 'name: /^王/ inside the station', (k) => ({
      openid: worker(k).openid,
      event: { action: 'listPersons', stationId: stationOf(k % UNITS), q: SURNAMES[k % SURNAMES.length] },
    }));
    await scenario(
      'listPersons, page 5 by cursor',
      'cursor paging: page 5 costs what page 1 does (no skip); the 4 pages before are not timed',
      async (k) => {
        const { openid } = worker(k);
        const base = { action: 'listPersons', stationId: stationOf(k % UNITS), limit: 20 };
        let cursor: string | null = null;
        for (let p = 0; p < 4; p++) {
          const res = (await em.app.invoke('files', { ...base, cursor }, { OPENID: openid })) as {
            data: { nextCursor: string | null };
          };
          cursor = res.data.nextCursor;
        }
        return { openid, event: { ...base, cursor } };
      },
    );
    await scenario(
      'getPerson (one whole file)',
      'the file + household + consents + requests, in parallel; audited',
      (k) => ({
        openid: worker(k).openid,
        event: {
          action: 'getPerson',
          personId: `p-bench-${UNITS * ((k * 7919) % Math.floor(total / UNITS)) + (k % UNITS)}`,
        },
      }),
    );
    await scenario(
      `countFiles, district (${total.toLocaleString('en-US')} persons)`,
      'ONE aggregate: group by (station, risk), category flags summed (fewer runs: it reads every file)',
      () => ({ openid: 'bench-admin', event: { action: 'countFiles' } }),
      false,
      Math.min(runs, 8),
    );
    await scenario('countFiles, one station', 'ONE aggregate after the indexed station match', (k) => ({
      openid: workerOf(k % UNITS, 0).openid,
      event: { action: 'countFiles', stationId: stationOf(k % UNITS) },
    }));
    db.handle = original;
    return { units: UNITS, persons: total, seedSeconds, ops, calls: examples };
  } finally {
    await em.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The section as markdown (spliced into results.md between its markers). */
export function filesMarkdown(r: FilesBenchResult, meta: Record<string, string>): string {
  const lines: string[] = [];
  lines.push(
    FILES_START,
    `## Service-user files (issue 9): ${r.units} units, ${r.persons.toLocaleString('en-US')} persons`,
    '',
  );
  lines.push(
    'Produced by `npm run bench:emulator -- --only files` (`emulator/bench/files.ts`). Unlike the sections above, this runs the **real `files`',
    'cloud function** on an in-process emulator (SQLite file, the indexes of `emulator/indexes.json`) through wx-server-sdk over loopback',
    'HTTP, and counts every database call the function makes by wrapping the database module. Times are end to end (function worker,',
    'SDK, HTTP, database); "persons DB" is the server time of the calls on `persons` alone. Each answer also reads the caller’s account',
    '(`users`, once per call) and, for personal reads, appends one `audit_log` entry.',
    '',
  );
  for (const [k, v] of Object.entries(meta)) lines.push(`- ${k}: ${v}`);
  lines.push(
    `- seed: ${r.persons.toLocaleString('en-US')} persons over ${r.units} units (~${Math.round(r.persons / r.units)} each), 4 workers and 15 社区 per unit: ${r.seedSeconds} s`,
    '',
  );
  lines.push(
    '| answer | runs | p50 ms | p95 ms | calls on persons | persons DB p50 / p95 ms | all database calls of one answer | note |',
    '|---|---:|---:|---:|---|---:|---|---|',
  );
  for (const o of r.ops)
    lines.push(
      `| ${o.op} | ${o.runs} | ${o.p50ms} | ${o.p95ms} | ${o.personsCalls} | ${o.personsDbP50ms} / ${o.personsDbP95ms} | ${o.allCalls} | ${o.note} |`,
    );
  const callsOf = (prefix: string): number =>
    Number(r.ops.find((o) => o.op.startsWith(prefix))?.personsCalls.split(' ')[0] ?? NaN);
  const due = callsOf('listDue, one bucket');
  const list = callsOf('listPersons, filtered');
  lines.push('', '### Targets and reading', '');
  lines.push(
    `- the due list answers a bucket in one or two database calls: **${due}** ${due <= 2 ? '✔' : '✘'}`,
  );
  lines.push(
    `- a filtered station list answers in one or two database calls: **${list}** ${list <= 2 ? '✔' : '✘'}`,
  );
  lines.push(
    '- The emulator indexes single fields and narrows a query by its first indexed equality: a due bucket reads the',
    `  station's ~${Math.round(r.persons / r.units).toLocaleString('en-US')} files (\`stationId\`) and filters and sorts them in memory, while the filtered list`,
    '  narrows by 社区 first (a fifteenth of that). CloudBase serves the same queries from the compound indexes listed in',
    '  `cloudfunctions/files/README.md` (`stationId, status, nextDueDay` for the due list), reading only the rows of the bucket.',
    '- `countFiles` for the district is one aggregate that reads every file on the emulator (mingo in the function’s database',
    '  module); it is the district’s occasional overview, the function has a 20 s timeout, and CloudBase runs it in the database.',
  );
  lines.push('', '### The calls', '');
  for (const c of r.calls) {
    lines.push(`${c.op}:`, '');
    for (const q of c.calls) lines.push(`- \`${q.replace(/\|/g, '\\|')}\``);
    lines.push('');
  }
  lines.push(FILES_END, '');
  return lines.join('\n');
}

/** Markers of the section inside results.md. */
export const FILES_START = '<!-- bench:files:start -->';
export const FILES_END = '<!-- bench:files:end -->';
