/**
 * EPC URI ↔ GS1 Digital Link URI (EPC Tag Data Standard §7 for the EPC ↔ GS1 key correspondence; EPCIS 2.0 / CBV
 * 2.0 accept either form as an identifier). EPC → Digital Link needs nothing else; Digital Link → EPC needs the length
 * of the GS1 Company Prefix, which is not recoverable from a GS1 key (TDS §7: it is looked up from the GS1 Company
 * Prefix allocation, e.g. GS1's GCP length table — not among the project fixtures, so callers pass it).
 */
import { aiDefinition } from './ai-table.ts';
import { checkAiValue } from './ai-validate.ts';
import { type DigitalLinkOptions, GS1_RESOLVER, parseDigitalLink } from './digital-link.ts';
import { buildDigitalLink } from './digital-link-build.ts';
import { escapeEpcComponent as esc, parseEpcUrn } from './epc-urn.ts';
import { type AiValue, Gs1Error } from './types.ts';

/**
 * Decoder options for identifiers received from others: legacy Digital Link short names (`/gtin/`) and zero-suppressed
 * GTINs are read and written back in canonical form.
 */
export const LENIENT_DL_OPTIONS: Readonly<DigitalLinkOptions> = { permitZeroSuppressedGTINinDLuris: true, permitConvenienceAlphas: true };

/**
 * The canonical Digital Link URI of an EPC URI, e.g. `urn:epc:id:sgtin:0614141.112345.400` →
 * `https://id.gs1.org/01/10614141123452/21/400`; `urn:epc:class:lgtin:…` gives `…/01/<gtin>/10/<lot>`,
 * `urn:epc:idpat:sgtin:<cp>.<ref>.*` gives `…/01/<gtin>`. Throws a Gs1Error for malformed URIs and for EPC schemes
 * without a GS1 key (gid, usdod, adi, bic, imovn).
 */
export function epcUrnToDigitalLink(urn: string, domain: string = GS1_RESOLVER): string {
  const parsed = parseEpcUrn(urn);
  if (parsed.errors.length) throw new Gs1Error(parsed.errors);
  const [primary, ...qualifiers] = parsed.ais;
  if (!primary) throw new Gs1Error([`urn:epc:${parsed.type}:${parsed.scheme} has no GS1 Digital Link equivalent`]);
  return buildDigitalLink(domain, primary, qualifiers);
}

/**
 * The EPC URI for GS1 key AIs (primary key plus key qualifiers; other AIs are ignored), given the length of the GS1
 * Company Prefix inside the key (4–12; 4 and 5 are written as 6, TDS 2.0):
 * 01+21 → sgtin, 01+235 → upui, 01+10 → class lgtin, 01 → idpat sgtin `…*`; 00 → sscc; 414[+254] → sgln (extension
 * `0` when none); 417 → pgln; 8003 → grai (idpat without serial); 8004 → giai; 8017/8018 → gsrnp/gsrn; 253 → gdti;
 * 255 → sgcn; 401 → ginc; 402 → gsin; 8010+8011 → cpi; 8006+21 → itip. With a serial, CPV (22) and lot (10) are
 * dropped: the serial already identifies the instance. Throws a Gs1Error when there is no EPC equivalent.
 */
