/** Data shapes of the publicly verifiable 双随机 draw; the algorithm is specified byte for byte in README.md beside this file. */

export const DRAW_FORMAT = 'zhiliang-draw/1';

/** 企业信用风险分类: A low … D high (国市监信发〔2022〕6号). Strata are drawn in this order. */
export const RISK_CLASSES = ['A', 'B', 'C', 'D'] as const;
export type RiskClass = (typeof RISK_CLASSES)[number];

/**
 * 'township': an inspector is not drawn for a target in his own township (his own county when either region is
 * known only at county level); 'county': not in his own district/county; 'none': no regional rule.
 */
export const REGION_RULES = ['none', 'county', 'township'] as const;
export type RegionRule = (typeof REGION_RULES)[number];

/** One entry of the 检查对象名录库 (target pool), frozen for the task. */
export interface PoolTarget {
  creditCode: string;
  riskClass: RiskClass;
  /** 行政区划代码: 6 digits (county) or 9 digits (township). */
  regionCode: string;
}

/** One entry of the 执法检查人员名录库 (inspector pool), frozen for the task; no personal data, an opaque id. */
export interface PoolInspector {
  id: string;
  /** Holds 执法资格 (law-enforcement certification); only certified inspectors are drawn (行政处罚法 第42条). */
  certified: boolean;
  homeRegionCode: string;
  /** Credit codes of the targets he has declared a conflict with (回避, 行政处罚法 第43条). */
  conflicts: string[];
}

export interface DrawParams {
  /** Binds the pools to one task (its id); '' when none. */
  taskRef: string;
  /** Sampling ratio per class in basis points (1/10,000): 500 = 5 %. */
  ratioBasisPoints: Record<RiskClass, number>;
  /** Inspectors per target, at least 2 (行政处罚法 第42条). */
  inspectorsPerTarget: number;
  regionRule: RegionRule;
  /** At most this many targets per inspector in one draw (load balancing); null for no cap. */
  maxTargetsPerInspector: number | null;
}

/**
 * Defaults: each class at the top of its band in the published numeric scheme (Linxian 2024: A ≤ 5 %, B 5–20 %,
 * C 21–60 %, D 61–100 %; shared/research/regulation.md §1), two inspectors, not in their own township, no cap.
 * Plans set their own ratios within the bands (RATIO_BANDS).
 */
export const DEFAULT_DRAW_PARAMS: DrawParams = {
  taskRef: '',
  ratioBasisPoints: { A: 500, B: 2000, C: 6000, D: 10000 },
  inspectorsPerTarget: 2,
  regionRule: 'township',
  maxTargetsPerInspector: null,
};

/** The bands of the Linxian 2024 scheme in basis points, for warning when a plan's ratio is outside them. */
export const RATIO_BANDS: Record<RiskClass, { min: number; max: number }> = {
  A: { min: 0, max: 500 },
  B: { min: 500, max: 2000 },
  C: { min: 2100, max: 6000 },
  D: { min: 6100, max: 10000 },
};

/** Everything the draw is computed from. The seed stays secret until the draw; its SHA-256 is published before. */
export interface DrawInput {
  params: DrawParams;
  targetPool: PoolTarget[];
  inspectorPool: PoolInspector[];
  /** 32 random bytes as 64 lower-case hex digits (createSeed). */
  seed: string;
  /** Entered at the draw ceremony (e.g. a number a witness announces); '' when none. Used exactly as given (UTF-8). */
  publicEntropy: string;
}

export interface DrawnTarget {
  creditCode: string;
  riskClass: RiskClass;
  /** Inspector ids in the order drawn. */
  inspectors: string[];
}

/** Per class: the eligible population N and the number drawn n (both are recorded, regulation.md §1 rule 2). */
export interface Stratum {
  riskClass: RiskClass;
  poolSize: number;
  drawn: number;
}

/** A logged redraw after a recusal application approved after the draw. */
export interface Redraw {
  /** 1-based, in the order applied; the stream label is `redraw/<seq>`. */
  seq: number;
  creditCode: string;
  recusedInspectorId: string;
  replacementId: string;
  reason: string;
  approvedBy: string | null;
}

export interface DrawResult {
  format: typeof DRAW_FORMAT;
  /** SHA-256 of the seed bytes, published before the draw. */
  commitment: string;
  /** SHA-256 of the canonical pools and parameters, published before the draw. */
  poolHash: string;
  strata: Stratum[];
  /** Drawn targets in draw order (classes A, B, C, D), with their inspectors after any redraws. */
  targets: DrawnTarget[];
  redraws: Redraw[];
}

/** The whole public record: inputs (with the revealed seed) and result. verifyDraw needs nothing else. */
export type PublishedDraw = DrawInput & DrawResult;

/** Where a published record and its recomputation first part. `path` is like `targets[3].inspectors[1]`. */
export interface DrawDifference {
  path: string;
  expected: unknown;
  actual: unknown;
}

export interface DrawVerdict {
  consistent: boolean;
  firstDifference: DrawDifference | null;
}
