import { describe, expect, it } from 'vitest';
import { formatDateTime, formatDateZh, formatNumber, formatShare, formatTarget } from './format.ts';
import { textColorOn } from './status-labels.ts';
import { columnLetter, parseNumberText } from './xlsx-common.ts';

describe('report formatting', () => {
  it('formats numbers, shares, targets and dates for Chinese readers', () => {
    expect(formatNumber(1234.5)).toBe('1,234.5');
    expect(formatNumber(0.0123)).toBe('0.0123');
    expect(formatNumber(null)).toBe('—');
    expect(formatShare(0.734)).toBe('73.4%');
    expect(formatTarget({ text: '达到省均' }, 84.5)).toBe('达到省均（参考值 84.5）');
    expect(formatTarget({ value: 2500 }, 2500)).toBe('2,500');
    expect(formatDateTime('2024-07-15T16:30:00Z')).toBe('2024-07-16 00:30');
    expect(formatDateTime('')).toBeNull();
    expect(formatDateZh('2024-06-30')).toBe('2024年6月30日');
  });

  it('reads numbers typed as text', () => {
    expect(parseNumberText('1,234.5')).toEqual({ kind: 'number', value: 1234.5, percent: null });
    expect(parseNumberText(' 98.5 % ')).toEqual({ kind: 'number', value: 98.5, percent: 'text' });
    expect(parseNumberText('１２．５')).toEqual({ kind: 'number', value: 12.5, percent: null });
    expect(parseNumberText('98。5')).toEqual({ kind: 'number', value: 98.5, percent: null });
    expect(parseNumberText('-3e2')).toEqual({ kind: 'number', value: -300, percent: null });
    for (const bad of ['12,34', '1.2.3', '约98', '98-99', 'NaN', 'Infinity', '%']) expect(parseNumberText(bad).kind).toBe('invalid');
  });

  it('names columns and picks readable text colours', () => {
    expect([1, 7, 26, 27, 52, 703].map(columnLetter)).toEqual(['A', 'G', 'Z', 'AA', 'AZ', 'AAA']);
    expect(textColorOn('#237804')).toBe('#ffffff');
    // WCAG: black on the red reads better (5.1:1) than white (4.1:1).
    expect(textColorOn('#f5222d')).toBe('#000000');
    expect(textColorOn('#faad14')).toBe('#000000');
    expect(textColorOn('#bfbfbf')).toBe('#000000');
  });
});
