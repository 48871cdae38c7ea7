import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { buildValuesTemplate, parseValuesWorkbook, type ValuesExpectation, type ValuesTemplateInput } from './values-xlsx.ts';
import { WorkbookFormatError } from './xlsx-common.ts';

const INDICATORS: ValuesTemplateInput['indicators'] = [
  { id: 'id-1', code: 'I01', name: '主要农产品质量安全省级监测合格率', unit: '%', category: '产品质量', accumulation: 'level', valueMin: 0, valueMax: 100 },
  { id: 'id-4', code: 'I04', name: '制定“浙江制造”标准(新增)', unit: '项', category: '产品质量', accumulation: 'increment', valueMin: 0, valueMax: null },
  { id: 'id-12', code: 'I12', name: '单项冠军企业数量(累计)', unit: '项', category: '产品质量', accumulation: 'cumulative', valueMin: 0, valueMax: null },
  { id: 'id-13', code: 'I13', name: '服务质量满意度', unit: '分', category: '服务质量', accumulation: 'level', valueMin: 0, valueMax: 100 },
  {
    id: 'id-25',
    code: 'I25',
    name: '城市细颗粒物(PM2.5)平均浓度',
    unit: '微克/立方米',
    category: '环境质量',
    accumulation: 'level',
    valueMin: null,
    valueMax: null,
  },
  {
    id: 'id-16',
    code: 'I16',
    name: '新开工装配式建筑面积',
    unit: '万平方米',
    category: '工程质量',
    accumulation: 'level',
    valueMin: 0,
    valueMax: null,
  },
];

const INPUT: ValuesTemplateInput = {
  planName: '湖州市质量发展“十四五”规划',
  year: 2023,
  region: { code: '330502', name: '吴兴区' },
  indicators: INDICATORS,
  existing: {
    'id-1': { value: 97.8, numerator: 978, denominator: 1000, sourceNote: '省农业农村厅监测通报', status: 'approved', version: 2 },
    'id-25': { value: 27, numerator: null, denominator: null, sourceNote: null, status: 'draft', version: 1 },
  },
  demo: true,
};

const EXPECTED: ValuesExpectation = {
  year: 2023,
  regionCode: '330502',
  indicatorsByCode: Object.fromEntries(INDICATORS.map((i) => [i.code, { id: i.id, valueMin: i.valueMin, valueMax: i.valueMax, unit: i.unit }])),
};

const HEADERS = ['指标编码', '指标名称', '单位', '年度', '地区代码', '地区', '数值', '分子', '分母', '数据来源说明', '当前状态'];

async function load(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  // exceljs types its input as its own ArrayBuffer-like Buffer; a Node Buffer is what it reads.
  await wb.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  return wb;
}

async function save(wb: ExcelJS.Workbook): Promise<Buffer> {
  // exceljs declares an ArrayBuffer-like result; it is a Node Buffer at run time.
  return Buffer.from((await wb.xlsx.writeBuffer()) as unknown as ArrayBuffer);
}

function sheetOf(wb: ExcelJS.Workbook, name = '数据填报'): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  return ws;
}

/** Row number of an indicator in the template (title row 1, headers row 2). */
function rowOf(code: string): number {
  return 3 + INDICATORS.findIndex((i) => i.code === code);
}

/** Template → edits → parse, as a county officer would do it. */
async function fillAndParse(edit: (ws: ExcelJS.Worksheet) => void, expected = EXPECTED) {
  const wb = await load(await buildValuesTemplate(INPUT));
  edit(sheetOf(wb));
  return parseValuesWorkbook(await save(wb), expected);
}

