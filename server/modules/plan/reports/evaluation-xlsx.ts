/**
 * The evaluation workbook (评估报告 xlsx): 概览, 指标明细, 滞后指标, 年度数据, built from a frozen snapshot
 * (or a draft's live preview). Pure: snapshot in, xlsx bytes out.
 */
import type ExcelJS from 'exceljs';
import type { EvaluationIndicatorRow, EvaluationSnapshot } from '../../../../common/plan-api.ts';
import { formatDateTime, formatDateZh } from './format.ts';
import {
  DEMO_NOTE,
  EVALUATION_KIND_LABELS,
  type EvaluationReportMeta,
  methodLabel,
  STATUS_COLORS,
  STATUS_LABELS,
  STATUS_ORDER,
  zeroCounts,
} from './status-labels.ts';
import { argb, HEADER_FILL, newWorkbook, paintStatus, styleHeaderRow, THIN_BORDER, workbookToBuffer } from './xlsx-common.ts';

const NUMBER_FORMAT = '#,##0.####';
const RATIO_FORMAT = '0.00';
const SHARE_FORMAT = '0.0%';

/** Builds the evaluation workbook. */
export async function buildEvaluationWorkbook(snapshot: EvaluationSnapshot, meta: EvaluationReportMeta): Promise<Buffer> {
  const workbook = newWorkbook(meta.title);
  addOverview(workbook, snapshot, meta);
  addDetail(workbook, snapshot);
  addLagging(workbook, snapshot);
  addSeries(workbook, snapshot);
  return workbookToBuffer(workbook);
}

function addOverview(workbook: ExcelJS.Workbook, snapshot: EvaluationSnapshot, meta: EvaluationReportMeta): void {
  const ws = workbook.addWorksheet('概览', { views: [{ showGridLines: false }] });
  const lastColumn = STATUS_ORDER.length + 2;
  ws.columns = [{ width: 16 }, ...STATUS_ORDER.map(() => ({ width: 12 })), { width: 10 }];

  const title = ws.addRow([meta.title]);
  ws.mergeCells(title.number, 1, title.number, lastColumn);
  title.font = { bold: true, size: 16 };
  title.height = 30;
  title.alignment = { vertical: 'middle' };

  if (meta.demo) {
    const demo = ws.addRow([DEMO_NOTE]);
    ws.mergeCells(demo.number, 1, demo.number, lastColumn);
    const cell = demo.getCell(1);
    cell.font = { bold: true, color: { argb: 'FFCF1322' } };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF1F0' } };
    cell.border = { top: { style: 'thin', color: { argb: 'FFFFA39E' } }, bottom: { style: 'thin', color: { argb: 'FFFFA39E' } } };
    demo.height = 22;
  }
  ws.addRow([]);

  const facts: [string, string][] = [
    ['规划', snapshot.planName],
    ['评估类型', EVALUATION_KIND_LABELS[snapshot.kind]],
    ['数据年度', `${snapshot.dataYear}年`],
    ['数据截止日期', formatDateZh(snapshot.asOf)],
    ['测算方法版本', snapshot.methodVersion],
    ['冻结时间', formatDateTime(snapshot.frozenAt) ?? '未冻结（草稿预览）'],
    ['指标总数', `${snapshot.rows.length} 项`],
  ];
  for (const [label, value] of facts) {
    const row = ws.addRow([label, value]);
    ws.mergeCells(row.number, 2, row.number, lastColumn);
    row.getCell(1).font = { bold: true };
    row.getCell(1).fill = HEADER_FILL;
  }

  const narrativeLabel = ws.addRow(['评估说明']);
  narrativeLabel.getCell(1).font = { bold: true };
  narrativeLabel.getCell(1).fill = HEADER_FILL;
  const narrative = meta.narrative.trim() === '' ? '（无）' : meta.narrative.trim();
  narrativeLabel.getCell(2).value = narrative;
  ws.mergeCells(narrativeLabel.number, 2, narrativeLabel.number, lastColumn);
  narrativeLabel.getCell(2).alignment = { wrapText: true, vertical: 'top' };
  // Merged cells do not grow with wrapped text in Excel: estimate the height (about 40 CJK characters per line here).
  const lines = narrative.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(line.length / 40)), 0);
  narrativeLabel.height = Math.min(409, Math.max(20, lines * 16));

  ws.addRow([]);
  const caption = ws.addRow(['各类别指标进展状态（项）']);
  caption.font = { bold: true, size: 12 };

  const header = ws.addRow(['类别', ...STATUS_ORDER.map((s) => STATUS_LABELS[s]), '合计']);
  styleHeaderRow(header);
  for (const [i, s] of STATUS_ORDER.entries()) paintStatus(header.getCell(i + 2), STATUS_COLORS[s]);
  header.getCell(1).font = { bold: true };

  const totals = zeroCounts();
  for (const { category, counts } of snapshot.categories) {
    const values = STATUS_ORDER.map((s) => counts[s] ?? 0);
    STATUS_ORDER.forEach((s, i) => {
      totals[s] += values[i] ?? 0;
    });
    const row = ws.addRow([category, ...values, values.reduce((a, b) => a + b, 0)]);
    row.eachCell((cell) => {
      cell.border = THIN_BORDER;
    });
    row.alignment = { horizontal: 'center' };
    row.getCell(1).alignment = { horizontal: 'left' };
  }
  const totalValues = STATUS_ORDER.map((s) => totals[s]);
  const total = ws.addRow(['合计', ...totalValues, totalValues.reduce((a, b) => a + b, 0)]);
  total.font = { bold: true };
  total.alignment = { horizontal: 'center' };
  total.getCell(1).alignment = { horizontal: 'left' };
  total.eachCell((cell) => {
    cell.border = { ...THIN_BORDER, top: { style: 'medium' } };
  });
}

