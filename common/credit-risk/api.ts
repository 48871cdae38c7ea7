/**
 * API shapes of the credit-risk classes (server/modules/entities/credit, docs/api-entities.md
 * "Credit-risk classes"). Internal to regulators: no enterprise or public route returns any of these.
 */
import type { CreditClass, CreditFactor, CreditModelSpec } from './model.ts';
import type { FactorValue } from './score.ts';

export const CREDIT_CLASS_SORTS = ['score', 'class', 'name', 'creditCode', 'region'] as const;
export type CreditClassSort = (typeof CREDIT_CLASS_SORTS)[number];

export interface ListCreditClassesInput {
  page: number;
  pageSize: number;
  /** 'YYYY-MM'; defaults to the newest period computed. */
  period?: string;
  /** Region subtree (the region switcher, or the page's region filter). */
  regionCode?: string;
  /** The effective class (adjustment applied). */
  class?: CreditClass;
  /** Name contains, or credit code starts with. */
  q?: string;
  /** Only entities whose class was adjusted by hand. */
  adjusted?: boolean;
  sort?: CreditClassSort;
  order?: 'asc' | 'desc';
}

export type CreditClassCounts = Record<CreditClass, number>;

export interface CreditFactorLine {
  factor: CreditFactor;
  value: FactorValue;
  points: number;
}

export interface CreditClassItem {
  entityId: string;
  creditCode: string;
  name: string;
  regionCode: string;
  regionName: string;
  countyName: string | null;
  /** The effective class: the newest manual adjustment, else the computed one. */
  class: CreditClass;
  computedClass: CreditClass;
  adjusted: boolean;
  score: number;
  /** Factors that moved the score, largest first. */
  mainFactors: CreditFactorLine[];
  modelVersion: number;
  isDemo: boolean;
}

export interface CreditRegionCounts {
  regionCode: string;
  regionName: string;
  counts: CreditClassCounts;
}

export interface CreditRunInfo {
  period: string;
  modelVersion: number;
  asOf: string;
  entities: number;
  finishedAt: string;
  runBy: string | null;
}

export interface CreditClassList {
  /** The period shown; null when nothing has been computed yet. */
  period: string | null;
  /** Periods with results, newest first. */
  periods: string[];
  /** Effective classes in the region (every class filter aside). */
  counts: CreditClassCounts;
  /** The same per district/county (city scope) or township (county scope). */
  byRegion: CreditRegionCounts[];
  /** The newest run of the period. */
  run: CreditRunInfo | null;
  items: CreditClassItem[];
  total: number;
  page: number;
  pageSize: number;
  canAdjust: boolean;
  canRecompute: boolean;
}

export interface CreditAdjustment {
  id: number;
  period: string;
  fromClass: CreditClass;
  toClass: CreditClass;
  reason: string;
  adjustedBy: string | null;
  adjustedAt: string;
}

export interface CreditClassRecord {
  period: string;
  class: CreditClass;
  computedClass: CreditClass;
  adjusted: boolean;
  score: number;
  baseScore: number;
  /** The class a list floor imposed, when it raised the class. */
  floor: CreditClass | null;
  factors: CreditFactorLine[];
  modelVersion: number;
  asOf: string;
  computedAt: string;
  /** Manual adjustments of this period, newest first. */
  adjustments: CreditAdjustment[];
}

export interface EntityCreditHistory {
  entityId: string;
  creditCode: string;
  name: string;
  canAdjust: boolean;
  /** Newest period first (at most 24). */
  records: CreditClassRecord[];
  /** The model versions the records were computed with. */
  models: CreditModel[];
}

export interface CreditAdjustmentInput {
  period: string;
  toClass: CreditClass;
  reason: string;
}

export interface CreditModel extends CreditModelSpec {
  version: number;
  /** First day of the first period this version applies to. */
  effectiveFrom: string;
  description: string;
  active: boolean;
  createdBy: string | null;
  createdAt: string;
}

export interface CreditModelInput extends CreditModelSpec {
  description: string;
}

export interface RecomputeInput {
  period?: string;
}

export interface RecomputeResult {
  period: string;
  asOf: string;
  modelVersion: number;
  entities: number;
  /** Computed classes (before manual adjustments). */
  counts: CreditClassCounts;
  adjustmentsKept: number;
  durationMs: number;
}
