/**
 * Inspections module API shapes (双随机、一公开: registers, item list, plans, tasks, the verifiable draw,
 * results and publication), shared by the server (its JSON schemas mirror these; the migration's check
 * constraints mirror the enumerations) and the web client. Chinese labels: common/inspection-labels.ts.
 */
import type { DrawDifference, RegionRule, RiskClass, Stratum } from './draw/types.ts';
import type { EntityStatus, SpecialList } from './entity-api.ts';

export type { RegionRule, RiskClass } from './draw/types.ts';

export const ITEM_KINDS = ['general', 'key'] as const;
/** 一般检查事项 / 重点检查事项 (国市监信〔2019〕38号). */
export type ItemKind = (typeof ITEM_KINDS)[number];

export const ITEM_STATUSES = ['current', 'superseded', 'retired'] as const;
/** The list is versioned: a revision supersedes the row it replaces; a retired item is no longer offered. */
export type ItemStatus = (typeof ITEM_STATUSES)[number];

export const TASK_KINDS = ['random', 'non_random'] as const;
/** 双随机 draw, or 非随机: complaint-/clue-triggered, targets and inspectors chosen by hand (regulation.md §1). */
export type TaskKind = (typeof TASK_KINDS)[number];

/**
 * Random tasks: draft → frozen → committed → drawn → in_progress → finished → published (frozen and committed may go
 * back to draft, discarding the snapshot and the unrevealed seed). Non-random tasks: draft → in_progress → finished → published.
 */
