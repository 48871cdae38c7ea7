import {
  CERTIFICATION_KINDS,
  CERTIFICATION_STATUSES,
  ENTITY_EVENT_KINDS,
  ENTITY_SORTS,
  ENTITY_STATUSES,
  ENTITY_TYPES,
  LICENCE_KINDS,
  LICENCE_STATUSES,
  SPECIAL_LISTS,
} from '../../../common/entity-api.ts';
import { pageQuery } from '../platform/schema.ts';

/** Request/response JSON Schemas of the entities module (validation + OpenAPI). Types: common/entity-api.ts. */

export { errors, idParams, pageOf } from '../platform/schema.ts';

const nullableString = { type: ['string', 'null'] } as const;
const date = { type: 'string', format: 'date' } as const;
const nullableDate = { type: ['string', 'null'], format: 'date' } as const;
const text = (max: number) => ({ type: 'string', minLength: 1, maxLength: max }) as const;
const optionalText = (max: number) => ({ type: ['string', 'null'], maxLength: max }) as const;

export const summaryProperties = {
  id: { type: 'string' },
  creditCode: { type: 'string' },
  name: { type: 'string' },
  type: { type: 'string', enum: ENTITY_TYPES },
  industryCode: nullableString,
  industryName: nullableString,
  regionCode: { type: 'string' },
  regionName: { type: 'string' },
  countyCode: nullableString,
  countyName: nullableString,
  status: { type: 'string', enum: ENTITY_STATUSES },
  specialLists: { type: 'array', items: { type: 'string', enum: SPECIAL_LISTS } },
  legalRepresentative: nullableString,
  establishedOn: nullableString,
  licenceCount: { type: 'integer' },
  nextLicenceExpiry: nullableString,
  updatedAt: { type: 'string' },
  isDemo: { type: 'boolean' },
} as const;

export const entitySummarySchema = { $id: 'EntitySummary', type: 'object', properties: summaryProperties } as const;

export const licenceSchema = {
  $id: 'EntityLicence',
  type: 'object',
  properties: {
    id: { type: 'string' },
    kind: { type: 'string', enum: LICENCE_KINDS },
    number: { type: 'string' },
    productCategory: { type: 'string' },
    issuer: nullableString,
    issuedOn: { type: 'string' },
    expiresOn: { type: 'string' },
    status: { type: 'string', enum: LICENCE_STATUSES },
    expired: { type: 'boolean' },
    daysToExpiry: { type: 'integer' },
    isDemo: { type: 'boolean' },
  },
} as const;

export const certificationSchema = {
  $id: 'EntityCertification',
  type: 'object',
  properties: {
    id: { type: 'string' },
    kind: { type: 'string', enum: CERTIFICATION_KINDS },
    number: { type: 'string' },
    issuer: { type: 'string' },
    scope: nullableString,
    issuedOn: { type: 'string' },
    expiresOn: nullableString,
    status: { type: 'string', enum: CERTIFICATION_STATUSES },
    expired: { type: 'boolean' },
    isDemo: { type: 'boolean' },
  },
} as const;

export const eventSchema = {
  $id: 'EntityEvent',
  type: 'object',
  properties: {
    id: { type: 'integer' },
    occurredOn: { type: 'string' },
    kind: { type: 'string', enum: ENTITY_EVENT_KINDS },
    summary: { type: 'string' },
    sourceModule: { type: 'string' },
    reference: nullableString,
    details: { type: ['object', 'null'], additionalProperties: true },
    recordedAt: { type: 'string' },
    recordedBy: nullableString,
    isDemo: { type: 'boolean' },
  },
} as const;

export const entityDetailSchema = {
  $id: 'EntityDetail',
  type: 'object',
  properties: {
    ...summaryProperties,
    address: nullableString,
    createdAt: { type: 'string' },
    canEdit: { type: 'boolean' },
    licences: { type: 'array', items: { $ref: 'EntityLicence#' } },
    certifications: { type: 'array', items: { $ref: 'EntityCertification#' } },
    events: { type: 'array', items: { $ref: 'EntityEvent#' } },
    eventTotal: { type: 'integer' },
  },
} as const;

export const entitySchemas = [entitySummarySchema, licenceSchema, certificationSchema, eventSchema, entityDetailSchema];

export const creditCodeParams = {
  type: 'object',
  required: ['code'],
  properties: { code: { type: 'string', minLength: 1, maxLength: 40, description: '统一社会信用代码 as typed (case and blanks are ignored)' } },
} as const;

export const creditCodeVerdict = {
  type: 'object',
  required: ['valid', 'reason', 'expectedCheckChar'],
  properties: {
    valid: { type: 'boolean' },
    reason: { type: ['string', 'null'], description: '中文 / English sentence naming the position; null when valid' },
    expectedCheckChar: { type: ['string', 'null'], description: 'the check character positions 1–17 call for; null when fewer than 17 valid characters' },
  },
} as const;

