import {
  ACCUMULATIONS,
  EVALUATION_KINDS,
  INDICATOR_DIRECTIONS,
  PROGRESS_STATUSES,
  PROJECT_KINDS,
  PROJECT_STATUSES,
  REGION_ROLLUPS,
  VALUE_PERIODS,
  VALUE_STATUSES,
} from '../../../common/plan-api.ts';
import { pageQuery } from '../platform/schema.ts';

/** Request/response JSON Schemas of the plan module (validation + OpenAPI). Types: common/plan-api.ts. */

export { errors, idParams, pageOf } from '../platform/schema.ts';

const regionCode = { type: 'string', pattern: '^\\d{6}$', description: '市或区县代码 / city or district/county code' } as const;
const year = { type: 'integer', minimum: 1990, maximum: 2100 } as const;
const date = { type: 'string', format: 'date' } as const;
const nullableNumber = { type: ['number', 'null'] } as const;
const nullableString = { type: ['string', 'null'] } as const;
const text = (max: number) => ({ type: 'string', minLength: 1, maxLength: max }) as const;
/** An open JSON object: the shape is documented in common/plan-api.ts; fast-json-stringify passes it through. */
const open = (description: string) => ({ type: 'object', additionalProperties: true, description }) as const;

export const planSchema = {
  $id: 'Plan',
  type: 'object',
  properties: {
    id: { type: 'string' },
    code: { type: 'string' },
    name: { type: 'string' },
    baseYear: { type: 'integer' },
    startYear: { type: 'integer' },
    endYear: { type: 'integer' },
    status: { type: 'string' },
    sourceNote: nullableString,
    indicatorCount: { type: 'integer' },
  },
} as const;

export const indicatorSchema = {
  $id: 'Indicator',
  type: 'object',
  properties: {
    id: { type: 'string' },
    planId: { type: 'string' },
    code: { type: 'string' },
    seq: { type: 'integer' },
    category: { type: 'string' },
    subCategory: nullableString,
    name: { type: 'string' },
    unit: { type: 'string' },
    target: { type: 'object', additionalProperties: true, description: '{"value": number} or {"text": string}' },
    targetYear: { type: 'integer' },
    direction: { type: 'string', enum: INDICATOR_DIRECTIONS },
    accumulation: { type: 'string', enum: ACCUMULATIONS },
    regionRollup: { type: 'string', enum: REGION_ROLLUPS },
    baseline: { type: 'object', properties: { year: { type: 'integer' }, value: nullableNumber, source: nullableString } },
    leadUnit: nullableString,
    responsibleUnits: { type: 'object', additionalProperties: { type: 'string' } },
    valueMin: nullableNumber,
    valueMax: nullableNumber,
    yoyBand: { type: 'number' },
    limit: nullableNumber,
    decimals: { type: 'integer' },
    note: nullableString,
  },
} as const;

export const valueSchema = {
  $id: 'IndicatorValue',
  type: 'object',
  properties: {
    id: { type: 'string' },
    indicatorId: { type: 'string' },
    indicatorCode: { type: 'string' },
    indicatorName: { type: 'string' },
    unit: { type: 'string' },
    regionCode: { type: 'string' },
    regionName: { type: 'string' },
    year: { type: 'integer' },
    period: { type: 'string' },
    version: { type: 'integer' },
    value: { type: 'number' },
    numerator: nullableNumber,
    denominator: nullableNumber,
    sourceNote: nullableString,
    attachment: { type: ['object', 'null'], additionalProperties: true },
    status: { type: 'string', enum: VALUE_STATUSES },
    correctionReason: nullableString,
    returnReason: nullableString,
    warnings: { type: 'array', items: { type: 'object', properties: { rule: { type: 'string' }, message: { type: 'string' } } } },
    createdBy: nullableString,
    createdAt: { type: 'string' },
    submittedAt: nullableString,
    reviewedBy: nullableString,
    reviewedAt: nullableString,
    isDemo: { type: 'boolean' },
  },
} as const;

export const planSchemas = [planSchema, indicatorSchema, valueSchema];

export const planIdParams = { type: 'object', required: ['planId'], properties: { planId: { type: 'string', format: 'uuid' } } } as const;
export const planYearParams = {
  type: 'object',
  required: ['planId', 'year'],
  properties: { planId: { type: 'string', format: 'uuid' }, year },
} as const;

export const createPlanBody = {
  type: 'object',
  additionalProperties: false,
  required: ['code', 'name', 'baseYear', 'startYear', 'endYear'],
  properties: {
    code: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{2,63}$' },
    name: text(200),
    baseYear: year,
    startYear: year,
    endYear: year,
    sourceNote: { type: ['string', 'null'], maxLength: 500 },
  },
} as const;

