import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FROM_OPEN_SDG_STATUS, type OpenSdgStatus } from './core.ts';
import { aggregateIndicator, cagr, limitCoefficient, type ScoreNode, type StatcanInput, statcanProgress } from './statcan.ts';

type FixtureSeries = {
  source: string;
  indicator: string;
  series: string;
  input: {
    base_year: number;
    base_value: number | null;
    current_year: number | null;
    current_value: number | null;
    target: number | null;
    target_year: number;
    direction: 1 | -1;
    limit: number | null;
  };
  expected: { sign: 1 | -1 | null; progress_value: number | null; score: number | null; status: OpenSdgStatus };
};
type FixtureOption = { group?: FixtureOption[]; series?: string; unit?: string; disaggregation?: { field: string; value: string }[] };
type FixtureIndicator = {
  source: string;
  indicator: string;
  series_scores: Record<string, number>;
  expected: { score: number | null; progress_status: OpenSdgStatus };
  aggregation: string;
  progress_calculation_options?: FixtureOption[];
};

const fixturePath = path.resolve(import.meta.dirname, '../../../shared/fixtures/progress/statcan-progress-vectors.json');
const fixture = JSON.parse(readFileSync(fixturePath, 'utf8')) as { series: FixtureSeries[]; indicators: FixtureIndicator[] };

/** Relative tolerance 1e-9; null only equals null. */
function close(actual: number | null, expected: number | null): boolean {
  if (actual === null || expected === null) return actual === expected;
  return Math.abs(actual - expected) <= 1e-9 * Math.max(Math.abs(actual), Math.abs(expected));
}

const fromFixture = (s: FixtureSeries) =>
  statcanProgress({
    baseYear: s.input.base_year,
    baseValue: s.input.base_value,
    currentYear: s.input.current_year,
    currentValue: s.input.current_value,
    targetYear: s.input.target_year,
    target: s.input.target,
    direction: s.input.direction,
    limit: s.input.limit,
  });

describe('StatCan measure: the 379 published series (sdg-build 2.4.0 components)', () => {
  it('has the 379 vectors', () => {
    expect(fixture.series).toHaveLength(379);
  });

  it.each(fixture.series.map((s) => [`${s.source} ${s.series}`, s] as const))('%s', (_name, s) => {
    const r = fromFixture(s);
    expect(r.status).toBe(FROM_OPEN_SDG_STATUS[s.expected.status]);
    expect(r.sign).toBe(s.expected.sign);
    expect(close(r.score, s.expected.score), `score ${r.score} vs ${s.expected.score}`).toBe(true);
    expect(close(r.progressValue, s.expected.progress_value), `progress_value ${r.progressValue} vs ${s.expected.progress_value}`).toBe(true);
  });
});