export const TASK_STATUSES = ['draft', 'frozen', 'committed', 'drawn', 'in_progress', 'finished', 'published'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/**
 * 抽查检查结果 categories as the 国家企业信用信息公示系统 publishes them [K: common practice of the SAMR
 * coordination platform; the list plus the usual others]; labels in inspection-labels.ts.
 */
export const RESULT_CATEGORIES = [
  'no_problem',
  'rectified',
  'unqualified',
  'not_publicised',
  'false_publicity',
  'unreachable',
  'pending_follow_up',
  'no_activity',
  'uncooperative',
  'other',
] as const;
export type ResultCategory = (typeof RESULT_CATEGORIES)[number];

export const RECUSAL_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type RecusalStatus = (typeof RECUSAL_STATUSES)[number];

/** Publication deadline state: within time, ≤ 3 working days left, past due, not computable (calendar), done. */
export const PUBLICATION_STATES = ['ok', 'warning', 'overdue', 'unknown', 'published'] as const;
export type PublicationState = (typeof PUBLICATION_STATES)[number];

/** 20 working days after the inspection ends (企业信息公示暂行条例 第六条; SAMR practice, regulation.md §1). */
export const PUBLICATION_WORKDAYS = 20;
/** Warn this many working days before the publication deadline. */
export const PUBLICATION_WARNING_WORKDAYS = 3;

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

// --- registers ---

export interface InspectorConflict {
  creditCode: string;
  reason: string;
  declaredAt: string;
}

/** One entry of the 执法检查人员名录库. `id` is the opaque id the draw uses (no personal data in the draw). */
export interface Inspector {
  id: string;
  name: string;
  userId: string | null;
  username: string | null;
  /** 执法证号 and its validity: certified = a number valid today (行政处罚法 第42条). */
  badgeNumber: string | null;
  badgeValidUntil: string | null;
  certified: boolean;
  specialities: string[];
  homeRegionCode: string;
  homeRegionName: string;
  /** The bureau whose register holds him (scope). */
  regionCode: string;
  regionName: string;
  active: boolean;
  conflicts: InspectorConflict[];
  isDemo: boolean;
  updatedAt: string;
}

export interface InspectorInput {
  name: string;
  userId?: string | null;
  badgeNumber?: string | null;
  badgeValidUntil?: string | null;
  specialities?: string[];
  homeRegionCode: string;
  /** Defaults to the district/county of the home region. */
  regionCode?: string;
  active?: boolean;
}

export type InspectorUpdate = Partial<InspectorInput>;

export interface ConflictInput {
  creditCode: string;
  reason: string;
}

export interface ListInspectorsInput {
  page: number;
  pageSize: number;
  q?: string;
  regionCode?: string;
  active?: boolean;
}

/** Which entities a task draws from (检查对象名录库 filtered by task scope). */
export interface TaskScope {
  /** Districts/counties or townships; empty = the task's whole region. */
  regionCodes: string[];
  /** GB/T 4754 codes or sections (A–T) as the entity list takes them; empty = all. */
  industries: string[];
  /** Only entities on any of these special lists (专项库); empty = no such filter. */
  specialLists: SpecialList[];
  /** Registration statuses; empty = those still trading (存续, 在业). */
  statuses: EntityStatus[];
}

export interface TargetPoolPreviewEntry {
  creditCode: string;
  name: string;
  regionCode: string;
  regionName: string;
  industryCode: string | null;
  status: EntityStatus;
  /** Internal (never public): the current credit-risk class, null when none was computed. */
  riskClass: RiskClass | null;
}

export interface TargetPoolPreview extends Page<TargetPoolPreviewEntry> {
  byClass: Record<RiskClass, number>;
  unclassified: number;
}

// --- item list, plans ---

export interface InspectionItem {
  id: string;
  code: string;
  version: number;
  name: string;
  kind: ItemKind;
  legalBasis: string;
  subject: string | null;
  method: string | null;
  status: ItemStatus;
  createdAt: string;
  isDemo: boolean;
}

export interface ItemInput {
  code: string;
  name: string;
  kind: ItemKind;
  legalBasis: string;
  subject?: string | null;
  method?: string | null;
}

export type ItemRevision = Omit<ItemInput, 'code'>;

export interface ItemRef {
  id: string;
  code: string;
  version: number;
  name: string;
  kind: ItemKind;
}

export interface RatioWarning {
  riskClass: RiskClass;
  basisPoints: number;
  min: number;
  max: number;
}

export interface InspectionPlan {
  id: string;
  year: number;
  name: string;
  regionCode: string;
  regionName: string;
  items: ItemRef[];
  ratioBasisPoints: Record<RiskClass, number>;
  inspectorsPerTarget: number;
  regionRule: RegionRule;
  /** Ratios outside the bands of the one published numeric scheme (common/draw RATIO_BANDS): a warning, not an error. */
  warnings: RatioWarning[];
  taskCount: number;
  isDemo: boolean;
  createdAt: string;
}

export interface PlanInput {
  year: number;
  name: string;
  regionCode: string;
  itemIds: string[];
  ratioBasisPoints?: Record<RiskClass, number>;
  inspectorsPerTarget?: number;
  regionRule?: RegionRule;
}

export type PlanUpdate = Partial<Omit<PlanInput, 'regionCode'>>;

// --- tasks ---

export interface PublicationInfo {
  /** YYYY-MM-DD, null when the calendar cannot compute it (then `error` says why). */
  due: string | null;
  state: PublicationState;
  /** Working days from today to the deadline (negative when overdue); null when not computable or published. */
  workdaysLeft: number | null;
  error: string | null;
}

export interface TaskSummary {
  id: string;
  name: string;
  kind: TaskKind;
  planId: string | null;
  planName: string | null;
  regionCode: string;
  regionName: string;
  status: TaskStatus;
  items: ItemRef[];
  startsOn: string | null;
  deadline: string | null;
  endedOn: string | null;
  publishedAt: string | null;
  publication: PublicationInfo | null;
  targetCount: number;
  resultCount: number;
  isDemo: boolean;
}

export interface DrawInfo {
  poolHash: string | null;
  targetPoolSize: number | null;
  inspectorPoolSize: number | null;
  frozenAt: string | null;
  commitment: string | null;
  committedAt: string | null;
  publicEntropy: string | null;
  witness: string | null;
  drawnAt: string | null;
  /** Null until the draw (the seed is secret before it). */
  seed: string | null;
  strata: Stratum[] | null;
  redrawCount: number;
}

export interface Recusal {
  id: string;
  targetId: string;
  creditCode: string;
  entityName: string;
  inspectorId: string;
  inspectorName: string;
  reason: string;
  status: RecusalStatus;
  appliedBy: string;
  appliedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
  redrawSeq: number | null;
  replacementId: string | null;
  replacementName: string | null;
}

export interface TaskDetail extends TaskSummary {
  scope: TaskScope;
  ratioBasisPoints: Record<RiskClass, number>;
  inspectorsPerTarget: number;
  regionRule: RegionRule;
  maxTargetsPerInspector: number | null;
  triggerReason: string | null;
  draw: DrawInfo;
  recusals: Recusal[];
  /** The caller may edit, freeze, draw, finish and publish it. */
  canManage: boolean;
}

export interface TaskInput {
  name: string;
  kind: TaskKind;
  planId?: string | null;
  regionCode: string;
  itemIds: string[];
  scope?: Partial<TaskScope>;
  ratioBasisPoints?: Record<RiskClass, number>;
  inspectorsPerTarget?: number;
  regionRule?: RegionRule;
  maxTargetsPerInspector?: number | null;
  startsOn?: string | null;
  deadline?: string | null;
  /** Required for non-random tasks: the complaint, clue or referral that triggered it. */
  triggerReason?: string | null;
}

export type TaskUpdate = Partial<Omit<TaskInput, 'kind' | 'regionCode'>>;

export interface ListTasksInput {
  page: number;
  pageSize: number;
  status?: TaskStatus;
  kind?: TaskKind;
  planId?: string;
  q?: string;
}

export interface DrawInput {
  /** The witness's value, used exactly as typed (UTF-8, at most 256 bytes); '' or absent for none. */
  publicEntropy?: string;
  /** Who announced it (e.g. "企业代表 张某"), recorded with the draw. */
  witness?: string | null;
}

export interface AssignInput {
  targets: { creditCode: string; inspectorIds: string[] }[];
}

export interface TargetResult {
  category: ResultCategory;
  findings: string | null;
  inspectedOn: string;
  recordedAt: string;
  recordedBy: string | null;
}

export interface FollowUp {
  /** 整改期限 */
  rectificationDue: string | null;
  /** 复查 date and outcome */
  recheckOn: string | null;
  recheckResult: string | null;
}

export interface Evidence {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  uploadedAt: string;
}

export interface TaskTarget {
  id: string;
  taskId: string;
  drawOrder: number;
  creditCode: string;
  entityName: string;
  regionCode: string;
  regionName: string;
  /** Internal: shown to regulators only, null for inspectors and for non-random tasks. */
  riskClass: RiskClass | null;
  inspectors: { id: string; name: string }[];
  result: TargetResult | null;
  followUp: FollowUp;
  evidence: Evidence[];
  /** The caller may record or change its result now. */
  canRecord: boolean;
}

/** An inspector's own assignment, with the task it belongs to (the mobile task list). */
export interface MyTarget extends TaskTarget {
  taskName: string;
  taskStatus: TaskStatus;
  taskKind: TaskKind;
  deadline: string | null;
  items: ItemRef[];
}

export interface ResultInput {
  category: ResultCategory;
  findings?: string | null;
  inspectedOn: string;
}

export type FollowUpInput = Partial<FollowUp>;

export interface EvidenceInput {
  fileName: string;
  contentType: string;
  contentBase64: string;
}

export interface RecusalInput {
  targetId: string;
  inspectorId: string;
  reason: string;
}

export interface FinishInput {
  /** The day the inspection ended (YYYY-MM-DD); publication is due 20 working days later. */
  endedOn: string;
}

/** A task waiting to be published, with its deadline. */
export interface PublicationQueueEntry extends TaskSummary {
  publication: PublicationInfo;
}

// --- verification ---

/** The auditors' verdict: everything, including the first difference as computed. */
export interface DrawVerification {
  taskId: string;
  consistent: boolean;
  commitment: string;
  seed: string;
  poolHash: string;
  publicEntropy: string;
  firstDifference: DrawDifference | null;
  formatted: string;
}

/**
 * The public verdict (GET /public/inspection-tasks/{id}/verification): no credit class and no inspector data.
 * `targets` (credit code, name, result) are listed once the results are published — before that the drawn
 * names are not announced (an unannounced inspection stays unannounced); `targetCount` says how many.
 * A difference in an internal field names its path only (`expected`/`actual` are withheld).
 */
export interface PublicVerification {
  taskId: string;
  taskName: string;
  regionName: string;
  status: TaskStatus;
  consistent: boolean;
  commitment: string;
  seed: string;
  poolHash: string;
  publicEntropy: string;
  drawnAt: string;
  targetPoolSize: number;
  targetCount: number;
  redrawCount: number;
  targets: PublicTarget[];
  firstDifference: { path: string; expected: unknown; actual: unknown; withheld: boolean } | null;
}

export interface PublicTarget {
  creditCode: string;
  name: string;
  category: ResultCategory | null;
}

export interface PublicTaskSummary {
  id: string;
  name: string;
  kind: TaskKind;
  regionName: string;
  items: { code: string; name: string; kind: ItemKind }[];
  endedOn: string | null;
  publishedAt: string;
  targetCount: number;
  /** Whether a verifiable draw exists (random tasks). */
  verifiable: boolean;
}

export interface PublicTaskResults extends PublicTaskSummary {
  targets: (PublicTarget & { inspectedOn: string | null })[];
}