/** District/county columns in the order they first appear. */
function regionColumns(rows: EvaluationIndicatorRow[]): { regionCode: string; regionName: string }[] {
  const seen = new Map<string, string>();
  for (const row of rows) for (const r of row.regions) if (!seen.has(r.regionCode)) seen.set(r.regionCode, r.regionName);
  return [...seen].map(([regionCode, regionName]) => ({ regionCode, regionName }));
}

function targetCell(row: EvaluationIndicatorRow): string | number {
  if ('value' in row.target) return row.target.value;
  return row.targetValue === null ? row.target.text : `${row.target.text}（参考值 ${row.targetValue}）`;
}

export const DETAIL_HEADERS = [
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
] as const;

function addDetail(workbook: ExcelJS.Workbook, snapshot: EvaluationSnapshot): void {
  const regions = regionColumns(snapshot.rows);
  const ws = workbook.addWorksheet('指标明细', { views: [{ state: 'frozen', xSplit: 5, ySplit: 1 }] });
  const widths = [6, 8, 12, 12, 40, 12, 18, 12, 12, 8, 12, 10, 8, 10, 12, 22, 20];
  ws.columns = [...DETAIL_HEADERS.map((h, i) => ({ header: h, width: widths[i] ?? 12 })), ...regions.map((r) => ({ header: r.regionName, width: 12 }))];
  styleHeaderRow(ws.getRow(1));

  const statusColumn = DETAIL_HEADERS.indexOf('进展状态') + 1;
  snapshot.rows.forEach((r, i) => {
    const row = ws.addRow([
      i + 1,
      r.code,
      r.category,
      r.subCategory ?? '',
      r.name,
      r.unit,
      targetCell(r),
      r.baseline,
      r.latestValue,
      r.latestYear,
      STATUS_LABELS[r.status],
      r.progressValue,
      r.score,
      r.currentStatusShare,
      r.forecast,
      methodLabel(r.method),
      r.leadUnit ?? '',
      ...regions.map((g) => {
        const region = r.regions.find((x) => x.regionCode === g.regionCode);
        return region ? STATUS_LABELS[region.status] : '';
      }),
    ]);
    row.alignment = { vertical: 'middle' };
    row.getCell(5).alignment = { wrapText: true, vertical: 'middle' };
    row.eachCell({ includeEmpty: true }, (cell) => {
      cell.border = THIN_BORDER;
    });
    for (const col of [7, 8, 9, 15]) row.getCell(col).numFmt = NUMBER_FORMAT;
    row.getCell(12).numFmt = RATIO_FORMAT;
    row.getCell(13).numFmt = RATIO_FORMAT;
    row.getCell(14).numFmt = SHARE_FORMAT;
    paintStatus(row.getCell(statusColumn), STATUS_COLORS[r.status]);
    regions.forEach((g, k) => {
      const region = r.regions.find((x) => x.regionCode === g.regionCode);
      if (region) paintStatus(row.getCell(DETAIL_HEADERS.length + k + 1), STATUS_COLORS[region.status]);
    });
  });
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: DETAIL_HEADERS.length + regions.length } };
  ws.pageSetup = { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' };
  // A blank row keeps the note out of the filter range.
  ws.addRow([]);
  const note = ws.addRow([]);
  note.getCell(1).value = '注：完成度为亚太经社会（ESCAP）现状完成度（最新值−基期值）/（目标值−基期值）；进度值R为复合增长率比值；得分区间 −5～5。';
  note.getCell(1).font = { italic: true, color: { argb: 'FF8C8C8C' } };
}

