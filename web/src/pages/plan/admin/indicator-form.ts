/**
 * An indicator definition as a form (规划管理): form values from an indicator or fresh defaults, the
 * create body, the PATCH holding only what changed, and server errors placed on the form's fields.
 */
import type { ApiError } from '../../../api/client';
import type { Accumulation, Indicator, IndicatorDirection, IndicatorInput, Plan, RegionRollup, UpdateIndicatorInput } from '../../../api/plan';
import { normaliseField } from '../../../lib/form-errors';

export type TargetKind = 'value' | 'text';

export interface IndicatorFormValues {
  code: string;
  seq: number | null;
  category: string;
  subCategory?: string | null;
  name: string;
  unit: string;
  /** a numeric target (目标值) or a text one such as 达到省指标 (目标说明) */
  targetKind: TargetKind;
  targetValue?: number | null;
  targetText?: string | null;
  targetYear: number | null;
  direction: IndicatorDirection;
  accumulation: Accumulation;
  regionRollup: RegionRollup;
  baselineValue?: number | null;
  baselineSource?: string | null;
  leadUnit?: string | null;
  valueMin?: number | null;
  valueMax?: number | null;
  /** percent in the form (50 = ±50 %); the API keeps a fraction (0.5) */
  yoyBand: number | null;
  limit?: number | null;
  decimals: number | null;
  note?: string | null;
  /** district/county code → responsible unit (责任单位) */
  responsibleUnits?: Record<string, string | null | undefined>;
}

/** Same pattern as the server's indicator code (createIndicatorBody). */
export const INDICATOR_CODE_PATTERN = /^[A-Za-z0-9_-]{1,16}$/;
export const DEFAULT_YOY_PERCENT = 50;
export const DEFAULT_DECIMALS = 2;

/** Six significant decimals: 0.15 × 100 is 15.000000000000002 in binary floating point. */
const round6 = (value: number) => Math.round(value * 1e6) / 1e6;
export const bandToPercent = (band: number) => round6(band * 100);
export const percentToBand = (percent: number) => round6(percent / 100);

function textOrNull(value: string | null | undefined): string | null {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}

