/**
 * The evaluation report as a Chinese A4 PDF: title block, 一、总体情况, 二、指标进展 (with a sparkline per
 * indicator), 三、滞后指标, 四、方法说明. Pure: snapshot in, PDF bytes out; fonts come from pdf-fonts.ts.
 */
import type { EvaluationIndicatorRow, EvaluationSnapshot, ProgressStatus } from '../../../../common/plan-api.ts';
import { PROGRESS_METHODS } from '../../../../common/progress/methods.ts';
import { formatDateTime, formatDateZh, formatNumber } from './format.ts';
import { sparkline, statusBar, statusPill } from './pdf-charts.ts';
import { loadReportFonts } from './pdf-fonts.ts';
import {
  COLORS,
  CONTENT_WIDTH,
  type Column,
  collect,
  createDocument,
  type Doc,
  drawTable,
  ensureSpace,
  FONT,
  heading,
  MARGIN,
  pageFurniture,
  paragraph,
  type TableGroup,
} from './pdf-layout.ts';
import { DEMO_NOTE, EVALUATION_KIND_LABELS, type EvaluationReportMeta, STATUS_COLORS, STATUS_LABELS, STATUS_ORDER, zeroCounts } from './status-labels.ts';

export const ISSUER = '湖州市市场监督管理局';

/** Builds the evaluation report PDF. */
export async function buildEvaluationPdf(snapshot: EvaluationSnapshot, meta: EvaluationReportMeta): Promise<Buffer> {
  const fonts = await loadReportFonts();
  const frozen = snapshot.frozenAt ? new Date(snapshot.frozenAt) : null;
  const doc = createDocument(fonts, {
    title: meta.title,
    subject: `${snapshot.planName} ${EVALUATION_KIND_LABELS[snapshot.kind]}（${snapshot.dataYear}年数据）`,
    author: ISSUER,
    createdAt: frozen && !Number.isNaN(frozen.getTime()) ? frozen : new Date(),
  });
  const done = collect(doc);

  titleBlock(doc, snapshot, meta);
  overview(doc, snapshot, meta);
  indicatorProgress(doc, snapshot);
  lagging(doc, snapshot);
  methods(doc, snapshot);
  pageFurniture(doc, `${meta.title}${meta.demo ? '（演示数据）' : ''}`, `${ISSUER} · ${EVALUATION_KIND_LABELS[snapshot.kind]} · ${snapshot.dataYear}年`);

  doc.end();
  return done;
}

