import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../api/client';
import type { Plan } from '../../../api/plan';
import { fiveYearOrdinal, movePeriod, PLAN_CODE_PATTERN, periodProblem, planFieldErrors, planFormToInput, suggestNextPlan } from './plan-form';

const CURRENT: Plan = {
  id: 'p1',
  code: 'huzhou-quality-2021-2025',
  name: '湖州市质量发展“十四五”规划（2021～2025年）',
  baseYear: 2020,
  startYear: 2021,
  endYear: 2025,
  status: 'active',
  sourceNote: null,
  indicatorCount: 44,
};

describe('plan form', () => {
  it('names the five-year plan of a period', () => {
    expect(fiveYearOrdinal(2021)).toBe('十四');
    expect(fiveYearOrdinal(2026)).toBe('十五');
    expect(fiveYearOrdinal(1981)).toBe('六');
    expect(fiveYearOrdinal(2024)).toBeNull();
  });

  it('suggests the period after the latest plan, moving years and the ordinal in its code and name', () => {
    expect(suggestNextPlan([CURRENT])).toEqual({
      code: 'huzhou-quality-2026-2030',
      name: '湖州市质量发展“十五五”规划（2026～2030年）',
      baseYear: 2025,
      startYear: 2026,
      endYear: 2030,
      sourceNote: null,
    });
    expect(movePeriod('quality-plan', CURRENT, { startYear: 2026, endYear: 2030 })).toBeNull();
    expect(suggestNextPlan([])).toEqual({ code: '', name: '', baseYear: null, startYear: null, endYear: null });
  });

  it('checks the code and the period as the server does', () => {
    expect(PLAN_CODE_PATTERN.test('huzhou-quality-2026-2030')).toBe(true);
    expect(PLAN_CODE_PATTERN.test('Huzhou')).toBe(false);
    expect(PLAN_CODE_PATTERN.test('ab')).toBe(false);
    expect(PLAN_CODE_PATTERN.test('-abc')).toBe(false);
    expect(periodProblem({ baseYear: 2025, startYear: 2026, endYear: 2030 })).toBeNull();
    expect(periodProblem({ baseYear: 2026, startYear: 2026, endYear: 2030 })?.field).toBe('startYear');
    expect(periodProblem({ baseYear: 2025, startYear: 2031, endYear: 2030 })?.field).toBe('endYear');
    expect(periodProblem({ baseYear: null, startYear: 2026, endYear: 2030 })).toBeNull();
  });

  it('trims the body and leaves out an empty source note', () => {
    expect(planFormToInput({ code: ' x-2026 ', name: ' 规划 ', baseYear: 2025, startYear: 2026, endYear: 2030, sourceNote: '  ' })).toEqual({
      code: 'x-2026',
      name: '规划',
      baseYear: 2025,
      startYear: 2026,
      endYear: 2030,
    });
  });

  it('puts server errors on the plan form, a taken code on 规划编码', () => {
    const taken = new ApiError({ code: 'PLAN_CODE_TAKEN', message: '规划编码已存在 / exists', status: 409, requestId: null, details: [] });
    expect(planFieldErrors(taken)).toEqual([{ name: 'code', errors: ['规划编码已存在 / exists'] }]);
    const period = new ApiError({
      code: 'VALIDATION_FAILED',
      message: 'invalid',
      status: 400,
      requestId: null,
      details: [{ field: 'body.startYear', rule: 'period', message: '须满足 基期年 < 起始年 ≤ 结束年' }],
    });
    expect(planFieldErrors(period)).toEqual([{ name: 'startYear', errors: ['须满足 基期年 < 起始年 ≤ 结束年'] }]);
  });
});
