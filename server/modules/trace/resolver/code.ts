import {
  type AiValue,
  buildDigitalLink,
  digitalLinkFromAis,
  formatBracketedAiData,
  GS1_RESOLVER,
  isValidGtin,
  LENIENT_DL_OPTIONS,
  normaliseIdentifier,
  type ParsedDigitalLink,
  parseBracketedAiData,
  parseDigitalLink,
} from '../../../../common/gs1/index.ts';

/**
 * What a scanned or typed code names, read with common/gs1: a GS1 GTIN (product class, batch or item, on any Digital
 * Link domain, as an EPC URN or as bracketed element string). Products without a GS1 prefix of their own carry GTINs
 * the platform allocated under its prefix (common/gs1/platform-code.ts), so they read the same way. Pure: no database.
 */

export type CodeLevel = 'class' | 'batch' | 'item';

export interface ProductCode {
  level: CodeLevel;
  gtin: string;
  lot: string | null;
  serial: string | null;
  /** The canonical identifier(s) EPCIS events index it by (common/gs1 normaliseIdentifier): item and/or batch, or the class. */
  identifiers: string[];
  /** The linkset anchor: the canonical URI of exactly what was asked, on id.gs1.org. */
  anchor: string;
  /** The same code as a Digital Link on our domain: what the QR code carries and the consumer page answers at. */
  ourUri: string;
  /** Path (and data-attribute query) of `ourUri`. */
  ourPath: string;
  /** Data attributes the code carried (e.g. (17) expiry), kept for the label and as a fallback on the page. */
  attributes: AiValue[];
  /** `(01)…(10)…(21)…` — the human-readable text printed under a barcode. */
  elementString: string;
}

export type CodeReading =
  | { ok: true; code: ProductCode }
  /** malformed: not readable, or a GS1 code that fails its own rules (check digit, syntax) → 400; unsupported: valid but not a product code → 404. */
  | { ok: false; problem: 'malformed' | 'unsupported'; details: string[] };

const malformed = (...details: string[]): CodeReading => ({ ok: false, problem: 'malformed', details });

function fromDigitalLink(dl: ParsedDigitalLink, base: string): CodeReading {
  if (dl.errors.length || !dl.primary) return malformed(...(dl.errors.length ? dl.errors : ['no GS1 Digital Link primary key']));
  if (dl.primary.ai !== '01') {
    return { ok: false, problem: 'unsupported', details: [`(${dl.primary.ai}) is not a product key (01 GTIN)`] };
  }
  const gtin = dl.primary.value;
  const value = (ai: string) => dl.qualifiers.find((q) => q.ai === ai)?.value ?? null;
  const lot = value('10');
  const serial = value('21') ?? value('235');
  const level: CodeLevel = serial !== null ? 'item' : lot !== null ? 'batch' : 'class';
  const anchor = buildDigitalLink(GS1_RESOLVER, dl.primary, dl.qualifiers);
  const ours = buildDigitalLink(base, dl.primary, dl.qualifiers, dl.attributes);
  const canonical = normaliseIdentifier(anchor).canonical;
  const identifiers = [canonical];
  // An item code that also names its lot (…/10/<lot>/21/<serial>) shows the lot's events too.
  if (level === 'item' && lot !== null) identifiers.push(normaliseIdentifier(buildDigitalLink(GS1_RESOLVER, dl.primary, [{ ai: '10', value: lot }])).canonical);
  return {
    ok: true,
    code: {
      level,
      gtin,
      lot,
      serial,
      attributes: dl.attributes,
      identifiers: [...new Set(identifiers)],
      anchor,
      ourUri: ours,
      ourPath: ours.slice(base.length),
      elementString: formatBracketedAiData([dl.primary, ...dl.qualifiers, ...dl.attributes]),
    },
  };
}

/**
 * Reads the path (and query) of a request to the resolver on our host — `/01/<gtin>[/10/<lot>][/21/<serial>][?17=…]`.
 * GS1 Digital Link allows zero-suppressed GTINs here (a GTIN-13 typed by hand); non-AI query parameters such as
 * `linkType` are ignored.
 */
export function readRequestPath(url: string, base: string): CodeReading {
  return fromDigitalLink(parseDigitalLink(base + url, LENIENT_DL_OPTIONS), base);
}

/**
 * Reads a code given whole (the `?uri=` of /resolve, or a QR request): a GS1 Digital Link URI on any domain (ours
 * included), an EPC URN (`urn:epc:id:sgtin:…`, `urn:epc:class:lgtin:…`), bracketed AI data
 * `(01)…(10)…`, or a bare GTIN.
 */
export function readCode(input: string, base: string): CodeReading {
  const text = input.trim();
  if (text === '') return malformed('empty code');
  if (/^\d{8,14}$/.test(text)) {
    if (!isValidGtin(text)) return malformed(`GTIN ${text}: wrong length or check digit`);
    return fromDigitalLink(parseDigitalLink(`${GS1_RESOLVER}/01/${text.padStart(14, '0')}`), base);
  }
  if (text.startsWith('(')) {
    const { ais, errors } = parseBracketedAiData(text);
    if (errors.length) return malformed(...errors);
    const built = digitalLinkFromAis(ais, GS1_RESOLVER);
    if (!built.uri) return malformed(...built.errors);
    return fromDigitalLink(parseDigitalLink(built.uri), base);
  }
  if (/^urn:epc:/i.test(text)) {
    const n = normaliseIdentifier(text);
    if (n.errors.length) return malformed(...n.errors);
    if (n.canonical === text) return { ok: false, problem: 'unsupported', details: ['EPC scheme without a GS1 key'] };
    return fromDigitalLink(parseDigitalLink(n.canonical), base);
  }
  if (!/^https?:\/\//i.test(text)) return malformed('not a GS1 Digital Link URI, EPC URN or GTIN');
  const dl = parseDigitalLink(text, LENIENT_DL_OPTIONS);
  if (dl.stem === '' && dl.primary === null) return malformed(...dl.errors);
  return fromDigitalLink(dl, base);
}
