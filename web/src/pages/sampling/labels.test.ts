import { describe, expect, it } from 'vitest';
import { limitText, percent, resultText, stageText, windowText } from './labels';

describe('sampling labels', () => {
  it('writes limits the way standards do', () => {
    expect(limitText({ limitMin: null, limitMax: 75, limitText: null, unit: 'mg/kg' })).toBe('≤ 75 mg/kg');
    expect(limitText({ limitMin: 4, limitMax: 8.5, limitText: null, unit: null })).toBe('4–8.5');
    expect(limitText({ limitMin: 0.8, limitMax: null, limitText: null, unit: 'mm' })).toBe('≥ 0.8 mm');
    expect(limitText({ limitMin: null, limitMax: null, limitText: '不得有绳带', unit: null })).toBe('不得有绳带');
    expect(resultText(96, null, 'mg/kg')).toBe('96 mg/kg');
    expect(resultText(null, '未检出', 'mg/kg')).toBe('未检出');
  });

  it('says where a sample stands', () => {
    expect(
      stageText({
        status: 'issued',
        conclusion: 'fail',
        finalConclusion: null,
        retestWindow: { rule: 'product_15d', lastDay: '2026-12-01', daysLeft: 3, open: true },
      }),
    ).toBe('复检申请期内，剩 3 天（至 2026-12-01）');
    expect(windowText({ rule: 'product_15d', lastDay: '2026-12-01', daysLeft: 0, open: true })).toBe('复检申请今日截止（2026-12-01）');
    expect(windowText(null)).toBe('不合格，结论尚未送达企业');
    expect(stageText({ status: 'final', conclusion: 'fail', finalConclusion: 'pass', retestWindow: null })).toBe('最终结论：合格');
    expect(percent(97.5)).toBe('97.50%');
    expect(percent(null)).toBe('—');
  });
});
