import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CREDIT_CODE_CHARSET, creditCodeCheckChar } from '../common/credit-code.ts';
import { chooseOption, launchBrowser, loggedInContext, withScreenshotOnFailure } from './browser.ts';

const baseURL = inject('e2eBaseUrl');
const skipReason = inject('e2eSkipReason');
const WAIT = { timeout: 20_000, interval: 200 };

/** The table row (not the header) whose text contains all the given parts. */
function rowWith(page: Page, ...parts: string[]): Locator {
  let row = page.locator('tr.ant-table-row');
  for (const p of parts) row = row.filter({ hasText: p });
  return row.first();
}

/** A fresh valid code registered in 吴兴区, and the same code with a wrong check character. */
function codes(): { right: string; wrong: string; expected: string } {
  let body = '';
  for (let i = 0; i < 8; i++) body += CREDIT_CODE_CHARSET.charAt(Math.floor(Math.random() * CREDIT_CODE_CHARSET.length));
  const first17 = `91330502M${body}`;
  const expected = creditCodeCheckChar(first17) ?? '0';
  return { right: `${first17}${expected}`, wrong: `${first17}${expected === '0' ? '1' : '0'}`, expected };
}

describe.skipIf(skipReason !== '')('market entities in the browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('吴兴区 finds an entity in the list, reads its timeline, then registers one with a wrong and then the right code', async () => {
    const context = await loggedInContext(browser, baseURL, 'wuxing');
    const page = await context.newPage();
    await withScreenshotOnFailure(page, 'entities-list', async () => {
      await page.goto('/entities');
      await expect.poll(() => page.getByText(/共 \d+ 户/).isVisible(), WAIT).toBe(true);
      await page.screenshot({ path: 'e2e/screenshots/entities-list.png', fullPage: false });
      await page.getByPlaceholder('名称或信用代码').fill('示范食品');
      await page.getByPlaceholder('名称或信用代码').press('Enter');
      const row = rowWith(page, '湖州示范食品有限公司（演示）', '91330502MA2B3C4D58');
      await row.waitFor();
      await row.getByRole('link', { name: '湖州示范食品有限公司（演示）' }).click();
    });

    await withScreenshotOnFailure(page, 'entities-detail', async () => {
      await expect.poll(() => page.getByRole('heading', { name: '湖州示范食品有限公司（演示）' }).isVisible(), WAIT).toBe(true);
      const timeline = page.locator('.ant-card').filter({ hasText: '时间轴' });
      await expect.poll(() => timeline.getByText('“双随机、一公开”抽查：未发现问题').isVisible(), WAIT).toBe(true);
      await expect.poll(() => timeline.getByText(/设立登记：湖州示范食品有限公司/).isVisible(), WAIT).toBe(true);
      // The demo food licence expires 45 days after the demo was loaded.
      await expect
        .poll(
          () =>
            page
              .getByText(/\d+ 天后到期/)
              .first()
              .isVisible(),
          WAIT,
        )
        .toBe(true);
      await page.screenshot({ path: 'e2e/screenshots/entities-detail.png', fullPage: true });
    });

    const { right, wrong, expected } = codes();
    await withScreenshotOnFailure(page, 'entities-create', async () => {
      await page.goto('/entities');
      await page.getByRole('button', { name: '登记主体' }).click();
      const dialog = page.getByRole('dialog');
      const code = dialog.getByRole('textbox', { name: '统一社会信用代码' });
      await code.fill(wrong.toLowerCase());
      // As typed: the public check names position 18 and the character it should be.
      await expect.poll(() => dialog.getByText(`第 18 位校验码应为 ${expected}`).isVisible(), WAIT).toBe(true);
      await dialog.getByRole('textbox', { name: '名称' }).fill('湖州浏览器测试纺织有限公司');
      await chooseOption(page, dialog, '所属乡镇（街道）', '织里镇', { search: '织里', tree: true });
      // The server refuses it too, naming the same position and character. Its answer is awaited: under load the typing
      // hint shows the same words first, and a click on 登记 while the first request still spins would be ignored.
      const refused = page.waitForResponse((r) => r.url().endsWith('/api/v1/entities') && r.request().method() === 'POST');
      await dialog.getByRole('button', { name: /登\s*记/ }).click();
      expect((await refused).status()).toBe(400);
      await expect.poll(() => dialog.getByText(`第 18 位校验码应为 ${expected}`).isVisible(), WAIT).toBe(true);
      await expect.poll(() => page.getByRole('dialog').isVisible(), WAIT).toBe(true);
      await page.screenshot({ path: 'e2e/screenshots/entities-create-wrong-code.png', fullPage: false });

      await code.fill(right);
      await expect.poll(() => dialog.getByText(`代码有效（校验码 ${expected}）`).isVisible(), WAIT).toBe(true);
      await dialog.getByRole('button', { name: /登\s*记/ }).click();
      await expect.poll(() => page.getByRole('heading', { name: '湖州浏览器测试纺织有限公司' }).isVisible(), WAIT).toBe(true);
      await expect.poll(() => page.getByText(right).first().isVisible(), WAIT).toBe(true);
      await expect.poll(() => page.getByText(/设立登记：湖州浏览器测试纺织有限公司/).isVisible(), WAIT).toBe(true);
    });

    const res = await context.request.get(`/api/v1/entities?q=${right}`);
    expect((await res.json()).items.map((e: { creditCode: string; type: string; regionCode: string }) => [e.creditCode, e.type, e.regionCode])).toEqual([
      [right, 'enterprise', '330502100'],
    ]);
    await context.close();
  });

  it('the demo enterprise account lands on its own record, read-only', async () => {
    const context = await loggedInContext(browser, baseURL, 'enterprise1');
    const page = await context.newPage();
    await withScreenshotOnFailure(page, 'entities-enterprise', async () => {
      await page.goto('/entities');
      await expect.poll(() => page.getByRole('heading', { name: '湖州示范食品有限公司（演示）' }).isVisible(), WAIT).toBe(true);
      expect(await page.getByRole('button', { name: '编辑主体信息' }).count()).toBe(0);
      expect(await page.getByRole('button', { name: '新增许可证' }).count()).toBe(0);
    });
    await context.close();
  });
});
