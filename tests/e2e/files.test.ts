/**
 * E2E (issue 9, parts 2–4): the worker's files screens, H5 build on the emulator in
 * Chromium at 375×812. The head of 塘沽 sets the station's 社区 list and the worker
 * (demo-worker-tanggu) brings in three paper files through the files function (each
 * with the day of its last visit, so one is overdue, one due today, one due later this
 * week, whatever today is). The worker opens the due list on 工作台, opens a file,
 * and creates a person with a household in the form. Then the same in 关怀模式.
 * Screenshots under tests/artifacts/e2e/files-*.png.
 */
import { addDays, beijingDay } from '@sgz/shared';
import type { BrowserContext, Page } from 'playwright-core';
import { launchBrowser, shot } from './browser';
import { appSession } from './session';
import { startApp } from './app';

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
afterAll(async () => {
  await closeBrowser?.();
  await app?.stop();
});

const session = appSession(
  () => page,
  () => app.url,
);
const { loginAs, open, visible, settle } = session;
/** One action of the files function as the signed-in user (the session cookie of the page). */
const call = (action: string, input: Record<string, unknown>) => session.call('files', action, input);

/** Seeds the station's 社区 list and three files: overdue by 3 days, due today, due in 3 days. */
async function seed(): Promise<void> {
  await loginAs('demo-head-tanggu');
  await call('updateCommunities', { stationId: 'st-tanggu', communities: ['新村街社区', '解放路社区'] });
  await loginAs('demo-worker-tanggu');
  const today = beijingDay(new Date());
  const files = [
    { personId: 'e2e-person-overdue', name: '张桂兰', risk: '高风险', lastVisitDay: addDays(today, -10) },
    { personId: 'e2e-person-today', name: '李秀英', risk: '高风险', lastVisitDay: addDays(today, -7) },
    { personId: 'e2e-person-week', name: '王德明', risk: '重点', lastVisitDay: addDays(today, -27) },
  ];
  for (const f of files) {
    await call('createPerson', {
      ...f,
      stationId: 'st-tanggu',
      birthYear: 1942,
      sex: '女',
      community: '新村街社区',
      livingSituation: '独居',
      categories: ['独居', '高龄'],
    });
  }
}

async function dueListAndFile(prefix: string): Promise<void> {
  await open('/subpackages/worker/index/index');
  await visible('已逾期（1 人）');
  await visible('今日待访（1 人）');
  await visible('本周待访（1 人）');
  await visible('⚠ 走访：逾期 3 天');
  await visible('◷ 走访：今天');
  // Names are masked in the list.
  await visible('张*');
  expect(await page.getByText('张桂兰').filter({ visible: true }).count()).toBe(0);
  await settle();
  await shot(page, `files-${prefix}-01-due-list`);

  await page.locator('.pf-card', { hasText: '张*' }).filter({ visible: true }).first().click();
  await page.waitForURL(/worker\/person\/index\?id=e2e-person-overdue/, { timeout: 15000 });
  await visible('张桂兰');
  await visible('仅本人同意后可记录');
  await settle();
  await shot(page, `files-${prefix}-02-file`);
}

async function createsPerson(prefix: string, name: string): Promise<void> {
  await open('/subpackages/worker/person-form/index');
  await visible('新建档案');
  const input = (placeholder: string) =>
    page.locator(`input[placeholder="${placeholder}"]`).filter({ visible: true }).first();
  // Nothing typed: the shared schema's messages, beside their fields.
  await page.locator('.sgz-button', { hasText: '保存档案' }).filter({ visible: true }).click();
  await visible('⚠ 请选择居住情况');
  await input('请填写姓名').fill(name);
  await input('请填写出生年份').fill('1940');
  await page
    .locator('.pf-field--community .sgz-choice', { hasText: '解放路社区' })
    .filter({ visible: true })
    .click();
  await input('请填写详细地址').fill('5号楼1门302');
  await input('请填写联系人姓名').fill('赵丽');
  await input('请填写联系人电话').fill('13912345678');
  await page
    .locator('.pf-field--livingSituation .sgz-choice', { hasText: '与配偶' })
    .filter({ visible: true })
    .click();
  await page.locator('.pf-field--risk .sgz-choice', { hasText: '重点' }).filter({ visible: true }).click();
  await settle();
  await shot(page, `files-${prefix}-03-form`);
  await page.locator('.sgz-button', { hasText: '保存档案' }).filter({ visible: true }).click();
  await page.waitForURL(/worker\/person\/index\?id=ps/, { timeout: 15000 });
  await visible(name);
  await visible('5号楼1门302', 15000);
  await settle();
  await shot(page, `files-${prefix}-04-created`);
}

it('the due list, a file, and a new person with a household (normal mode)', async () => {
  await seed();
  await dueListAndFile('normal');
  await createsPerson('normal', '陈玉珍');
});

it('the same in 关怀模式', async () => {
  await open('/pages/mine/index');
  await visible('关怀模式');
  await page.locator('.mine__care-row').click();
  await visible('已开启');
  await dueListAndFile('care');
  const size = await page
    .locator('.sgz-page')
    .filter({ visible: true })
    .first()
    .evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  expect(size).toBeGreaterThanOrEqual(20);
  await createsPerson('care', '周淑芬');
});
