/**
 * Parsing GS1 Digital Link URIs (uncompressed): `https://<host>[/<stem>]/<primary key AI>/<value>[/<qualifier AI>/<value>]…
 * [?<attribute AI>=<value>&…][#fragment]` (GS1 Digital Link URI Syntax, decoding rules as
 * executed by GS1's reference engine gs1/gs1-syntax-engine `src/c-lib/dl.c`). Rules, each fixed by a reference vector in
 * shared/fixtures/gs1-digital-link/derived-gs1-reference-test-vectors.json:
 *
 * - the rightmost primary key in the path starts the GS1 part; what comes before it is the stem and is ignored;
 * - path qualifiers follow one of the key's ordered qualifier sequences (dictionary `dlpkey=`), each optional;
 * - AIs in the path are numeric; short names (`/gtin/`) only with `permitConvenienceAlphas`;
 * - a GTIN has 14 digits; GTIN-8/12/13 only with `permitZeroSuppressedGTINinDLuris`;
 * - query parameters whose name is numeric are AIs: known, permitted as DL data attributes (flag `?`), non-empty,
 *   not a key qualifier that belongs in the path; other parameters (`linkType`, singletons) and `#fragment` are kept
 *   aside and do not affect validity;
 * - no AI may occur twice; every value must pass the AI's format and check-digit rules, and the whole set the
 *   dictionary's mandatory/invalid pairings.
 */
import { aiDefinition, DL_CONVENIENCE_ALPHAS } from './ai-table.ts';
import { checkAiAssociations, checkAiValue, looksLikeAi } from './ai-validate.ts';
import type { AiValue } from './types.ts';
import { badUriCharacter, percentDecode, splitHttpUri } from './uri.ts';

/** The canonical GS1 resolver; canonical Digital Link URIs use it as their stem. */
export const GS1_RESOLVER = 'https://id.gs1.org';

/** Decoder options, named as in the GS1 reference engine (all off / `validateUnknownAINotDLAttr` on by default). */
export interface DigitalLinkOptions {
  permitZeroSuppressedGTINinDLuris?: boolean;
  permitConvenienceAlphas?: boolean;
  permitUnknownAIs?: boolean;
  /** With `permitUnknownAIs`, still refuse unknown AIs as query attributes (they may not be DL attributes). Default true. */
  validateUnknownAINotDLAttr?: boolean;
}

export interface ParsedDigitalLink {
  /** Scheme and authority, e.g. `https://example.com:8443` (scheme lower-cased). */
  domain: string;
  /** Everything before the primary key: domain plus any path prefix, e.g. `https://example.com/products`. */
  stem: string;
  primary: AiValue | null;
  /** Key qualifiers from the path, in path order. */
  qualifiers: AiValue[];
  /** Data attributes from the query string, in query order. */
  attributes: AiValue[];
  /** Query parameters that are not AIs (e.g. `linkType`); `value` null for a parameter without `=`. */
  otherParams: { key: string; value: string | null }[];
  fragment: string | null;
  /** Empty when the URI is a valid GS1 Digital Link URI. */
  errors: string[];
}

/** True when `qualifiers` (in order) is a subsequence of one of the key's qualifier sequences. */
export function isValidQualifierPath(primaryAi: string, qualifiers: readonly string[]): boolean {
  const sequences = aiDefinition(primaryAi)?.dlQualifierSequences ?? [];
  return sequences.some((seq) => {
    let at = 0;
    for (const q of qualifiers) {
      at = seq.indexOf(q, at) + 1;
      if (at === 0) return false;
    }
    return true;
  });
}

function fitsInPath(primaryAi: string, qualifiers: readonly string[], ai: string): boolean {
  for (let at = 0; at <= qualifiers.length; at++) {
    if (isValidQualifierPath(primaryAi, [...qualifiers.slice(0, at), ai, ...qualifiers.slice(at)])) return true;
  }
  return false;
}

function qualifierOrderError(primaryAi: string, qualifiers: readonly string[]): string {
  const sequences = aiDefinition(primaryAi)?.dlQualifierSequences ?? [[]];
  const allowed = sequences.map((s) => (s.length ? s.map((q) => `/${q}`).join('') : 'none')).join(' or ');
  return `path qualifiers ${qualifiers.map((q) => `/${q}`).join('')} do not fit primary key (${primaryAi}), whose qualifiers are, in order and each optional: ${allowed}`;
}

/** An AI named by a path segment: numeric (known or not), or a short name when permitted. */
function pathAi(segment: string, options: DigitalLinkOptions): string | null {
  if (looksLikeAi(segment)) return segment;
  if (options.permitConvenienceAlphas) return DL_CONVENIENCE_ALPHAS[segment] ?? null;
  return null;
}

function expandGtin(ai: string, value: string, options: DigitalLinkOptions): string {
  return ai === '01' && options.permitZeroSuppressedGTINinDLuris && /^(\d{8}|\d{12}|\d{13})$/.test(value) ? value.padStart(14, '0') : value;
}

