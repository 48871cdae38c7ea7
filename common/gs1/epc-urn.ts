/**
 * EPC URIs of GS1 keys (EPC Tag Data Standard; section numbers as in TDS 1.13, the 2.x text was not re-read):
 * pure identities `urn:epc:id:<scheme>:…` (§6.3), the lot class `urn:epc:class:lgtin:…` (§6.4) and the class-level
 * patterns `urn:epc:idpat:<scheme>:…*` (§8), read into the GS1 AIs they stand for (§7, "Correspondence between EPCs
 * and GS1 Keys").
 *
 * Components are dot-separated; the last one takes the rest of the string. The GS1 Company Prefix is 6–12 digits
 * (GCPs of 4 or 5 digits are written padded to 6 with the digits that follow them, TDS 2.0). Alphanumeric components
 * use the GS3A3 grammar of §5: letters, digits and `! ' ( ) * + , - . : ; = _` as is, other CSET 82 characters
 * percent-escaped (`"` %22, `%` %25, `&` %26, `/` %2F, `<` %3C, `>` %3E, `?` %3F; Table A-1). Escapes are decoded
 * whatever their hex case and accepted for any CSET 82 character.
 */
import { gs1CheckDigit } from './check-digit.ts';
import type { AiValue } from './types.ts';

export interface ParsedEpcUrn {
  /** `id` pure identity, `class` EPC class (lgtin), `idpat` pattern. */
  type: 'id' | 'class' | 'idpat';
  scheme: string;
  /** The GS1 AIs the URI stands for; empty for EPC schemes without a GS1 key (gid, usdod, adi, bic, imovn). */
  ais: AiValue[];
  /** Empty when the URI is a well-formed EPC URI. */
  errors: string[];
}

