import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Indicator, IndicatorInput } from '../../../../common/plan-api.ts';
import { buildIndicatorsWorkbook, parseIndicatorsWorkbook } from './indicators-xlsx.ts';
import { buildIndicators } from './test-fixtures.ts';
import { WorkbookFormatError } from './xlsx-common.ts';

const HEADERS = [
  '编码',
  '序号',
  '类别',
  '子类',
  '指标名称',
  '单位',
  '目标值',
  '目标说明',
  '目标年',
  '方向',
  '累计方式',
  '区域汇总',
  '基期值',
  '基期来源',
  '牵头单位',
  '下限',
  '上限',
  '同比预警幅度',
  '小数位',
  '自然极限',
  '备注',
];

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

function toInput(ind: Indicator): IndicatorInput {
  return {
    code: ind.code,
    seq: ind.seq,
    category: ind.category,
    subCategory: ind.subCategory,
    name: ind.name,
    unit: ind.unit,
    targetValue: 'value' in ind.target ? ind.target.value : null,
    targetText: 'text' in ind.target ? ind.target.text : null,
    targetYear: ind.targetYear,
    direction: ind.direction,
    accumulation: ind.accumulation,
    regionRollup: ind.regionRollup,
    baselineValue: ind.baseline.value,
    baselineSource: ind.baseline.source,
    leadUnit: ind.leadUnit,
    valueMin: ind.valueMin,
    valueMax: ind.valueMax,
    yoyBand: ind.yoyBand,
    decimals: ind.decimals,
    limit: ind.limit,
    note: ind.note,
  };
}

/** A workbook with the indicator headers and the given data rows (row 2 on). */
async function workbookWith(rows: unknown[][], headers = HEADERS): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('指标清单');
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  return save(wb);
}

const GOOD_ROW = [
  'X01',
  1,
  '产品质量',
  null,
  '主要农产品质量安全省级监测合格率',
  '%',
  98,
  null,
  2030,
  '正向',
  '水平值',
  '不汇总',
  97.2,
  '2025年统计公报',
  '市农业农村局',
  0,
  100,
  '50%',
  1,
  100,
  null,
];

describe('buildIndicatorsWorkbook', () => {
  it('writes the import columns with Chinese labels for direction, accumulation and roll-up', async () => {
    const wb = await load(await buildIndicatorsWorkbook('湖州市质量发展“十四五”规划', buildIndicators()));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['指标清单', '说明']);
    const ws = wb.getWorksheet('指标清单');
    if (!ws) throw new Error('no sheet');
    const header = ws.getRow(1).values;
    expect(Array.isArray(header) ? header.slice(1) : []).toEqual(HEADERS);
    const pm25 = ws.getRow(9);
    expect(pm25.getCell(5).value).toBe('城市细颗粒物(PM2.5)平均浓度');
    expect(pm25.getCell(10).value).toBe('逆向');
    const text = ws.getRow(8);
    expect([text.getCell(7).value, text.getCell(8).value]).toEqual([null, '达到省均']);
    expect(ws.getRow(5).getCell(11).value).toBe('新增');
    expect(ws.getRow(5).getCell(12).value).toBe('求和');
    expect(ws.getRow(2).getCell(18).numFmt).toBe('0%');
    expect(ws.getRow(2).getCell(10).dataValidation).toMatchObject({ type: 'list', formulae: ['"正向,逆向"'] });
  });
});

