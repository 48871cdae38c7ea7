/**
 * API shapes of supervision sampling (监督抽查) and grading (三分), shared by the server
 * (server/modules/inspections/sampling, …/grading) and the web client (web/src/api/sampling.ts).
 */
import type { Verdict } from './conclusion.ts';
import type { EnterpriseGrade, GradeCounts, GradeReason, GradingRule, RegionColour, RiskLevel } from './grading.ts';
import type { RetestRule, RetestWindow } from './retest.ts';

export { VERDICTS } from './conclusion.ts';
export { ENTERPRISE_GRADES, REGION_COLOURS, RISK_LEVELS } from './grading.ts';
export type { EnterpriseGrade, GradeCounts, GradeReason, GradingRule, RegionColour, RetestRule, RetestWindow, RiskLevel, Verdict };
export const RETEST_RULE_CODES = ['product_15d', 'drug_7wd', 'food_7wd'] as const satisfies readonly RetestRule[];

/** draft: being entered; issued: report out, 不合格 awaiting the 复检 window; retest_requested: 复检 under way; final. */
export const SAMPLE_STATUSES = ['draft', 'issued', 'retest_requested', 'final'] as const;
export type SampleStatus = (typeof SAMPLE_STATUSES)[number];

/** How the conclusion became final: 合格 at issue; 不合格 after the window passed without a request; after 复检. */
export const FINAL_VIAS = ['issued', 'window_closed', 'retest'] as const;
export type FinalVia = (typeof FINAL_VIAS)[number];

export const SAMPLE_SORTS = ['sampledOn', 'sampleNo', 'entityName'] as const;
export type SampleSort = (typeof SAMPLE_SORTS)[number];

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

// ---- categories ----

export interface SamplingCategory {
  id: string;
  code: string;
  name: string;
  riskLevel: RiskLevel;
  /** The 表1 indicator this category's pass rate is offered to (e.g. "I02"), or null. */
  planIndicatorCode: string | null;
  basis: string | null;
  /** Which law's 复检 window its samples get (common/sampling/retest.ts). */
  retestRule: RetestRule;
  active: boolean;
  version: number;
  updatedAt: string;
  isDemo: boolean;
}

export interface CategoryInput {
  code: string;
  name: string;
  riskLevel: RiskLevel;
  planIndicatorCode?: string | null;
  basis?: string | null;
  retestRule?: RetestRule;
}

export interface CategoryUpdate {
  name?: string;
  riskLevel?: RiskLevel;
  planIndicatorCode?: string | null;
  basis?: string | null;
  retestRule?: RetestRule;
  active?: boolean;
  /** Why (kept with the new version and in the audit trail). */
  reason: string;
}

export interface CategoryVersion {
  version: number;
  code: string;
  name: string;
  riskLevel: RiskLevel;
  planIndicatorCode: string | null;
  basis: string | null;
  retestRule: RetestRule;
  active: boolean;
  reason: string;
  changedBy: string | null;
  changedAt: string;
}

// ---- plans ----

export interface SamplingPlan {
  id: string;
  year: number;
  categoryId: string;
  categoryName: string;
  regionCode: string;
  regionName: string;
  title: string;
  plannedBatches: number;
  notes: string | null;
  /** Samples entered against the plan, and how many of them are final / final 不合格. */
  sampledBatches: number;
  finalBatches: number;
  failedBatches: number;
  canEdit: boolean;
  isDemo: boolean;
}

export interface PlanInput {
  year: number;
  categoryId: string;
  regionCode: string;
  title: string;
  plannedBatches: number;
  notes?: string | null;
}

export interface PlanUpdate {
  title?: string;
  plannedBatches?: number;
  notes?: string | null;
}

export interface ListPlansInput {
  page: number;
  pageSize: number;
  year?: number;
  regionCode?: string;
  categoryId?: string;
}

// ---- samples ----

