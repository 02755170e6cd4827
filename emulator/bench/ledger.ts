/**
 * Benchmark section of issue 13 part 5: "a year's 台账 for the busiest
 * station — time and peak memory". Runs the REAL `ledger` function on an
 * in-process emulator with a data directory: one busy station's year (2025)
 * of visits, cases, supervision, 学时 and ratings, among other stations'
 * visits (the collection is shared at district scale), then exportLedger as
 * the head — cold (a new function process: its peak resident memory is the
 * export's) and warm. Figures from the function's metric line (time, database
 * round trips, rows, bytes, the process's maxRSS) and the wall clock around
 * the call; the file is opened again with exceljs to check the row counts.
 *
 * `npm run bench -- --only ledger` (or `tsx emulator/bench/run.ts --only ledger`).
 * Options (env): BENCH_LEDGER_VISITS (default 8000: the district's 300,000
 * visits over 26 units and 5 years are ≈ 2,300 per station-year; the busiest
 * taken at 3.5×), BENCH_LEDGER_NOISE (other stations' visits, default 50,000).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { EJSON } from 'bson';
import ExcelJS from 'exceljs';
import type * as Cloud from 'wx-server-sdk';
import { buildFunction } from '../../scripts/build-functions';
import { databaseFor } from '../../scripts/seed';
import { COLLECTIONS } from '../../shared/src/collections';
import { PRIVACY_NOTICE_VERSION } from '../../shared/src/domain/account';
import { LEDGER_SHEETS, type LedgerSheetName } from '../../shared/src/domain/ledger';
import { start } from '../src/server';

/** The section's result. */
export interface LedgerBenchResult {
  generated: Record<string, number>;
  rowCounts: Record<LedgerSheetName, number>;
  bytes: number;
  cold: {
    wallMs: number;
    functionMs: number;
    buildMs: number;
    /** Milliseconds from the start at the end of each step (quotas, each sheet, the file). */
    marks: Record<string, number>;
    dbCalls: number;
    maxRssMb: number;
  };
  warm: { wallMs: number; functionMs: number; maxRssMb: number };
  /** Row counts read back from the file with exceljs equal the answer's. */
  fileChecked: boolean;
}

export const LEDGER_START = '<!-- bench:ledger:start -->';
export const LEDGER_END = '<!-- bench:ledger:end -->';

const STATION = 'st-bench-ledger';
const OTHER = 'st-bench-other';
const HEAD = { openid: 'bench-ledger-head', userId: 'u-bench-ledger-head' };
const WORKERS = 15;
const PERSONS = 3000;
const YEAR_START = Date.parse('2024-12-31T16:00:00Z'); // 2025-01-01 00:00 Beijing
const YEAR_MS = 365 * 24 * 3600_000;

const ej = (doc: Record<string, unknown>): string => EJSON.stringify(doc, { relaxed: false });
const lines = (n: number, make: (i: number) => Record<string, unknown>): string =>
  Array.from({ length: n }, (_, i) => ej(make(i))).join('\n');
const at = (i: number, n: number): Date => new Date(YEAR_START + Math.floor(((i + 0.5) * YEAR_MS) / n));
const dayOf = (d: Date): string => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

interface Metric {
  ms: number;
  buildMs: number;
  marks: Record<string, number>;
  dbCalls: number;
  maxRssMb: number;
  rows: number;
  bytes: number;
}

