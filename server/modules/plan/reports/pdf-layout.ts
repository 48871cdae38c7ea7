/**
 * Small layout kit over pdfkit for the plan reports: A4 page geometry, headings, paragraphs, tables whose header
 * repeats after a page break and whose cells wrap instead of overflowing, and "第 n 页 / 共 m 页" footers.
 * The status graphics are in pdf-charts.ts.
 */
import PDFDocument from 'pdfkit';
import type { ReportFonts } from './pdf-fonts.ts';
import { textColorOn } from './status-labels.ts';

export type Doc = PDFKit.PDFDocument;

export const MARGIN = { top: 64, bottom: 62, left: 50, right: 50 } as const;
export const A4 = { width: 595.28, height: 841.89 } as const;
export const CONTENT_WIDTH = A4.width - MARGIN.left - MARGIN.right;

export const FONT = { regular: 'zh-regular', bold: 'zh-bold' } as const;

export const COLORS = {
  text: '#262626',
  muted: '#8c8c8c',
  border: '#d9d9d9',
  headerFill: '#eef2fb',
  groupFill: '#f5f5f5',
  zebra: '#fafafa',
  accent: '#1d39c4',
  line: '#1677ff',
  target: '#595959',
  demo: '#cf1322',
  demoFill: '#fff1f0',
} as const;

export interface DocumentInfo {
  title: string;
  subject: string;
  author: string;
  createdAt: Date;
}

export function createDocument(fonts: ReportFonts, info: DocumentInfo): Doc {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { ...MARGIN },
    bufferPages: true,
    lang: 'zh-CN',
    displayTitle: true,
    info: {
      Title: info.title,
      Subject: info.subject,
      Author: info.author,
      Creator: '质量数智平台',
      CreationDate: info.createdAt,
    },
  });
  doc.registerFont(FONT.regular, fonts.regular);
  doc.registerFont(FONT.bold, fonts.bold);
  doc.font(FONT.regular).fontSize(10).fillColor(COLORS.text);
  return doc;
}