describe('StatCan indicator aggregation', () => {
  const bySeries = new Map(fixture.series.map((s) => [`${s.source}|${s.series}`, s]));
  const leaf = (ind: FixtureIndicator, key: string): ScoreNode => {
    const s = bySeries.get(`${ind.source}|${key}`);
    return { score: ind.series_scores[key] ?? null, targetAchieved: s?.expected.status === 'target_achieved' };
  };

  // Series keys are "<id> / <series> / <unit> / <disaggregation values>", long segments cut to "…..." and a
  // leading "_" (a sort-order trick in the data) dropped, so options are matched segment by segment.
  const norm = (seg: string) => seg.replace(/^_+/, '');
  const segmentMatches = (keySeg: string, tagSeg: string) =>
    keySeg.endsWith('...') ? norm(tagSeg).startsWith(norm(keySeg.slice(0, -3))) : norm(keySeg) === norm(tagSeg);
  const toNodes = (ind: FixtureIndicator, options: FixtureOption[]): ScoreNode[] =>
    options.map((o): ScoreNode => {
      if (o.group) return { group: toNodes(ind, o.group) };
      const tag = [ind.indicator, o.series, o.unit, ...(o.disaggregation ?? []).map((d) => d.value)].filter((x): x is string => x !== undefined);
      const key = Object.keys(ind.series_scores).find((k) => {
        const segs = k.split(' / ');
        return segs.length === tag.length && segs.every((seg, i) => segmentMatches(seg, tag[i] ?? ''));
      });
      if (key === undefined) throw new Error(`${ind.indicator}: no series for option ${tag.join(' / ')}`);
      return leaf(ind, key);
    });

  const reproducible = fixture.indicators.filter((i) => !i.aggregation.includes('NOT reproducible'));

  it('checks every indicator the file marks reproducible (192 of 194)', () => {
    expect(fixture.indicators).toHaveLength(194);
    expect(reproducible).toHaveLength(192);
    expect(reproducible.filter((i) => i.aggregation.startsWith('nested-mean')).map((i) => i.indicator)).toEqual(['16-3-1', '4-a-1', '9-c-1']);
  });

  it.each(reproducible.map((i) => [`${i.source} ${i.indicator} (${i.aggregation.split(' ')[0]})`, i] as const))('%s', (_name, ind) => {
    const nodes = ind.aggregation === 'mean' ? Object.keys(ind.series_scores).map((k) => leaf(ind, k)) : toNodes(ind, ind.progress_calculation_options ?? []);
    const agg = aggregateIndicator(nodes);
    expect(agg.status).toBe(FROM_OPEN_SDG_STATUS[ind.expected.progress_status]);
    expect(close(agg.score, ind.expected.score), `score ${agg.score} vs ${ind.expected.score}`).toBe(true);
  });

  it('averages a group first, and achieves only when every scored series did', () => {
    const a = aggregateIndicator([
      {
        group: [
          { score: 5, targetAchieved: true },
          { score: -5, targetAchieved: false },
        ],
      },
      { score: 3, targetAchieved: false },
    ]);
    expect(a.score).toBe(1.5);
    expect(a.seriesCount).toBe(3);
    expect(
      aggregateIndicator([
        { score: 5, targetAchieved: true },
        { score: null, targetAchieved: false },
      ]).status,
    ).toBe('target_achieved');
    expect(aggregateIndicator([{ score: null, targetAchieved: false }])).toEqual({
      score: null,
      status: 'not_available',
      targetAchieved: false,
      seriesCount: 0,
    });
  });
});

/**
 * Inputs of an Open SDG feature-test indicator (tests/data in open-sdg/open-sdg), read the way sdg-build does:
 * the rows of the configured unit and disaggregation, base year as configured, current year the latest.
 */
function featureCase(id: string): StatcanInput {
  const dir = path.resolve(import.meta.dirname, '../../../shared/fixtures/progress/open-sdg-tests');
  const yml = readFileSync(path.join(dir, `${id}.yml`), 'utf8');
  const opt = (key: string) => yml.match(new RegExp(`^\\s*-?\\s*${key}: (.+)$`, 'm'))?.[1]?.trim() ?? null;
  const filters = [...yml.matchAll(/- field: (.+)\n\s+value: (.+)/g)].map((m) => [m[1]?.trim() ?? '', m[2]?.trim() ?? ''] as const);
  filters.push(['Units', opt('unit') ?? '']);
  const [header = '', ...lines] = readFileSync(path.join(dir, `indicator_${id}.csv`), 'utf8')
    .trim()
    .split(/\r?\n/);
  const cols = header.split(',');
  const rows = lines
    .map((l) => l.split(','))
    .filter((cells) => filters.every(([field, value]) => cells[cols.indexOf(field)] === value))
    .map((cells) => ({ year: Number(cells[cols.indexOf('Year')]), value: Number(cells[cols.indexOf('Value')]) }));
  const baseYear = Number(opt('base_year'));
  const currentYear = Math.max(...rows.map((r) => r.year));
  return {
    baseYear,
    baseValue: rows.find((r) => r.year === baseYear)?.value ?? null,
    currentYear,
    currentValue: rows.find((r) => r.year === currentYear)?.value ?? null,
    targetYear: Number(opt('target_year')),
    target: Number(opt('target')),
    direction: opt('direction') === 'positive' ? 1 : -1,
    limit: Number(opt('limit')),
  };
}

