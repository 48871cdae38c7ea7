import { ENTERPRISE_GRADES, REGION_COLOURS } from '../../../../common/sampling/api.ts';
import { pageQuery } from '../../platform/schema.ts';

/** Request/response JSON Schemas of product grading (validation + OpenAPI). Types: common/sampling/api.ts. */

export { errors, pageOf } from '../../platform/schema.ts';

const str = { type: 'string' } as const;
const nullableString = { type: ['string', 'null'] } as const;
const nullableNumber = { type: ['number', 'null'] } as const;
const text = (max: number) => ({ type: 'string', minLength: 1, maxLength: max }) as const;
const regionCode = { type: 'string', pattern: '^\\d{6}(\\d{3})?$' } as const;
const year = { type: 'integer', minimum: 2000, maximum: 2100 } as const;

const gradeCounts = { type: 'object', properties: Object.fromEntries(ENTERPRISE_GRADES.map((g) => [g, { type: 'integer' }])) } as const;

export const regionGradeSchema = {
  $id: 'RegionGrade',
  type: 'object',
  properties: {
    regionCode: str,
    regionName: str,
    level: { type: 'string', enum: ['city', 'county', 'township'] },
    counts: gradeCounts,
    graded: { type: 'integer' },
    cShare: nullableNumber,
    colour: { type: ['string', 'null'], enum: [...REGION_COLOURS, null] },
    children: { type: 'array', items: { $ref: 'RegionGrade#' } },
  },
} as const;

const ruleParams = {
  type: 'object',
  additionalProperties: false,
  required: ['windowYears', 'cMinFailures', 'cOnHighRiskFailure', 'aaMinBatches', 'aaMinYears', 'colour', 'minGradedForColour'],
  properties: {
    windowYears: { type: 'integer', minimum: 1, maximum: 10 },
    cMinFailures: { type: 'integer', minimum: 1, maximum: 20 },
    cOnHighRiskFailure: { type: 'boolean' },
    aaMinBatches: { type: 'integer', minimum: 1, maximum: 50 },
    aaMinYears: { type: 'integer', minimum: 1, maximum: 10 },
    colour: {
      type: 'object',
      additionalProperties: false,
      required: ['red', 'yellow', 'blue'],
      properties: { red: { type: 'number' }, yellow: { type: 'number' }, blue: { type: 'number' } },
    },
    minGradedForColour: { type: 'integer', minimum: 1, maximum: 1000 },
  },
} as const;

export const gradingRuleSchema = {
  $id: 'GradingRule',
  type: 'object',
  properties: { version: { type: 'integer' }, params: ruleParams, reason: str, createdBy: nullableString, createdAt: str },
} as const;

export const regionGradingSchema = {
  $id: 'RegionGrading',
  type: 'object',
  properties: {
    year: { type: 'integer' },
    window: { type: 'object', properties: { fromYear: { type: 'integer' }, toYear: { type: 'integer' } } },
    rule: { $ref: 'GradingRule#' },
    root: { $ref: 'RegionGrade#' },
    isDemo: { type: 'boolean' },
  },
} as const;

export const gradedEnterpriseSchema = {
  $id: 'GradedEnterprise',
  type: 'object',
  properties: {
    entityId: str,
    creditCode: str,
    entityName: str,
    regionCode: str,
    regionName: str,
    countyName: nullableString,
    grade: { type: 'string', enum: ENTERPRISE_GRADES },
    reason: str,
    batches: { type: 'integer' },
    failures: { type: 'integer' },
    highRiskFailures: { type: 'integer' },
    yearsSampled: { type: 'integer' },
    lastSampledOn: str,
  },
} as const;

export const gradingRegionsQuery = { type: 'object', additionalProperties: false, properties: { year, regionCode } } as const;
export const gradedQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { ...pageQuery, year, regionCode, grade: { type: 'string', enum: ENTERPRISE_GRADES } },
} as const;
export const gradingRuleBody = {
  type: 'object',
  additionalProperties: false,
  required: ['params', 'reason'],
  properties: { params: ruleParams, reason: text(500) },
} as const;

export const gradingSchemas = [regionGradeSchema, gradingRuleSchema, regionGradingSchema, gradedEnterpriseSchema];
