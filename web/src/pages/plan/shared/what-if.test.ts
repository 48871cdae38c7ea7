import { describe, expect, it } from 'vitest';
import type { Indicator, IndicatorProgress, ProgressStatus } from '../../../api/plan';
import { buildMeasureInput, findRequiredValue, searchStart, searchTarget } from './what-if';

/** A fake measure: on track from `threshold` on (direction 1) or up to it (direction −1). */
function thresholdMeasure(threshold: number, direction: 1 | -1) {
  const seen: number[] = [];
  const measure = async (value: number): Promise<ProgressStatus> => {
    seen.push(value);
    return direction * (value - threshold) >= 0 ? 'on_track' : 'moderate_progress';
  };
  return { measure, seen };
}

describe('findRequiredValue', () => {
  it('finds the least value that is on track, rounded up to the step', async () => {
    const { measure } = thresholdMeasure(96.23, 1);
    const found = await findRequiredValue(measure, { direction: 1, start: 95, target: 98, step: 0.1, worst: 0 });
    expect(found).toMatchObject({ value: 96.3, alwaysGood: false });
    expect(found?.calls).toBeLessThan(12);
  });

  it('handles lower-is-better indicators, rounding down', async () => {
    const { measure } = thresholdMeasure(27.46, -1);
    const found = await findRequiredValue(measure, { direction: -1, start: 30, target: 25, step: 0.1, worst: null });
    expect(found?.value).toBe(27.4);
  });

  it('looks the other way when the start is already on track', async () => {
    const { measure } = thresholdMeasure(90, 1);
    const found = await findRequiredValue(measure, { direction: 1, start: 95, target: 98, step: 1, worst: 0 });
    expect(found).toMatchObject({ value: 90, alwaysGood: false });
  });

  it('reports always on track when even the worst allowed value is', async () => {
    const { measure } = thresholdMeasure(-5, 1);
    expect(await findRequiredValue(measure, { direction: 1, start: 10, target: 20, step: 1, worst: 0 })).toMatchObject({ value: 0, alwaysGood: true });
  });

  it('goes past the target when the target itself is not enough, and gives up within the call budget', async () => {
    const { measure } = thresholdMeasure(130, 1);
    expect((await findRequiredValue(measure, { direction: 1, start: 0, target: 100, step: 1, worst: 0 }))?.value).toBe(130);
    const never = async (): Promise<ProgressStatus> => 'deterioration';
    expect(await findRequiredValue(never, { direction: 1, start: 0, target: 10, step: 1, worst: 0, maxCalls: 8 })).toBeNull();
  });
});

describe('measure inputs', () => {
  const indicator = { accumulation: 'increment', direction: 'higher_is_better', limit: null, targetYear: 2025 } as Pick<
    Indicator,
    'accumulation' | 'direction' | 'limit' | 'targetYear'
  > as Indicator; // only the fields the builder reads
  const progress = { baseYear: 2020, baseValue: 0, currentValue: 120, targetValue: 200 } as Pick<
    IndicatorProgress,
    'baseYear' | 'baseValue' | 'currentValue' | 'targetValue'
  > as IndicatorProgress; // only the fields the builder reads

  it('adds a 新增 value to the plan-to-date sum', () => {
    expect(buildMeasureInput(indicator, progress, 2025, 30)).toMatchObject({ currentYear: 2025, currentValue: 150, target: 200, accumulation: 'increment' });
    expect(searchStart(indicator, progress)).toBe(0);
    expect(searchTarget(indicator, progress)).toBe(80);
  });

  it('takes a level value as it is', () => {
    const level = { ...indicator, accumulation: 'level' as const };
    expect(buildMeasureInput(level, progress, 2025, 97).currentValue).toBe(97);
    expect(searchStart(level, progress)).toBe(120);
    expect(searchTarget(level, progress)).toBe(200);
  });
});
