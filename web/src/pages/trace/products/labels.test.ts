import { describe, expect, it } from 'vitest';
import { consumerPath, gtinProblem, lotProblem, productCodeText, productRefProblem, qrFileName } from './labels';

describe('product and batch code helpers', () => {
  it("names a product by its printed 商品条码, the owner's or platform-allocated, and flags demonstration numbers", () => {
    expect(productCodeText({ gtin: '06970000000116', gtinIssuer: 'owner' })).toEqual({ label: '商品条码', value: '6970000000116', demo: false });
    expect(productCodeText({ gtin: '09520000000011', gtinIssuer: 'platform' })).toEqual({ label: '商品条码（平台分配）', value: '9520000000011', demo: true });
  });

  it('opens the consumer page on this host, whatever domain the code carries', () => {
    expect(consumerPath('http://localhost:8080/01/06970000000116/10/HZ-2025-0506')).toBe('/01/06970000000116/10/HZ-2025-0506');
    expect(consumerPath('https://trace.example.cn/01/09520000000011/10/A%2F1')).toBe('/01/09520000000011/10/A%2F1');
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
    expect(qrFileName({ gtin: '06970000000116', gtinIssuer: 'owner' }, 'HZ-2025-0506', 'svg')).toBe('qr_6970000000116_HZ-2025-0506.svg');
    expect(qrFileName({ gtin: '09520000000011', gtinIssuer: 'platform' }, 'L 1/2', 'png')).toBe('qr_9520000000011_L_1_2.png');
  });
});
