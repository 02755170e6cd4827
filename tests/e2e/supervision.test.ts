/**
 * Supervision hours and 学时 (issue 12) as the supervisor, the station heads and a
 * worker do them, in Debian Chromium at a phone size (375×812), in normal mode and
 * in 关怀模式:
 * - the supervisor records a group session for two stations (塘沽, 新河) on 记录督导;
 *   塘沽's head confirms it, 新河's head disputes it with a reason; each head's
 *   资质与学时 counts only the confirmed hours; the supervisor sees both answers.
 * - a worker records a training (学时) without signal: it waits on the phone, is sent
 *   once the network is back (one record on the server), the head confirms it and
 *   the worker's counter moves.
 * Each screen passes axe (no critical or serious violation) and is saved under
 * tests/artifacts/e2e/supervision-<mode>-NN-*.png.
 */
import AxeBuilder from '@axe-core/playwright';
import { beijingDay, formatBeijing, PRIVACY_NOTICE_VERSION } from '@sgz/shared';
import type { BrowserContext } from 'playwright-core';
import { userIdFor } from '../../cloudfunctions/_lib/authz';
import { COLLECTIONS } from '../../shared/src/collections';
import { databaseFor } from '../../scripts/seed';
import { startApp } from './app';
import { launchBrowser, shot, type Page } from './browser';
import { offlineSwitch } from './offline';
import { appSession } from './session';

const network = offlineSwitch(() => browser);

jest.setTimeout(300_000);

let app: Awaited<ReturnType<typeof startApp>>;
let browser: BrowserContext;
let closeBrowser: () => Promise<void>;
let page: Page;

/** The head of 新河 (no demo account): an anonymous dev login made a station head in the database. */
const HEAD_XINHE = 'dev-anon-e2e-head-xinhe';

beforeAll(async () => {
  app = await startApp();
  ({ browser, close: closeBrowser } = await launchBrowser());
  page = await browser.newPage();
  await page.setViewportSize({ width: 375, height: 812 });
  await databaseFor(app.sdkEnv)
    .collection(COLLECTIONS.users)
    .add({
      data: {
        _id: userIdFor(HEAD_XINHE),
        openid: HEAD_XINHE,
        role: 'station_head',
        stationId: 'st-xinhe',
        stationIds: [],
        active: true,
        name: '新河站长',
        privacyNotice: { version: PRIVACY_NOTICE_VERSION, acceptedAt: new Date() },
      },
    });
});
afterEach(async () => {
  if (browser) await network.set(false);
});
afterAll(async () => {
  await closeBrowser?.();
  await app?.stop();
});

const { loginAs, open, visible, settle, call } = appSession(
  () => page,
  () => app.url,
);

