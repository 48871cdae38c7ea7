import { type Expression, type RawBuilder, type SqlBool, sql } from 'kysely';
import { normaliseIdentifier } from '../../../../common/gs1/index.ts';
import { canonicalId as canonical } from '../epcis/canonical-id.ts';
import { normaliseCbvWord } from '../epcis/index.ts';
import { type Comparator, type FieldArea, fieldCondition, parseFieldName } from './fields.ts';
import { cbvSpellings, identifierSpellings, measurementTypeSpellings } from './spellings.ts';
import { inEveryUnit } from './units.ts';
import { boolean, dateTime, decimal, decimals, existsFlag, list, queryError, STORED_DATE_TIME, unknownParameter } from './values.ts';

/**
 * The filter parameters of SimpleEventQuery (EPCIS 2.0 §8.2.7.1, REST binding `GET /events`), each turned into one
 * condition on `trace_event as e`. Every parameter constrains the result on its own (the standard's "the result
 * will only include events that …"), so two sensor parameters may be met by different sensor reports of one event.
 * Columns serve what they hold (times, action, bizStep, disposition, locations, transformationID, eventID); the
 * identifier and bizTransaction tables serve MATCH_*, EQ_deviceID and EQ_bizTransaction_*; everything else is read
 * from the stored document (`e.document`) with jsonpath.
 */

type Condition = Expression<SqlBool>;

const MATCH_ROLES: Record<string, string[]> = {
  MATCH_epc: ['epc', 'child'],
  MATCH_parentID: ['parent'],
  MATCH_inputEPC: ['input'],
  MATCH_outputEPC: ['output'],
  MATCH_anyEPC: ['epc', 'child', 'parent', 'input', 'output'],
  MATCH_epcClass: ['quantity', 'childQuantity'],
  MATCH_inputEPCClass: ['inputQuantity'],
  MATCH_outputEPCClass: ['outputQuantity'],
  MATCH_anyEPCClass: ['quantity', 'childQuantity', 'inputQuantity', 'outputQuantity'],
};

/** Paging and ordering parameters, read by the caller. */
export const CONTROL_PARAMETERS = new Set(['perPage', 'nextPageToken', 'orderBy', 'orderDirection', 'eventCountLimit', 'maxEventCount']);

const jsonVars = (vars: Record<string, unknown>) => JSON.stringify(vars);

/** jsonb_path_exists on the event document; values only ever reach jsonpath as variables. */
const documentHas = (path: string, vars: Record<string, unknown> = {}): RawBuilder<SqlBool> =>
  sql<SqlBool>`jsonb_path_exists(e.document, ${path}::jsonpath, ${jsonVars(vars)}::jsonb)`;

const anyOf = (conditions: RawBuilder<SqlBool>[]): RawBuilder<SqlBool> => sql<SqlBool>`(${sql.join(conditions, sql` or `)})`;

const COMPARE = { GT: '>', GE: '>=', LT: '<', LE: '<=' } as const;

function inColumn(column: string, values: string[]): Condition {
  return sql<SqlBool>`${sql.ref(column)} in (${sql.join(values)})`;
}

/** Events stored under these eventIDs, found through trace_event_key (trace_event has no eventID index of its own). */
function eventIdIn(values: string[]): Condition {
  return sql<SqlBool>`(e.id, e.event_time) in (select k.event_pk, k.event_time from trace_event_key k where k.event_id in (${sql.join(values)}))`;
}

/** A GTIN without serial or lot (`…/01/<gtin>`, what `urn:epc:idpat:sgtin:<cp>.<ref>.*` normalises to) is a pattern. */
const GTIN_PATTERN = /^https:\/\/id\.gs1\.org\/01\/\d{14}$/;

function identifierIn(roles: string[], identifiers: string[]): Condition {
  // EPCIS 2.0 §8.2.7.1: MATCH_* values may be EPC patterns; every instance (…/21/) and lot (…/10/) of the GTIN
  // matches, through the identifier primary key (collation "C", migration 0008).
  const patterns = identifiers.filter((i) => GTIN_PATTERN.test(i)).map((i) => sql<SqlBool>`i.identifier like ${`${i}/%`}`);
  const exact = sql<SqlBool>`i.identifier in (${sql.join(identifiers)})`;
  return sql<SqlBool>`exists (select 1 from trace_event_identifier i
    where i.event_pk = e.id and i.role in (${sql.join(roles)}) and ${patterns.length ? anyOf([exact, ...patterns]) : exact})`;
}

