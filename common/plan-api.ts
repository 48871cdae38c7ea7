/**
 * Plan module API shapes (表1 indicators, yearly values, progress, evaluations, assessment, key projects),
 * shared by the server (its JSON schemas mirror these) and the web client.
 */

import type { Accumulation, Direction, ProgressStatus } from './progress/core.ts';

// The progress vocabulary (statuses, direction, accumulation, the calculator input) lives with the engine.
export { ACCUMULATIONS, type Accumulation, type Direction, type MeasureInput, PROGRESS_STATUSES, type ProgressStatus } from './progress/core.ts';

export const INDICATOR_DIRECTIONS = ['higher_is_better', 'lower_is_better'] as const;
/** Which way is better (PM2.5 is lower_is_better); the progress engine takes it as d = +1 / −1. */
export type IndicatorDirection = (typeof INDICATOR_DIRECTIONS)[number];

/** d of the progress measure for an indicator's direction. */
export function directionSign(direction: IndicatorDirection): Direction {
  return direction === 'lower_is_better' ? -1 : 1;
}

/** An indicator's direction from d (+1 / −1). */
export function directionOf(sign: number): IndicatorDirection {
  return sign === -1 ? 'lower_is_better' : 'higher_is_better';
}

export const REGION_ROLLUPS = ['sum', 'none'] as const;
/** sum: county values add up to the city value (counts); none: rates, the city value is entered, never summed. */
export type RegionRollup = (typeof REGION_ROLLUPS)[number];

export const VALUE_STATUSES = ['draft', 'submitted', 'returned', 'approved', 'superseded'] as const;
/** draft → submitted → approved (published, locked) | returned (with a reason) → submitted …; a correction is a new version. */
export type ValueStatus = (typeof VALUE_STATUSES)[number];

export const VALUE_PERIODS = ['Y', 'Q1', 'Q2', 'Q3', 'Q4'] as const;
export type ValuePeriod = (typeof VALUE_PERIODS)[number];

export const EVALUATION_KINDS = ['annual', 'midterm', 'final'] as const;
export type EvaluationKind = (typeof EVALUATION_KINDS)[number];

export const PROJECT_KINDS = ['reform', 'project', 'platform', 'policy'] as const;
/** 重大改革 / 重大工程 / 重大平台 / 重大政策 (附件). */
export type ProjectKind = (typeof PROJECT_KINDS)[number];

export const PROJECT_STATUSES = ['not_started', 'in_progress', 'completed', 'delayed'] as const;
/** 未启动 / 推进中 / 已完成 / 滞后 */
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

/** A target is a number, or a text such as "达到省指标" resolved against a reference series (the provincial value per year). */
export type Target = { value: number } | { text: string };

export interface Plan {
  id: string;
  code: string;
  name: string;
  baseYear: number;
  startYear: number;
  endYear: number;
  status: 'draft' | 'active' | 'closed';
  sourceNote: string | null;
  indicatorCount: number;
}

export interface Baseline {
  year: number;
  value: number | null;
  /** where the baseline comes from (e.g. the plan's review of 2016–2020) */
  source: string | null;
}

export interface Indicator {
  id: string;
  planId: string;
  /** stable code within the plan: I01…I44 in 表1 order */
  code: string;
  seq: number;
  category: string;
  subCategory: string | null;
  name: string;
  unit: string;
  target: Target;
  targetYear: number;
  direction: IndicatorDirection;
  accumulation: Accumulation;
  regionRollup: RegionRollup;
  baseline: Baseline;
  leadUnit: string | null;
  /** responsible unit per district/county (region code → unit) */
  responsibleUnits: Record<string, string>;
  /** plausibility range; rates are 0–100 */
  valueMin: number | null;
  valueMax: number | null;
  /** a year-on-year relative change beyond this band warns (0.5 = ±50 %) */
  yoyBand: number;
  /** natural limit for the no-target method (100 for percentages) */
  limit: number | null;
  decimals: number;
  note: string | null;
}