function titleBlock(doc: Doc, snapshot: EvaluationSnapshot, meta: EvaluationReportMeta): void {
  doc.rect(0, 0, doc.page.width, 10).fill(COLORS.accent);
  doc.y = MARGIN.top - 8;
  doc.font(FONT.regular).fontSize(11).fillColor(COLORS.muted).text(ISSUER, MARGIN.left, doc.y, { width: CONTENT_WIDTH, align: 'center' });
  doc.y += 10;
  doc.font(FONT.bold).fontSize(21).fillColor(COLORS.text).text(meta.title, MARGIN.left, doc.y, { width: CONTENT_WIDTH, align: 'center', lineGap: 4 });
  doc.y += 4;
  doc.font(FONT.regular).fontSize(12).fillColor(COLORS.text).text(snapshot.planName, MARGIN.left, doc.y, { width: CONTENT_WIDTH, align: 'center' });
  doc.y += 14;

  if (meta.demo) {
    const y = doc.y;
    doc.font(FONT.regular).fontSize(10);
    const h = doc.heightOfString(DEMO_NOTE, { width: CONTENT_WIDTH - 80 }) + 16;
    doc.rect(MARGIN.left, y, CONTENT_WIDTH, h).lineWidth(1.2).fillAndStroke(COLORS.demoFill, COLORS.demo);
    doc
      .font(FONT.bold)
      .fontSize(14)
      .fillColor(COLORS.demo)
      .text('演示数据', MARGIN.left + 10, y + (h - 18) / 2, { width: 64, lineBreak: false });
    doc
      .font(FONT.regular)
      .fontSize(10)
      .fillColor(COLORS.demo)
      .text(DEMO_NOTE, MARGIN.left + 76, y + 8, { width: CONTENT_WIDTH - 80 });
    doc.y = y + h + 12;
  }

  const facts: [string, string][] = [
    ['评估类型', EVALUATION_KIND_LABELS[snapshot.kind]],
    ['数据年度', `${snapshot.dataYear}年`],
    ['数据截止日期', formatDateZh(snapshot.asOf)],
    ['测算方法', `加拿大统计局 / Open SDG 进展测度法（复合增长率比值），方法版本 ${snapshot.methodVersion}`],
    ['冻结时间', frozenText(snapshot.frozenAt)],
    ['编制单位', ISSUER],
  ];
  const labelWidth = 92;
  const y0 = doc.y;
  doc
    .moveTo(MARGIN.left, y0)
    .lineTo(MARGIN.left + CONTENT_WIDTH, y0)
    .lineWidth(0.6)
    .strokeColor(COLORS.border)
    .stroke();
  for (const [label, value] of facts) {
    doc.font(FONT.regular).fontSize(10);
    const h = Math.max(20, doc.heightOfString(value, { width: CONTENT_WIDTH - labelWidth - 16 }) + 10);
    const y = doc.y;
    doc.rect(MARGIN.left, y, labelWidth, h).fill(COLORS.headerFill);
    doc
      .font(FONT.bold)
      .fontSize(10)
      .fillColor(COLORS.text)
      .text(label, MARGIN.left + 8, y + (h - 12) / 2, { width: labelWidth - 12, lineBreak: false });
    doc
      .font(FONT.regular)
      .fontSize(10)
      .text(value, MARGIN.left + labelWidth + 8, y + 5, { width: CONTENT_WIDTH - labelWidth - 16 });
    doc
      .moveTo(MARGIN.left, y + h)
      .lineTo(MARGIN.left + CONTENT_WIDTH, y + h)
      .lineWidth(0.4)
      .strokeColor(COLORS.border)
      .stroke();
    doc.y = y + h;
  }
  doc.x = MARGIN.left;
  doc.y += 12;
}

function frozenText(frozenAt: string): string {
  const text = formatDateTime(frozenAt);
  return text === null ? '未冻结（草稿预览，数据可能变化）' : `${text}（北京时间）；冻结后数值、方法与状态不再变化`;
}

function totals(snapshot: EvaluationSnapshot): Record<ProgressStatus, number> {
  const t = zeroCounts();
  for (const c of snapshot.categories) for (const s of STATUS_ORDER) t[s] += c.counts[s] ?? 0;
  return t;
}

function overview(doc: Doc, snapshot: EvaluationSnapshot, meta: EvaluationReportMeta): void {
  heading(doc, '一、总体情况');
  const narrative = meta.narrative.trim();
  for (const p of narrative === '' ? [] : narrative.split(/\n+/)) paragraph(doc, p.trim());

  const t = totals(snapshot);
  const n = STATUS_ORDER.reduce((sum, s) => sum + t[s], 0);
  const parts = STATUS_ORDER.filter((s) => t[s] > 0).map((s) => `${STATUS_LABELS[s]} ${t[s]} 项`);
  const lag = t.limited_progress + t.deterioration;
  paragraph(
    doc,
    `截至${formatDateZh(snapshot.asOf)}，按${snapshot.dataYear}年及以前年度已审核数据测算，本规划 ${n} 项指标中，${parts.join('、') || '暂无可评估指标'}。` +
      (lag > 0 ? `其中 ${lag} 项进展有限或倒退，列为滞后指标（见第三部分）。` : '暂无进展有限或倒退的指标。'),
  );

  ensureSpace(doc, 60);
  statusBar(doc, t, { x: MARGIN.left, y: doc.y + 2, w: CONTENT_WIDTH, h: 16 });

  type SummaryRow = { category: string; counts: Record<ProgressStatus, number> };
  const statusWidth = 58;
  const totalWidth = 44;
  const columns: Column<SummaryRow>[] = [
    { header: '类别', width: CONTENT_WIDTH - STATUS_ORDER.length * statusWidth - totalWidth, text: (r) => r.category },
    ...STATUS_ORDER.map(
      (s): Column<SummaryRow> => ({
        header: STATUS_LABELS[s],
        width: statusWidth,
        align: 'center',
        headerFill: STATUS_COLORS[s],
        text: (r) => (r.counts[s] ? String(r.counts[s]) : '—'),
      }),
    ),
    { header: '合计', width: totalWidth, align: 'center', text: (r) => String(STATUS_ORDER.reduce((sum, s) => sum + (r.counts[s] ?? 0), 0)) },
  ];
  const rows: SummaryRow[] = [...snapshot.categories, { category: '合计', counts: t }];
  drawTable(doc, columns, [{ label: null, rows }], { fontSize: 9.5, minRowHeight: 20, zebra: true, boldRow: (i) => i === rows.length - 1 });
}

