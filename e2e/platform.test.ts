import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, loggedInContext, withScreenshotOnFailure } from './browser.ts';

const baseURL = inject('e2eBaseUrl');
const skipReason = inject('e2eSkipReason');
// Under a loaded CI machine a region switch and its figures can take seconds; vitest's default poll gives up after one.
const WAIT = { timeout: 20_000, interval: 200 };

/** The number shown on the home page's statistic card with this title. */
async function statistic(page: Page, title: string): Promise<string> {
  const card = page.locator('.ant-statistic', { has: page.getByText(title, { exact: true }) });
  return ((await card.locator('.ant-statistic-content-value').textContent()) ?? '').replace(/,/g, '');
}

describe.skipIf(skipReason !== '')('platform in the browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('admin logs in through the form, sees real figures and switches region', async () => {
    const context = await browser.newContext({ baseURL, locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await withScreenshotOnFailure(page, 'admin-home', async () => {
      await page.goto('/');
      await page.waitForURL('**/login');
      await page.getByLabel('用户名').fill('admin');
      await page.getByLabel('密码').fill('Zhiliang@2025');
      await page.getByRole('button', { name: /登\s*录/ }).click();
      await page.waitForURL(`${baseURL}/`);
      await expect.poll(() => statistic(page, '乡镇街道数'), WAIT).toBe('72');
      expect(await statistic(page, '区县数')).toBe('5');
      await expect.poll(async () => Number(await statistic(page, '今日登录')), WAIT).toBeGreaterThan(0);
      await expect.poll(() => page.getByText('演示数据').first().isVisible(), WAIT).toBe(true);

      await page.getByLabel('切换区划').click();
      await page
        .locator('.ant-cascader-menu-item', { hasText: /^吴兴区$/ })
        .first()
        .click();
      await expect.poll(() => statistic(page, '乡镇街道数'), WAIT).toBe('19');
      expect(await statistic(page, '区县数')).toBe('1');
      await page.screenshot({ path: 'e2e/screenshots/admin-home-wuxing.png', fullPage: true });

      await page.getByRole('menuitem', { name: /用户管理/ }).click();
      await page.waitForURL('**/admin/users');
      await expect.poll(() => page.getByRole('cell', { name: 'inspector1', exact: true }).isVisible(), WAIT).toBe(true);
    });
    await context.close();
  });

  it('anji (安吉县) sees no 吴兴区 data, cannot switch region, and cannot open the audit log', async () => {
    const context = await loggedInContext(browser, baseURL, 'anji');
    const page = await context.newPage();
    await withScreenshotOnFailure(page, 'anji-scope', async () => {
      await page.goto('/');
      await expect.poll(() => statistic(page, '乡镇街道数'), WAIT).toBe('15');
      expect(await page.getByLabel('切换区划').count()).toBe(0);
      await expect.poll(() => page.getByText('安吉县').first().isVisible(), WAIT).toBe(true);

      await page.goto('/admin/users');
      await expect.poll(() => page.getByRole('cell', { name: 'anji', exact: true }).isVisible(), WAIT).toBe(true);
      for (const name of ['inspector1', 'wuxing', 'enterprise1']) {
        expect(await page.getByRole('cell', { name, exact: true }).count()).toBe(0);
      }
      await page.screenshot({ path: 'e2e/screenshots/anji-users.png', fullPage: true });

      // Asking the server directly for 吴兴区 data from anji's session is refused as not found.
      const status = await page.evaluate(async () => (await fetch('/api/v1/dashboard/summary?regionCode=330502')).status);
      expect(status).toBe(404);

      await page.goto('/admin/audit');
      await expect.poll(() => page.getByText('无权访问').first().isVisible(), WAIT).toBe(true);
      expect(await page.getByRole('menuitem', { name: /审计日志/ }).count()).toBe(0);
    });
    await context.close();
  });

  it('logs out from the user menu and returns to the login page', async () => {
    const context = await loggedInContext(browser, baseURL, 'nanxun');
    const page = await context.newPage();
    await withScreenshotOnFailure(page, 'logout', async () => {
      await page.goto('/');
      await page.getByLabel('用户菜单').click();
      await page.getByText('退出登录').click();
      await page.waitForURL('**/login');
      const me = await page.evaluate(async () => (await fetch('/api/v1/auth/me')).status);
      expect(me).toBe(401);
    });
    await context.close();
  });

  it('shows a 404 page for an unknown address', async () => {
    const context = await loggedInContext(browser, baseURL, 'admin');
    const page = await context.newPage();
    await withScreenshotOnFailure(page, 'not-found', async () => {
      await page.goto('/no/such/page');
      await expect.poll(() => page.getByText('页面不存在').first().isVisible(), WAIT).toBe(true);
    });
    await context.close();
  });
});
