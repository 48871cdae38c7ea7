import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { buildEvaluationWorkbook } from './evaluation-xlsx.ts';
import { DEMO_NOTE } from './status-labels.ts';
import { buildRows, buildSnapshot } from './test-fixtures.ts';

async function read(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  // exceljs types its input as its own ArrayBuffer-like Buffer; a Node Buffer is what it reads.
  await wb.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  return wb;
}

function sheet(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  return ws;
}

function rowValues(ws: ExcelJS.Worksheet, r: number): unknown[] {
  const values = ws.getRow(r).values;
  return Array.isArray(values) ? values.slice(1) : [];
}

/** The row whose column `col` holds `text`. */
function findRow(ws: ExcelJS.Worksheet, col: number, text: string): ExcelJS.Row {
  for (let r = 1; r <= ws.rowCount; r++) if (ws.getRow(r).getCell(col).value === text) return ws.getRow(r);
  throw new Error(`no row with ${text}`);
}

const META = { title: '湖州市质量发展“十四五”规划中期评估报告', narrative: '总体进展良好。\n部分指标需加快推进。', demo: true };

describe('buildEvaluationWorkbook', () => {
  it('has the four sheets in order', async () => {
    const wb = await read(await buildEvaluationWorkbook(buildSnapshot(), META));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['概览', '指标明细', '滞后指标', '年度数据']);
  });

  it('概览: title, demo note, facts in Chinese and the status summary by category', async () => {
    const wb = await read(await buildEvaluationWorkbook(buildSnapshot(), META));
    const ws = sheet(wb, '概览');
    expect(ws.getCell('A1').value).toBe(META.title);
    expect(ws.getCell('A2').value).toBe(DEMO_NOTE);
    expect(findRow(ws, 1, '评估类型').getCell(2).value).toBe('中期评估');
    expect(findRow(ws, 1, '数据年度').getCell(2).value).toBe('2023年');
    expect(findRow(ws, 1, '数据截止日期').getCell(2).value).toBe('2024年6月30日');
    expect(findRow(ws, 1, '测算方法版本').getCell(2).value).toBe('statcan-2.4/1');
    // 02:30Z is 10:30 in Asia/Shanghai.
    expect(findRow(ws, 1, '冻结时间').getCell(2).value).toBe('2024-07-15 10:30');
    expect(findRow(ws, 1, '评估说明').getCell(2).value).toBe('总体进展良好。\n部分指标需加快推进。');

    const header = findRow(ws, 1, '类别');
    expect(rowValues(ws, header.number)).toEqual(['类别', '已达成', '进展顺利', '需加快推进', '进展有限', '倒退', '暂无数据', '合计']);
    expect(header.getCell(2).fill).toMatchObject({ fgColor: { argb: 'FF237804' } });
    expect(rowValues(ws, header.number + 1)).toEqual(['产品质量', 0, 1, 1, 0, 1, 0, 3]);
    expect(rowValues(ws, header.number + 3)).toEqual(['环境质量', 1, 0, 0, 0, 0, 1, 2]);
    expect(rowValues(ws, header.number + 4)).toEqual(['合计', 1, 1, 1, 1, 1, 1, 6]);
  });

  it('leaves the demo note out for real data and marks a draft preview', async () => {
    const wb = await read(await buildEvaluationWorkbook(buildSnapshot(buildRows(), { frozenAt: '' }), { ...META, demo: false }));
    const ws = sheet(wb, '概览');
    expect(ws.getCell('A2').value).toBeNull();
    expect(findRow(ws, 1, '冻结时间').getCell(2).value).toBe('未冻结（草稿预览）');
  });

  it('指标明细: one row per indicator with labels, colours, formats and the district statuses', async () => {
    const wb = await read(await buildEvaluationWorkbook(buildSnapshot(), META));
    const ws = sheet(wb, '指标明细');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const headers = rowValues(ws, 1);
    expect(headers.slice(0, 17)).toEqual([
      '序号',
      '编码',
      '类别',
      '子类',
      '指标名称',
      '单位',
      '目标值',
      '基期值',
      '最新值',
      '年份',
      '进展状态',
      '进度值R',
      '得分',
      '完成度',
      '期末预测',
      '测算方法',
      '牵头单位',
    ]);
    expect(headers.slice(17)).toEqual(['吴兴区', '南浔区', '德清县', '长兴县', '安吉县']);
    expect(ws.getColumn(5).width).toBeGreaterThanOrEqual(30);

    const first = ws.getRow(2);
    expect(first.getCell(2).value).toBe('I01');
    expect(first.getCell(7).value).toBe(98);
    expect(first.getCell(9).value).toBe(97.8);
    expect(first.getCell(11).value).toBe('进展顺利');
    expect(first.getCell(14).value).toBe(0.75);
    expect(first.getCell(14).numFmt).toBe('0.0%');
    expect(first.getCell(16).value).toBe('年均增速比法（有目标值）');
    expect(first.getCell(17).value).toBe('市农业农村局');

    const text = findRow(ws, 2, 'I13');
    expect(text.getCell(7).value).toBe('达到省均（参考值 84.5）');
    expect(text.getCell(11).value).toBe('进展有限');

    const pm25 = findRow(ws, 2, 'I25');
    expect(pm25.getCell(6).value).toBe('微克/立方米');
    expect(pm25.getCell(11).value).toBe('已达成');
    expect(pm25.getCell(11).fill).toMatchObject({ type: 'pattern', fgColor: { argb: 'FF237804' } });
    expect(pm25.getCell(11).font?.color?.argb).toBe('FFFFFFFF');

    const none = findRow(ws, 2, 'I27');
    expect(none.getCell(7).value).toBe('达到省指标');
    expect(none.getCell(9).value).toBeNull();
    expect(none.getCell(11).value).toBe('暂无数据');
    expect(none.getCell(11).fill).toMatchObject({ fgColor: { argb: 'FFBFBFBF' } });
    expect(none.getCell(11).font?.color?.argb).toBe('FF000000');

    const increment = findRow(ws, 2, 'I04');
    expect(increment.getCell(16).value).toBe('新增累计法');
    expect(increment.getCell(22).value).toBe('进展有限');
    expect(increment.getCell(22).fill).toMatchObject({ fgColor: { argb: 'FFFA8C16' } });
  });

  it('滞后指标 lists the limited and deteriorating indicators with their lead units', async () => {
    const wb = await read(await buildEvaluationWorkbook(buildSnapshot(), META));
    const ws = sheet(wb, '滞后指标');
    expect(rowValues(ws, 1)).toEqual(['编码', '类别', '指标名称', '单位', '目标值', '最新值', '年份', '进展状态', '牵头单位']);
    expect(rowValues(ws, 2)).toEqual(['I12', '产品质量', '单项冠军企业数量(累计)', '项', 15, 7, 2023, '倒退', '市经信局']);
    expect(rowValues(ws, 3)).toEqual(['I13', '服务质量', '服务质量满意度', '分', '达到省均（参考值 84.5）', 83, 2023, '进展有限', '市发改委']);
    expect(ws.rowCount).toBe(3);
  });

  it('年度数据 is the indicator × year series', async () => {
    const wb = await read(await buildEvaluationWorkbook(buildSnapshot(), META));
    const ws = sheet(wb, '年度数据');
    expect(rowValues(ws, 1)).toEqual(['编码', '指标名称', '单位', '基期值', '2020年', '2021年', '2022年', '2023年', '目标值']);
    const increment = findRow(ws, 1, 'I04');
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9].map((c) => increment.getCell(c).value)).toEqual(['I04', '制定“浙江制造”标准(新增)', '项', 0, null, 35, 42, 48, 200]);
    const pm25 = findRow(ws, 1, 'I25');
    expect([5, 6, 7, 8].map((c) => pm25.getCell(c).value)).toEqual([30, 28, 27, 24]);
    const none = findRow(ws, 1, 'I27');
    expect([4, 5, 6, 7, 8].map((c) => none.getCell(c).value)).toEqual([null, null, null, null, null]);
  });

  it('copes with an empty snapshot', async () => {
    const wb = await read(await buildEvaluationWorkbook(buildSnapshot([]), META));
    expect(sheet(wb, '滞后指标').getCell('C2').value).toBe('无滞后指标');
    expect(sheet(wb, '指标明细').rowCount).toBeLessThanOrEqual(3);
  });
});
