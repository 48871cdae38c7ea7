import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportReport, IndicatorValue, Plan } from '../../../common/plan-api.ts';
import { buildTestApp, type Client, type TestApp } from '../../test-support/app.ts';
import { DB_KINDS } from '../../test-support/db.ts';

/** Sets 数值 of the template rows for the given indicator codes. */
async function fillTemplate(xlsx: Buffer, values: Record<string, string | number>): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx as unknown as ExcelJS.Buffer);
  const ws = wb.getWorksheet('数据填报');
  if (!ws) throw new Error('no 数据填报 sheet');
  let headerRow = 0;
  const columns = new Map<string, number>();
  ws.eachRow((row, n) => {
    if (headerRow) return;
    row.eachCell((cell, c) => {
      if (String(cell.value).trim() === '指标编码') headerRow = n;
      columns.set(String(cell.value).trim(), c);
    });
  });
  const codeCol = columns.get('指标编码') ?? 0;
  const valueCol = columns.get('数值') ?? 0;
  ws.eachRow((row, n) => {
    if (n <= headerRow) return;
    const code = String(row.getCell(codeCol).value ?? '');
    if (code in values) row.getCell(valueCol).value = values[code] ?? null;
  });
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer).toString('base64');
}

describe.each(DB_KINDS)('Excel round trip of yearly values on %s', (kind) => {
  let t: TestApp;
  let wuxing: Client;
  let plan: Plan;
  let template: Buffer;
  beforeAll(async () => {
    t = await buildTestApp(kind);
    wuxing = await t.login('wuxing');
    plan = (await wuxing.get('/api/v1/plans')).json().items[0];
    const res = await wuxing.get(`/api/v1/plans/${plan.id}/values/template.xlsx?year=2025&regionCode=330502`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/spreadsheetml/);
    template = res.rawPayload;
  });
  afterAll(() => t.close());

  const upload = (fileBase64: string, extra: Record<string, unknown> = {}) =>
    wuxing.post(`/api/v1/plans/${plan.id}/values/import`, { fileBase64, year: 2025, regionCode: '330502', ...extra });

  it("downloads a template pre-filled with the county's values and Chinese headers", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(template as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet('数据填报');
    const text = JSON.stringify(ws?.getSheetValues());
    for (const h of ['指标编码', '指标名称', '单位', '年度', '地区代码', '地区', '数值', '数据来源说明', '当前状态']) expect(text).toContain(h);
    expect(text).toContain('主要农产品质量安全省级监测合格率');
    const nanxun = await t.login('nanxun');
    expect((await nanxun.get(`/api/v1/plans/${plan.id}/values/template.xlsx?year=2025&regionCode=330502`)).statusCode).toBe(404);
  });

  it('re-importing the unchanged template writes nothing', async () => {
    const report: ImportReport = (await upload(template.toString('base64'))).json();
    expect(report.errors).toEqual([]);
    expect(report.rowsImported).toBe(report.rowsValid);
    const drafts = (await wuxing.get(`/api/v1/plans/${plan.id}/values?status=draft&year=2025&regionCode=330502`)).json();
    expect(drafts.total).toBe(0);
  });

  it('all or nothing: one bad cell → a per-cell report and nothing written', async () => {
    const file = await fillTemplate(template, { I01: 96.1, I02: 'abc', I15: 130 });
    const report: ImportReport = (await upload(file)).json();
    expect(report.rowsImported).toBe(0);
    const cells = report.errors.map((e) => [e.cell.replace(/\d+/, ''), e.rule]);
    expect(cells).toEqual(expect.arrayContaining([expect.arrayContaining(['number']), expect.arrayContaining(['range'])]));
    for (const e of report.errors) expect(e.message).toMatch(/\//);
    const drafts = (await wuxing.get(`/api/v1/plans/${plan.id}/values?status=draft&year=2025&regionCode=330502`)).json();
    expect(drafts.total).toBe(0);
  });

  it('dry run reports without writing; valid_only imports the good rows as drafts', async () => {
    const file = await fillTemplate(template, { I01: 96.1, I02: 'abc' });
    const dry: ImportReport = (await upload(file, { mode: 'valid_only', dryRun: true })).json();
    expect(dry.rowsImported).toBe(0);
    expect(dry.errors).toHaveLength(1);
    expect((await wuxing.get(`/api/v1/plans/${plan.id}/values?status=draft&year=2025&regionCode=330502`)).json().total).toBe(0);

    const real: ImportReport = (await upload(file, { mode: 'valid_only' })).json();
    expect(real.errors).toHaveLength(1);
    expect(real.errors[0]).toMatchObject({ field: 'value', rule: 'number' });
    const drafts: IndicatorValue[] = (await wuxing.get(`/api/v1/plans/${plan.id}/values?status=draft&year=2025&regionCode=330502`)).json().items;
    expect(drafts.map((d) => [d.indicatorCode, d.value, d.version > 1 ? 'correction' : 'new'])).toEqual([['I01', 96.1, 'correction']]);
    expect(drafts[0]?.correctionReason).toMatch(/Excel/);
  });

  it('refuses a file that is not a workbook with a clear 400', async () => {
    const res = await upload(Buffer.from('not a spreadsheet').toString('base64'));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('PLAN_IMPORT_NOT_XLSX');
  });
});