/**
 * Parses and validates a GS1 Digital Link URI. Never throws; `errors` is empty for a valid URI. When no primary key
 * is found, `primary` is null (the URI may be an ordinary web address).
 */
export function parseDigitalLink(uri: string, options: DigitalLinkOptions = {}): ParsedDigitalLink {
  const result: ParsedDigitalLink = { domain: '', stem: '', primary: null, qualifiers: [], attributes: [], otherParams: [], fragment: null, errors: [] };
  const fail = (error: string): ParsedDigitalLink => {
    result.errors.push(error);
    return result;
  };
  const { parts, error } = splitHttpUri(uri);
  if (!parts) return fail(error ?? 'not a URI');
  result.domain = `${parts.scheme}://${parts.authority}`;
  result.fragment = parts.fragment;
  const badPath = badUriCharacter(parts.path, false);
  if (badPath) return fail(`path: ${badPath}`);
  const badQuery = parts.query === null ? null : badUriCharacter(parts.query, true);
  if (badQuery) return fail(`query: ${badQuery}`);

  // Read (AI, value) pairs from the right until a primary key: the rightmost primary key wins.
  const segments = parts.path.split('/').slice(1);
  if (segments.length && segments[segments.length - 1] === '') return fail("a GS1 Digital Link URI path must not end with '/'");
  const pairs: { ai: string; raw: string }[] = [];
  let i = segments.length;
  let primaryFound = false;
  while (i >= 2 && !primaryFound) {
    const ai = pathAi(segments[i - 2] ?? '', options);
    if (ai === null) break;
    pairs.unshift({ ai, raw: segments[i - 1] ?? '' });
    i -= 2;
    primaryFound = aiDefinition(ai)?.dlPrimaryKey === true;
  }
  if (!primaryFound) return fail('no GS1 Digital Link primary key (e.g. /01/<GTIN>) in the path');
  result.stem =
    result.domain +
    segments
      .slice(0, i)
      .map((s) => `/${s}`)
      .join('');

  const seen = new Set<string>();
  const all: AiValue[] = [];
  const add = (ai: string, raw: string, inQuery: boolean): AiValue | null => {
    const decoded = percentDecode(raw, inQuery);
    if (decoded.error) {
      result.errors.push(`(${ai}): ${decoded.error}`);
      return null;
    }
    if (seen.has(ai)) result.errors.push(`(${ai}) occurs more than once`);
    seen.add(ai);
    const entry = { ai, value: expandGtin(ai, decoded.value, options) };
    const problem = checkAiValue(entry.ai, entry.value, options.permitUnknownAIs === true);
    if (problem) result.errors.push(problem);
    all.push(entry);
    return entry;
  };

  const [primaryPair, ...qualifierPairs] = pairs;
  if (!primaryPair) return fail('no GS1 Digital Link primary key in the path');
  result.primary = add(primaryPair.ai, primaryPair.raw, false);
  for (const q of qualifierPairs) {
    const entry = add(q.ai, q.raw, false);
    if (entry) result.qualifiers.push(entry);
  }
  const qualifierAis = qualifierPairs.map((q) => q.ai);
  if (!isValidQualifierPath(primaryPair.ai, qualifierAis)) result.errors.push(qualifierOrderError(primaryPair.ai, qualifierAis));

  for (const param of parts.query?.split('&') ?? []) {
    if (param === '') continue;
    const eq = param.indexOf('=');
    const rawKey = eq < 0 ? param : param.slice(0, eq);
    const key = percentDecode(rawKey, true).value;
    if (!/^\d+$/.test(key)) {
      result.otherParams.push({ key, value: eq < 0 ? null : percentDecode(param.slice(eq + 1), true).value });
      continue;
    }
    const def = aiDefinition(key);
    if (eq < 0 || eq === param.length - 1) {
      result.errors.push(`query parameter (${key}) has no value`);
      continue;
    }
    if (def && !def.dlAttribute) result.errors.push(`(${key}) is not permitted as a Digital Link data attribute`);
    if (!def && options.permitUnknownAIs && options.validateUnknownAINotDLAttr !== false) {
      result.errors.push(`(${key}) is not a known Application Identifier, so it cannot be a Digital Link data attribute`);
    }
    // A key qualifier may sit in the query only when the path's qualifier sequence cannot hold it (10 beside 235).
    if (def && !seen.has(key) && fitsInPath(primaryPair.ai, qualifierAis, key)) {
      result.errors.push(`(${key}) is a key qualifier of (${primaryPair.ai}) and belongs in the path`);
    }
    const entry = add(key, param.slice(eq + 1), true);
    if (entry) result.attributes.push(entry);
  }
  result.errors.push(...checkAiAssociations(all));
  return result;
}

/** The AIs of a parsed Digital Link in URI order: primary key, path qualifiers, query attributes. */
export function digitalLinkAis(parsed: ParsedDigitalLink): AiValue[] {
  return parsed.primary ? [parsed.primary, ...parsed.qualifiers, ...parsed.attributes] : [];
}
