import { describe, expect, it } from 'vitest';
import { INDUSTRY_SECTIONS, industryFilterPrefixes, industryLabel, industryOf } from './industry.ts';

describe('GB/T 4754-2017 sections and divisions', () => {
  it('has the 20 sections A–T and the 97 divisions 01–97 in order', () => {
    expect(INDUSTRY_SECTIONS.map((s) => s.code).join('')).toBe('ABCDEFGHIJKLMNOPQRST');
    const divisions = INDUSTRY_SECTIONS.flatMap((s) => s.divisions.map((d) => d.code));
    expect(divisions).toEqual(Array.from({ length: 97 }, (_, i) => String(i + 1).padStart(2, '0')));
  });

  it('finds the section and division of a 2-, 3- or 4-digit code', () => {
    expect(industryOf('13')?.division.name).toBe('农副食品加工业');
    expect(industryOf('1713')).toMatchObject({ section: { code: 'C' }, division: { code: '17', name: '纺织业' } });
    expect(industryOf('52')?.section.name).toBe('批发和零售业');
    expect(industryOf('98')).toBeNull();
    expect(industryOf('C13')).toBeNull();
    expect(industryOf(null)).toBeNull();
    expect(industryLabel('14')).toBe('C14 食品制造业');
    expect(industryLabel('1713')).toBe('C1713 · 纺织业');
  });

  it('turns a filter into code prefixes: a section into its divisions, a code into itself', () => {
    expect(industryFilterPrefixes('d')).toEqual(['44', '45', '46']);
    expect(industryFilterPrefixes('139')).toEqual(['139']);
    expect(industryFilterPrefixes('Z')).toBeNull();
    expect(industryFilterPrefixes('99')).toBeNull();
  });
});
