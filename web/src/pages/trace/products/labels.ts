/** Pure helpers of the 产品与赋码 page: how a product's code and a batch's code read to people. */
import { checkAiValue, checkGtin, isCset82, isDemonstrationGtin } from '../../../../../common/gs1/index.ts';
import type { TraceProduct } from '../../../api/trace';
import { displayGtin, gtinProblemText } from '../shared/codes';

/**
 * The code a product is known by: its 商品条码 as printed — the owner's own, or the one the platform allocated under its
 * GS1 Company Prefix — and whether it is a GS1 demonstration number (prefix 952: 演示, never on a product for sale).
 */
export function productCodeText(product: Pick<TraceProduct, 'gtin' | 'gtinIssuer'>): { label: string; value: string; demo: boolean } {
  return {
    label: product.gtinIssuer === 'platform' ? '商品条码（平台分配）' : '商品条码',
    value: displayGtin(product.gtin),
    demo: isDemonstrationGtin(product.gtin),
  };
}

/** Shown wherever a demonstration GTIN appears, so nobody prints it on goods for sale. */
export const DEMO_GTIN_NOTE = '演示码：GS1 前缀 952 仅供演示，不是正式商品条码。正式使用前，平台须配置市局向中国物品编码中心申请的厂商识别代码。';

/** Path and query of a code on the platform's domain: where this same server answers with the consumer page. */
export function consumerPath(uri: string): string {
  try {
    const url = new URL(uri);
    return `${url.pathname}${url.search}`;
  } catch {
    return uri;
  }
}

export const LOT_RULE = '批次号为 1–20 个字符，可用字母、数字和 GS1 允许的符号（不能含空格或中文）';

/** Chinese message for a lot number the GS1 syntax (AI 10, CSET 82) refuses; null when fine. */
export function lotProblem(value: string): string | null {
  const lot = value.trim();
  if (lot === '') return '请输入批次号';
  return checkAiValue('10', lot) ? LOT_RULE : null;
}

/** Chinese message for a 商品条码 with a wrong length or check digit; null when fine. */
export function gtinProblem(value: string): string | null {
  const problem = checkGtin(value.trim());
  return problem ? gtinProblemText(problem) : null;
}

export const PRODUCT_REF_RULE = '产品编号为 1–30 个字符，可用字母、数字和 GS1 允许的符号（不能含空格或中文）';

export function productRefProblem(value: string): string | null {
  const ref = value.trim();
  if (ref === '') return '请输入产品编号';
  return ref.length <= 30 && isCset82(ref) ? null : PRODUCT_REF_RULE;
}

/** A safe file name for a downloaded QR code of a batch: 商品条码 and lot, ASCII only. */
export function qrFileName(product: Pick<TraceProduct, 'gtin' | 'gtinIssuer'>, lot: string, ext: 'png' | 'svg'): string {
  const base = `${productCodeText(product).value}_${lot}`.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 80);
  return `qr_${base}.${ext}`;
}
