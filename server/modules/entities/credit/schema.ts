import { CREDIT_CLASS_SORTS } from '../../../../common/credit-risk/api.ts';
import { CREDIT_CLASSES, CREDIT_FACTORS } from '../../../../common/credit-risk/model.ts';
import { pageQuery } from '../../platform/schema.ts';

/** Request/response JSON Schemas of the credit-risk classes (validation + OpenAPI). Types: common/credit-risk/api.ts. */

export { errors, idParams } from '../../platform/schema.ts';

const period = { type: 'string', pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$', description: '期次 YYYY-MM' } as const;
const creditClass = { type: 'string', enum: CREDIT_CLASSES } as const;
const counts = { type: 'object', properties: Object.fromEntries(CREDIT_CLASSES.map((c) => [c, { type: 'integer' }])) } as const;
const factorValue = { description: 'count, flag, full years (null = unknown) or the certification kinds counted' } as const;

const factorLine = {
  type: 'object',
  properties: { factor: { type: 'string', enum: CREDIT_FACTORS }, value: factorValue, points: { type: 'integer' } },
} as const;

export const listQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ...pageQuery,
    period,
    regionCode: { type: 'string', pattern: '^\\d{6}(\\d{3})?$' },
    class: creditClass,
    q: { type: 'string', maxLength: 100 },
    adjusted: { type: 'boolean' },
    sort: { type: 'string', enum: CREDIT_CLASS_SORTS, default: 'score' },
    order: { type: 'string', enum: ['asc', 'desc'], default: 'desc' },
  },
} as const;

const item = {
  type: 'object',
  properties: {
    entityId: { type: 'string' },
    creditCode: { type: 'string' },
    name: { type: 'string' },
    regionCode: { type: 'string' },
    regionName: { type: 'string' },
    countyName: { type: ['string', 'null'] },
    class: creditClass,
    computedClass: creditClass,
    adjusted: { type: 'boolean' },
    score: { type: 'integer' },
    mainFactors: { type: 'array', items: factorLine },
    modelVersion: { type: 'integer' },
    isDemo: { type: 'boolean' },
  },
} as const;

export const listResponse = {
  type: 'object',
  properties: {
    period: { type: ['string', 'null'] },
    periods: { type: 'array', items: { type: 'string' } },
    counts,
    byRegion: {
      type: 'array',
      items: { type: 'object', properties: { regionCode: { type: 'string' }, regionName: { type: 'string' }, counts } },
    },
    run: {
      type: ['object', 'null'],
      properties: {
        period: { type: 'string' },
        modelVersion: { type: 'integer' },
        asOf: { type: 'string' },
        entities: { type: 'integer' },
        finishedAt: { type: 'string' },
        runBy: { type: ['string', 'null'] },
      },
    },
    items: { type: 'array', items: item },
    total: { type: 'integer' },
    page: { type: 'integer' },
    pageSize: { type: 'integer' },
    canAdjust: { type: 'boolean' },
    canRecompute: { type: 'boolean' },
  },
} as const;

const adjustment = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    period: { type: 'string' },
    fromClass: creditClass,
    toClass: creditClass,
    reason: { type: 'string' },
    adjustedBy: { type: ['string', 'null'] },
    adjustedAt: { type: 'string' },
  },
} as const;

export const record = {
  type: 'object',
  properties: {
    period: { type: 'string' },
    class: creditClass,
    computedClass: creditClass,
    adjusted: { type: 'boolean' },
    score: { type: 'integer' },
    baseScore: { type: 'integer' },
    floor: { type: ['string', 'null'] },
    factors: { type: 'array', items: factorLine },
    modelVersion: { type: 'integer' },
    asOf: { type: 'string' },
    computedAt: { type: 'string' },
    adjustments: { type: 'array', items: adjustment },
  },
} as const;

/** A model version; factors and thresholds as stored (see common/credit-risk/model.ts). */
export const model = {
  type: 'object',
  properties: {
    version: { type: 'integer' },
    effectiveFrom: { type: 'string' },
    baseScore: { type: 'integer' },
    thresholds: counts,
    factors: { type: 'object', additionalProperties: true },
    description: { type: 'string' },
    active: { type: 'boolean' },
    createdBy: { type: ['string', 'null'] },
    createdAt: { type: 'string' },
  },
} as const;

export const historyResponse = {
  type: 'object',
  properties: {
    entityId: { type: 'string' },
    creditCode: { type: 'string' },
    name: { type: 'string' },
    canAdjust: { type: 'boolean' },
    records: { type: 'array', items: record },
    models: { type: 'array', items: model },
  },
} as const;

export const adjustBody = {
  type: 'object',
  additionalProperties: false,
  required: ['period', 'toClass', 'reason'],
  properties: {
    period,
    toClass: creditClass,
    reason: { type: 'string', minLength: 5, maxLength: 500, description: '调整理由, at least 5 characters (audited)' },
  },
} as const;

export const recomputeBody = {
  type: 'object',
  additionalProperties: false,
  properties: { period: { ...period, description: '期次 YYYY-MM; default the current month (Asia/Shanghai)' } },
} as const;

export const recomputeResponse = {
  type: 'object',
  properties: {
    period: { type: 'string' },
    asOf: { type: 'string' },
    modelVersion: { type: 'integer' },
    entities: { type: 'integer' },
    counts,
    adjustmentsKept: { type: 'integer' },
    durationMs: { type: 'integer' },
  },
} as const;

/** The shape is checked here; the rules (A < B < C, caps, bands in order, known kinds) by validateCreditModel. */
export const modelBody = {
  type: 'object',
  additionalProperties: false,
  required: ['description', 'baseScore', 'thresholds', 'factors'],
  properties: {
    description: { type: 'string', maxLength: 4000, description: 'sources and which numbers are our choice (at least 20 characters)' },
    baseScore: { type: 'integer' },
    thresholds: { type: 'object' },
    factors: { type: 'object' },
  },
} as const;
