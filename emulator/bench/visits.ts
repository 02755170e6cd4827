/**
 * Benchmark section of issue 10 (home visits): the quality bar "200 queued
 * visits with 2 photos each synced in at most 10 s, 0 duplicates". Runs the
 * REAL `visits` function on an in-process emulator with a data directory (so
 * writes are durable, as in the other sections): per visit, as the phone's
 * outbox does it one item after another, 2 small photos are uploaded through
 * the SDK's storage (`outbox/visit/<id>/<n>.jpg`) and then `submitVisit` is
 * called; afterwards 20 % of the visits are sent again (lost answers: each
 * must be `duplicate`). Counts come from the database.
 *
 * `npm run bench:emulator -- --only visits` (or `tsx emulator/bench/run.ts --only visits`).
 * Options (env): BENCH_VISITS (default 200), BENCH_VISITS_REPLAY (default 0.2).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { EJSON } from 'bson';
import type * as Cloud from 'wx-server-sdk';
import { buildFunction } from '../../scripts/build-functions';
import { databaseFor } from '../../scripts/seed';
import { COLLECTIONS } from '../../shared/src/collections';
import { PRIVACY_NOTICE_VERSION } from '../../shared/src/domain/account';
import { buildPersonDoc, type NewPerson } from '../../shared/src/domain/person';
import { DEFAULT_VISIT_INTERVALS } from '../../shared/src/domain/risk';
import { start } from '../src/server';
import { createOutbox } from '../../client/src/services/outbox/outbox';
import { createMemoryStorage } from '../../client/src/services/outbox/storage-memory';
import { submitInputOf, type VisitRecord } from '../../client/src/services/visit-record';

/** The section's result. */
export interface VisitsBenchResult {
  visits: number;
  photosPerVisit: number;
  replayed: number;
  /** Wall time of the whole sync (uploads + calls), seconds. */
  syncSeconds: number;
  replaySeconds: number;
  p50ms: number;
  p95ms: number;
  /** Of the sync: seconds spent uploading photos, and in submitVisit calls. */
  uploadSeconds: number;
  submitSeconds: number;
  submitP50ms: number;
  submitP95ms: number;
  statuses: Record<string, number>;
  replayStatuses: Record<string, number>;
  /** Stored: visits, files in storage under outbox/visit/, follow-ups. */
  stored: { visits: number; followUps: number };
  duplicates: number;
  errors: number;
  /** The same backlog through the phone's REAL outbox runner (client/src/services/outbox). */
  outbox: {
    queued: number;
    syncSeconds: number;
    report: { attempted: number; synced: number; conflicts: number; failed: number; offline: boolean };
    statuses: Record<string, number>;
    stored: number;
  };
}

const STATION = 'st-bench-visits';
const WORKER = { openid: 'bench-visits-worker', userId: 'u-bench-visits-worker' };
const PERSONS = 50;

const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round((s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0) * 10) / 10;
};
const tally = (xs: string[]): Record<string, number> =>
  xs.reduce<Record<string, number>>((m, x) => ({ ...m, [x]: (m[x] ?? 0) + 1 }), {});

