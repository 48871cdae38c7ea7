import { normaliseCbvWord } from './cbv.ts';
import type { EpcisIssue, Item } from './issues.ts';

// Long vocabularies (72 measurement types) are cut in messages; the schema stays the reference.
const MAX_LISTED = 45;

// Expected forms of the schema's patterned fields, by field name (EPCIS 2.0 JSON schema definitions).
const PATTERN_HINTS: Record<string, { zh: string; en: string }> = {
  eventTimeZoneOffset: { zh: '±hh:mm，范围 -14:00 至 +14:00，例如 +08:00', en: '±hh:mm between -14:00 and +14:00, e.g. +08:00' },
  uom: { zh: 'UN/CEFACT Rec 20 单位代码（2–3 位大写字母或数字，例如 KGM）', en: 'a UN/CEFACT Rec 20 unit code (2–3 upper-case letters or digits, e.g. KGM)' },
  schemaVersion: { zh: '版本号字符串，例如 "2.0"', en: 'a version string such as "2.0"' },
  hexBinaryValue: { zh: '十六进制字符串', en: 'a hexadecimal string' },
};

// An event's own `type`: a single event's, or one in a document's (or query document's) event list.
const EVENT_TYPE_PATH = /^(?:\/epcisBody(?:\/queryResults\/resultsBody)?\/eventList\/\d+)?\/type$/;

/** The bilingual issue for one (possibly folded) Ajv error. */
export function renderIssue(item: Item): EpcisIssue {
  const f = fieldName(item.path);
  const value = show(item.data);
  const { params } = item;
  if (item.propertyName) return propertyNameIssue(item.path, item.propertyName.name, item.propertyName.allowed);
  if (item.choice?.kind === 'ilmd') {
    const action = item.data !== null && typeof item.data === 'object' && 'action' in item.data ? show(item.data.action) : '(无 / none)';
    return issue(
      item.path,
      'not',
      `ilmd 仅允许在 action 为 ADD 时出现，此事件的 action 为 ${action}`,
      `ilmd is only allowed when action is ADD; this event's action is ${action}`,
    );
  }
  if (item.choice?.kind === 'vocabulary') return vocabularyIssue(item, f);
  if (item.choice?.kind === 'alternatives') {
    const type = eventType(item.data);
    const options = Array.isArray(item.schema) ? item.schema.map(describe).join('; ') : '';
    return issue(item.path, item.keyword, `${type ?? f.zh} 须满足以下之一：${options}`, `${type ?? f.en} must satisfy one of: ${options}`);
  }
  switch (item.keyword) {
    case 'required': {
      const name = String(params.missingProperty);
      const hint =
        name === '@context' ? { zh: '（单独提交的事件也须带 @context）', en: ' (an event sent on its own must carry @context too)' } : { zh: '', en: '' };
      return issue(item.path, 'required', `缺少必填字段 ${name}${hint.zh}`, `missing required field ${name}${hint.en}`);
    }
    case 'type': {
      const expected = Array.isArray(params.type) ? params.type.join(' | ') : String(params.type);
      return issue(
        item.path,
        'type',
        `${f.zh} 的类型应为 ${expected}，实际为 ${typeOf(item.data)} ${value}`,
        `${f.en} must be of type ${expected}, got ${typeOf(item.data)} ${value}`,
      );
    }
    case 'enum': {
      const allowed = list(Array.isArray(params.allowedValues) ? params.allowedValues.map(String) : []);
      return issue(item.path, 'enum', `${f.zh} 的值 ${value} 不在允许范围内；允许：${allowed}`, `${f.en} ${value} is not allowed; allowed: ${allowed}`);
    }
    case 'format':
      return formatIssue(item.path, String(params.format), f, value);
    case 'pattern': {
      const hint = PATTERN_HINTS[lastName(item.path)] ?? { zh: `匹配 ${String(params.pattern)}`, en: `matching ${String(params.pattern)}` };
      return issue(item.path, 'pattern', `${f.zh} 的值 ${value} 格式不符，应为 ${hint.zh}`, `${f.en} ${value} is malformed; expected ${hint.en}`);
    }
    case 'additionalProperties': {
      const properties = objectKeys(item.parentSchema, 'properties');
      return propertyNameIssue(item.path, String(params.additionalProperty), properties, false);
    }
    case 'minItems':
      return issue(item.path, 'minItems', `${f.zh} 至少需要 ${String(params.limit)} 项`, `${f.en} needs at least ${String(params.limit)} item(s)`);
    case 'uniqueItems': {
      const [first, second] = [Number(params.j), Number(params.i)].sort((a, b) => a - b);
      return issue(
        `${item.path}/${String(second)}`,
        'uniqueItems',
        `${f.zh} 第 ${String(second)} 项与第 ${String(first)} 项重复`,
        `${f.en} item ${String(second)} duplicates item ${String(first)}`,
      );
    }
    default:
      return issue(item.path, item.keyword, `${f.zh} 不符合 EPCIS 2.0 规则 ${item.keyword}（${item.message}）`, `${f.en}: ${item.message}`);
  }
}

