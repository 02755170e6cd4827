/**
 * Casework (个案, issue 11) as a social worker and the station head do it, in Debian
 * Chromium at a phone size (375×812), in normal mode and in 关怀模式: the worker opens
 * a case from a person's file (开个案), fills the stage records (each saved as it is
 * typed: 已保存 once the server stored it) and moves the case through 接案 → 预估 →
 * 计划; the head approves the plan from 个案待审批; the worker writes an intervention
 * note WITHOUT SIGNAL (it waits on the phone, 待同步 1) which arrives exactly once when
 * the network is back; then 评估 and 结案, and the head approves the closure.
 * Each screen passes axe (no critical or serious violation) and is saved under
 * tests/artifacts/e2e/cases-<mode>-NN-*.png.
 *
 * The offline/online cycles of case notes are in outbox-cycles.test.ts (kind caseNote).
 */
import AxeBuilder from '@axe-core/playwright';
import { addDays, beijingDay } from '@sgz/shared';
import type { BrowserContext } from 'playwright-core';
import { databaseFor } from '../../scripts/seed';
import { startApp } from './app';
import { launchBrowser, shot, type Page } from './browser';
import { offlineSwitch } from './offline';
import { appSession } from './session';

const network = offlineSwitch(() => browser);
const setOffline = (value: boolean) => network.set(value);

jest.setTimeout(420_000);

let app: Awaited<ReturnType<typeof startApp>>;
let browser: BrowserContext;
let closeBrowser: () => Promise<void>;
let page: Page;

const WORKER = 'demo-worker-tanggu';
const HEAD = 'demo-head-tanggu';

beforeAll(async () => {
  app = await startApp();
  ({ browser, close: closeBrowser } = await launchBrowser());
  page = await browser.newPage();
  await page.setViewportSize({ width: 375, height: 812 });
});
afterEach(async () => {
  if (browser) await setOffline(false);
});
afterAll(async () => {
  await closeBrowser?.();
  await app?.stop();
});

const { loginAs, open, visible, settle, call } = appSession(
  () => page,
  () => app.url,
);

/** axe on the page as shown: no critical or serious violation. */
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

/** A full screenshot (the page scrolls inside Taro's container: the viewport is made tall for it). */
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

/** Checks and saves a screen. */
async function screen(name: string, tall = false): Promise<void> {
  await settle();
  await accessible(name);
  if (tall) await tallShot(name);
  else await shot(page, name);
}

const field = (label: string, tag: 'input' | 'textarea') =>
  page.locator(`${tag}[aria-label="${label}"]`).filter({ visible: true }).first();
/** A button whose whole text is `text` (接案 is also part of 填写接案记录 and 不予接案). */
const tap = (text: string) =>
  page
    .locator('.sgz-button')
    .filter({ hasText: new RegExp(`^\\s*${text}\\s*$`) })
    .filter({ visible: true })
    .first()
    .click();
const confirmDialog = () => page.locator('.sgz-dialog__confirm').filter({ visible: true }).first().click();
const stored = () =>
  page
    .locator('.vf-save-status', { hasText: /^已保存（\d\d:\d\d）$/ })
    .filter({ visible: true })
    .first()
    .waitFor({ state: 'visible', timeout: 15000 });

/** The case page's status badge says `label`. */
const status = (label: string) => visible(new RegExp(`^${label}$`));

/** A move from the case page: the button, the themed dialog, the new status. */
async function move(button: string, after: string, shotName?: string): Promise<void> {
  await tap(button);
  await visible(`${button}吗？`);
  if (shotName) await screen(shotName);
  await confirmDialog();
  await status(after);
}

/** Opens a stage form from the case page, fills it, waits for 已保存, returns to the case. */
async function stage(button: string, fill: () => Promise<void>, shotName: string): Promise<void> {
  await tap(button);
  await page.waitForURL(/worker\/case-stage\/index/, { timeout: 15000 });
  await fill();
  await stored();
  await screen(shotName, true);
  await tap('填好了，回到个案');
  await page.waitForURL(/worker\/case\/index/, { timeout: 15000 });
}

