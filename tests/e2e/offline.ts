import fs from 'fs';
import path from 'path';
import type { BrowserContext, Route } from 'playwright-core';

/** The H5 build the e2e app serves. */
export const STATIC_DIR = path.resolve(__dirname, '../../client/dist/h5');

/**
 * No signal: nothing reaches the emulator, but the app's own files come from the build
 * (on a phone the mini-program's package is on the phone; on H5 a subpackage page is a
 * chunk fetched on first use, which a really offline browser could not do).
 */
async function staticOnly(route: Route): Promise<void> {
  const u = new URL(route.request().url());
  const rel = u.pathname === '/' ? 'index.html' : decodeURIComponent(u.pathname.slice(1));
  const file = path.join(STATIC_DIR, rel);
  if (route.request().method() === 'GET' && file.startsWith(STATIC_DIR) && fs.existsSync(file)) {
    if (fs.statSync(file).isFile()) return route.fulfill({ path: file });
  }
  return route.abort('internetdisconnected');
}

/** Turns a browser context's network off (static files still served) and on again. */
export function offlineSwitch(context: () => BrowserContext): {
  set(value: boolean): Promise<void>;
  readonly offline: boolean;
} {
  let offline = false;
  return {
    get offline() {
      return offline;
    },
    async set(value: boolean) {
      if (value === offline) return;
      offline = value;
      const browser = context();
      if (value) {
        await browser.route('**/*', staticOnly);
        await browser.setOffline(true);
      } else {
        await browser.setOffline(false);
        await browser.unroute('**/*', staticOnly);
      }
    },
  };
}