/** Collects the document's bytes; call before `doc.end()`. */
export function collect(doc: Doc): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    doc.on('data', (chunk: Uint8Array) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

export function pageBottom(doc: Doc): number {
  return doc.page.height - doc.page.margins.bottom;
}

/** Starts a new page unless `height` still fits below the cursor; true when a page was added. */
export function ensureSpace(doc: Doc, height: number): boolean {
  if (doc.y + height <= pageBottom(doc)) return false;
  doc.addPage();
  doc.x = MARGIN.left;
  doc.y = MARGIN.top;
  return true;
}

export function heading(doc: Doc, text: string): void {
  ensureSpace(doc, 90);
  doc.y += 8;
  const y = doc.y;
  doc.font(FONT.bold).fontSize(14).fillColor(COLORS.accent).text(text, MARGIN.left, y, { width: CONTENT_WIDTH });
  const ruleY = doc.y + 2;
  doc
    .moveTo(MARGIN.left, ruleY)
    .lineTo(MARGIN.left + CONTENT_WIDTH, ruleY)
    .lineWidth(0.8)
    .strokeColor(COLORS.accent)
    .stroke();
  doc.x = MARGIN.left;
  doc.y = ruleY + 8;
  doc.font(FONT.regular).fontSize(10).fillColor(COLORS.text);
}

/** A paragraph in flow mode (pdfkit breaks it across pages); Chinese first-line indent of two characters. */
export function paragraph(doc: Doc, text: string, options: { size?: number; indent?: boolean; color?: string } = {}): void {
  const size = options.size ?? 10.5;
  doc
    .font(FONT.regular)
    .fontSize(size)
    .fillColor(options.color ?? COLORS.text);
  ensureSpace(doc, size * 2);
  doc.text(text, MARGIN.left, doc.y, { width: CONTENT_WIDTH, indent: options.indent === false ? 0 : size * 2, lineGap: size * 0.45, align: 'left' });
  doc.x = MARGIN.left;
  doc.y += size * 0.5;
}

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

// ---- tables ----

export interface Column<T> {
  header: string;
  width: number;
  align?: 'left' | 'center' | 'right';
  /** the cell's text (wrapped to the column width) */
  text?: (row: T) => string;
  /** a smaller grey line under the text */
  sub?: (row: T) => string | null;
  /** draws the cell instead of text */
  draw?: (doc: Doc, row: T, box: Box) => void;
  /** height the drawing needs */
  drawHeight?: number;
  headerFill?: string;
}

export interface TableOptions {
  fontSize?: number;
  minRowHeight?: number;
  zebra?: boolean;
  /** bold rows (a totals line) */
  boldRow?: (index: number) => boolean;
}

export interface TableGroup<T> {
  label: string | null;
  rows: T[];
}

const PAD_X = 4;
const PAD_Y = 4;

export function drawTable<T>(doc: Doc, columns: Column<T>[], groups: TableGroup<T>[], options: TableOptions = {}): void {
  const size = options.fontSize ?? 9;
  const subSize = size - 1.5;
  const x0 = MARGIN.left;
  const tableWidth = columns.reduce((w, c) => w + c.width, 0);

  const headerHeight = (() => {
    doc.font(FONT.bold).fontSize(size);
    return Math.max(...columns.map((c) => doc.heightOfString(c.header, { width: c.width - 2 * PAD_X }))) + 2 * PAD_Y + 2;
  })();

  const drawHeader = () => {
    let x = x0;
    const y = doc.y;
    for (const c of columns) {
      const fill = c.headerFill ?? COLORS.headerFill;
      doc.rect(x, y, c.width, headerHeight).fill(fill);
      doc
        .font(FONT.bold)
        .fontSize(size)
        .fillColor(c.headerFill ? textColorOn(c.headerFill) : COLORS.text);
      const h = doc.heightOfString(c.header, { width: c.width - 2 * PAD_X });
      doc.text(c.header, x + PAD_X, y + (headerHeight - h) / 2, { width: c.width - 2 * PAD_X, align: 'center' });
      x += c.width;
    }
    doc
      .moveTo(x0, y + headerHeight)
      .lineTo(x0 + tableWidth, y + headerHeight)
      .lineWidth(0.8)
      .strokeColor(COLORS.text)
      .stroke();
    doc.y = y + headerHeight;
  };

  const rowHeight = (row: T, bold: boolean): number => {
    let h = options.minRowHeight ?? 0;
    for (const c of columns) {
      const inner = c.width - 2 * PAD_X;
      let ch = c.drawHeight ?? 0;
      if (c.text) {
        doc.font(bold ? FONT.bold : FONT.regular).fontSize(size);
        ch = Math.max(ch, doc.heightOfString(c.text(row) || ' ', { width: inner }));
        const sub = c.sub?.(row);
        if (sub) {
          doc.font(FONT.regular).fontSize(subSize);
          ch += 1 + doc.heightOfString(sub, { width: inner });
        }
      }
      h = Math.max(h, ch + 2 * PAD_Y);
    }
    return h;
  };

  ensureSpace(doc, headerHeight + 24);
  drawHeader();
  let index = 0;
  for (const group of groups) {
    const groupHeight = group.label ? size + 2 * PAD_Y + 4 : 0;
    const firstRow = group.rows[0];
    const firstHeight = firstRow === undefined ? 0 : rowHeight(firstRow, false);
    if (groupHeight > 0) {
      if (ensureSpace(doc, groupHeight + firstHeight)) drawHeader();
      const y = doc.y;
      doc.rect(x0, y, tableWidth, groupHeight).fill(COLORS.groupFill);
      doc
        .font(FONT.bold)
        .fontSize(size)
        .fillColor(COLORS.text)
        .text(group.label ?? '', x0 + PAD_X, y + PAD_Y + 1, { width: tableWidth - 2 * PAD_X, lineBreak: false });
      doc.y = y + groupHeight;
    }
    for (const row of group.rows) {
      const bold = options.boldRow?.(index) ?? false;
      const h = rowHeight(row, bold);
      if (ensureSpace(doc, h)) drawHeader();
      const y = doc.y;
      if (options.zebra && index % 2 === 1) doc.rect(x0, y, tableWidth, h).fill(COLORS.zebra);
      let x = x0;
      for (const c of columns) {
        const inner = c.width - 2 * PAD_X;
        if (c.draw) {
          c.draw(doc, row, { x: x + PAD_X, y: y + PAD_Y, w: inner, h: h - 2 * PAD_Y });
        } else if (c.text) {
          const text = c.text(row);
          const sub = c.sub?.(row) ?? null;
          doc.font(bold ? FONT.bold : FONT.regular).fontSize(size);
          const th = doc.heightOfString(text || ' ', { width: inner });
          doc.font(FONT.regular).fontSize(subSize);
          const sh = sub ? 1 + doc.heightOfString(sub, { width: inner }) : 0;
          const top = y + (h - th - sh) / 2;
          doc
            .font(bold ? FONT.bold : FONT.regular)
            .fontSize(size)
            .fillColor(COLORS.text)
            .text(text, x + PAD_X, top, { width: inner, align: c.align ?? 'left' });
          if (sub) {
            doc
              .font(FONT.regular)
              .fontSize(subSize)
              .fillColor(COLORS.muted)
              .text(sub, x + PAD_X, top + th + 1, { width: inner, align: c.align ?? 'left' });
          }
        }
        x += c.width;
      }
      doc
        .moveTo(x0, y + h)
        .lineTo(x0 + tableWidth, y + h)
        .lineWidth(0.4)
        .strokeColor(COLORS.border)
        .stroke();
      doc.fillColor(COLORS.text);
      doc.y = y + h;
      index += 1;
    }
  }
  doc.x = MARGIN.left;
  doc.y += 10;
}

// ---- page furniture ----

/** Running header (from page 2) and "第 n 页 / 共 m 页" footer on every buffered page. */
export function pageFurniture(doc: Doc, headerLeft: string, headerRight: string): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Writing into the margins would make pdfkit start a new page: lift them while drawing.
    const margins = { ...doc.page.margins };
    doc.page.margins = { top: 0, bottom: 0, left: 0, right: 0 };
    const footY = A4.height - 40;
    doc
      .moveTo(MARGIN.left, footY)
      .lineTo(A4.width - MARGIN.right, footY)
      .lineWidth(0.4)
      .strokeColor(COLORS.border)
      .stroke();
    doc.font(FONT.regular).fontSize(8).fillColor(COLORS.muted);
    doc.text(`第 ${i - range.start + 1} 页 / 共 ${range.count} 页`, MARGIN.left, footY + 6, { width: CONTENT_WIDTH, align: 'center', lineBreak: false });
    if (i > range.start) {
      const headY = 34;
      doc.text(headerLeft, MARGIN.left, headY, { width: CONTENT_WIDTH / 2, align: 'left', lineBreak: false, ellipsis: true, height: 10 });
      doc.text(headerRight, MARGIN.left + CONTENT_WIDTH / 2, headY, { width: CONTENT_WIDTH / 2, align: 'right', lineBreak: false, ellipsis: true, height: 10 });
      doc
        .moveTo(MARGIN.left, headY + 14)
        .lineTo(A4.width - MARGIN.right, headY + 14)
        .lineWidth(0.4)
        .strokeColor(COLORS.border)
        .stroke();
    }
    doc.page.margins = margins;
  }
  doc.fillColor(COLORS.text);
}
