/**
 * 站点月报 (issue 13) as a station head reads it, in Debian Chromium at 375×812, in
 * normal mode and in 关怀模式: the dashboard of this Beijing month over data made
 * through the functions (a resident's request, a worker's file and two visits), the
 * four quotas in words, the charts with their numbers listed, a drill-down (持证社工 →
 * 记录明细), and 导出台账: the H5 download event, the file opened with exceljs and its
 * sheets checked. Each screen passes axe (WCAG 2 A/AA + best practice: no critical or
 * serious violation) and is saved under tests/artifacts/e2e/dashboard-<mode>-NN-*.png.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import AxeBuilder from '@axe-core/playwright';
import {
  beijingMonth,
  beijingMonthRange,
  beijingYear,
  LEDGER_SHEETS,
  PRIVACY_NOTICE_VERSION,
} from '@sgz/shared';
import ExcelJS from 'exceljs';
import type { BrowserContext } from 'playwright-core';
import { startApp } from './app';
import { launchBrowser, shot, type Page } from './browser';
import { appSession } from './session';

jest.setTimeout(300_000);

let app: Awaited<ReturnType<typeof startApp>>;
let browser: BrowserContext;
let closeBrowser: () => Promise<void>;
let page: Page;
const downloads = fs.mkdtempSync(path.join(os.tmpdir(), 'sgz-ledger-'));

beforeAll(async () => {
  app = await startApp();
  ({ browser, close: closeBrowser } = await launchBrowser());
  page = await browser.newPage();
  await page.setViewportSize({ width: 375, height: 812 });
  await seed();
});
afterAll(async () => {
  await closeBrowser?.();
  await app?.stop();
  fs.rmSync(downloads, { recursive: true, force: true });
});

const { loginAs, open, visible, settle, call } = appSession(
  () => page,
  () => app.url,
);

/** axe on the page as shown: no critical or serious violation (the list is printed when there is one). */
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

/** A full screenshot: the page scrolls inside Taro's container, so the viewport is made tall for it. */
async function tallShot(name: string): Promise<void> {
  const height = await page.evaluate(() =>
    Math.max(
      ...Array.from(document.querySelectorAll('.taro_page, .sgz-page, body')).map((e) => e.scrollHeight),
    ),
  );
  await page.setViewportSize({ width: 375, height: Math.min(Math.max(height, 812), 8000) });
  await settle();
  await shot(page, name);
  await page.setViewportSize({ width: 375, height: 812 });
}

async function setCareMode(on: boolean): Promise<void> {
  await page.evaluate((value) => {
    localStorage.setItem('sgz.careMode', JSON.stringify({ data: value }));
  }, on);
}

/** This month's records, made through the functions: a request, a file, two visits. */
async function seed(): Promise<void> {
  await loginAs('demo-resident-1');
  await call('accounts', 'acceptPrivacyNotice', { version: PRIVACY_NOTICE_VERSION });
  await call('requests', 'createRequest', {
    requestId: 'e2e-dash-request-0001',
    stationId: 'st-tanggu',
    itemId: 'si-st-tanggu-child-care',
    description: '孩子放学后无人照看，想了解社工站的课后服务。',
    contactPhone: '13812345678',
    forWhom: 'self',
  });
  await loginAs('demo-head-tanggu');
  await call('files', 'updateCommunities', { stationId: 'st-tanggu', communities: ['新村街社区'] });
  await loginAs('demo-worker-tanggu');
  const me = (await call('accounts', 'whoAmI', {})) as { userId: string };
  const personId = 'e2e-dash-person-0001';
  await call('files', 'createPerson', {
    personId,
    stationId: 'st-tanggu',
    name: '张桂兰',
    birthYear: 1942,
    sex: '女',
    community: '新村街社区',
    livingSituation: '独居',
    categories: ['独居', '高龄'],
    risk: '重点',
  });
  // Just before now and both in this Beijing month, even in its first hour: the two visits
  // share the window from max(now − 50 min, the month's first instant) to now.
  const now = Date.now();
  const monthStart = beijingMonthRange(
    beijingYear(new Date(now)),
    beijingMonth(new Date(now)),
  ).start.getTime();
  const span = Math.min(50 * 60_000, now - monthStart - 1000);
  for (const [i, share] of [
    [1, 1],
    [2, 0.5],
  ] as const) {
    const start = now - span * share;
    await call('visits', 'submitVisit', {
      id: `e2e-dash-visit-000${i}`,
      version: 1,
      payload: {
        stationId: 'st-tanggu',
        personIds: [personId],
        workerIds: [me.userId],
        type: '常规探访',
        mode: '上门',
        startAt: new Date(start).toISOString(),
        endAt: new Date(start + span * 0.4).toISOString(),
        findings: { safety: '燃气灶软管老化，已提醒更换' },
        needs: [{ area: '养老服务', note: '希望有人定期上门理发' }],
        services: ['测量血压'],
        location: { start: { lat: 39.02, lng: 117.65, accuracy: 30 }, end: null },
        confirmation: { noSignatureReason: '老人视力不好，口头确认' },
      },
    });
  }
}

