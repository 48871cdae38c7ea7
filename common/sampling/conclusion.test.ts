import { describe, expect, it } from 'vitest';
import { conclusionFromItems, issuedConclusion, judgeItem } from './conclusion.ts';

const limit = (limitMin: number | null, limitMax: number | null, limitText: string | null = null) => ({ limitMin, limitMax, limitText });
const result = (value: number | null, enteredVerdict: 'pass' | 'fail' | null = null, text: string | null = null) => ({ value, text, enteredVerdict });

describe('judgeItem', () => {
  it('computes a numeric verdict with inclusive limits on both ends', () => {
    expect(judgeItem(limit(null, 0.1), result(0.1))).toEqual({ ok: true, verdict: 'pass', source: 'computed' });
    expect(judgeItem(limit(null, 0.1), result(0.11))).toMatchObject({ verdict: 'fail' });
    expect(judgeItem(limit(2.5, null), result(2.5))).toMatchObject({ verdict: 'pass' });
    expect(judgeItem(limit(2.5, null), result(2.49))).toMatchObject({ verdict: 'fail' });
    expect(judgeItem(limit(5, 8), result(8))).toMatchObject({ verdict: 'pass' });
    expect(judgeItem(limit(5, 8), result(4.99))).toMatchObject({ verdict: 'fail' });
  });

  it('refuses an entered verdict that contradicts the numeric result, accepts one that agrees', () => {
    const r = judgeItem(limit(null, 10), result(12, 'pass'));
    expect(r.ok).toBe(false);
    expect(judgeItem(limit(null, 10), result(12, 'fail'))).toEqual({ ok: true, verdict: 'fail', source: 'computed' });
  });

  it('takes the officer’s verdict for a text requirement or a text result, and stays open without one', () => {
    expect(judgeItem(limit(null, null, '应符合 GB 5296.4 第 5 章'), result(null, 'fail', '缺少执行标准'))).toEqual({
      ok: true,
      verdict: 'fail',
      source: 'entered',
    });
    expect(judgeItem(limit(null, 0.01), result(null, 'pass', '未检出'))).toEqual({ ok: true, verdict: 'pass', source: 'entered' });
    expect(judgeItem(limit(null, 0.01), result(null))).toEqual({ ok: true, verdict: null, source: null });
  });

  it('refuses an item with no limit at all and a lower limit above the upper one', () => {
    expect(judgeItem(limit(null, null, '  '), result(1)).ok).toBe(false);
    expect(judgeItem(limit(9, 1), result(5)).ok).toBe(false);
  });
});

describe('conclusionFromItems', () => {
  it('is 不合格 as soon as one item fails, 合格 only when all pass, else open', () => {
    expect(conclusionFromItems(['pass', 'fail', null])).toBe('fail');
    expect(conclusionFromItems(['pass', 'pass'])).toBe('pass');
    expect(conclusionFromItems(['pass', null])).toBeNull();
    expect(conclusionFromItems([])).toBeNull();
  });

  it('an override wins over the items', () => {
    expect(issuedConclusion('pass', 'fail')).toBe('fail');
    expect(issuedConclusion('fail', null)).toBe('fail');
  });
});