function addLagging(workbook: ExcelJS.Workbook, snapshot: EvaluationSnapshot): void {
  const ws = workbook.addWorksheet('滞后指标', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [
    { header: '编码', width: 8 },
    { header: '类别', width: 12 },
    { header: '指标名称', width: 40 },
    { header: '单位', width: 12 },
    { header: '目标值', width: 18 },
    { header: '最新值', width: 12 },
    { header: '年份', width: 8 },
    { header: '进展状态', width: 12 },
    { header: '牵头单位', width: 24 },
  ];
  styleHeaderRow(ws.getRow(1));
  const byCode = new Map(snapshot.rows.map((r) => [r.code, r]));
  for (const lag of snapshot.lagging) {
    const r = byCode.get(lag.code);
    const row = ws.addRow([
      lag.code,
      r?.category ?? '',
      lag.name,
      r?.unit ?? '',
      r ? targetCell(r) : '',
      r?.latestValue ?? null,
      r?.latestYear ?? null,
      STATUS_LABELS[lag.status],
      lag.leadUnit ?? '',
    ]);
    row.eachCell({ includeEmpty: true }, (cell) => {
      cell.border = THIN_BORDER;
    });
    row.getCell(3).alignment = { wrapText: true, vertical: 'middle' };
    row.getCell(5).numFmt = NUMBER_FORMAT;
    row.getCell(6).numFmt = NUMBER_FORMAT;
    paintStatus(row.getCell(8), STATUS_COLORS[lag.status]);
  }
  if (snapshot.lagging.length === 0) ws.addRow(['', '', '无滞后指标']);
}

function addSeries(workbook: ExcelJS.Workbook, snapshot: EvaluationSnapshot): void {
  const years = [...new Set(snapshot.rows.flatMap((r) => r.series.map((p) => p.year)))].sort((a, b) => a - b);
  const ws = workbook.addWorksheet('年度数据', { views: [{ state: 'frozen', xSplit: 2, ySplit: 1 }] });
  ws.columns = [
    { header: '编码', width: 8 },
    { header: '指标名称', width: 40 },
    { header: '单位', width: 12 },
    { header: '基期值', width: 12 },
    ...years.map((y) => ({ header: `${y}年`, width: 12 })),
    { header: '目标值', width: 18 },
  ];
  styleHeaderRow(ws.getRow(1));
  for (const r of snapshot.rows) {
    const byYear = new Map(r.series.map((p) => [p.year, p.value]));
    const row = ws.addRow([r.code, r.name, r.unit, r.baseline, ...years.map((y) => byYear.get(y) ?? null), targetCell(r)]);
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cell.border = THIN_BORDER;
      if (col >= 4) cell.numFmt = NUMBER_FORMAT;
    });
    row.getCell(2).alignment = { wrapText: true, vertical: 'middle' };
  }
  ws.addRow([]);
  const note = ws.addRow([]);
  note.getCell(1).value = '注：“新增”类指标为当年新增量；空白表示该年无已审核数据。';
  note.getCell(1).font = { italic: true, color: { argb: argb('#8c8c8c') } };
}
