import type { ColumnType, Generated } from 'kysely';

/** Kysely table types of the inspections module; they mirror server/db/migrations/0011_inspections.sql. */

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string, string>;
// date columns: read back as 'YYYY-MM-DD' text (the pg type parser for date is set to text in platform/db.ts)
type DateText = string;

export interface InspectionInspectorTable {
  id: Generated<string>;
  user_id: string | null;
  name: string;
  badge_number: string | null;
  badge_valid_until: DateText | null;
  specialities: ColumnType<string[], string[] | undefined, string[]>;
  home_region_code: string;
  region_code: string;
  active: Generated<boolean>;
  is_demo: Generated<boolean>;
  created_by: string | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface InspectionInspectorConflictTable {
  inspector_id: string;
  credit_code: string;
  reason: string;
  declared_at: DefaultTimestamp;
  declared_by: string | null;
}

export interface InspectionItemTable {
  id: Generated<string>;
  code: string;
  version: number;
  name: string;
  kind: 'general' | 'key';
  legal_basis: string;
  subject: string | null;
  method: string | null;
  status: 'current' | 'superseded' | 'retired';
  is_demo: Generated<boolean>;
  created_by: string | null;
  created_at: DefaultTimestamp;
}

export interface InspectionPlanTable {
  id: Generated<string>;
  year: number;
  name: string;
  region_code: string;
  ratio_a: number;
  ratio_b: number;
  ratio_c: number;
  ratio_d: number;
  inspectors_per_target: number;
  region_rule: 'none' | 'county' | 'township';
  is_demo: Generated<boolean>;
  created_by: string | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface InspectionPlanItemTable {
  plan_id: string;
  item_id: string;
}

export interface InspectionTaskTable {
  id: Generated<string>;
  plan_id: string | null;
  kind: 'random' | 'non_random';
  name: string;
  region_code: string;
  trigger_reason: string | null;
  scope: Json;
  ratio_a: number;
  ratio_b: number;
  ratio_c: number;
  ratio_d: number;
  inspectors_per_target: number;
  region_rule: 'none' | 'county' | 'township';
  max_targets_per_inspector: number | null;
  starts_on: DateText | null;
  deadline: DateText | null;
  status: 'draft' | 'frozen' | 'committed' | 'drawn' | 'in_progress' | 'finished' | 'published';
  pool_hash: string | null;
  target_pool_size: number | null;
  inspector_pool_size: number | null;
  frozen_at: Timestamp | null;
  frozen_by: string | null;
  seed: string | null;
  commitment: string | null;
  committed_at: Timestamp | null;
  public_entropy: string | null;
  witness: string | null;
  drawn_at: Timestamp | null;
  drawn_by: string | null;
  strata: Json | null;
  ended_on: DateText | null;
  finished_at: Timestamp | null;
  publication_due: DateText | null;
  publication_due_error: string | null;
  published_at: Timestamp | null;
  published_by: string | null;
  is_demo: Generated<boolean>;
  created_by: string | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface InspectionTaskItemTable {
  task_id: string;
  item_id: string;
}

export interface InspectionTaskPoolTable {
  task_id: string;
  canonical_gz: Buffer;
  byte_length: number;
  /** Entity names in pool order, gzip JSON (0015); null for pools frozen before it. */
  names_gz: Buffer | null;
}

export interface InspectionTaskTargetTable {
  id: Generated<string>;
  task_id: string;
  draw_order: number;
  credit_code: string;
  entity_name: string;
  region_code: string;
  risk_class: 'A' | 'B' | 'C' | 'D' | null;
  inspector_ids: string[];
  result_category: string | null;
  findings: string | null;
  inspected_on: DateText | null;
  result_recorded_at: Timestamp | null;
  result_recorded_by: string | null;
  rectification_due: DateText | null;
  recheck_on: DateText | null;
  recheck_result: string | null;
  is_demo: Generated<boolean>;
}

export interface InspectionRecusalTable {
  id: Generated<string>;
  task_id: string;
  target_id: string;
  inspector_id: string;
  reason: string;
  status: 'pending' | 'approved' | 'rejected';
  applied_by: string;
  applied_at: DefaultTimestamp;
  decided_by: string | null;
  decided_at: Timestamp | null;
  decision_note: string | null;
  redraw_seq: number | null;
  replacement_id: string | null;
  approved_by_name: string | null;
}

export interface InspectionEvidenceTable {
  id: Generated<string>;
  target_id: string;
  file_name: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  content: Buffer;
  uploaded_by: string | null;
  uploaded_at: DefaultTimestamp;
}

export interface InspectionTables {
  inspection_inspector: InspectionInspectorTable;
  inspection_inspector_conflict: InspectionInspectorConflictTable;
  inspection_item: InspectionItemTable;
  inspection_plan: InspectionPlanTable;
  inspection_plan_item: InspectionPlanItemTable;
  inspection_task: InspectionTaskTable;
  inspection_task_item: InspectionTaskItemTable;
  inspection_task_pool: InspectionTaskPoolTable;
  inspection_task_target: InspectionTaskTargetTable;
  inspection_recusal: InspectionRecusalTable;
  inspection_evidence: InspectionEvidenceTable;
}