/** A date-time found at `paths` in the document compared with `value` (by instant). */
function documentTime(paths: string[], op: 'GE' | 'LT', value: string): Condition {
  return anyOf(
    paths.map(
      (path) => sql<SqlBool>`exists (select 1 from jsonb_path_query(e.document, ${path}::jsonpath) t(v)
        where (case when jsonb_typeof(t.v) = 'string' and (t.v #>> '{}') ~ ${STORED_DATE_TIME} then (t.v #>> '{}')::timestamptz end)
          ${sql.raw(COMPARE[op])} ${value}::timestamptz)`,
    ),
  );
}

/** WD_readPoint / WD_bizLocation: the location or a sub-location of it (GS1 `…/414/<gln>/254/<ext>` under `…/414/<gln>`). */
function withDescendants(column: string, values: string[]): Condition {
  const ids = values.map(canonical);
  const parents = ids.filter((id) => normaliseIdentifier(id).gln !== undefined && !id.includes('/254/'));
  const ref = sql.ref(column);
  return anyOf([sql<SqlBool>`${ref} in (${sql.join(ids)})`, ...parents.map((p) => sql<SqlBool>`starts_with(${ref}, ${`${p}/254/`})`)]);
}

const QUANTITY_LISTS = ['quantityList', 'childQuantityList', 'inputQuantityList', 'outputQuantityList'];
const REPORTS = '$.sensorElementList[*].sensorReport[*]';
const METADATA = '$.sensorElementList[*].sensorMetadata';

/**
 * `@.<member>` compared with `values` (EQ: any of them) in the unit `uom` or any unit convertible to it
 * (units.ts); elements without that unit (or without a unit) do not count.
 */
function inUnits(
  member: string,
  op: Comparator | 'EQ',
  values: number[],
  uom: string,
  difference = false,
): { predicate: string; vars: Record<string, unknown> } {
  const vars: Record<string, unknown> = {};
  const clauses = inEveryUnit(0, uom).map(({ uom: target }, k) => {
    vars[`u${k}`] = target;
    vars[`t${k}`] = values.map((v) => inEveryUnit(v, uom, difference).find((c) => c.uom === target)?.value ?? v);
    const test = op === 'EQ' ? `@.${member} == $t${k}[*]` : `@.${member} ${COMPARE[op]} $t${k}[0]`;
    return `(@.uom == $u${k} && ${test})`;
  });
  return { predicate: clauses.join(' || '), vars };
}

const onQuantities = (predicate: string, vars: Record<string, unknown>) => anyOf(QUANTITY_LISTS.map((l) => documentHas(`$.${l}[*] ? (${predicate})`, vars)));

function quantity(param: string, op: Comparator | 'EQ', value: string, uom: string | undefined): Condition {
  const values = op === 'EQ' ? decimals(param, value) : [decimal(param, value)];
  if (uom !== undefined) {
    const { predicate, vars } = inUnits('quantity', op, values, uom);
    return onQuantities(predicate, vars);
  }
  return onQuantities(op === 'EQ' ? '@.quantity == $v[*]' : `@.quantity ${COMPARE[op]} $v[0]`, { v: values });
}

function sensorValue(param: string, member: string, op: Comparator | 'EQ', value: string, uom: string): Condition {
  const values = op === 'EQ' ? decimals(param, value) : [decimal(param, value)];
  const { predicate, vars } = inUnits(member, op, values, uom, member === 'sDev');
  return documentHas(`${REPORTS} ? (${predicate})`, vars);
}

/** A sensor attribute equal to one of `values`, in the sensor metadata and/or the sensor reports. */
function sensorAttribute(member: string, values: unknown[], where: ('metadata' | 'report')[]): Condition {
  const paths = where.map((w) => `${w === 'metadata' ? METADATA : REPORTS} ? (@.${member} == $v[*])`);
  return anyOf(paths.map((p) => documentHas(p, { v: values })));
}

const HEX = /^([0-9A-Fa-f]{2})*$/;

