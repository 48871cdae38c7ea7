import QRCode from 'qrcode';
import { isDemonstrationGtin } from '../../../../common/gs1/index.ts';
import type { ProductCode } from './code.ts';
import { esc } from './render.ts';

/**
 * QR codes and printable label sheets for issued codes. The QR symbol carries the GS1 Digital Link on our own domain, so a phone's camera opens our consumer page. Error correction level M (about 15 % of the symbol
 * may be damaged) and the 4-module quiet zone ISO/IEC 18004 asks for.
 */

const QR_OPTIONS = { errorCorrectionLevel: 'M', margin: 4 } as const;

export const QR_PNG_SIZE = { min: 64, max: 2048, default: 512 } as const;

export function qrPng(uri: string, size: number): Promise<Buffer> {
  return QRCode.toBuffer(uri, { ...QR_OPTIONS, type: 'png', width: size });
}

/** The QR symbol as an SVG document; `size` (px) sets width and height, otherwise it scales to its box. */
export async function qrSvg(uri: string, size?: number): Promise<string> {
  const svg = await QRCode.toString(uri, { ...QR_OPTIONS, type: 'svg', ...(size === undefined ? {} : { width: size }) });
  return svg.replace(/^<svg /, '<svg role="img" aria-label="QR" ');
}

export const LABELS_PER_SHEET = 21;
export const MAX_LABELS = 210;

// A4 sheet of 3 × 7 labels of 63.5 × 38.1 mm (the common "21 per sheet" layout): 15.15 mm top/bottom, 7.2 mm sides,
// 2.5 mm between columns.
const LABEL_CSS = `
@page{size:A4 portrait;margin:0}
*{box-sizing:border-box}
body{margin:0;font-family:"Noto Sans SC","PingFang SC","Microsoft YaHei","WenQuanYi Micro Hei",sans-serif;color:#111;background:#e5e7eb}
.help{max-width:210mm;margin:12px auto;padding:10px 14px;background:#fff;border-radius:8px;font-size:13px;color:#374151}
.help h1{font-size:16px;margin:0 0 4px}
.help p{margin:2px 0}
.sheet{width:210mm;height:297mm;margin:0 auto 12px;padding:15.15mm 7.2mm;background:#fff;display:grid;grid-template-columns:repeat(3,63.5mm);grid-auto-rows:38.1mm;column-gap:2.5mm;align-content:start;page-break-after:always;break-after:page}
.sheet:last-child{page-break-after:auto;break-after:auto}
.label{display:flex;align-items:center;gap:2mm;padding:2mm 2.5mm;overflow:hidden;outline:0.2mm dashed #d1d5db}
.label svg{flex:none;width:31mm;height:31mm}
.text{min-width:0;display:flex;flex-direction:column;gap:0.8mm}
.name{font-size:9pt;font-weight:700;line-height:1.25;max-height:2.5em;overflow:hidden}
.lot{font-size:8pt}
.hri{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:6.5pt;line-height:1.25;word-break:break-all}
.scan{font-size:6.5pt;color:#4b5563}
.demo{color:#b45309}
@media print{body{background:#fff}.help{display:none}.sheet{margin:0}.label{outline:none}}
`;

export interface LabelContent {
  code: ProductCode;
  productName: string | null;
  count: number;
}

/** Printable A4 label sheets: each label the QR code (inline SVG), product name, lot or serial, and the human-readable text. */
export async function renderLabelSheet({ code, productName, count }: LabelContent): Promise<string> {
  const svg = await qrSvg(code.ourUri);
  const hri = code.elementString;
  // GS1 Prefix 952 is for demonstrations only: say so on every label, so a demo sheet is never taken for real codes.
  const demo = isDemonstrationGtin(code.gtin);
  const which = code.serial !== null ? `序列号 ${code.serial}` : code.lot !== null ? `批次 ${code.lot}` : '产品码';
  const label = `<div class="label">${svg}<div class="text"><div class="name">${esc(productName ?? '未登记产品')}</div><div class="lot">${esc(which)}</div><div class="hri">${esc(hri)}</div><div class="scan">${demo ? '<b class="demo">演示码</b> · ' : ''}扫码查追溯 · 一码通</div></div></div>`;
  const sheets: string[] = [];
  for (let left = count; left > 0; left -= LABELS_PER_SHEET) {
    sheets.push(`<section class="sheet">${label.repeat(Math.min(left, LABELS_PER_SHEET))}</section>`);
  }
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${esc(`追溯码标签 · ${productName ?? code.ourPath}`)}</title>
<style>${LABEL_CSS}</style>
</head>
<body>
<div class="help"><h1>追溯码标签（${count} 枚，A4 每页 ${LABELS_PER_SHEET} 枚，63.5 × 38.1 mm）</h1>
<p>用浏览器打印：纸张 A4、缩放 100%（实际大小）、页边距“无”。打印后请用手机扫一枚试读。</p>
<p class="hri">${esc(code.ourUri)}</p>${demo ? '\n<p class="demo">演示码：GS1 前缀 952 仅供演示，不是正式商品条码，不得用于上市产品。</p>' : ''}</div>
${sheets.join('\n')}
</body>
</html>
`;
}
