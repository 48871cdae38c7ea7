import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, loggedInContext, withScreenshotOnFailure } from './browser.ts';

const baseURL = inject('e2eBaseUrl');
const skipReason = inject('e2eSkipReason');
const WAIT = { timeout: 20_000, interval: 200 };
const DEMO_FOOD = '湖州示范食品有限公司（演示）';

/** The table row (not the header) whose text contains all the given parts. */
function rowWith(page: Page, ...parts: string[]): Locator {
  let row = page.locator('tr.ant-table-row');
  for (const p of parts) row = row.filter({ hasText: p });
  return row.first();
}

/** The count a class tile shows ("A 类 信用风险低 29 户" → 29). */
async function tileCount(page: Page, cls: string): Promise<number> {
  const label = (await page.getByRole('button', { name: new RegExp(`^${cls} 类 .* \\d+ 户$`) }).getAttribute('aria-label')) ?? '';
  return Number(/(\d+) 户$/.exec(label)?.[1] ?? Number.NaN);
}

/** Waits until the open drawer has slid fully in (its right edge on the viewport's), so a screenshot is not mid-animation. */
async function settled(page: Page): Promise<void> {
  const panel = page.locator('.ant-drawer-content-wrapper').last();
  const width = page.viewportSize()?.width ?? 1440;
  await expect
    .poll(async () => {
      const box = await panel.boundingBox();
      return box ? Math.round(box.x + box.width) : -1;
    }, WAIT)
    .toBe(width);
}