export interface IndicatorInput {
  code: string;
  seq: number;
  category: string;
  subCategory?: string | null;
  name: string;
  unit: string;
  targetValue?: number | null;
  targetText?: string | null;
  targetYear: number;
  direction: IndicatorDirection;
  accumulation: Accumulation;
  regionRollup: RegionRollup;
  baselineValue?: number | null;
  baselineSource?: string | null;
  leadUnit?: string | null;
  valueMin?: number | null;
  valueMax?: number | null;
  yoyBand?: number;
  limit?: number | null;
  decimals?: number;
  note?: string | null;
}

export interface ValueWarning {
  rule: 'range' | 'yoy_change' | 'county_sum_exceeds_city' | 'numerator_denominator';
  message: string;
}

export interface IndicatorValue {
  id: string;
  indicatorId: string;
  indicatorCode: string;
  indicatorName: string;
  unit: string;
  regionCode: string;
  regionName: string;
  year: number;
  period: ValuePeriod;
  version: number;
  value: number;
  numerator: number | null;
  denominator: number | null;
  sourceNote: string | null;
  attachment: { id: string; fileName: string; sizeBytes: number } | null;
  status: ValueStatus;
  /** why a correction (version > 1) was made */
  correctionReason: string | null;
  /** why the reviewer returned it */
  returnReason: string | null;
  warnings: ValueWarning[];
  createdBy: string | null;
  createdAt: string;
  submittedAt: string | null;
  reviewedBy: string | null;
  reviewedAt: string | null;
  isDemo: boolean;
}

export interface SaveValueInput {
  indicatorId: string;
  regionCode: string;
  year: number;
  period?: ValuePeriod;
  value: number;
  numerator?: number | null;
  denominator?: number | null;
  sourceNote?: string | null;
  attachmentId?: string | null;
  /** required when the cell already has an approved value (a correction) */
  correctionReason?: string;
}

export interface ListValuesInput {
  page: number;
  pageSize: number;
  year?: number;
  regionCode?: string;
  status?: ValueStatus;
  indicatorId?: string;
  sort?: 'updated_desc' | 'indicator' | 'region';
}

export interface ImportCellError {
  /** 1-based spreadsheet row */
  row: number;
  /** spreadsheet column letter */
  column: string;
  /** A1 reference, e.g. "E7" */
  cell: string;
  field: string;
  rule: string;
  message: string;
}

export interface ImportReport {
  mode: 'all_or_nothing' | 'valid_only';
  rowsRead: number;
  rowsValid: number;
  rowsImported: number;
  errors: ImportCellError[];
  warnings: { row: number; message: string }[];
}

export interface ProgressResult {
  progressValue: number | null;
  score: number | null;
  status: ProgressStatus;
  method: string;
  methodVersion: string;
  notes: string[];
  /** ESCAP current-status share (x_t − x_0)/(x* − x_0) */
  currentStatusShare: number | null;
  /** the method's intermediate numbers (CAGR_o, CAGR_r, expected-to-date …) */
  components?: Record<string, number | null>;
  forecast: { year: number; value: number } | null;
}

/** Progress of one indicator in one region as of a year. */
export interface IndicatorProgress {
  indicatorId: string;
  indicatorCode: string;
  regionCode: string;
  year: number;
  /** the value the measure uses: latest level / plan-to-date sum (increment) / latest running total */
  currentValue: number | null;
  currentYear: number | null;
  baseValue: number | null;
  baseYear: number;
  /** the numeric target used (resolved from the reference series for text targets; the county's share for summed counts) */
  targetValue: number | null;
  targetSource: 'plan' | 'reference' | 'region_target' | 'none';
  /** true when the city value was summed from the counties' approved values */
  summedFromCounties: boolean;
  series: { year: number; value: number }[];
  progress: ProgressResult;
}

/** One row of an indicator's progress history: written whenever its result for a region changes. */
export interface ProgressLogEntry {
  id: number;
  regionCode: string;
  regionName: string;
  dataYear: number;
  status: ProgressStatus;
  progressValue: number | null;
  score: number | null;
  currentValue: number | null;
  targetValue: number | null;
  method: string;
  methodVersion: string;
  cause: string;
  computedAt: string;
}