export const updatePlanBody = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: { name: text(200), status: { type: 'string', enum: ['draft', 'active', 'closed'] }, sourceNote: { type: ['string', 'null'], maxLength: 500 } },
} as const;

const indicatorProps = {
  code: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,16}$' },
  seq: { type: 'integer', minimum: 1, maximum: 999 },
  category: text(50),
  subCategory: { type: ['string', 'null'], maxLength: 50 },
  name: text(200),
  unit: text(30),
  targetValue: nullableNumber,
  targetText: { type: ['string', 'null'], maxLength: 100 },
  targetYear: year,
  direction: { type: 'string', enum: INDICATOR_DIRECTIONS },
  accumulation: { type: 'string', enum: ACCUMULATIONS },
  regionRollup: { type: 'string', enum: REGION_ROLLUPS },
  baselineValue: nullableNumber,
  baselineSource: { type: ['string', 'null'], maxLength: 500 },
  leadUnit: { type: ['string', 'null'], maxLength: 100 },
  valueMin: nullableNumber,
  valueMax: nullableNumber,
  yoyBand: { type: 'number', exclusiveMinimum: 0, maximum: 100 },
  limit: nullableNumber,
  decimals: { type: 'integer', minimum: 0, maximum: 6 },
  note: { type: ['string', 'null'], maxLength: 1000 },
} as const;

export const createIndicatorBody = {
  type: 'object',
  additionalProperties: false,
  required: ['code', 'seq', 'category', 'name', 'unit', 'targetYear', 'direction', 'accumulation', 'regionRollup'],
  properties: indicatorProps,
} as const;

export const updateIndicatorBody = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: {
    ...indicatorProps,
    responsibleUnits: { type: 'object', propertyNames: { pattern: '^\\d{6}$' }, additionalProperties: { type: 'string', maxLength: 100 } },
  },
} as const;

export const referenceValueParams = {
  type: 'object',
  required: ['id', 'year'],
  properties: { id: { type: 'string', format: 'uuid' }, year },
} as const;
export const referenceValueBody = {
  type: 'object',
  additionalProperties: false,
  required: ['value', 'source'],
  properties: { value: { type: 'number' }, source: text(300) },
} as const;

export const regionTargetParams = {
  type: 'object',
  required: ['id', 'regionCode'],
  properties: { id: { type: 'string', format: 'uuid' }, regionCode },
} as const;
export const regionTargetBody = {
  type: 'object',
  additionalProperties: false,
  required: ['targetValue'],
  properties: { targetValue: nullableNumber },
} as const;

export const listValuesQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ...pageQuery,
    year,
    regionCode,
    status: { type: 'string', enum: VALUE_STATUSES },
    indicatorId: { type: 'string', format: 'uuid' },
    sort: { type: 'string', enum: ['updated_desc', 'indicator', 'region'] },
  },
} as const;

const valueFields = {
  value: { type: 'number' },
  numerator: nullableNumber,
  denominator: { type: ['number', 'null'], exclusiveMinimum: 0 },
  sourceNote: { type: ['string', 'null'], maxLength: 500 },
  attachmentId: { type: ['string', 'null'], format: 'uuid' },
} as const;

export const saveValueBody = {
  type: 'object',
  additionalProperties: false,
  required: ['indicatorId', 'regionCode', 'year', 'value'],
  properties: {
    indicatorId: { type: 'string', format: 'uuid' },
    regionCode,
    year,
    period: { type: 'string', enum: VALUE_PERIODS },
    ...valueFields,
    correctionReason: { type: 'string', minLength: 1, maxLength: 500 },
  },
} as const;

export const editValueBody = { type: 'object', additionalProperties: false, minProperties: 1, properties: valueFields } as const;
export const returnBody = { type: 'object', additionalProperties: false, required: ['reason'], properties: { reason: text(500) } } as const;
export const batchBody = {
  type: 'object',
  additionalProperties: false,
  required: ['ids'],
  properties: { ids: { type: 'array', minItems: 1, maxItems: 500, items: { type: 'string', format: 'uuid' } } },
} as const;

export const templateQuery = {
  type: 'object',
  additionalProperties: false,
  required: ['year', 'regionCode'],
  properties: { year, regionCode },
} as const;
export const importBody = {
  type: 'object',
  additionalProperties: false,
  required: ['fileBase64', 'year', 'regionCode'],
  properties: {
    fileBase64: { type: 'string', minLength: 1, maxLength: 8_000_000 },
    year,
    regionCode,
    mode: { type: 'string', enum: ['all_or_nothing', 'valid_only'], default: 'all_or_nothing' },
    dryRun: { type: 'boolean', default: false },
  },
} as const;
export const indicatorImportBody = {
  type: 'object',
  additionalProperties: false,
  required: ['fileBase64'],
  properties: {
    fileBase64: { type: 'string', minLength: 1, maxLength: 8_000_000 },
    mode: { type: 'string', enum: ['all_or_nothing', 'valid_only'], default: 'all_or_nothing' },
    dryRun: { type: 'boolean', default: false },
  },
} as const;
export const importReport = open('ImportReport: {mode, rowsRead, rowsValid, rowsImported, errors: [{row, column, cell, field, rule, message}], warnings}');