function numberOrNull(value: number | null | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

export function indicatorToForm(indicator: Indicator): IndicatorFormValues {
  const numeric = 'value' in indicator.target;
  return {
    code: indicator.code,
    seq: indicator.seq,
    category: indicator.category,
    subCategory: indicator.subCategory,
    name: indicator.name,
    unit: indicator.unit,
    targetKind: numeric ? 'value' : 'text',
    targetValue: 'value' in indicator.target ? indicator.target.value : null,
    targetText: 'text' in indicator.target ? indicator.target.text : null,
    targetYear: indicator.targetYear,
    direction: indicator.direction,
    accumulation: indicator.accumulation,
    regionRollup: indicator.regionRollup,
    baselineValue: indicator.baseline.value,
    baselineSource: indicator.baseline.source,
    leadUnit: indicator.leadUnit,
    valueMin: indicator.valueMin,
    valueMax: indicator.valueMax,
    yoyBand: bandToPercent(indicator.yoyBand),
    limit: indicator.limit,
    decimals: indicator.decimals,
    note: indicator.note,
    responsibleUnits: { ...indicator.responsibleUnits },
  };
}

/** The code after the plan's existing ones when they share a prefix (I44 → I45), else I + sequence. */
export function nextIndicatorCode(codes: readonly string[], seq: number): string {
  const parsed = codes.map((code) => /^([A-Za-z]+)(\d+)$/.exec(code));
  const first = parsed[0];
  if (first && parsed.every((match) => match && match[1] === first[1])) {
    const prefix = first[1] ?? 'I';
    const width = Math.max(...parsed.map((match) => match?.[2]?.length ?? 0));
    const next = Math.max(...parsed.map((match) => Number(match?.[2] ?? 0))) + 1;
    return `${prefix}${String(next).padStart(width, '0')}`;
  }
  return `I${String(seq).padStart(2, '0')}`;
}

/** A new indicator: next sequence and code, the last indicator's category, the plan's end year as target year. */
export function newIndicatorForm(plan: Pick<Plan, 'endYear'>, siblings: readonly Indicator[]): IndicatorFormValues {
  const last = [...siblings].sort((a, b) => a.seq - b.seq).at(-1);
  const seq = (last?.seq ?? 0) + 1;
  return {
    code: nextIndicatorCode(
      siblings.map((indicator) => indicator.code),
      seq,
    ),
    seq,
    category: last?.category ?? '',
    subCategory: last?.subCategory ?? null,
    name: '',
    unit: '',
    targetKind: 'value',
    targetYear: plan.endYear,
    direction: 'higher_is_better',
    accumulation: 'level',
    regionRollup: 'none',
    yoyBand: DEFAULT_YOY_PERCENT,
    decimals: DEFAULT_DECIMALS,
    responsibleUnits: {},
  };
}

/** The create body (POST /plans/:planId/indicators); the form's rules have made the required fields present. */
export function formToInput(values: IndicatorFormValues): IndicatorInput {
  const numeric = values.targetKind === 'value';
  const input: IndicatorInput = {
    code: values.code.trim(),
    seq: values.seq ?? 0,
    category: values.category.trim(),
    subCategory: textOrNull(values.subCategory),
    name: values.name.trim(),
    unit: values.unit.trim(),
    targetValue: numeric ? numberOrNull(values.targetValue) : null,
    targetText: numeric ? null : textOrNull(values.targetText),
    targetYear: values.targetYear ?? 0,
    direction: values.direction,
    accumulation: values.accumulation,
    regionRollup: values.regionRollup,
    baselineValue: numberOrNull(values.baselineValue),
    baselineSource: textOrNull(values.baselineSource),
    leadUnit: textOrNull(values.leadUnit),
    valueMin: numberOrNull(values.valueMin),
    valueMax: numberOrNull(values.valueMax),
    limit: numberOrNull(values.limit),
    note: textOrNull(values.note),
  };
  if (values.yoyBand !== null && values.yoyBand !== undefined) input.yoyBand = percentToBand(values.yoyBand);
  if (values.decimals !== null && values.decimals !== undefined) input.decimals = values.decimals;
  return input;
}

/** Responsible units as the API takes them, blanks left out (a new indicator has none to remove). */
export function filledUnits(values: Pick<IndicatorFormValues, 'responsibleUnits'>, countyCodes: readonly string[]): Record<string, string> {
  const units: Record<string, string> = {};
  for (const code of countyCodes) {
    const unit = textOrNull(values.responsibleUnits?.[code]);
    if (unit !== null) units[code] = unit;
  }
  return units;
}

type PatchKey = Exclude<keyof IndicatorInput, 'targetValue' | 'targetText'>;
const PATCH_KEYS: readonly PatchKey[] = [
  'code',
  'seq',
  'category',
  'subCategory',
  'name',
  'unit',
  'targetYear',
  'direction',
  'accumulation',
  'regionRollup',
  'baselineValue',
  'baselineSource',
  'leadUnit',
  'valueMin',
  'valueMax',
  'yoyBand',
  'limit',
  'decimals',
  'note',
];

/**
 * The PATCH for an edited indicator: only changed fields, so the audit trail shows what was edited. A
 * changed target sends both targetValue and targetText (switching kind clears the other); a responsible
 * unit emptied is sent as "" (the server removes it). Empty when nothing changed.
 */
export function indicatorPatch(before: Indicator, values: IndicatorFormValues, countyCodes: readonly string[]): UpdateIndicatorInput {
  const prev = formToInput(indicatorToForm(before));
  const next = formToInput(values);
  const patch: UpdateIndicatorInput = {};
  const put = <K extends PatchKey>(key: K) => {
    if (next[key] !== undefined && next[key] !== prev[key]) patch[key] = next[key];
  };
  for (const key of PATCH_KEYS) put(key);
  if (next.targetValue !== prev.targetValue || next.targetText !== prev.targetText) {
    patch.targetValue = next.targetValue ?? null;
    patch.targetText = next.targetText ?? null;
  }
  const units: Record<string, string> = {};
  for (const code of countyCodes) {
    const was = before.responsibleUnits[code] ?? '';
    const now = textOrNull(values.responsibleUnits?.[code]) ?? '';
    if (was !== now) units[code] = now;
  }
  if (Object.keys(units).length > 0) patch.responsibleUnits = units;
  return patch;
}

export const INDICATOR_FORM_FIELDS = [
  'code',
  'seq',
  'category',
  'subCategory',
  'name',
  'unit',
  'targetValue',
  'targetText',
  'targetYear',
  'direction',
  'accumulation',
  'regionRollup',
  'baselineValue',
  'baselineSource',
  'leadUnit',
  'valueMin',
  'valueMax',
  'yoyBand',
  'limit',
  'decimals',
  'note',
] as const;

export type IndicatorFormField = (typeof INDICATOR_FORM_FIELDS)[number];

export interface FormFieldError {
  name: IndicatorFormField | ['responsibleUnits', string];
  errors: string[];
}

/**
 * Server errors on the form's fields: validation details by field ("body.valueMax",
 * "body.responsibleUnits.330502"), and the duplicate code/sequence conflict (409) on 编码 and 序号.
 * Empty: show the error's message instead.
 */
export function indicatorFieldErrors(error: ApiError, localise: (text: string) => string = (text) => text): FormFieldError[] {
  if (error.code === 'PLAN_INDICATOR_DUPLICATE') {
    const text = localise(error.message);
    return [
      { name: 'code', errors: [text] },
      { name: 'seq', errors: [text] },
    ];
  }
  const byField = new Map<string, FormFieldError>();
  for (const detail of error.details) {
    if (!detail.field) continue;
    const parts = detail.field.split(/[./]/).filter((part) => part.length > 0);
    const unitAt = parts.indexOf('responsibleUnits');
    const county = unitAt >= 0 ? parts[unitAt + 1] : undefined;
    const field = INDICATOR_FORM_FIELDS.find((candidate) => candidate === normaliseField(detail.field ?? ''));
    let name: FormFieldError['name'] | null = null;
    if (county !== undefined) name = ['responsibleUnits', county];
    else if (field !== undefined) name = field;
    if (name === null) continue;
    const key = Array.isArray(name) ? name.join('.') : name;
    const entry = byField.get(key) ?? { name, errors: [] };
    entry.errors.push(localise(detail.message ?? detail.rule ?? error.message));
    byField.set(key, entry);
  }
  return [...byField.values()];
}

/** A target year outside the plan period usually means a row copied from the previous plan and not yet updated. */
export function targetYearOutsidePlan(indicator: Pick<Indicator, 'targetYear'>, plan: Pick<Plan, 'startYear' | 'endYear'>): boolean {
  return indicator.targetYear < plan.startYear || indicator.targetYear > plan.endYear;
}

/** How many of the districts/counties have a responsible unit. */
export function unitsFilled(indicator: Pick<Indicator, 'responsibleUnits'>, countyCodes: readonly string[]): number {
  return countyCodes.filter((code) => (indicator.responsibleUnits[code] ?? '').trim() !== '').length;
}
