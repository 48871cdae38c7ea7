import { AppError } from '../../../platform/errors.ts';

/**
 * Reading SimpleEventQuery parameter values as the REST binding sends them (EPCIS 2.0 REST binding: list values
 * pipe-delimited, `style: pipeDelimited, explode: false`). A value of the wrong type is the standard's
 * QueryParameterException, a 400 naming the parameter and the rule.
 */

export function queryError(param: string, message: string): AppError {
  return new AppError(400, 'EPCIS_QUERY_PARAMETER', `查询参数 ${param} 无效：${message} / QueryParameterException: ${param}: ${message}`, [
    { field: `query.${param}`, rule: 'epcis_query', message },
  ]);
}

export const unknownParameter = (param: string) => queryError(param, '不支持的参数 / unknown parameter');

/** The elements of a pipe-delimited list; an empty list is refused (the binding's `minItems: 1`). */
export function list(param: string, value: string): string[] {
  const items = value
    .split('|')
    .map((v) => v.trim())
    .filter((v) => v !== '');
  if (items.length === 0) throw queryError(param, '至少需要一个值 / needs at least one value');
  return items;
}

/** A parameter that takes one value (GT_/GE_/LT_/LE_ comparisons, times, booleans). */
export function single(param: string, value: string): string {
  const v = value.trim();
  if (v.includes('|')) throw queryError(param, '只能取一个值 / takes a single value, not a list');
  if (v === '') throw queryError(param, '缺少取值 / needs a value');
  return v;
}

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

export const isDecimal = (v: string): boolean => DECIMAL.test(v);

export function decimal(param: string, value: string): number {
  const v = single(param, value);
  if (!isDecimal(v)) throw queryError(param, '须为数字 / must be a number');
  return Number(v);
}

export function decimals(param: string, value: string): number[] {
  return list(param, value).map((v) => {
    if (!isDecimal(v)) throw queryError(param, `"${v}" 不是数字 / "${v}" is not a number`);
    return Number(v);
  });
}

export function integer(param: string, value: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const v = single(param, value);
  const n = Number(v);
  if (!/^\d+$/.test(v) || n < min || n > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `≥ ${min}` : `${min}–${max}`;
    throw queryError(param, `须为 ${range} 的整数 / must be an integer ${range}`);
  }
  return n;
}

/** RFC 3339 requires the offset. A `+` that arrived unencoded in a query string reads as a space: taken back. */
const RFC3339 = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|z|[-+ ]\d{2}:\d{2})$/;

/** Matches a stored date-time string that PostgreSQL can cast to timestamptz without guessing a zone. */
export const STORED_DATE_TIME = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|z|[+-]\\d{2}:\\d{2})$';

export function parseDateTime(value: string): string | null {
  const m = RFC3339.exec(value);
  if (!m) return null;
  const iso = `${m[1]}${(m[2] ?? '').replace(' ', '+')}`;
  return Number.isNaN(new Date(iso).getTime()) ? null : iso;
}

/** An RFC 3339 date-time, returned as given (offset kept) for PostgreSQL to read at full precision. */
export function dateTime(param: string, value: string): string {
  const iso = parseDateTime(single(param, value));
  if (!iso) throw queryError(param, '须为带时区的 RFC 3339 时间 / must be an RFC 3339 date-time with an offset');
  return iso;
}

export function boolean(param: string, value: string): boolean {
  const v = single(param, value);
  if (v !== 'true' && v !== 'false') throw queryError(param, '须为 true 或 false / must be true or false');
  return v === 'true';
}

/**
 * EXISTS_… parameters are Void in EPCIS 2.0 §8.2.7.1 (the value is ignored); the REST binding gives
 * EXISTS_errorDeclaration a boolean where false means "regardless". Both readings: empty or `true` filters,
 * `false` does not, anything else is refused.
 */
export function existsFlag(param: string, value: string): boolean {
  const v = value.trim();
  if (v === '' || v === 'true') return true;
  if (v === 'false') return false;
  throw queryError(param, '须为空、true 或 false / must be empty, true or false');
}
