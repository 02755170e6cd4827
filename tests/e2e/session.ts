import type { Page } from 'playwright-core';

/**
 * What the e2e tests do with the app as a user of one page: sign in as a demo user,
 * open a route (each load unique, so a route seen before is loaded afresh), wait for
 * a visible text, and call a function as the signed-in user (the page's cookie).
 */
export function appSession(page: () => Page, url: () => string) {
  let loads = 0;
  return {
    async loginAs(openid: string): Promise<void> {
      const res = await page().request.post(`${url()}/__dev/login`, { data: { openid }, maxRedirects: 0 });
      if (res.status() !== 303) throw new Error(`dev login as ${openid}: HTTP ${res.status()}`);
    },
    async open(route: string): Promise<void> {
      loads += 1;
      await page().goto(`${url()}/?load=${loads}#${route}`);
    },
    async visible(text: string | RegExp, timeout = 15000): Promise<void> {
      await page().getByText(text).filter({ visible: true }).first().waitFor({ state: 'visible', timeout });
    },
    settle: () => page().waitForTimeout(500),
    async call(fn: string, action: string, input: Record<string, unknown>): Promise<Record<string, unknown>> {
      const res = await page().request.post(`${url()}/functions/${fn}`, { data: { ...input, action } });
      const body = (await res.json()) as { ok: boolean; data?: Record<string, unknown>; error?: unknown };
      if (!body.ok) throw new Error(`${fn}.${action}: ${JSON.stringify(body.error)}`);
      return body.data!;
    },
  };
}
