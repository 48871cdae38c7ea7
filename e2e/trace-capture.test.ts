import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildRecordEvent, randomEventId } from '../common/trace-record-event.ts';
import { chooseOption, launchBrowser, loggedInContext, withScreenshotOnFailure } from './browser.ts';

const baseURL = inject('e2eBaseUrl');
const skipReason = inject('e2eSkipReason');
const WAIT = { timeout: 20_000, interval: 200 };
const GTIN = '06970000000116';
const PLANT = 'https://id.gs1.org/414/6970000000017';
const WAREHOUSE = 'https://id.gs1.org/414/6970000000024';

/** An EPCISDocument as an enterprise's own system would export it. */
function exportFile(events: Record<string, unknown>[]): Buffer {
  const document = {
    '@context': ['https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld'],
    type: 'EPCISDocument',
    schemaVersion: '2.0',
    creationDate: '2026-12-05T18:00:00+08:00',
    epcisBody: { eventList: events },
  };
  return Buffer.from(JSON.stringify(document, null, 2));
}

describe.skipIf(skipReason !== '')('an enterprise without an ERP records traceability data in the browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('records a production with the form, uploads a file (a bad one is refused whole), and the consumer page shows the batch', async () => {
    const lot = `E2E-${Date.now() % 1_000_000}`;
    const batch = `https://id.gs1.org/01/${GTIN}/10/${lot}`;
    const context = await loggedInContext(browser, baseURL, 'enterprise1');
    const page = await context.newPage();

    await withScreenshotOnFailure(page, 'trace-capture-form', async () => {
      await page.goto('/trace/captures');
      await page.getByRole('button', { name: '登记批次事件' }).click();
      const dialog = page.getByRole('dialog');
      await chooseOption(page, dialog, '产品', '白茶饮料', { search: '白茶' });
      await dialog.getByLabel('批次号').fill(lot);
      await dialog.getByLabel('数量').fill('480');
      await chooseOption(page, dialog, '单位', '箱（XBX）');
      await chooseOption(page, dialog, '本企业地点', 'GLN 6970000000017');
      await page.screenshot({ path: 'e2e/screenshots/trace-capture-form.png', fullPage: false });
      const sent = page.waitForResponse((r) => r.url().endsWith('/epcis/events') && r.request().method() === 'POST');
      await dialog.getByRole('button', { name: /登\s*记/ }).click();
      expect((await sent).status()).toBe(201);
      await expect.poll(() => page.getByText(`已登记：生产（批次入链） · 白茶饮料（演示） 批次 ${lot}`).isVisible(), WAIT).toBe(true);
      await expect.poll(() => page.getByRole('cell', { name: '单个事件 · 对象事件' }).first().isVisible(), WAIT).toBe(true);
    });

    await withScreenshotOnFailure(page, 'trace-capture-upload', async () => {
      const shipped = {
        type: 'ObjectEvent',
        eventID: randomEventId(),
        // after the production the form recorded a moment ago
        eventTime: new Date().toISOString(),
        eventTimeZoneOffset: '+08:00',
        action: 'OBSERVE',
        bizStep: 'shipping',
        disposition: 'in_transit',
        quantityList: [{ epcClass: batch, quantity: 200, uom: 'XBX' }],
        readPoint: { id: WAREHOUSE },
        sourceList: [{ type: 'location', source: WAREHOUSE }],
        destinationList: [{ type: 'location', destination: PLANT }],
      };
      await page.getByRole('button', { name: '上传 EPCIS 文件' }).click();
      const dialog = page.getByRole('dialog');
      const input = dialog.locator('input[type=file]');

      // One event without its eventTime: the whole file is refused, naming the place, and nothing of it is stored.
      const { eventTime: _dropped, ...undated } = { ...shipped, eventID: randomEventId() };
      await input.setInputFiles({ name: 'erp-export-bad.json', mimeType: 'application/json', buffer: exportFile([shipped, undated]) });
      await expect.poll(() => dialog.getByText('2 个：对象事件 2').isVisible(), WAIT).toBe(true);
      await dialog.getByRole('button', { name: /上\s*传/ }).click();
      await expect.poll(() => dialog.getByText(/文件被退回，没有保存任何事件/).isVisible(), WAIT).toBe(true);
      await expect
        .poll(
          () =>
            dialog
              .getByText(/\/epcisBody\/eventList\/1/)
              .first()
              .isVisible(),
          WAIT,
        )
        .toBe(true);
      await page.screenshot({ path: 'e2e/screenshots/trace-capture-upload-refused.png', fullPage: false });
      // The refusal is listed in 上报记录 behind the dialog, with its reason.
      await expect.poll(() => page.locator('tr.ant-table-row', { hasText: '失败' }).count(), WAIT).toBeGreaterThan(0);

      const received = {
        ...shipped,
        eventID: randomEventId(),
        bizStep: 'receiving',
        disposition: 'in_progress',
        bizLocation: { id: PLANT },
      };
      delete (received as Record<string, unknown>).sourceList;
      delete (received as Record<string, unknown>).destinationList;
      Object.assign(received, { eventTime: new Date(Date.now() + 1000).toISOString(), readPoint: { id: PLANT } });
      await input.setInputFiles({ name: 'erp-export.json', mimeType: 'application/json', buffer: exportFile([shipped, received]) });
      await expect.poll(() => dialog.getByText(/文件被退回/).count(), WAIT).toBe(0);
      await dialog.getByRole('button', { name: /上\s*传/ }).click();
      await expect.poll(() => page.getByText('已入库 2 个事件').isVisible(), WAIT).toBe(true);
      // The new capture opens in the drawer.
      await expect.poll(() => page.locator('.ant-drawer').getByText('成功').first().isVisible(), WAIT).toBe(true);
      await page.screenshot({ path: 'e2e/screenshots/trace-capture-upload.png', fullPage: false });
    });

    // What the refused file held is not stored; the accepted file and the form's event are.
    const stored = await context.request.get(`/epcis/events?MATCH_epcClass=${encodeURIComponent(batch)}&perPage=20`);
    expect(stored.ok(), await stored.text()).toBe(true);
    const events = (await stored.json()).epcisBody.queryResults.resultsBody.eventList as { bizStep: string }[];
    expect(events.map((e) => e.bizStep).sort()).toEqual(['commissioning', 'receiving', 'shipping']);
    await context.close();

    const consumer = await browser.newContext({ baseURL, locale: 'zh-CN', viewport: { width: 390, height: 844 } });
    const scan = await consumer.newPage();
    await withScreenshotOnFailure(scan, 'trace-capture-consumer', async () => {
      await scan.goto(`/01/${GTIN}/10/${lot}`);
      await expect.poll(() => scan.getByText('白茶饮料（演示）').first().isVisible(), WAIT).toBe(true);
      await expect.poll(() => scan.getByText(lot).first().isVisible(), WAIT).toBe(true);
      await expect.poll(() => scan.getByText('收货').first().isVisible(), WAIT).toBe(true);
    });
    await consumer.close();
  });

  it('uploads a file choosing 合格事件入库: the good event is stored, the bad one refused on its own and shown with its reason', async () => {
    const lot = `E2E-P-${Date.now() % 1_000_000}`;
    const batch = `https://id.gs1.org/01/${GTIN}/10/${lot}`;
    const context = await loggedInContext(browser, baseURL, 'enterprise1');
    const page = await context.newPage();
    const made = {
      type: 'ObjectEvent',
      eventID: randomEventId(),
      eventTime: new Date().toISOString(),
      eventTimeZoneOffset: '+08:00',
      action: 'ADD',
      bizStep: 'commissioning',
      disposition: 'active',
      quantityList: [{ epcClass: batch, quantity: 300, uom: 'XBX' }],
      readPoint: { id: PLANT },
    };
    const { eventTime: _dropped, ...undated } = { ...made, eventID: randomEventId(), action: 'OBSERVE', bizStep: 'shipping' };

    await withScreenshotOnFailure(page, 'trace-capture-proceed', async () => {
      await page.goto('/trace/captures');
      await page.getByRole('button', { name: '上传 EPCIS 文件' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('radio', { name: '合格事件入库（有误的逐个退回）' }).check();
      await expect.poll(() => dialog.getByText(/有误的事件逐个退回并列出原因/).isVisible(), WAIT).toBe(true);
      await dialog
        .locator('input[type=file]')
        .setInputFiles({ name: 'erp-export-mixed.json', mimeType: 'application/json', buffer: exportFile([made, undated]) });
      await expect.poll(() => dialog.getByText('2 个：对象事件 2').isVisible(), WAIT).toBe(true);
      const sent = page.waitForResponse((r) => r.url().endsWith('/epcis/capture') && r.request().method() === 'POST');
      await dialog.getByRole('button', { name: /上\s*传/ }).click();
      const answer = await sent;
      expect(answer.status()).toBe(202);
      expect(answer.request().headers()['gs1-capture-error-behaviour']).toBe('proceed');
      await expect.poll(() => page.getByText('部分入库：已入库 1 个事件，1 个被退回，原因见详情').isVisible(), WAIT).toBe(true);
      // The drawer opens on the capture: partial, what was refused and where.
      const drawer = page.locator('.ant-drawer');
      await expect.poll(() => drawer.getByText('部分入库：1 个事件已入库，1 个被退回').isVisible(), WAIT).toBe(true);
      await expect.poll(() => drawer.getByText('合格事件入库（有误的逐个退回）').isVisible(), WAIT).toBe(true);
      await expect.poll(() => drawer.getByText('/epcisBody/eventList/1').first().isVisible(), WAIT).toBe(true);
      await page.screenshot({ path: 'e2e/screenshots/trace-capture-proceed.png', fullPage: false });
    });

    const stored = await context.request.get(`/epcis/events?MATCH_epcClass=${encodeURIComponent(batch)}&perPage=20`);
    expect(stored.ok(), await stored.text()).toBe(true);
    const events = (await stored.json()).epcisBody.queryResults.resultsBody.eventList as { eventID: string }[];
    expect(events.map((e) => e.eventID)).toEqual([made.eventID]);
    await context.close();
  });
  it('declares a wrongly recorded inspection erroneous from the batch’s event list, then offers to record the right one', async () => {
    const lot = `E2E-D-${Date.now() % 1_000_000}`;
    const batch = `https://id.gs1.org/01/${GTIN}/10/${lot}`;
    const context = await loggedInContext(browser, baseURL, 'enterprise1');
    const base = { batch, lot, uom: 'XBX', location: { identifier: PLANT, gln: '6970000000017' } };
    const made = { ...base, eventID: randomEventId(), step: 'commissioning' as const, quantity: 300, localTime: '2026-12-01T08:00' };
    const inspected = {
      ...base,
      eventID: randomEventId(),
      step: 'inspecting' as const,
      quantity: 6,
      uom: 'H87',
      localTime: '2026-12-02T09:00',
      conformant: true,
      reference: 'JC-E2E-WRONG',
    };
    for (const input of [made, inspected]) {
      const res = await context.request.post('/epcis/events', { data: buildRecordEvent(input), headers: { 'x-zhiliang-client': 'web', origin: baseURL } });
      expect(res.status(), await res.text()).toBe(201);
    }
    const page = await context.newPage();
    await withScreenshotOnFailure(page, 'trace-capture-declare', async () => {
      await page.goto('/trace/products');
      await page.getByRole('button', { name: '白茶饮料（演示）：批次与追溯码' }).click();
      const card = page.locator(`[aria-label="批次 ${lot} 的事件记录"]`);
      const pick = page.getByRole('button', { name: `查看批次 ${lot} 的追溯码` });
      await expect.poll(async () => (await card.isVisible()) || (await pick.isVisible()), WAIT).toBe(true);
      if (await pick.isVisible()) await pick.click();
      await expect.poll(() => card.getByText('检验').first().isVisible(), WAIT).toBe(true);
      await card.getByRole('button', { name: /的检验事件有误/ }).click();
      const dialog = page.getByRole('dialog', { name: '声明事件有误' });
      await expect.poll(() => dialog.getByText(inspected.eventID).isVisible(), WAIT).toBe(true);
      await dialog.getByRole('radio', { name: /数据有误/ }).check();
      const sent = page.waitForResponse((r) => r.url().endsWith('/epcis/events') && r.request().method() === 'POST');
      await dialog.getByRole('button', { name: /确认声明/ }).click();
      expect((await sent).status()).toBe(201);
      // The list marks the event; the form to record the corrected inspection opens on the same batch.
      await expect.poll(() => card.getByText('已声明有误').isVisible(), WAIT).toBe(true);
      const form = page.getByRole('dialog', { name: '登记批次事件' });
      await expect.poll(() => form.getByLabel('批次号').inputValue(), WAIT).toBe(lot);
      await page.screenshot({ path: 'e2e/screenshots/trace-capture-declare.png', fullPage: false });
      await form.getByRole('button', { name: /取\s*消/ }).click();
    });

    const versions = await context.request.get(`/epcis/events/${encodeURIComponent(inspected.eventID)}`);
    const list = (await versions.json()).epcisBody.queryResults.resultsBody.eventList as { errorDeclaration?: { reason: string } }[];
    expect(list.map((e) => e.errorDeclaration?.reason ?? null)).toEqual([null, 'incorrect_data']);
    await context.close();

    // The consumer page no longer shows the withdrawn inspection's report.
    const consumer = await browser.newContext({ baseURL, locale: 'zh-CN', viewport: { width: 390, height: 844 } });
    const scan = await consumer.newPage();
    await withScreenshotOnFailure(scan, 'trace-capture-declare-consumer', async () => {
      await scan.goto(`/01/${GTIN}/10/${lot}`);
      await expect.poll(() => scan.getByText(lot).first().isVisible(), WAIT).toBe(true);
      expect(await scan.getByText('JC-E2E-WRONG').count()).toBe(0);
    });
    await consumer.close();
  });
});