export const listEntitiesQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ...pageQuery,
    regionCode: { type: 'string', pattern: '^\\d{6}(\\d{3})?$', description: '区划 subtree to list (region switcher)' },
    q: { type: 'string', maxLength: 100, description: 'name contains, or credit code starts with' },
    type: { type: 'string', enum: ENTITY_TYPES },
    industry: { type: 'string', pattern: '^[A-Ta-t]$|^\\d{2,4}$', description: 'GB/T 4754 section letter or code prefix' },
    status: { type: 'string', enum: ENTITY_STATUSES },
    specialList: { type: 'string', enum: SPECIAL_LISTS },
    licenceExpiringDays: { type: 'integer', minimum: 0, maximum: 3650, description: 'valid licence expiring within N days' },
    sort: { type: 'string', enum: ENTITY_SORTS, default: 'region' },
    order: { type: 'string', enum: ['asc', 'desc'], default: 'asc' },
  },
} as const;

export const eventsQuery = { type: 'object', additionalProperties: false, properties: { ...pageQuery } } as const;

const entityProperties = {
  creditCode: { type: 'string', minLength: 1, maxLength: 40, description: '统一社会信用代码 (GB 32100); stored upper-case' },
  name: text(200),
  type: { type: 'string', enum: ENTITY_TYPES },
  industryCode: { type: ['string', 'null'], maxLength: 4, description: 'GB/T 4754-2017 code, 2–4 digits' },
  regionCode: { type: 'string', pattern: '^\\d{6}(\\d{3})?$', description: '乡镇（街道）code (9 digits; a 6-digit code is refused with a reason)' },
  address: optionalText(300),
  legalRepresentative: optionalText(100),
  establishedOn: nullableDate,
  status: { type: 'string', enum: ENTITY_STATUSES },
  specialLists: { type: 'array', uniqueItems: true, items: { type: 'string', enum: SPECIAL_LISTS } },
} as const;

export const createEntityBody = {
  type: 'object',
  additionalProperties: false,
  required: ['creditCode', 'name', 'type', 'regionCode', 'status'],
  properties: entityProperties,
} as const;

export const updateEntityBody = { type: 'object', additionalProperties: false, minProperties: 1, properties: entityProperties } as const;

const licenceProperties = {
  kind: { type: 'string', enum: LICENCE_KINDS },
  number: text(60),
  productCategory: text(200),
  issuer: optionalText(100),
  issuedOn: date,
  expiresOn: date,
  status: { type: 'string', enum: LICENCE_STATUSES },
} as const;

export const licenceBody = {
  type: 'object',
  additionalProperties: false,
  required: ['kind', 'number', 'productCategory', 'issuedOn', 'expiresOn', 'status'],
  properties: licenceProperties,
} as const;
export const licencePatchBody = { type: 'object', additionalProperties: false, minProperties: 1, properties: licenceProperties } as const;

const certificationProperties = {
  kind: { type: 'string', enum: CERTIFICATION_KINDS },
  number: text(80),
  issuer: text(100),
  scope: optionalText(300),
  issuedOn: date,
  expiresOn: nullableDate,
  status: { type: 'string', enum: CERTIFICATION_STATUSES },
} as const;

export const certificationBody = {
  type: 'object',
  additionalProperties: false,
  required: ['kind', 'number', 'issuer', 'issuedOn', 'status'],
  properties: certificationProperties,
} as const;
export const certificationPatchBody = { type: 'object', additionalProperties: false, minProperties: 1, properties: certificationProperties } as const;

export const importBody = {
  type: 'object',
  additionalProperties: false,
  required: ['fileBase64', 'fileName'],
  properties: {
    fileBase64: { type: 'string', minLength: 1, description: 'the .xlsx or .csv file, base64' },
    fileName: { type: 'string', minLength: 1, maxLength: 200 },
    mode: { type: 'string', enum: ['all_or_nothing', 'valid_only'], default: 'all_or_nothing' },
    dryRun: { type: 'boolean', default: false },
  },
} as const;

export const importReport = {
  type: 'object',
  properties: {
    mode: { type: 'string' },
    dryRun: { type: 'boolean' },
    format: { type: 'string', enum: ['xlsx', 'csv'] },
    rowsRead: { type: 'integer' },
    rowsValid: { type: 'integer' },
    rowsImported: { type: 'integer' },
    created: { type: 'integer' },
    updated: { type: 'integer' },
    unchanged: { type: 'integer' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          row: { type: 'integer' },
          column: { type: 'string' },
          header: { type: 'string' },
          field: { type: 'string' },
          rule: { type: 'string' },
          message: { type: 'string' },
        },
      },
    },
    warnings: { type: 'array', items: { type: 'object', properties: { row: { type: 'integer' }, message: { type: 'string' } } } },
    importId: nullableString,
  },
} as const;

export const templateQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { format: { type: 'string', enum: ['xlsx', 'csv'], default: 'xlsx' } },
} as const;
