/**
 * A deterministic district for the dashboard (issue 13): stations, staff and
 * five kinds of records shaped as the functions store them (the fields the
 * dashboard and the lists read). Used by the dashboard integration test
 * (small) and the district-scale benchmark (emulator/bench/dashboard.ts:
 * 26 units, 200 workers, 5 years, 300,000 visits, …). Pure: documents out,
 * nothing written; the caller inserts them (admin SDK or the emulator's import).
 */
import { beijingYearRange } from '../shared/src/calendar';
import { OPEN_CASE_STATUSES } from '../shared/src/domain/case';
import { TARGET_CATEGORIES } from '../shared/src/domain/person';
import { REQUEST_STATUSES } from '../shared/src/domain/request';
import { SERVICE_AREAS } from '../shared/src/domain/station';
import { VISIT_MODES, VISIT_TYPES } from '../shared/src/domain/visit';

/** Deterministic PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** How much to make. */
export interface DistrictSpec {
  stationIds: readonly string[];
  /** Staff per station: worker ids are `${prefix}-u-${station index}-${k}`; the head is k = 0. */
  workersPerStation: number;
  /** Staff of the whole district instead (spread evenly; the first stations get one more). */
  totalWorkers?: number;
  years: readonly number[];
  visits: number;
  cases: number;
  requests: number;
  training: number;
  sessions: number;
  seed?: number;
  /** Id prefix (distinct per run). */
  prefix?: string;
}

type Doc = Record<string, unknown> & { _id: string };
/** Receives documents in batches. */
export type Emit = (collection: string, docs: Doc[]) => void | Promise<void>;

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** Staff of station `s` (head included). */
export function staffCount(spec: DistrictSpec, s: number): number {
  const S = spec.stationIds.length;
  if (spec.totalWorkers === undefined) return spec.workersPerStation;
  return Math.floor(spec.totalWorkers / S) + (s < spec.totalWorkers % S ? 1 : 0);
}

/** The staff account documents of a station. */
export function staffDocs(spec: DistrictSpec, s: number): Doc[] {
  const p = spec.prefix ?? 'gen';
  return Array.from({ length: staffCount(spec, s) }, (_, k) => ({
    _id: `${p}-u-${s}-${k}`,
    openid: `${p}-openid-${s}-${k}`,
    role: k === 0 ? 'station_head' : 'social_worker',
    stationId: spec.stationIds[s],
    stationIds: [],
    active: true,
    name: `社工${s}-${k}`,
    qualification:
      k % 3 === 2
        ? null
        : {
            kind: k % 2 === 0 ? '社会工作师' : '助理社会工作师',
            number: `Z${s}${k}`,
            registrationStatus: k % 4 === 3 ? 'pending' : 'registered',
            registeredOn: `${spec.years[0]! - 1}-0${1 + (k % 9)}-15`,
          },
  }));
}

/** A Beijing day of `year` from a fraction 0–1. */
const ranges = new Map<number, { start: Date; end: Date }>();
function dayOf(year: number, f: number): { day: string; at: Date } {
  let range = ranges.get(year);
  if (!range) ranges.set(year, (range = beijingYearRange(year)));
  const { start, end } = range;
  const at = new Date(
    start.getTime() + Math.floor(f * (end.getTime() - start.getTime() - 3_600_000 * 12)) + 3_600_000,
  );
  const bj = new Date(at.getTime() + 8 * 3_600_000);
  return { day: `${bj.getUTCFullYear()}-${pad(bj.getUTCMonth() + 1)}-${pad(bj.getUTCDate())}`, at };
}

/**
 * Generates the district and hands it to `emit` in batches of `batch`.
 * Records spread evenly over stations (round robin) and years.
 */
