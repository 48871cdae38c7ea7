import { type Expression, type RawBuilder, type SqlBool, sql } from 'kysely';
import { decimal, isDecimal, list, parseDateTime, queryError, STORED_DATE_TIME, single } from './values.ts';

/**
 * Extension (user) fields in SimpleEventQuery (EPCIS 2.0 §8.2.7.1): `EQ_fieldname`, `GT_|GE_|LT_|LE_fieldname`,
 * `EXISTS_fieldname`, each also as `…_INNER_…` (nested at any depth inside a top-level extension field) and for the
 * ILMD, error declaration, sensor element / metadata / report areas, plus `EQ_[INNER_]readPoint_|bizLocation_…`.
 *
 * Field names. The standard names an extension field by its namespace and local name. In JSON-LD the event writes
 * `prefix:local` with the prefix declared in its @context, so a query may name the field two ways:
 * - `prefix:local` (CURIE): matches an event key `p:local` when `p` is the same prefix, or when the event's own
 *   @context (the document's, and the event's if it has one; then the prefixes of the EPCIS 2.0 context) maps `p`
 *   and `prefix` to the same namespace. A prefix the event does not declare is matched literally.
 * - `<namespace>#<local>` (the standard's form, `#` sent as %23) or the expanded IRI `<namespace><local>`: matches a
 *   key `p:local` whose prefix the event's @context maps to that namespace (compared without trailing `/`, `#`, `:`
 *   so an XML namespace and its JSON-LD prefix IRI agree), whatever prefix the event chose.
 *
 * Values. EQ_: one of the listed values, as text (`"10"` and 10 both match `10`), as a number when both sides are
 * numbers, as an instant when both are RFC 3339 date-times; an array field matches when an element does.
 * GT_/GE_/LT_/LE_: the value's type decides — a number compares with numeric fields (JSON numbers or numeric text),
 * a date-time with date-time fields (by instant), a plain date (YYYY-MM-DD) with plain-date fields. EXISTS_: the field
 * is present and not null, "", [] or {}.
 */

export type FieldName = { kind: 'curie'; prefix: string; local: string } | { kind: 'iri'; iri: string; namespace: string | null; local: string | null };

const CURIE = /^([A-Za-z_][A-Za-z0-9_.-]*):([A-Za-z_][A-Za-z0-9_.-]*)$/;
const ABSOLUTE_IRI = /^[A-Za-z][A-Za-z0-9+.-]*:\S+$/;

export function parseFieldName(raw: string): FieldName | null {
  const curie = CURIE.exec(raw);
  if (curie?.[1] && curie[2]) return { kind: 'curie', prefix: curie[1], local: curie[2] };
  if (!ABSOLUTE_IRI.test(raw)) return null;
  const hash = raw.lastIndexOf('#');
  if (hash > 0 && hash < raw.length - 1) return { kind: 'iri', iri: raw, namespace: raw.slice(0, hash), local: raw.slice(hash + 1) };
  return { kind: 'iri', iri: raw, namespace: null, local: null };
}

/** Where a family's fields live in the event (jsonpath into `trace_event.document`). */
export const FIELD_AREAS = {
  '': '$',
  ILMD: '$.ilmd',
  ERROR_DECLARATION: '$.errorDeclaration',
  SENSORELEMENT: '$.sensorElementList[*]',
  SENSORMETADATA: '$.sensorElementList[*].sensorMetadata',
  SENSORREPORT: '$.sensorElementList[*].sensorReport[*]',
  readPoint: '$.readPoint',
  bizLocation: '$.bizLocation',
} as const;
export type FieldArea = keyof typeof FIELD_AREAS;

// Prefixes the EPCIS 2.0 JSON-LD context declares (https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld).
const EPCIS_CONTEXT_PREFIXES = {
  epcis: 'https://ref.gs1.org/epcis/',
  cbv: 'https://ref.gs1.org/cbv/',
  cbvmda: 'urn:epcglobal:cbv:mda:',
  gs1: 'https://gs1.org/voc/',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  owl: 'http://www.w3.org/2002/07/owl#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  dcterms: 'http://purl.org/dc/terms/',
};

const asArray = (value: RawBuilder<unknown>) =>
  sql`coalesce(case jsonb_typeof(${value}) when 'array' then ${value} when 'object' then jsonb_build_array(${value}) end, '[]'::jsonb)`;

/** The event's @context entries, document level first, so that a later (event-level) definition wins. */
const CONTEXT = sql`(${asArray(sql`e.context`)} || ${asArray(sql`e.document -> '@context'`)})`;

/** The namespace IRI a prefix stands for in the current event (`e`), or null. */
function namespaceOf(prefix: RawBuilder<unknown>): RawBuilder<string | null> {
  return sql<string | null>`coalesce(
    (select coalesce(ctx_kv.value ->> '@id', ctx_kv.value #>> '{}')
       from jsonb_array_elements(${CONTEXT}) with ordinality ctx_entry(v, n)
       cross join lateral jsonb_each(case jsonb_typeof(ctx_entry.v) when 'object' then ctx_entry.v else '{}'::jsonb end) ctx_kv
      where ctx_kv.key = ${prefix}
      order by ctx_entry.n desc
      limit 1),
    ${JSON.stringify(EPCIS_CONTEXT_PREFIXES)}::jsonb ->> ${prefix})`;
}

