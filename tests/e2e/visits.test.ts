/**
 * Home visits (走访, issue 10) as a social worker does them, in Debian Chromium at
 * a phone size, in normal mode and in 关怀模式: the due list with 记录走访, the visit
 * form, 提交 without signal (the record waits on the phone: 待同步 1 on the home and
 * in 待同步记录), the network back (已同步), the record on the station's list and its
 * detail. Each screen passes axe (WCAG 2 A/AA + best practice: no critical or
 * serious violation) and is saved under tests/artifacts/e2e/visits-<mode>-NN-*.png.
 *
 * The 200-cycle loss/duplicate harness is outbox-cycles.test.ts.
 */
import AxeBuilder from '@axe-core/playwright';
import { addDays, beijingDay } from '@sgz/shared';
import { startApp } from './app';
import { launchBrowser, shot, type Page } from './browser';
import type { BrowserContext } from 'playwright-core';
import { offlineSwitch } from './offline';
import { appSession } from './session';

const network = offlineSwitch(() => browser);
const setOffline = (value: boolean) => network.set(value);

jest.setTimeout(240_000);

let app: Awaited<ReturnType<typeof startApp>>;
let browser: BrowserContext;
let closeBrowser: () => Promise<void>;
let page: Page;

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
  await page.setViewportSize({ width: 375, height: Math.min(Math.max(height, 812), 6000) });
  await settle();
  await shot(page, name);
  await page.setViewportSize({ width: 375, height: 812 });
}

const field = (label: string, tag: 'input' | 'textarea') =>
  page.locator(`${tag}[aria-label="${label}"]`).filter({ visible: true }).first();
const tap = (text: string) =>
  page.locator('.sgz-button', { hasText: text }).filter({ visible: true }).first().click();

async function seed(): Promise<void> {
  await loginAs('demo-head-tanggu');
  await call('files', 'updateCommunities', { stationId: 'st-tanggu', communities: ['新村街社区'] });
  await loginAs('demo-worker-tanggu');
  const today = beijingDay(new Date());
  for (const [personId, name] of [
    ['e2e-visit-normal', '张桂兰'],
    ['e2e-visit-care', '李秀英'],
  ]) {
    await call('files', 'createPerson', {
      personId,
      name,
      stationId: 'st-tanggu',
      birthYear: 1942,
      sex: '女',
      community: '新村街社区',
      livingSituation: '独居',
      categories: ['独居', '高龄'],
      risk: '高风险',
      lastVisitDay: addDays(today, -10),
    });
  }
}

async function visitFlow(mode: 'normal' | 'care', personId: string, masked: string): Promise<void> {
  const name = (n: string) => `visits-${mode}-${n}`;
  // 1. The due list: the overdue file with 记录走访 under it.
  await open('/subpackages/worker/index/index');
  await visible('已逾期');
  await visible(masked);
  await visible('待同步 0');
  await settle();
  await accessible(name('01-due-list'));
  await shot(page, name('01-due-list'));

  // 2. The form, opened from the due card (the card's own 记录走访).
  await page
    .locator('.pf-due-item', { hasText: masked })
    .filter({ visible: true })
    .first()
    .locator('.sgz-button', { hasText: '记录走访' })
    .click();
  await page.waitForURL(new RegExp(`worker/visit/index\\?personId=`), { timeout: 15000 });
  await field('走访地址', 'input').waitFor({ state: 'visible', timeout: 15000 });
  await field('走访地址', 'input').fill('新村街社区 3 号楼 2 单元 301');
  await field('居住环境方面的情况', 'textarea').fill('屋内整洁，燃气阀门已关好');
  await tap('无法定位，填写原因');
  await field('未定位原因', 'input').fill('楼道内没有信号');
  await field('未签字原因', 'input').fill('老人视力不好，由家属口头确认');
  await page.locator('.vf-save-status', { hasText: '已保存' }).filter({ visible: true }).first().waitFor();
  await accessible(name('02-form'));
  await tallShot(name('02-form'));

  // 3. 提交 without signal: saved on the phone, 待同步 1.
  await setOffline(true);
  await tap('提交');
  await page.waitForURL((u) => !u.hash.includes('worker/visit/index'), { timeout: 15000 });
  // Back on the home (no page load: there is no signal): 待同步 1, one tap to the list.
  await visible(/待同步 1/);
  await settle();
  await accessible(name('03-home-waiting'));
  await shot(page, name('03-home-waiting'));
  await page.locator('.wk-outbox__bar').filter({ visible: true }).first().click();
  await visible('待同步记录');
  await visible(/待同步 1/);
  await settle();
  await accessible(name('04-outbox-waiting'));
  await shot(page, name('04-outbox-waiting'));

  // 4. The network back, 立即同步: 已同步, 待同步 0.
  await setOffline(false);
  await tap('立即同步');
  await visible('已同步', 20000);
  await visible(/待同步 0/);
  await settle();
  await accessible(name('05-outbox-synced'));
  await shot(page, name('05-outbox-synced'));

  // 5. On the station's list, and whole in the detail.
  await open('/subpackages/worker/visits/index');
  await visible('常规探访');
  await settle();
  await accessible(name('06-visit-list'));
  await shot(page, name('06-visit-list'));
  await page.locator('.sgz-page').getByText('常规探访').filter({ visible: true }).first().click();
  await page.waitForURL(/worker\/visit-detail\/index\?id=/, { timeout: 15000 });
  await visible('屋内整洁，燃气阀门已关好');
  await visible('楼道内没有信号');
  await accessible(name('07-visit-detail'));
  await tallShot(name('07-visit-detail'));

  // The file left the due list: visited today, next due later.
  const file = (await call('files', 'getPerson', { personId })) as { person?: { lastVisitDay?: string } };
  expect(file.person?.lastVisitDay).toBe(beijingDay(new Date()));
}

it('a visit from the due list, saved without signal, synced, on the list (normal mode)', async () => {
  await seed();
  await visitFlow('normal', 'e2e-visit-normal', '张*');
});

it('the same in 关怀模式', async () => {
  await open('/pages/mine/index');
  await visible('关怀模式');
  await page.locator('.mine__care-row').click();
  await visible('已开启');
  await visitFlow('care', 'e2e-visit-care', '李*');
});