export const uploadBody = {
  type: 'object',
  additionalProperties: false,
  required: ['fileName', 'contentType', 'contentBase64'],
  properties: { fileName: text(200), contentType: text(100), contentBase64: { type: 'string', minLength: 1, maxLength: 7_000_000 } },
} as const;

export const measureBody = {
  type: 'object',
  additionalProperties: false,
  required: ['baseYear', 'baseValue', 'currentYear', 'currentValue', 'targetYear', 'target', 'direction', 'accumulation'],
  properties: {
    baseYear: year,
    baseValue: nullableNumber,
    currentYear: { type: ['integer', 'null'], minimum: 1990, maximum: 2100, description: 'null when there is no current observation (→ not_available)' },
    currentValue: nullableNumber,
    targetYear: year,
    target: nullableNumber,
    direction: { type: 'integer', enum: [1, -1] },
    limit: { type: ['number', 'null'], default: null },
    accumulation: { type: 'string', enum: ACCUMULATIONS },
    series: {
      type: 'array',
      maxItems: 100,
      items: { type: 'object', additionalProperties: false, required: ['year', 'value'], properties: { year, value: { type: 'number' } } },
    },
  },
} as const;
export const measureResponse = {
  type: 'object',
  additionalProperties: true,
  properties: {
    progressValue: nullableNumber,
    score: nullableNumber,
    status: { type: 'string', enum: PROGRESS_STATUSES },
    method: { type: 'string' },
    methodVersion: { type: 'string' },
  },
} as const;

export const progressQuery = { type: 'object', additionalProperties: false, properties: { year, regionCode } } as const;
export const progressList = { type: 'object', properties: { items: { type: 'array', items: open('IndicatorProgress') } } } as const;
export const dashboardResponse = open('PlanDashboard');

export const createEvaluationBody = {
  type: 'object',
  additionalProperties: false,
  required: ['kind', 'dataYear', 'asOf', 'title'],
  properties: {
    kind: { type: 'string', enum: EVALUATION_KINDS },
    dataYear: year,
    asOf: date,
    title: text(200),
    narrative: { type: 'string', maxLength: 20000 },
  },
} as const;
export const updateEvaluationBody = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: { title: text(200), narrative: { type: 'string', maxLength: 20000 }, asOf: date },
} as const;
export const evaluationResponse = open('Evaluation (with its snapshot)');

const statusPoints = {
  type: 'object',
  additionalProperties: false,
  required: [...PROGRESS_STATUSES],
  properties: Object.fromEntries(PROGRESS_STATUSES.map((s) => [s, { type: 'number', minimum: 0, maximum: 1 }])),
};
export const rubricBody = {
  type: 'object',
  additionalProperties: false,
  required: ['weights', 'statusPoints'],
  properties: {
    weights: { type: 'object', additionalProperties: { type: 'number', minimum: 0, maximum: 100 } },
    statusPoints,
    note: { type: ['string', 'null'], maxLength: 500 },
  },
};
export const adjustmentBody = {
  type: 'object',
  additionalProperties: false,
  required: ['regionCode', 'kind', 'points', 'reason'],
  properties: {
    regionCode,
    kind: { type: 'string', enum: ['bonus', 'penalty'] },
    points: { type: 'number', exclusiveMinimum: 0, maximum: 100 },
    reason: text(500),
  },
} as const;
export const assessmentResponse = open('AssessmentResult');

export const listProjectsQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { kind: { type: 'string', enum: PROJECT_KINDS }, status: { type: 'string', enum: PROJECT_STATUSES } },
} as const;
export const projectResponse = open('KeyProject');
export const updateProjectBody = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: { leadUnit: { type: ['string', 'null'], maxLength: 100 }, status: { type: 'string', enum: PROJECT_STATUSES } },
} as const;
export const milestoneBody = {
  type: 'object',
  additionalProperties: false,
  required: ['title', 'dueDate'],
  properties: { title: text(200), dueDate: date },
} as const;
export const milestoneDoneBody = {
  type: 'object',
  additionalProperties: false,
  required: ['completedAt'],
  properties: { completedAt: { type: ['string', 'null'], format: 'date' } },
} as const;
export const projectUpdateBody = {
  type: 'object',
  additionalProperties: false,
  required: ['content'],
  properties: {
    content: text(5000),
    statusAfter: { type: ['string', 'null'], enum: [...PROJECT_STATUSES, null] },
    attachmentId: { type: ['string', 'null'], format: 'uuid' },
  },
} as const;
