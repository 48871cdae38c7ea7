import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, loggedInContext, withScreenshotOnFailure } from './browser.ts';

const baseURL = inject('e2eBaseUrl');
const skipReason = inject('e2eSkipReason');
const WAIT = { timeout: 20_000, interval: 200 };
// The demo supply chain (server/seed/trace-demo.ts): a tea drink made from two tea-leaf lots.
const DRINK = 'https://id.gs1.org/01/06970000000116/10/HZ-2025-0506';

describe.skipIf(skipReason !== '')('traceability in the browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a regulator traces the demo drink batch back to both tea-leaf lots', async () => {
    const context = await loggedInContext(browser, baseURL, 'admin');
    const page = await context.newPage();
    await withScreenshotOnFailure(page, 'trace-backward', async () => {
      await page.goto(`/trace?code=${encodeURIComponent(DRINK)}&direction=backward`);
      await expect.poll(() => page.getByRole('cell', { name: 'AJ-2025-0418', exact: true }).count(), WAIT).toBeGreaterThan(0);
      await expect.poll(() => page.getByRole('cell', { name: 'AJ-2025-0422', exact: true }).count(), WAIT).toBeGreaterThan(0);
      await page.screenshot({ path: 'e2e/screenshots/trace-backward.png', fullPage: true });
    });
    await context.close();
  });

  it('a regulator who has typed nothing is offered the codes most recently reported in the region, and starts from one', async () => {
    const context = await loggedInContext(browser, baseURL, 'admin');
    const page = await context.newPage();
    await withScreenshotOnFailure(page, 'trace-recent', async () => {
      await page.goto('/trace');
      await expect.poll(() => page.getByText('本辖区最近上报的追溯码').isVisible(), WAIT).toBe(true);
      const first = page.getByRole('button', { name: /^从 https:\/\/id\.gs1\.org\// }).first();
      const code = String(await first.getAttribute('aria-label')).replace(/^从 | 开始$/g, '');
      await first.click();
      await expect.poll(() => new URL(page.url()).searchParams.get('code'), WAIT).toBe(code);
      await expect.poll(() => page.getByText('查询起点').isVisible(), WAIT).toBe(true);
    });
    await context.close();
  });

  it('a consumer scans the batch: the public page shows product, producer and inspection without login', async () => {
    const context = await browser.newContext({ baseURL, locale: 'zh-CN', viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await withScreenshotOnFailure(page, 'trace-consumer', async () => {
      await page.goto('/01/06970000000116/10/HZ-2025-0506');
      await expect.poll(() => page.getByText('白茶饮料（演示）').first().isVisible(), WAIT).toBe(true);
      await expect.poll(() => page.getByText('湖州示范食品有限公司（演示）').first().isVisible(), WAIT).toBe(true);
      await expect.poll(() => page.getByText('合格').first().isVisible(), WAIT).toBe(true);
      const html = await page.content();
      expect(html).not.toMatch(/12000|LTR|91330502MA2B3C4D58/);
      await page.screenshot({ path: 'e2e/screenshots/trace-consumer-mobile.png', fullPage: true });
      const bad = await page.goto('/01/06970000000117/10/X');
      expect(bad?.status()).toBe(400);
      await expect.poll(() => page.locator('body').textContent(), WAIT).toMatch(/无法识别|校验|无效/);
    });
    await context.close();
  });
});
