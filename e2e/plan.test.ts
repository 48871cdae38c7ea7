import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, loggedInContext, withScreenshotOnFailure } from './browser.ts';

const baseURL = inject('e2eBaseUrl');
const skipReason = inject('e2eSkipReason');

const PM25 = '城市细颗粒物(PM2.5)平均浓度';
// Pages that compute progress for 44 indicators × 6 regions can take a few seconds on a busy CI machine.
const WAIT = { timeout: 20_000, interval: 200 };
// Ids fixed by migration 0004 (the 2021–2025 plan and its indicator I25).
const PM25_ID = '00000000-0000-4000-8001-000000000025';

/** The table row (not the header) whose text contains all the given parts. */
function rowWith(page: Page, ...parts: string[]): Locator {
  let row = page.locator('tr.ant-table-row');
  for (const p of parts) row = row.filter({ hasText: p });
  return row.first();
}

describe.skipIf(skipReason !== '')('plan data: entry → review → publish → dashboard in the browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('吴兴区 corrects a published value, the city returns it with a reason, then approves the fix, and the pages show it', async () => {
    const county = await loggedInContext(browser, baseURL, 'wuxing');
    const city = await loggedInContext(browser, baseURL, 'admin');
    const entry = await county.newPage();
    const review = await city.newPage();
    await withScreenshotOnFailure(entry, 'plan-entry', async () => {
      await entry.goto('/plan/entry');
      const row = rowWith(entry, PM25);
      await row.waitFor();
      await row.getByRole('button', { name: '更正' }).click();
      await entry.getByLabel('更正原因').fill('监测站点数据复核后修订');
      await entry.getByRole('button', { name: '开始更正' }).click();
      await entry.getByLabel('数值', { exact: true }).fill('24.1');
      await entry.getByRole('button', { name: '保存草稿' }).click();
      await expect.poll(() => rowWith(entry, PM25).getByRole('button', { name: '提交' }).isVisible(), WAIT).toBe(true);
      await rowWith(entry, PM25).getByRole('button', { name: '提交' }).click();
      await expect.poll(() => rowWith(entry, PM25).getByRole('button', { name: '提交' }).count(), WAIT).toBe(0);
    });

    await withScreenshotOnFailure(review, 'plan-review-return', async () => {
      await review.goto('/plan/review');
      const row = rowWith(review, PM25, '吴兴区');
      await row.waitFor();
      await expect.poll(() => row.textContent(), WAIT).toContain('24.1');
      await row.getByRole('button', { name: '退回' }).click();
      await review.getByLabel('退回原因').fill('请附监测站点复核报告');
      await review
        .getByRole('dialog')
        .getByRole('button', { name: /退\s*回/ })
        .click();
      await expect.poll(() => rowWith(review, PM25, '吴兴区').count(), WAIT).toBe(0);
    });

    await withScreenshotOnFailure(entry, 'plan-entry-returned', async () => {
      await entry.reload();
      const row = rowWith(entry, PM25);
      await row.waitFor();
      await row.getByRole('button', { name: '编辑' }).click();
      await expect.poll(() => entry.getByText('退回原因：请附监测站点复核报告').first().isVisible(), WAIT).toBe(true);
      await entry.getByLabel('数据来源').fill('市生态环境监测中心复核报告');
      await entry.getByRole('button', { name: '保存草稿' }).click();
      await rowWith(entry, PM25).getByRole('button', { name: '提交' }).click();
      await expect.poll(() => rowWith(entry, PM25).getByRole('button', { name: '提交' }).count(), WAIT).toBe(0);
    });

    await withScreenshotOnFailure(review, 'plan-review-approve', async () => {
      await review.reload();
      const row = rowWith(review, PM25, '吴兴区');
      await row.waitFor();
      await row.getByRole('button', { name: '通过' }).click();
      await expect.poll(() => rowWith(review, PM25, '吴兴区').count(), WAIT).toBe(0);
    });

    const detail = await city.newPage();
    await withScreenshotOnFailure(detail, 'plan-published', async () => {
      await detail.goto(`/plan/indicators/${PM25_ID}`);
      const row = rowWith(detail, '吴兴区');
      await row.waitFor();
      await expect.poll(() => row.textContent(), WAIT).toContain('24.1');
      await detail.screenshot({ path: 'e2e/screenshots/plan-indicator-pm25.png', fullPage: true });

      await detail.goto('/plan');
      await expect.poll(() => detail.getByText('区县 × 指标进展热力图').isVisible(), WAIT).toBe(true);
      await expect.poll(() => detail.getByText('演示数据').first().isVisible(), WAIT).toBe(true);
      await detail.screenshot({ path: 'e2e/screenshots/plan-dashboard.png', fullPage: true });
    });

    // History keeps both versions: the correction did not overwrite the published value.
    const history = await city.request.get(`/api/v1/plans/00000000-0000-4000-8000-000000002025/values?indicatorId=${PM25_ID}&regionCode=330502&year=2025`);
    const versions = (await history.json()).items.map((v: { version: number; status: string }) => `${v.version}:${v.status}`).sort();
    expect(versions).toEqual(['1:superseded', '2:approved']);
    await county.close();
    await city.close();
  });

  it('南浔区 cannot see 吴兴区 drafts, and the public page needs no login', async () => {
    const nanxun = await loggedInContext(browser, baseURL, 'nanxun');
    const page = await nanxun.newPage();
    await withScreenshotOnFailure(page, 'plan-nanxun', async () => {
      await page.goto('/plan/entry');
      await rowWith(page, PM25).waitFor();
      expect(await page.getByLabel('填报区划').count()).toBe(0);
      await expect.poll(() => page.getByText('南浔区').first().isVisible(), WAIT).toBe(true);
      const res = await nanxun.request.get('/api/v1/plans/00000000-0000-4000-8000-000000002025/values?regionCode=330502&status=draft');
      expect((await res.json()).total).toBe(0);
    });
    await nanxun.close();

    const anonymous = await browser.newContext({ baseURL, locale: 'zh-CN', viewport: { width: 390, height: 844 } });
    const pub = await anonymous.newPage();
    await withScreenshotOnFailure(pub, 'plan-public', async () => {
      await pub.goto('/public/plan');
      await expect.poll(() => pub.getByText(PM25).first().isVisible(), WAIT).toBe(true);
      await expect.poll(() => pub.getByText('演示数据').first().isVisible(), WAIT).toBe(true);
      expect(pub.url()).toContain('/public/plan');
      await pub.screenshot({ path: 'e2e/screenshots/plan-public-mobile.png', fullPage: true });
    });
    await anonymous.close();
  });

  it('the city enters the next plan through the UI: a draft with a prefilled period, not yet the default plan', async () => {
    const city = await loggedInContext(browser, baseURL, 'admin');
    const page = await city.newPage();
    await withScreenshotOnFailure(page, 'plan-admin', async () => {
      await page.goto('/plan/admin');
      await page.getByRole('button', { name: '新建规划' }).click();
      await expect.poll(() => page.getByLabel('起始年').inputValue(), WAIT).toBe('2026');
      await page.getByLabel('规划名称').fill('湖州市质量发展“十五五”规划（2026～2030年）');
      await page.getByRole('button', { name: /创\s*建/ }).click();
      const row = rowWith(page, '“十五五”规划', '2026–2030年');
      await row.waitFor();
      await expect.poll(() => row.textContent(), WAIT).toContain('草稿');
      await rowWith(page, '“十四五”规划', '2021–2025年').waitFor();
      await page.screenshot({ path: 'e2e/screenshots/plan-admin.png', fullPage: false });
    });
    const plans = await (await city.request.get('/api/v1/plans')).json();
    expect(plans.items.map((p: { name: string; status: string }) => `${p.name}:${p.status}`)).toContain('湖州市质量发展“十五五”规划（2026～2030年）:draft');
    await city.close();
  });
});