/** Runs the section; `log` prints progress. */
export async function runVisitsBench(log: (line: string) => void): Promise<VisitsBenchResult> {
  const total = Number(process.env.BENCH_VISITS ?? 200);
  const replayShare = Number(process.env.BENCH_VISITS_REPLAY ?? 0.2);
  const dir = mkdtempSync(join(tmpdir(), 'sgz-bench-visits-'));
  await buildFunction('visits');
  const em = await start({
    dataDir: dir,
    port: 0,
    functionsDir: resolve(__dirname, '../../cloudfunctions'),
    functionEnv: {},
    log: () => undefined,
  });
  try {
    const now = new Date();
    em.app.db.importCollection(
      COLLECTIONS.users,
      EJSON.stringify(
        {
          _id: WORKER.userId,
          openid: WORKER.openid,
          role: 'social_worker',
          stationId: STATION,
          stationIds: [],
          active: true,
          privacyNotice: { version: PRIVACY_NOTICE_VERSION, acceptedAt: now },
        },
        { relaxed: false },
      ),
    );
    const persons = Array.from({ length: PERSONS }, (_, i) => {
      const p: NewPerson = {
        stationId: STATION,
        householdId: null,
        relationship: null,
        community: '新港社区',
        name: '张桂兰',
        sex: '女',
        birthDate: null,
        birthYear: 1945,
        phone: null,
        idNumber: null,
        categories: ['独居'],
        livingSituation: '独居',
        status: '在册',
        risk: '一般',
        assignedWorkerId: WORKER.userId,
        notes: null,
        healthNotes: null,
        linkedUserId: null,
        lastVisitDay: null,
        source: 'roster',
      };
      const doc = buildPersonDoc(p, {
        now,
        openedDay: '2026-01-01',
        by: 'u-bench',
        intervals: DEFAULT_VISIT_INTERVALS,
      });
      return EJSON.stringify({ _id: `p-bench-v-${i}`, ...doc }, { relaxed: false });
    });
    em.app.db.importCollection(COLLECTIONS.persons, persons.join('\n'));

    databaseFor(em.sdkEnv);
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- initialised by databaseFor above
    const sdk = require('wx-server-sdk') as typeof Cloud;

    const events: Record<string, unknown>[] = [];
    const statuses: string[] = [];
    const times: number[] = [];
    const submitTimes: number[] = [];
    let uploadMs = 0;
    let errors = 0;
    const t0 = performance.now();
    for (let i = 0; i < total; i++) {
      const s = performance.now();
      const id = `vs-bench-${String(i).padStart(5, '0')}`;
      const fileIds: string[] = [];
      for (let n = 0; n < 2; n++) {
        const up = await sdk.uploadFile({
          cloudPath: `outbox/visit/${id}/${n}.jpg`,
          fileContent: Buffer.alloc(20 * 1024, i + n),
        });
        fileIds.push(up.fileID);
      }
      uploadMs += performance.now() - s;
      const start = new Date(now.getTime() - 3600_000 - i * 1000);
      const event = {
        action: 'submitVisit',
        id,
        version: 1,
        fileIds,
        payload: {
          stationId: STATION,
          personIds: [`p-bench-v-${i % PERSONS}`],
          workerIds: [WORKER.userId],
          type: '常规探访',
          mode: '上门',
          startAt: start.toISOString(),
          endAt: new Date(start.getTime() + 1800_000).toISOString(),
          findings: { safety: '燃气、用电正常', living: '屋内整洁' },
          services: ['测量血压'],
          location: { start: { lat: 39.02, lng: 117.65, accuracy: 25 } },
          photoFileIds: fileIds,
          confirmation: { noSignatureReason: '口头确认' },
          followUps:
            i % 5 === 0 ? [{ action: '电话回访', ownerId: WORKER.userId, dueDay: '2026-12-31' }] : undefined,
        },
      };
      events.push(event);
      const c = performance.now();
      const res = (await em.app.invoke('visits', event, { OPENID: WORKER.openid })) as {
        ok: boolean;
        data?: { status: string };
      };
      submitTimes.push(performance.now() - c);
      if (res.ok && res.data) statuses.push(res.data.status);
      else errors += 1;
      times.push(performance.now() - s);
    }
    const syncSeconds = Math.round((performance.now() - t0) / 10) / 100;
    log(`  visits: ${total} visits × 2 photos synced in ${syncSeconds} s`);

    const replay = events.filter((_, i) => i % Math.round(1 / replayShare) === 0);
    const replayStatuses: string[] = [];
    const t1 = performance.now();
    for (const event of replay) {
      const res = (await em.app.invoke('visits', event, { OPENID: WORKER.openid })) as {
        ok: boolean;
        data?: { status: string };
      };
      if (res.ok && res.data) replayStatuses.push(res.data.status);
      else errors += 1;
    }
    const replaySeconds = Math.round((performance.now() - t1) / 10) / 100;

    // --- the same through the phone's outbox runner: queued offline, then the network comes back.
    const photosDir = join(dir, 'phone-files');
    mkdirSync(photosDir, { recursive: true });
    let online = false;
    const offlineReply = {
      ok: false as const,
      error: { code: 'internal' as const, message: '网络不太好', details: { transport: true } },
    };
    const outbox = createOutbox({
      storage: createMemoryStorage(),
      kinds: [
        {
          kind: 'visit',
          idPrefix: 'vs',
          send: async (item) => {
            if (!online) return offlineReply;
            const input = submitInputOf(item as Parameters<typeof submitInputOf>[0]);
            return (await em.app.invoke(
              'visits',
              { action: 'submitVisit', ...input },
              { OPENID: WORKER.openid },
            )) as never;
          },
        },
      ],
      upload: async (a) => {
        if (!online) return offlineReply;
        const up = await sdk.uploadFile({ cloudPath: a.cloudPath, fileContent: readFileSync(a.localPath) });
        return { ok: true, data: { fileId: up.fileID } };
      },
    });
    const queued = total;
    for (let i = 0; i < queued; i++) {
      const paths = [0, 1].map((n) => {
        const file = join(photosDir, `${i}-${n}.jpg`);
        writeFileSync(file, Buffer.alloc(20 * 1024, (i + n + 7) % 256));
        return file;
      });
      const start = new Date(now.getTime() - 3600_000 - i * 1000);
      const record: VisitRecord = {
        stationId: STATION,
        personIds: [`p-bench-v-${i % PERSONS}`],
        workerIds: [WORKER.userId],
        type: '常规探访',
        mode: '上门',
        startAt: start.toISOString(),
        endAt: new Date(start.getTime() + 1800_000).toISOString(),
        findings: { safety: '燃气、用电正常', living: '屋内整洁' },
        services: ['测量血压'],
        location: { start: { lat: 39.02, lng: 117.65, accuracy: 25 } },
        confirmation: { noSignatureReason: '口头确认' },
        signatureIndex: null,
      };
      const saved = await outbox.save({ kind: 'visit', payload: record, attachments: paths, mode: 'submit' });
      if (!saved.ok) errors += 1;
    }
    await outbox.flush('tap'); // still offline: the first try fails and backs off
    online = true;
    const t2 = performance.now();
    const report = await outbox.flush('network');
    const outboxSeconds = Math.round((performance.now() - t2) / 10) / 100;
    outbox.stop();
    const outboxStatuses = tally(outbox.getSnapshot().items.map((i) => i.status));
    log(`  visits: ${queued} visits queued in the outbox runner synced in ${outboxSeconds} s`);

    const db = databaseFor(em.sdkEnv);
    const countOf = async (c: string): Promise<number> => {
      const res = await db.collection(c).where({}).count();
      return typeof res === 'object' && res ? res.total : 0;
    };
    const visits = await countOf(COLLECTIONS.visits);
    const followUps = await countOf(COLLECTIONS.followUps);
    const outboxStored = visits - total;
    return {
      visits: total,
      photosPerVisit: 2,
      replayed: replay.length,
      syncSeconds,
      replaySeconds,
      p50ms: pct(times, 50),
      p95ms: pct(times, 95),
      uploadSeconds: Math.round(uploadMs / 10) / 100,
      submitSeconds: Math.round(submitTimes.reduce((a, b) => a + b, 0) / 10) / 100,
      submitP50ms: pct(submitTimes, 50),
      submitP95ms: pct(submitTimes, 95),
      statuses: tally(statuses),
      replayStatuses: tally(replayStatuses),
      stored: { visits: total, followUps },
      // Stored beyond the two backlogs of `total` records each (one sent directly, one by the outbox).
      duplicates: visits - total - queued,
      errors,
      outbox: { queued, syncSeconds: outboxSeconds, report, statuses: outboxStatuses, stored: outboxStored },
    };
  } finally {
    await em.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export const VISITS_START = '<!-- bench:visits:start -->';
export const VISITS_END = '<!-- bench:visits:end -->';

/** The section of results.md. */
export function visitsMarkdown(r: VisitsBenchResult, meta: Record<string, string>): string {
  return [
    VISITS_START,
    `## Home visits (issue 10): ${r.visits} queued visits × ${r.photosPerVisit} photos, synced`,
    '',
    ...Object.entries(meta).map(([k, v]) => `- ${k}: ${v}`),
    '',
    'The real `visits` function on an in-process emulator with a data directory. Per visit, one after',
    'another as the outbox sends: 2 photos (20 KB each) uploaded through the SDK storage to',
    '`outbox/visit/<id>/<n>.jpg`, then one `submitVisit` (with markVisited on the person and, for one',
    'visit in five, a follow-up). Then 20 % of the visits are sent again (answers lost on the way).',
    'Last, the same backlog through the REAL outbox runner (`client/src/services/outbox/outbox.ts` on',
    'memory storage): saved while offline, then the network comes back; its uploads read the photo files',
    'from disk and its sends go to the emulator, one item after another as on the phone.',
    '',
    '| figure | value |',
    '|---|---|',
    `| sync of ${r.visits} visits (uploads + calls) | **${r.syncSeconds} s** (bar: ≤ 10 s) |`,
    `| of which: photo uploads (${r.visits * r.photosPerVisit}) / submitVisit calls | ${r.uploadSeconds} s / ${r.submitSeconds} s |`,
    `| per visit p50 / p95 | ${r.p50ms} ms / ${r.p95ms} ms |`,
    `| submitVisit p50 / p95 | ${r.submitP50ms} ms / ${r.submitP95ms} ms |`,
    `| answers | ${JSON.stringify(r.statuses)} |`,
    `| replay of ${r.replayed} | ${r.replaySeconds} s, answers ${JSON.stringify(r.replayStatuses)} |`,
    `| stored visits / follow-ups | ${r.stored.visits} / ${r.stored.followUps} |`,
    `| duplicates stored | **${r.duplicates}** |`,
    `| **through the phone's outbox runner**: ${r.outbox.queued} visits × 2 photos queued offline, then \`flush('network')\` | **${r.outbox.syncSeconds} s** (bar: ≤ 10 s) |`,
    `| outbox report / item statuses / records stored | ${JSON.stringify(r.outbox.report)} / ${JSON.stringify(r.outbox.statuses)} / ${r.outbox.stored} |`,
    `| errors | ${r.errors} |`,
    '',
    VISITS_END,
    '',
  ].join('\n');
}
