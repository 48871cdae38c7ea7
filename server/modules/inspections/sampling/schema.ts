import { FINAL_VIAS, RETEST_RULE_CODES, RISK_LEVELS, SAMPLE_SORTS, SAMPLE_STATUSES, VERDICTS } from '../../../../common/sampling/api.ts';
import { pageQuery } from '../../platform/schema.ts';

/** Request/response JSON Schemas of supervision sampling and grading (validation + OpenAPI). Types: common/sampling/api.ts. */

export { errors, idParams, pageOf } from '../../platform/schema.ts';

const str = { type: 'string' } as const;
const nullableString = { type: ['string', 'null'] } as const;
const nullableNumber = { type: ['number', 'null'] } as const;
const date = { type: 'string', format: 'date' } as const;
const nullableDate = { type: ['string', 'null'], format: 'date' } as const;
const text = (max: number) => ({ type: 'string', minLength: 1, maxLength: max }) as const;
const optionalText = (max: number) => ({ type: ['string', 'null'], maxLength: max }) as const;
const verdict = { type: 'string', enum: VERDICTS } as const;
const nullableVerdict = { type: ['string', 'null'], enum: [...VERDICTS, null] } as const;
const regionCode = { type: 'string', pattern: '^\\d{6}(\\d{3})?$' } as const;
const year = { type: 'integer', minimum: 2000, maximum: 2100 } as const;
const uuid = { type: 'string', format: 'uuid' } as const;

const retestRule = { type: 'string', enum: RETEST_RULE_CODES } as const;

const categoryProperties = {
  id: str,
  code: str,
  name: str,
  riskLevel: { type: 'string', enum: RISK_LEVELS },
  planIndicatorCode: nullableString,
  basis: nullableString,
  retestRule,
  active: { type: 'boolean' },
  version: { type: 'integer' },
  updatedAt: str,
  isDemo: { type: 'boolean' },
} as const;
export const categorySchema = { $id: 'SamplingCategory', type: 'object', properties: categoryProperties } as const;

export const categoryVersionSchema = {
  $id: 'SamplingCategoryVersion',
  type: 'object',
  properties: {
    version: { type: 'integer' },
    code: str,
    name: str,
    riskLevel: { type: 'string', enum: RISK_LEVELS },
    planIndicatorCode: nullableString,
    basis: nullableString,
    retestRule,
    active: { type: 'boolean' },
    reason: str,
    changedBy: nullableString,
    changedAt: str,
  },
} as const;

export const planSchema = {
  $id: 'SamplingPlan',
  type: 'object',
  properties: {
    id: str,
    year: { type: 'integer' },
    categoryId: str,
    categoryName: str,
    regionCode: str,
    regionName: str,
    title: str,
    plannedBatches: { type: 'integer' },
    notes: nullableString,
    sampledBatches: { type: 'integer' },
    finalBatches: { type: 'integer' },
    failedBatches: { type: 'integer' },
    canEdit: { type: 'boolean' },
    isDemo: { type: 'boolean' },
  },
} as const;

const retestWindow = {
  type: ['object', 'null'],
  properties: { rule: retestRule, lastDay: nullableString, daysLeft: { type: ['integer', 'null'] }, open: { type: 'boolean' } },
} as const;

const summaryProperties = {
  id: str,
  sampleNo: str,
  year: { type: 'integer' },
  categoryId: str,
  categoryCode: str,
  categoryName: str,
  riskLevel: { type: ['string', 'null'], enum: [...RISK_LEVELS, null] },
  entityId: str,
  creditCode: str,
  entityName: str,
  regionCode: str,
  regionName: str,
  countyCode: nullableString,
  countyName: nullableString,
  productName: str,
  brand: nullableString,
  spec: nullableString,
  batch: nullableString,
  sampledOn: str,
  status: { type: 'string', enum: SAMPLE_STATUSES },
  conclusion: nullableVerdict,
  finalConclusion: nullableVerdict,
  retestWindow,
  publishedAt: nullableString,
  isDemo: { type: 'boolean' },
} as const;
export const sampleSummarySchema = { $id: 'SampleSummary', type: 'object', properties: summaryProperties } as const;

export const testItemSchema = {
  $id: 'SampleTestItem',
  type: 'object',
  properties: {
    id: str,
    seq: { type: 'integer' },
    name: str,
    method: nullableString,
    standard: nullableString,
    unit: nullableString,
    limitMin: nullableNumber,
    limitMax: nullableNumber,
    limitText: nullableString,
    resultValue: nullableNumber,
    resultText: nullableString,
    verdict: nullableVerdict,
    verdictSource: { type: ['string', 'null'], enum: ['computed', 'entered', null] },
    retestValue: nullableNumber,
    retestText: nullableString,
    retestVerdict: nullableVerdict,
  },
} as const;

