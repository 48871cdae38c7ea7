import { describe, expect, it } from 'vitest';
import { consumerPath, gtinProblem, lotProblem, productCodeText, productRefProblem, qrFileName } from './labels';

describe('product and batch code helpers', () => {
  it('names a product by its printed 商品条码 or its platform reference', () => {
    expect(productCodeText({ gtin: '06970000000116', productRef: null })).toEqual({ label: '商品条码', value: '6970000000116' });
    expect(productCodeText({ gtin: null, productRef: 'TEA-500G' })).toEqual({ label: '平台产品编号', value: 'TEA-500G' });
  });

  it('opens the consumer page on this host, whatever domain the code carries', () => {
    expect(consumerPath('http://localhost:8080/01/06970000000116/10/HZ-2025-0506')).toBe('/01/06970000000116/10/HZ-2025-0506');
    expect(consumerPath('https://trace.example.cn/p/91330502MA2B3C4D58/TEA-500G/b/A%2F1')).toBe('/p/91330502MA2B3C4D58/TEA-500G/b/A%2F1');
  });

  it('checks lots, GTINs and product references in Chinese before the server does', () => {
    expect(lotProblem('HZ-2025-0601')).toBeNull();
    expect(lotProblem('')).toBe('请输入批次号');
    expect(lotProblem('批次一')).toContain('不能含空格或中文');
    expect(lotProblem('X'.repeat(21))).toContain('1–20');
    expect(gtinProblem('6970000000116')).toBeNull();
    expect(gtinProblem('6970000000117')).toContain('校验位');
    expect(productRefProblem('TEA-500G')).toBeNull();
    expect(productRefProblem('白茶')).toContain('不能含空格或中文');
  });

  it('gives downloads an ASCII file name', () => {
    expect(qrFileName({ gtin: '06970000000116', productRef: null }, 'HZ-2025-0506', 'svg')).toBe('qr_6970000000116_HZ-2025-0506.svg');
    expect(qrFileName({ gtin: null, productRef: 'A/B' }, 'L 1', 'png')).toBe('qr_A_B_L_1.png');
  });
});