export interface PlanDashboard {
  planId: string;
  year: number;
  regionCode: string;
  statusCounts: { category: string; counts: Record<ProgressStatus, number> }[];
  /** region × indicator statuses (city + 5 districts/counties) */
  heatmap: { regionCode: string; regionName: string; statuses: Record<string, ProgressStatus> }[];
  indicators: IndicatorProgress[];
  pendingReview: number;
  overdueMilestones: number;
  demo: boolean;
}

export interface EvaluationIndicatorRow {
  indicatorId: string;
  code: string;
  category: string;
  subCategory: string | null;
  name: string;
  unit: string;
  target: Target;
  targetValue: number | null;
  baseline: number | null;
  latestValue: number | null;
  latestYear: number | null;
  series: { year: number; value: number }[];
  status: ProgressStatus;
  progressValue: number | null;
  score: number | null;
  currentStatusShare: number | null;
  forecast: number | null;
  method: string;
  leadUnit: string | null;
  /** statuses of the districts/counties */
  regions: { regionCode: string; regionName: string; latestValue: number | null; status: ProgressStatus }[];
}

export interface EvaluationSnapshot {
  planName: string;
  kind: EvaluationKind;
  dataYear: number;
  asOf: string;
  methodVersion: string;
  frozenAt: string;
  categories: { category: string; counts: Record<ProgressStatus, number> }[];
  rows: EvaluationIndicatorRow[];
  lagging: { code: string; name: string; status: ProgressStatus; leadUnit: string | null }[];
}

export interface Evaluation {
  id: string;
  planId: string;
  kind: EvaluationKind;
  dataYear: number;
  asOf: string;
  title: string;
  narrative: string;
  status: 'draft' | 'frozen';
  createdBy: string | null;
  createdAt: string;
  frozenAt: string | null;
  /** the frozen snapshot; for a draft, the live preview */
  snapshot: EvaluationSnapshot;
}

export interface Rubric {
  id: string;
  planId: string;
  year: number;
  version: number;
  /** indicator id → weight (points the indicator is worth) */
  weights: Record<string, number>;
  /** share of an indicator's weight earned per status, 0–1 */
  statusPoints: Record<ProgressStatus, number>;
  note: string | null;
  createdAt: string;
}

export interface AssessmentAdjustment {
  id: string;
  regionCode: string;
  kind: 'bonus' | 'penalty';
  points: number;
  reason: string;
  createdAt: string;
}

export interface ScoreLine {
  indicatorId: string;
  code: string;
  name: string;
  weight: number;
  status: ProgressStatus;
  share: number;
  points: number;
}

export interface RegionScore {
  regionCode: string;
  regionName: string;
  rank: number;
  base: number;
  bonus: number;
  penalty: number;
  total: number;
  lines: ScoreLine[];
  adjustments: AssessmentAdjustment[];
}

export interface AssessmentResult {
  planId: string;
  year: number;
  rubric: Rubric;
  regions: RegionScore[];
  methodVersion: string;
}

export interface Milestone {
  id: string;
  title: string;
  dueDate: string;
  completedAt: string | null;
  overdue: boolean;
}

export interface ProjectUpdate {
  id: string;
  content: string;
  statusAfter: ProjectStatus | null;
  attachment: { id: string; fileName: string; sizeBytes: number } | null;
  createdBy: string | null;
  createdAt: string;
}

export interface KeyProject {
  id: string;
  planId: string;
  kind: ProjectKind;
  seq: number;
  name: string;
  description: string;
  leadUnit: string | null;
  status: ProjectStatus;
  overdueMilestones: number;
  nextDue: string | null;
  milestones?: Milestone[];
  updates?: ProjectUpdate[];
}

export interface PublicIndicator {
  code: string;
  category: string;
  subCategory: string | null;
  name: string;
  unit: string;
  target: Target;
  latestValue: number | null;
  latestYear: number | null;
  status: ProgressStatus;
}
