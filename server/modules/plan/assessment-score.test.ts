import { describe, expect, it } from 'vitest';
import { DEFAULT_STATUS_POINTS, defaultWeights, scoreRegions } from './assessment-score.ts';

const indicators = [
  { id: 'a', code: 'I01', name: '合格率' },
  { id: 'b', code: 'I02', name: '新增标准' },
  { id: 'c', code: 'I03', name: 'PM2.5' },
];

describe('考核 scoring', () => {
  it('default weights add up to exactly 100', () => {
    const w = defaultWeights(Array.from({ length: 44 }, (_, i) => `i${i}`));
    expect(Object.values(w).reduce((a, b) => a + b, 0)).toBeCloseTo(100, 9);
    expect(w.i0).toBe(2.27);
    expect(defaultWeights([])).toEqual({});
  });

  it('earns weight × status share per indicator, adds bonus, subtracts penalty, ranks with ties', () => {
    const weights = { a: 50, b: 30, c: 20 };
    const scores = scoreRegions(
      indicators,
      weights,
      DEFAULT_STATUS_POINTS,
      [
        { regionCode: '330502', regionName: '吴兴区', statuses: { a: 'target_achieved', b: 'on_track', c: 'deterioration' } },
        { regionCode: '330503', regionName: '南浔区', statuses: { a: 'moderate_progress', b: 'limited_progress' } },
        { regionCode: '330521', regionName: '德清县', statuses: { a: 'target_achieved', b: 'on_track', c: 'deterioration' } },
      ],
      [
        { id: 'x', regionCode: '330503', kind: 'bonus', points: 5, reason: '省级试点', createdAt: '' },
        { id: 'y', regionCode: '330503', kind: 'penalty', points: 2, reason: '迟报', createdAt: '' },
      ],
    );
    // 吴兴 and 德清: 50×1 + 30×0.9 + 20×0 = 77; 南浔: 50×0.7 + 30×0.4 + 0 (no data) + 5 − 2 = 50.
    expect(scores.map((s) => [s.regionCode, s.total, s.rank])).toEqual([
      ['330502', 77, 1],
      ['330521', 77, 1],
      ['330503', 50, 3],
    ]);
    const nanxun = scores[2];
    expect(nanxun?.lines.find((l) => l.code === 'I03')).toMatchObject({ status: 'not_available', points: 0 });
    expect([nanxun?.base, nanxun?.bonus, nanxun?.penalty]).toEqual([47, 5, 2]);
  });

  it('leaves out indicators with weight 0', () => {
    const [only] = scoreRegions(
      indicators,
      { a: 100 },
      DEFAULT_STATUS_POINTS,
      [{ regionCode: '330502', regionName: '吴兴区', statuses: { a: 'on_track' } }],
      [],
    );
    expect(only?.lines.map((l) => l.code)).toEqual(['I01']);
    expect(only?.total).toBe(90);
  });
});
