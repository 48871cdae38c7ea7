import { RISK_CLASSES } from '../../../common/draw/types.ts';
import { ENTITY_STATUSES, SPECIAL_LISTS } from '../../../common/entity-api.ts';
import { ITEM_KINDS, ITEM_STATUSES, PUBLICATION_STATES, RECUSAL_STATUSES, TASK_KINDS, TASK_STATUSES } from '../../../common/inspection-api.ts';
import { pageQuery } from '../platform/schema.ts';
import { myTargetSchema, publicTaskSummarySchema, taskTargetSchema } from './results/schema.ts';

/** Request/response JSON Schemas of the inspections module (validation + OpenAPI). Types: common/inspection-api.ts. */

export { errors, idParams, pageOf } from '../platform/schema.ts';
export * from './results/schema.ts';

const str = { type: 'string' } as const;
const nullableString = { type: ['string', 'null'] } as const;
const int = { type: 'integer' } as const;
const bool = { type: 'boolean' } as const;
const date = { type: 'string', format: 'date' } as const;
const nullableDate = { type: ['string', 'null'], format: 'date' } as const;
const text = (max: number) => ({ type: 'string', minLength: 1, maxLength: max }) as const;
const optionalText = (max: number) => ({ type: ['string', 'null'], maxLength: max }) as const;
const uuid = { type: 'string', format: 'uuid' } as const;
const regionCode = { type: 'string', pattern: '^\\d{6}(\\d{3})?$', description: '行政区划代码 (6 or 9 digits)' } as const;
const creditCode = { type: 'string', pattern: '^[0-9A-Za-z]{18}$', description: '统一社会信用代码' } as const;
const ratios = {
  type: 'object',
  required: [...RISK_CLASSES],
  additionalProperties: false,
  properties: Object.fromEntries(RISK_CLASSES.map((c) => [c, { type: 'integer', minimum: 0, maximum: 10000 }])),
  description: 'Sampling ratio per credit class in basis points (500 = 5 %)',
} as const;
const regionRule = { type: 'string', enum: ['none', 'county', 'township'] } as const;
const hex64 = { type: ['string', 'null'], pattern: '^[0-9a-f]{64}$' } as const;

// --- registers ---

const conflict = { type: 'object', properties: { creditCode: str, reason: str, declaredAt: str } } as const;

export const inspectorSchema = {
  $id: 'Inspector',
  type: 'object',
  properties: {
    id: str,
    name: str,
    userId: nullableString,
    username: nullableString,
    badgeNumber: nullableString,
    badgeValidUntil: nullableString,
    certified: bool,
    specialities: { type: 'array', items: str },
    homeRegionCode: str,
    homeRegionName: str,
    regionCode: str,
    regionName: str,
    active: bool,
    conflicts: { type: 'array', items: conflict },
    isDemo: bool,
    updatedAt: str,
  },
} as const;

const inspectorProperties = {
  name: text(50),
  userId: { type: ['string', 'null'], format: 'uuid' },
  badgeNumber: { type: ['string', 'null'], pattern: '^[0-9A-Za-z-]{4,32}$', description: '执法证号' },
  badgeValidUntil: nullableDate,
  specialities: { type: 'array', maxItems: 20, items: text(30) },
  homeRegionCode: regionCode,
  regionCode,
  active: bool,
} as const;

export const createInspectorBody = {
  type: 'object',
  required: ['name', 'homeRegionCode'],
  additionalProperties: false,
  properties: inspectorProperties,
} as const;

export const updateInspectorBody = { type: 'object', additionalProperties: false, minProperties: 1, properties: inspectorProperties } as const;

export const conflictBody = {
  type: 'object',
  required: ['creditCode', 'reason'],
  additionalProperties: false,
  properties: { creditCode, reason: text(200) },
} as const;

export const conflictParams = {
  type: 'object',
  required: ['id', 'creditCode'],
  properties: { id: uuid, creditCode },
} as const;

export const listInspectorsQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { ...pageQuery, q: { type: 'string', maxLength: 50 }, regionCode, active: bool },
} as const;

const csv = (description: string) => ({ type: 'string', maxLength: 2000, description: `${description}, comma-separated` }) as const;

export const targetPoolQuery = {
  type: 'object',
  required: ['regionCode'],
  additionalProperties: false,
  properties: {
    ...pageQuery,
    regionCode: { ...regionCode, description: 'the task region (district/county or the city)' },
    regionCodes: csv('districts/counties or townships within it'),
    industries: csv('GB/T 4754 codes or sections'),
    specialLists: csv(`special lists (${SPECIAL_LISTS.join(', ')})`),
    statuses: csv(`registration statuses (${ENTITY_STATUSES.join(', ')})`),
  },
} as const;

