/**
 * Codes the platform issues for products whose owner has no GS1 Company Prefix (GS1 China membership).
 *
 * Judgement call — shared/research/traceability.md recommends GS1 Digital Link for coded products but proposes no
 * scheme for products without a GS1 prefix (it leaves Chinese national coding standards out of scope). Two GS1-shaped
 * options were rejected:
 * - a `/01/<GTIN>` path under the platform's domain with a number the platform invents: any GS1 Digital Link
 *   decoder (and normaliseIdentifier) reads it as that GTIN on id.gs1.org, colliding with a real brand owner's product;
 * - Restricted Circulation Numbers (GS1 General Specifications, GS1 prefixes 02, 04, 20–29): valid only inside one
 *   company or in a region under rules set by the GS1 Member Organisation (in China prefix 2 is used for in-store
 *   variable-measure items), so not unique once goods leave the issuer and not for codes shown to consumers.
 *
 * Instead the code is a non-GS1 HTTP URI under the platform's own domain, which EPCIS 2.0 / CBV 2.0 accept as an
 * identifier (a URI its issuer controls; CBV "private or industry-specific identifiers", §8.4 in CBV 1.2 — not re-read
 * in 2.0), shaped like a constrained Digital Link so one QR / resolver design serves both:
 *
 *   product class  <domain>/p/<统一社会信用代码>/<productRef>
 *   batch (lot)    <domain>/p/<统一社会信用代码>/<productRef>/b/<lot>
 *   item (serial)  <domain>/p/<统一社会信用代码>/<productRef>/s/<serial>
 *
 * The enterprise's unified social credit code (GB 32100-2015) plays the role of the GS1 Company Prefix: unique,
 * check-character protected, already the platform's key for market entities. productRef, lot and serial use GS1's
 * CSET 82 and the lengths of AIs 240 (30) and 10/21 (20), so an enterprise that later joins GS1 keeps its lot and
 * serial numbers. No segment pair is a GS1 AI, so no Digital Link decoder mistakes these codes for GS1 keys.
 */
import { checkCreditCode } from '../credit-code.ts';
import { isCset82 } from './ai-validate.ts';
import type { NormalisedIdentifier } from './identifier.ts';
import { Gs1Error } from './types.ts';
import { percentDecode, percentEncode } from './uri.ts';

export type PlatformCodeKind = 'class' | 'batch' | 'item';

export interface PlatformCodeParts {
  /** 统一社会信用代码 of the product's owner (GB 32100-2015). */
  creditCode: string;
  /** The owner's product reference, 1–30 CSET 82 characters. */
  productRef: string;
  /** Required for kind 'batch': 1–20 CSET 82 characters. */
  lot?: string;
  /** Required for kind 'item': 1–20 CSET 82 characters. */
  serial?: string;
}

function partProblems(kind: PlatformCodeKind, parts: PlatformCodeParts): string[] {
  const errors: string[] = [];
  const credit = checkCreditCode(parts.creditCode);
  if (credit) errors.push(`credit code ${parts.creditCode} is not valid (${credit.rule})`);
  const field = (name: string, value: string | undefined, max: number): void => {
    if (value === undefined || value.length < 1 || value.length > max || !isCset82(value)) {
      errors.push(`${name} must be 1–${max} characters of GS1 CSET 82 (letters, digits, !"%&'()*+,-./:;<=>?_)`);
    }
  };
  field('productRef', parts.productRef, 30);
  if (kind === 'batch') field('lot', parts.lot, 20);
  if (kind === 'item') field('serial', parts.serial, 20);
  return errors;
}

/**
 * The platform code for a product class, batch or item, e.g. `platformCode('https://trace.zhiliang.example', 'batch',
 * { creditCode: '913305007490121183', productRef: 'TEA-500G', lot: '20250601' })` →
 * `https://trace.zhiliang.example/p/913305007490121183/TEA-500G/b/20250601`. Throws a Gs1Error for invalid parts.
 */
export function platformCode(domain: string, kind: PlatformCodeKind, parts: PlatformCodeParts): string {
  const errors = partProblems(kind, parts);
  if (!/^https?:\/\/[^/?#]+(\/[^?#]*)?$/.test(domain)) errors.push(`domain ${domain} must be an http(s) URI without query or fragment`);
  if (errors.length) throw new Gs1Error(errors);
  const classUri = `${domain.replace(/\/+$/, '')}/p/${parts.creditCode}/${percentEncode(parts.productRef)}`;
  if (kind === 'batch') return `${classUri}/b/${percentEncode(parts.lot ?? '')}`;
  if (kind === 'item') return `${classUri}/s/${percentEncode(parts.serial ?? '')}`;
  return classUri;
}

/**
 * Reads a platform code issued under `domain`: null when `uri` is not under `<domain>/p/`, otherwise the normalised
 * identifier (canonical re-encoded form; kind 'other' with errors when malformed).
 */
export function parsePlatformCode(uri: string, domain: string): NormalisedIdentifier | null {
  const base = `${domain.replace(/\/+$/, '')}/p/`;
  if (!uri.startsWith(base)) return null;
  const malformed = (error: string): NormalisedIdentifier => ({ canonical: uri, kind: 'other', errors: [`platform code: ${error}`] });
  if (/[?#]/.test(uri)) return malformed('must not have a query or fragment');
  const decoded = uri
    .slice(base.length)
    .split('/')
    .map((s) => percentDecode(s, false));
  const bad = decoded.find((d) => d.error);
  if (bad) return malformed(bad.error ?? '');
  const [creditCode = '', productRef = '', marker, value] = decoded.map((d) => d.value);
  const kind: PlatformCodeKind | null =
    decoded.length === 2 ? 'class' : decoded.length === 4 && marker === 'b' ? 'batch' : decoded.length === 4 && marker === 's' ? 'item' : null;
  if (!kind) return malformed('expected /p/<credit code>/<product>[/b/<lot> | /s/<serial>]');
  const parts: PlatformCodeParts = { creditCode, productRef, ...(kind === 'batch' ? { lot: value } : {}), ...(kind === 'item' ? { serial: value } : {}) };
  const errors = partProblems(kind, parts);
  if (errors.length) return { canonical: uri, kind: 'other', errors };
  return {
    canonical: platformCode(domain, kind, parts),
    kind,
    classUri: platformCode(domain, 'class', parts),
    ...(parts.lot === undefined ? {} : { lot: parts.lot }),
    ...(parts.serial === undefined ? {} : { serial: parts.serial }),
    errors: [],
  };
}