/** Runs the section; `log` prints progress. */
export async function runLedgerBench(log: (line: string) => void): Promise<LedgerBenchResult> {
  const visits = Number(process.env.BENCH_LEDGER_VISITS ?? 8000);
  const noise = Number(process.env.BENCH_LEDGER_NOISE ?? 50_000);
  const generated = {
    visits,
    otherStationVisits: noise,
    persons: PERSONS,
    workers: WORKERS,
    cases: 250,
    supervisionSessions: 120,
    trainingRecords: 450,
    ratedRequests: 1500,
  };
  const dir = mkdtempSync(join(tmpdir(), 'sgz-bench-ledger-'));
  await buildFunction('ledger');
  const metrics: Metric[] = [];
  const em = await start({
    dataDir: dir,
    port: 0,
    functionsDir: resolve(__dirname, '../../cloudfunctions'),
    functionEnv: {},
    log: (line) => {
      const i = line.indexOf('{"level":"info","metric":"ledger"');
      if (i >= 0) metrics.push(JSON.parse(line.slice(i)) as Metric);
    },
  });
  try {
    const db = em.app.db;
    const t0 = performance.now();
    db.importCollection(
      COLLECTIONS.stations,
      [STATION, OTHER].map((id) => ej({ _id: id, officialName: `滨海新区${id}社会工作服务站` })).join('\n'),
    );
    const workerIds = Array.from({ length: WORKERS }, (_, i) => `u-bench-ledger-w${i}`);
    db.importCollection(
      COLLECTIONS.users,
      [
        ej({
          _id: HEAD.userId,
          openid: HEAD.openid,
          role: 'station_head',
          stationId: STATION,
          stationIds: [],
          active: true,
          name: '赵站长',
          privacyNotice: { version: PRIVACY_NOTICE_VERSION, acceptedAt: new Date(YEAR_START) },
        }),
        ...workerIds.map((id, i) =>
          ej({
            _id: id,
            openid: `bench-ledger-w${i}`,
            role: 'social_worker',
            stationId: STATION,
            stationIds: [],
            active: true,
            name: `社工${i}号`,
            qualification:
              i % 3 === 0
                ? {
                    kind: '社会工作师',
                    number: `S20211200${1000 + i}`,
                    registrationStatus: 'registered',
                    registeredOn: '2021-09-01',
                  }
                : null,
          }),
        ),
      ].join('\n'),
    );
    db.importCollection(
      COLLECTIONS.persons,
      lines(PERSONS, (i) => ({
        _id: `p-bench-ledger-${i}`,
        stationId: STATION,
        name: `居民${i}`,
        idNumber: '11010519491231002X',
        community: `第${i % 12}社区`,
      })),
    );
    const visit = (stationId: string, i: number, n: number) => {
      const startAt = at(i, n);
      return {
        _id: `v-${stationId}-${i}`,
        stationId,
        personIds: [`p-bench-ledger-${i % PERSONS}`],
        workerIds: [workerIds[i % WORKERS]!],
        type: '常规探访',
        mode: '上门',
        startAt,
        endAt: new Date(startAt.getTime() + 40 * 60_000),
        day: dayOf(startAt),
        findings: { health: '血压偏高，已提醒按时服药', living: '屋内整洁' },
        needs: [{ area: '养老服务', note: '希望每周有人上门' }],
        services: ['测量血压', '政策宣传'],
        risk: '一般',
        followUps: i % 5 === 0 ? [{ action: '电话回访', ownerId: workerIds[0], dueDay: '2025-12-31' }] : [],
        confirmation: { signatureFileId: null, noSignatureReason: '口头确认' },
        withheld: [],
      };
    };
    db.importCollection(
      COLLECTIONS.visits,
      lines(visits, (i) => visit(STATION, i, visits)),
    );
    for (let off = 0; off < noise; off += 10_000)
      db.importCollection(
        COLLECTIONS.visits,
        lines(Math.min(10_000, noise - off), (i) => visit(OTHER, off + i, noise)),
      );
    db.importCollection(
      COLLECTIONS.cases,
      lines(generated.cases, (i) => {
        const opened = at(i, generated.cases);
        const closed = i % 3 === 0;
        return {
          _id: `c-bench-ledger-${i}`,
          stationId: STATION,
          personIds: [`p-bench-ledger-${i}`],
          source: 'outreach',
          leadWorkerId: workerIds[i % WORKERS],
          assistantIds: [workerIds[(i + 1) % WORKERS]],
          supervisorId: null,
          status: closed ? 'closed' : 'intervention',
          noteCount: 4,
          lastNoteDay: dayOf(opened),
          closureType: closed ? '目标达成' : null,
          closureApprovedAt: closed ? opened : null,
          completedYear: closed ? 2025 : null,
          referralClosure: false,
          followUpDay: null,
          openedAt: opened,
          updatedAt: opened,
        };
      }),
    );
    db.importCollection(
      COLLECTIONS.supervisionSessions,
      lines(generated.supervisionSessions, (i) => {
        const s = at(i, generated.supervisionSessions);
        return {
          _id: `ss-bench-${i}`,
          supervisorId: HEAD.userId,
          supervisorKind: 'external',
          startAt: s,
          endAt: new Date(s.getTime() + 2 * 3600_000),
          hours: 2,
          form: '团体',
          stationIds: [STATION],
          workerIds: workerIds.slice(0, 4),
          project: '老年人关爱项目',
          topics: ['个案评估'],
        };
      }),
    );
    db.importCollection(
      COLLECTIONS.supervisionConfirmations,
      lines(generated.supervisionSessions, (i) => ({
        _id: `ss-bench-${i}:${STATION}`,
        sessionId: `ss-bench-${i}`,
        stationId: STATION,
        hours: 2,
        year: 2025,
        day: dayOf(at(i, generated.supervisionSessions)),
        status: i % 10 === 0 ? 'pending' : 'confirmed',
      })),
    );
    db.importCollection(
      COLLECTIONS.trainingRecords,
      lines(generated.trainingRecords, (i) => {
        const end = dayOf(at(i, generated.trainingRecords));
        return {
          _id: `tr-bench-${i}`,
          workerId: workerIds[i % WORKERS],
          stationId: STATION,
          startDay: end,
          endDay: end,
          year: 2025,
          course: '社会工作实务培训',
          organiser: '滨海新区民政局',
          kind: '继续教育',
          form: '线下',
          hours: 3,
          countedHours: 3,
          degree: false,
          status: 'confirmed',
        };
      }),
    );
    db.importCollection(
      COLLECTIONS.requests,
      lines(generated.ratedRequests, (i) => {
        const t = at(i, generated.ratedRequests);
        return {
          _id: `rq-bench-${i}`,
          stationId: STATION,
          itemTitle: '助老上门服务',
          area: '养老服务',
          status: 'completed',
          rating: { stars: 3 + (i % 3), comment: i % 4 === 0 ? '服务很周到' : null, at: t },
          createdAt: t,
          updatedAt: t,
        };
      }),
    );
    log(`  generated in ${Math.round(performance.now() - t0)} ms: ${JSON.stringify(generated)}`);

    databaseFor(em.sdkEnv);
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- initialised by databaseFor above
    const sdk = require('wx-server-sdk') as typeof Cloud;

    const event = { action: 'exportLedger', stationId: STATION, year: 2025 };
    const call = async () => {
      const s = performance.now();
      const res = (await em.app.invoke('ledger', event, { OPENID: HEAD.openid })) as {
        ok: boolean;
        data?: { fileID: string; rowCounts: Record<LedgerSheetName, number>; bytes: number };
        error?: unknown;
      };
      if (!res.ok || !res.data) throw new Error(`exportLedger failed: ${JSON.stringify(res.error)}`);
      return { wallMs: Math.round(performance.now() - s), data: res.data };
    };
    const cold = await call();
    log(`  cold export: ${cold.wallMs} ms, ${cold.data.bytes} bytes`);
    const warm = await call();
    log(`  warm export: ${warm.wallMs} ms`);
    const [mc, mw] = metrics.slice(-2) as [Metric, Metric];

    const file = await sdk.downloadFile({ fileID: cold.data.fileID });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(new Uint8Array(file.fileContent).buffer);
    const fileChecked = LEDGER_SHEETS.filter((s) => s !== '汇总').every(
      (s) => (wb.getWorksheet(s)?.rowCount ?? 0) - 1 === cold.data.rowCounts[s],
    );
    return {
      generated,
      rowCounts: cold.data.rowCounts,
      bytes: cold.data.bytes,
      cold: {
        wallMs: cold.wallMs,
        functionMs: mc.ms,
        buildMs: mc.buildMs,
        marks: mc.marks,
        dbCalls: mc.dbCalls,
        maxRssMb: mc.maxRssMb,
      },
      warm: { wallMs: warm.wallMs, functionMs: mw.ms, maxRssMb: mw.maxRssMb },
      fileChecked,
    };
  } finally {
    await em.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The section of results.md. */
export function ledgerMarkdown(r: LedgerBenchResult, meta: Record<string, string>): string {
  return [
    LEDGER_START,
    `## 台账 export (issue 13): a year of the busiest station, ${r.generated.visits.toLocaleString('en-US')} visits`,
    '',
    ...Object.entries(meta).map(([k, v]) => `- ${k}: ${v}`),
    `- generated (2025): ${Object.entries(r.generated)
      .map(([k, v]) => `${k} ${v.toLocaleString('en-US')}`)
      .join(', ')}`,
    '',
    '| | wall (invoke) | in the function | database round trips | peak RSS of the function process |',
    '|---|---|---|---|---|',
    `| cold (new process) | ${r.cold.wallMs} ms | ${r.cold.functionMs} ms (reads + workbook ${r.cold.buildMs} ms) | ${r.cold.dbCalls} | ${r.cold.maxRssMb} MB |`,
    `| warm | ${r.warm.wallMs} ms | ${r.warm.functionMs} ms | ${r.cold.dbCalls} | ${r.warm.maxRssMb} MB (process peak so far) |`,
    '',
    `- steps of the cold export (ms from its start): ${Object.entries(r.cold.marks)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
    `- file: ${(r.bytes / 1024).toFixed(0)} KB; rows ${Object.entries(r.rowCounts)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}; read back with exceljs: ${r.fileChecked ? 'counts match ✔' : 'MISMATCH ✘'}`,
    `- config.json gives the function 60 s and 1024 MB: ${r.cold.functionMs < 60_000 && r.cold.maxRssMb < 1024 ? 'within ✔' : 'EXCEEDED ✘'}`,
    LEDGER_END,
    '',
  ].join('\n');
}
