import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { chooseOption, launchBrowser, loggedInContext, withScreenshotOnFailure } from './browser.ts';

const baseURL = inject('e2eBaseUrl');
const skipReason = inject('e2eSkipReason');
const WAIT = { timeout: 20_000, interval: 200 };

describe.skipIf(skipReason !== '')('双随机 random inspections in the browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('吴兴区 runs a draw ceremony through the UI; the public verify page then shows 一致 without a login', async () => {
    // Other browser tests register entities in 吴兴区 on the same server: the city first runs this month's
    // credit classification (as the monthly run would), so the pool can be frozen whatever ran before.
    const city = await loggedInContext(browser, baseURL, 'admin');
    const recompute = await city.request.post('/api/v1/credit-classes/recompute', { data: {}, headers: { 'x-zhiliang-client': 'web', origin: baseURL } });
    expect(recompute.ok(), await recompute.text()).toBe(true);
    await city.close();
    const context = await loggedInContext(browser, baseURL, 'wuxing');
    const page = await context.newPage();
    const name = `浏览器测试：产品质量双随机抽查 ${Date.now()}`;
    let taskUrl = '';
    await withScreenshotOnFailure(page, 'inspections-create', async () => {
      await page.goto('/inspections/tasks');
      await page.getByRole('button', { name: /新建任务/ }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('任务名称').fill(name);
      // The plans and the item list load first (their selects spin until then): the plan's items show by name.
      await expect.poll(() => dialog.locator('.anticon-loading').count(), WAIT).toBe(0);
      await chooseOption(page, dialog, '所属年度计划', '吴兴区市场监管领域 2026 年度');
      // The plan fills in its items, ratios and rules.
      await expect.poll(() => dialog.getByText('SJ-CP-01 生产领域产品质量的检查（重点检查事项）').isVisible(), WAIT).toBe(true);
      await dialog.getByRole('button', { name: /创\s*建/ }).click();
      await expect.poll(() => page.getByRole('heading', { name }).isVisible(), WAIT).toBe(true);
      taskUrl = page.url();
    });

    // A draft can be corrected with the same form, prefilled; only the changes are sent.
    const edited = `${name}（已更正）`;
    await withScreenshotOnFailure(page, 'inspections-edit', async () => {
      await page.getByRole('button', { name: /编\s*辑/ }).click();
      const dialog = page.getByRole('dialog');
      await expect.poll(() => dialog.getByLabel('任务名称').inputValue(), WAIT).toBe(name);
      await expect.poll(() => dialog.getByLabel('B 类比例').inputValue(), WAIT).toBe('15');
      await dialog.getByLabel('任务名称').fill(edited);
      await dialog.getByLabel('B 类比例').fill('10');
      // The whole dialog in one picture, then back to the usual window.
      await page.setViewportSize({ width: 1440, height: 1500 });
      await page.screenshot({ path: 'e2e/screenshots/inspections-edit.png', fullPage: false });
      await page.setViewportSize({ width: 1440, height: 900 });
      await dialog.getByRole('button', { name: '保存修改' }).click();
      await expect.poll(() => page.getByRole('heading', { name: edited }).isVisible(), WAIT).toBe(true);
      const overview = page.locator('.ant-descriptions').first();
      await expect.poll(() => overview.getByText(/B 类 10%/).isVisible(), WAIT).toBe(true);
    });

    const ceremony = page.locator('.ant-card').filter({ hasText: '摇号仪式' });
    await withScreenshotOnFailure(page, 'inspections-ceremony', async () => {
      await expect.poll(() => ceremony.getByText(/名录内主体/).isVisible(), WAIT).toBe(true);
      await ceremony.getByRole('button', { name: '冻结名录' }).click();
      await expect.poll(() => ceremony.getByRole('button', { name: '发布承诺' }).isVisible(), WAIT).toBe(true);
      // Frozen: the parameters are in the pool hash; no 编辑, only the way back to a draft.
      await expect.poll(() => page.getByText(/请先在下方摇号仪式中“撤回冻结”退回草稿/).isVisible(), WAIT).toBe(true);
      expect(await page.getByRole('button', { name: /编\s*辑/ }).count()).toBe(0);
      await ceremony.getByRole('button', { name: '发布承诺' }).click();
      await expect.poll(() => ceremony.getByLabel('见证值').isVisible(), WAIT).toBe(true);
      // Before the draw the seed is nowhere on the page.
      expect(await ceremony.getByText('种子（摇号后公开）').count()).toBe(0);
      await page.screenshot({ path: 'e2e/screenshots/inspections-commitment.png', fullPage: false });
      await ceremony.getByLabel('见证值').fill('见证人报数 52817');
      await ceremony.getByLabel('见证人').fill('企业代表（浏览器测试）');
      await ceremony.getByRole('button', { name: /^摇\s*号$/ }).click();
      await page
        .locator('.ant-popconfirm')
        .getByRole('button', { name: /摇\s*号/ })
        .click();
      await expect.poll(() => ceremony.getByText('种子（摇号后公开）').isVisible(), WAIT).toBe(true);
      await expect.poll(() => ceremony.getByText('SHA-256(种子) = 承诺').isVisible(), WAIT).toBe(true);
      await expect.poll(() => ceremony.locator('.ant-alert-success').getByText('一致', { exact: true }).isVisible(), WAIT).toBe(true);
      // The browser recomputes the whole draw itself with common/draw.
      await ceremony.getByRole('button', { name: /在本机浏览器中独立重算/ }).click();
      await expect.poll(() => ceremony.getByText(/浏览器用公开算法.*结果与公布的一致/).isVisible(), WAIT).toBe(true);
      await page.screenshot({ path: 'e2e/screenshots/inspections-ceremony.png', fullPage: true });
    });

    const taskId = taskUrl.split('/').pop() ?? '';
    const task = await (await context.request.get(`/api/v1/inspection-tasks/${taskId}`)).json();
    const register = await (await context.request.get('/api/v1/inspection-inspectors?pageSize=200')).json();
    const inspectorNames: string[] = register.items.map((i: { name: string }) => i.name);
    expect(task).toMatchObject({ status: 'drawn', draw: { publicEntropy: '见证人报数 52817', witness: '企业代表（浏览器测试）' } });
    await context.close();

    const visitor = await browser.newContext({ baseURL, locale: 'zh-CN', viewport: { width: 390, height: 844 } });
    const pub = await visitor.newPage();
    await withScreenshotOnFailure(pub, 'inspections-public-verify', async () => {
      await pub.goto(`/public/inspections/${taskId}/verify`);
      await expect.poll(() => pub.getByText('一致', { exact: true }).isVisible(), WAIT).toBe(true);
      await expect.poll(() => pub.getByText(/本机浏览器计算 SHA-256\(种子\) 与承诺一致/).isVisible(), WAIT).toBe(true);
      await expect.poll(() => pub.getByText(task.draw.commitment.slice(0, 8)).isVisible(), WAIT).toBe(true);
      // Not published yet: no names, and never a credit class or an inspector.
      await expect.poll(() => pub.getByText(/检查结果公示后在此列出/).isVisible(), WAIT).toBe(true);
      expect(await pub.getByText(/信用分类|[ABCD] 类/).count()).toBe(0);
      const text = (await pub.locator('body').textContent()) ?? '';
      for (const n of inspectorNames) expect(text).not.toContain(n);
      await pub.screenshot({ path: 'e2e/screenshots/inspections-public-verify.png', fullPage: true });
    });
    await visitor.close();
  });

  it('the inspector records a result on his phone; the publication queue and public results read well', async () => {
    const phone = await browser.newContext({ baseURL, locale: 'zh-CN', viewport: { width: 390, height: 844 } });
    const login = await phone.request.post('/api/v1/auth/login', { data: { username: 'inspector1', password: 'Zhiliang@2025' } });
    expect(login.ok()).toBe(true);
    const page = await phone.newPage();
    await withScreenshotOnFailure(page, 'inspections-my-tasks', async () => {
      await page.goto('/inspections/my-tasks');
      const card = page.locator('.ant-card').filter({ hasText: '线索核查：网络监测发现的食品标签问题（演示）' }).first();
      await expect.poll(() => card.isVisible(), WAIT).toBe(true);
      await page.screenshot({ path: 'e2e/screenshots/inspections-my-tasks.png', fullPage: true });
      await card.getByRole('button', { name: '录入检查结果' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('radio', { name: '发现问题已责令改正' }).check();
      await dialog.getByLabel('检查情况', { exact: true }).fill('预包装食品标签未标注生产许可证编号，已责令改正。');
      await page.screenshot({ path: 'e2e/screenshots/inspections-result-entry.png', fullPage: false });
      await dialog.getByRole('button', { name: '保存结果' }).click();
      await expect.poll(() => card.getByText('发现问题已责令改正').isVisible(), WAIT).toBe(true);
    });
    await phone.close();

    const context = await loggedInContext(browser, baseURL, 'wuxing');
    const queue = await context.newPage();
    await withScreenshotOnFailure(queue, 'inspections-queue', async () => {
      await queue.goto('/inspections/publication');
      await expect.poll(() => queue.getByText('即将到期').first().isVisible(), WAIT).toBe(true);
      await expect.poll(() => queue.getByText(/剩 2 个工作日/).isVisible(), WAIT).toBe(true);
      await queue.screenshot({ path: 'e2e/screenshots/inspections-queue.png', fullPage: false });
    });
    await context.close();

    const visitor = await browser.newContext({ baseURL, locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
    const pub = await visitor.newPage();
    await withScreenshotOnFailure(pub, 'inspections-public-results', async () => {
      await pub.goto('/public/inspections');
      await pub.getByRole('link', { name: /2026 年第三批/ }).click();
      await expect.poll(() => pub.getByRole('heading', { name: /2026 年第三批/ }).isVisible(), WAIT).toBe(true);
      await expect.poll(() => pub.getByText('未发现问题').first().isVisible(), WAIT).toBe(true);
      expect(await pub.getByText(/信用分类|[ABCD] 类/).count()).toBe(0);
      await pub.screenshot({ path: 'e2e/screenshots/inspections-public-results.png', fullPage: true });
      await pub.getByRole('link', { name: /核验本次摇号/ }).click();
      await expect.poll(() => pub.getByText('一致', { exact: true }).isVisible(), WAIT).toBe(true);
      await expect.poll(() => pub.getByText(/含 1 次经批准的回避重抽/).isVisible(), WAIT).toBe(true);
    });
    await visitor.close();
  });
});