export const sampleDetailSchema = {
  $id: 'SampleDetail',
  type: 'object',
  properties: {
    ...summaryProperties,
    planId: nullableString,
    planTitle: nullableString,
    samplingPlace: nullableString,
    lab: nullableString,
    computedConclusion: nullableVerdict,
    overrideConclusion: nullableVerdict,
    overrideReason: nullableString,
    reportNo: nullableString,
    reportDate: nullableString,
    notifiedOn: nullableString,
    retestRule,
    retestRequestedOn: nullableString,
    retestNote: nullableString,
    retestLab: nullableString,
    retestReportNo: nullableString,
    retestReportDate: nullableString,
    retestConclusion: nullableVerdict,
    finalVia: { type: ['string', 'null'], enum: [...FINAL_VIAS, null] },
    finalOn: nullableString,
    publicationDeadline: nullableString,
    items: { type: 'array', items: { $ref: 'SampleTestItem#' } },
    createdAt: str,
    actions: {
      type: 'object',
      properties: Object.fromEntries(['edit', 'issue', 'notify', 'requestRetest', 'recordRetest', 'finalize', 'publish'].map((k) => [k, { type: 'boolean' }])),
    },
  },
} as const;

const passRateRowProperties = {
  regionCode: str,
  regionName: str,
  categoryId: nullableString,
  categoryCode: nullableString,
  categoryName: nullableString,
  planIndicatorCode: nullableString,
  batches: { type: 'integer' },
  passed: { type: 'integer' },
  failed: { type: 'integer' },
  pending: { type: 'integer' },
  passRate: nullableNumber,
} as const;

export const passRateReportSchema = {
  $id: 'SamplingPassRates',
  type: 'object',
  properties: {
    year: { type: 'integer' },
    regionCode: str,
    regionName: str,
    rows: { type: 'array', items: { type: 'object', properties: passRateRowProperties } },
    totals: { type: 'array', items: { type: 'object', properties: passRateRowProperties } },
    offers: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          indicatorCode: str,
          regionCode: str,
          regionName: str,
          categoryNames: { type: 'array', items: str },
          batches: { type: 'integer' },
          passed: { type: 'integer' },
          pending: { type: 'integer' },
          passRate: nullableNumber,
          canDraft: { type: 'boolean' },
        },
      },
    },
    isDemo: { type: 'boolean' },
  },
} as const;

export const publicFailureSchema = {
  $id: 'PublicSamplingFailure',
  type: 'object',
  additionalProperties: false,
  properties: {
    enterpriseName: str,
    countyName: nullableString,
    productName: str,
    brand: nullableString,
    spec: nullableString,
    batch: nullableString,
    categoryName: str,
    sampledOn: str,
    failedItems: {
      type: 'array',
      items: { type: 'object', additionalProperties: false, properties: { name: str, requirement: nullableString, result: nullableString } },
    },
    publishedOn: str,
  },
} as const;

export const samplingSchemas = [
  categorySchema,
  categoryVersionSchema,
  planSchema,
  sampleSummarySchema,
  testItemSchema,
  sampleDetailSchema,
  passRateReportSchema,
  publicFailureSchema,
];

// ---- requests ----

export const categoryBody = {
  type: 'object',
  additionalProperties: false,
  required: ['code', 'name', 'riskLevel'],
  properties: {
    code: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9_-]{1,31}$' },
    name: text(100),
    riskLevel: { type: 'string', enum: RISK_LEVELS },
    planIndicatorCode: { type: ['string', 'null'], pattern: '^[A-Za-z0-9_-]{1,20}$' },
    basis: optionalText(500),
    retestRule,
  },
} as const;

export const categoryPatchBody = {
  type: 'object',
  additionalProperties: false,
  required: ['reason'],
  properties: {
    name: text(100),
    riskLevel: { type: 'string', enum: RISK_LEVELS },
    planIndicatorCode: { type: ['string', 'null'], pattern: '^[A-Za-z0-9_-]{1,20}$' },
    basis: optionalText(500),
    retestRule,
    active: { type: 'boolean' },
    reason: text(500),
  },
} as const;

export const categoriesQuery = { type: 'object', additionalProperties: false, properties: { includeInactive: { type: 'boolean', default: false } } } as const;

export const plansQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { ...pageQuery, year, regionCode, categoryId: uuid },
} as const;

const planFields = {
  year,
  categoryId: uuid,
  regionCode,
  title: text(200),
  plannedBatches: { type: 'integer', minimum: 1, maximum: 100000 },
  notes: optionalText(1000),
} as const;
export const planBody = {
  type: 'object',
  additionalProperties: false,
  required: ['year', 'categoryId', 'regionCode', 'title', 'plannedBatches'],
  properties: planFields,
} as const;
export const planPatchBody = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: { title: planFields.title, plannedBatches: planFields.plannedBatches, notes: planFields.notes },
} as const;

