/**
 * E2E (issue 14): the district bureau's pages, H5 build on the emulator in Chromium, at a
 * phone (375×812) and at a PC (1280×800: bureau staff open the mini-program in WeChat on
 * a PC), each in normal mode and in 关怀模式. The district admin edits 塘沽's station
 * record (a bad phone refused beside its field, then saved) and sees the change in the
 * history; saves a quota policy (a past first day refused, a later one saved); opens the
 * qualification registry; approves an outstanding-worker story and sees it on the
 * resident's station page, withdraws it and sees it gone.
 * Screenshots under tests/artifacts/e2e/district-*.png.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { launchBrowser, shot } from './browser';
import { appSession } from './session';
import { startApp } from './app';

let app: Awaited<ReturnType<typeof startApp>>;
let browser: BrowserContext;
let closeBrowser: () => Promise<void>;
let page: Page;
/** The account id of demo-worker-tanggu (the outstanding-worker story names them). */
let workerId = '';

beforeAll(async () => {
  app = await startApp();
  ({ browser, close: closeBrowser } = await launchBrowser());
  page = await browser.newPage();
  // The worker's account exists (the outstanding-worker story names them).
  await session.loginAs('demo-worker-tanggu');
  workerId = String((await session.call('accounts', 'whoAmI', {})).userId);
});
afterAll(async () => {
  await closeBrowser?.();
  await app?.stop();
});

const session = appSession(
  () => page,
  () => app.url,
);
const { loginAs, open, visible, settle } = session;

const shown = (selector: string, hasText?: string | RegExp) =>
  page
    .locator(selector, hasText ? { hasText } : undefined)
    .filter({ visible: true })
    .first();
const field = (label: string) => shown(`input[aria-label="${label}"]`);

/** A screenshot with `text` scrolled into view (the page scrolls inside Taro's page container). */
async function shotAt(text: string | RegExp, name: string): Promise<void> {
  await page.getByText(text).filter({ visible: true }).first().scrollIntoViewIfNeeded();
  await settle();
  await shot(page, name);
}

/** Sets the device's 关怀模式 choice (Taro's storage format) before the next load. */
async function setCareMode(on: boolean): Promise<void> {
  await page.evaluate((value) => {
    localStorage.setItem('sgz.careMode', JSON.stringify({ data: value }));
  }, on);
}

async function record(prefix: string, run: number): Promise<void> {
  await open('/subpackages/district/records/index');
  await visible('塘沽街道社工站');
  await settle();
  await shot(page, `${prefix}-01-records-list`);

  await open('/subpackages/district/records/index?stationId=st-tanggu');
  await visible('建设节点（通知要求的完成时间）');
  await field('运营单位联系电话').fill('12345');
  await shown('.sgz-button', '保存').click();
  await visible('⚠ 运营单位联系电话格式不对，请填写 11 位手机号或带区号的座机号');
  await shotAt('运营单位名称', `${prefix}-02-record-phone-refused`);

  const operator = `滨海新区示例社会工作服务中心${run}`;
  await field('运营单位联系电话').fill('022-2532 1234');
  await shown('[aria-label="运营方式"] .sgz-choice', '政府购买').click();
  await field('运营单位名称').fill(operator);
  await field('建设方案报区民政局备案完成日期').fill('2022-04-20');
  await shown('.sgz-button', '保存').click();
  await visible('✓ 已保存，修改记录已更新');
  await visible(new RegExp(`运营单位：.*→ ${operator}$`));
  await shotAt(new RegExp(`运营单位：.*→ ${operator}$`), `${prefix}-03-record-saved-history`);
}

async function policy(prefix: string, run: number): Promise<void> {
  await open('/subpackages/district/policies/index');
  await visible('登记新的指标政策');
  await field('生效日期').fill('2020-01-01');
  await shown('.sgz-button', '保存指标政策').click();
  await visible(/⚠ 生效日期不能早于今天（\d{4}-\d{2}-\d{2}）：已经执行的年度指标不能改写/);
  await shotAt(/⚠ 生效日期不能早于今天/, `${prefix}-04-policy-past-refused`);

  const day = `${2040 + run}-01-01`;
  await field('生效日期').fill(day);
  await field('每站每年结案个案数（个）').fill('3');
  await shown('.sgz-button', '保存指标政策').click();
  await visible(`✓ 已保存：${day} 起生效`);
  await visible(`${day} 起生效 · ○ 尚未生效（同一日期可重新保存替换）`);
  await shotAt(`${day} 起生效 · ○ 尚未生效（同一日期可重新保存替换）`, `${prefix}-05-policy-saved`);
}

async function registry(prefix: string): Promise<void> {
  await open('/subpackages/district/registry/index');
  await visible(/持证社工/);
  await settle();
  await shot(page, `${prefix}-06-registry`);
}

async function story(prefix: string, run: number): Promise<void> {
  const title = `扎根社区的好社工${run}`;
  await session.call('district', 'submitStory', {
    storyId: `e2e-story-000${run}`,
    stationId: 'st-tanggu',
    kind: 'outstanding_worker',
    title,
    text: '三年来走访困难家庭两百余户，帮助独居老人重新走出家门。',
    workerId,
    workerConsent: true,
  });
  await open('/subpackages/district/stories/index');
  await visible(`优秀社工：${title}`);
  await settle();
  await shot(page, `${prefix}-07-story-pending`);
  await shown('.wk__item', title).locator('.sgz-button', { hasText: '审核通过并发布' }).click();
  await visible(`✓ 已发布“${title}”，居民现在可以在社工站页面上看到`);

  await open('/pages/station/index?id=st-tanggu');
  await visible(title);
  await shotAt(title, `${prefix}-08-station-story-shown`);

  await open('/subpackages/district/stories/index');
  await shown('.sgz-choice', '已发布').click();
  await visible(`优秀社工：${title}`);
  await shown('.wk__item', title)
    .locator('.sgz-button', { hasText: /^撤下$/ })
    .click();
  const dialog = shown('[role="dialog"]');
  await dialog.locator('textarea').fill('内容需要修改后再发布');
  await settle();
  await shot(page, `${prefix}-09-story-withdraw-dialog`);
  await dialog.locator('.sgz-dialog__confirm').click();
  await visible(`✓ 已撤下“${title}”，居民不再看到它`);

  await open('/pages/station/index?id=st-tanggu');
  await visible('一站一品（特色服务）');
  await page.waitForLoadState('networkidle', { timeout: 5000 }).catch(() => undefined);
  await settle();
  expect(await page.getByText(title).filter({ visible: true }).count()).toBe(0);
  await shot(page, `${prefix}-10-station-story-gone`);
}

const RUNS = [
  { width: 375, height: 812, care: false, name: 'phone-normal' },
  { width: 1280, height: 800, care: false, name: 'pc-normal' },
  { width: 375, height: 812, care: true, name: 'phone-care' },
  { width: 1280, height: 800, care: true, name: 'pc-care' },
] as const;

RUNS.forEach((r, i) => {
  it(`records with history, the policy editor, the registry and stories (${r.name})`, async () => {
    await page.setViewportSize({ width: r.width, height: r.height });
    await loginAs('demo-admin-1');
    await open('/pages/mine/index');
    await setCareMode(r.care);
    const prefix = `district-${r.name}`;
    await record(prefix, i + 1);
    await policy(prefix, i + 1);
    await registry(prefix);
    await story(prefix, i + 1);
  });
});