export function epcUrnFromAis(ais: readonly AiValue[], companyPrefixLength: number): string {
  if (!Number.isInteger(companyPrefixLength) || companyPrefixLength < 4 || companyPrefixLength > 12) {
    throw new Gs1Error([`GS1 Company Prefix length must be an integer from 4 to 12, got ${companyPrefixLength}`]);
  }
  const problems = ais.map((a) => checkAiValue(a.ai, a.value)).filter((p): p is string => p !== null);
  if (problems.length) throw new Gs1Error(problems);
  const primary = ais.find((a) => aiDefinition(a.ai)?.dlPrimaryKey);
  if (!primary) throw new Gs1Error(['no GS1 primary key among the AIs']);
  const get = (ai: string): string | undefined => ais.find((a) => a.ai === ai)?.value;
  const refuse = (...noEquivalent: string[]): void => {
    const present = noEquivalent.filter((ai) => get(ai) !== undefined);
    if (present.length) throw new Gs1Error(present.map((ai) => `(${ai}) with (${primary.ai}) has no EPC URI equivalent`));
  };
  const L = Math.max(companyPrefixLength, 6);
  const v = primary.value;
  const prefix = (end: number): string => {
    const cp = v.slice(0, L);
    if (!/^\d+$/.test(cp) || cp.length < L || L > end) throw new Gs1Error([`(${primary.ai}) ${v} cannot hold a ${L}-digit GS1 Company Prefix`]);
    return cp;
  };
  switch (primary.ai) {
    case '00':
      return `urn:epc:id:sscc:${v.slice(1, 1 + L)}.${v.charAt(0)}${v.slice(1 + L, 17)}`;
    case '01': {
      const cpIir = `${v.slice(1, 1 + L)}.${v.charAt(0)}${v.slice(1 + L, 13)}`;
      const serial = get('21');
      const tpx = get('235');
      const lot = get('10');
      if (serial !== undefined) return `urn:epc:id:sgtin:${cpIir}.${esc(serial)}`;
      if (tpx !== undefined) return `urn:epc:id:upui:${cpIir}.${esc(tpx)}`;
      if (lot !== undefined) return `urn:epc:class:lgtin:${cpIir}.${esc(lot)}`;
      refuse('22');
      return `urn:epc:idpat:sgtin:${cpIir}.*`;
    }
    case '414': {
      refuse('7040');
      const extension = get('254');
      return `urn:epc:id:sgln:${prefix(12)}.${v.slice(L, 12)}.${extension === undefined ? '0' : esc(extension)}`;
    }
    case '417':
      refuse('7040');
      return `urn:epc:id:pgln:${prefix(12)}.${v.slice(L, 12)}`;
    case '8003': {
      const cp = v.slice(1, 1 + L);
      const serial = v.slice(14);
      return serial ? `urn:epc:id:grai:${cp}.${v.slice(1 + L, 13)}.${esc(serial)}` : `urn:epc:idpat:grai:${cp}.${v.slice(1 + L, 13)}.*`;
    }
    case '8004':
    case '401': {
      refuse('7040');
      const cp = prefix(v.length - 1);
      return `urn:epc:id:${primary.ai === '8004' ? 'giai' : 'ginc'}:${cp}.${esc(v.slice(L))}`;
    }
    case '8017':
    case '8018':
      refuse('8019');
      return `urn:epc:id:${primary.ai === '8017' ? 'gsrnp' : 'gsrn'}:${prefix(17)}.${v.slice(L, 17)}`;
    case '253':
    case '255': {
      const scheme = primary.ai === '253' ? 'gdti' : 'sgcn';
      const serial = v.slice(13);
      return `urn:epc:${serial ? 'id' : 'idpat'}:${scheme}:${prefix(12)}.${v.slice(L, 12)}.${serial ? esc(serial) : '*'}`;
    }
    case '402':
      return `urn:epc:id:gsin:${prefix(16)}.${v.slice(L, 16)}`;
    case '8010': {
      const serial = get('8011');
      if (serial === undefined) throw new Gs1Error(['a CPI EPC needs the CPID serial (8011)']);
      return `urn:epc:id:cpi:${prefix(v.length - 1)}.${esc(v.slice(L))}.${serial}`;
    }
    case '8006': {
      const serial = get('21');
      if (serial === undefined) throw new Gs1Error(['an ITIP EPC needs a serial (21)']);
      return `urn:epc:id:itip:${v.slice(1, 1 + L)}.${v.charAt(0)}${v.slice(1 + L, 13)}.${v.slice(14, 16)}.${v.slice(16, 18)}.${esc(serial)}`;
    }
    default:
      throw new Gs1Error([`(${primary.ai}) has no EPC URI equivalent`]);
  }
}

/**
 * The EPC URI for a Digital Link URI (any domain; query attributes are ignored), given the GS1 Company Prefix length,
 * e.g. (`https://id.gs1.org/01/10614141123452/21/400`, 7) → `urn:epc:id:sgtin:0614141.112345.400`. Throws a
 * Gs1Error when the URI is not a valid Digital Link or has no EPC equivalent.
 */
export function digitalLinkToEpcUrn(uri: string, companyPrefixLength: number): string {
  const parsed = parseDigitalLink(uri, LENIENT_DL_OPTIONS);
  if (parsed.errors.length || !parsed.primary) throw new Gs1Error(parsed.errors.length ? parsed.errors : ['not a GS1 Digital Link URI']);
  return epcUrnFromAis([parsed.primary, ...parsed.qualifiers], companyPrefixLength);
}
