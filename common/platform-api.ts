import type { Role } from './roles.ts';

/** One problem with one input field: `field` is a dotted path (`body.username`), `rule` the broken rule. */
export interface FieldIssue {
  field: string;
  rule: string;
  message: string;
}

/** Request shapes of the platform API, shared by the server (validation mirrors them) and the web client. */

export type UserStatus = 'active' | 'disabled' | 'locked';

export interface ListUsersInput {
  page: number;
  pageSize: number;
  q?: string;
  role?: Role;
  regionCode?: string;
  status?: UserStatus;
}

export interface CreateUserInput {
  username: string;
  displayName: string;
  role: Role;
  regionCode: string;
  password: string;
  enterpriseName?: string;
  enterpriseCreditCode?: string;
  phone?: string;
}

export interface UpdateUserInput {
  displayName?: string;
  phone?: string | null;
  disabled?: boolean;
  unlock?: true;
  password?: string;
}

export interface ListAuditInput {
  page: number;
  pageSize: number;
  actor?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
  /** YYYY-MM-DD, Asia/Shanghai, inclusive */
  from?: string;
  to?: string;
}
