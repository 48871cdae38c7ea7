import type { ColumnType, Generated } from 'kysely';
import type { CalendarTables } from './types-calendar.ts';
import type { CreditTables } from './types-credit.ts';
import type { InspectionTables } from './types-inspections.ts';
import type { PlatformJobTables } from './types-platform-jobs.ts';
import type { TraceNamedQueryTables } from './types-trace-named-query.ts';
import type { TraceSubscriptionTables } from './types-trace-subscription.ts';

/** Kysely table types; they mirror server/db/migrations. Keep both in step. */

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
// jsonb: read as parsed JSON (objects, arrays or scalars), written as JSON text.
type Json = ColumnType<unknown, string, string>;

export interface PlatformMigrationTable {
  name: string;
  checksum: string;
  applied_at: DefaultTimestamp;
}

export interface PlatformRegionTable {
  code: string;
  name: string;
  level: 'city' | 'county' | 'township';
  parent_code: string | null;
  path: string;
  sort_order: number;
}

export interface PlatformUserTable {
  id: Generated<string>;
  username: string;
  display_name: string;
  role: 'city_admin' | 'county_officer' | 'inspector' | 'enterprise';
  region_code: string;
  enterprise_name: string | null;
  enterprise_credit_code: string | null;
  phone: string | null;
  password_hash: string;
  password_changed_at: DefaultTimestamp;
  must_change_password: Generated<boolean>;
  disabled_at: Timestamp | null;
  failed_attempts: Generated<number>;
  locked_until: Timestamp | null;
  last_login_at: Timestamp | null;
  is_demo: Generated<boolean>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface PlatformSessionTable {
  id: string;
  user_id: string;
  created_at: DefaultTimestamp;
  last_seen_at: DefaultTimestamp;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
  ip: string | null;
  user_agent: string | null;
}

export interface PlatformSettingTable {
  key: string;
  value: Json;
  updated_at: DefaultTimestamp;
}

export interface PlatformAuditTable {
  seq: number;
  occurred_at: Timestamp;
  actor_id: string | null;
  actor_username: string | null;
  actor_role: string | null;
  ip: string | null;
  user_agent: string | null;
  request_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  region_code: string | null;
  before: Json | null;
  after: Json | null;
  prev_hash: string;
  hash: string;
}

export interface PlatformAuditHeadTable {
  id: Generated<boolean>;
  seq: number;
  hash: string;
}

// numeric columns are parsed to numbers (server/platform/db.ts).
type Numeric = ColumnType<number, number, number>;
type DefaultDate = ColumnType<string, string | undefined, string>;

export interface PlanPlanTable {
  id: Generated<string>;
  code: string;
  name: string;
  base_year: number;
  start_year: number;
  end_year: number;
  status: Generated<'draft' | 'active' | 'closed'>;
  source_note: string | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface PlanIndicatorTable {
  id: Generated<string>;
  plan_id: string;
  code: string;
  seq: number;
  category: string;
  sub_category: string | null;
  name: string;
  unit: string;
  target_value: Numeric | null;
  target_text: string | null;
  target_year: number;
  direction: number;
  accumulation: 'level' | 'increment' | 'cumulative';
  region_rollup: 'sum' | 'none';
  baseline_value: Numeric | null;
  baseline_source: string | null;
  lead_unit: string | null;
  value_min: Numeric | null;
  value_max: Numeric | null;
  yoy_band: ColumnType<number, number | undefined, number>;
  limit_value: Numeric | null;
  decimals: Generated<number>;
  note: string | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface PlanIndicatorUnitTable {
  indicator_id: string;
  region_code: string;
  unit_name: string;
}

export interface PlanReferenceValueTable {
  indicator_id: string;
  year: number;
  value: Numeric;
  source: string;
  updated_by: string | null;
  updated_at: DefaultTimestamp;
}

export interface PlanRegionTargetTable {
  indicator_id: string;
  region_code: string;
  target_value: Numeric;
  updated_by: string | null;
  updated_at: DefaultTimestamp;
}

export interface PlanAttachmentTable {
  id: Generated<string>;
  file_name: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  content: Buffer;
  region_code: string;
  uploaded_by: string | null;
  created_at: DefaultTimestamp;
}

export type PlanValueStatus = 'draft' | 'submitted' | 'returned' | 'approved' | 'superseded';

export interface PlanValueTable {
  id: Generated<string>;
  indicator_id: string;
  region_code: string;
  year: number;
  period: ColumnType<string, string | undefined, string>;
  version: ColumnType<number, number | undefined, number>;
  value: Numeric;
  numerator: Numeric | null;
  denominator: Numeric | null;
  source_note: string | null;
  attachment_id: string | null;
  status: PlanValueStatus;
  correction_reason: string | null;
  return_reason: string | null;
  warnings: ColumnType<unknown, string | undefined, string>;
  is_demo: Generated<boolean>;
  created_by: string | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
  submitted_by: string | null;
  submitted_at: Timestamp | null;
  reviewed_by: string | null;
  reviewed_at: Timestamp | null;
}

export interface PlanEvaluationTable {
  id: Generated<string>;
  plan_id: string;
  kind: 'annual' | 'midterm' | 'final';
  data_year: number;
  as_of: ColumnType<string, string, string>;
  title: string;
  narrative: Generated<string>;
  status: Generated<'draft' | 'frozen'>;
  method_version: string | null;
  snapshot: Json | null;
  created_by: string | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
  frozen_by: string | null;
  frozen_at: Timestamp | null;
}

export interface PlanRubricTable {
  id: Generated<string>;
  plan_id: string;
  year: number;
  version: number;
  weights: Json;
  status_points: Json;
  note: string | null;
  created_by: string | null;
  created_at: DefaultTimestamp;
}

export interface PlanAssessmentAdjustmentTable {
  id: Generated<string>;
  plan_id: string;
  year: number;
  region_code: string;
  kind: 'bonus' | 'penalty';
  points: Numeric;
  reason: string;
  created_by: string | null;
  created_at: DefaultTimestamp;
}

export type PlanProjectStatus = 'not_started' | 'in_progress' | 'completed' | 'delayed';

export interface PlanProjectTable {
  id: Generated<string>;
  plan_id: string;
  kind: 'reform' | 'project' | 'platform' | 'policy';
  seq: number;
  name: string;
  description: string;
  lead_unit: string | null;
  status: Generated<PlanProjectStatus>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface PlanMilestoneTable {
  id: Generated<string>;
  project_id: string;
  title: string;
  due_date: DefaultDate;
  completed_at: ColumnType<string | null, string | null | undefined, string | null>;
  is_demo: Generated<boolean>;
  created_at: DefaultTimestamp;
}

export interface PlanProjectUpdateTable {
  id: Generated<string>;
  project_id: string;
  content: string;
  status_after: PlanProjectStatus | null;
  attachment_id: string | null;
  is_demo: Generated<boolean>;
  created_by: string | null;
  created_at: DefaultTimestamp;
}

export interface PlanProgressLogTable {
  id: Generated<number>;
  indicator_id: string;
  region_code: string;
  data_year: number;
  status: string;
  progress_value: Numeric | null;
  score: Numeric | null;
  current_value: Numeric | null;
  target_value: Numeric | null;
  method: string;
  method_version: string;
  components: Json;
  cause: string;
  computed_at: DefaultTimestamp;
}

export interface PlatformApiKeyTable {
  id: Generated<string>;
  user_id: string;
  name: string;
  key_hash: string;
  key_prefix: string;
  created_at: DefaultTimestamp;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface TraceLocationTable {
  id: Generated<string>;
  identifier: string;
  gln: string | null;
  name: string;
  enterprise_credit_code: string;
  enterprise_name: string;
  region_code: string;
  address: string | null;
  is_demo: Generated<boolean>;
  created_at: DefaultTimestamp;
}

export interface TraceCaptureTable {
  id: Generated<string>;
  status: 'running' | 'success' | 'partial' | 'failed';
  /** GS1-Capture-Error-Behaviour the capture ran with (migration 0021). */
  error_behaviour: ColumnType<'rollback' | 'proceed', 'rollback' | 'proceed' | undefined, never>;
  document_type: string | null;
  event_count: Generated<number>;
  stored_count: Generated<number>;
  duplicate_count: Generated<number>;
  errors: ColumnType<unknown, string | undefined, string>;
  created_by: string | null;
  enterprise_credit_code: string | null;
  created_at: DefaultTimestamp;
  finished_at: Timestamp | null;
  /** Delivery order for EPCIS subscriptions (migration 0019); null until numbered. */
  feed_seq: number | null;
}

export interface TraceEventTable {
  id: Generated<number>;
  event_id: string;
  event_type: string;
  event_time: Timestamp;
  event_time_zone_offset: string;
  record_time: DefaultTimestamp;
  action: string | null;
  biz_step: string | null;
  disposition: string | null;
  read_point: string | null;
  biz_location: string | null;
  transformation_id: string | null;
  is_error_declaration: Generated<boolean>;
  enterprise_credit_code: string | null;
  region_code: string | null;
  capture_id: string | null;
  document: Json;
  context: Json | null;
  is_demo: Generated<boolean>;
}

export interface TraceEventKeyTable {
  event_id: string;
  /** Set for error declarations; null for other events since migration 0018 (hashed from the stored document when needed). */
  content_hash: string | null;
  is_error_declaration: boolean;
  event_pk: number;
  event_time: Timestamp;
}

export interface TraceEventIdentifierTable {
  identifier: string;
  role: string;
  event_pk: number;
  event_time: Timestamp;
  raw: string;
  quantity: Numeric | null;
  uom: string | null;
}

export interface TraceEventBizTransactionTable {
  event_pk: number;
  type: string | null;
  biz_transaction: string;
}

export interface TraceProductTable {
  id: Generated<string>;
  /** The owner's own GTIN-14, or one the platform allocated under its GS1 Company Prefix (migration 0014). */
  gtin: string;
  /** The owner's product number of a product with a platform-allocated GTIN; null for the owner's own GTIN. */
  product_ref: string | null;
  gtin_issuer: ColumnType<'owner' | 'platform', 'owner' | 'platform' | undefined, 'owner' | 'platform'>;
  name: string;
  brand: string | null;
  spec: string | null;
  category: string | null;
  enterprise_credit_code: string;
  enterprise_name: string;
  origin: string | null;
  shelf_life_days: number | null;
  is_demo: Generated<boolean>;
  created_at: DefaultTimestamp;
}

/** Migration 0014: per platform GS1 Company Prefix, the last item reference allocated (bigint, read as a string). */
export interface TraceGtinAllocationTable {
  company_prefix: string;
  last_item_ref: ColumnType<string, number, number>;
}

// ---- entities (migration 0009) ----

export interface EntityTable {
  id: Generated<string>;
  credit_code: string;
  name: string;
  type: 'enterprise' | 'individual_business' | 'farmer_cooperative' | 'other';
  industry_code: string | null;
  region_code: string;
  address: string | null;
  legal_representative: string | null;
  established_on: string | null;
  status: 'subsisting' | 'operating' | 'revoked' | 'cancelled' | 'moved_out';
  special_lists: ColumnType<string[], string[] | undefined, string[]>;
  is_demo: Generated<boolean>;
  created_by: string | null;
  updated_by: string | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface EntityLicenceTable {
  id: Generated<string>;
  entity_id: string;
  kind: 'industrial_product' | 'food_production' | 'food_business' | 'other';
  number: string;
  product_category: string;
  issuer: string | null;
  issued_on: string;
  expires_on: string;
  status: 'valid' | 'suspended' | 'revoked' | 'cancelled';
  is_demo: Generated<boolean>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface EntityCertificationTable {
  id: Generated<string>;
  entity_id: string;
  kind: 'green_product' | 'zhejiang_made' | 'iso9001' | 'iso14001' | 'iso45001' | 'haccp' | 'ccc' | 'other';
  number: string;
  issuer: string;
  scope: string | null;
  issued_on: string;
  expires_on: string | null;
  status: 'valid' | 'suspended' | 'withdrawn';
  is_demo: Generated<boolean>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface EntityImportTable {
  id: Generated<string>;
  file_name: string;
  file_sha256: string;
  format: 'xlsx' | 'csv';
  mode: 'all_or_nothing' | 'valid_only';
  rows_read: number;
  rows_created: number;
  rows_updated: number;
  rows_unchanged: number;
  rows_failed: number;
  report: Json;
  created_by: string | null;
  created_at: DefaultTimestamp;
}

export interface EntityEventTable {
  id: Generated<number>;
  entity_id: string;
  occurred_on: string;
  kind: string;
  summary: string;
  source_module: string;
  reference: string | null;
  details: Json | null;
  dedupe_key: string | null;
  recorded_at: DefaultTimestamp;
  recorded_by: string | null;
  is_demo: Generated<boolean>;
}

// ---- inspections: supervision sampling and grading (migration 0012) ----

export interface PlatformOutboxTable {
  id: Generated<number>;
  topic: string;
  key: string;
  payload: Json;
  created_at: DefaultTimestamp;
  delivered_at: Timestamp | null;
  attempts: Generated<number>;
}

type RiskLevel = 'high' | 'medium' | 'low';
type Verdict = 'pass' | 'fail';
type RetestRule = 'product_15d' | 'drug_7wd' | 'food_7wd';

export interface SamplingCategoryTable {
  id: Generated<string>;
  code: string;
  name: string;
  risk_level: RiskLevel;
  plan_indicator_code: string | null;
  basis: string | null;
  retest_rule: Generated<RetestRule>;
  active: Generated<boolean>;
  version: Generated<number>;
  is_demo: Generated<boolean>;
  updated_by: string | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface SamplingCategoryVersionTable {
  category_id: string;
  version: number;
  code: string;
  name: string;
  risk_level: RiskLevel;
  plan_indicator_code: string | null;
  basis: string | null;
  retest_rule: RetestRule;
  active: boolean;
  reason: string;
  changed_by: string | null;
  changed_at: DefaultTimestamp;
}

export interface SamplingPlanTable {
  id: Generated<string>;
  year: number;
  category_id: string;
  region_code: string;
  title: string;
  planned_batches: number;
  notes: string | null;
  is_demo: Generated<boolean>;
  created_by: string | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface SamplingSampleTable {
  id: Generated<string>;
  sample_no: string;
  plan_id: string | null;
  category_id: string;
  category_risk_level: RiskLevel;
  retest_rule: RetestRule;
  entity_id: string;
  entity_credit_code: string;
  entity_name: string;
  region_code: string;
  product_name: string;
  spec: string | null;
  brand: string | null;
  batch: string | null;
  sampled_on: string;
  sampling_place: string | null;
  lab: string | null;
  status: 'draft' | 'issued' | 'retest_requested' | 'final';
  computed_conclusion: Verdict | null;
  override_conclusion: Verdict | null;
  override_reason: string | null;
  conclusion: Verdict | null;
  report_no: string | null;
  report_date: string | null;
  notified_on: string | null;
  retest_requested_on: string | null;
  retest_note: string | null;
  retest_lab: string | null;
  retest_report_no: string | null;
  retest_report_date: string | null;
  retest_conclusion: Verdict | null;
  final_conclusion: Verdict | null;
  final_via: 'issued' | 'window_closed' | 'retest' | null;
  final_on: string | null;
  published_at: Timestamp | null;
  is_demo: Generated<boolean>;
  created_by: string | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface SamplingTestItemTable {
  id: Generated<string>;
  sample_id: string;
  seq: number;
  name: string;
  method: string | null;
  standard: string | null;
  unit: string | null;
  limit_min: number | null;
  limit_max: number | null;
  limit_text: string | null;
  result_value: number | null;
  result_text: string | null;
  verdict: Verdict | null;
  verdict_source: 'computed' | 'entered' | null;
  retest_value: number | null;
  retest_text: string | null;
  retest_verdict: Verdict | null;
}

export interface SamplingGradingRuleTable {
  version: number;
  params: Json;
  reason: string;
  created_by: string | null;
  created_at: DefaultTimestamp;
}

export interface Database extends InspectionTables, CreditTables, CalendarTables, PlatformJobTables, TraceNamedQueryTables, TraceSubscriptionTables {
  platform_migration: PlatformMigrationTable;
  platform_region: PlatformRegionTable;
  platform_user: PlatformUserTable;
  platform_session: PlatformSessionTable;
  platform_setting: PlatformSettingTable;
  platform_audit: PlatformAuditTable;
  platform_audit_head: PlatformAuditHeadTable;
  plan_plan: PlanPlanTable;
  plan_indicator: PlanIndicatorTable;
  plan_indicator_unit: PlanIndicatorUnitTable;
  plan_reference_value: PlanReferenceValueTable;
  plan_region_target: PlanRegionTargetTable;
  plan_attachment: PlanAttachmentTable;
  plan_value: PlanValueTable;
  plan_evaluation: PlanEvaluationTable;
  plan_rubric: PlanRubricTable;
  plan_assessment_adjustment: PlanAssessmentAdjustmentTable;
  plan_project: PlanProjectTable;
  plan_milestone: PlanMilestoneTable;
  plan_project_update: PlanProjectUpdateTable;
  plan_progress_log: PlanProgressLogTable;
  platform_api_key: PlatformApiKeyTable;
  trace_location: TraceLocationTable;
  trace_capture: TraceCaptureTable;
  trace_event: TraceEventTable;
  trace_event_key: TraceEventKeyTable;
  trace_event_identifier: TraceEventIdentifierTable;
  trace_event_biz_transaction: TraceEventBizTransactionTable;
  trace_product: TraceProductTable;
  trace_gtin_allocation: TraceGtinAllocationTable;
  entity: EntityTable;
  entity_licence: EntityLicenceTable;
  entity_certification: EntityCertificationTable;
  entity_import: EntityImportTable;
  entity_event: EntityEventTable;
  platform_outbox: PlatformOutboxTable;
  sampling_category: SamplingCategoryTable;
  sampling_category_version: SamplingCategoryVersionTable;
  sampling_plan: SamplingPlanTable;
  sampling_sample: SamplingSampleTable;
  sampling_test_item: SamplingTestItemTable;
  sampling_grading_rule: SamplingGradingRuleTable;
}
