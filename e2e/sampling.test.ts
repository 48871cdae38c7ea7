import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { addDays, todayInShanghai } from '../common/sampling/dates.ts';
import { chooseOption, launchBrowser, loggedInContext, withScreenshotOnFailure } from './browser.ts';

const baseURL = inject('e2eBaseUrl');
const skipReason = inject('e2eSkipReason');
const WAIT = { timeout: 20_000, interval: 200 };
// The demo enterprise account's entity (吴兴区织里镇), registered by the demo seed.
const ENTERPRISE = { code: '91330502MA2B3C4D58', name: '湖州示范食品有限公司（演示）' };
const daysAgo = (n: number) => addDays(todayInShanghai(), -n);

/** Types a date into an antd DatePicker found by its label, and confirms it. */
async function pickDate(scope: Locator | Page, label: string, date: string): Promise<void> {
  const input = scope.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(date);
  await input.press('Enter');
}

describe.skipIf(skipReason !== '')('supervision sampling in the browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('吴兴区 enters a sample with a failing item → 不合格 → final after the 复检 window → the grading page shows the enterprise as C', async () => {
    const context = await loggedInContext(browser, baseURL, 'wuxing');
    const page = await context.newPage();
    const product = `浏览器测试儿童连衣裙${Date.now() % 100000}`;

    await withScreenshotOnFailure(page, 'sampling-list', async () => {
      await page.goto('/sampling');
      await expect.poll(() => page.getByText(/共 \d+ 批次/).isVisible(), WAIT).toBe(true);
      await page.screenshot({ path: 'e2e/screenshots/sampling-list.png', fullPage: false });
    });

    await withScreenshotOnFailure(page, 'sampling-entry', async () => {
      await page.getByRole('button', { name: '录入样品' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('受检企业统一社会信用代码').fill(ENTERPRISE.code);
      await expect.poll(() => dialog.getByText(ENTERPRISE.name).isVisible(), WAIT).toBe(true);
      await chooseOption(page, dialog, '产品类别', '儿童及婴幼儿服装', { search: '儿童及婴幼儿服装' });
      await dialog.getByLabel('产品名称').fill(product);
      await dialog.getByLabel('规格型号').fill('120/56');
      await dialog.getByLabel('生产日期 / 批号').fill('20260801');
      await pickDate(dialog, '抽样日期', daysAgo(40));
      await dialog.getByLabel('承检机构').fill('湖州市质量技术监督检测研究院');
      await dialog.getByLabel('第 1 项 检验项目').fill('甲醛含量');
      await dialog.getByLabel('第 1 项 判定依据').fill('GB 18401-2010 B类');
      await dialog.getByLabel('第 1 项 单位').fill('mg/kg');
      await dialog.getByLabel('第 1 项 上限').fill('75');
      await dialog.getByLabel('第 1 项 实测值').fill('96');
      await dialog.getByRole('button', { name: '添加检验项目' }).click();
      await dialog.getByLabel('第 2 项 检验项目').fill('pH 值');
      await dialog.getByLabel('第 2 项 下限').fill('4');
      await dialog.getByLabel('第 2 项 上限').fill('8.5');
      await dialog.getByLabel('第 2 项 实测值').fill('6.2');
      // The conclusion is previewed as typed: one item over its limit makes the sample 不合格.
      await expect.poll(() => dialog.getByText('按检验项目判定：不合格（不合格项目：甲醛含量）').isVisible(), WAIT).toBe(true);
      await page.screenshot({ path: 'e2e/screenshots/sampling-entry.png', fullPage: false });
      await dialog.getByRole('button', { name: /录\s*入/ }).click();
      await expect.poll(() => page.getByRole('heading', { name: product }).isVisible(), WAIT).toBe(true);
    });

    await withScreenshotOnFailure(page, 'sampling-issue', async () => {
      await page.getByRole('button', { name: '出具检验结论' }).click();
      const dialog = page.getByRole('dialog');
      await expect.poll(() => dialog.getByText('将出具的结论：不合格').isVisible(), WAIT).toBe(true);
      await dialog.getByLabel('检验报告编号').fill('(2026)湖质检字第 E2E 号');
      await pickDate(dialog, '报告日期', daysAgo(30));
      // Received 20 days ago: the 15-day 复检 window has passed.
      await pickDate(dialog, '企业收到结论日期（可稍后登记）', daysAgo(20));
      await dialog.getByRole('button', { name: '出具结论' }).click();
      await expect
        .poll(
          () =>
            page
              .getByText(/复检期已满/)
              .first()
              .isVisible(),
          WAIT,
        )
        .toBe(true);
      await page.getByRole('button', { name: '确认最终结论' }).click();
      await page
        .getByRole('button', { name: /确\s*认/ })
        .last()
        .click();
      await expect.poll(() => page.getByText(/复检期满未申请（\d{4}-\d{2}-\d{2}）/).isVisible(), WAIT).toBe(true);
      await expect.poll(() => page.getByText('结论已确定').first().isVisible(), WAIT).toBe(true);
      await page.screenshot({ path: 'e2e/screenshots/sampling-detail.png', fullPage: true });
    });

    await withScreenshotOnFailure(page, 'sampling-grading', async () => {
      await page.goto('/sampling/grading');
      await expect.poll(() => page.getByText('区域分色').isVisible(), WAIT).toBe(true);
      await page.screenshot({ path: 'e2e/screenshots/sampling-grading.png', fullPage: true });
      // A high-risk product failed: the enterprise is C class, in its township.
      await page.getByRole('button', { name: '织里镇' }).click();
      await chooseOption(page, page.locator('body'), '等级', 'C（差）', { search: 'C（差）' });
      const row = page.locator('tr.ant-table-row', { hasText: ENTERPRISE.name });
      await expect.poll(() => row.isVisible(), WAIT).toBe(true);
      await expect.poll(() => row.getByText('高风险产品不合格').isVisible(), WAIT).toBe(true);
    });

    await withScreenshotOnFailure(page, 'sampling-pass-rates', async () => {
      await page.goto('/sampling/pass-rates');
      await expect.poll(() => page.getByText('写入规划指标').first().isVisible(), WAIT).toBe(true);
      await page.screenshot({ path: 'e2e/screenshots/sampling-pass-rates.png', fullPage: true });
    });
    await context.close();
  });

  it('the city sees every district’s colour, the graded categories, and drafts a 表1 pass rate for review', async () => {
    const context = await loggedInContext(browser, baseURL, 'admin');
    const page = await context.newPage();
    await withScreenshotOnFailure(page, 'sampling-city-grading', async () => {
      await page.goto('/sampling/grading');
      for (const county of ['330502', '330503', '330521', '330522', '330523']) {
        await expect.poll(() => page.getByTestId(`grading-county-${county}`).isVisible(), WAIT).toBe(true);
      }
      await page.screenshot({ path: 'e2e/screenshots/sampling-city-grading.png', fullPage: true });
      // The same colours in brief on the dashboard, tile by district/county.
      await page.goto('/');
      const counties = page.getByRole('region', { name: '分级分类监管（分色）' }).getByRole('list', { name: '各区县分色' });
      const coloured = counties.getByRole('listitem', { name: /^(吴兴区|南浔区|德清县|长兴县|安吉县)：[红黄蓝绿]色，/ });
      await expect.poll(() => coloured.count(), WAIT).toBeGreaterThan(0);
      expect(await counties.getByRole('listitem').count()).toBe(5);
    });
    await withScreenshotOnFailure(page, 'sampling-plans', async () => {
      await page.goto('/sampling/plans');
      await expect.poll(() => page.getByText(/共 \d+ 项/).isVisible(), WAIT).toBe(true);
      await page.screenshot({ path: 'e2e/screenshots/sampling-plans.png', fullPage: false });
      await page.getByRole('tab', { name: '产品类别（分级）' }).click();
      await expect.poll(() => page.locator('td', { hasText: 'DRUG' }).isVisible(), WAIT).toBe(true);
      await page.screenshot({ path: 'e2e/screenshots/sampling-categories.png', fullPage: false });
    });
    await withScreenshotOnFailure(page, 'sampling-plan-draft', async () => {
      await page.goto('/sampling/pass-rates');
      const row = page.locator('tr.ant-table-row', { hasText: '德清县' }).filter({ has: page.getByRole('button', { name: '写入规划指标' }) });
      await expect.poll(() => row.isVisible(), WAIT).toBe(true);
      await page.screenshot({ path: 'e2e/screenshots/sampling-city-pass-rates.png', fullPage: true });
      await row.getByRole('button', { name: '写入规划指标' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('button', { name: '生成草稿' }).click();
      // 2025 already has an approved demo value: the draft is a correction and asks why.
      await expect.poll(() => dialog.getByText('该年度已有审定值：本次写入为更正，须说明理由').isVisible(), WAIT).toBe(true);
      await dialog.getByLabel('更正理由（该年度已有审定值时必填）').fill('以监督抽查系统最终结论为准');
      await dialog.getByRole('button', { name: '生成草稿' }).click();
      await expect.poll(() => page.getByText('草稿（待报送）').isVisible(), WAIT).toBe(true);
      await page.screenshot({ path: 'e2e/screenshots/sampling-plan-draft.png', fullPage: false });
    });
    // In the plan it is a draft with its source, waiting for the county to submit and the city to approve.
    const plan = '00000000-0000-4000-8000-000000002025';
    const i02 = '00000000-0000-4000-8001-000000000002';
    const res = await context.request.get(`/api/v1/plans/${plan}/values?regionCode=330521&year=2025&indicatorId=${i02}&status=draft`);
    const drafts = (await res.json()).items as { status: string; sourceNote: string }[];
    expect(drafts).toHaveLength(1);
    expect(drafts[0]?.sourceNote).toContain('监督抽查系统汇总');
    await context.close();
  });

  it('the enterprise reads its own result and the public list shows published 不合格 products', async () => {
    const context = await loggedInContext(browser, baseURL, 'enterprise1');
    const page = await context.newPage();
    await withScreenshotOnFailure(page, 'sampling-enterprise', async () => {
      // Grades are internal: no colour card on an enterprise's dashboard, and no request for it.
      const gradingRequests: string[] = [];
      page.on('request', (r) => {
        if (r.url().includes('/api/v1/grading/')) gradingRequests.push(r.url());
      });
      await page.goto('/');
      await expect.poll(() => page.getByRole('heading', { name: '工作台' }).isVisible(), WAIT).toBe(true);
      expect(await page.getByRole('region', { name: '分级分类监管（分色）' }).count()).toBe(0);
      expect(gradingRequests).toEqual([]);
      // The enterprise's own workbench: its failing samples and its reporting, not the bureau's counters.
      const failing = page.getByRole('link', { name: '抽检不合格批次' });
      await expect.poll(async () => Number((await failing.locator('.ant-statistic-content-value').textContent()) ?? 0), WAIT).toBeGreaterThan(0);
      await expect.poll(() => page.getByText('最近抽检结果').isVisible(), WAIT).toBe(true);
      await expect.poll(() => page.getByText('最近上报').isVisible(), WAIT).toBe(true);
      expect(await page.getByText('今日登录').count()).toBe(0);
      await page.screenshot({ path: 'e2e/screenshots/enterprise-home.png', fullPage: true });
      await page.goto('/sampling');
      await expect.poll(() => page.getByRole('heading', { name: '本企业抽检结果' }).isVisible(), WAIT).toBe(true);
      const row = page.locator('tr.ant-table-row', { hasText: '浏览器测试儿童连衣裙' }).first();
      await expect.poll(() => row.getByText('结论已确定').isVisible(), WAIT).toBe(true);
      await expect.poll(() => row.getByText('不合格').isVisible(), WAIT).toBe(true);
      await page.screenshot({ path: 'e2e/screenshots/sampling-enterprise.png', fullPage: false });
    });
    const publicPage = await (await browser.newContext({ baseURL, locale: 'zh-CN', viewport: { width: 430, height: 900 } })).newPage();
    await withScreenshotOnFailure(publicPage, 'sampling-public', async () => {
      await publicPage.goto('/public/sampling');
      await expect.poll(() => publicPage.getByText(/共 \d+ 批次/).isVisible(), WAIT).toBe(true);
      await publicPage.screenshot({ path: 'e2e/screenshots/sampling-public.png', fullPage: false });
    });
    await context.close();
  });
});
