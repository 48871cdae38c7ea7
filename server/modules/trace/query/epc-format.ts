import { sql } from 'kysely';
import { digitalLinkToEpcUrn, epcUrnToDigitalLink, normaliseIdentifier } from '../../../../common/gs1/index.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';

/**
 * The `GS1-EPC-Format` request header of the EPCIS 2.0 REST binding (components.parameters GS1-EPC-Format): whether
 * the EPCs of returned events are written as GS1 Digital Link URIs or as EPC URNs.
 *
 * - `Always_GS1_Digital_Link`: EPC URNs of GS1 keys become their Digital Link on https://id.gs1.org (TDS §7);
 * - `Always_EPC_URN`: Digital Links become EPC URNs. That needs the length of the GS1 Company Prefix, which a GS1 key
 *   does not carry (TDS §7): it is taken from a company prefix the repository knows — the platform's own, one written
 *   as an EPC URN in the returned events, or one of a stored EPC URN of the same GS1 key. GS1 Company Prefixes are
 *   allocated prefix-free, so a known prefix that starts the key is the key's. A Digital Link whose prefix is not
 *   known stays a Digital Link;
 * - `Never_Translates` and `No_Preference` (the server's choice): as captured.
 *
 * The binding says an absent header means `Always_GS1_Digital_Link`; this repository treats it as `No_Preference`
 * (events come back as captured, as they always have). Translated: the EPC fields of EPCIS 2.0 §7.3 — epcList,
 * parentID, childEPCs, inputEPCList, outputEPCList and the epcClass of quantityList, childQuantityList,
 * inputQuantityList, outputQuantityList. Locations, parties, sources and destinations stay as captured; so does any
 * URI that is not a GS1 identifier, and an EPC without a GS1 key (gid, usdod, adi, bic, imovn).
 */

export const EPC_FORMAT_HEADER = 'GS1-EPC-Format';
export const EPC_FORMATS = ['No_Preference', 'Always_GS1_Digital_Link', 'Always_EPC_URN', 'Never_Translates'] as const;
export type EpcFormat = (typeof EPC_FORMATS)[number];

/** The header's value, `No_Preference` when absent; anything else is the query's QueryParameterException. */
export function readEpcFormat(header: string | string[] | undefined): EpcFormat {
  if (header === undefined) return 'No_Preference';
  const value = Array.isArray(header) ? header.join(',') : header.trim();
  const format = EPC_FORMATS.find((f) => f === value);
  if (format) return format;
  const allowed = EPC_FORMATS.join(', ');
  throw new AppError(
    400,
    'EPCIS_QUERY_PARAMETER',
    `请求头 ${EPC_FORMAT_HEADER} 无效：取值应为 ${allowed} 之一 / QueryParameterException: header ${EPC_FORMAT_HEADER} must be one of ${allowed}`,
    [{ field: `headers.${EPC_FORMAT_HEADER}`, rule: 'enum', message: `must be one of ${allowed}` }],
  );
}

const EPC_LISTS = ['epcList', 'childEPCs', 'inputEPCList', 'outputEPCList'] as const;
const QUANTITY_LISTS = ['quantityList', 'childQuantityList', 'inputQuantityList', 'outputQuantityList'] as const;

/** The GS1 Company Prefix of an EPC URN of a GS1 key: its first component (TDS §6.3, §6.4, §8). */
const URN_COMPANY_PREFIX = /^urn:epc:(?:id|class|idpat):(?:sgtin|sscc|sgln|grai|giai|gsrn|gsrnp|gdti|sgcn|ginc|gsin|cpi|pgln|itip|lgtin|upui):(\d{6,12})\./i;

// Keys whose first digit is an indicator / extension digit before the company prefix (TDS §7).
const INDICATOR_FIRST = new Set(['01', '00', '8003', '8006']);

/** Every string an EPC field of the event holds, with a function that writes a new value back. */
function epcFields(event: Record<string, unknown>, visit: (value: string) => string): Record<string, unknown> {
  const out: Record<string, unknown> = { ...event };
  for (const list of EPC_LISTS) {
    const values = event[list];
    if (Array.isArray(values)) out[list] = values.map((v) => (typeof v === 'string' ? visit(v) : v));
  }
  if (typeof event.parentID === 'string') out.parentID = visit(event.parentID);
  for (const list of QUANTITY_LISTS) {
    const elements = event[list];
    if (!Array.isArray(elements)) continue;
    out[list] = elements.map((q) => {
      if (q === null || typeof q !== 'object' || Array.isArray(q)) return q;
      const element = q as Record<string, unknown>;
      return typeof element.epcClass === 'string' ? { ...element, epcClass: visit(element.epcClass) } : element;
    });
  }
  return out;
}