export interface TestItemInput {
  name: string;
  method?: string | null;
  standard?: string | null;
  unit?: string | null;
  limitMin?: number | null;
  limitMax?: number | null;
  limitText?: string | null;
  resultValue?: number | null;
  resultText?: string | null;
  /** Needed for text requirements/results; with a numeric limit and value it must agree with the limit. */
  verdict?: Verdict | null;
}

export interface TestItem {
  id: string;
  seq: number;
  name: string;
  method: string | null;
  standard: string | null;
  unit: string | null;
  limitMin: number | null;
  limitMax: number | null;
  limitText: string | null;
  resultValue: number | null;
  resultText: string | null;
  verdict: Verdict | null;
  verdictSource: 'computed' | 'entered' | null;
  retestValue: number | null;
  retestText: string | null;
  retestVerdict: Verdict | null;
}

export interface SampleInput {
  /** 统一社会信用代码 of a registered entity in the caller's region. */
  creditCode: string;
  planId?: string | null;
  categoryId: string;
  productName: string;
  spec?: string | null;
  brand?: string | null;
  batch?: string | null;
  sampledOn: string;
  samplingPlace?: string | null;
  lab?: string | null;
  items: TestItemInput[];
}

export type SampleUpdate = Partial<SampleInput>;

export interface SampleSummary {
  id: string;
  sampleNo: string;
  year: number;
  categoryId: string;
  categoryCode: string;
  categoryName: string;
  /** The category's risk grade when sampled; null for enterprise users (internal). */
  riskLevel: RiskLevel | null;
  entityId: string;
  creditCode: string;
  entityName: string;
  regionCode: string;
  regionName: string;
  countyCode: string | null;
  countyName: string | null;
  productName: string;
  brand: string | null;
  spec: string | null;
  batch: string | null;
  sampledOn: string;
  status: SampleStatus;
  /** The issued conclusion (null while in draft). */
  conclusion: Verdict | null;
  finalConclusion: Verdict | null;
  /** The 复检 window of an issued 不合格 (null when not started or not applicable). */
  retestWindow: RetestWindow | null;
  publishedAt: string | null;
  isDemo: boolean;
}

export interface SampleActions {
  edit: boolean;
  issue: boolean;
  notify: boolean;
  requestRetest: boolean;
  recordRetest: boolean;
  finalize: boolean;
  publish: boolean;
}

export interface SampleDetail extends SampleSummary {
  planId: string | null;
  planTitle: string | null;
  samplingPlace: string | null;
  lab: string | null;
  computedConclusion: Verdict | null;
  overrideConclusion: Verdict | null;
  /** Internal: null for enterprise users. */
  overrideReason: string | null;
  reportNo: string | null;
  reportDate: string | null;
  notifiedOn: string | null;
  retestRule: RetestRule;
  retestRequestedOn: string | null;
  retestNote: string | null;
  retestLab: string | null;
  retestReportNo: string | null;
  retestReportDate: string | null;
  retestConclusion: Verdict | null;
  finalVia: FinalVia | null;
  finalOn: string | null;
  /** 20 working days after the final 不合格 (企业信息公示暂行条例 第六条); null when not applicable or beyond the calendar. */
  publicationDeadline: string | null;
  items: TestItem[];
  createdAt: string;
  actions: SampleActions;
}

export interface ListSamplesInput {
  page: number;
  pageSize: number;
  year?: number;
  regionCode?: string;
  categoryId?: string;
  status?: SampleStatus;
  finalConclusion?: Verdict;
  /** Enterprise name (contains), credit code (prefix), sample number or product name (contains). */
  q?: string;
  sort?: SampleSort;
  order?: 'asc' | 'desc';
}

export interface IssueInput {
  reportNo: string;
  reportDate: string;
  /** The day the enterprise received the result (starts the 复检 window); may follow later. */
  notifiedOn?: string | null;
  /** A conclusion other than the items give, with the reason (audited). */
  override?: { conclusion: Verdict; reason: string } | null;
}

