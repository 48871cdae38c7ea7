import type { ColumnType, Generated } from 'kysely';

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

export interface Database {
  platform_migration: PlatformMigrationTable;
  platform_region: PlatformRegionTable;
  platform_user: PlatformUserTable;
  platform_session: PlatformSessionTable;
  platform_setting: PlatformSettingTable;
  platform_audit: PlatformAuditTable;
  platform_audit_head: PlatformAuditHeadTable;
}
