import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntityDetail, EntityImportReport } from '../../../common/entity-api.ts';
import { buildTestApp, type Client, type TestApp } from '../../test-support/app.ts';
import { DB_KINDS } from '../../test-support/db.ts';
import { buildEntity, makeCreditCode, withWrongCheckChar } from './test-factories.ts';

const HEADERS = ['统一社会信用代码', '名称', '主体类型', '行业代码', '所属区划', '住所', '法定代表人', '成立日期', '登记状态', '特殊名录'];

async function xlsx(rows: (string | number | Date | null)[][], headers = HEADERS): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('市场主体');
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer).toString('base64');
}

const csv = (rows: string[][], headers = HEADERS) => Buffer.from(`\ufeff${[headers, ...rows].map((r) => r.join(',')).join('\r\n')}\r\n`).toString('base64');

describe.each(DB_KINDS)('entity import on %s', (kind) => {
  let t: TestApp;
  let wuxing: Client;
  beforeAll(async () => {
    t = await buildTestApp(kind);
    wuxing = await t.login('wuxing');
  });
  afterAll(() => t.close());

  const upload = async (fileBase64: string, extra: Record<string, unknown> = {}): Promise<EntityImportReport> => {
    const res = await wuxing.post('/api/v1/entities/import', { fileBase64, fileName: 'test.xlsx', ...extra });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const count = async (table: 'entity' | 'entity_event' | 'entity_import') =>
    Number(
      (
        await t.database.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const byCode = (code: string) => t.database.db.selectFrom('entity').selectAll().where('credit_code', '=', code).executeTakeFirst();

  it('downloads the xlsx template (Chinese headers, township sheet of the caller’s county) and the CSV template', async () => {
    const res = await wuxing.get('/api/v1/entities/import-template');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('市场主体导入模板.xlsx'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
    expect(wb.getWorksheet('市场主体')?.getRow(1).values).toEqual([undefined, ...HEADERS]);
    const regions = JSON.stringify(wb.getWorksheet('区划代码')?.getSheetValues());
    expect(regions).toContain('织里镇');
    expect(regions).not.toContain('南浔镇');
    const csvRes = await wuxing.get('/api/v1/entities/import-template?format=csv');
    expect(csvRes.body).toBe(`\ufeff${HEADERS.join(',')}\r\n`);
    expect((await (await t.login('inspector1')).get('/api/v1/entities/import-template')).statusCode).toBe(403);
  });

  it('all or nothing: reports every bad cell (row, column, rule, bilingual message) and imports nothing', async () => {
    const good = makeCreditCode();
    const { wrong, expected } = withWrongCheckChar(makeCreditCode());
    const before = await count('entity');
    const report = await upload(
      await xlsx([
        [good, '湖州好行导入有限公司', '企业', '17', '330502100', '织里镇', '张三', '2019-03-05', '存续', ''],
        [wrong, '湖州错码导入有限公司', '企业', '17', '330502100', null, null, null, null, null],
        [makeCreditCode(), '湖州坏行导入有限公司', '公司制', '99', '南浔镇', null, null, '2019-02-30', '歇业', '黑名单'],
      ]),
    );
    expect(report).toMatchObject({ format: 'xlsx', rowsRead: 3, rowsValid: 1, rowsImported: 0, created: 1, importId: null });
    expect(report.errors.map((e) => [e.row, e.column, e.header, e.rule])).toEqual([
      [3, 'A', '统一社会信用代码', 'gb32100'],
      [4, 'C', '主体类型', 'enum'],
      [4, 'D', '行业代码', 'gb4754'],
      [4, 'E', '所属区划', 'scope'],
      [4, 'H', '成立日期', 'date'],
      [4, 'I', '登记状态', 'enum'],
      [4, 'J', '特殊名录', 'enum'],
    ]);
    expect(report.errors[0]?.message).toContain(`第 18 位校验码应为 ${expected}`);
    for (const e of report.errors) expect(e.message).toMatch(/[\u4e00-\u9fff].*\/ .*[a-z]{4}/);
    expect(await count('entity')).toBe(before);
    expect(await byCode(good)).toBeUndefined();
  });

  it('dry run reports without writing; valid_only imports the good rows and reports the rest', async () => {
    const good = makeCreditCode();
    const bad = withWrongCheckChar(makeCreditCode()).wrong;
    const file = csv([
      [good, '湖州部分导入有限公司', '', '1713', '吴兴区织里镇', '织里镇大港路 9 号', '李四', '2020/7/1', '', '经营异常名录'],
      [bad, '湖州部分错码有限公司', '企业', '17', '330502100', '', '', '', '', ''],
    ]);
    const dry = await upload(file, { mode: 'valid_only', dryRun: true });
    expect(dry).toMatchObject({ format: 'csv', dryRun: true, rowsValid: 1, created: 1, rowsImported: 0, importId: null });
    expect(await byCode(good)).toBeUndefined();

    const real = await upload(file, { mode: 'valid_only' });
    expect(real).toMatchObject({ rowsRead: 2, rowsValid: 1, rowsImported: 1, created: 1 });
    expect(real.errors.map((e) => [e.row, e.field])).toEqual([[3, 'creditCode']]);
    const row = await byCode(good);
    // Type from positions 1–2 (91 → 企业), status defaults to 存续, region by county + township name, date in 2020/7/1 form.
    expect(row).toMatchObject({
      type: 'enterprise',
      status: 'subsisting',
      region_code: '330502100',
      established_on: '2020-07-01',
      special_lists: ['abnormal_operation'],
    });
    const events = await t.database.db
      .selectFrom('entity_event')
      .select(['kind', 'reference'])
      .where('entity_id', '=', row?.id ?? '')
      .execute();
    expect(events.map((e) => e.kind).sort()).toEqual(['abnormal_in', 'registration']);
    expect(events.every((e) => e.reference === real.importId)).toBe(true);
    const audit = await t.database.db
      .selectFrom('platform_audit')
      .selectAll()
      .where('action', '=', 'entity.import')
      .where('entity_id', '=', real.importId)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.after).toMatchObject({ created: [good], failedRows: 1 });
  });

  it('merges duplicates: an existing code updates the entity (with a timeline event), a code repeated in the file makes one entity', async () => {
    const existing = await buildEntity(wuxing, { name: '湖州合并前有限公司', address: '旧址 1 号' });
    const twice = makeCreditCode();
    const before = await count('entity');
    const report = await upload(
      await xlsx([
        [existing.creditCode, '湖州合并前有限公司', null, null, null, '新址 2 号', '王五', null, null, null],
        [twice, '湖州同码有限公司', '企业', '17', '330502101', '八里店镇 3 号', null, null, null, null],
        [twice.toLowerCase(), '湖州同码有限公司', null, null, null, null, '赵六', new Date(Date.UTC(2015, 4, 20)), null, null],
      ]),
    );
    expect(report).toMatchObject({ rowsRead: 3, rowsValid: 3, created: 1, updated: 1, unchanged: 0, rowsImported: 3, errors: [] });
    expect(report.warnings).toEqual([{ row: 4, message: expect.stringContaining('与第 3 行统一社会信用代码相同') }]);
    expect(await count('entity')).toBe(before + 1);
    expect(await byCode(twice)).toMatchObject({
      name: '湖州同码有限公司',
      legal_representative: '赵六',
      established_on: '2015-05-20',
      region_code: '330502101',
    });
    const merged: EntityDetail = (await wuxing.get(`/api/v1/entities/${existing.id}`)).json();
    expect(merged).toMatchObject({ name: '湖州合并前有限公司', address: '新址 2 号', legalRepresentative: '王五', industryCode: existing.industryCode });
    expect(merged.events[0]).toMatchObject({ kind: 'change', summary: expect.stringContaining('变更住所、法定代表人') });
    expect(merged.events[0]?.summary).toContain('批量导入');
  });

  it('a retried upload is harmless: the same file again changes nothing and adds no event', async () => {
    const file = await xlsx([
      [makeCreditCode(), '湖州重试一有限公司', '企业', '17', '330502100', null, null, '2021-01-04', '在业', null],
      [makeCreditCode(), '湖州重试二有限公司', '企业', '18', '330502101', null, null, null, null, '无'],
    ]);
    const first = await upload(file);
    expect(first).toMatchObject({ created: 2, updated: 0, unchanged: 0, rowsImported: 2 });
    const [entities, events, imports] = [await count('entity'), await count('entity_event'), await count('entity_import')];
    const second = await upload(file);
    expect(second).toMatchObject({ created: 0, updated: 0, unchanged: 2, rowsImported: 0, errors: [], importId: null });
    expect([await count('entity'), await count('entity_event'), await count('entity_import')]).toEqual([entities, events, imports]);
  });

  it('refuses to merge a code registered in another county, and reads a GBK-encoded CSV', async () => {
    const nanxunEntity = await buildEntity(await t.login('admin'), { regionCode: '330503100' });
    const code = makeCreditCode();
    const text = `${HEADERS.join(',')}\r\n${nanxunEntity.creditCode},别人的主体,企业,17,330502100,,,,,\r\n${code},湖州编码测试有限公司,企业,17,织里镇,,,,,\r\n`;
    const gbk = Buffer.from(new Uint8Array(encodeGbk(text)));
    const report = await upload(gbk.toString('base64'), { mode: 'valid_only' });
    expect(report.errors).toEqual([expect.objectContaining({ row: 2, field: 'creditCode', rule: 'scope' })]);
    expect((await byCode(code))?.name).toBe('湖州编码测试有限公司');
    expect((await byCode(nanxunEntity.creditCode))?.name).toBe(nanxunEntity.name);
  });

  it('says clearly what is wrong with a file it cannot use', async () => {
    const noHeader = await upload(csv([['a', 'b']], ['甲', '乙']));
    expect(noHeader.errors).toEqual([expect.objectContaining({ rule: 'header', message: expect.stringContaining('统一社会信用代码、名称') })]);
    const xls = await wuxing.post('/api/v1/entities/import', {
      fileBase64: Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 1, 2]).toString('base64'),
      fileName: 'old.xls',
    });
    expect(xls.statusCode).toBe(400);
    expect(xls.json().error.code).toBe('ENTITY_IMPORT_BAD_FILE');
    // Excel keeps an all-digit code typed into a General cell as a double: its last digits are gone.
    const numeric = await upload(await xlsx([[Number('913305007490121183'), '数字代码有限公司', '企业', '17', '330502100', null, null, null, null, null]]));
    expect(numeric.errors[0]).toMatchObject({ rule: 'number_cell', column: 'A' });
  });
});

/** GBK bytes of `text` (what Excel on Chinese Windows saves as CSV), via the GB18030 round trip of TextDecoder. */
function encodeGbk(text: string): number[] {
  const decoder = new TextDecoder('gb18030');
  const table = new Map<string, number[]>();
  for (let hi = 0x81; hi <= 0xfe; hi++) {
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      if (lo === 0x7f) continue;
      const ch = decoder.decode(new Uint8Array([hi, lo]));
      if (ch.length === 1 && !table.has(ch)) table.set(ch, [hi, lo]);
    }
  }
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    if (code < 0x80) out.push(code);
    else {
      const bytes = table.get(ch);
      if (!bytes) throw new Error(`no GBK code for ${ch}`);
      out.push(...bytes);
    }
  }
  return out;
}