const isEvent = (e: unknown): e is Record<string, unknown> => e !== null && typeof e === 'object' && !Array.isArray(e);

/** The company-prefix digits of a GS1 key (after the indicator digit where there is one), or null. */
function keyDigits(value: string): { stem: string; digits: string } | null {
  if (!/^https?:\/\//i.test(value)) return null;
  const n = normaliseIdentifier(value);
  if (n.errors.length || n.key === undefined) return null;
  const stem = n.canonical.split('/').slice(0, 5).join('/');
  const keyValue = stem.split('/')[4] ?? '';
  return { stem, digits: INDICATOR_FIRST.has(n.key) ? keyValue.slice(1) : keyValue };
}

/** Known GS1 Company Prefixes; `lengthFor` answers the prefix length of a key, or null. */
export class CompanyPrefixes {
  private readonly prefixes = new Set<string>();

  add(prefix: string): void {
    if (/^\d{6,12}$/.test(prefix)) this.prefixes.add(prefix);
  }

  /** Learns the company prefix of an EPC URN. */
  learn(value: string): void {
    const prefix = URN_COMPANY_PREFIX.exec(value)?.[1];
    if (prefix) this.add(prefix);
  }

  lengthFor(digits: string): number | null {
    for (let length = 12; length >= 6; length -= 1) if (this.prefixes.has(digits.slice(0, length))) return length;
    return null;
  }
}

/** The identifier in the requested format; unchanged when it is not a GS1 identifier or cannot be translated. */
export function translateEpc(value: string, format: EpcFormat, prefixes: CompanyPrefixes): string {
  if (format === 'Always_GS1_Digital_Link') {
    if (!/^urn:epc:/i.test(value)) return value;
    try {
      return epcUrnToDigitalLink(value);
    } catch {
      return value; // an EPC without a GS1 key, or a malformed one: as captured
    }
  }
  if (format === 'Always_EPC_URN') {
    const key = keyDigits(value);
    const length = key ? prefixes.lengthFor(key.digits) : null;
    if (length === null) return value;
    try {
      return digitalLinkToEpcUrn(value, length);
    } catch {
      return value; // a key with no EPC equivalent (e.g. a GTIN with CPV), as captured
    }
  }
  return value;
}

/** Events with their EPC fields in the requested format (new objects; the page's events are not changed). */
export function translateEvents(events: unknown[], format: EpcFormat, prefixes: CompanyPrefixes): unknown[] {
  if (format !== 'Always_GS1_Digital_Link' && format !== 'Always_EPC_URN') return events;
  return events.map((e) => (isEvent(e) ? epcFields(e, (v) => translateEpc(v, format, prefixes)) : e));
}

/**
 * The company prefixes needed to write `values` (identifiers about to be returned) as EPC URNs: the platform's own, those
 * of EPC URNs among the values, and for each other GS1 key the prefix of an EPC URN stored for that key (one bounded
 * index probe per key on trace_event_identifier, whose identifier column is collate "C" — migration 0008).
 */
export async function companyPrefixesFor(db: Db, values: string[], platformPrefix: string): Promise<CompanyPrefixes> {
  const prefixes = new CompanyPrefixes();
  prefixes.add(platformPrefix);
  for (const v of values) prefixes.learn(v);
  const stems = new Set<string>();
  for (const v of values) {
    const key = keyDigits(v);
    if (key && prefixes.lengthFor(key.digits) === null) stems.add(key.stem);
  }
  if (stems.size === 0) return prefixes;
  // `stem || '0'` bounds the range: the key itself and every `stem/…` below it ('/' sorts before '0').
  const rows = await sql<{ raw: string | null }>`
    select (
      select s.raw from (
        select i.raw from trace_event_identifier i where i.identifier >= k.stem and i.identifier < k.stem || '0' limit 200
      ) s where s.raw like 'urn:epc:%' limit 1
    ) as raw
    from unnest(${[...stems]}::text[]) as k(stem)`.execute(db);
  for (const row of rows.rows) if (row.raw) prefixes.learn(row.raw);
  return prefixes;
}

/** The values of the EPC fields of some events (what `companyPrefixesFor` needs to know). */
export function epcValues(events: unknown[]): string[] {
  const values: string[] = [];
  for (const e of events) {
    if (isEvent(e)) {
      epcFields(e, (v) => {
        values.push(v);
        return v;
      });
    }
  }
  return values;
}