async function accessible(name: string): Promise<void> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  const bad = result.violations
    .filter((v) => v.impact === 'critical' || v.impact === 'serious')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(' | ')}`,
    );
  expect({ page: name, violations: bad }).toEqual({ page: name, violations: [] });
}

async function tallShot(name: string): Promise<void> {
  const height = await page.evaluate(() =>
    Math.max(
      ...Array.from(document.querySelectorAll('.taro_page, .sgz-page, body')).map((e) => e.scrollHeight),
    ),
  );
  await page.setViewportSize({ width: 375, height: Math.min(Math.max(height, 812), 6000) });
  await settle();
  await shot(page, name);
  await page.setViewportSize({ width: 375, height: 812 });
}

/** axe, then a full screenshot. */
async function screen(name: string): Promise<void> {
  await settle();
  await accessible(name);
  await tallShot(name);
}

const field = (label: string, tag: 'input' | 'textarea' = 'input') =>
  page.locator(`${tag}[aria-label="${label}"]`).filter({ visible: true }).first();
const tap = (text: string | RegExp) =>
  page.locator('.sgz-button', { hasText: text }).filter({ visible: true }).first().click();
const choose = (role: 'radio' | 'checkbox', text: string | RegExp) =>
  page.locator(`[role="${role}"]`, { hasText: text }).filter({ visible: true }).first().click();
/** A button inside the card that shows `cardText`. */
const tapIn = (cardText: string, button: string | RegExp) =>
  page
    .locator('.sv-card', { hasText: cardText })
    .filter({ visible: true })
    .first()
    .locator('.sgz-button', { hasText: button })
    .first()
    .click();

/** Sets the device's 关怀模式 choice (Taro's storage format), read by the next load. */
async function setCareMode(on: boolean): Promise<void> {
  await page.evaluate((value) => localStorage.setItem('sgz.careMode', JSON.stringify({ data: value })), on);
}

/** A session time today when the day is far enough along (else yesterday: never in the future). */
function sessionDay(): { day: string; start: string; end: string } {
  const now = new Date();
  const hour = Number(formatBeijing(now).slice(11, 13));
  const day = hour >= 4 ? beijingDay(now) : beijingDay(new Date(now.getTime() - 86_400_000));
  return { day, start: '01:00', end: '03:00' };
}

interface Standing {
  summary: { supervision: { confirmedHours: number; disputedCount: number } };
}

async function supervisionFlow(mode: 'normal' | 'care', hours: string, project: string): Promise<void> {
  const name = (n: string) => `supervision-${mode}-${n}`;
  await loginAs('demo-head-tanggu');
  const before = await call('supervision', 'getStationSummary', { stationId: 'st-tanggu' });
  const tangguBefore = (before as unknown as Standing).summary.supervision.confirmedHours;

  // 1. The supervisor's home: 记录督导, the assigned stations.
  await loginAs('demo-supervisor-1');
  await open('/subpackages/supervisor/index/index');
  await visible('我督导的社工站');
  await visible(/塘沽/);
  await screen(name('01-supervisor-home'));

  // 2. 记录督导: a group session for 塘沽 and 新河, hours in half-hour steps.
  await tap('记录督导');
  await page.waitForURL(/supervisor\/session\/index/, { timeout: 15000 });
  await field('督导日期').waitFor({ state: 'visible', timeout: 15000 });
  const t = sessionDay();
  await field('督导日期').fill(t.day);
  await field('开始时间').fill(t.start);
  await field('结束时间').fill(t.end);
  await visible('钟点：01:00–03:00，共 2 小时');
  await field('督导时长').fill('1.3');
  await visible('督导时长请按半小时填写，例如 1.5 小时');
  await field('督导时长').fill(hours);
  await choose('radio', '团体');
  await choose('checkbox', /塘沽/);
  await choose('checkbox', /新河/);
  await visible(/（塘沽.*· 社工）/);
  await choose('checkbox', /（塘沽.*· 社工）/);
  await field('督导项目').fill(project);
  await field('督导主题 1').fill('高风险个案的跟进');
  await field('督导意见', 'textarea').fill('高风险对象每周电话联系一次。');
  await visible('已保存（仅在本机）');
  await screen(name('02-session-form'));
  await tap('提交督导记录');
  await page.waitForURL((u) => !u.hash.includes('supervisor/session/index'), { timeout: 15000 });

  // 3. Sent (the outbox flushes on save; the list shows it once sent): both stations 待确认.
  await page
    .locator('[aria-label^="督导记录"]', { hasText: project })
    .filter({ visible: true })
    .first()
    .waitFor({ timeout: 20000 });
  await visible(/新河.*：○ 待确认/);
  await screen(name('03-supervisor-sent'));

  // 4. 塘沽's head: the count on the home, 确认 on 待确认.
  await loginAs('demo-head-tanggu');
  await open('/subpackages/head/index/index');
  await visible(/督导与学时待确认（\d+ 条）/);
  await screen(name('04-head-home'));
  await tap(/督导与学时待确认/);
  await page.waitForURL(/head\/confirmations\/index/, { timeout: 15000 });
  await page
    .locator('.sv-card', { hasText: project })
    .filter({ visible: true })
    .first()
    .waitFor({ timeout: 15000 });
  await screen(name('05-head-confirmations'));
  await tapIn(project, /^确认$/);
  await visible('已确认这次督导，计入本站督导时长');

  // 5. 新河's head disputes it: a reason is required.
  await loginAs(HEAD_XINHE);
  await open('/subpackages/head/confirmations/index');
  await page
    .locator('.sv-card', { hasText: project })
    .filter({ visible: true })
    .first()
    .waitFor({ timeout: 15000 });
  await tapIn(project, '有异议');
  await visible('对这次督导有异议吗？');
  await page.locator('.sgz-dialog__confirm').click();
  await visible('请填写异议原因');
  await field('异议原因', 'textarea').fill('当天本站社工在外参加培训，没有参加');
  await screen(name('06-dispute-dialog'));
  await page.locator('.sgz-dialog__confirm').click();
  await visible(/已提出异议/);

  // 6. Each head's 资质与学时 counts only what that head confirmed.
  await open('/subpackages/head/standing/index');
  await visible('已确认督导：0 / 30 小时（0%），还差 30 小时');
  await visible(/有异议 [1-9]\d* 次（不计入）/);
  await screen(name('07-standing-xinhe'));
  await loginAs('demo-head-tanggu');
  await open('/subpackages/head/standing/index');
  const after = tangguBefore + Number(hours);
  await visible(new RegExp(`已确认督导：${String(after).replace('.', '\\.')} / 30 小时`));
  await screen(name('08-standing-tanggu'));

  // 7. The supervisor sees both answers, the dispute with its reason.
  await loginAs('demo-supervisor-1');
  await open('/subpackages/supervisor/index/index');
  await visible(/塘沽.*：✓ 已确认/);
  await visible(/新河.*：⚠ 有异议（原因：当天本站社工在外参加培训，没有参加）/);
  await screen(name('09-supervisor-answers'));
}

async function trainingFlow(mode: 'normal' | 'care', hours: string, course: string): Promise<void> {
  const name = (n: string) => `supervision-${mode}-${n}`;
  await loginAs('demo-worker-tanggu');
  const me = (await call('accounts', 'whoAmI', {})) as { userId: string };
  const summary0 = (await call('supervision', 'getTrainingSummary', {})) as {
    summary: { yearHours: number };
  };
  const before = summary0.summary.yearHours;

  // 1. 我的学时 from the worker's home.
  await open('/subpackages/worker/index/index');
  await tap('我的学时');
  await page.waitForURL(/worker\/hours\/index/, { timeout: 15000 });
  await visible(/年已确认学时：/);
  await screen(name('10-my-hours'));

  // 2. 记录培训 without signal: kept on the phone.
  await tap('记录培训');
  await page.waitForURL(/worker\/training\/index/, { timeout: 15000 });
  await field('课程名称').waitFor({ state: 'visible', timeout: 15000 });
  await field('课程名称').fill(course);
  await field('主办单位').fill('滨海新区民政局');
  await choose('radio', '继续教育');
  await choose('radio', '面授');
  await field('学时').fill(hours);
  await visible('已保存（仅在本机）');
  await screen(name('11-training-form'));
  await network.set(true);
  await tap('提交学时记录');
  await page.waitForURL((u) => !u.hash.includes('worker/training/index'), { timeout: 15000 });
  await visible('本机上的学时记录（1 条）');
  await screen(name('12-hours-waiting'));

  // 3. The network back: sent from 待同步记录, exactly once on the server.
  await network.set(false);
  await open('/subpackages/worker/outbox/index');
  await tap('立即同步');
  await visible('已同步', 20000);
  const mine = (await call('supervision', 'listTraining', { limit: 50 })) as {
    items: { course: string; status: string; workerId: string }[];
  };
  expect(mine.items.filter((r) => r.course === course)).toEqual([
    expect.objectContaining({ course, status: 'pending', workerId: me.userId }),
  ]);

  // 4. The head confirms it.
  await loginAs('demo-head-tanggu');
  await open('/subpackages/head/confirmations/index');
  await page
    .locator('.sv-card', { hasText: course })
    .filter({ visible: true })
    .first()
    .waitFor({ timeout: 15000 });
  await tapIn(course, /^确认$/);
  await visible(/已确认.*的学时/);
  await screen(name('13-head-confirmed-training'));

  // 5. The worker's counter moved.
  await loginAs('demo-worker-tanggu');
  await open('/subpackages/worker/hours/index');
  const after = before + Number(hours);
  await visible(new RegExp(`年已确认学时：${String(after).replace('.', '\\.')} / 30 学时`));
  await visible(/✓ 已确认/);
  await screen(name('14-my-hours-moved'));
}

it('sessions for two stations: confirmed and disputed, only confirmed hours count (normal mode)', async () => {
  await supervisionFlow('normal', '2', '困境儿童个案管理（常规）');
});

it('a training recorded offline arrives once and moves the counter once confirmed (normal mode)', async () => {
  await trainingFlow('normal', '3', '老年人危机干预（常规）');
});

it('the same in 关怀模式', async () => {
  await open('/pages/mine/index');
  await setCareMode(true);
  await supervisionFlow('care', '1.5', '困境儿童个案管理（关怀）');
  await trainingFlow('care', '2.5', '老年人危机干预（关怀）');
});
