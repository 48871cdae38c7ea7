import type { ColumnType, Generated } from 'kysely';

/** Kysely table types of the credit-risk classes (entities module); they mirror server/db/migrations/0010_credit.sql. */

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string, string>;
type CreditClassCode = 'A' | 'B' | 'C' | 'D';

export interface EntityCreditModelTable {
  version: number;
  effective_from: string;
  base_score: number;
  factors: Json;
  thresholds: Json;
  description: string;
  is_active: Generated<boolean>;
  created_by: string | null;
  created_at: DefaultTimestamp;
}

export interface EntityCreditClassTable {
  entity_id: string;
  period: string;
  class: CreditClassCode;
  score: number;
  breakdown: Json;
  model_version: number;
  as_of: string;
  computed_at: Timestamp;
  adjusted_class: CreditClassCode | null;
}

export interface EntityCreditAdjustmentTable {
  id: Generated<number>;
  entity_id: string;
  period: string;
  from_class: CreditClassCode;
  to_class: CreditClassCode;
  reason: string;
  adjusted_by: string | null;
  adjusted_at: DefaultTimestamp;
}

export interface EntityCreditRunTable {
  id: Generated<number>;
  period: string;
  region_path: string | null;
  model_version: number;
  as_of: string;
  entities: number;
  counts: Json;
  duration_ms: number;
  run_by: string;
  finished_at: DefaultTimestamp;
}

export interface CreditTables {
  entity_credit_model: EntityCreditModelTable;
  entity_credit_class: EntityCreditClassTable;
  entity_credit_adjustment: EntityCreditAdjustmentTable;
  entity_credit_run: EntityCreditRunTable;
}
