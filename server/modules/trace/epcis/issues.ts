import type { ErrorObject } from 'ajv';
import { renderIssue } from './messages.ts';

/** One validation problem: where (JSON Pointer into the validated value), which schema keyword, why. */
export interface EpcisIssue {
  path: string;
  rule: string;
  /** Bilingual, '中文 / English'; names the offending value and what is allowed. */
  message: string;
}

/** At most this many issues are reported per document or event. */
export const MAX_ISSUES = 20;

/**
 * An Ajv error, or the result of folding several of them: `choice` is a failed anyOf/oneOf
 * reduced to one statement, `propertyName` a refused property name.
 */
export interface Item {
  path: string;
  keyword: string;
  schemaPath: string;
  params: Record<string, unknown>;
  data: unknown;
  schema: unknown;
  parentSchema: unknown;
  message: string;
  choice?: { kind: 'vocabulary' | 'alternatives' | 'ilmd'; allowed: string[]; members: Item[] };
  propertyName?: { name: string; allowed: string[] };
}

/** An issue and how specific it is (0: one field's value; 1: a summary of alternatives). */
export interface RankedIssue {
  issue: EpcisIssue;
  rank: number;
}

/**
 * Ajv's raw errors (allErrors + verbose) → the few issues a person can act on, paths prefixed with
 * `prefix` (where the validated value sits in the document). The GS1 schema selects each event's
 * definition with if/then on `type`, so the "must match then schema" wrappers are dropped; every
 * anyOf is folded with the errors of its branches (those just before it in Ajv's order): CBV
 * vocabulary fields become one issue naming the allowed words, the ObjectEvent ilmd rule one issue at
 * `/ilmd`, a "what" alternative (epcList | quantityList | …) one issue unless a branch got further
 * (then its deeper errors are kept); refused property names point at the property.
 */
export function collectIssues(errors: readonly ErrorObject[], prefix = ''): RankedIssue[] {
  const items: Item[] = [];
  for (const error of errors) {
    if (error.keyword === 'if') continue;
    const item: Item = {
      path: error.instancePath,
      keyword: error.keyword,
      schemaPath: error.schemaPath,
      params: error.params,
      data: error.data,
      schema: error.schema,
      parentSchema: error.parentSchema,
      message: error.message ?? '',
    };
    if (error.keyword === 'propertyNames') foldPropertyName(items, item);
    else if (error.keyword === 'anyOf' || error.keyword === 'oneOf') foldChoice(items, item);
    else items.push(item);
  }
  const ranked = items.map((item) => {
    const issue = renderIssue(item);
    return { issue: { ...issue, path: prefix + issue.path }, rank: item.choice?.kind === 'alternatives' ? 1 : 0 };
  });
  const first = errors[0];
  if (ranked.length === 0 && first) {
    ranked.push({
      issue: { path: prefix + first.instancePath, rule: first.keyword, message: `不符合 EPCIS 2.0 JSON Schema / ${first.message ?? 'invalid'}` },
      rank: 1,
    });
  }
  return ranked;
}

/** Identical issues merged, specific ones before summaries (otherwise in document order), at most MAX_ISSUES. */
export function finishIssues(ranked: readonly RankedIssue[]): EpcisIssue[] {
  const seen = new Set<string>();
  const unique = ranked.filter(({ issue }) => {
    const key = `${issue.path}\u0000${issue.rule}\u0000${issue.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  // Array.prototype.sort is stable: within a rank, the order given (≈ document order) is kept.
  return unique
    .sort((a, b) => a.rank - b.rank)
    .slice(0, MAX_ISSUES)
    .map(({ issue }) => issue);
}

function foldPropertyName(items: Item[], item: Item): void {
  const name = String(item.params.propertyName);
  const allowed = new Set<string>();
  // Ajv reports the name's own errors (enum, format, anyOf) just before, at the object's path, with the name as data.
  while (items.length > 0) {
    const last = items.at(-1);
    if (!last || last.path !== item.path || last.data !== name) break;
    items.pop();
    for (const value of allowedOf(last)) allowed.add(value);
  }
  items.push({ ...item, propertyName: { name, allowed: [...allowed] } });
}

function foldChoice(items: Item[], item: Item): void {
  const branches = Array.isArray(item.schema) ? item.schema : [];
  const touched = touchedProperties(branches);
  const inside = `${item.schemaPath}/`;
  const members: Item[] = [];
  while (items.length > 0) {
    const last = items.at(-1);
    if (!last) break;
    // Schema paths are relative to the compiled function an error comes from, so a branch error is also checked to lie at or below the value.
    const at = last.path === item.path;
    const below = last.path.startsWith(`${item.path}/`);
    const ownBranch = (at || below) && last.schemaPath.startsWith(inside);
    const sameValue = at && last.data === item.data && (typeof item.data !== 'object' || item.data === null || Array.isArray(item.data));
    const touchedBelow = below && touched.has(firstSegment(last.path.slice(item.path.length)));
    if (!ownBranch && !sameValue && !touchedBelow) break;
    items.pop();
    members.unshift(last);
  }

  const ilmd = members.find((member) => member.keyword === 'not' && member.path === `${item.path}/ilmd`);
  if (ilmd) {
    // ObjectEvent: ilmd only with action ADD (EPCIS 2.0 §7.4.2); the branches' action patterns say the same thing.
    const noise = (member: Item) => member.schemaPath.startsWith(inside) && (member.path === ilmd.path || member.path === `${item.path}/action`);
    items.push(...members.filter((member) => !noise(member)));
    items.push({ ...item, path: ilmd.path, choice: { kind: 'ilmd', allowed: [], members } });
    return;
  }
  const primitive = item.data === null || typeof item.data !== 'object';
  if (primitive && members.some((member) => allowedOf(member).length > 0)) {
    const allowed = [...new Set(members.flatMap(allowedOf))];
    items.push({ ...item, choice: { kind: 'vocabulary', allowed, members } });
    return;
  }
  // A branch that got past its discriminators (a literal `^DELETE$` pattern, a missing property) tells more than the summary.
  const deeper = members.filter((member) => member.path !== item.path && !isDiscriminator(member));
  if (deeper.length > 0) {
    items.push(...deeper);
    return;
  }
  items.push({ ...item, choice: { kind: 'alternatives', allowed: [], members } });
}

function allowedOf(item: Item): string[] {
  if (item.choice) return item.choice.allowed;
  if (item.keyword === 'enum' && Array.isArray(item.params.allowedValues)) return item.params.allowedValues.map(String);
  return [];
}

function isDiscriminator(item: Item): boolean {
  return item.keyword === 'pattern' && typeof item.params.pattern === 'string' && /^\^[A-Za-z_]+\$$/.test(item.params.pattern);
}

function firstSegment(pointer: string): string {
  return pointer.split('/')[1] ?? '';
}

/** Property names an anyOf's branches look at (properties / required), through inline allOf/anyOf/oneOf. */
function touchedProperties(schemas: readonly unknown[]): Set<string> {
  const names = new Set<string>();
  const visit = (schema: unknown): void => {
    if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) return;
    const record: Record<string, unknown> = { ...schema };
    const properties = record.properties;
    if (properties !== null && typeof properties === 'object') for (const name of Object.keys(properties)) names.add(name);
    if (Array.isArray(record.required)) for (const name of record.required) names.add(String(name));
    for (const key of ['allOf', 'anyOf', 'oneOf']) {
      const list = record[key];
      if (Array.isArray(list)) list.forEach(visit);
    }
  };
  schemas.forEach(visit);
  return names;
}
