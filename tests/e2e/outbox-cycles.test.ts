/**
 * Zero loss, zero duplicates, measured (issue 10's quality bar): the visit form of the H5
 * build in Chromium, through the app's outbox, against an emulator that keeps its data in
 * a temp folder and comes back on the same port (same origin, same cookie).
 *
 * Each cycle, for one new visit record:
 *  1. capture, online: the form from a file (`?personId=`), 走访地址 and 居住环境 typed,
 *     未定位原因 and 未签字原因 given, 已保存, 提交 (version 1 queued and sent);
 *  2. offline (context.setOffline; the page's files are then served from client/dist/h5
 *     as a mini-program's package would be): the record reopened (`?id=`) and edited, 已保存;
 *  3. the page reloaded, or closed and a new one opened, still offline: the edit is there;
 *     提交 (version 2 queued);
 *  4. back online; the outbox sends (the next cycle starts at once: sends and edits interleave).
 * Some cycles kill the emulator (stop, start again on the same data dir and port) while
 * the outbox sends; others let the server commit 提交's call and then drop its response
 * (route.fetch, then abort), so the outbox must resend and hear `duplicate`.
 *
 * Afterwards, read with the admin SDK: every record is in `visits` exactly once, at its
 * last version with its last content, no conflict kept, and nothing waits in the page's
 * outbox. Figures go to tests/artifacts/e2e/outbox-cycles.json and the console.
 *
 * SGZ_OUTBOX_CYCLES (default 200) sets the number of cycles.
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

const CYCLES = Number(process.env.SGZ_OUTBOX_CYCLES ?? 200);
/** Every KILL_EVERY-th cycle kills the emulator while the outbox sends (offset 3). */
const KILL_EVERY = 10;
/** Every DROP_EVERY-th cycle drops the answer of a committed submit (offset 1). */
const DROP_EVERY = 5;
const STATION = 'st-tanggu';
const WORKER = 'demo-worker-tanggu';
const FORM = '/subpackages/worker/visit/index';
/** How long the last records may take to reach 已同步 after the last cycle (backoff included). */
const SYNC_TIMEOUT_MS = 60_000;

jest.setTimeout(Math.max(180_000, CYCLES * 6_000 + 120_000));

let dataDir: string;
let port: number;
let app: RunningApp;
let browser: BrowserContext;
let closeBrowser: () => Promise<void>;
let page: Page;
let loads = 0;
/** Visit ids whose next submit answer is dropped once the server committed it. */
const dropArmed = new Set<string>();
/** What went wrong inside route handlers (an error there would not fail the test by itself). */
const problems: string[] = [];

const figures = {
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
};

