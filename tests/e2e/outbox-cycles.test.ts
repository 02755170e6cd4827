/**
 * Zero loss, zero duplicates, measured (issue 10's quality bar, and issue 11's for case
 * notes): a form of the H5 build in Chromium, through the app's outbox, against an
 * emulator that keeps its data in a temp folder and comes back on the same port (same
 * origin, same cookie). One harness, two kinds of record (a switch, {@link CycleKind}):
 * - `visit`: the visit form from a file (`?personId=`), 走访地址 and 居住环境 typed,
 *   未定位原因 and 未签字原因 given; checked in `visits` / `visit_conflicts`;
 * - `caseNote`: the intervention note form of a case at 介入 (`?caseId=`), 服务时长,
 *   服务内容 and 进展 typed; checked in `case_notes` (versions from another phone kept
 *   on the note: none allowed).
 *
 * Each cycle, for one new record:
 *  1. capture, online: the form opened and typed, 已保存, 提交 (version 1 queued and sent);
 *  2. offline (context.setOffline; the page's files are then served from client/dist/h5
 *     as a mini-program's package would be): the record reopened (`?id=`) and edited, 已保存;
 *  3. the page reloaded, or closed and a new one opened, still offline: the edit is there;
 *     提交 (version 2 queued);
 *  4. back online; the outbox sends (the next cycle starts at once: sends and edits interleave).
 * Some cycles kill the emulator (stop, start again on the same data dir and port) while
 * the outbox sends; others let the server commit 提交's call and then drop its response
 * (route.fetch, then abort), so the outbox must resend and hear `duplicate`.
 *
 * Afterwards, read with the admin SDK: every record is in its collection exactly once, at
 * its last version with its last content, no conflict kept, and nothing waits in the
 * page's outbox. Figures go to tests/artifacts/e2e/outbox-cycles.json (visits) and
 * outbox-cycles-caseNote.json, and the console.
 *
 * SGZ_OUTBOX_CYCLES (default 200) sets the number of visit cycles, SGZ_OUTBOX_NOTE_CYCLES
 * (default 40: about two more minutes) the case note cycles; SGZ_OUTBOX_KINDS
 * (`visit,caseNote` by default) which kinds run.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { addDays, beijingDay } from '@sgz/shared';
import type { BrowserContext, Page, Route } from 'playwright-core';
import { databaseFor } from '../../scripts/seed';
import { launchBrowser, shot, SHOT_DIR } from './browser';
import { freePort, startApp, type RunningApp } from './app';
import { offlineSwitch } from './offline';

const VISIT_CYCLES = Number(process.env.SGZ_OUTBOX_CYCLES ?? 200);
const NOTE_CYCLES = Number(process.env.SGZ_OUTBOX_NOTE_CYCLES ?? 40);
const KINDS = (process.env.SGZ_OUTBOX_KINDS ?? 'visit,caseNote').split(',').map((k) => k.trim());
/** Every KILL_EVERY-th cycle kills the emulator while the outbox sends (offset 3). */
const KILL_EVERY = 10;
/** Every DROP_EVERY-th cycle drops the answer of a committed submit (offset 1). */
const DROP_EVERY = 5;
const STATION = 'st-tanggu';
const WORKER = 'demo-worker-tanggu';
const HEAD = 'demo-head-tanggu';
/** How long the last records may take to reach 已同步 after the last cycle (backoff included). */
const SYNC_TIMEOUT_MS = 60_000;

const runs = (k: string, n: number) => (KINDS.includes(k) ? n : 0);
jest.setTimeout(
  Math.max(180_000, (runs('visit', VISIT_CYCLES) + runs('caseNote', NOTE_CYCLES)) * 6_000 + 120_000),
);

let dataDir: string;
let port: number;
let app: RunningApp;
let browser: BrowserContext;
let closeBrowser: () => Promise<void>;
let page: Page;
let loads = 0;
/** Record ids whose next submit answer is dropped once the server committed it. */
const dropArmed = new Set<string>();
/** What went wrong inside route handlers (an error there would not fail the test by itself). */
const problems: string[] = [];