/** The figure row labelled `label` (its aria-label starts with it). */
const figure = (label: string) => page.locator(`[aria-label^="${label}"]`).filter({ visible: true }).first();

for (const mode of ['normal', 'care'] as const) {
  it(`the head's month in ${mode === 'care' ? '关怀模式' : 'normal mode'}: quotas, charts, a drill-down, 导出台账`, async () => {
    const name = (n: string) => `dashboard-${mode}-${n}`;
    const now = new Date();
    const year = beijingYear(now);
    const month = beijingMonth(now);
    await loginAs('demo-head-tanggu');
    await open('/subpackages/head/index/index');
    await setCareMode(mode === 'care');

    // 1. The head's home: 本月进度 in words, one tap to 站点月报.
    await open('/subpackages/head/index/index');
    await visible(/结案个案 \d+\/\d+ 个 · /);
    await page.locator('.sgz-button', { hasText: '站点月报' }).filter({ visible: true }).first().click();
    await page.waitForURL(/head\/dashboard\/index/, { timeout: 15000 });

    // 2. The dashboard of this month: the quotas in words, the visits counted, charts drawn.
    await visible(`${year}年四项指标`, 30000);
    await visible(/结案个案/);
    const bar = page.getByRole('progressbar', { name: '结案个案进度' });
    expect(await bar.getAttribute('aria-valuetext')).toMatch(/^\d+\/2 个 · (已完成|按进度|落后|有风险)$/);
    await expect(figure(`${year}年走访合计`).textContent()).resolves.toMatch(/2 次/);
    await expect(figure(`${month}月全站走访`).textContent()).resolves.toMatch(/2 次/);
    const drawn = await page.evaluate(() =>
      Array.from(document.querySelectorAll('canvas.hd-chart__canvas')).map(
        (c) => (c as HTMLCanvasElement).width,
      ),
    );
    expect(drawn.length).toBeGreaterThanOrEqual(2);
    expect(drawn.every((w) => w > 0)).toBe(true);
    const summary = await page.locator('.hd-chart[role="img"]').first().getAttribute('aria-label');
    expect(summary).toMatch(new RegExp(`${year}年按月走访次数：合计 2 次`));
    await settle();
    await accessible(name('01-dashboard'));
    await tallShot(name('01-dashboard'));

    // 3. A drill-down: 持证社工 → its records on 记录明细.
    const qualified = page.locator('.hd-quota', { hasText: '持证社工' }).filter({ visible: true }).first();
    await qualified.locator('[role="button"]', { hasText: '查看记录' }).click();
    await page.waitForURL(/head\/records\/index\?drill=/, { timeout: 15000 });
    await visible(`${year}年持证社工`);
    await page.locator('.hd-card').filter({ visible: true }).first().waitFor({ timeout: 15000 });
    expect(await page.locator('.hd-card').filter({ visible: true }).count()).toBeGreaterThan(0);
    await settle();
    await accessible(name('02-drill-down'));
    await tallShot(name('02-drill-down'));

    // 4. 导出台账 of this month: the browser's download, opened with exceljs.
    await page.goBack();
    await visible(`${year}年四项指标`, 30000);
    const exportButton = page.locator('.sgz-button', { hasText: `导出${year}年${month}月台账` }).first();
    await exportButton.scrollIntoViewIfNeeded();
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 60000 }),
      exportButton.click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/台账_.*\.xlsx$/);
    const saved = path.join(downloads, `${mode}.xlsx`);
    await download.saveAs(saved);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(saved);
    expect(book.worksheets.map((s) => s.name)).toEqual([...LEDGER_SHEETS]);
    // One header row (frozen), then this month's two visits.
    const visitsSheet = book.getWorksheet('走访台账');
    expect(visitsSheet?.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect((visitsSheet?.rowCount ?? 0) - 1).toBe(2);
    await visible(/✓ 已导出：/, 30000);
    await settle();
    await accessible(name('03-export'));
    await tallShot(name('03-export'));
  });
}