function vocabularyIssue(item: Item, f: { zh: string; en: string }): EpcisIssue {
  const value = show(item.data);
  const allowed = item.choice?.allowed ?? [];
  if (typeof item.data !== 'string') {
    return issue(item.path, 'type', `${f.zh} 应为字符串，实际为 ${typeOf(item.data)} ${value}`, `${f.en} must be a string, got ${typeOf(item.data)} ${value}`);
  }
  // The URI branch excludes CBV URNs and CBV/GS1 Web-vocabulary URIs: JSON carries the bare word (EPCIS 2.0 JSON binding).
  const uriRefused = item.choice?.members.some((member) => member.keyword === 'pattern') ?? false;
  if (uriRefused) {
    const word = normaliseCbvWord(item.data);
    const use =
      word !== item.data && allowed.includes(word) ? { zh: `请写作 "${word}"`, en: `write "${word}"` } : { zh: '请使用标准简写', en: 'use the bare word' };
    return issue(
      item.path,
      'pattern',
      `${f.zh} 的值 ${value} 是 CBV URN / GS1 词表 URI 写法，EPCIS 2.0 JSON 不接受；${use.zh}（允许：${list(allowed)}）`,
      `${f.en} ${value} uses the CBV URN / GS1 vocabulary URI form, which EPCIS 2.0 JSON refuses; ${use.en} (allowed: ${list(allowed)})`,
    );
  }
  const acceptsUri = item.choice?.members.some((member) => member.keyword === 'format') ?? false;
  const other = acceptsUri
    ? { zh: '，或非 CBV 的 URI（例如 https://example.com/voc/x）', en: ', or a non-CBV URI (e.g. https://example.com/voc/x)' }
    : { zh: '', en: '' };
  return issue(
    item.path,
    'enum',
    `${f.zh} 的值 ${value} 不在允许范围内；允许：${list(allowed)}${other.zh}`,
    `${f.en} ${value} is not allowed; allowed: ${list(allowed)}${other.en}`,
  );
}

function formatIssue(path: string, format: string, f: { zh: string; en: string }, value: string): EpcisIssue {
  if (format === 'date-time') {
    return issue(
      path,
      'format',
      `${f.zh} 的值 ${value} 不是带时区的 RFC 3339 日期时间（例如 2024-05-01T08:30:00+08:00）`,
      `${f.en} ${value} is not an RFC 3339 date-time with a time zone (e.g. 2024-05-01T08:30:00+08:00)`,
    );
  }
  if (format === 'uri') {
    if (EVENT_TYPE_PATH.test(path)) {
      return issue(
        path,
        'format',
        `${value} 不是 EPCIS 事件类型；允许：ObjectEvent, AggregationEvent, TransactionEvent, TransformationEvent, AssociationEvent，或扩展事件类型 URI（例如 example:MyEvent）`,
        `${value} is not an EPCIS event type; allowed: ObjectEvent, AggregationEvent, TransactionEvent, TransformationEvent, AssociationEvent, or an extension event type URI (e.g. example:MyEvent)`,
      );
    }
    return issue(
      path,
      'format',
      `${f.zh} 的值 ${value} 不是 URI（例如 urn:epc:id:sgtin:… 或 https://id.gs1.org/01/…）`,
      `${f.en} ${value} is not a URI (e.g. urn:epc:id:sgtin:… or https://id.gs1.org/01/…)`,
    );
  }
  return issue(path, 'format', `${f.zh} 的值 ${value} 不符合格式 ${format}`, `${f.en} ${value} does not match format ${format}`);
}

