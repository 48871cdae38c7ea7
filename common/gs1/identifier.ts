/**
 * One canonical string per traceable thing, whatever form an EPCIS event used for it.
 *
 * GS1 identifiers (EPC URIs, Digital Link URIs on any domain, legacy short names, zero-suppressed GTINs) become the
 * *constrained* Digital Link URI on https://id.gs1.org that CBV 2.0 prescribes for EPCIS identifier fields (CBV 2.0
 * identifier rules, not re-read here: as implemented by the GS1 work-group verifier
 * RalphTro/GS1DigitalLinkURIVerifierForEPCIS and summarised in shared/research/traceability.md §2.1): instance `…/01/<gtin14>/21/<serial>` (or `/235/<tpx>`), lot class
 * `…/01/<gtin14>/10/<lot>`, product class `…/01/<gtin14>`, `…/00/<sscc>`, `…/414/<gln>[/254/<ext>]`, `…/417/<gln>`,
 * and for other keys the key with its path qualifiers — never a query string, never CPV (22), never lot and serial
 * together, never 7040. A Digital Link on the platform's own domain (including the GTINs it allocates under its own
 * company prefix, platform-code.ts) is no exception: it normalises like any other. Anything else is kept exactly as
 * given, kind 'other'.
 */
import { GS1_RESOLVER, parseDigitalLink } from './digital-link.ts';
import { digitalLinkFromAis } from './digital-link-build.ts';
import { LENIENT_DL_OPTIONS } from './epc.ts';
import { parseEpcUrn } from './epc-urn.ts';
import type { AiValue } from './types.ts';

export type IdentifierKind = 'item' | 'batch' | 'class' | 'sscc' | 'location' | 'other';

export interface NormalisedIdentifier {
  /** The string to index and compare on. */
  canonical: string;
  kind: IdentifierKind;
  /** The GS1 primary key AI (e.g. '01', '00', '414', '8004'), for GS1 identifiers. */
  key?: string;
  gtin?: string;
  lot?: string;
  serial?: string;
  /** The GLN of a location (414) or party (417). */
  gln?: string;
  sscc?: string;
  /** The product-class identifier of an item or batch (`…/01/<gtin14>`). */
  classUri?: string;
  /** Empty when the value was read without problems (including values that are simply not GS1 identifiers). */
  errors: string[];
}

/** Path qualifiers kept in the constrained form, per primary key (CBV 2.0 constrained Digital Link URIs). */
function constrainedQualifiers(key: string, qualifiers: readonly AiValue[]): AiValue[] {
  const pick = (...ais: string[]): AiValue[] => {
    for (const ai of ais) {
      const q = qualifiers.find((x) => x.ai === ai);
      if (q) return [q];
    }
    return [];
  };
  switch (key) {
    case '01':
      return pick('21', '235', '10');
    case '8006':
      return pick('21', '10');
    case '414':
      return pick('254');
    case '417':
    case '8004':
      return [];
    default:
      return qualifiers.filter((q) => q.ai !== '22' && q.ai !== '7040');
  }
}

function fromGs1(primary: AiValue, qualifiers: readonly AiValue[]): NormalisedIdentifier {
  const kept = constrainedQualifiers(primary.ai, qualifiers);
  const built = digitalLinkFromAis([primary, ...kept], GS1_RESOLVER);
  if (!built.uri) return { canonical: '', kind: 'other', errors: built.errors };
  const value = (ai: string): string | undefined => qualifiers.find((q) => q.ai === ai)?.value;
  const base = { canonical: built.uri, key: primary.ai, errors: [] };
  switch (primary.ai) {
    case '01': {
      const gtin = primary.value;
      const classUri = `${GS1_RESOLVER}/01/${gtin}`;
      const [lot, serial] = [value('10'), value('21')];
      const kind: IdentifierKind = serial !== undefined || value('235') !== undefined ? 'item' : lot !== undefined ? 'batch' : 'class';
      return { ...base, kind, gtin, classUri, ...(lot === undefined ? {} : { lot }), ...(serial === undefined ? {} : { serial }) };
    }
    case '00':
      return { ...base, kind: 'sscc', sscc: primary.value };
    case '414':
      return { ...base, kind: 'location', gln: primary.value };
    case '417':
      return { ...base, kind: 'other', gln: primary.value };
    default:
      return { ...base, kind: 'other' };
  }
}

function asIs(value: string, errors: string[] = []): NormalisedIdentifier {
  return { canonical: value, kind: 'other', errors };
}

/**
 * Normalises an identifier found in an EPCIS event (epcList, childEPCs, parentID, input/outputEPCList, epcClass,
 * readPoint/bizLocation id, source/destination, …) or typed by a user. Never throws.
 *
 * A value that is plainly not a GS1 identifier (another URI, a private scheme) comes back unchanged with no errors;
 * a GS1 identifier that is malformed (bad check digit, bad EPC syntax) comes back unchanged with kind 'other' and
 * the problems in `errors`.
 */
export function normaliseIdentifier(value: string): NormalisedIdentifier {
  if (value === '') return asIs(value, ['empty identifier']);
  if (/^urn:epc:/i.test(value)) {
    const epc = parseEpcUrn(value);
    if (epc.errors.length) return asIs(value, epc.errors);
    const [primary, ...qualifiers] = epc.ais;
    if (!primary) return asIs(value); // an EPC without a GS1 key (gid, usdod, adi, bic, imovn)
    const result = fromGs1(primary, qualifiers);
    return result.errors.length ? asIs(value, result.errors) : result;
  }
  if (!/^https?:\/\//i.test(value)) return asIs(value);
  const dl = parseDigitalLink(value, LENIENT_DL_OPTIONS);
  if (dl.stem === '') return asIs(value); // no primary key in the path: a web address that is not a Digital Link
  if (dl.errors.length || !dl.primary) return asIs(value, dl.errors);
  const result = fromGs1(dl.primary, dl.qualifiers);
  return result.errors.length ? asIs(value, result.errors) : result;
}
