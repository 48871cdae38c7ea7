import { describe, expect, it } from 'vitest';
import { format, pickLanguage } from './i18n';

describe('i18n helpers', () => {
  it('picks one half of a bilingual message', () => {
    expect(pickLanguage('请先登录 / Please log in', 'zh')).toBe('请先登录');
    expect(pickLanguage('请先登录 / Please log in', 'en')).toBe('Please log in');
    expect(pickLanguage('plain', 'en')).toBe('plain');
    expect(format('还可尝试 {n} 次', { n: 3 })).toBe('还可尝试 3 次');
  });
});