const newFigures = () => ({
  kind: '',
  cycles: 0,
  kills: 0,
  drops: 0,
  reloads: 0,
  closes: 0,
  records: 0,
  submits: { received: 0, duplicate: 0, conflict: 0, failed: 0 },
  lost: 0,
  duplicatedRecords: 0,
  staleRecords: 0,
  conflicts: 0,
  stuckInOutbox: 0,
  durationMs: 0,
  perCycleMs: 0,
});
let figures = newFigures();

/** The record a cycle writes: what the server must end up with (its two typed texts). */
interface Expected {
  cycle: number;
  id: string;
  a: string;
  b: string;
}

/** A field of a form: its label (on the inner native field too) and its tag. */
type FieldSpec = [label: string, tag: 'input' | 'textarea'];

/** A stored record as the harness compares it. */
interface ServerDoc {
  _id: string;
  version: number;
  a: string | null;
  b: string | null;
}

/** What differs between the kinds of record the harness cycles (the switch). */
interface CycleKind {
  name: string;
  cycles: number;
  /** The cloud function and the action the outbox sends. */
  fn: string;
  submitAction: string;
  form: string;
  /** The two typed fields whose last content the server must have. */
  a: FieldSpec;
  b: FieldSpec;
  /** The payload key that holds field a's text (finds the record in the outbox). */
  payloadKey: string;
  /** Makes what the cycles need (files, a case); answers the query a new record's form opens with. */
  setup(): Promise<(cycle: number) => string>;
  /** The two texts of cycle `cycle`, version 1 (the edit replaces 第1版 by 第2版). */
  texts(cycle: number): { a: string; b: string };
  /** A piece of text a only a record of this cycle has (finds duplicates). */
  marker(cycle: number): string;
  /** What the form needs besides a and b before 提交. */
  fillRest(): Promise<void>;
  /** Every stored record of the run, and the conflicting versions kept. */
  server(): Promise<{ docs: ServerDoc[]; conflicts: number }>;
  /** The figures file under the shot dir. */
  figuresFile: string;
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sgz-outbox-cycles-'));
  port = await freePort();
  app = await startApp({ dataDir, port });
  ({ browser, close: closeBrowser } = await launchBrowser());
  for (const fn of ['visits', 'cases']) await browser.route(`**/functions/${fn}`, onFunctionCall);
  browser.on('response', (res) => {
    if (!res.url().endsWith(`/functions/${kind.fn}`) || res.request().method() !== 'POST') return;
    void countAnswer(res.request().postData(), () => res.json());
  });
  page = await newPage();
});
afterAll(async () => {
  await closeBrowser?.();
  await app?.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

async function newPage(): Promise<Page> {
  const p = await browser.newPage();
  await p.setViewportSize({ width: 375, height: 812 });
  return p;
}

/** Counts submit answers the page saw (received / duplicate / conflict / refused). */
async function countAnswer(postData: string | null, json: () => Promise<unknown>): Promise<void> {
  if (!postData?.includes(`"${kind.submitAction}"`)) return;
  try {
    const body = (await json()) as { ok: boolean; data?: { status: 'received' | 'duplicate' | 'conflict' } };
    if (body.ok && body.data) figures.submits[body.data.status] += 1;
    else figures.submits.failed += 1;
  } catch {
    /* the answer was dropped or cut by a kill */
  }
}

/** The kind's function: a submit of an armed record is committed by the server, then its answer dropped. */
async function onFunctionCall(route: Route): Promise<void> {
  const post = route.request().postData() ?? '';
  if (process.env.SGZ_OUTBOX_DEBUG) console.log(`${kind.fn} call`, post.slice(0, 120), [...dropArmed]);
  const armed = [...dropArmed].find(
    (id) => post.includes(`"${kind.submitAction}"`) && post.includes(`"${id}"`),
  );
  if (!armed) return route.fallback();
  dropArmed.delete(armed);
  let res;
  try {
    res = await route.fetch();
  } catch {
    return route.abort('connectionreset'); // the emulator was down: nothing committed, try later
  }
  const body = (await res.json()) as { ok: boolean; data?: { status: string }; error?: unknown };
  if (!body.ok || body.data?.status !== 'received') {
    problems.push(`the submit whose answer was to be dropped was not committed: ${JSON.stringify(body)}`);
    return route.fulfill({ response: res });
  }
  figures.drops += 1;
  await route.abort('connectionreset');
}

const network = offlineSwitch(() => browser);
const setOffline = (value: boolean) => network.set(value);

/** Stops the emulator (connections cut, in-flight calls lost) and starts it again on the same data and port. */
async function killAndRestart(): Promise<void> {
  await app.stop();
  figures.kills += 1;
  app = await startApp({ dataDir, port, seed: false });
}

async function open(route: string): Promise<void> {
  loads += 1;
  await page.goto(`${app.url}/?load=${loads}#${route}`);
}

/** The inner native field of a Taro Input/Textarea (the label is on both). */
const field = (label: string, tag: 'input' | 'textarea') =>
  page.locator(`${tag}[aria-label="${label}"]`).filter({ visible: true }).first();
const fieldOf = ([label, tag]: FieldSpec) => field(label, tag);

async function saved(): Promise<void> {
  await page
    .locator('.vf-save-status', { hasText: '已保存' })
    .filter({ visible: true })
    .first()
    .waitFor({ state: 'visible', timeout: 15_000 });
}

async function tap(text: string): Promise<void> {
  await page.locator('.sgz-button', { hasText: text }).filter({ visible: true }).first().click();
}

/** The outbox items the page keeps (IndexedDB `sgz-outbox`, store `items`). */
async function outboxItems(p: Page = page): Promise<
  {
    id: string;
    status: string;
    version: number;
    ackedVersion: number | null;
    payload: Record<string, unknown>;
  }[]
> {
  return p.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const req = indexedDB.open('sgz-outbox');
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const db = req.result;
          if (!db.objectStoreNames.contains('items')) {
            db.close();
            return resolve([]);
          }
          const get = db.transaction('items', 'readonly').objectStore('items').getAll();
          get.onsuccess = () => {
            db.close();
            resolve(get.result);
          };
          get.onerror = () => reject(get.error);
        };
      }),
  );
}

