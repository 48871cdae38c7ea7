import type { Selectable } from 'kysely';
import type { PlatformAuditTable, PlatformUserTable } from '../../db/types.ts';
import type { RegionDirectory } from '../../platform/regions.ts';

export type UserRow = Selectable<PlatformUserTable>;

export function userStatus(row: Pick<UserRow, 'disabled_at' | 'locked_until'>, now = Date.now()): 'active' | 'disabled' | 'locked' {
  if (row.disabled_at) return 'disabled';
  if (row.locked_until && row.locked_until.getTime() > now) return 'locked';
  return 'active';
}

/** A user as the API shows it: never the password hash or failure counters. */
export function presentUser(row: UserRow, regions: RegionDirectory, canManage = false) {
  const status = userStatus(row);
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    regionCode: row.region_code,
    regionName: regions.get(row.region_code)?.name ?? row.region_code,
    enterpriseName: row.enterprise_name,
    enterpriseCreditCode: row.enterprise_credit_code,
    phone: row.phone,
    status,
    lockedUntil: status === 'locked' ? (row.locked_until?.toISOString() ?? null) : null,
    mustChangePassword: row.must_change_password,
    lastLoginAt: row.last_login_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
    canManage,
  };
}

/** The fields of a user an audit row keeps (no secrets). */
export function auditedUser(row: UserRow) {
  return {
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    regionCode: row.region_code,
    enterpriseName: row.enterprise_name,
    enterpriseCreditCode: row.enterprise_credit_code,
    phone: row.phone ? `${row.phone.slice(0, 3)}****` : null,
    disabled: row.disabled_at !== null,
    mustChangePassword: row.must_change_password,
  };
}

export function presentAudit(row: Selectable<PlatformAuditTable>) {
  return {
    seq: row.seq,
    occurredAt: row.occurred_at.toISOString(),
    actorUsername: row.actor_username,
    actorRole: row.actor_role,
    ip: row.ip,
    requestId: row.request_id,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    regionCode: row.region_code,
    before: row.before,
    after: row.after,
    hash: row.hash,
  };
}
