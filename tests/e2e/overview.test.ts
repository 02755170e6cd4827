/**
 * The district bureau's 全区社工站总览 (issue 14) in Debian Chromium, at a phone
 * size (375×812) and at a desktop width (1280×800: bureau staff open the
 * mini-program in WeChat on a PC), in normal mode and in 关怀模式: the 21
 * stations in the notice's groups, a header tapped sorts the table (aria-sort
 * says how), 导出全区汇总 makes the workbook. Each screen passes axe (no critical
 * or serious violation); screenshots under tests/artifacts/e2e/overview-*.png.
 */
import AxeBuilder from '@axe-core/playwright';
import type { BrowserContext } from 'playwright-core';
import { startApp } from './app';
import { launchBrowser, shot, type Page } from './browser';
import { appSession } from './session';

jest.setTimeout(300_000);

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

const { loginAs, open, visible, settle } = appSession(
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

async function setCareMode(on: boolean): Promise<void> {
  await page.evaluate((value) => localStorage.setItem('sgz.careMode', JSON.stringify({ data: value })), on);
}

const SIZES = [
  { name: 'phone', width: 375, height: 812 },
  { name: 'desktop', width: 1280, height: 800 },
] as const;

for (const mode of ['normal', 'care'] as const) {
  for (const size of SIZES) {
    it(`全区社工站总览 at ${size.width}×${size.height}, ${mode === 'care' ? '关怀模式' : 'normal mode'}`, async () => {
      const name = (n: string) => `overview-${mode}-${size.name}-${n}`;
      await page.setViewportSize({ width: size.width, height: size.height });
      await loginAs('demo-admin-1');
      await open('/subpackages/district/index/index');
      await setCareMode(mode === 'care');
      await open('/subpackages/district/overview/index');
      await visible('街道（16 个）');
      await visible('镇（5 个）');
      await visible(/共 21 个社工站/);
      await settle();
      await accessible(name('01-loaded'));
      await shot(page, name('01-loaded'));

      // The station column stays readable; the table scrolls sideways on a phone, not the page.
      const pageWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(pageWidth).toBeLessThanOrEqual(size.width + 1);

      // Sort by 建设状态: aria-sort says so.
      const header = page.locator('[role="columnheader"]', { hasText: '建设状态' }).first();
      expect(await header.getAttribute('aria-sort')).toBe('none');
      await header.locator('.sgz-button').click();
      await settle();
      expect(await header.getAttribute('aria-sort')).toBe('ascending');
      await header.locator('.sgz-button').click();
      await settle();
      expect(await header.getAttribute('aria-sort')).toBe('descending');
      await accessible(name('02-sorted'));
      await shot(page, name('02-sorted'));

      if (size.name === 'desktop') {
        // 导出全区汇总: the workbook is made (H5 opens the link).
        const popup = page
          .context()
          .waitForEvent('page', { timeout: 30_000 })
          .catch(() => null);
        await page.locator('.sgz-button', { hasText: '导出全区汇总' }).first().click();
        await visible(/已导出 滨海新区社工站全区汇总_\d{4}年\.xlsx（21 个社工站）|文件已生成/, 30_000);
        await accessible(name('03-exported'));
        await shot(page, name('03-exported'));
        // The link H5 opened (if any) is not part of the mini-program: close it.
        await (await popup)?.close();
      }
    });
  }
}
