/** A new plan (新建规划): suggested values following the latest plan, the period rule, and server errors on fields. */
import type { ApiError } from '../../../api/client';
import type { CreatePlanInput, Plan } from '../../../api/plan';
import { fieldErrorsFrom } from '../../../lib/form-errors';

/** Same pattern as the server's plan code (createPlanBody): lowercase letters, digits and hyphens, 3–64 long. */
export const PLAN_CODE_PATTERN = /^[a-z0-9][a-z0-9-]{2,63}$/;

export const PLAN_FORM_FIELDS = ['code', 'name', 'baseYear', 'startYear', 'endYear', 'sourceNote'] as const;
export type PlanFormField = (typeof PLAN_FORM_FIELDS)[number];

export interface PlanFormValues {
  code: string;
  name: string;
  baseYear: number | null;
  startYear: number | null;
  endYear: number | null;
  sourceNote?: string | null;
}

const DIGITS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/**
 * The ordinal of the national five-year plan a period starting in `startYear` belongs to, in Chinese
 * (2021 → 十四, 2026 → 十五); null for a start year off the five-year rhythm (the 6th plan began in 1981).
 */
export function fiveYearOrdinal(startYear: number): string | null {
  if (startYear < 1981 || (startYear - 1981) % 5 !== 0) return null;
  const n = (startYear - 1981) / 5 + 6;
  if (n < 10) return DIGITS[n] ?? null;
  if (n >= 20) return null;
  return `十${DIGITS[n - 10] ?? ''}`;
}

/** The plan's years (and 十四五 → 十五五) moved to the next period in a code or name; null when nothing in it names the period. */
export function movePeriod(text: string, from: Pick<Plan, 'startYear' | 'endYear'>, to: { startYear: number; endYear: number }): string | null {
  const years = new Map([
    [String(from.startYear), String(to.startYear)],
    [String(from.endYear), String(to.endYear)],
  ]);
  let moved = text.replace(/\d{4}/g, (year) => years.get(year) ?? year);
  const oldOrdinal = fiveYearOrdinal(from.startYear);
  const newOrdinal = fiveYearOrdinal(to.startYear);
  if (oldOrdinal && newOrdinal) moved = moved.replaceAll(`${oldOrdinal}五`, `${newOrdinal}五`);
  return moved === text ? null : moved;
}

/** The next plan after the latest one: same length, starting the year after it ends, its base year the year before. */
export function suggestNextPlan(plans: readonly Plan[]): PlanFormValues {
  const latest = [...plans].sort((a, b) => b.endYear - a.endYear)[0];
  if (!latest) return { code: '', name: '', baseYear: null, startYear: null, endYear: null };
  const startYear = latest.endYear + 1;
  const endYear = startYear + (latest.endYear - latest.startYear);
  const to = { startYear, endYear };
  return {
    code: movePeriod(latest.code, latest, to) ?? '',
    name: movePeriod(latest.name, latest, to) ?? '',
    baseYear: startYear - 1,
    startYear,
    endYear,
    sourceNote: null,
  };
}

/** The server's rule, checked before sending: base year < start year ≤ end year. */
export function periodProblem(values: Pick<PlanFormValues, 'baseYear' | 'startYear' | 'endYear'>): { field: 'startYear' | 'endYear'; message: string } | null {
  const { baseYear, startYear, endYear } = values;
  if (baseYear === null || startYear === null || endYear === null) return null;
  if (baseYear >= startYear) return { field: 'startYear', message: '起始年须晚于基期年' };
  if (startYear > endYear) return { field: 'endYear', message: '结束年不能早于起始年' };
  return null;
}

export function planFormToInput(values: PlanFormValues): CreatePlanInput {
  const note = values.sourceNote?.trim() ?? '';
  return {
    code: values.code.trim(),
    name: values.name.trim(),
    baseYear: values.baseYear ?? 0,
    startYear: values.startYear ?? 0,
    endYear: values.endYear ?? 0,
    ...(note ? { sourceNote: note } : {}),
  };
}

/** Server errors on the plan form: validation details by field, and a code already in use (409) on 规划编码. */
export function planFieldErrors(error: ApiError, localise: (text: string) => string = (text) => text) {
  if (error.code === 'PLAN_CODE_TAKEN') return [{ name: 'code' as PlanFormField, errors: [localise(error.message)] }];
  return fieldErrorsFrom(error, PLAN_FORM_FIELDS, localise);
}
