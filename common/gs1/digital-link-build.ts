/**
 * Generating uncompressed GS1 Digital Link URIs (GS1 Digital Link URI Syntax, encoding rules), matching the 22
 * generation vectors of GS1's reference engine (gs1/gs1-syntax-engine `dl.c`, test_dl_generateDLuri):
 *
 * - the first primary key in the data is the key; of its alternative qualifier sequences the one holding most of the
 *   given AIs is used (earlier alternative on a tie), its AIs go in the path in sequence order;
 * - every other AI goes in the query and must be permitted as a data attribute; predefined-length AIs come first,
 *   then the others, each group in input order;
 * - repeated identical AIs collapse to one; the same AI with two values is an error;
 * - values are percent-encoded except for RFC 3986 unreserved characters.
 */
import { aiDefinition } from './ai-table.ts';
import { checkAiAssociations, checkAiValue } from './ai-validate.ts';
import { GS1_KEY_LENGTHS } from './check-digit.ts';
import { type DigitalLinkOptions, GS1_RESOLVER } from './digital-link.ts';
import { type AiValue, Gs1Error } from './types.ts';
import { percentEncode, splitHttpUri } from './uri.ts';

export type BuildResult = { uri: string; errors: [] } | { uri: null; errors: string[] };

function checkStem(stem: string): string | null {
  const { parts, error } = splitHttpUri(stem);
  if (!parts) return `URI stem: ${error}`;
  if (parts.query !== null || parts.fragment !== null) return 'URI stem must not have a query or fragment';
  return null;
}

/**
 * The Digital Link URI for a set of AIs (as from an element string), under `stem` (default https://id.gs1.org; a
 * trailing `/` is dropped). Returns the problems instead when the data cannot be expressed as a valid Digital Link.
 */
export function digitalLinkFromAis(ais: readonly AiValue[], stem: string = GS1_RESOLVER, options: DigitalLinkOptions = {}): BuildResult {
  const { uri, errors } = generate(ais, stem, options);
  return uri === null ? { uri: null, errors } : { uri, errors: [] };
}

function generate(ais: readonly AiValue[], stem: string, options: DigitalLinkOptions): { uri: string | null; pathAis: string[]; errors: string[] } {
  const errors: string[] = [];
  const base = stem.replace(/\/+$/, '');
  const stemError = checkStem(base);
  if (stemError) errors.push(stemError);

  const unique: AiValue[] = [];
  for (const a of ais) {
    const earlier = unique.find((u) => u.ai === a.ai);
    if (!earlier) unique.push({ ai: a.ai, value: a.value });
    else if (earlier.value !== a.value) errors.push(`(${a.ai}) is given twice with different values`);
  }
  for (const a of unique) {
    const problem = checkAiValue(a.ai, a.value, options.permitUnknownAIs === true);
    if (problem) errors.push(problem);
  }
  errors.push(...checkAiAssociations(unique));

  const primary = unique.find((a) => aiDefinition(a.ai)?.dlPrimaryKey);
  if (!primary) return { uri: null, pathAis: [], errors: [...errors, 'no Digital Link primary key among the AIs'] };
  const sequences = aiDefinition(primary.ai)?.dlQualifierSequences ?? [[]];
  let best: string[] = [];
  let bestCount = -1;
  for (const seq of sequences) {
    const count = seq.filter((q) => unique.some((a) => a.ai === q)).length;
    if (count > bestCount) [best, bestCount] = [seq, count];
  }
  const path = best.flatMap((q) => unique.filter((a) => a.ai === q));
  const rest = unique.filter((a) => a !== primary && !path.includes(a));
  for (const a of rest) {
    const def = aiDefinition(a.ai);
    const allowed = def ? def.dlAttribute : options.permitUnknownAIs === true && options.validateUnknownAINotDLAttr === false;
    if (!allowed) errors.push(`(${a.ai}) can be neither a path qualifier of (${primary.ai}) here nor a Digital Link data attribute`);
  }
  if (errors.length) return { uri: null, pathAis: [], errors };

  const query = [...rest.filter((a) => aiDefinition(a.ai)?.predefinedLength), ...rest.filter((a) => !aiDefinition(a.ai)?.predefinedLength)];
  const pathText = [primary, ...path].map((a) => `/${a.ai}/${percentEncode(a.value)}`).join('');
  const queryText = query.map((a) => `${a.ai}=${percentEncode(a.value)}`).join('&');
  return { uri: base + pathText + (queryText ? `?${queryText}` : ''), pathAis: path.map((a) => a.ai), errors: [] };
}

/**
 * The canonical Digital Link URI for a primary key, its key qualifiers (any order; placed in the key's path order) and
 * optional data attributes, e.g. `buildDigitalLink(GS1_RESOLVER, { ai: '01', value: '9520123456788' }, [{ ai: '10',
 * value: 'ABC1' }])` → `https://id.gs1.org/01/09520123456788/10/ABC1`. A GTIN-8/12/13 is written as GTIN-14.
 * Throws a Gs1Error listing every problem when the input is not a valid Digital Link.
 */
export function buildDigitalLink(domain: string, primary: AiValue, qualifiers: readonly AiValue[] = [], attributes: readonly AiValue[] = []): string {
  const def = aiDefinition(primary.ai);
  if (!def?.dlPrimaryKey) throw new Gs1Error([`(${primary.ai}) is not a Digital Link primary key`]);
  const key =
    primary.ai === '01' && (GS1_KEY_LENGTHS.gtin as readonly number[]).includes(primary.value.length) && /^\d+$/.test(primary.value)
      ? { ai: '01', value: primary.value.padStart(14, '0') }
      : primary;
  const notQualifiers = qualifiers.filter((q) => !def.dlQualifierSequences.some((seq) => seq.includes(q.ai)));
  if (notQualifiers.length) throw new Gs1Error(notQualifiers.map((q) => `(${q.ai}) is not a key qualifier of (${primary.ai})`));
  const built = generate([key, ...qualifiers, ...attributes], domain, {});
  if (built.uri === null) throw new Gs1Error(built.errors);
  const misplaced = qualifiers.filter((q) => !built.pathAis.includes(q.ai));
  if (misplaced.length) throw new Gs1Error(misplaced.map((q) => `(${q.ai}) cannot be combined with the other key qualifiers in the path`));
  return built.uri;
}