async function seedPerson(personId: string, name: string): Promise<void> {
  await loginAs(HEAD);
  await call('files', 'updateCommunities', { stationId: 'st-tanggu', communities: ['新村街社区'] });
  await loginAs(WORKER);
  await call('files', 'createPerson', {
    personId,
    name,
    stationId: 'st-tanggu',
    birthYear: 1944,
    sex: '女',
    community: '新村街社区',
    livingSituation: '独居',
    categories: ['独居', '高龄'],
    risk: '高风险',
    lastVisitDay: addDays(beijingDay(new Date()), -5),
  });
}

/** Signs in as `openid`, in 关怀模式 when `care` (a per-user setting: turned on once per user). */
async function signIn(openid: string, care: boolean): Promise<void> {
  await loginAs(openid);
  if (!care) return;
  await open('/pages/mine/index');
  const row = page.locator('.mine__care-row').filter({ visible: true }).first();
  await row.waitFor({ state: 'visible', timeout: 15000 });
  if ((await row.getAttribute('aria-checked')) !== 'true') await row.click();
  await visible('已开启');
}

async function caseFlow(mode: 'normal' | 'care', personId: string, masked: string): Promise<void> {
  const name = (n: string) => `cases-${mode}-${n}`;
  const care = mode === 'care';
  await signIn(WORKER, care);
  const today = beijingDay(new Date());

  // 1. The file: 开个案.
  await open(`/subpackages/worker/person/index?id=${personId}`);
  await visible('没有您可以查看的个案');
  await tap('开个案');
  await page.waitForURL(/worker\/case-open\/index\?personId=/, { timeout: 15000 });
  await visible(`${masked} ✕`);
  await field('主要问题', 'textarea').fill('独居，跌倒后不敢出门，情绪低落');
  await screen(name('01-open'), true);
  await tap('开案');
  await page.waitForURL(/worker\/case\/index\?id=/, { timeout: 15000 });
  const caseId = decodeURIComponent(/worker\/case\/index\?id=([^&]+)/.exec(page.url())?.[1] ?? '');
  expect(caseId).not.toBe('');
  await status('接案中');
  await screen(name('02-case-intake'), true);

  // 2. 接案: consent recorded, then the move.
  await stage(
    '填写接案记录',
    async () => {
      await page.getByRole('switch', { name: '服务对象已同意接受服务' }).filter({ visible: true }).click();
      await page.getByRole('radio', { name: '口头同意' }).filter({ visible: true }).first().click();
      await field('同意日期', 'input').fill(today);
    },
    name('03-intake-form'),
  );
  await move('接案', '预估中', name('04-accept-dialog'));

  // 3. 预估.
  await stage(
    '填写预估记录',
    async () => {
      await field('个人层面的需求', 'textarea').fill('行动不便，需要康复训练');
      await field('第 1 个问题', 'input').fill('跌倒风险');
      await field('事实情况', 'textarea').fill('卫生间地面湿滑，没有扶手');
      await field('专业判断', 'textarea').fill('有轻度抑郁倾向');
    },
    name('05-assessment-form'),
  );
  await move('完成预估', '制定计划');

  // 4. 计划, submitted for approval.
  await stage(
    '填写计划记录',
    async () => {
      await field('目标 1', 'input').fill('每周外出活动两次');
      await field('目标 1 的衡量方法', 'input').fill('社工记录每周外出次数');
      await field('介入策略', 'textarea').fill('链接康复资源，组织邻里互助小组');
      await field('计划开始日期', 'input').fill(today);
      await field('计划结束日期', 'input').fill(addDays(today, 60));
      await page.getByRole('switch', { name: '服务对象已同意这份计划' }).filter({ visible: true }).click();
      await page.getByRole('radio', { name: '书面签字' }).filter({ visible: true }).first().click();
    },
    name('06-plan-form'),
  );
  await move('提交计划审批', '计划待审批');

  // 5. The head approves the plan from 个案待审批 (the home says how many wait).
  await signIn(HEAD, care);
  await open('/subpackages/head/index/index');
  await visible(/个案待审批（\d+ 个）/);
  await screen(name('07-head-home'));
  await tap('个案待审批（\\d+ 个）');
  await page.waitForURL(/head\/approvals\/index/, { timeout: 15000 });
  await visible('批准计划');
  await screen(name('08-approvals'));
  await tap('退回计划');
  await visible('退回这份服务计划吗？');
  await confirmDialog();
  await visible('⚠ 请填写原因，方便社工了解情况');
  await screen(name('09-refuse-needs-reason'));
  await page.locator('.sgz-dialog__buttons .sgz-dialog__cancel').filter({ visible: true }).click();
  await page
    .locator('.ha-item', { hasText: masked })
    .filter({ visible: true })
    .first()
    .locator('.sgz-button', { hasText: '批准计划' })
    .click();
  await confirmDialog();
  await visible('✓ 已批准计划');

  // 6. The worker writes a note WITHOUT SIGNAL: it waits on the phone, then arrives once.
  await signIn(WORKER, care);
  await open(`/subpackages/worker/case/index?id=${caseId}`);
  await status('介入中');
  await tap('写介入记录');
  await page.waitForURL(/worker\/case-note\/index\?caseId=/, { timeout: 15000 });
  await setOffline(true);
  const done = `${mode}：陪同老人到社区活动中心参加手工小组`;
  await field('服务时长（分钟）', 'input').fill('45');
  await field('服务内容', 'textarea').fill(done);
  await field('进展', 'textarea').fill('老人主动和邻居聊天');
  await page
    .locator('.vf-save-status', { hasText: '已保存（仅在本机）' })
    .filter({ visible: true })
    .waitFor();
  await screen(name('10-note-offline'), true);
  await tap('提交');
  await page.waitForURL(/worker\/case\/index\?id=/, { timeout: 15000 });
  await visible(/（在本机）/);
  await screen(name('11-case-note-waiting'), true);
  await page.evaluate(() => {
    window.location.hash = '/subpackages/worker/outbox/index';
  });
  await visible(/待同步 1/);
  await visible('个案介入记录');
  await screen(name('12-outbox-note-waiting'));
  await setOffline(false);
  await tap('立即同步');
  await visible('已同步', 20000);
  await screen(name('13-outbox-note-synced'));
  const notes = (await call('cases', 'listCaseNotes', { caseId })) as { items: { done: string }[] };
  expect(notes.items.map((n) => n.done)).toEqual([done]);
  const db = databaseFor(app.sdkEnv);
  const stored = (await db.collection('case_notes').where({ caseId }).count()) as { total: number };
  expect(stored.total).toBe(1);

  // 7. 评估 and 结案.
  await open(`/subpackages/worker/case/index?id=${caseId}`);
  await visible(done);
  await move('开始评估', '评估中');
  await stage(
    '填写评估记录',
    async () => {
      await page.getByRole('radio', { name: '达成', exact: true }).filter({ visible: true }).first().click();
      await field('服务对象的反馈', 'textarea').fill('愿意继续参加小组');
    },
    name('14-evaluation-form'),
  );
  await move('开始结案', '结案中');
  await stage(
    '填写结案记录',
    async () => {
      await page.getByRole('radio', { name: '目标达成' }).filter({ visible: true }).first().click();
      await field('结案小结', 'textarea').fill('目标达成，老人每周外出两次以上');
      await field('回访日期', 'input').fill(addDays(today, 30));
    },
    name('15-closure-form'),
  );
  await move('提交结案审批', '结案待审批');

  // 8. The head approves the closure from the case page itself.
  await signIn(HEAD, care);
  await open(`/subpackages/worker/case/index?id=${caseId}`);
  await move('批准结案', '已结案');
  await screen(name('16-closed'), true);

  // 9. The worker's list: the case under 结案 (已结案 filter).
  await signIn(WORKER, care);
  await open('/subpackages/worker/cases/index');
  await visible('等我处理');
  await page.getByRole('radio', { name: '已结案' }).filter({ visible: true }).first().click();
  await visible(masked);
  await screen(name('17-my-cases'));
}

it('a case through the six stages, the head approving plan and closure, a note written offline (normal mode)', async () => {
  await seedPerson('e2e-case-normal', '王淑芬');
  await caseFlow('normal', 'e2e-case-normal', '王**');
});

it('the same in 关怀模式', async () => {
  await seedPerson('e2e-case-care', '赵玉珍');
  await caseFlow('care', 'e2e-case-care', '赵**');
});