const EXACT: Record<string, (value: string, param: string) => Condition | null> = {
  eventType: (v, p) => inColumn('e.event_type', list(p, v)),
  GE_eventTime: (v, p) => sql<SqlBool>`e.event_time >= ${dateTime(p, v)}::timestamptz`,
  LT_eventTime: (v, p) => sql<SqlBool>`e.event_time < ${dateTime(p, v)}::timestamptz`,
  GE_recordTime: (v, p) => sql<SqlBool>`e.record_time >= ${dateTime(p, v)}::timestamptz`,
  LT_recordTime: (v, p) => sql<SqlBool>`e.record_time < ${dateTime(p, v)}::timestamptz`,
  EQ_action: (v, p) => {
    const actions = list(p, v);
    for (const a of actions) if (!['ADD', 'OBSERVE', 'DELETE'].includes(a)) throw queryError(p, '须为 ADD、OBSERVE 或 DELETE / must be ADD, OBSERVE or DELETE');
    return inColumn('e.action', actions);
  },
  EQ_bizStep: (v, p) =>
    inColumn(
      'e.biz_step',
      list(p, v).map((w) => normaliseCbvWord(w)),
    ),
  EQ_disposition: (v, p) =>
    inColumn(
      'e.disposition',
      list(p, v).map((w) => normaliseCbvWord(w)),
    ),
  EQ_persistentDisposition_set: (v, p) =>
    documentHas('$.persistentDisposition.set[*] ? (@ == $v[*])', { v: list(p, v).flatMap((d) => cbvSpellings(d, 'disposition')) }),
  EQ_persistentDisposition_unset: (v, p) =>
    documentHas('$.persistentDisposition.unset[*] ? (@ == $v[*])', { v: list(p, v).flatMap((d) => cbvSpellings(d, 'disposition')) }),
  EQ_readPoint: (v, p) => inColumn('e.read_point', list(p, v).map(canonical)),
  WD_readPoint: (v, p) => withDescendants('e.read_point', list(p, v)),
  EQ_bizLocation: (v, p) => inColumn('e.biz_location', list(p, v).map(canonical)),
  WD_bizLocation: (v, p) => withDescendants('e.biz_location', list(p, v)),
  EQ_transformationID: (v, p) => inColumn('e.transformation_id', list(p, v)),
  EQ_eventID: (v, p) => eventIdIn(list(p, v)),
  // Not a SimpleEventQuery parameter: kept for clients of this API that used it before EQ_eventID.
  eventID: (v, p) => eventIdIn(list(p, v)),
  EQ_quantity: (v, p) => quantity(p, 'EQ', v, undefined),
  EXISTS_errorDeclaration: (v, p) => (existsFlag(p, v) ? sql<SqlBool>`e.is_error_declaration` : null),
  GE_errorDeclarationTime: (v, p) => documentTime(['$.errorDeclaration.declarationTime'], 'GE', dateTime(p, v)),
  LT_errorDeclarationTime: (v, p) => documentTime(['$.errorDeclaration.declarationTime'], 'LT', dateTime(p, v)),
  // The REST binding's query-schema.json spells these two GE_/LT_errorDeclaration_Time.
  GE_errorDeclaration_Time: (v, p) => documentTime(['$.errorDeclaration.declarationTime'], 'GE', dateTime(p, v)),
  LT_errorDeclaration_Time: (v, p) => documentTime(['$.errorDeclaration.declarationTime'], 'LT', dateTime(p, v)),
  EQ_errorReason: (v, p) => documentHas('$.errorDeclaration.reason ? (@ == $v[*])', { v: list(p, v).flatMap((r) => cbvSpellings(r, 'errorReason')) }),
  EQ_correctiveEventID: (v, p) => documentHas('$.errorDeclaration.correctiveEventIDs[*] ? (@ == $v[*])', { v: list(p, v) }),
  EXISTS_sensorElementList: (v, p) => (existsFlag(p, v) ? documentHas('$.sensorElementList[0]') : null),
  GE_time: (v, p) => documentTime([`${METADATA}.time`, `${REPORTS}.time`], 'GE', dateTime(p, v)),
  LT_time: (v, p) => documentTime([`${METADATA}.time`, `${REPORTS}.time`], 'LT', dateTime(p, v)),
  GE_startTime: (v, p) => documentTime([`${METADATA}.startTime`], 'GE', dateTime(p, v)),
  LT_startTime: (v, p) => documentTime([`${METADATA}.startTime`], 'LT', dateTime(p, v)),
  GE_endTime: (v, p) => documentTime([`${METADATA}.endTime`], 'GE', dateTime(p, v)),
  LT_endTime: (v, p) => documentTime([`${METADATA}.endTime`], 'LT', dateTime(p, v)),
  EQ_type: (v, p) => sensorAttribute('type', list(p, v).flatMap(measurementTypeSpellings), ['report']),
  EQ_deviceID: (v, p) => identifierIn(['sensor'], list(p, v).map(canonical)),
  EQ_dataProcessingMethod: (v, p) => sensorAttribute('dataProcessingMethod', list(p, v), ['metadata', 'report']),
  EQ_microorganism: (v, p) => sensorAttribute('microorganism', list(p, v), ['report']),
  EQ_chemicalSubstance: (v, p) => sensorAttribute('chemicalSubstance', list(p, v), ['report']),
  EQ_bizRules: (v, p) => sensorAttribute('bizRules', list(p, v), ['metadata']),
  EQ_stringValue: (v, p) => sensorAttribute('stringValue', list(p, v), ['report']),
  EQ_booleanValue: (v, p) => sensorAttribute('booleanValue', [boolean(p, v)], ['report']),
  EQ_uriValue: (v, p) => sensorAttribute('uriValue', list(p, v), ['report']),
  // xsd:hexBinary: F0F0F0 and f0f0f0 are the same value.
  EQ_hexBinaryValue: (v, p) => {
    const values = list(p, v).map((h) => {
      if (!HEX.test(h)) throw queryError(p, `"${h}" 不是十六进制字节串 / "${h}" is not hexBinary`);
      return h.toLowerCase();
    });
    return sql<SqlBool>`exists (select 1 from jsonb_path_query(e.document, ${`${REPORTS}.hexBinaryValue`}::jsonpath) h(v)
      where jsonb_typeof(h.v) = 'string' and lower(h.v #>> '{}') in (${sql.join(values)}))`;
  },
};
for (const [param, roles] of Object.entries(MATCH_ROLES)) EXACT[param] = (v, p) => identifierIn(roles, list(p, v).map(canonical));
for (const op of ['GT', 'GE', 'LT', 'LE'] as const) {
  EXACT[`${op}_quantity`] = (v, p) => quantity(p, op, v, undefined);
  EXACT[`${op}_percRank`] = (v, p) => documentHas(`${REPORTS} ? (@.percRank ${COMPARE[op]} $v)`, { v: decimal(p, v) });
}