describe('parseIndicatorsWorkbook', () => {
  it('round-trips the exported list into IndicatorInput rows', async () => {
    const indicators = buildIndicators();
    const parsed = await parseIndicatorsWorkbook(await buildIndicatorsWorkbook('规划', indicators));
    expect(parsed.errors).toEqual([]);
    expect(parsed.rowsRead).toBe(indicators.length);
    expect(parsed.rows).toEqual(indicators.map((ind, i) => ({ row: i + 2, ...toInput(ind) })));
  });

  it('reads a hand-made row: percent band, blank optional cells as null', async () => {
    const parsed = await parseIndicatorsWorkbook(await workbookWith([GOOD_ROW]));
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows).toEqual([
      {
        row: 2,
        code: 'X01',
        seq: 1,
        category: '产品质量',
        subCategory: null,
        name: '主要农产品质量安全省级监测合格率',
        unit: '%',
        targetValue: 98,
        targetText: null,
        targetYear: 2030,
        direction: 'higher_is_better',
        accumulation: 'level',
        regionRollup: 'none',
        baselineValue: 97.2,
        baselineSource: '2025年统计公报',
        leadUnit: '市农业农村局',
        valueMin: 0,
        valueMax: 100,
        yoyBand: 0.5,
        decimals: 1,
        limit: 100,
        note: null,
      },
    ]);
  });

  it('leaves out fields whose optional column is absent', async () => {
    const required = ['编码', '序号', '类别', '指标名称', '单位', '目标年', '方向', '累计方式', '区域汇总'];
    const parsed = await parseIndicatorsWorkbook(
      await workbookWith([['Y01', 3, '环境质量', 'PM2.5', '微克/立方米', 2030, '逆向', '水平值', '不汇总']], required),
    );
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows).toEqual([
      {
        row: 2,
        code: 'Y01',
        seq: 3,
        category: '环境质量',
        name: 'PM2.5',
        unit: '微克/立方米',
        targetYear: 2030,
        direction: 'lower_is_better',
        accumulation: 'level',
        regionRollup: 'none',
      },
    ]);
  });

  it('reports per-cell errors', async () => {
    const bad = (patch: Record<number, unknown>) => GOOD_ROW.map((v, i) => (i in patch ? patch[i] : v));
    const parsed = await parseIndicatorsWorkbook(
      await workbookWith([
        GOOD_ROW,
        bad({ 0: 'X01', 1: 2 }), // duplicate code
        bad({ 0: 'X03', 4: null }), // missing name
        bad({ 0: 'X04', 9: '越大越好' }), // bad direction
        bad({ 0: 'X05', 6: '达到省均' }), // text in 目标值
        bad({ 0: 'X06', 7: '达到省指标' }), // both targets
        bad({ 0: 'X07', 15: 100, 16: 0 }), // min > max
        bad({ 0: 'X08', 8: 25 }), // target year
        bad({ 0: 'X09', 18: 1.5 }), // decimals
        bad({ 0: 'bad code!' }),
      ]),
    );
    expect(parsed.errors.map((e) => [e.cell, e.field, e.rule])).toEqual([
      ['A3', 'code', 'duplicate'],
      ['E4', 'name', 'required'],
      ['J5', 'direction', 'enum'],
      ['G6', 'targetValue', 'number'],
      ['H7', 'targetText', 'conflict'],
      ['Q8', 'valueMax', 'range'],
      ['I9', 'targetYear', 'range'],
      ['S10', 'decimals', 'range'],
      ['A11', 'code', 'pattern'],
    ]);
    expect(parsed.errors[3]?.message).toContain('目标说明');
    expect(parsed.errors[2]?.message).toContain('正向、逆向');
    expect(parsed.rows.map((r) => r.code)).toEqual(['X01']);
    expect(parsed.rowsRead).toBe(10);
  });

  it('gives one header error for a sheet without the headers, and throws on garbage', async () => {
    const parsed = await parseIndicatorsWorkbook(await workbookWith([['I01', '合格率']], ['code', 'name']));
    expect(parsed.errors).toHaveLength(1);
    expect(parsed.errors[0]).toMatchObject({ cell: 'A1', field: 'header', rule: 'header' });
    await expect(parseIndicatorsWorkbook(Buffer.from([1, 2, 3, 4, 5]))).rejects.toBeInstanceOf(WorkbookFormatError);
  });
});
