/** Vector status graphics for the PDF reports: status pills, a stacked status bar, and per-indicator sparklines. */
import type { ProgressStatus } from '../../../../common/plan-api.ts';
import { type Box, COLORS, type Doc, FONT, MARGIN } from './pdf-layout.ts';
import { STATUS_COLORS, STATUS_LABELS, STATUS_ORDER, textColorOn } from './status-labels.ts';

/** A status as a coloured pill with its label; returns the pill's width. */
export function statusPill(doc: Doc, status: ProgressStatus, x: number, y: number, size = 8.5): number {
  const label = STATUS_LABELS[status];
  doc.font(FONT.regular).fontSize(size);
  const w = doc.widthOfString(label) + 10;
  const h = size + 6;
  doc.roundedRect(x, y, w, h, h / 2).fill(STATUS_COLORS[status]);
  doc.fillColor(textColorOn(STATUS_COLORS[status])).text(label, x, y + 1.6, { width: w, align: 'center', lineBreak: false });
  doc.fillColor(COLORS.text);
  return w;
}

/** A horizontal bar split by status counts, with a legend underneath. */
export function statusBar(doc: Doc, counts: Record<ProgressStatus, number>, box: Box): void {
  const total = STATUS_ORDER.reduce((n, s) => n + counts[s], 0);
  let x = box.x;
  if (total === 0) {
    doc.rect(box.x, box.y, box.w, box.h).fill(STATUS_COLORS.not_available);
  } else {
    for (const s of STATUS_ORDER) {
      const w = (counts[s] / total) * box.w;
      if (w <= 0) continue;
      doc.rect(x, box.y, w, box.h).fill(STATUS_COLORS[s]);
      if (w >= 16) {
        doc.font(FONT.bold).fontSize(8).fillColor(textColorOn(STATUS_COLORS[s]));
        doc.text(String(counts[s]), x, box.y + (box.h - 8) / 2 - 1.5, { width: w, align: 'center', lineBreak: false });
      }
      x += w;
    }
  }
  let lx = box.x;
  const ly = box.y + box.h + 6;
  doc.font(FONT.regular).fontSize(8.5);
  for (const s of STATUS_ORDER) {
    const label = `${STATUS_LABELS[s]} ${counts[s]}`;
    doc.rect(lx, ly + 2, 8, 8).fill(STATUS_COLORS[s]);
    doc.fillColor(COLORS.text).text(label, lx + 11, ly, { lineBreak: false });
    lx += 11 + doc.widthOfString(label) + 12;
  }
  doc.fillColor(COLORS.text);
  doc.x = MARGIN.left;
  doc.y = ly + 18;
}

/** A small line chart of a series with the target as a dashed line; draws "—" when there is nothing to plot. */
export function sparkline(doc: Doc, points: { year: number; value: number }[], target: number | null, box: Box, lastColor: string): void {
  const values = points.map((p) => p.value);
  if (values.length === 0) {
    doc
      .font(FONT.regular)
      .fontSize(8)
      .fillColor(COLORS.muted)
      .text('无数据', box.x, box.y + box.h / 2 - 5, { width: box.w, align: 'center', lineBreak: false });
    doc.fillColor(COLORS.text);
    return;
  }
  const all = target === null ? values : [...values, target];
  let lo = Math.min(...all);
  let hi = Math.max(...all);
  if (hi === lo) {
    const pad = hi === 0 ? 1 : Math.abs(hi) * 0.1;
    lo -= pad;
    hi += pad;
  }
  const pad = (hi - lo) * 0.12;
  lo -= pad;
  hi += pad;
  const years = points.map((p) => p.year);
  const y0 = Math.min(...years);
  const y1 = Math.max(...years);
  const px = (year: number) => (y1 === y0 ? box.x + box.w / 2 : box.x + 3 + ((year - y0) / (y1 - y0)) * (box.w - 6));
  const py = (v: number) => box.y + box.h - ((v - lo) / (hi - lo)) * box.h;

  doc.save();
  doc
    .moveTo(box.x, box.y + box.h)
    .lineTo(box.x + box.w, box.y + box.h)
    .lineWidth(0.4)
    .strokeColor(COLORS.border)
    .stroke();
  if (target !== null) {
    doc
      .moveTo(box.x, py(target))
      .lineTo(box.x + box.w, py(target))
      .lineWidth(0.7)
      .dash(2, { space: 1.5 })
      .strokeColor(COLORS.target)
      .stroke();
    doc.undash();
  }
  if (points.length > 1) {
    const [first, ...rest] = points;
    if (first) {
      doc.moveTo(px(first.year), py(first.value));
      for (const p of rest) doc.lineTo(px(p.year), py(p.value));
      doc.lineWidth(1.1).lineJoin('round').lineCap('round').strokeColor(COLORS.line).stroke();
    }
  }
  for (const [i, p] of points.entries()) {
    const last = i === points.length - 1;
    doc.circle(px(p.year), py(p.value), last ? 2.2 : 1.2).fill(last ? lastColor : COLORS.line);
  }
  doc.restore();
  doc.font(FONT.regular).fontSize(6).fillColor(COLORS.muted);
  doc.text(String(y0), box.x, box.y + box.h + 1, { width: box.w / 2, align: 'left', lineBreak: false });
  if (y1 !== y0) doc.text(String(y1), box.x + box.w / 2, box.y + box.h + 1, { width: box.w / 2, align: 'right', lineBreak: false });
  doc.fillColor(COLORS.text);
}