const SOURCE_DESTINATION = /^EQ_(source|destination)_([A-Za-z0-9_:./#-]+)$/;
const BIZ_TRANSACTION = /^EQ_bizTransaction_([A-Za-z0-9_:./#-]+)$/;
const QUANTITY_UOM = /^(EQ|GT|GE|LT|LE)_quantity_([A-Z0-9]{2,4})$/;
const SENSOR_VALUE_UOM = /^(EQ_value|(?:GT|GE|LT|LE)_(?:value|minValue|maxValue|meanValue|sDev|percValue))_([A-Z0-9]{2,4})$/;
const FIELD = /^(EQ|GT|GE|LT|LE|EXISTS)_(INNER_)?(?:(ILMD|ERROR_DECLARATION|SENSORELEMENT|SENSORMETADATA|SENSORREPORT|readPoint|bizLocation)_)?(.+)$/;
const MASTER_DATA = /^(HASATTR_|EQATTR_|EQ_ATTR_)/;

function patternCondition(param: string, value: string): Condition | null {
  let m = BIZ_TRANSACTION.exec(param);
  if (m) {
    const type = normaliseCbvWord(m[1] ?? '');
    return sql<SqlBool>`exists (select 1 from trace_event_biz_transaction b
      where b.event_pk = e.id and b.type = ${type} and b.biz_transaction in (${sql.join(list(param, value))}))`;
  }
  m = SOURCE_DESTINATION.exec(param);
  if (m) {
    const [, side, type] = m;
    const types = cbvSpellings(type ?? '', 'sourceDestType');
    return documentHas(`$.${side}List[*] ? (@.type == $t[*] && @.${side} == $v[*])`, { t: types, v: list(param, value).flatMap(identifierSpellings) });
  }
  m = QUANTITY_UOM.exec(param);
  // the pattern admits only these operators
  if (m) return quantity(param, m[1] as Comparator | 'EQ', value, m[2]);
  m = SENSOR_VALUE_UOM.exec(param);
  if (m) {
    // the pattern admits only EQ_value and GT_|GE_|LT_|LE_ + member
    const [op, member] = (m[1] ?? '').split('_') as [Comparator | 'EQ', string];
    return sensorValue(param, member, op, value, m[2] ?? '');
  }
  if (MASTER_DATA.test(param))
    throw queryError(param, '不保存主数据，不支持主数据属性查询 / master-data attribute queries are not supported (no master data is kept)');
  m = FIELD.exec(param);
  if (m) {
    const [, op, inner, area = '', rawName = ''] = m;
    const name = parseFieldName(rawName);
    if (!name) return null;
    if ((area === 'readPoint' || area === 'bizLocation') && op !== 'EQ') return null;
    // the pattern admits only these operators and the FIELD_AREAS keys
    return fieldCondition(param, op as Comparator | 'EQ' | 'EXISTS', area as FieldArea, inner !== undefined, name, value);
  }
  return null;
}

/** The conditions of all filter parameters in `params`; any parameter that is neither a filter nor a control is refused. */
export function filterConditions(params: Record<string, string>): Condition[] {
  const conditions: Condition[] = [];
  for (const [param, value] of Object.entries(params)) {
    if (CONTROL_PARAMETERS.has(param)) continue;
    const exact = EXACT[param];
    if (exact) {
      // null: a parameter that, with this value, does not constrain the result (EXISTS_…=false)
      const condition = exact(value, param);
      if (condition) conditions.push(condition);
      continue;
    }
    const condition = patternCondition(param, value);
    if (!condition) throw unknownParameter(param);
    conditions.push(condition);
  }
  return conditions;
}
