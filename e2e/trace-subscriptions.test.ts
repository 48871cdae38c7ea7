import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_API_KEY } from '../server/seed/trace-demo.ts';
import { chooseOption, launchBrowser, loggedInContext, withScreenshotOnFailure } from './browser.ts';

const baseURL = inject('e2eBaseUrl');
const skipReason = inject('e2eSkipReason');
const WAIT = { timeout: 20_000, interval: 200 };
const WRITE_HEADERS = { 'x-zhiliang-client': 'web', origin: baseURL };

interface Delivery {
  signature: string | undefined;
  raw: Buffer;
}

describe.skipIf(skipReason !== '')('数据订阅 (EPCIS webhooks) in the browser', () => {
  let browser: Browser;
  let receiver: http.Server;
  let hook = '';
  const deliveries: Delivery[] = [];
  beforeAll(async () => {
    browser = await launchBrowser();
    // The enterprise's receiving system: records every POST, answers 200.
    receiver = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const signature = req.headers['gs1-signature'];
        deliveries.push({ signature: typeof signature === 'string' ? signature : undefined, raw: Buffer.concat(chunks) });
        res.end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/epcis/hook`; // a TCP server's address
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => receiver?.close(resolve));
  });

  it('an enterprise subscribes its system to a named query, receives its next capture signed, and sees 推送正常', async () => {
    const context = await loggedInContext(browser, baseURL, 'enterprise1');
    const page = await context.newPage();
    await withScreenshotOnFailure(page, 'trace-subscriptions', async () => {
      await page.goto('/trace/subscriptions');
      await expect.poll(() => page.getByText('暂无订阅').isVisible(), WAIT).toBe(true);
      await page.getByRole('button', { name: /新建订阅/ }).click();
      const dialog = page.getByRole('dialog', { name: '新建数据订阅' });
      await expect.poll(() => dialog.getByText('还没有命名查询').isVisible(), WAIT).toBe(true);
      // The query to subscribe to: made here — inspection events only.
      await dialog.getByRole('button', { name: '新建命名查询' }).click();
      const queryDialog = page.getByRole('dialog', { name: '新建命名查询' });
      await queryDialog.getByLabel('查询名称').fill('e2e-inspecting');
      await chooseOption(page, queryDialog, '业务步骤（可选，不选则为全部）', '检验（inspecting）', { search: 'inspecting' });
      await queryDialog.getByLabel('查询名称').click(); // closes the open option list
      await queryDialog.getByRole('button', { name: /^创\s*建$/ }).click();
      await expect.poll(() => queryDialog.isVisible(), WAIT).toBe(false);
      await expect.poll(() => dialog.getByText('e2e-inspecting（EQ_bizStep=inspecting）').count(), WAIT).toBeGreaterThan(0);
      // https only in production; the receiver here is plain http on 127.0.0.1 (allowed outside production).
      await dialog.getByLabel('接收地址').fill('not a url');
      await dialog.getByRole('button', { name: /^订\s*阅$/ }).click();
      await expect.poll(() => dialog.getByText('请输入完整的 URL').isVisible(), WAIT).toBe(true);
      await dialog.getByLabel('接收地址').fill(hook);
      await dialog.getByRole('button', { name: '随机生成' }).click();
      const token = await dialog.getByLabel('签名密钥').inputValue();
      expect(token).toMatch(/^[0-9a-f]{64}$/);
      await dialog.getByRole('button', { name: /^订\s*阅$/ }).click();
      const row = page.getByRole('row', { name: new RegExp(hook.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')) });
      await expect.poll(() => row.count(), WAIT).toBe(1);
      expect(await row.getByText('尚未推送').count()).toBe(1);
      expect(await row.getByText('实时推送').count()).toBe(1);
      expect(await row.getByText('带签名（GS1-Signature）').count()).toBe(1);
      expect(await page.getByText(token).count()).toBe(0);

      // The ERP captures an inspection event at the enterprise's plant: the platform pushes it, signed.
      const eventID = `urn:uuid:e2e5b5c0-0000-4000-8000-${String(Date.now()).slice(-12)}`;
      const capture = await fetch(`${baseURL}/epcis/capture`, {
        method: 'POST',
        headers: { authorization: `Bearer ${DEMO_API_KEY}`, 'content-type': 'application/ld+json' },
        body: JSON.stringify({
          '@context': ['https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld'],
          type: 'EPCISDocument',
          schemaVersion: '2.0',
          creationDate: new Date().toISOString(),
          epcisBody: {
            eventList: [
              {
                type: 'ObjectEvent',
                eventID,
                eventTime: new Date().toISOString(),
                eventTimeZoneOffset: '+08:00',
                action: 'OBSERVE',
                bizStep: 'inspecting',
                epcList: ['https://id.gs1.org/01/06970000000116/21/E2E-SUB-1'],
                readPoint: { id: 'https://id.gs1.org/414/6970000000017' },
              },
            ],
          },
        }),
      });
      expect(capture.status).toBe(202);
      await expect.poll(() => deliveries.length, WAIT).toBeGreaterThan(0);
      const delivery = deliveries[0] as Delivery;
      expect(delivery.signature).toBe(createHmac('sha256', token).update(delivery.raw).digest('hex'));
      const doc = JSON.parse(delivery.raw.toString('utf8'));
      expect(doc.epcisBody.queryResults.queryName).toBe('e2e-inspecting');
      expect(doc.epcisBody.queryResults.resultsBody.eventList.map((e: { eventID: string }) => e.eventID)).toEqual([eventID]);

      await page.reload();
      await expect.poll(() => row.getByText('推送正常').count(), WAIT).toBe(1);
      await page.screenshot({ path: 'e2e/screenshots/trace-subscriptions.png', fullPage: true });

      // Unsubscribing stops the pushes.
      await row.getByRole('button', { name: /取消订阅/ }).click();
      await page.getByRole('button', { name: '取消订阅', exact: true }).click();
      await expect.poll(() => page.getByText('暂无订阅').isVisible(), WAIT).toBe(true);
    });
    await context.close();
  });

  it('the city sees every subscription with the account behind it', async () => {
    const food = await loggedInContext(browser, baseURL, 'enterprise1');
    const made = await food.request.post('/epcis/queries/e2e-inspecting/subscriptions', {
      data: { dest: 'https://erp.example.com/hook', schedule: { hour: '1', minute: '5' }, reportIfEmpty: true },
      headers: WRITE_HEADERS,
    });
    expect(made.status(), await made.text()).toBe(201);
    const context = await loggedInContext(browser, baseURL, 'admin');
    const page = await context.newPage();
    await withScreenshotOnFailure(page, 'trace-subscriptions-city', async () => {
      await page.goto('/trace/subscriptions');
      const row = page.getByRole('row', { name: /erp\.example\.com/ });
      await expect.poll(() => row.count(), WAIT).toBe(1);
      expect(await row.getByText('每天 01:05').count()).toBe(1);
      expect(await row.getByText('湖州示范食品有限公司（演示）').count()).toBe(1);
    });
    // The browser test files share one server: leave no subscription behind.
    const gone = await context.request.delete(`/epcis/queries/e2e-inspecting/subscriptions/${(await made.json()).subscriptionID}`, { headers: WRITE_HEADERS });
    expect(gone.status()).toBe(204);
    await context.close();
    await food.close();
  });
});
