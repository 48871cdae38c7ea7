import { normaliseIdentifier } from '../../../../common/gs1/index.ts';

/**
 * The canonical form of an identifier (common/gs1 normaliseIdentifier), memoised: a capture names the
 * same locations and lots again and again (a 1,000-event document from one plant names its GLN 2,000
 * times), and parsing a Digital Link was the largest single cost of a capture (bench/results/trace.md).
 * The memo is bounded: it is emptied when it reaches MAX_ENTRIES.
 */
const MAX_ENTRIES = 100_000;
const memo = new Map<string, string>();

export function canonicalId(raw: string): string {
  const hit = memo.get(raw);
  if (hit !== undefined) return hit;
  const canonical = normaliseIdentifier(raw).canonical;
  if (memo.size >= MAX_ENTRIES) memo.clear();
  memo.set(raw, canonical);
  return canonical;
}
