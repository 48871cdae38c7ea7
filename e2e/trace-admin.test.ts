import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, loggedInContext, withScreenshotOnFailure } from './browser.ts';

const baseURL = inject('e2eBaseUrl');
const skipReason = inject('e2eSkipReason');
const WAIT = { timeout: 20_000, interval: 200 };

describe.skipIf(skipReason !== '')('traceability administration in the browser (products, API keys, capture jobs)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('an enterprise sees its demo product, the QR code of its batch, and the consumer page link', async () => {
    const context = await loggedInContext(browser, baseURL, 'enterprise1');
    const page = await context.newPage();
    await withScreenshotOnFailure(page, 'trace-products', async () => {
      await page.goto('/trace/products');
      await expect.poll(() => page.getByRole('cell', { name: /白茶饮料（演示）/ }).count(), WAIT).toBeGreaterThan(0);
      // Another enterprise's product is not listed.
      expect(await page.getByText('安吉白茶鲜叶（演示）').count()).toBe(0);
      await page.getByRole('button', { name: '白茶饮料（演示）：批次与追溯码' }).click();
      const qr = page.getByRole('img', { name: '批次 HZ-2025-0506 的追溯二维码' });
      // The drawer opens on the most recently recorded batch: the demo batch unless another browser test (the web
      // capture) recorded a newer one of this product first, in which case the demo batch is picked from the list.
      const pick = page.getByRole('button', { name: '查看批次 HZ-2025-0506 的追溯码' });
      await expect.poll(async () => (await qr.isVisible()) || (await pick.isVisible()), WAIT).toBe(true);
      if (await pick.isVisible()) await pick.click();
      await expect.poll(() => qr.isVisible(), WAIT).toBe(true);
      // The image really is a QR code PNG the API serves to this account.
      const png = await context.request.get((await qr.getAttribute('src')) ?? '');
      expect(png.status()).toBe(200);
      expect(png.headers()['content-type']).toBe('image/png');
      await expect.poll(() => page.getByText('http://localhost:8080/01/06970000000116/10/HZ-2025-0506').count(), WAIT).toBeGreaterThan(0);
      const consumer = page.getByRole('link', { name: /消费者扫码页面/ });
      expect(await consumer.getAttribute('href')).toBe('/01/06970000000116/10/HZ-2025-0506');
      expect(await page.getByRole('link', { name: /下载 SVG/ }).getAttribute('href')).toContain('/api/v1/trace/codes/qr.svg?uri=');
      expect(await page.getByRole('link', { name: /打印标签/ }).getAttribute('href')).toContain('/api/v1/trace/codes/labels.html?uri=');
      await page.screenshot({ path: 'e2e/screenshots/trace-products-drawer.png' });
    });
    await context.close();
  });

  it('the city sees a product whose GTIN the platform allocated, marked 演示, and issues a batch code on it', async () => {
    const context = await loggedInContext(browser, baseURL, 'admin');
    const page = await context.newPage();
    await withScreenshotOnFailure(page, 'trace-products-platform', async () => {
      await page.goto('/trace/products');
      const row = page.getByRole('row', { name: /长兴葡萄（演示）/ });
      await expect.poll(() => row.count(), WAIT).toBe(1);
      expect(await row.getByText('平台分配').count()).toBe(1);
      expect(await row.getByText('演示', { exact: true }).count()).toBe(1);
      await page.getByRole('button', { name: '长兴葡萄（演示）：批次与追溯码' }).click();
      await expect.poll(() => page.getByText('演示用商品条码').isVisible(), WAIT).toBe(true);
      await page.getByLabel('批次号').fill('CX-2026-01');
      await page.getByRole('button', { name: /生成追溯码/ }).click();
      const qr = page.getByRole('img', { name: '批次 CX-2026-01 的追溯二维码' });
      await expect.poll(() => qr.isVisible(), WAIT).toBe(true);
      // The same Digital Link form as an enterprise's own GTIN, under the platform's (demonstration) prefix 9520000.
      const code = page.getByText(/^http:\/\/localhost:8080\/01\/09520000\d{6}\/10\/CX-2026-01$/);
      await expect.poll(() => code.count(), WAIT).toBeGreaterThan(0);
      const consumer = page.getByRole('link', { name: /消费者扫码页面/ });
      expect(await consumer.getAttribute('href')).toMatch(/^\/01\/09520000\d{6}\/10\/CX-2026-01$/);
      await page.screenshot({ path: 'e2e/screenshots/trace-products-platform.png' });
    });
    await context.close();
  });

  it('an enterprise creates an API key: shown once with a warning and a copy control, then listed by its prefix', async () => {
    const context = await loggedInContext(browser, baseURL, 'enterprise1');
    const page = await context.newPage();
    await withScreenshotOnFailure(page, 'trace-api-keys', async () => {
      await page.goto('/trace/api-keys');
      await expect.poll(() => page.getByRole('cell', { name: '演示 ERP 接口密钥' }).count(), WAIT).toBeGreaterThan(0);
      await page.getByRole('button', { name: /新建密钥/ }).click();
      await page.getByLabel('密钥名称').fill('浏览器测试密钥');
      await page.getByRole('button', { name: /^创\s*建$/ }).click();
      await expect.poll(() => page.getByText('请立即复制并妥善保存此密钥').isVisible(), WAIT).toBe(true);
      const shown = (await page.getByLabel('新密钥').textContent()) ?? '';
      const key = /zlk_[0-9a-f]{8}_[A-Za-z0-9_-]+/.exec(shown)?.[0] ?? '';
      expect(key).not.toBe('');
      expect(await page.getByText('复制密钥').count()).toBeGreaterThan(0);
      await page.getByRole('button', { name: '我已保存密钥' }).click();
      const prefix = key.split('_')[1] ?? '';
      await expect.poll(() => page.getByRole('cell', { name: '浏览器测试密钥' }).count(), WAIT).toBeGreaterThan(0);
      await expect.poll(() => page.getByText(`zlk_${prefix}_••••••`).count(), WAIT).toBeGreaterThan(0);
      // The key is never shown again, and it works as the account.
      await expect.poll(() => page.getByText(key).count(), WAIT).toBe(0);
      const res = await fetch(`${baseURL}/api/v1/trace/captures`, { headers: { authorization: `Bearer ${key}` } });
      expect(res.status).toBe(200);
    });
    await context.close();
  });

  it('a county officer sees the registered locations of its own county only', async () => {
    const context = await loggedInContext(browser, baseURL, 'deqing');
    const page = await context.newPage();
    await withScreenshotOnFailure(page, 'trace-locations', async () => {
      await page.goto('/trace/locations');
      await expect.poll(() => page.getByRole('cell', { name: '德清示范超市 门店（演示）' }).count(), WAIT).toBeGreaterThan(0);
      expect(await page.getByText('安吉示范茶叶合作社 基地（演示）').count()).toBe(0);
      expect(await page.getByRole('button', { name: /登记地点/ }).count()).toBe(1);
    });
    await context.close();
  });

  it('a regulator opens the capture jobs and the detail of the demo supply chain capture', async () => {
    const context = await loggedInContext(browser, baseURL, 'admin');
    const page = await context.newPage();
    await withScreenshotOnFailure(page, 'trace-captures', async () => {
      await page.goto('/trace/captures');
      const details = page.getByRole('button', { name: /^上报记录详情/ });
      await expect.poll(() => details.count(), WAIT).toBeGreaterThan(0);
      await expect.poll(() => page.getByRole('cell', { name: 'EPCIS 文档' }).count(), WAIT).toBeGreaterThan(0);
      await details.last().click();
      await expect.poll(() => page.getByText('上报成功，没有错误').isVisible(), WAIT).toBe(true);
      await expect.poll(() => page.getByText(/^\d+ 个事件已入库$/).isVisible(), WAIT).toBe(true);
      await page.screenshot({ path: 'e2e/screenshots/trace-captures-drawer.png' });
    });
    await context.close();
  });
});