export async function generateDistrict(spec: DistrictSpec, emit: Emit, batch = 2000): Promise<void> {
  const rand = rng(spec.seed ?? 13);
  const p = spec.prefix ?? 'gen';
  const S = spec.stationIds.length;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const worker = (s: number) => `${p}-u-${s}-${Math.floor(rand() * staffCount(spec, s))}`;
  const some = <T>(xs: readonly T[], max: number): T[] => {
    const n = Math.floor(rand() * (max + 1));
    const out = new Set<T>();
    while (out.size < n) out.add(pick(xs));
    return [...out];
  };
  let buf: Doc[] = [];
  let coll = '';
  const push = async (c: string, d: Doc) => {
    if (coll !== c && buf.length) {
      await emit(coll, buf);
      buf = [];
    }
    coll = c;
    buf.push(d);
    if (buf.length >= batch) {
      await emit(coll, buf);
      buf = [];
    }
  };

  for (let s = 0; s < S; s++) for (const d of staffDocs(spec, s)) await push('users', d);

  for (let i = 0; i < spec.visits; i++) {
    const s = i % S;
    const year = spec.years[Math.floor(i / S) % spec.years.length]!;
    const { day, at } = dayOf(year, rand());
    const minutes = 15 + Math.floor(rand() * 8) * 15;
    const w1 = worker(s);
    const w2 = rand() < 0.3 ? worker(s) : w1;
    await push('visits', {
      _id: `${p}-v-${i}`,
      stationId: spec.stationIds[s]!,
      version: 1,
      personIds: [`${p}-p-${s}-${Math.floor(rand() * 500)}`],
      workerIds: [...new Set([w1, w2])],
      type: pick(VISIT_TYPES),
      mode: pick(VISIT_MODES),
      categories: some(TARGET_CATEGORIES, 2),
      startAt: at,
      endAt: new Date(at.getTime() + minutes * 60_000),
      day,
      needs: some(SERVICE_AREAS, 2).map((area) => ({ area, note: null })),
      risk: pick(['一般', '重点', '高风险']),
      followUps: [],
      receivedAt: at,
    });
  }

  const caseStatuses = [...OPEN_CASE_STATUSES, 'closed', 'closed', 'closed', 'declined'];
  for (let i = 0; i < spec.cases; i++) {
    const s = i % S;
    const year = spec.years[Math.floor(i / S) % spec.years.length]!;
    const status = pick(caseStatuses);
    const closed = status === 'closed';
    const referral = closed && rand() < 0.25;
    const lead = worker(s);
    const assist = rand() < 0.4 ? [worker(s)].filter((w) => w !== lead) : [];
    await push('cases', {
      _id: `${p}-c-${i}`,
      stationId: spec.stationIds[s]!,
      status,
      leadWorkerId: lead,
      assistantIds: assist,
      workerIds: [lead, ...assist],
      personIds: [`${p}-p-${s}-${Math.floor(rand() * 500)}`],
      closureType: closed ? (referral ? '转介' : '目标达成') : null,
      completedYear: closed && rand() < 0.9 ? year : null,
      referralClosure: referral,
      updatedAt: dayOf(year, rand()).at,
    });
  }

  for (let i = 0; i < spec.requests; i++) {
    const s = i % S;
    const year = spec.years[Math.floor(i / S) % spec.years.length]!;
    const status = pick(REQUEST_STATUSES);
    const rated = status === 'completed' && rand() < 0.7;
    await push('requests', {
      _id: `${p}-r-${i}`,
      stationId: spec.stationIds[s]!,
      ownerId: `${p}-resident-${Math.floor(rand() * 5000)}`,
      area: pick(SERVICE_AREAS),
      status,
      rating: rated ? { stars: 1 + Math.floor(rand() * 5), comment: null, at: dayOf(year, rand()).at } : null,
      createdAt: dayOf(year, rand()).at,
    });
  }

  for (let i = 0; i < spec.training; i++) {
    const s = i % S;
    const year = spec.years[Math.floor(i / S) % spec.years.length]!;
    const { day } = dayOf(year, rand());
    const degree = rand() < 0.01;
    await push('training_records', {
      _id: `${p}-t-${i}`,
      workerId: worker(s),
      stationId: spec.stationIds[s]!,
      status: rand() < 0.85 ? 'confirmed' : pick(['pending', 'returned']),
      year,
      startDay: day,
      endDay: day,
      hours: degree ? 0 : (1 + Math.floor(rand() * 16)) / 2,
      degree,
    });
  }

  for (let i = 0; i < spec.sessions; i++) {
    const s = i % S;
    const year = spec.years[Math.floor(i / S) % spec.years.length]!;
    const { day } = dayOf(year, rand());
    await push('supervision_confirmations', {
      _id: `${p}-sc-${i}`,
      sessionId: `${p}-ss-${i}`,
      stationId: spec.stationIds[s]!,
      year,
      day,
      status: rand() < 0.8 ? 'confirmed' : pick(['pending', 'disputed']),
      hours: (2 + Math.floor(rand() * 7)) / 2,
    });
  }
  if (buf.length) await emit(coll, buf);
}
