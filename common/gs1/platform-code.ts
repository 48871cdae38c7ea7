/**
 * GTINs the platform allocates for products whose owner has no GS1 Company Prefix (no GS1 China membership), so that
 * every product on the platform — an enterprise's own GTIN or not — carries the same GS1 Digital Link codes
 * (一码统管): `<domain>/01/<gtin14>` (product), `…/10/<lot>` (batch), `…/21/<serial>` (item), served by the same
 * resolver routes and normalised for EPCIS like any other Digital Link (identifier.ts).
 *
 * Judgement call (shared/research/traceability.md proposes no scheme for these products):
 * - The platform holds its own GS1 Company Prefix, obtained by the bureau from GS1 China (中国物品编码中心, GS1 Prefixes
 *   690–699) and configured as PLATFORM_GS1_COMPANY_PREFIX. GTINs under it are the platform's to allocate, so they
 *   cannot collide with a real brand owner's (the reason an earlier design refused to put invented numbers behind
 *   `/01/`), and GS1's registry (Verified by GS1) names the bureau as the licensee — which is what it is. Each GTIN is
 *   the prefix, the next item reference of a per-prefix counter, and the mod-10 check digit; a GTIN is never allocated
 *   twice (GS1 GTIN Management Standard: no reuse), and the prefix's capacity is finite (10^(12 − length) GTIN-13s), so
 *   allocation refuses once it is spent. Policy note, not solved here: GS1 rules make the brand owner the allocator;
 *   the bureau allocating for enterprises must be agreed with GS1 China.
 * - Until the bureau has its prefix, and in demos and tests, the default is 9520000 under GS1 Prefix 952, which GS1
 *   reserves "for demonstrations and examples of the GS1 system" (GS1 General Specifications, GS1 Prefix list; GS1's
 *   style guide §2.18 makes it available to anyone "for demos and examples of GS1 identification keys"): such
 *   GTINs can never be a real product's, so nothing printed with them is mistaken for a real code, and the platform
 *   marks them 演示 wherever it shows them. Seven digits leave five for the item reference: 100,000 GTINs.
 * - Restricted Circulation Numbers (GS1 Prefixes 02, 04, 20–29) were rejected: they are unique only inside one company
 *   or within rules a GS1 Member Organisation sets for its region (in China prefix 2 is in-store variable-measure
 *   goods), so they stop being unique once goods leave the issuer and are not for codes shown to consumers.
 * - A non-GS1 path under the platform's domain (`/p/<credit code>/<product>/b/<lot>`, the earlier design) was rejected:
 *   it was not the same Digital Link form as enterprises' codes, so it needed its own routes, parser and EPCIS rules.
 */
import { gs1CheckDigit, normaliseGtin } from './check-digit.ts';
import { Gs1Error } from './types.ts';

/** GS1 Prefix 952: "used for demonstrations and examples of the GS1 system" (GS1 General Specifications). */
export const GS1_DEMO_PREFIX = '952';

/** The platform's company prefix when PLATFORM_GS1_COMPANY_PREFIX is unset: a demonstration number, never production. */
export const DEMO_PLATFORM_COMPANY_PREFIX = '9520000';

/**
 * Why `prefix` cannot be the platform's GS1 Company Prefix, or null when it can: 6–12 digits (a GTIN-13 is the prefix,
 * the item reference and a check digit: 12 data digits), starting with a GS1 China prefix 690–699 (the bureau's
 * prefix comes from GS1 China) or with the demonstration prefix 952.
 */
export function companyPrefixProblem(prefix: string): string | null {
  if (!/^\d{6,12}$/.test(prefix)) return `a GS1 Company Prefix has 6–12 digits, got "${prefix}"`;
  const gs1Prefix = Number(prefix.slice(0, 3));
  if ((gs1Prefix >= 690 && gs1Prefix <= 699) || prefix.startsWith(GS1_DEMO_PREFIX)) return null;
  return `a GS1 Company Prefix from GS1 China starts with 690–699 (or 952 for demonstrations), got "${prefix}"`;
}

/** How many GTIN-13s a company prefix holds: one per item reference of 12 − length digits. */
export function companyPrefixCapacity(prefix: string): number {
  return 10 ** (12 - prefix.length);
}

/**
 * The GTIN-14 (GTIN-13 with a leading 0, as a Digital Link writes it) of item reference `itemRef` under `prefix`,
 * e.g. `allocatedGtin('9520000', 1)` → `09520000000011`. Throws a Gs1Error for a bad prefix or an item reference
 * outside the prefix's capacity.
 */
export function allocatedGtin(prefix: string, itemRef: number): string {
  const problem = companyPrefixProblem(prefix);
  if (problem) throw new Gs1Error([problem]);
  const capacity = companyPrefixCapacity(prefix);
  if (!Number.isInteger(itemRef) || itemRef < 0 || itemRef >= capacity) {
    throw new Gs1Error([`item reference ${itemRef} is outside GS1 Company Prefix ${prefix} (0–${capacity - 1})`]);
  }
  const digits = 12 - prefix.length;
  // A 12-digit prefix has one GTIN and an empty item reference (String(0) would add a digit).
  const data = prefix + (digits === 0 ? '' : String(itemRef).padStart(digits, '0'));
  return `0${data}${gs1CheckDigit(data)}`;
}

/**
 * Whether a valid GTIN (8, 12, 13 or 14 digits) belongs to `prefix`: a GTIN-14 with any indicator digit counts (a case
 * of a platform-allocated product is the platform's number too). Throws a RangeError for an invalid GTIN.
 */
export function isUnderCompanyPrefix(gtin: string, prefix: string): boolean {
  return normaliseGtin(gtin).slice(1).startsWith(prefix);
}

/** Whether a GTIN is a GS1 demonstration number (GS1 Prefix 952): shown as 演示 wherever the platform shows it. */
export function isDemonstrationGtin(gtin: string): boolean {
  return /^\d{8,14}$/.test(gtin) && gtin.padStart(14, '0').startsWith(`0${GS1_DEMO_PREFIX}`);
}