export interface NotifyInput {
  notifiedOn: string;
}

export interface RetestRequestInput {
  /** The day the application was received; enterprises file today (the server's date), officers record a paper application. */
  requestedOn?: string;
  note?: string | null;
}

export interface RetestResultInput {
  lab: string;
  reportNo: string;
  reportDate: string;
  items: { itemId: string; resultValue?: number | null; resultText?: string | null; verdict?: Verdict | null }[];
}

export interface FinalizeDueResult {
  finalized: number;
  sampleIds: string[];
}

// ---- pass rates and the plan ----

export interface PassRateRow {
  regionCode: string;
  regionName: string;
  /** null on a region's all-categories total. */
  categoryId: string | null;
  categoryCode: string | null;
  categoryName: string | null;
  planIndicatorCode: string | null;
  batches: number;
  passed: number;
  failed: number;
  pending: number;
  passRate: number | null;
}

/** The pass rate offered to a 表1 indicator for one region: the categories mapped to it, pooled. */
export interface PlanOffer {
  indicatorCode: string;
  regionCode: string;
  regionName: string;
  categoryNames: string[];
  batches: number;
  passed: number;
  pending: number;
  passRate: number | null;
  /** Whether the caller may draft this region's value (city: any; county: its own). */
  canDraft: boolean;
}

export interface PassRateReport {
  year: number;
  regionCode: string;
  regionName: string;
  rows: PassRateRow[];
  totals: PassRateRow[];
  offers: PlanOffer[];
  isDemo: boolean;
}

export interface PassRateQuery {
  year: number;
  regionCode?: string;
  /** Category code or id. */
  category?: string;
}

export interface PlanDraftInput {
  year: number;
  regionCode: string;
  indicatorCode: string;
  /** Needed when the region already has an approved value for that year (the plan makes a correction). */
  correctionReason?: string;
}

export interface PlanDraftResult {
  valueId: string;
  indicatorCode: string;
  indicatorName: string;
  regionCode: string;
  regionName: string;
  year: number;
  value: number;
  numerator: number | null;
  denominator: number | null;
  /** Always a draft (or an open draft updated): it goes through the plan's submit → approve review. */
  status: string;
  sourceNote: string | null;
}

// ---- public ----

export interface PublicFailure {
  enterpriseName: string;
  countyName: string | null;
  productName: string;
  brand: string | null;
  spec: string | null;
  batch: string | null;
  categoryName: string;
  sampledOn: string;
  failedItems: { name: string; requirement: string | null; result: string | null }[];
  publishedOn: string;
}

export interface ListPublicFailuresInput {
  page: number;
  pageSize: number;
  year?: number;
}

// ---- grading ----

export interface GradedEnterprise {
  entityId: string;
  creditCode: string;
  entityName: string;
  regionCode: string;
  regionName: string;
  countyName: string | null;
  grade: EnterpriseGrade;
  reason: GradeReason;
  batches: number;
  failures: number;
  highRiskFailures: number;
  yearsSampled: number;
  lastSampledOn: string;
}

export interface ListGradedInput {
  page: number;
  pageSize: number;
  year?: number;
  regionCode?: string;
  grade?: EnterpriseGrade;
}

export interface RegionGrade {
  regionCode: string;
  regionName: string;
  level: 'city' | 'county' | 'township';
  counts: GradeCounts;
  graded: number;
  cShare: number | null;
  colour: RegionColour | null;
  children: RegionGrade[];
}

export interface GradingRuleVersion {
  version: number;
  params: GradingRule;
  reason: string;
  createdBy: string | null;
  createdAt: string;
}

export interface RegionGrading {
  year: number;
  window: { fromYear: number; toYear: number };
  rule: GradingRuleVersion;
  /** The caller's region (or the one asked for), with its counties and their townships below. */
  root: RegionGrade;
  isDemo: boolean;
}

export interface GradingRuleInput {
  params: GradingRule;
  reason: string;
}