const trimNamespace = (ns: string) => ns.replace(/[/#:]+$/, '');

/** Whether the event key `key` (text) names the field `name`. */
function keyMatches(key: RawBuilder<unknown>, name: FieldName): RawBuilder<SqlBool> {
  const prefix = sql`split_part(${key}, ':', 1)`;
  const local = sql`substr(${key}, strpos(${key}, ':') + 1)`;
  if (name.kind === 'curie') {
    return sql<SqlBool>`(strpos(${key}, ':') > 0 and ${local} = ${name.local}
      and (${prefix} = ${name.prefix} or ${namespaceOf(prefix)} = ${namespaceOf(sql`${name.prefix}::text`)}))`;
  }
  const byNamespace =
    name.namespace === null || name.local === null
      ? sql`false`
      : sql`(${local} = ${name.local} and rtrim(${namespaceOf(prefix)}, '/#:') = ${trimNamespace(name.namespace)})`;
  return sql<SqlBool>`(${key} = ${name.iri} or (strpos(${key}, ':') > 0 and (${byNamespace} or ${namespaceOf(prefix)} || ${local} = ${name.iri})))`;
}

const numeric = (v: RawBuilder<unknown>) =>
  sql`case when jsonb_typeof(${v}) = 'number' then (${v} #>> '{}')::numeric
           when jsonb_typeof(${v}) = 'string' and (${v} #>> '{}') ~ ${'^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?$'} then (${v} #>> '{}')::numeric end`;
const instant = (v: RawBuilder<unknown>) =>
  sql`case when jsonb_typeof(${v}) = 'string' and (${v} #>> '{}') ~ ${STORED_DATE_TIME} then (${v} #>> '{}')::timestamptz end`;
const plainDate = (v: RawBuilder<unknown>) =>
  sql`case when jsonb_typeof(${v}) = 'string' and (${v} #>> '{}') ~ ${'^\\d{4}-\\d{2}-\\d{2}$'} then ${v} #>> '{}' end`;

const PLAIN_DATE = /^\d{4}-\d{2}-\d{2}$/;
const COMPARATORS = { GT: '>', GE: '>=', LT: '<', LE: '<=' } as const;
export type Comparator = keyof typeof COMPARATORS;

/** The condition on one field value (`fv.v`, an element of the field's value, arrays unwrapped). */
function valueCondition(param: string, op: Comparator | 'EQ', value: string): RawBuilder<SqlBool> {
  const v = sql`fv.v`;
  if (op === 'EQ') {
    const values = list(param, value);
    const texts = sql`(${v} #>> '{}') in (${sql.join(values)})`;
    const numbers = values.filter(isDecimal).map(Number);
    const times = values.map(parseDateTime).filter((t): t is string => t !== null);
    const alternatives = [texts];
    if (numbers.length) alternatives.push(sql`${numeric(v)} in (${sql.join(numbers.map((n) => sql`${n}::numeric`))})`);
    if (times.length) alternatives.push(sql`${instant(v)} in (${sql.join(times.map((t) => sql`${t}::timestamptz`))})`);
    return sql<SqlBool>`(jsonb_typeof(${v}) in ('string', 'number', 'boolean') and (${sql.join(alternatives, sql` or `)}))`;
  }
  const operator = sql.raw(COMPARATORS[op]);
  const raw = single(param, value);
  if (isDecimal(raw)) return sql<SqlBool>`${numeric(v)} ${operator} ${decimal(param, raw)}::numeric`;
  const time = parseDateTime(raw);
  if (time) return sql<SqlBool>`${instant(v)} ${operator} ${time}::timestamptz`;
  if (PLAIN_DATE.test(raw)) return sql<SqlBool>`${plainDate(v)} ${operator} ${raw}`;
  throw queryError(param, '须为数字、RFC 3339 时间或日期 / must be a number, an RFC 3339 date-time or a date');
}

/**
 * The condition for one field parameter: `op` on the field `name` in `area`, at top level of the area or (`inner`)
 * nested at any depth inside one of its extension fields.
 */
export function fieldCondition(
  param: string,
  op: Comparator | 'EQ' | 'EXISTS',
  area: FieldArea,
  inner: boolean,
  name: FieldName,
  value: string,
): Expression<SqlBool> {
  const pair = inner ? 'f2' : 'f1';
  const nested = inner
    ? sql`cross join lateral jsonb_path_query(f1.value, 'strict $.**') fd(v)
          cross join lateral jsonb_each(case jsonb_typeof(fd.v) when 'object' then fd.v else '{}'::jsonb end) f2`
    : sql``;
  const fieldValue = sql.ref(`${pair}.value`);
  const test =
    op === 'EXISTS'
      ? sql`${fieldValue} not in ('null'::jsonb, '""'::jsonb, '[]'::jsonb, '{}'::jsonb)`
      : sql`exists (select 1 from jsonb_path_query(${fieldValue}, 'lax $[*]') fv(v) where ${valueCondition(param, op, value)})`;
  return sql<SqlBool>`exists (
    select 1
      from jsonb_path_query(e.document, ${FIELD_AREAS[area]}::jsonpath) fa(v)
      cross join lateral jsonb_each(case jsonb_typeof(fa.v) when 'object' then fa.v else '{}'::jsonb end) f1
      ${nested}
     where strpos(f1.key, ':') > 0 and ${keyMatches(sql.ref(`${pair}.key`), name)} and ${test})`;
}