describe('buildValuesTemplate', () => {
  it('has the Chinese headers, a title with the region and the demo mark, and a 说明 sheet', async () => {
    const wb = await load(await buildValuesTemplate(INPUT));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['数据填报', '说明']);
    const ws = sheetOf(wb);
    expect(String(ws.getCell('A1').value)).toContain('2023年度数据填报');
    expect(String(ws.getCell('A1').value)).toContain('吴兴区（330502）');
    expect(String(ws.getCell('A1').value)).toContain('演示数据');
    const headers = ws.getRow(2).values;
    expect(Array.isArray(headers) ? headers.slice(1) : []).toEqual(HEADERS);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    const help = sheetOf(wb, '说明');
    expect(String(help.getCell('A1').value)).toBe('填报说明');
    expect(help.getColumn(1).values.join('\n')).toContain('新增');
  });

  it('pre-fills one row per indicator with existing values and their status', async () => {
    const ws = sheetOf(await load(await buildValuesTemplate(INPUT)));
    const r1 = ws.getRow(rowOf('I01'));
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11].map((c) => r1.getCell(c).value)).toEqual([
      'I01',
      '主要农产品质量安全省级监测合格率',
      '%',
      2023,
      '330502',
      '吴兴区',
      97.8,
      978,
      1000,
      '省农业农村厅监测通报',
      '已审核（第2版）',
    ]);
    expect(ws.getRow(rowOf('I25')).getCell(11).value).toBe('草稿（第1版）');
    expect(ws.getRow(rowOf('I04')).getCell(7).value).toBeNull();
    expect(ws.getRow(rowOf('I04')).getCell(11).value).toBe('未填报');
    expect(ws.rowCount).toBe(2 + INDICATORS.length);
  });

  it('locks and greys the key columns, leaves the data columns open and validates 数值', async () => {
    const ws = sheetOf(await load(await buildValuesTemplate(INPUT)));
    const row = ws.getRow(rowOf('I01'));
    for (const c of [1, 2, 3, 4, 5, 6, 11]) {
      expect(row.getCell(c).protection?.locked ?? true).toBe(true);
      expect(row.getCell(c).fill).toMatchObject({ fgColor: { argb: 'FFF0F0F0' } });
    }
    for (const c of [7, 8, 9, 10]) expect(row.getCell(c).protection?.locked).toBe(false);
    expect(row.getCell(7).dataValidation).toMatchObject({ type: 'decimal', operator: 'between', formulae: [0, 100] });
    expect(ws.getRow(rowOf('I04')).getCell(7).dataValidation).toMatchObject({ type: 'decimal', operator: 'greaterThanOrEqual', formulae: [0] });
    expect(ws.getRow(rowOf('I04')).getCell(7).dataValidation.prompt).toContain('当年新增');
    // exceljs keeps sheet protection on its model; it round-trips through the file.
    expect((ws as unknown as { sheetProtection: { sheet: boolean } | null }).sheetProtection).toMatchObject({ sheet: true });
  });
});