/** The record a cycle writes: what the server must end up with. */
interface Expected {
  cycle: number;
  id: string;
  address: string;
  living: string;
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sgz-outbox-cycles-'));
  port = await freePort();
  app = await startApp({ dataDir, port });
  ({ browser, close: closeBrowser } = await launchBrowser());
  await browser.route('**/functions/visits', onVisitsCall);
  browser.on('response', (res) => {
    if (!res.url().endsWith('/functions/visits') || res.request().method() !== 'POST') return;
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

/** Counts submitVisit answers the page saw (received / duplicate / conflict / refused). */
async function countAnswer(postData: string | null, json: () => Promise<unknown>): Promise<void> {
  if (!postData?.includes('"submitVisit"')) return;
  try {
    const body = (await json()) as { ok: boolean; data?: { status: 'received' | 'duplicate' | 'conflict' } };
    if (body.ok && body.data) figures.submits[body.data.status] += 1;
    else figures.submits.failed += 1;
  } catch {
    /* the answer was dropped or cut by a kill */
  }
}

/** `/functions/visits`: a submit of an armed record is committed by the server, then its answer dropped. */
async function onVisitsCall(route: Route): Promise<void> {
  const post = route.request().postData() ?? '';
  if (process.env.SGZ_OUTBOX_DEBUG) console.log('visits call', post.slice(0, 120), [...dropArmed]);
  const armed = [...dropArmed].find((id) => post.includes('"submitVisit"') && post.includes(`"${id}"`));
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
    payload: { address?: string };
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

/** Files of the station the visits are about (each with a household, so the form prefills its address). */
async function seedPersons(n: number): Promise<string[]> {
  const today = beijingDay(new Date());
  const ids: string[] = [];
  for (let i = 0; i < n; i += 1) {
    const personId = `e2e-cycle-person-${i}`;
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

/** 提交 took the worker off the form: the URL changed and the page it went to is up (no router transition left). */
async function leftForm(): Promise<void> {
  await page.waitForURL((u) => !u.hash.includes(FORM), { timeout: 15_000 });
  await page
    .locator('input[aria-label="走访地址"]')
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

/** Step 1: a new record from a file, online; returns its id (made by the form, read from the outbox). */
async function capture(cycle: number, personId: string): Promise<Expected> {
  const address = `新村街社区 ${cycle} 号楼 第1版`;
  const living = `第 ${cycle} 次走访：居住环境整洁（第1版）`;
  // A query seen before may bring back a cached page: each opening is made unique.
  if (page.url().includes('#/')) await go(`${FORM}?personId=${personId}&c=${cycle}`);
  else await open(`${FORM}?personId=${personId}`);
  await field('走访地址', 'input').waitFor({ state: 'visible', timeout: 15_000 });
  await field('走访地址', 'input').fill(address);
  await field('居住环境方面的情况', 'textarea').fill(living);
  await tap('无法定位，填写原因');
  await field('未定位原因', 'input').fill('楼道内没有信号');
  await field('未签字原因', 'input').fill('老人视力不好，由家属口头确认');
  await tap('提交');
  await leftForm();
  const item = (await outboxItems()).find((i) => i.payload.address === address);
  if (!item) throw new Error(`cycle ${cycle}: 提交 left the form but the record is not in the outbox`);
  return { cycle, id: item.id, address, living };
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
  await go(`${FORM}?id=${e.id}&c=${e.cycle}`);
  const address = e.address.replace('第1版', '第2版');
  const living = e.living.replace('第1版', '第2版');
  await field('走访地址', 'input').waitFor({ state: 'visible', timeout: 15_000 });
  await field('走访地址', 'input').fill(address);
  await field('居住环境方面的情况', 'textarea').fill(living);
  await saved();
  if (RELOAD_ONLINE) await setOffline(false);
  if (e.cycle % 2 === 0) {
    figures.reloads += 1;
    await page.reload();
  } else {
    figures.closes += 1;
    await page.close();
    page = await newPage();
    await open(`${FORM}?id=${e.id}`);
  }
  await field('走访地址', 'input').waitFor({ state: 'visible', timeout: 15_000 });
  if (RELOAD_ONLINE) await setOffline(true);
  expect(await field('走访地址', 'input').inputValue()).toBe(address);
  expect(await field('居住环境方面的情况', 'textarea').inputValue()).toBe(living);
  await tap('提交');
  await leftForm();
  return { ...e, address, living };
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

it(`${CYCLES} cycles of capture → offline → edit → reload/close → online lose and duplicate nothing`, async () => {
  const started = Date.now();
  await login('demo-head-tanggu');
  await call('files', 'updateCommunities', { stationId: STATION, communities: ['新村街社区'] });
  await login(WORKER);
  const persons = await seedPersons(5);
  const expected: Expected[] = [];
  for (let cycle = 1; cycle <= CYCLES; cycle += 1) {
    try {
      const t0 = Date.now();
      const first = await capture(cycle, persons[cycle % persons.length]);
      const t1 = Date.now();
      const last = await editOffline(first);
      const t2 = Date.now();
      await backOnline(last);
      if (process.env.SGZ_OUTBOX_DEBUG)
        console.log(`cycle ${cycle}: capture ${t1 - t0} ms, edit ${t2 - t1} ms, sync ${Date.now() - t2} ms`);
      expected.push(last);
    } catch (err) {
      await shot(page, 'outbox-cycles-failure').catch(() => undefined);
      const text = await page
        .locator('body')
        .innerText()
        .catch(() => '');
      throw new Error(
        `cycle ${cycle} (offline: ${network.offline}): ${String(err)}\npage: ${text.slice(0, 600)}`,
      );
    }
    figures.cycles = cycle;
  }
  await allSynced(expected.map((e) => e.id));

  // What the server has, read with the admin SDK from the emulator's database.
  const db = databaseFor(app.sdkEnv);
  const docs: { _id: string; version: number; address: string | null; living: string | null }[] = [];
  for (let skip = 0; ; skip += 100) {
    const batch = await run(
      db
        .collection('visits')
        .where({ stationId: STATION })
        .field({ _id: true, version: true, address: true, findings: true })
        .skip(skip)
        .limit(100)
        .get(),
    );
    for (const d of batch.data) {
      const findings = (d.findings ?? {}) as { living?: unknown };
      docs.push({
        _id: String(d._id),
        version: Number(d.version),
        address: typeof d.address === 'string' ? d.address : null,
        living: typeof findings.living === 'string' ? findings.living : null,
      });
    }
    if (batch.data.length < 100) break;
  }
  const conflicts = await run(db.collection('visit_conflicts').where({ stationId: STATION }).count());
  figures.records = docs.length;
  figures.conflicts = conflicts.total;
  for (const e of expected) {
    const same = docs.filter((d) => d.address?.includes(` ${e.cycle} 号楼 `));
    const doc = docs.find((d) => d._id === e.id);
    if (!doc) figures.lost += 1;
    if (same.length > 1) figures.duplicatedRecords += same.length - 1;
    if (doc && (doc.address !== e.address || doc.living !== e.living)) {
      figures.staleRecords += 1;
      problems.push(
        `cycle ${e.cycle}: the server has ${JSON.stringify(doc)}, the last edit was ${e.address}`,
      );
    }
  }
  const kept = await outboxItems();
  if (process.env.SGZ_OUTBOX_DEBUG)
    console.log(
      kept.map((i) => `${i.id} ${i.status} v${i.version} acked ${i.ackedVersion} ${i.payload.address}`),
    );
  const left = kept.filter((i) => i.status !== 'synced');
  figures.stuckInOutbox = left.length;
  figures.durationMs = Date.now() - started;
  figures.perCycleMs = Math.round(figures.durationMs / Math.max(1, figures.cycles));

  fs.mkdirSync(SHOT_DIR, { recursive: true });
  fs.writeFileSync(path.join(SHOT_DIR, 'outbox-cycles.json'), `${JSON.stringify(figures, null, 2)}\n`);
  console.log(`outbox cycles: ${JSON.stringify(figures)}`);

  expect(problems).toEqual([]);
  expect(left).toEqual([]);
  expect(figures).toMatchObject({
    lost: 0,
    duplicatedRecords: 0,
    staleRecords: 0,
    conflicts: 0,
    records: CYCLES,
  });
  expect(figures.submits.failed).toBe(0);
  expect(figures.drops).toBe(expected.filter((e) => e.cycle % DROP_EVERY === 1).length);
  // Every dropped answer came back as `duplicate` on the resend.
  expect(figures.submits.duplicate).toBeGreaterThanOrEqual(figures.drops);
});