export const targetPoolPreview = {
  type: 'object',
  properties: {
    items: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          creditCode: str,
          name: str,
          regionCode: str,
          regionName: str,
          industryCode: nullableString,
          status: str,
          riskClass: { type: ['string', 'null'], enum: [...RISK_CLASSES, null] },
        },
      },
    },
    total: int,
    page: int,
    pageSize: int,
    byClass: { type: 'object', properties: Object.fromEntries(RISK_CLASSES.map((c) => [c, int])) },
    unclassified: int,
  },
} as const;

// --- items and plans ---

export const itemSchema = {
  $id: 'InspectionItem',
  type: 'object',
  properties: {
    id: str,
    code: str,
    version: int,
    name: str,
    kind: { type: 'string', enum: ITEM_KINDS },
    legalBasis: str,
    subject: nullableString,
    method: nullableString,
    status: { type: 'string', enum: ITEM_STATUSES },
    createdAt: str,
    isDemo: bool,
  },
} as const;

const itemRef = {
  type: 'object',
  properties: { id: str, code: str, version: int, name: str, kind: { type: 'string', enum: ITEM_KINDS } },
} as const;

const itemFields = {
  name: text(200),
  kind: { type: 'string', enum: ITEM_KINDS },
  legalBasis: text(2000),
  subject: optionalText(200),
  method: optionalText(200),
} as const;

export const createItemBody = {
  type: 'object',
  required: ['code', 'name', 'kind', 'legalBasis'],
  additionalProperties: false,
  properties: { code: { type: 'string', pattern: '^[A-Za-z0-9-]{1,32}$' }, ...itemFields },
} as const;

export const reviseItemBody = { type: 'object', required: ['name', 'kind', 'legalBasis'], additionalProperties: false, properties: itemFields } as const;

export const listItemsQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { history: { type: 'boolean', default: false, description: 'also superseded and retired versions' } },
} as const;

export const planSchema = {
  $id: 'InspectionPlan',
  type: 'object',
  properties: {
    id: str,
    year: int,
    name: str,
    regionCode: str,
    regionName: str,
    items: { type: 'array', items: itemRef },
    ratioBasisPoints: { type: 'object', properties: Object.fromEntries(RISK_CLASSES.map((c) => [c, int])) },
    inspectorsPerTarget: int,
    regionRule,
    warnings: {
      type: 'array',
      items: { type: 'object', properties: { riskClass: str, basisPoints: int, min: int, max: int } },
    },
    taskCount: int,
    isDemo: bool,
    createdAt: str,
  },
} as const;

const planFields = {
  year: { type: 'integer', minimum: 2000, maximum: 2100 },
  name: text(200),
  itemIds: { type: 'array', minItems: 1, maxItems: 50, uniqueItems: true, items: uuid },
  ratioBasisPoints: ratios,
  inspectorsPerTarget: { type: 'integer', minimum: 2, maximum: 20 },
  regionRule,
} as const;

export const createPlanBody = {
  type: 'object',
  required: ['year', 'name', 'regionCode', 'itemIds'],
  additionalProperties: false,
  properties: { ...planFields, regionCode },
} as const;

export const updatePlanBody = { type: 'object', additionalProperties: false, minProperties: 1, properties: planFields } as const;

export const listPlansQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { ...pageQuery, year: { type: 'integer', minimum: 2000, maximum: 2100 } },
} as const;

// --- tasks ---

const publication = {
  type: ['object', 'null'],
  properties: { due: nullableString, state: { type: 'string', enum: PUBLICATION_STATES }, workdaysLeft: { type: ['integer', 'null'] }, error: nullableString },
} as const;

const taskSummaryProperties = {
  id: str,
  name: str,
  kind: { type: 'string', enum: TASK_KINDS },
  planId: nullableString,
  planName: nullableString,
  regionCode: str,
  regionName: str,
  status: { type: 'string', enum: TASK_STATUSES },
  items: { type: 'array', items: itemRef },
  startsOn: nullableString,
  deadline: nullableString,
  endedOn: nullableString,
  publishedAt: nullableString,
  publication,
  targetCount: int,
  resultCount: int,
  isDemo: bool,
} as const;

export const taskSummarySchema = { $id: 'InspectionTaskSummary', type: 'object', properties: taskSummaryProperties } as const;

const scopeSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    regionCodes: { type: 'array', maxItems: 100, uniqueItems: true, items: regionCode },
    industries: { type: 'array', maxItems: 50, uniqueItems: true, items: { type: 'string', pattern: '^([A-T]|[0-9]{2,4})$' } },
    specialLists: { type: 'array', uniqueItems: true, items: { type: 'string', enum: SPECIAL_LISTS } },
    statuses: { type: 'array', uniqueItems: true, items: { type: 'string', enum: ENTITY_STATUSES } },
  },
} as const;

const recusal = {
  type: 'object',
  properties: {
    id: str,
    targetId: str,
    creditCode: str,
    entityName: str,
    inspectorId: str,
    inspectorName: str,
    reason: str,
    status: { type: 'string', enum: RECUSAL_STATUSES },
    appliedBy: str,
    appliedAt: str,
    decidedBy: nullableString,
    decidedAt: nullableString,
    decisionNote: nullableString,
    redrawSeq: { type: ['integer', 'null'] },
    replacementId: nullableString,
    replacementName: nullableString,
  },
} as const;

const stratum = { type: 'object', properties: { riskClass: str, poolSize: int, drawn: int } } as const;

export const taskDetailSchema = {
  $id: 'InspectionTaskDetail',
  type: 'object',
  properties: {
    ...taskSummaryProperties,
    scope: scopeSchema,
    ratioBasisPoints: { type: 'object', properties: Object.fromEntries(RISK_CLASSES.map((c) => [c, int])) },
    inspectorsPerTarget: int,
    regionRule,
    maxTargetsPerInspector: { type: ['integer', 'null'] },
    triggerReason: nullableString,
    draw: {
      type: 'object',
      properties: {
        poolHash: hex64,
        targetPoolSize: { type: ['integer', 'null'] },
        inspectorPoolSize: { type: ['integer', 'null'] },
        frozenAt: nullableString,
        commitment: hex64,
        committedAt: nullableString,
        publicEntropy: nullableString,
        witness: nullableString,
        drawnAt: nullableString,
        seed: hex64,
        strata: { type: ['array', 'null'], items: stratum },
        redrawCount: int,
      },
    },
    recusals: { type: 'array', items: recusal },
    canManage: bool,
  },
} as const;

const taskFields = {
  name: text(200),
  planId: { type: ['string', 'null'], format: 'uuid' },
  itemIds: { type: 'array', minItems: 1, maxItems: 50, uniqueItems: true, items: uuid },
  scope: scopeSchema,
  ratioBasisPoints: ratios,
  inspectorsPerTarget: { type: 'integer', minimum: 2, maximum: 20 },
  regionRule,
  maxTargetsPerInspector: { type: ['integer', 'null'], minimum: 1, maximum: 100000 },
  startsOn: nullableDate,
  deadline: nullableDate,
  triggerReason: optionalText(1000),
} as const;

export const createTaskBody = {
  type: 'object',
  required: ['name', 'kind', 'regionCode', 'itemIds'],
  additionalProperties: false,
  properties: { ...taskFields, kind: { type: 'string', enum: TASK_KINDS }, regionCode },
} as const;

export const updateTaskBody = { type: 'object', additionalProperties: false, minProperties: 1, properties: taskFields } as const;

export const listTasksQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ...pageQuery,
    status: { type: 'string', enum: TASK_STATUSES },
    kind: { type: 'string', enum: TASK_KINDS },
    planId: uuid,
    q: { type: 'string', maxLength: 100 },
  },
} as const;

export const drawBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    publicEntropy: { type: 'string', maxLength: 256, description: 'the witness value, used exactly as typed (≤ 256 bytes UTF-8)' },
    witness: optionalText(100),
  },
} as const;

export const assignBody = {
  type: 'object',
  required: ['targets'],
  additionalProperties: false,
  properties: {
    targets: {
      type: 'array',
      minItems: 1,
      maxItems: 200,
      items: {
        type: 'object',
        required: ['creditCode', 'inspectorIds'],
        additionalProperties: false,
        properties: { creditCode, inspectorIds: { type: 'array', minItems: 2, maxItems: 20, uniqueItems: true, items: uuid } },
      },
    },
  },
} as const;

export const finishBody = { type: 'object', required: ['endedOn'], additionalProperties: false, properties: { endedOn: date } } as const;

export const recusalBody = {
  type: 'object',
  required: ['targetId', 'inspectorId', 'reason'],
  additionalProperties: false,
  properties: { targetId: uuid, inspectorId: uuid, reason: text(500) },
} as const;

export const decisionBody = { type: 'object', additionalProperties: false, properties: { note: optionalText(500) } } as const;

export const inspectionSchemas = [
  inspectorSchema,
  itemSchema,
  planSchema,
  taskSummarySchema,
  taskDetailSchema,
  taskTargetSchema,
  myTargetSchema,
  publicTaskSummarySchema,
];