describe('StatCan measure: Open SDG feature tests and the worked examples in indicators.md §2.2', () => {
  it('1-5-3: 10 → 30 (2015→2016), target 1 by 2030, lower is better → deterioration, R = −14.054', () => {
    const input = featureCase('1-5-3');
    expect(input).toEqual({ baseYear: 2015, baseValue: 10, currentYear: 2016, currentValue: 30, targetYear: 2030, target: 1, direction: -1, limit: 1 });
    const r = statcanProgress(input);
    // CAGR_o = 2.0, CAGR_r = 0.1^(1/15) − 1 = −0.14230; R = −2.0 / 0.14230.
    expect(r.components.cagrObserved).toBeCloseTo(2, 12);
    expect(r.components.cagrRequired).toBeCloseTo(-0.1423, 4);
    expect(r.progressValue).toBeCloseTo(-14.054, 3);
    expect(r.score).toBe(-5);
    expect(r.status).toBe('deterioration');
    expect(r.warnings).toContain('limit_ignored');
  });

  it('1-5-4: 5 → 6 (2015→2016), target 9 by 2030, higher is better → on track, R = 5.0045', () => {
    const input = featureCase('1-5-4');
    expect(input).toEqual({ baseYear: 2015, baseValue: 5, currentYear: 2016, currentValue: 6, targetYear: 2030, target: 9, direction: 1, limit: 9 });
    const r = statcanProgress(input);
    expect(r.components.cagrRequired).toBeCloseTo(0.039964, 6);
    expect(r.progressValue).toBeCloseTo(5.0045, 4);
    expect(r.score).toBe(5);
    expect(r.status).toBe('on_track');
  });

  it('1-2-1 (Method 2): 14.5 → 10.2 (2015→2023), target 7.25 by 2030, lower is better → R 0.95259, score 2.5186', () => {
    const r = statcanProgress({
      baseYear: 2015,
      baseValue: 14.5,
      currentYear: 2023,
      currentValue: 10.2,
      targetYear: 2030,
      target: 7.25,
      direction: -1,
      limit: null,
    });
    expect(r.components.cagrObserved).toBeCloseTo(-0.04302, 5);
    expect(r.components.cagrRequired).toBeCloseTo(0.5 ** (1 / 15) - 1, 15);
    expect(r.progressValue).toBeCloseTo(0.95259, 5);
    expect(r.score).toBeCloseTo(2.5186, 4);
    expect(r.status).toBe('on_track');
  });

  it('1-3-1 children (Method 1, limit 100): 90 → 93.2 (2015→2021) → P 0.005840, C 0.37362, on track, score 2.8154', () => {
    const r = statcanProgress({
      baseYear: 2015,
      baseValue: 90,
      currentYear: 2021,
      currentValue: 93.2,
      targetYear: 2030,
      target: null,
      direction: 1,
      limit: 100,
    });
    expect(r.method).toBe('statcan-2.4-no-target');
    expect(r.progressValue).toBeCloseTo(0.00584, 6);
    expect(r.components.coefficient).toBeCloseTo(0.37362, 5);
    expect(r.components.thresholds.high).toBeCloseTo(0.0056, 4);
    expect(r.components.thresholds.med).toBeCloseTo(0.0019, 4);
    expect(r.score).toBeCloseTo(2.8154, 4);
    expect(r.status).toBe('on_track');
  });

  it('indicator 1-3-1 = mean(2.8154, −2.7349, −2.8493) = −0.9229 → limited progress', () => {
    const a = aggregateIndicator([2.8154, -2.7349, -2.8493].map((score) => ({ score, targetAchieved: false })));
    expect(a.score).toBeCloseTo(-0.9229, 4);
    expect(a.status).toBe('limited_progress');
  });

  it('Huzhou PM2.5 (hypothetical): 30 → 28.5 (2020→2023), target 27 by 2025 → R 0.8130, moderate, score 1.52', () => {
    const r = statcanProgress({
      baseYear: 2020,
      baseValue: 30,
      currentYear: 2023,
      currentValue: 28.5,
      targetYear: 2025,
      target: 27,
      direction: -1,
      limit: null,
    });
    expect(r.components.cagrObserved).toBeCloseTo(-0.016952, 6);
    expect(r.components.cagrRequired).toBeCloseTo(-0.020852, 6);
    expect(r.progressValue).toBeCloseTo(0.813, 4);
    expect(r.score).toBeCloseTo(1.52, 2);
    expect(r.status).toBe('moderate_progress');
  });

  it('limit scaling: y0 = 95, limit 100 → C = 0.2037; at twice the limit C = 1; mirrored above the limit', () => {
    expect(limitCoefficient(95, 100)).toBeCloseTo(0.2037, 4);
    expect(limitCoefficient(200, 100)).toBe(1);
    expect(limitCoefficient(105, 100)).toBeCloseTo(limitCoefficient(95, 100), 12);
    expect(limitCoefficient(0, 0)).toBe(1);
    expect(cagr(100, 121, 2)).toBeCloseTo(0.1, 12);
  });
});