async function login(openid: string): Promise<void> {
  const res = await page.request.post(`${app.url}/__dev/login`, { data: { openid }, maxRedirects: 0 });
  expect(res.status()).toBe(303);
}

/** The SDK's promise-or-callback return, as the promise (scripts/seed.ts does the same). */
async function run<T>(call: Promise<T> | void | string): Promise<T> {
  if (!call || typeof call === 'string') throw new Error('wx-server-sdk call returned no promise');
  return call;
}

/** One action of a function as the signed-in user of the browser. */
async function call(
  fn: string,
  action: string,
  input: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const res = await page.request.post(`${app.url}/functions/${fn}`, { data: { ...input, action } });
  const body = (await res.json()) as { ok: boolean; data?: Record<string, unknown>; error?: unknown };
  if (!body.ok) throw new Error(`${fn}.${action}: ${JSON.stringify(body.error)}`);
  return body.data!;
}

/** Files of the station the records are about (each with a household, so the visit form prefills its address). */
async function seedPersons(n: number, prefix: string): Promise<string[]> {
  const today = beijingDay(new Date());
  const ids: string[] = [];
  for (let i = 0; i < n; i += 1) {
    const personId = `${prefix}-${i}`;
    await call('files', 'createPerson', {
      personId,
      stationId: STATION,
      name: `周${'一二三四五'[i % 5]}梅`,
      birthYear: 1940 + i,
      sex: '女',
      community: '新村街社区',
      livingSituation: '独居',
      categories: ['独居', '高龄'],
      risk: '一般',
      lastVisitDay: addDays(today, -20),
    });
    ids.push(personId);
  }
  return ids;
}

