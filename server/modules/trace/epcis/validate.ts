import fs from 'node:fs';
import { Ajv, type ErrorObject, type SchemaObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { fullFormats } from 'ajv-formats/dist/formats.js';
import type { EpcisDocument, EpcisEvent, EpcisQueryDocument } from './events.ts';
import { eventsOf } from './events.ts';
import { collectIssues, type EpcisIssue, finishIssues, MAX_ISSUES, type RankedIssue } from './issues.ts';

export type EpcisDocumentType = 'EPCISDocument' | 'EPCISQueryDocument';
export type EpcisDocumentValidation = { ok: true; type: EpcisDocumentType; events: EpcisEvent[] } | { ok: false; errors: EpcisIssue[] };
export type EpcisEventValidation = { ok: true; event: EpcisEvent } | { ok: false; errors: EpcisIssue[] };
/** A document's events with their place in the list: those to capture, and (greedy capture) those refused for the schema. */
export type EpcisDocumentSorting =
  | { ok: true; type: EpcisDocumentType; events: { index: number; event: EpcisEvent }[]; refused: { index: number; issues: EpcisIssue[] }[] }
  | { ok: false; errors: EpcisIssue[] };

const SCHEMA_FILE = new URL('./schema/epcis-json-schema.json', import.meta.url);
const DOCUMENT_TYPES: readonly string[] = ['EPCISDocument', 'EPCISQueryDocument'];
// Arrays (and unnamed members) kept per level when a failing value is examined in detail; see `prune`.
const DETAIL_WIDTH = 20;
// Deeper than this the schema constrains nothing (extension values), so nothing is copied.
const DETAIL_DEPTH = 12;

interface Validators {
  /** The schema's root: a document, or a single event (which must carry @context). */
  root: { fast: ValidateFunction; detailed: ValidateFunction };
  /** `#/definitions/EPCIS-Document-Event`: an event inside a document's event list. */
  listed: { fast: ValidateFunction; detailed: ValidateFunction };
  /** Every property name the schema defines (never pruned away: `required` must still see them). */
  names: ReadonlySet<string>;
}

let validators: Validators | null = null;

// `format: "uri"` is RFC 3986 (ajv-formats' full check, one large regular expression). Nearly every URI an EPCIS
// document holds is an EPC/CBV URN or a plain http(s) Digital Link; this pattern accepts only such strings, each
// of which the full grammar also accepts (a scheme; for http(s) a reg-name host, an optional port and a path; then
// only unreserved, sub-delims, ":", "@" and "/" — no "%", "?", "#", "[" — i.e. path segments of pchars), so it
// decides them at a fraction of the cost, and every other string goes to the full check.
const PLAIN_URI = /^(?:urn:[a-z0-9][a-z0-9-]{0,31}:|https?:\/\/[a-z0-9.-]+(?::[0-9]+)?\/)[a-z0-9\-._~!$&'()*+,;=:@/]*$/i;
const fullUri = fullFormats.uri;
export const isUri = (value: string): boolean => PLAIN_URI.test(value) || (typeof fullUri === 'function' && fullUri(value));

/**
 * GS1's ratified EPCIS 2.0.1 JSON Schema (draft-07 → Ajv's default class), compiled on first use.
 * strict:false because Ajv's strict mode refuses the artefact (strictRequired: "transformationID" at
 * TransformationEvent allOf/2/anyOf/1); ajv-formats so that `date-time` and `uri` are checked;
 * verbose so that errors carry the data and schema they are folded by.
 * Each validator exists twice: `fast` stops at the first error (linear, decides valid/invalid);
 * `detailed` (allErrors) explains a failure — Ajv concatenates error arrays at every
 * referenced definition, so with allErrors its cost grows with errors × calls (tens of seconds for
 * a document of 10,000 bad events), which is why it only ever sees pruned, failing values.
 */
function compile(): Validators {
  if (validators) return validators;
  const schema: unknown = JSON.parse(fs.readFileSync(SCHEMA_FILE, 'utf8'));
  if (schema === null || typeof schema !== 'object' || !('$id' in schema) || typeof schema.$id !== 'string') {
    throw new Error(`EPCIS schema ${SCHEMA_FILE.pathname} is not a JSON Schema with an $id`);
  }
  const listedRef = { $ref: `${schema.$id}#/definitions/EPCIS-Document-Event` };
  const pair = (allErrors: boolean) => {
    const ajv = new Ajv({ allErrors, verbose: true, strict: false });
    addFormats.default(ajv);
    ajv.addFormat('uri', isUri);
    return { root: ajv.compile(schema as SchemaObject), listed: ajv.compile(listedRef) }; // the vendored GS1 schema, an object with an $id
  };
  const fast = pair(false);
  const detailed = pair(true);
  validators = {
    root: { fast: fast.root, detailed: detailed.root },
    listed: { fast: fast.listed, detailed: detailed.listed },
    names: propertyNames(schema),
  };
  return validators;
}

/**
 * Validate an EPCISDocument or EPCISQueryDocument (POST /epcis/capture) against the ratified schema.
 * Issues' paths are JSON Pointers into the document (`/epcisBody/eventList/3/action`); the first
 * failing events are examined (at most MAX_ISSUES of them).
 */
export function validateEpcisDocument(document: unknown): EpcisDocumentValidation {
  const type = shapeOf(document);
  if (typeof type !== 'string' || !DOCUMENT_TYPES.includes(type)) return { ok: false, errors: [notADocument(type)] };
  const v = compile();
  if (v.root.fast(document)) {
    // Valid against the schema's epcisDocument / epcisQueryDocument definition, selected by this `type`.
    const valid = document as EpcisDocument | EpcisQueryDocument;
    return { ok: true, type: valid.type, events: eventsOf(valid) };
  }
  const fastErrors = v.root.fast.errors ?? [];
  const listPath = type === 'EPCISDocument' ? ['epcisBody', 'eventList'] : ['epcisBody', 'queryResults', 'resultsBody', 'eventList'];
  const events = memberAt(document, listPath);
  // The document without its events (equivalent: the event list's items are EPCIS-Document-Event), then each event.
  const shell = Array.isArray(events) ? replaceAt(document, listPath, []) : document;
  const ranked: RankedIssue[] = explain(v.root, shell, '', v.names);
  if (Array.isArray(events)) {
    let failing = 0;
    for (const [i, event] of events.entries()) {
      if (v.listed.fast(event)) continue;
      ranked.push(...explain(v.listed, event, `/${listPath.join('/')}/${i}`, v.names));
      if (++failing >= MAX_ISSUES) break;
    }
  }
  return { ok: false, errors: finishIssues(ranked.length > 0 ? ranked : collectIssues(fastErrors)) };
}

/**
 * A document's events as a capture takes them, each with its place in the event list. Whole (the default, rollback):
 * every event conforms, or the document is refused with validateEpcisDocument's issues. Greedy
 * (GS1-Capture-Error-Behaviour: proceed): a document whose envelope conforms is sorted into the events that conform
 * and those that do not, each of these with its issues (paths into the document; the first MAX_ISSUES failing events
 * are examined in detail, the rest say where the schema first failed); a document whose envelope does not conform —
 * no document type, no event list, a bad header — is still refused whole.
 */
export function sortEpcisDocument(document: unknown, greedy: boolean): EpcisDocumentSorting {
  const whole = (): EpcisDocumentSorting => {
    const verdict = validateEpcisDocument(document);
    return verdict.ok ? { ...verdict, events: verdict.events.map((event, index) => ({ index, event })), refused: [] } : verdict;
  };
  if (!greedy) return whole();
  const type = shapeOf(document);
  if (typeof type !== 'string' || !DOCUMENT_TYPES.includes(type)) return whole();
  const v = compile();
  const listPath = type === 'EPCISDocument' ? ['epcisBody', 'eventList'] : ['epcisBody', 'queryResults', 'resultsBody', 'eventList'];
  const list = memberAt(document, listPath);
  if (!Array.isArray(list) || v.root.fast(document) || !v.root.fast(replaceAt(document, listPath, []))) return whole();
  const events: { index: number; event: EpcisEvent }[] = [];
  const refused: { index: number; issues: EpcisIssue[] }[] = [];
  for (const [index, event] of list.entries()) {
    if (v.listed.fast(event)) {
      events.push({ index, event: event as EpcisEvent }); // conforms to EPCIS-Document-Event
      continue;
    }
    const prefix = `/${listPath.join('/')}/${index}`;
    const ranked = refused.length < MAX_ISSUES ? explain(v.listed, event, prefix, v.names) : collectIssues(v.listed.fast.errors ?? [], prefix);
    refused.push({ index, issues: finishIssues(ranked) });
  }
  return { ok: true, type: type as EpcisDocumentType, events, refused };
}

/**
 * Validate a single event (POST /epcis/events): an ObjectEvent … AssociationEvent, or an extension
 * event whose type is a URI; like any event outside a document it must carry `@context`. Issues'
 * paths point into the event (`/action`).
 */
export function validateEpcisEvent(event: unknown): EpcisEventValidation {
  const type = shapeOf(event);
  if (type === null) return { ok: false, errors: [{ path: '', rule: 'type', message: '事件应为 JSON 对象 / the event must be a JSON object' }] };
  if (typeof type === 'string' && DOCUMENT_TYPES.includes(type)) {
    const message = `收到的是 ${type} 文档而不是单个事件；文档应按批量采集提交 / got an ${type}, not a single event; documents are captured as a batch`;
    return { ok: false, errors: [{ path: '/type', rule: 'enum', message }] };
  }
  const v = compile();
  // Valid against the event definition its `type` selects (or Extended-Event).
  if (v.root.fast(event)) return { ok: true, event: event as EpcisEvent };
  return { ok: false, errors: finishIssues(explain(v.root, event, '', v.names)) };
}

/** The detailed issues of a value that failed (or [] when it passes), from a pruned copy. */
function explain(pair: { fast: ValidateFunction; detailed: ValidateFunction }, value: unknown, prefix: string, names: ReadonlySet<string>): RankedIssue[] {
  if (pair.fast(value)) return [];
  const fastErrors: ErrorObject[] = pair.fast.errors ?? [];
  // Pruning only hides errors (it shortens arrays, drops unnamed members), never invents one; if it hid them all, the fast errors say where.
  if (pair.detailed(prune(value, names, 0))) return collectIssues(fastErrors, prefix);
  return collectIssues(pair.detailed.errors ?? [], prefix);
}

/** A copy with at most DETAIL_WIDTH items per array and DETAIL_WIDTH members the schema does not name per object. */
function prune(value: unknown, names: ReadonlySet<string>, depth: number): unknown {
  if (depth > DETAIL_DEPTH || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.slice(0, DETAIL_WIDTH).map((item) => prune(item, names, depth + 1));
  const out: Record<string, unknown> = {};
  let unnamed = 0;
  for (const [key, member] of Object.entries(value)) {
    if (names.has(key) || unnamed++ < DETAIL_WIDTH) out[key] = prune(member, names, depth + 1);
  }
  return out;
}

/** Every name under a `properties` or in a `required` anywhere in the schema. */
function propertyNames(schema: unknown): Set<string> {
  const names = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    if (node === null || typeof node !== 'object' || Array.isArray(node)) return;
    for (const [key, member] of Object.entries(node)) {
      if (key === 'properties' && member !== null && typeof member === 'object') for (const name of Object.keys(member)) names.add(name);
      if (key === 'required' && Array.isArray(member)) for (const name of member) names.add(String(name));
      visit(member);
    }
  };
  visit(schema);
  return names;
}

/** The value's `type` member (undefined when absent), or null when the value is not a JSON object. */
function shapeOf(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  return 'type' in value ? value.type : undefined;
}

function memberAt(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object' || Array.isArray(current) || !(key in current)) return undefined;
    current = (current as Record<string, unknown>)[key]; // an own member, checked just above
  }
  return current;
}

/** A shallow copy of `value` along `path` with the member at the end replaced. */
function replaceAt(value: unknown, path: readonly string[], replacement: unknown): unknown {
  const [key, ...rest] = path;
  if (key === undefined) return replacement;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const copy: Record<string, unknown> = { ...value };
  copy[key] = replaceAt(copy[key], rest, replacement);
  return copy;
}

function notADocument(type: unknown): EpcisIssue {
  if (type === null) return { path: '', rule: 'type', message: '文档应为 JSON 对象 / the document must be a JSON object' };
  if (type === undefined) {
    return {
      path: '',
      rule: 'required',
      message: '缺少必填字段 type（EPCISDocument 或 EPCISQueryDocument）/ missing required field type (EPCISDocument or EPCISQueryDocument)',
    };
  }
  const value = JSON.stringify(type) ?? String(type);
  return {
    path: '/type',
    rule: 'enum',
    message: `type 的值 ${value} 不是 EPCIS 文档类型；允许：EPCISDocument, EPCISQueryDocument（单个事件请单独提交）/ type ${value} is not an EPCIS document type; allowed: EPCISDocument, EPCISQueryDocument (send single events on their own)`,
  };
}