describe('StatCan measure: edge rules', () => {
  const base = { baseYear: 2020, currentYear: 2023, targetYear: 2025, limit: null } as const;

  it('target 0 → 0.001 with a warning; lower is better reaches it at 0', () => {
    const r = statcanProgress({ ...base, baseValue: 10, currentValue: 5, target: 0, direction: -1 });
    expect(r.warnings).toContain('target_zero');
    expect(r.progressValue).toBeCloseTo(-cagr(10, 5, 3) / Math.abs(cagr(10, 0.001, 5)), 12);
    expect(statcanProgress({ ...base, baseValue: 10, currentValue: 0, target: 0, direction: -1 }).status).toBe('target_achieved');
  });

  it('base 0 → 0.001 with a warning flag, sign stays +1', () => {
    const r = statcanProgress({ ...base, baseValue: 0, currentValue: 5, target: 10, direction: 1 });
    expect(r.warnings).toContain('base_zero');
    expect(r.sign).toBe(1);
    expect(r.progressValue).toBeCloseTo(cagr(0.001, 5, 3) / cagr(0.001, 10, 5), 12);
  });

  it('base and current of opposite signs → not available', () => {
    const r = statcanProgress({ ...base, baseValue: -2, currentValue: 3, target: 5, direction: 1 });
    expect(r).toMatchObject({ status: 'not_available', progressValue: null, score: null, sign: -1 });
    expect(r.warnings).toContain('opposite_signs');
  });

  it('negative base: s = −1 keeps the direction right', () => {
    // −10 → −5 is an improvement when higher is better; the required change to −2 over 5 years.
    const r = statcanProgress({ ...base, baseValue: -10, currentValue: -5, target: -2, direction: 1 });
    expect(r.sign).toBe(-1);
    expect(r.progressValue).toBeCloseTo(-cagr(-10, -5, 3) / Math.abs(cagr(-10, -2, 5)), 12);
    expect(r.progressValue ?? 0).toBeGreaterThan(0);
  });

  it('fewer than 2 years → not available (unless the target is already reached, as upstream)', () => {
    const one = { ...base, currentYear: 2020, baseValue: 10, currentValue: 10, direction: 1 } as const;
    expect(statcanProgress({ ...one, target: 20 }).status).toBe('not_available');
    expect(statcanProgress({ ...one, target: 20 }).warnings).toContain('too_few_years');
    expect(statcanProgress({ ...one, target: 5 })).toMatchObject({ status: 'target_achieved', score: 5, progressValue: null });
  });

  it('target = base = current → target achieved, progress value null, score 5 (as the fixtures show)', () => {
    expect(statcanProgress({ ...base, baseValue: 100, currentValue: 100, target: 100, direction: 1 })).toMatchObject({
      status: 'target_achieved',
      progressValue: null,
      score: 5,
    });
  });

  it('target = base, value moved away → deterioration, score −5, progress value null', () => {
    const r = statcanProgress({ ...base, baseValue: 100, currentValue: 98, target: 100, direction: 1 });
    expect(r).toMatchObject({ status: 'deterioration', progressValue: null, score: -5 });
    expect(r.warnings).toContain('target_equals_base');
  });

  it('target of the opposite sign, target year not after base year, missing data → not available', () => {
    expect(statcanProgress({ ...base, baseValue: 10, currentValue: 8, target: -1, direction: -1 }).warnings).toContain('target_opposite_sign');
    expect(statcanProgress({ ...base, targetYear: 2020, baseValue: 10, currentValue: 12, target: 20, direction: 1 }).status).toBe('not_available');
    expect(statcanProgress({ ...base, baseValue: null, currentValue: 12, target: 20, direction: 1 })).toMatchObject({ status: 'not_available', sign: null });
  });

  it('Method 1 at the limit (C = 0): holding or improving scores 5', () => {
    const r = statcanProgress({ ...base, baseValue: 100, currentValue: 100, target: null, direction: 1, limit: 100 });
    expect(r.components.coefficient).toBe(0);
    expect(r).toMatchObject({ status: 'on_track', score: 5 });
  });
});