/** Reads every document of `collection` matching `where` (100 at a time), with `fields`. */
async function readAll(
  collection: string,
  where: Record<string, unknown>,
  fields: Record<string, true>,
): Promise<Record<string, unknown>[]> {
  const db = databaseFor(app.sdkEnv);
  const out: Record<string, unknown>[] = [];
  for (let skip = 0; ; skip += 100) {
    const batch = await run(db.collection(collection).where(where).field(fields).skip(skip).limit(100).get());
    out.push(...(batch.data as Record<string, unknown>[]));
    if (batch.data.length < 100) break;
  }
  return out;
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** Home visits (issue 10). */
const VISIT_KIND: CycleKind = {
  name: 'visit',
  cycles: VISIT_CYCLES,
  fn: 'visits',
  submitAction: 'submitVisit',
  form: '/subpackages/worker/visit/index',
  a: ['走访地址', 'input'],
  b: ['居住环境方面的情况', 'textarea'],
  payloadKey: 'address',
  async setup() {
    const persons = await seedPersons(5, 'e2e-cycle-person');
    return (cycle) => `personId=${persons[cycle % persons.length]}`;
  },
  texts: (cycle) => ({
    a: `新村街社区 ${cycle} 号楼 第1版`,
    b: `第 ${cycle} 次走访：居住环境整洁（第1版）`,
  }),
  marker: (cycle) => ` ${cycle} 号楼 `,
  async fillRest() {
    await tap('无法定位，填写原因');
    await field('未定位原因', 'input').fill('楼道内没有信号');
    await field('未签字原因', 'input').fill('老人视力不好，由家属口头确认');
  },
  async server() {
    const docs = await readAll(
      'visits',
      { stationId: STATION },
      { _id: true, version: true, address: true, findings: true },
    );
    const conflicts = await run(
      databaseFor(app.sdkEnv).collection('visit_conflicts').where({ stationId: STATION }).count(),
    );
    return {
      docs: docs.map((d) => ({
        _id: String(d._id),
        version: Number(d.version),
        a: str(d.address),
        b: str(((d.findings ?? {}) as { living?: unknown }).living),
      })),
      conflicts: conflicts.total,
    };
  },
  figuresFile: 'outbox-cycles.json',
};

/** The case the note cycles write to (made by the setup). */
let noteCaseId = '';

/** Intervention notes of a case (issue 11). */
const CASE_NOTE_KIND: CycleKind = {
  name: 'caseNote',
  cycles: NOTE_CYCLES,
  fn: 'cases',
  submitAction: 'addCaseNote',
  form: '/subpackages/worker/case-note/index',
  a: ['服务内容', 'textarea'],
  b: ['进展', 'textarea'],
  payloadKey: 'done',
  async setup() {
    // A case of the worker at 介入: opened, assessed, its plan approved by the head.
    const [personId] = await seedPersons(1, 'e2e-cycle-case-person');
    const { caseId } = (await call('cases', 'openCase', {
      id: 'e2e-cycle-case-0001',
      stationId: STATION,
      personIds: [personId],
      source: 'outreach',
      intake: { presentingProblem: '独居，需要长期陪伴', consent: { given: true, method: '口头同意' } },
    })) as { caseId: string };
    let version = 1;
    const step = async (action: string, input: Record<string, unknown>) => {
      version = Number((await call('cases', action, { caseId, version, ...input })).version);
    };
    await step('advanceCase', { move: 'accept' });
    await step('saveStageRecord', {
      stage: 'assessment',
      record: { needs: { individual: '社交孤立' }, problems: ['社交孤立'] },
    });
    await step('advanceCase', { move: 'submitAssessment' });
    await step('saveStageRecord', {
      stage: 'plan',
      record: {
        goals: [{ id: 'g1', goal: '每周外出活动两次', measure: '社工记录每周外出次数' }],
        strategies: '组织邻里互助小组',
        agreement: { given: true, method: '口头同意' },
      },
    });
    await step('advanceCase', { move: 'submitPlan' });
    await login(HEAD);
    await step('decideApproval', { decision: 'approvePlan' });
    await login(WORKER);
    noteCaseId = caseId;
    return () => `caseId=${caseId}`;
  },
  texts: (cycle) => ({
    a: `第 ${cycle} 次介入：陪同参加社区活动（第1版）`,
    b: `第 ${cycle} 次进展：愿意与邻居交谈（第1版）`,
  }),
  marker: (cycle) => `第 ${cycle} 次介入：`,
  async fillRest() {
    await field('服务时长（分钟）', 'input').fill('30');
  },
  async server() {
    const docs = await readAll(
      'case_notes',
      { caseId: noteCaseId },
      { _id: true, version: true, done: true, progress: true, conflicts: true },
    );
    return {
      docs: docs.map((d) => ({
        _id: String(d._id),
        version: Number(d.version),
        a: str(d.done),
        b: str(d.progress),
      })),
      conflicts: docs.reduce((n, d) => n + (Array.isArray(d.conflicts) ? d.conflicts.length : 0), 0),
    };
  },
  figuresFile: 'outbox-cycles-caseNote.json',
};

/** The kind the current run cycles (the route handlers read it). */
let kind: CycleKind = VISIT_KIND;

/** 提交 took the worker off the form: the URL changed and the page it went to is up (no router transition left). */
async function leftForm(): Promise<void> {
  await page.waitForURL((u) => !u.hash.includes(kind.form), { timeout: 15_000 });
  await page
    .locator(`${kind.a[1]}[aria-label="${kind.a[0]}"]`)
    .filter({ visible: true })
    .waitFor({ state: 'detached', timeout: 15_000 });
  await page
    .locator('.sgz-page')
    .filter({ visible: true })
    .first()
    .waitFor({ state: 'visible', timeout: 15_000 });
}

/** Opens a page inside the running app (as a tap would): no page load, works offline. */
async function go(route: string): Promise<void> {
  await page.evaluate((r) => {
    window.location.hash = r;
  }, route);
}

/** Step 1: a new record, online; returns its id (made by the form, read from the outbox). */
async function capture(cycle: number, query: string): Promise<Expected> {
  const { a, b } = kind.texts(cycle);
  // A query seen before may bring back a cached page: each opening is made unique.
  if (page.url().includes('#/')) await go(`${kind.form}?${query}&c=${cycle}`);
  else await open(`${kind.form}?${query}`);
  await fieldOf(kind.a).waitFor({ state: 'visible', timeout: 15_000 });
  await fieldOf(kind.a).fill(a);
  await fieldOf(kind.b).fill(b);
  await kind.fillRest();
  await tap('提交');
  await leftForm();
  const item = (await outboxItems()).find((i) => i.payload[kind.payloadKey] === a);
  if (!item) throw new Error(`cycle ${cycle}: 提交 left the form but the record is not in the outbox`);
  return { cycle, id: item.id, a, b };
}

/**
 * Stopgap while the visit form cannot open without the network after a reload (whoAmI is
 * not kept across app runs): SGZ_OUTBOX_RELOAD_ONLINE=1 reloads online. Never in CI.
 */
const RELOAD_ONLINE = process.env.SGZ_OUTBOX_RELOAD_ONLINE === '1';

/** Steps 2–3: offline, reopen and edit; reload or close; the edit is there; 提交. */
async function editOffline(e: Expected): Promise<Expected> {
  await setOffline(true);
  // Reopened inside the running app (the worker taps the record): no page load.
  await go(`${kind.form}?id=${e.id}&c=${e.cycle}`);
  const a = e.a.replace('第1版', '第2版');
  const b = e.b.replace('第1版', '第2版');
  await fieldOf(kind.a).waitFor({ state: 'visible', timeout: 15_000 });
  await fieldOf(kind.a).fill(a);
  await fieldOf(kind.b).fill(b);
  await saved();
  if (RELOAD_ONLINE) await setOffline(false);
  if (e.cycle % 2 === 0) {
    figures.reloads += 1;
    await page.reload();
  } else {
    figures.closes += 1;
    await page.close();
    page = await newPage();
    await open(`${kind.form}?id=${e.id}`);
  }
  await fieldOf(kind.a).waitFor({ state: 'visible', timeout: 15_000 });
  if (RELOAD_ONLINE) await setOffline(true);
  expect(await fieldOf(kind.a).inputValue()).toBe(a);
  expect(await fieldOf(kind.b).inputValue()).toBe(b);
  await tap('提交');
  await leftForm();
  return { ...e, a, b };
}

/** Step 4: back online (a kill on some cycles while the outbox sends). The next cycle does not wait. */
async function backOnline(e: Expected): Promise<void> {
  // The answer to the last version is dropped after the commit: the resend must hear `duplicate`.
  if (e.cycle % DROP_EVERY === 1) dropArmed.add(e.id);
  await setOffline(false);
  if (e.cycle % KILL_EVERY === 3) {
    await page.waitForTimeout(20 + ((e.cycle * 37) % 200));
    await killAndRestart();
  }
}

/** At the end: every record 已同步 at its last version, with no help (no reload, no tap). */
async function allSynced(ids: string[]): Promise<void> {
  const end = Date.now() + SYNC_TIMEOUT_MS;
  while (Date.now() < end) {
    const items = await outboxItems();
    const done = ids.every((id) => {
      const i = items.find((x) => x.id === id);
      return i && i.status === 'synced' && i.ackedVersion === i.version;
    });
    if (done) return;
    await page.waitForTimeout(250);
  }
}

let prepared = false;
/** Once: the station's communities (the head), then the worker signed in. */
async function prepare(): Promise<void> {
  if (prepared) return;
  prepared = true;
  await login(HEAD);
  await call('files', 'updateCommunities', { stationId: STATION, communities: ['新村街社区'] });
  await login(WORKER);
}

const ALL_KINDS = [VISIT_KIND, CASE_NOTE_KIND].filter((k) => KINDS.includes(k.name) && k.cycles > 0);

describe.each(ALL_KINDS.map((k) => [k.name, k] as const))('%s', (_name, current) => {
  it(`${current.cycles} cycles of capture → offline → edit → reload/close → online lose and duplicate nothing`, async () => {
    kind = current;
    figures = newFigures();
    figures.kind = kind.name;
    problems.length = 0;
    dropArmed.clear();
    const cycles = kind.cycles;
    const started = Date.now();
    await prepare();
    const queryOf = await kind.setup();
    const expected: Expected[] = [];
    for (let cycle = 1; cycle <= cycles; cycle += 1) {
      try {
        const t0 = Date.now();
        const first = await capture(cycle, queryOf(cycle));
        const t1 = Date.now();
        const last = await editOffline(first);
        const t2 = Date.now();
        await backOnline(last);
        if (process.env.SGZ_OUTBOX_DEBUG)
          console.log(
            `${kind.name} cycle ${cycle}: capture ${t1 - t0} ms, edit ${t2 - t1} ms, sync ${Date.now() - t2} ms`,
          );
        expected.push(last);
      } catch (err) {
        await shot(page, `outbox-cycles-${kind.name}-failure`).catch(() => undefined);
        const text = await page
          .locator('body')
          .innerText()
          .catch(() => '');
        throw new Error(
          `${kind.name} cycle ${cycle} (offline: ${network.offline}): ${String(err)}\npage: ${text.slice(0, 600)}`,
        );
      }
      figures.cycles = cycle;
    }
    await allSynced(expected.map((e) => e.id));

    // What the server has, read with the admin SDK from the emulator's database.
    const { docs, conflicts } = await kind.server();
    figures.records = docs.length;
    figures.conflicts = conflicts;
    for (const e of expected) {
      const same = docs.filter((d) => d.a?.includes(kind.marker(e.cycle)));
      const doc = docs.find((d) => d._id === e.id);
      if (!doc) figures.lost += 1;
      if (same.length > 1) figures.duplicatedRecords += same.length - 1;
      if (doc && (doc.a !== e.a || doc.b !== e.b)) {
        figures.staleRecords += 1;
        problems.push(`cycle ${e.cycle}: the server has ${JSON.stringify(doc)}, the last edit was ${e.a}`);
      }
    }
    const ids = new Set(expected.map((e) => e.id));
    const kept = (await outboxItems()).filter((i) => ids.has(i.id));
    if (process.env.SGZ_OUTBOX_DEBUG)
      console.log(
        kept.map(
          (i) =>
            `${i.id} ${i.status} v${i.version} acked ${i.ackedVersion} ${String(i.payload[kind.payloadKey])}`,
        ),
      );
    const left = kept.filter((i) => i.status !== 'synced');
    figures.stuckInOutbox = left.length;
    figures.durationMs = Date.now() - started;
    figures.perCycleMs = Math.round(figures.durationMs / Math.max(1, figures.cycles));

    fs.mkdirSync(SHOT_DIR, { recursive: true });
    fs.writeFileSync(path.join(SHOT_DIR, kind.figuresFile), `${JSON.stringify(figures, null, 2)}\n`);
    console.log(`outbox cycles (${kind.name}): ${JSON.stringify(figures)}`);

    expect(problems).toEqual([]);
    expect(left).toEqual([]);
    expect(figures).toMatchObject({
      lost: 0,
      duplicatedRecords: 0,
      staleRecords: 0,
      conflicts: 0,
      records: cycles,
    });
    expect(figures.submits.failed).toBe(0);
    expect(figures.drops).toBe(expected.filter((e) => e.cycle % DROP_EVERY === 1).length);
    // Every dropped answer came back as `duplicate` on the resend.
    expect(figures.submits.duplicate).toBeGreaterThanOrEqual(figures.drops);
  });
});