/** EPC schemes that are not GS1 keys: valid EPCs with no Digital Link equivalent. */
const NON_GS1_SCHEMES = new Set(['gid', 'usdod', 'adi', 'bic', 'imovn']);
const GS3A3_RAW = /[A-Za-z0-9!'()*+,\-.:;=_]/;
const CSET82_SYMBOLS = `!"%&'()*+,-./:;<=>?_`;
/** Characters that must be escaped in GS3A3 components (TDS Table A-1), plus `#` for CPI part references. */
const MUST_ESCAPE = new Set(['"', '%', '&', '/', '<', '>', '?', '#']);

/** Writes a GS1 value as an EPC URI component (TDS §5 GS3A3 / CPI part reference escaping). */
export function escapeEpcComponent(value: string): string {
  let out = '';
  for (const ch of value) out += MUST_ESCAPE.has(ch) ? `%${ch.charCodeAt(0).toString(16).toUpperCase()}` : ch;
  return out;
}

class UrnError extends Error {}

function fail(message: string): never {
  throw new UrnError(message);
}

/** Decodes a GS3A3 component (`cset39` for CPI part references: A–Z, 0–9, `-`, and escaped `#` `/`). */
function decode(component: string, what: string, cset39 = false): string {
  let out = '';
  for (let i = 0; i < component.length; i++) {
    const ch = component.charAt(i);
    if (ch === '%') {
      const hex = component.slice(i + 1, i + 3);
      const decoded = /^[0-9A-Fa-f]{2}$/.test(hex) ? String.fromCharCode(Number.parseInt(hex, 16)) : '';
      const allowed = cset39 ? decoded === '#' || decoded === '/' : /[A-Za-z0-9]/.test(decoded) || CSET82_SYMBOLS.includes(decoded);
      if (!decoded || !allowed) fail(`${what}: '%${hex}' is not an allowed escape`);
      out += decoded;
      i += 2;
    } else if (cset39 ? /[A-Z0-9-]/.test(ch) : GS3A3_RAW.test(ch)) {
      out += ch;
    } else {
      fail(`${what}: character '${ch}' is not allowed here (escape it as %${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')})`);
    }
  }
  if (out === '') fail(`${what} is empty`);
  return out;
}

function companyPrefix(cp: string): string {
  return /^\d{6,12}$/.test(cp) ? cp : fail(`company prefix '${cp}' must be 6–12 digits`);
}

/** Company prefix + numeric reference, which together have `total` digits. */
function numeric(cp: string, ref: string, total: number, what: string): string {
  companyPrefix(cp);
  if (!/^\d*$/.test(ref)) fail(`${what} '${ref}' must be digits`);
  if (cp.length + ref.length !== total) fail(`company prefix and ${what} must have ${total} digits together, got ${cp.length + ref.length}`);
  return cp + ref;
}

function withCheck(digits: string): string {
  return digits + (gs1CheckDigit(digits) ?? '');
}

/** GTIN-14 from company prefix and indicator digit + item reference (TDS §7.1). */
function gtin(cp: string, iir: string): string {
  numeric(cp, iir, 13, 'indicator and item reference');
  return withCheck(iir.charAt(0) + cp + iir.slice(1));
}

type Rule = { parts: number; read: (c: string[]) => AiValue[] };

const ai = (code: string, value: string): AiValue => ({ ai: code, value });

const ID_RULES: Record<string, Rule> = {
  sgtin: { parts: 3, read: ([cp = '', iir = '', ser = '']) => [ai('01', gtin(cp, iir)), ai('21', decode(ser, 'serial'))] },
  sscc: {
    parts: 2,
    read: ([cp = '', sr = '']) => {
      numeric(cp, sr, 17, 'serial reference');
      return [ai('00', withCheck(sr.charAt(0) + cp + sr.slice(1)))];
    },
  },
  sgln: {
    parts: 3,
    read: ([cp = '', lr = '', ext = '']) => {
      const gln = withCheck(numeric(cp, lr, 12, 'location reference'));
      // TDS §6.3.3: extension "0" means the GLN itself, without extension.
      return ext === '0' ? [ai('414', gln)] : [ai('414', gln), ai('254', decode(ext, 'extension'))];
    },
  },
  pgln: { parts: 2, read: ([cp = '', pr = '']) => [ai('417', withCheck(numeric(cp, pr, 12, 'party reference')))] },
  grai: {
    parts: 3,
    read: ([cp = '', at = '', ser = '']) => [ai('8003', `0${withCheck(numeric(cp, at, 12, 'asset type'))}${decode(ser, 'serial')}`)],
  },
  giai: { parts: 2, read: ([cp = '', iar = '']) => [ai('8004', companyPrefix(cp) + decode(iar, 'asset reference'))] },
  gsrn: { parts: 2, read: ([cp = '', sr = '']) => [ai('8018', withCheck(numeric(cp, sr, 17, 'service reference')))] },
  gsrnp: { parts: 2, read: ([cp = '', sr = '']) => [ai('8017', withCheck(numeric(cp, sr, 17, 'service reference')))] },
  gdti: {
    parts: 3,
    read: ([cp = '', dt = '', ser = '']) => [ai('253', withCheck(numeric(cp, dt, 12, 'document type')) + decode(ser, 'serial'))],
  },
  sgcn: {
    parts: 3,
    read: ([cp = '', cr = '', ser = '']) => [ai('255', withCheck(numeric(cp, cr, 12, 'coupon reference')) + decode(ser, 'serial'))],
  },
  ginc: { parts: 2, read: ([cp = '', cr = '']) => [ai('401', companyPrefix(cp) + decode(cr, 'consignment reference'))] },
  gsin: { parts: 2, read: ([cp = '', sr = '']) => [ai('402', withCheck(numeric(cp, sr, 16, 'shipper reference')))] },
  cpi: {
    parts: 3,
    read: ([cp = '', cpr = '', ser = '']) => [ai('8010', companyPrefix(cp) + decode(cpr, 'part reference', true)), ai('8011', decode(ser, 'serial'))],
  },
  itip: {
    parts: 5,
    read: ([cp = '', iir = '', piece = '', total = '', ser = '']) => {
      if (!/^\d\d$/.test(piece) || !/^\d\d$/.test(total)) fail('piece and total must be two digits each');
      return [ai('8006', gtin(cp, iir) + piece + total), ai('21', decode(ser, 'serial'))];
    },
  },
  upui: { parts: 3, read: ([cp = '', iir = '', tpx = '']) => [ai('01', gtin(cp, iir)), ai('235', decode(tpx, 'third-party extension'))] },
};

const CLASS_RULES: Record<string, Rule> = {
  lgtin: { parts: 3, read: ([cp = '', iir = '', lot = '']) => [ai('01', gtin(cp, iir)), ai('10', decode(lot, 'lot'))] },
};

/** Patterns with a GS1 class-level key: the serial (or equivalent) component is `*` (TDS §8). */
const IDPAT_RULES: Record<string, Rule> = {
  sgtin: { parts: 3, read: ([cp = '', iir = '']) => [ai('01', gtin(cp, iir))] },
  grai: { parts: 3, read: ([cp = '', at = '']) => [ai('8003', `0${withCheck(numeric(cp, at, 12, 'asset type'))}`)] },
  gdti: { parts: 3, read: ([cp = '', dt = '']) => [ai('253', withCheck(numeric(cp, dt, 12, 'document type')))] },
  sgcn: { parts: 3, read: ([cp = '', cr = '']) => [ai('255', withCheck(numeric(cp, cr, 12, 'coupon reference')))] },
};

function splitComponents(body: string, parts: number): string[] {
  const out = body.split('.');
  return out.length < parts ? out : [...out.slice(0, parts - 1), out.slice(parts - 1).join('.')];
}

/** Reads an EPC URI into the GS1 AIs it stands for. Never throws; `errors` is empty for a well-formed URI. */
export function parseEpcUrn(urn: string): ParsedEpcUrn {
  const m = /^urn:epc:(id|class|idpat):([a-z0-9]+):(.*)$/is.exec(urn);
  const type = (m?.[1]?.toLowerCase() ?? 'id') as ParsedEpcUrn['type']; // the regex admits only these three
  const scheme = m?.[2]?.toLowerCase() ?? '';
  const result: ParsedEpcUrn = { type, scheme, ais: [], errors: [] };
  if (!m) return { ...result, errors: ['not an EPC URI (urn:epc:id:…, urn:epc:class:…, urn:epc:idpat:…)'] };
  const body = m[3] ?? '';
  const rules = type === 'id' ? ID_RULES : type === 'class' ? CLASS_RULES : IDPAT_RULES;
  const rule = rules[scheme];
  if (!rule) {
    if (type === 'id' && NON_GS1_SCHEMES.has(scheme)) return result;
    const hint = type === 'idpat' ? ' (patterns with a class-level GS1 key: sgtin, grai, gdti, sgcn)' : '';
    return { ...result, errors: [`urn:epc:${type}:${scheme} is not a supported EPC scheme${hint}`] };
  }
  const components = splitComponents(body, rule.parts);
  if (components.length !== rule.parts) return { ...result, errors: [`${scheme} needs ${rule.parts} dot-separated components`] };
  if (type === 'idpat' && (components[components.length - 1] !== '*' || components.slice(0, -1).includes('*'))) {
    return { ...result, errors: [`only the last component of an ${scheme} pattern may be '*' for a Digital Link equivalent`] };
  }
  try {
    return { ...result, ais: rule.read(components) };
  } catch (e) {
    if (e instanceof UrnError) return { ...result, errors: [`${urn}: ${e.message}`] };
    throw e;
  }
}
