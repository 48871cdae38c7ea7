import { createHash } from 'node:crypto';
import { canonicalJson } from '../../../platform/canonical-json.ts';

// Lists that EPCIS defines as unordered collections (EPCIS 2.0 §7.3: "an unordered list"; the CBV
// event-hash algorithm sorts them too). Keyed by the field that holds them, wherever it occurs.
export const SET_FIELDS: ReadonlySet<string> = new Set([
  'epcList',
  'childEPCs',
  'inputEPCList',
  'outputEPCList',
  'quantityList',
  'childQuantityList',
  'inputQuantityList',
  'outputQuantityList',
  'bizTransactionList',
  'sourceList',
  'destinationList',
  'sensorElementList',
  'sensorReport',
  'correctiveEventIDs',
  'certificationInfo',
  'set',
  'unset',
]);
// Fields of the event itself (or its error declaration) that are timestamps; compared as instants.
const TIME_FIELDS = new Set(['eventTime', 'declarationTime']);

/**
 * SHA-256 (hex) of an event's content, for "is this the same event?" when an event ID is captured
 * again (identical → acknowledge, different → 409, gs1/EPCIS issue #403).
 *
 * The hashed form is the platform's RFC 8785-style canonical JSON (sorted keys, no white space) of
 * the event with these normalisations:
 * - `recordTime` is dropped: the capturing repository sets it (EPCIS 2.0 §7.4.1), a re-capture differs.
 * - `@context` is dropped entirely (this covers its ordering too): an event inside a document carries
 *   none (the document's applies), the same event POSTed alone to /events must carry one, and the
 *   context only declares prefixes — the content is the fields.
 * - the unordered lists above are sorted by the canonical JSON of their items, at any depth
 *   (`persistentDisposition.set/unset`, `errorDeclaration.correctiveEventIDs`, sensor reports);
 *   every other array (extension fields, ilmd) keeps its order.
 * - `eventTime` and `errorDeclaration.declarationTime` are compared as instants (UTC, millisecond
 *   precision), so `…T20:33:31.116000-06:00` and `…T02:33:31.116Z` are the same time; the event's
 *   `eventTimeZoneOffset` stays part of the content.
 * Values are otherwise taken as written (no CBV or EPC URN ↔ Digital Link normalisation: the
 * schema already requires bare CBV words).
 *
 * Not GS1's event hash ID (CBV 2.0 §8.9, `ni:///sha-256;…?ver=CBV2.0`): that algorithm also
 * normalises identifiers to Digital Link form, orders fields by a fixed list and
 * excludes some fields; generating/verifying hash IDs is possible future work (reference
 * implementations: RalphTro/epcis-event-hash-generator, openepcis/openepcis-event-hash-generator).
 */
export function eventContentHash(event: Record<string, unknown>): string {
  const { recordTime: _recordTime, '@context': _context, ...content } = event;
  return createHash('sha256').update(canonicalContent(content, null)).digest('hex');
}

/**
 * The canonical JSON of `value` normalised as above, in one pass: the canonical text of each item of an unordered
 * list is computed once, sorted and joined (an earlier version built a normalised copy of the event, serialised
 * every set item to sort it, then serialised the whole copy again — a fifth of a capture's CPU time).
 */
function canonicalContent(value: unknown, field: string | null): string {
  if (Array.isArray(value)) {
    const items = value.map((item) => canonicalContent(item, null));
    if (items.length > 1 && field !== null && SET_FIELDS.has(field)) items.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return `[${items.join(',')}]`;
  }
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    const object = value as Record<string, unknown>;
    // The default sort compares strings by UTF-16 code units, as RFC 8785 asks.
    const keys = Object.keys(object).sort();
    let out = '{';
    for (const key of keys) {
      const member = object[key];
      if (member === undefined) continue;
      out += `${out.length === 1 ? '' : ','}${JSON.stringify(key)}:${canonicalContent(member, key)}`;
    }
    return `${out}}`;
  }
  if (typeof value === 'string' && field !== null && TIME_FIELDS.has(field)) {
    const ms = Date.parse(value);
    return JSON.stringify(Number.isNaN(ms) ? value : new Date(ms).toISOString());
  }
  return canonicalJson(value);
}