const itemInput = {
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: {
    name: text(200),
    method: optionalText(200),
    standard: optionalText(200),
    unit: optionalText(40),
    limitMin: nullableNumber,
    limitMax: nullableNumber,
    limitText: optionalText(300),
    resultValue: nullableNumber,
    resultText: optionalText(200),
    verdict: nullableVerdict,
  },
} as const;

const sampleFields = {
  creditCode: { type: 'string', minLength: 1, maxLength: 40, description: '统一社会信用代码 of a registered entity in your region' },
  planId: { type: ['string', 'null'], format: 'uuid' },
  categoryId: uuid,
  productName: text(200),
  spec: optionalText(200),
  brand: optionalText(100),
  batch: optionalText(100),
  sampledOn: date,
  samplingPlace: optionalText(300),
  lab: optionalText(200),
  items: { type: 'array', maxItems: 200, items: itemInput },
} as const;
export const sampleBody = {
  type: 'object',
  additionalProperties: false,
  required: ['creditCode', 'categoryId', 'productName', 'sampledOn', 'items'],
  properties: sampleFields,
} as const;
export const samplePatchBody = { type: 'object', additionalProperties: false, minProperties: 1, properties: sampleFields } as const;

export const samplesQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ...pageQuery,
    year,
    regionCode,
    categoryId: uuid,
    status: { type: 'string', enum: SAMPLE_STATUSES },
    finalConclusion: verdict,
    q: { type: 'string', maxLength: 100 },
    sort: { type: 'string', enum: SAMPLE_SORTS, default: 'sampledOn' },
    order: { type: 'string', enum: ['asc', 'desc'], default: 'desc' },
  },
} as const;

export const issueBody = {
  type: 'object',
  additionalProperties: false,
  required: ['reportNo', 'reportDate'],
  properties: {
    reportNo: text(100),
    reportDate: date,
    notifiedOn: nullableDate,
    override: {
      type: ['object', 'null'],
      additionalProperties: false,
      required: ['conclusion', 'reason'],
      properties: { conclusion: verdict, reason: text(500) },
    },
  },
} as const;

export const notifyBody = { type: 'object', additionalProperties: false, required: ['notifiedOn'], properties: { notifiedOn: date } } as const;

export const retestRequestBody = {
  type: 'object',
  additionalProperties: false,
  properties: { requestedOn: date, note: optionalText(500) },
} as const;

export const retestResultBody = {
  type: 'object',
  additionalProperties: false,
  required: ['lab', 'reportNo', 'reportDate', 'items'],
  properties: {
    lab: text(200),
    reportNo: text(100),
    reportDate: date,
    items: {
      type: 'array',
      minItems: 1,
      maxItems: 200,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['itemId'],
        properties: { itemId: uuid, resultValue: nullableNumber, resultText: optionalText(200), verdict: nullableVerdict },
      },
    },
  },
} as const;

export const finalizeDueBody = { type: 'object', additionalProperties: false, properties: { regionCode } } as const;
export const finalizeDueResult = {
  type: 'object',
  properties: { finalized: { type: 'integer' }, sampleIds: { type: 'array', items: str } },
} as const;

export const passRatesQuery = {
  type: 'object',
  additionalProperties: false,
  required: ['year'],
  properties: { year, regionCode, category: { type: 'string', minLength: 1, maxLength: 40, description: 'category code or id' } },
} as const;

export const planDraftBody = {
  type: 'object',
  additionalProperties: false,
  required: ['year', 'regionCode', 'indicatorCode'],
  properties: { year, regionCode, indicatorCode: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,20}$' }, correctionReason: text(500) },
} as const;

export const planDraftResult = {
  type: 'object',
  properties: {
    valueId: str,
    indicatorCode: str,
    indicatorName: str,
    regionCode: str,
    regionName: str,
    year: { type: 'integer' },
    value: { type: 'number' },
    numerator: nullableNumber,
    denominator: nullableNumber,
    status: str,
    sourceNote: nullableString,
  },
} as const;

export const publicPage = {
  type: 'object',
  properties: {
    items: { type: 'array', items: { $ref: 'PublicSamplingFailure#' } },
    total: { type: 'integer' },
    page: { type: 'integer' },
    pageSize: { type: 'integer' },
    demo: { type: 'boolean', description: 'true when the list shows generated demo data' },
  },
} as const;

export const publicFailuresQuery = { type: 'object', additionalProperties: false, properties: { ...pageQuery, year } } as const;
