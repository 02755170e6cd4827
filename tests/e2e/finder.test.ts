/**
 * E2E (issue 3): the H5 build on the emulator in real Chromium. A resident
 * opens the finder, sees the 21 stations grouped by 街道 / 镇, searches 塘沽 and
 * opens its station page with the official name; 返回 (the H5 build's own back control)
 * brings the finder back, and on a page opened by a link it goes to the home tab.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { launchBrowser, shot } from './browser';
import { startApp } from './app';

let app: Awaited<ReturnType<typeof startApp>>;
let browser: BrowserContext;
let closeBrowser: () => Promise<void>;
let page: Page;

beforeAll(async () => {
  app = await startApp();
  ({ browser, close: closeBrowser } = await launchBrowser());
  page = await browser.newPage();
});
afterAll(async () => {
  await closeBrowser?.();
  await app?.stop();
});

const stationNames = (p: Page) => p.locator('.sgz-station-item__name');

it('shows the 21 stations grouped by 街道 and 镇', async () => {
  await page.goto(`${app.url}/`);
  await page.waitForSelector('.sgz-station-item__name', { timeout: 30000 });
  await expectCount(page, 21);
  await expectVisibleText(page, '街道（16 个）');
  await expectVisibleText(page, '镇（5 个）');
  const names = await stationNames(page).allTextContents();
  expect(names).toContain('滨海新区塘沽街道社会工作服务站');
  expect(names).toContain('滨海新区中塘镇社会工作服务站');
  expect(names.every((n) => /^滨海新区.+(街道|镇)社会工作服务站$/.test(n))).toBe(true);
  await shot(page, '01-finder-home');
});

it('searches 塘沽 and opens its station page', async () => {
  await page.locator('.finder__search input').fill('塘沽');
  await expectCount(page, 1);
  await shot(page, '02-finder-search-tanggu');
  await page.waitForTimeout(400); // page-in animation of the list
  await stationNames(page).first().click();
  await page.waitForURL(/pages\/station\/index/);
  // The station page's own mark (统一标识) carries the official name.
  const mark = page.locator('.sgz-mark__name');
  await mark.waitFor({ state: 'visible', timeout: 15000 });
  expect(await mark.textContent()).toBe('滨海新区塘沽街道社会工作服务站');
  // Unknown fields are shown as not published, never invented; no phone → the call button is disabled.
  await expectVisibleText(page, '暂未公布');
  await page.waitForTimeout(600); // let the page-in animation finish before the screenshot
  await shot(page, '03-station-tanggu');
});

it('返回 on the station page brings the finder list back', async () => {
  const back = page.locator('.sgz-backbar__button:visible');
  await back.waitFor({ state: 'visible', timeout: 15000 });
  const box = await back.boundingBox();
  expect(box!.height).toBeGreaterThanOrEqual(44);
  expect(box!.width).toBeGreaterThanOrEqual(44);
  await shot(page, '05-station-back-control');
  await back.click();
  await page.waitForURL((url) => !url.hash.includes('pages/station/index'));
  await page.locator('.finder__search input').waitFor({ state: 'visible', timeout: 15000 });
  // The finder kept its search: still the one station, visible again.
  await expect(page.locator('.sgz-station-item__name:visible').first().textContent()).resolves.toBe(
    '滨海新区塘沽街道社会工作服务站',
  );
  // The station page is gone once its page-out animation ends; the finder (a tab page) has no 返回.
  await page.locator('.sgz-backbar__button').waitFor({ state: 'detached', timeout: 5000 });
  await page.waitForTimeout(400);
  await shot(page, '06-back-to-finder');
});

it('返回 on a station page opened by a link goes to the home tab', async () => {
  await page.goto('about:blank');
  await page.goto(`${app.url}/#/pages/station/index?id=st-tanggu`);
  await page.locator('.sgz-mark__name').waitFor({ state: 'visible', timeout: 30000 });
  await page.locator('.sgz-backbar__button:visible').click();
  await page.waitForURL(/pages\/index\/index/);
  await page.waitForSelector('.sgz-station-item__name', { timeout: 15000 });
  await expectCount(page, 21);
});

it('tells the resident when nothing matches, and clearing brings the list back', async () => {
  await page.goto(`${app.url}/`);
  await page.waitForSelector('.sgz-station-item__name');
  await page.locator('.finder__search input').fill('不存在的街道');
  await expectVisibleText(page, '没有找到');
  await shot(page, '04-finder-no-match');
  await page.locator('.finder__search input').fill('');
  await expectCount(page, 21);
});

async function expectCount(p: Page, n: number): Promise<void> {
  await p.waitForFunction((want) => document.querySelectorAll('.sgz-station-item__name').length === want, n, {
    timeout: 15000,
  });
  expect(await stationNames(p).count()).toBe(n);
}

async function expectVisibleText(p: Page, text: string): Promise<void> {
  await p.getByText(text, { exact: false }).first().waitFor({ state: 'visible', timeout: 15000 });
}
