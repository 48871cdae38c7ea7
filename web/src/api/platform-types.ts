/** Response and request shapes of the platform API (docs/api-platform.md). */

import type { CreateUserInput, ListAuditInput, ListUsersInput, UpdateUserInput, UserStatus } from '../../../common/platform-api.ts';
import { type RegionLevel, ROLES, type Role } from '../../../common/roles.ts';

export type { CreateUserInput, RegionLevel, Role, UpdateUserInput, UserStatus };
export { ROLES };

export interface RegionNode {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
  children: RegionNode[];
}

/** What every view of an account shows. */
interface Account {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  regionCode: string;
  regionName: string;
  enterpriseName: string | null;
}

export interface Me extends Account {
  mustChangePassword: boolean;
  demo: boolean;
}

export interface MeResponse {
  user: Me;
  session: { idleTimeoutSeconds: number; expiresAt: string };
}

export interface User extends Account {
  enterpriseCreditCode: string | null;
  status: UserStatus;
  lastLoginAt: string | null;
  createdAt: string;
  /** The caller may disable, unlock or reset this account (decided by the server). */
  canManage: boolean;
  /** Served beyond the contract's minimum; optional so an older server still type-checks. */
  phone?: string | null;
  lockedUntil?: string | null;
  mustChangePassword?: boolean;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export type UserListParams = ListUsersInput;

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface AuditEntry {
  seq: number;
  occurredAt: string;
  actorUsername: string | null;
  actorRole: Role | null;
  ip: string | null;
  requestId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  regionCode: string | null;
  before: JsonValue | null;
  after: JsonValue | null;
  hash: string;
}

export type AuditListParams = ListAuditInput;

export interface AuditVerifyResult {
  ok: boolean;
  checked: number;
  headSeq: number | null;
  firstBroken: null | { seq: number; reason: string };
}

export interface DashboardSummary {
  regionCode: string;
  regionName: string;
  demo: boolean;
  counts: {
    regions: { county: number; township: number };
    users: { total: number; active: number; byRole: Record<Role, number> };
    auditEventsToday: number;
    loginsToday: number;
    failedLoginsToday: number;
  };
  auditByDay: Array<{ date: string; count: number }>;
  usersByRegion: Array<{ regionCode: string; regionName: string; count: number }>;
}

export interface Health {
  status: 'ok';
  database: 'pglite' | 'postgresql';
  version: string;
}

/** GET /api/v1/api-keys: one of the caller's own API keys (the secret itself only in the answer to its creation). */
export interface ApiKey {
  id: string;
  name: string;
  /** the public part: keys read `zlk_<prefix>_<secret>` */
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  /** only when just created: shown once, never again */
  key?: string;
}
