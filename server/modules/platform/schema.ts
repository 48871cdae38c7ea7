import { ROLES } from '../../../common/roles.ts';

/** Request/response JSON Schemas of the platform module; they feed validation and OpenAPI. */

export const errorResponse = {
  $id: 'ErrorResponse',
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message', 'requestId'],
      properties: {
        code: { type: 'string', example: 'VALIDATION_FAILED' },
        message: { type: 'string', description: '中文 / English' },
        details: { type: 'array', items: {} },
        requestId: { type: 'string' },
      },
    },
  },
} as const;

const nullableString = { type: ['string', 'null'] } as const;
const dateTime = { type: 'string', format: 'date-time' } as const;
const nullableDateTime = { type: ['string', 'null'], format: 'date-time' } as const;
const regionCode = { type: 'string', pattern: '^\\d{6}(\\d{3})?$', description: '行政区划代码 (6 or 9 digits)' } as const;

export const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, { $ref: 'ErrorResponse#' }]));

export const regionNode = {
  $id: 'RegionNode',
  type: 'object',
  required: ['code', 'name', 'level', 'parentCode', 'children'],
  properties: {
    code: { type: 'string' },
    name: { type: 'string' },
    level: { type: 'string', enum: ['city', 'county', 'township'] },
    parentCode: nullableString,
    children: { type: 'array', items: { $ref: 'RegionNode#' } },
  },
} as const;

export const me = {
  $id: 'Me',
  type: 'object',
  required: ['id', 'username', 'displayName', 'role', 'regionCode', 'regionName', 'enterpriseName', 'mustChangePassword', 'demo'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    username: { type: 'string' },
    displayName: { type: 'string' },
    role: { type: 'string', enum: ROLES },
    regionCode: { type: 'string' },
    regionName: { type: 'string' },
    enterpriseName: nullableString,
    mustChangePassword: { type: 'boolean' },
    demo: { type: 'boolean', description: 'true when the platform runs on generated demo data' },
  },
} as const;

export const user = {
  $id: 'User',
  type: 'object',
  required: [
    'id',
    'username',
    'displayName',
    'role',
    'regionCode',
    'regionName',
    'enterpriseName',
    'enterpriseCreditCode',
    'status',
    'lastLoginAt',
    'createdAt',
  ],
  properties: {
    id: { type: 'string', format: 'uuid' },
    username: { type: 'string' },
    displayName: { type: 'string' },
    role: { type: 'string', enum: ROLES },
    regionCode: { type: 'string' },
    regionName: { type: 'string' },
    enterpriseName: nullableString,
    enterpriseCreditCode: nullableString,
    phone: nullableString,
    status: { type: 'string', enum: ['active', 'disabled', 'locked'] },
    lockedUntil: nullableDateTime,
    mustChangePassword: { type: 'boolean' },
    lastLoginAt: nullableDateTime,
    createdAt: dateTime,
    canManage: { type: 'boolean', description: 'the caller may disable, unlock or reset this account' },
  },
} as const;

export const pageQuery = {
  page: { type: 'integer', minimum: 1, default: 1 },
  pageSize: { type: 'integer', minimum: 1, maximum: 200, default: 20 },
} as const;

export const loginBody = {
  type: 'object',
  required: ['username', 'password'],
  additionalProperties: false,
  properties: {
    username: { type: 'string', minLength: 1, maxLength: 64 },
    password: { type: 'string', minLength: 1, maxLength: 128 },
  },
} as const;

export const changePasswordBody = {
  type: 'object',
  required: ['currentPassword', 'newPassword'],
  additionalProperties: false,
  properties: {
    currentPassword: { type: 'string', minLength: 1, maxLength: 128 },
    newPassword: { type: 'string', minLength: 1, maxLength: 128 },
  },
} as const;