describe('parseValuesWorkbook', () => {
  it('reads the filled-in template back; rows with an empty 数值 are skipped', async () => {
    const parsed = await fillAndParse((ws) => {
      ws.getRow(rowOf('I04')).getCell(7).value = 48;
      ws.getRow(rowOf('I04')).getCell(10).value = '  市标准化研究院统计  ';
      ws.getRow(rowOf('I16')).getCell(7).value = '1,234.5';
      ws.getRow(rowOf('I13')).getCell(7).value = ' ８３．５ ';
    });
    expect(parsed.errors).toEqual([]);
    expect(parsed.rowsRead).toBe(5);
    expect(parsed.rows.map((r) => [r.code, r.value])).toEqual([
      ['I01', 97.8],
      ['I04', 48],
      ['I13', 83.5],
      ['I25', 27],
      ['I16', 1234.5],
    ]);
    expect(parsed.rows[0]).toEqual({
      row: 3,
      indicatorId: 'id-1',
      code: 'I01',
      year: 2023,
      regionCode: '330502',
      value: 97.8,
      numerator: 978,
      denominator: 1000,
      sourceNote: '省农业农村厅监测通报',
    });
    expect(parsed.rows[1]).toMatchObject({ indicatorId: 'id-4', sourceNote: '市标准化研究院统计', numerator: null, denominator: null });
  });

  it('understands percentages for a % indicator: typed "98.5%" and a %-formatted cell', async () => {
    const typed = await fillAndParse((ws) => {
      ws.getRow(rowOf('I01')).getCell(7).value = '98.5%';
    });
    expect(typed.rows.find((r) => r.code === 'I01')?.value).toBe(98.5);
    const formatted = await fillAndParse((ws) => {
      const cell = ws.getRow(rowOf('I01')).getCell(7);
      cell.value = 0.985;
      // After a load exceljs shares one style object among like cells: give this cell its own.
      cell.style = { ...cell.style, numFmt: '0.0%' };
    });
    expect(formatted.rows.find((r) => r.code === 'I01')?.value).toBe(98.5);
  });

  it('reports each bad cell with row, column, A1 cell, field, rule and a bilingual message', async () => {
    const parsed = await fillAndParse((ws) => {
      ws.getRow(rowOf('I01')).getCell(7).value = '约98';
      ws.getRow(rowOf('I13')).getCell(7).value = 120;
      ws.getRow(rowOf('I04')).getCell(7).value = '5%';
      ws.getRow(rowOf('I16')).getCell(7).value = 10;
      ws.getRow(rowOf('I16')).getCell(9).value = 0;
    });
    expect(parsed.errors).toEqual([
      { row: 3, column: 'G', cell: 'G3', field: 'value', rule: 'number', message: '数值必须是数字 / value must be a number' },
      expect.objectContaining({ row: 4, cell: 'G4', field: 'value', rule: 'number' }),
      expect.objectContaining({ row: 6, column: 'G', cell: 'G6', field: 'value', rule: 'range' }),
      expect.objectContaining({ row: 8, column: 'I', cell: 'I8', field: 'denominator', rule: 'range' }),
    ]);
    expect(parsed.errors[1]?.message).toContain('百分号');
    expect(parsed.errors[2]?.message).toMatch(/0～100.*\/ value 120 is outside 0…100/);
    // I25 keeps its pre-filled value and is the only valid row.
    expect(parsed.rows.map((r) => r.code)).toEqual(['I25']);
    expect(parsed.rowsRead).toBe(5);
  });

  it('refuses unknown codes, another year or region, and a repeated indicator', async () => {
    const parsed = await fillAndParse((ws) => {
      ws.getRow(rowOf('I04')).values = ['I99', '不存在的指标', '项', 2023, '330502', '吴兴区', 3];
      ws.getRow(rowOf('I12')).values = ['I01', '主要农产品质量安全省级监测合格率', '%', 2023, '330502', '吴兴区', 97];
      ws.getRow(rowOf('I13')).values = ['I13', '服务质量满意度', '分', 2022, '330503', '南浔区', 83];
    });
    expect(parsed.errors.map((e) => [e.cell, e.field, e.rule])).toEqual([
      ['A4', 'indicatorCode', 'unknown_indicator'],
      ['A5', 'indicatorCode', 'duplicate'],
      ['D6', 'year', 'year_mismatch'],
      ['E6', 'regionCode', 'region_mismatch'],
    ]);
    expect(parsed.errors[1]?.message).toContain('第 3 行');
    expect(parsed.rows.map((r) => r.code)).toEqual(['I01', 'I25']);
  });

  it('finds columns by header text in any order, with spaces around, and codes in any case', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sheet1');
    ws.addRow([' 数值 ', '地区代码', '备注列', '年度 ', '指标编码', '分母', '分子']);
    ws.addRow([96, 330502, 'x', '2023年', 'i01', 100, 96]);
    ws.addRow([]);
    ws.addRow([25, '330502', null, 2023, 'I25']);
    const parsed = await parseValuesWorkbook(await save(wb), EXPECTED);
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows).toEqual([
      { row: 2, indicatorId: 'id-1', code: 'I01', year: 2023, regionCode: '330502', value: 96, numerator: 96, denominator: 100, sourceNote: null },
      { row: 4, indicatorId: 'id-25', code: 'I25', year: 2023, regionCode: '330502', value: 25, numerator: null, denominator: null, sourceNote: null },
    ]);
  });

  it('gives a single header error when the header row is missing or wrong', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('数据填报');
    ws.addRow(['编码', '名称', '值']);
    ws.addRow(['I01', '合格率', 98]);
    const parsed = await parseValuesWorkbook(await save(wb), EXPECTED);
    expect(parsed.rows).toEqual([]);
    expect(parsed.errors).toHaveLength(1);
    expect(parsed.errors[0]).toMatchObject({ row: 1, column: 'A', cell: 'A1', field: 'header', rule: 'header' });
    expect(parsed.errors[0]?.message).toContain('指标编码、年度、地区代码、数值');
  });

  it('names the missing column when one header of the template was changed', async () => {
    const parsed = await fillAndParse((ws) => {
      ws.getCell('G2').value = '数据';
    });
    expect(parsed.errors).toEqual([expect.objectContaining({ cell: 'A1', rule: 'header' })]);
    expect(parsed.errors[0]?.message).toContain('缺少表头：数值（');
  });

  it('throws a 400 error for bytes that are not an xlsx workbook', async () => {
    const garbage = Buffer.from('这不是一个 Excel 文件 / not a workbook at all');
    await expect(parseValuesWorkbook(garbage, EXPECTED)).rejects.toBeInstanceOf(WorkbookFormatError);
    await expect(parseValuesWorkbook(garbage, EXPECTED)).rejects.toMatchObject({ status: 400, code: 'PLAN_IMPORT_NOT_XLSX' });
    // A zip header followed by junk: looks like an xlsx, is not one.
    const fakeZip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 7)]);
    await expect(parseValuesWorkbook(fakeZip, EXPECTED)).rejects.toMatchObject({ status: 400, code: 'PLAN_IMPORT_NOT_XLSX' });
  });
});