function propertyNameIssue(path: string, name: string, allowed: readonly string[], extensions = true): EpcisIssue {
  const zhList = allowed.length > 0 ? `允许：${list(allowed)}${extensions ? '，或' : ''}` : '';
  const enList = allowed.length > 0 ? `allowed: ${list(allowed)}${extensions ? ', or ' : ''}` : '';
  const zhExt = extensions ? '在 @context 中声明前缀的扩展字段（例如 example:myField）' : '';
  const enExt = extensions ? 'an extension field with a prefix declared in @context (e.g. example:myField)' : '';
  return issue(
    `${path}/${escapePointer(name)}`,
    extensions ? 'propertyNames' : 'additionalProperties',
    `不允许的字段 ${JSON.stringify(name)}；${zhList}${zhExt}`,
    `field ${JSON.stringify(name)} is not allowed here; ${enList}${enExt}`,
  );
}

/** A schema branch in a few words: `epcList`, `quantityList (≥1)`, `action = DELETE`, `(a | b) + c`. */
function describe(schema: unknown): string {
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) return String(schema);
  const record: Record<string, unknown> = { ...schema };
  const properties: Record<string, unknown> = record.properties !== null && typeof record.properties === 'object' ? { ...record.properties } : {};
  const parts: string[] = [];
  if (Array.isArray(record.anyOf)) parts.push(`(${record.anyOf.map(describe).join(' | ')})`);
  if (Array.isArray(record.allOf)) parts.push(record.allOf.map(describe).join(' + '));
  const required = Array.isArray(record.required) ? record.required.map(String) : [];
  for (const name of required) parts.push(Number(field(properties[name], 'minItems')) >= 1 ? `${name} (≥1)` : name);
  for (const [name, property] of Object.entries(properties)) {
    const pattern = field(property, 'pattern');
    if (!required.includes(name) && typeof pattern === 'string' && /^\^[A-Za-z_]+\$$/.test(pattern)) parts.push(`${name} = ${pattern.slice(1, -1)}`);
  }
  if (parts.length === 0 && typeof record.$ref === 'string') parts.push(record.$ref.replace('#/definitions/', ''));
  if (parts.length === 0 && typeof record.type === 'string') parts.push(typeof record.format === 'string' ? `${record.type} (${record.format})` : record.type);
  return parts.join(' + ') || 'schema';
}

function issue(path: string, rule: string, zh: string, en: string): EpcisIssue {
  return { path, rule, message: `${zh} / ${en}` };
}

function field(value: unknown, key: string): unknown {
  return value !== null && typeof value === 'object' && key in value ? (value as Record<string, unknown>)[key] : undefined; // `key in value` checked
}

function objectKeys(value: unknown, key: string): string[] {
  const inner = field(value, key);
  return inner !== null && typeof inner === 'object' ? Object.keys(inner) : [];
}

function eventType(data: unknown): string | null {
  const type = field(data, 'type');
  return typeof type === 'string' ? type : null;
}

/** `action`, `epcList[2]`, or the root. */
function fieldName(path: string): { zh: string; en: string } {
  const segments = path.split('/').slice(1).map(unescapePointer);
  const last = segments.at(-1);
  if (last === undefined) return { zh: '根对象', en: 'the root object' };
  if (/^\d+$/.test(last)) {
    const name = `${segments.at(-2) ?? ''}[${last}]`;
    return { zh: name, en: name };
  }
  return { zh: last, en: last };
}

function lastName(path: string): string {
  return unescapePointer(path.split('/').at(-1) ?? '');
}

function list(values: readonly string[]): string {
  if (values.length <= MAX_LISTED) return values.join(', ');
  return `${values.slice(0, MAX_LISTED).join(', ')}, … (${values.length})`;
}

function show(value: unknown): string {
  if (value === undefined) return '(none)';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function escapePointer(segment: string): string {
  return segment.replaceAll('~', '~0').replaceAll('/', '~1');
}

function unescapePointer(segment: string): string {
  return segment.replaceAll('~1', '/').replaceAll('~0', '~');
}