/** The target as written in the plan; a text target's reference value goes on the grey line below. */
function targetMain(row: EvaluationIndicatorRow): string {
  return 'value' in row.target ? formatNumber(row.target.value) : row.target.text;
}

function targetSub(row: EvaluationIndicatorRow): string | null {
  return 'text' in row.target && row.targetValue !== null ? `参考值 ${formatNumber(row.targetValue)}` : null;
}

/** What the sparkline plots: yearly additions of a 新增 indicator are summed so they compare with the plan total. */
function chartPoints(row: EvaluationIndicatorRow): { year: number; value: number }[] {
  const sorted = [...row.series].sort((a, b) => a.year - b.year);
  if (row.method !== 'increment-linear') return sorted;
  let sum = 0;
  return sorted.map((p) => {
    sum += p.value;
    return { year: p.year, value: sum };
  });
}

function groupByCategory<T extends { category: string; subCategory?: string | null }>(rows: T[]): TableGroup<T>[] {
  const groups: TableGroup<T>[] = [];
  for (const row of rows) {
    const label = row.subCategory ? `${row.category} · ${row.subCategory}` : row.category;
    const last = groups.at(-1);
    if (last && last.label === label) last.rows.push(row);
    else groups.push({ label, rows: [row] });
  }
  for (const g of groups) g.label = `${g.label}（${g.rows.length} 项）`;
  return groups;
}

function indicatorProgress(doc: Doc, snapshot: EvaluationSnapshot): void {
  heading(doc, '二、指标进展');
  paragraph(
    doc,
    '下表逐项列出指标的目标值、最新值、进展状态和历年走势。走势图中蓝线为历年数值（“新增”类指标为规划期内累计新增量），灰色虚线为目标值，末点颜色表示进展状态。',
    { size: 9.5 },
  );
  const columns: Column<EvaluationIndicatorRow>[] = [
    { header: '编码', width: 34, align: 'center', text: (r) => r.code },
    {
      header: '指标名称',
      width: 166,
      text: (r) => r.name,
      sub: (r) => (r.leadUnit ? `牵头单位：${r.leadUnit}` : null),
    },
    { header: '单位', width: 46, align: 'center', text: (r) => r.unit },
    { header: '目标值', width: 58, align: 'center', text: (r) => targetMain(r), sub: (r) => targetSub(r) },
    {
      header: '最新值',
      width: 60,
      align: 'center',
      text: (r) => formatNumber(r.latestValue),
      sub: (r) => (r.latestYear === null ? null : `${r.latestYear}年`),
    },
    {
      header: '进展状态',
      width: 64,
      drawHeight: 15,
      draw: (d, r, box) => {
        d.font(FONT.regular).fontSize(8.5);
        const w = d.widthOfString(STATUS_LABELS[r.status]) + 10;
        statusPill(d, r.status, box.x + (box.w - w) / 2, box.y + box.h / 2 - 7.25);
      },
    },
    {
      header: '历年走势',
      width: CONTENT_WIDTH - 34 - 166 - 46 - 58 - 60 - 64,
      drawHeight: 34,
      draw: (d, r, box) => sparkline(d, chartPoints(r), r.targetValue, { x: box.x + 1, y: box.y + 2, w: box.w - 2, h: box.h - 11 }, STATUS_COLORS[r.status]),
    },
  ];
  drawTable(doc, columns, groupByCategory(snapshot.rows), { fontSize: 9, minRowHeight: 42 });
}