describe.skipIf(skipReason !== '')('credit-risk classes in the browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('the city sees counts per class and per county, filters by class and reads a breakdown', async () => {
    const context = await loggedInContext(browser, baseURL, 'admin');
    const page = await context.newPage();
    await withScreenshotOnFailure(page, 'credit-list', async () => {
      await page.goto('/entities/credit');
      await expect.poll(() => page.getByRole('heading', { name: '企业信用风险分类' }).isVisible(), WAIT).toBe(true);
      await expect
        .poll(
          () =>
            page
              .getByText(/共 \d+ 户/)
              .first()
              .isVisible(),
          WAIT,
        )
        .toBe(true);
      // The demo seed classed the demo entities this month, in all four classes.
      for (const cls of ['A', 'B', 'C', 'D']) await expect.poll(() => tileCount(page, cls), WAIT).toBeGreaterThan(0);
      await expect.poll(() => page.locator('.ant-card').filter({ hasText: '各区县分布' }).locator('canvas').first().isVisible(), WAIT).toBe(true);
      await page.screenshot({ path: 'e2e/screenshots/credit-list.png', fullPage: true });

      const d = await tileCount(page, 'D');
      await page.getByRole('button', { name: /^D 类 / }).click();
      await expect.poll(() => page.getByText(`共 ${d} 户`).isVisible(), WAIT).toBe(true);
      await expect.poll(() => page.locator('tr.ant-table-row').filter({ hasText: 'C 类' }).count(), WAIT).toBe(0);

      await page.locator('tr.ant-table-row').first().getByRole('button', { name: '明细' }).click();
      const drawer = page.getByRole('dialog');
      await expect.poll(() => drawer.getByText('风险分合计').isVisible(), WAIT).toBe(true);
      await expect.poll(() => drawer.getByText('监督抽查不合格').isVisible(), WAIT).toBe(true);
      await expect.poll(() => drawer.getByText(/D 类 · 信用风险高/).isVisible(), WAIT).toBe(true);
      await settled(page);
      await page.screenshot({ path: 'e2e/screenshots/credit-breakdown.png' });
      await page.keyboard.press('Escape');

      await page.getByRole('button', { name: '评分模型' }).click();
      await expect.poll(() => page.getByText('国市监信发〔2022〕6号').first().isVisible(), WAIT).toBe(true);
      await settled(page);
      await page.screenshot({ path: 'e2e/screenshots/credit-model.png' });
    });
    await context.close();
  });

  it('a county officer adjusts a class with a reason; the list, the breakdown and the entity page show it', async () => {
    const context = await loggedInContext(browser, baseURL, 'wuxing');
    const page = await context.newPage();
    await withScreenshotOnFailure(page, 'credit-adjust', async () => {
      await page.goto('/entities/credit');
      await page.getByPlaceholder('名称或信用代码').fill('示范食品');
      await page.getByPlaceholder('名称或信用代码').press('Enter');
      const row = rowWith(page, DEMO_FOOD);
      await row.waitFor({ timeout: 20_000 });
      const before = /([ABCD]) 类/.exec((await row.textContent()) ?? '')?.[1] ?? '';
      expect(before).toMatch(/^[ABCD]$/);
      const target = before === 'C' ? 'B' : 'C';
      const targetLabel = target === 'C' ? 'C 类 · 较高' : 'B 类 · 一般';
      await row.getByRole('button', { name: '调整' }).click();

      const modal = page.getByRole('dialog');
      await expect.poll(() => modal.getByText(/人工调整信用风险分类/).isVisible(), WAIT).toBe(true);
      // The click can be lost while the dialog still zooms in (the form then says 请选择调整后的类别 at the end): it is
      // made again until the radio shows the choice.
      const choice = modal.getByRole('radio', { name: targetLabel });
      await expect
        .poll(async () => {
          if (!(await choice.isChecked()))
            await modal
              .getByText(targetLabel)
              .click({ timeout: 2_000 })
              .catch(() => undefined);
          return choice.isChecked();
        }, WAIT)
        .toBe(true);
      await modal.getByRole('textbox', { name: '调整理由' }).fill('太短');
      await modal.getByRole('button', { name: /确认调整/ }).click();
      await expect.poll(() => modal.getByText('调整理由至少 5 个字').isVisible(), WAIT).toBe(true);
      await modal.getByRole('textbox', { name: '调整理由' }).fill('近期接到多起实名投诉，经现场核查属实，提高监管频次');
      await expect.poll(() => modal.getByText('调整理由至少 5 个字').count(), WAIT).toBe(0);
      await page.screenshot({ path: 'e2e/screenshots/credit-adjust-modal.png' });
      await modal.getByRole('button', { name: /确认调整/ }).click();
      await expect.poll(() => page.getByText(`已调整为 ${target} 类`).isVisible(), WAIT).toBe(true);
      await expect.poll(() => rowWith(page, DEMO_FOOD).textContent(), WAIT).toMatch(new RegExp(`${target} 类.*调整`));

      await rowWith(page, DEMO_FOOD).getByRole('button', { name: '明细' }).click();
      const drawer = page.getByRole('dialog').filter({ hasText: '信用风险分类明细' });
      await expect.poll(() => drawer.getByText(`人工调整（计算结果 ${before} 类）`).isVisible(), WAIT).toBe(true);
      await expect.poll(() => drawer.getByText('理由：近期接到多起实名投诉，经现场核查属实，提高监管频次').isVisible(), WAIT).toBe(true);
      await settled(page);
      await page.screenshot({ path: 'e2e/screenshots/credit-adjusted-breakdown.png' });
      await drawer.getByRole('link', { name: '主体档案' }).click();

      await expect.poll(() => page.getByRole('heading', { name: DEMO_FOOD }).isVisible(), WAIT).toBe(true);
      const tag = page.getByRole('button', { name: `信用风险 ${target} 类，查看评分明细` });
      await expect.poll(() => tag.isVisible(), WAIT).toBe(true);
      await page.evaluate('window.scrollTo(0, 0)');
      await tag.scrollIntoViewIfNeeded();
      await page.screenshot({ path: 'e2e/screenshots/credit-entity-detail.png' });
    });
    await context.close();
  });

  it('an enterprise account has no credit page and sees no class on its own record', async () => {
    const context = await loggedInContext(browser, baseURL, 'enterprise1');
    const page = await context.newPage();
    await withScreenshotOnFailure(page, 'credit-enterprise', async () => {
      await page.goto('/entities/credit');
      await expect.poll(() => page.getByText('无权访问', { exact: true }).isVisible(), WAIT).toBe(true);
      await page.goto('/entities');
      await expect.poll(() => page.getByRole('heading', { name: DEMO_FOOD }).isVisible(), WAIT).toBe(true);
      expect(await page.getByText(/信用风险 [ABCD] 类/).count()).toBe(0);
      expect(await page.getByRole('menuitem', { name: '信用风险分类' }).count()).toBe(0);
    });
    await context.close();
  });

  // Last in the file: the new version is the active one from here on. It raises only 严重违法失信名单's
  // points, whose entities are class D by the list floor anyway, so no class changes even on a recompute.
  it('the city publishes a model version changing one weight; a county officer cannot', async () => {
    const county = await loggedInContext(browser, baseURL, 'wuxing');
    const countyPage = await county.newPage();
    await withScreenshotOnFailure(countyPage, 'credit-model-county', async () => {
      await countyPage.goto('/entities/credit');
      await countyPage.getByRole('button', { name: '评分模型' }).click();
      await expect.poll(() => countyPage.getByText('版本历史').isVisible(), WAIT).toBe(true);
      await expect.poll(() => countyPage.getByRole('row', { name: /第 \d+ 版/ }).count(), WAIT).toBeGreaterThan(0);
      expect(await countyPage.getByRole('button', { name: '新建版本' }).count()).toBe(0);
    });
    await county.close();

    const context = await loggedInContext(browser, baseURL, 'admin');
    const page = await context.newPage();
    await withScreenshotOnFailure(page, 'credit-model-version', async () => {
      await page.goto('/entities/credit');
      await page.getByRole('button', { name: '评分模型' }).click();
      const drawer = page.getByRole('dialog').filter({ hasText: '版本历史' });
      await expect.poll(() => drawer.getByText(/信用风险分类评分模型 · 第 \d+ 版/).isVisible(), WAIT).toBe(true);
      const current = Number(/第 (\d+) 版/.exec((await drawer.getByText(/信用风险分类评分模型 · 第 \d+ 版/).textContent()) ?? '')?.[1]);
      expect(current).toBeGreaterThan(0);
      await drawer.getByRole('button', { name: '新建版本' }).click();

      const form = page.getByRole('dialog').filter({ hasText: `新建评分模型版本 · 第 ${current + 1} 版` });
      const points = form.getByRole('spinbutton', { name: '列入严重违法失信名单 分值' });
      await expect.poll(() => points.inputValue(), WAIT).toBe('50');
      // The server's own rules, inline: the bands must stay in order.
      await form.getByRole('spinbutton', { name: 'B 类最高分' }).fill('2');
      await expect.poll(() => form.getByText(/分界应满足 A < B < C/).isVisible(), WAIT).toBe(true);
      await settled(page);
      await page.screenshot({ path: 'e2e/screenshots/credit-model-form.png' });
      await form.getByRole('spinbutton', { name: 'B 类最高分' }).fill('24');
      await expect.poll(() => form.getByText(/分界应满足 A < B < C/).count(), WAIT).toBe(0);
      await points.fill('60');
      await form.getByRole('button', { name: /发布新版本/ }).click();
      await expect.poll(() => form.getByText(/请写明依据与取值说明（至少 20 字）/).isVisible(), WAIT).toBe(true);
      await form
        .getByRole('textbox', { name: '修订说明' })
        .fill('列入严重违法失信名单的分值由 +50 调整为 +60，使名单内主体的风险分与其他主体拉开差距；其余取值沿用上一版。');
      await expect.poll(() => form.getByText(/请写明依据与取值说明/).count(), WAIT).toBe(0);
      await form.getByRole('button', { name: /发布新版本/ }).click();

      const confirm = page.getByRole('dialog').filter({ hasText: `发布评分模型第 ${current + 1} 版？` });
      await expect.poll(() => confirm.getByText('列入严重违法失信名单：+50，且至少为 D 类 → +60，且至少为 D 类').isVisible(), WAIT).toBe(true);
      await expect.poll(() => confirm.getByText(/发布不会自动重新计算/).isVisible(), WAIT).toBe(true);
      await page.screenshot({ path: 'e2e/screenshots/credit-model-confirm.png' });
      await confirm.getByRole('button', { name: '确认发布' }).click();

      await expect.poll(() => page.getByText(`已发布评分模型第 ${current + 1} 版`).isVisible(), WAIT).toBe(true);
      await expect.poll(() => drawer.getByText(`信用风险分类评分模型 · 第 ${current + 1} 版`).isVisible(), WAIT).toBe(true);
      await expect.poll(() => drawer.getByText('+60，且至少为 D 类').isVisible(), WAIT).toBe(true);
      const history = drawer.getByRole('region', { name: '评分模型版本历史' });
      await expect.poll(() => history.getByRole('row', { name: new RegExp(`第 ${current + 1} 版\\s*当前`) }).isVisible(), WAIT).toBe(true);
      await expect.poll(() => history.getByRole('row', { name: new RegExp(`第 ${current} 版`) }).isVisible(), WAIT).toBe(true);
      await settled(page);
      await history.scrollIntoViewIfNeeded();
      await page.screenshot({ path: 'e2e/screenshots/credit-model-history.png' });
    });
    await context.close();
  });
});
