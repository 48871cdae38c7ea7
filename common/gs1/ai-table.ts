/**
 * The GS1 Application Identifier table, built at load time from the verbatim GS1 Barcode Syntax Dictionary entries in
 * ai-dictionary.ts (the dictionary is the machine-readable form of GS1 General Specifications §3.2 and of the GS1
 * Digital Link URI Syntax primary-key/qualifier rules). Nothing here is hand-maintained AI data.
 */
import { SYNTAX_DICTIONARY_ENTRIES } from './ai-dictionary.ts';

/** Character sets of the dictionary: N digits, X CSET 82, Y CSET 39, Z CSET 64 (base64url) — GS1 General Specifications §7.11. */
export type AiCharset = 'N' | 'X' | 'Y' | 'Z';

/** One component of an AI's data field, e.g. `N13,csum,gcppos1` or `[X..17]`. */
export interface AiComponent {
  charset: AiCharset;
  minLength: number;
  maxLength: number;
  optional: boolean;
  /** Names of the dictionary's content checks ("linters") applied to this component, e.g. `csum`, `yymmd0`. */
  linters: string[];
}

export interface AiDefinition {
  ai: string;
  title: string;
  /** Flag `*`: a predefined-length AI, so no FNC1 separator follows it in an element string. */
  predefinedLength: boolean;
  /** Flag `?`: permitted as a data attribute in a Digital Link query string. */
  dlAttribute: boolean;
  components: AiComponent[];
  /** `req=` entries: every entry must be met by one of its alternatives; an alternative is AI patterns that must all occur. */
  requires: string[][][];
  /** `ex=` patterns: AIs that must not occur together with this one. */
  excludes: string[];
  /** `dlpkey`: a Digital Link primary key. */
  dlPrimaryKey: boolean;
  /** Alternative ordered key-qualifier sequences of a primary key (each qualifier optional); `[[]]` when it takes none. */
  dlQualifierSequences: string[][];
}

const SPEC_COMPONENT = /^(\[)?([NXYZ])(\.\.)?(\d+)(\])?((?:,[a-z0-9]+)*)$/;
const FLAG_CHARS = /^[*!?"$%&'()+,\-./:;<=>@[\\\]^_`{|}~]+$/;

function parseEntry(line: string): AiDefinition[] {
  const hash = line.indexOf('#');
  const title = hash >= 0 ? line.slice(hash + 1).trim() : '';
  const tokens = (hash >= 0 ? line.slice(0, hash) : line).trim().split(/\s+/);
  const range = tokens.shift() ?? '';
  let flags = '';
  if (tokens[0] !== undefined && FLAG_CHARS.test(tokens[0])) flags = tokens.shift() ?? '';
  const components: AiComponent[] = [];
  const requires: string[][][] = [];
  const excludes: string[] = [];
  let dlPrimaryKey = false;
  let dlQualifierSequences: string[][] = [[]];
  for (const token of tokens) {
    const spec = SPEC_COMPONENT.exec(token);
    if (spec) {
      const length = Number(spec[4]);
      components.push({
        charset: spec[2] as AiCharset, // the regex admits only N, X, Y, Z
        minLength: spec[3] ? 1 : length,
        maxLength: length,
        optional: spec[1] === '[',
        linters: (spec[6] ?? '').split(',').filter((l) => l !== ''),
      });
    } else if (token.startsWith('req=')) {
      requires.push(
        token
          .slice(4)
          .split(',')
          .map((alt) => alt.split('+')),
      );
    } else if (token.startsWith('ex=')) {
      excludes.push(...token.slice(3).split(','));
    } else if (token === 'dlpkey' || token.startsWith('dlpkey=')) {
      dlPrimaryKey = true;
      if (token.length > 7)
        dlQualifierSequences = token
          .slice(7)
          .split('|')
          .map((seq) => seq.split(','));
    } else {
      throw new Error(`GS1 syntax dictionary: unrecognised token '${token}' in entry ${range}`);
    }
  }
  const [first, last = first] = range.split('-');
  if (first === undefined || last === undefined) throw new Error(`GS1 syntax dictionary: bad AI range '${range}'`);
  const definitions: AiDefinition[] = [];
  for (let n = Number(first); n <= Number(last); n++) {
    definitions.push({
      ai: String(n).padStart(first.length, '0'),
      title,
      predefinedLength: flags.includes('*'),
      dlAttribute: flags.includes('?'),
      components,
      requires,
      excludes,
      dlPrimaryKey,
      dlQualifierSequences,
    });
  }
  return definitions;
}

/** Every AI of the syntax dictionary with ranges expanded, in dictionary order. */
export const AI_DEFINITIONS: readonly AiDefinition[] = SYNTAX_DICTIONARY_ENTRIES.split('\n')
  .filter((line) => line.trim() !== '' && !line.startsWith('#'))
  .flatMap(parseEntry);

const BY_AI = new Map(AI_DEFINITIONS.map((d) => [d.ai, d]));

/** The definition of an AI, or undefined for an AI the dictionary does not list. */
export function aiDefinition(ai: string): AiDefinition | undefined {
  return BY_AI.get(ai);
}

/** Digital Link primary-key AIs (`dlpkey`), e.g. 00, 01, 414, 8004. */
export const DL_PRIMARY_KEYS: readonly string[] = AI_DEFINITIONS.filter((d) => d.dlPrimaryKey).map((d) => d.ai);

/** True when `ai` matches a dictionary pattern such as `01`, `310n` or `31nn` (`n` = any digit). */
export function aiMatchesPattern(ai: string, pattern: string): boolean {
  if (ai.length !== pattern.length) return false;
  for (let i = 0; i < ai.length; i++) {
    const p = pattern.charAt(i);
    if (p !== 'n' && p !== ai.charAt(i)) return false;
  }
  return true;
}

/**
 * Digital Link short names ("convenience alphas") of DL URI Syntax 1.0–1.2, e.g. `/gtin/` for `/01/`. GS1 announced
 * their removal from version 1.3 and the reference engine (gs1/gs1-syntax-engine) rejects them by default; they are
 * only decoded on request (`permitConvenienceAlphas`). Source: GS1 Digital Link grammar 1.2 (shared/fixtures/
 * gs1-digital-link/digital-link-js/grammar/GS1_Digital_Link_Grammar_1_2.abnf).
 */
export const DL_CONVENIENCE_ALPHAS: Readonly<Record<string, string>> = {
  gtin: '01',
  itip: '8006',
  gmn: '8013',
  cpid: '8010',
  gln: '414',
  party: '417',
  gsrnp: '8017',
  gsrn: '8018',
  gcn: '255',
  sscc: '00',
  gdti: '253',
  ginc: '401',
  gsin: '402',
  grai: '8003',
  giai: '8004',
  cpv: '22',
  lot: '10',
  ser: '21',
  cpsn: '8011',
  glnx: '254',
  refno: '8020',
  srin: '8019',
};
