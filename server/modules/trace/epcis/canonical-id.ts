import { normaliseIdentifier } from '../../../../common/gs1/index.ts';

/**
 * The canonical form of an identifier (common/gs1 normaliseIdentifier), memoised: a capture names the
 * same locations and lots again and again (a 1,000-event document from one plant names its GLN 2,000
 * times), and parsing a Digital Link was the largest single cost of a capture (bench/results/trace.md).
 * The memo is bounded: it is emptied when it reaches MAX_ENTRIES.
 */
const MAX_ENTRIES = 100_000;
const memo = new Map<string, string>();

/**
 * Strings already in the constrained Digital Link form on id.gs1.org that normalisation returns unchanged:
 * `…/01/<14 digits>` with at most one of `/10/`, `/21/` (lot, serial), `…/00/<18 digits>`, `…/414/<13 digits>` with
 * at most `/254/` (extension), each value of unreserved characters only (nothing to percent-encode). Such a string is
 * its own canonical form whether its check digit is right or not: a valid one normalises to itself, and an invalid
 * one is kept as given. Every new lot and pallet of a capture is one of these, and a full parse of each cost the
 * capture ~7 % of its JavaScript time; the equality is tested against normaliseIdentifier on generated strings.
 */
const CANONICAL_DL = /^https:\/\/id\.gs1\.org\/(?:01\/\d{14}(?:\/(?:10|21)\/[0-9A-Za-z._-]+)?|00\/\d{18}|414\/\d{13}(?:\/254\/[0-9A-Za-z._-]+)?)$/;

export const isCanonicalDigitalLink = (raw: string): boolean => CANONICAL_DL.test(raw);

export function canonicalId(raw: string): string {
  const hit = memo.get(raw);
  if (hit !== undefined) return hit;
  // Not memoised: the test is as cheap as a lookup, and each new lot would otherwise push out a parsed form.
  if (CANONICAL_DL.test(raw)) return raw;
  const canonical = normaliseIdentifier(raw).canonical;
  if (memo.size >= MAX_ENTRIES) memo.clear();
  memo.set(raw, canonical);
  return canonical;
}
