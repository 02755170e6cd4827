import fs from 'fs';
import os from 'os';
import path from 'path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Where e2e screenshots go (git-ignored). */
export const SHOT_DIR = path.resolve(__dirname, '../artifacts/e2e');

/**
 * Debian's Chromium, headless, with the flags this machine's closed network
 * needs (no background connections that would be refused or time out).
 */
export async function launchBrowser(): Promise<{ browser: BrowserContext; close: () => Promise<void> }> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!fs.existsSync(executablePath)) {
    throw new Error(`Chromium not found at ${executablePath}: run scripts/ensure-chromium.sh (as root).`);
  }
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sgz-chromium-'));
  const ctx = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    browser: ctx,
    close: async () => {
      await ctx.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Saves a full-page screenshot under tests/artifacts/e2e/<name>.png. */
export async function shot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SHOT_DIR, { recursive: true });
  const file = path.join(SHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

export type { Browser, Page };
