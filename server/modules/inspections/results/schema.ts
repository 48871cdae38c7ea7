import { RISK_CLASSES } from '../../../../common/draw/types.ts';
import { ITEM_KINDS, RESULT_CATEGORIES, TASK_KINDS, TASK_STATUSES } from '../../../../common/inspection-api.ts';
import { pageQuery } from '../../platform/schema.ts';

/** Schemas of targets, results, evidence, verification and the public pages (re-exported by ../schema.ts). */

const str = { type: 'string' } as const;
const nullableString = { type: ['string', 'null'] } as const;
const int = { type: 'integer' } as const;
const bool = { type: 'boolean' } as const;
const date = { type: 'string', format: 'date' } as const;
const nullableDate = { type: ['string', 'null'], format: 'date' } as const;
const text = (max: number) => ({ type: 'string', minLength: 1, maxLength: max }) as const;
const optionalText = (max: number) => ({ type: ['string', 'null'], maxLength: max }) as const;
const itemRef = {
  type: 'object',
  properties: { id: str, code: str, version: int, name: str, kind: { type: 'string', enum: ITEM_KINDS } },
} as const;

// --- targets, results ---

const evidence = { type: 'object', properties: { id: str, fileName: str, contentType: str, sizeBytes: int, sha256: str, uploadedAt: str } } as const;

const targetProperties = {
  id: str,
  taskId: str,
  drawOrder: int,
  creditCode: str,
  entityName: str,
  regionCode: str,
  regionName: str,
  riskClass: { type: ['string', 'null'], enum: [...RISK_CLASSES, null] },
  inspectors: { type: 'array', items: { type: 'object', properties: { id: str, name: str } } },
  result: {
    type: ['object', 'null'],
    properties: {
      category: { type: 'string', enum: RESULT_CATEGORIES },
      findings: nullableString,
      inspectedOn: str,
      recordedAt: str,
      recordedBy: nullableString,
    },
  },
  followUp: { type: 'object', properties: { rectificationDue: nullableString, recheckOn: nullableString, recheckResult: nullableString } },
  evidence: { type: 'array', items: evidence },
  canRecord: bool,
} as const;

export const taskTargetSchema = { $id: 'InspectionTaskTarget', type: 'object', properties: targetProperties } as const;

export const myTargetSchema = {
  $id: 'InspectionMyTarget',
  type: 'object',
  properties: {
    ...targetProperties,
    taskName: str,
    taskStatus: { type: 'string', enum: TASK_STATUSES },
    taskKind: { type: 'string', enum: TASK_KINDS },
    deadline: nullableString,
    items: { type: 'array', items: itemRef },
  },
} as const;

export const listTargetsQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { ...pageQuery, q: { type: 'string', maxLength: 100 } },
} as const;

export const myTargetsQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { ...pageQuery, open: { type: 'boolean', default: true, description: 'only targets whose task is not finished yet' } },
} as const;

export const resultBody = {
  type: 'object',
  required: ['category', 'inspectedOn'],
  additionalProperties: false,
  properties: { category: { type: 'string', enum: RESULT_CATEGORIES }, findings: optionalText(4000), inspectedOn: date },
} as const;

export const followUpBody = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: { rectificationDue: nullableDate, recheckOn: nullableDate, recheckResult: optionalText(2000) },
} as const;

export const evidenceBody = {
  type: 'object',
  required: ['fileName', 'contentType', 'contentBase64'],
  additionalProperties: false,
  properties: { fileName: text(200), contentType: text(200), contentBase64: { type: 'string', minLength: 1, maxLength: 7_000_000 } },
} as const;

export const evidenceResponse = evidence;

// --- verification, public ---

const difference = { type: ['object', 'null'], properties: { path: str, expected: {}, actual: {}, withheld: bool } } as const;

export const verificationSchema = {
  type: 'object',
  properties: {
    taskId: str,
    consistent: bool,
    commitment: str,
    seed: str,
    poolHash: str,
    publicEntropy: str,
    firstDifference: difference,
    formatted: str,
  },
} as const;

const publicTarget = {
  type: 'object',
  properties: { creditCode: str, name: str, category: { type: ['string', 'null'], enum: [...RESULT_CATEGORIES, null] }, inspectedOn: nullableString },
} as const;

export const publicVerificationSchema = {
  type: 'object',
  properties: {
    taskId: str,
    taskName: str,
    regionName: str,
    status: { type: 'string', enum: TASK_STATUSES },
    consistent: bool,
    commitment: str,
    seed: str,
    poolHash: str,
    publicEntropy: str,
    drawnAt: str,
    targetPoolSize: int,
    targetCount: int,
    redrawCount: int,
    targets: { type: 'array', items: { type: 'object', properties: { creditCode: str, name: str, category: publicTarget.properties.category } } },
    firstDifference: difference,
  },
} as const;

const publicSummaryProperties = {
  id: str,
  name: str,
  kind: { type: 'string', enum: TASK_KINDS },
  regionName: str,
  items: { type: 'array', items: { type: 'object', properties: { code: str, name: str, kind: { type: 'string', enum: ITEM_KINDS } } } },
  endedOn: nullableString,
  publishedAt: str,
  targetCount: int,
  verifiable: bool,
} as const;

export const publicTaskSummarySchema = { $id: 'PublicInspectionTask', type: 'object', properties: publicSummaryProperties } as const;

export const publicTaskResultsSchema = {
  type: 'object',
  properties: { ...publicSummaryProperties, targets: { type: 'array', items: publicTarget } },
} as const;

export const publicResultsQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { ...pageQuery, q: { type: 'string', maxLength: 100, description: 'task name, entity name or credit code' } },
} as const;

export const publicationQueueQuery = { type: 'object', additionalProperties: false, properties: { ...pageQuery } } as const;