function lagging(doc: Doc, snapshot: EvaluationSnapshot): void {
  heading(doc, '三、滞后指标');
  if (snapshot.lagging.length === 0) {
    paragraph(doc, '本期无进展有限或倒退的指标。');
    return;
  }
  paragraph(doc, `以下 ${snapshot.lagging.length} 项指标进展有限或出现倒退，请牵头单位分析原因、制定措施，加快推进。`);
  const byCode = new Map(snapshot.rows.map((r) => [r.code, r]));
  type LagRow = EvaluationSnapshot['lagging'][number] & { row: EvaluationIndicatorRow | undefined };
  const rows: LagRow[] = snapshot.lagging.map((l) => ({ ...l, row: byCode.get(l.code) }));
  const columns: Column<LagRow>[] = [
    { header: '编码', width: 34, align: 'center', text: (r) => r.code },
    { header: '指标名称', width: 170, text: (r) => r.name, sub: (r) => r.row?.category ?? null },
    {
      header: '进展状态',
      width: 66,
      drawHeight: 15,
      draw: (d, r, box) => {
        d.font(FONT.regular).fontSize(8.5);
        const w = d.widthOfString(STATUS_LABELS[r.status]) + 10;
        statusPill(d, r.status, box.x + (box.w - w) / 2, box.y + box.h / 2 - 7.25);
      },
    },
    {
      header: '最新值',
      width: 70,
      align: 'center',
      text: (r) => formatNumber(r.row?.latestValue ?? null),
      sub: (r) => (r.row?.latestYear ? `${r.row.latestYear}年` : null),
    },
    { header: '目标值', width: 60, align: 'center', text: (r) => (r.row ? targetMain(r.row) : '—'), sub: (r) => (r.row ? targetSub(r.row) : null) },
    { header: '牵头单位', width: CONTENT_WIDTH - 34 - 170 - 66 - 70 - 60, text: (r) => r.leadUnit ?? '未指定' },
  ];
  drawTable(doc, columns, [{ label: null, rows }], { fontSize: 9, minRowHeight: 24, zebra: true });
}

function methods(doc: Doc, snapshot: EvaluationSnapshot): void {
  heading(doc, '四、方法说明');
  const size = 9.5;
  const label = (m: keyof typeof PROGRESS_METHODS) => PROGRESS_METHODS[m].label;
  const paragraphs = [
    `本报告的进展状态由平台按统一规则自动测算（方法版本 ${snapshot.methodVersion}），评估冻结后数值、方法和状态均保存不变。测算以规划基期值为起点，使用截至${formatDateZh(snapshot.asOf)}已审核的各年度数据。`,
    `有数值目标的指标，参照加拿大统计局（Statistics Canada）在联合国可持续发展目标开放数据平台（Open SDG）中使用的进展测度方法（${label('statcan-2.4')}）：先算出从基期到最新年份实际的年均复合增长率，再算出从基期到目标年实现目标每年需要的增长率，两者之比即进度值 R；越低越好的逆向指标（如 PM2.5 浓度）按下降幅度计算。`,
    '分档阈值为 0.95、0.60 和 0：R ≥ 0.95 为“进展顺利”，0.60 ≤ R < 0.95 为“需加快推进”，0 ≤ R < 0.60 为“进展有限”，R < 0 为“倒退”；最新值已达到或优于目标值的为“已达成”；缺少数据、无法测算的为“暂无数据”。得分按 Open SDG 的公式换算到 −5～5 分，R = 0.95 对应 2.5 分，R = 0.60 对应 0 分。',
    `复合增长率不适用于从 0 起步的指标。“新增”类指标（目标为规划期合计）把各年新增量加总，与“目标总量 × 已过年数 ÷ 规划年数”相比（${label('increment-linear')}）；“累计”类指标以及基期值为 0 或缺失的指标，按从基期值到目标值匀速推进、到今年应达到的数值，计算实际变化量占应有变化量的比例（${label('linear-share')}）。两种方法沿用上述阈值。没有数值目标的指标只看按期望方向的年均增速（${label('statcan-2.4-no-target')}）。`,
    '“完成度”采用联合国亚太经社会（ESCAP）的现状完成度：（最新值 − 基期值）÷（目标值 − 基期值），表示从基期到目标所需的变化已完成多少，仅作参考，不影响状态判定。文字目标（如“达到省均”“达到省指标”）以当年全省数值作为参考目标值测算；没有参考值时为“暂无数据”。',
  ];
  for (const p of paragraphs) paragraph(doc, p, { size });
}
