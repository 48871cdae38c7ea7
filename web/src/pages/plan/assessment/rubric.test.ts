import { describe, expect, it } from 'vitest';
import type { Indicator, Rubric } from '../../../api/plan';
import { cleanWeights, completeStatusPoints, totalWeight, weightRows } from './rubric';

describe('rubric helpers', () => {
  it('adds weights, ignoring blanks', () => {
    expect(totalWeight({ a: 2.5, b: null, c: 0.1, d: 0.2 })).toBe(2.8);
  });

  it('lists every indicator with its weight or 0', () => {
    const indicators = [{ id: 'a' }, { id: 'b' }] as Indicator[]; // only ids are read
    const rubric = { weights: { b: 3 } } as unknown as Rubric; // only weights are read
    expect(weightRows(indicators, rubric).map((row) => row.weight)).toEqual([0, 3]);
  });

  it('keeps only weights that count and fills every status', () => {
    expect(cleanWeights({ a: 0, b: 2, c: null })).toEqual({ b: 2 });
    expect(completeStatusPoints({ on_track: 0.9 })).toEqual({
      target_achieved: 0,
      on_track: 0.9,
      moderate_progress: 0,
      limited_progress: 0,
      deterioration: 0,
      not_available: 0,
    });
  });
});