const username = { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9_.-]{2,31}$', description: '3–32: letter first, then letters, digits, _ . -' } as const;
const displayName = { type: 'string', minLength: 1, maxLength: 50 } as const;
const creditCode = {
  type: 'string',
  pattern: '^[0-9A-HJ-NP-RTUW-Y]{2}\\d{6}[0-9A-HJ-NP-RTUW-Y]{10}$',
  description: '统一社会信用代码 (GB 32100-2015)',
} as const;
const phone = { type: 'string', pattern: '^[0-9+\\- ]{5,20}$' } as const;

export const createUserBody = {
  type: 'object',
  required: ['username', 'displayName', 'role', 'regionCode', 'password'],
  additionalProperties: false,
  properties: {
    username,
    displayName,
    role: { type: 'string', enum: ROLES },
    regionCode,
    password: { type: 'string', minLength: 1, maxLength: 128 },
    enterpriseName: { type: 'string', minLength: 1, maxLength: 100 },
    enterpriseCreditCode: creditCode,
    phone,
  },
} as const;

export const updateUserBody = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: {
    displayName,
    phone: { type: ['string', 'null'], pattern: '^[0-9+\\- ]{5,20}$' },
    disabled: { type: 'boolean' },
    unlock: { type: 'boolean', const: true },
    password: { type: 'string', minLength: 1, maxLength: 128, description: 'reset: the user must change it at next login' },
  },
} as const;

export const listUsersQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ...pageQuery,
    q: { type: 'string', maxLength: 64 },
    role: { type: 'string', enum: ROLES },
    regionCode,
    status: { type: 'string', enum: ['active', 'disabled', 'locked'] },
  },
} as const;

export const idParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', format: 'uuid' } },
} as const;

export const auditEntry = {
  $id: 'AuditEntry',
  type: 'object',
  properties: {
    seq: { type: 'integer' },
    occurredAt: dateTime,
    actorUsername: nullableString,
    actorRole: nullableString,
    ip: nullableString,
    requestId: nullableString,
    action: { type: 'string' },
    entityType: { type: 'string' },
    entityId: nullableString,
    regionCode: nullableString,
    before: {},
    after: {},
    hash: { type: 'string' },
  },
} as const;

export const listAuditQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ...pageQuery,
    actor: { type: 'string', maxLength: 64 },
    action: { type: 'string', maxLength: 64 },
    entityType: { type: 'string', maxLength: 64 },
    entityId: { type: 'string', maxLength: 100 },
    from: { type: 'string', format: 'date', description: 'first day (Asia/Shanghai), inclusive' },
    to: { type: 'string', format: 'date', description: 'last day (Asia/Shanghai), inclusive' },
  },
} as const;

export const regionQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { regionCode },
} as const;

export const sharedSchemas = [errorResponse, regionNode, me, user, auditEntry];

export const pageOf = (itemRef: string) => ({
  type: 'object',
  required: ['items', 'total', 'page', 'pageSize'],
  properties: { items: { type: 'array', items: { $ref: itemRef } }, total: { type: 'integer' }, page: { type: 'integer' }, pageSize: { type: 'integer' } },
});

const count = { type: 'integer' } as const;
export const dashboardSummary = {
  type: 'object',
  properties: {
    regionCode: { type: 'string' },
    regionName: { type: 'string' },
    demo: { type: 'boolean' },
    counts: {
      type: 'object',
      properties: {
        regions: { type: 'object', properties: { county: count, township: count } },
        users: {
          type: 'object',
          properties: { total: count, active: count, byRole: { type: 'object', properties: Object.fromEntries(ROLES.map((r) => [r, count])) } },
        },
        auditEventsToday: count,
        loginsToday: count,
        failedLoginsToday: count,
      },
    },
    auditByDay: { type: 'array', items: { type: 'object', properties: { date: { type: 'string', format: 'date' }, count } } },
    usersByRegion: { type: 'array', items: { type: 'object', properties: { regionCode: { type: 'string' }, regionName: { type: 'string' }, count } } },
  },
} as const;
