/**
 * Validation of AI data against the GS1 Barcode Syntax Dictionary: each value's format (components, lengths,
 * character sets, content linters) and the mandatory / invalid AI pairings of a whole message (GS1 General
 * Specifications §4.14, the dictionary's `req=` and `ex=` attributes).
 */
import { LINTERS, UNCHECKED_LINTERS } from './ai-linters.ts';
import { type AiCharset, type AiDefinition, aiDefinition, aiMatchesPattern } from './ai-table.ts';
import { CSET82 } from './check-digit.ts';
import type { AiValue } from './types.ts';

const CSET39 = '#-/0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const CSET64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

const CHARSET_NAMES: Record<AiCharset, string> = { N: 'a digit', X: 'in CSET 82', Y: 'in CSET 39', Z: 'in CSET 64' };

function inCharset(charset: AiCharset, ch: string): boolean {
  switch (charset) {
    case 'N':
      return ch >= '0' && ch <= '9';
    case 'X':
      return CSET82.includes(ch);
    case 'Y':
      return CSET39.includes(ch);
    case 'Z':
      return CSET64.includes(ch) || ch === '=';
  }
}

/** True for a string of characters that every GS1 alphanumeric AI accepts (CSET 82, GS1 General Specifications §7.11). */
export function isCset82(value: string): boolean {
  for (const ch of value) if (!CSET82.includes(ch)) return false;
  return true;
}

function show(ch: string): string {
  return ch === ' ' ? 'space' : `'${ch}'`;
}

function checkAgainst(def: AiDefinition, value: string): string | null {
  const label = `(${def.ai})`;
  let pos = 0;
  for (const c of def.components) {
    const remaining = value.length - pos;
    if (remaining === 0 && c.optional) break;
    if (remaining < c.minLength) {
      const needed = def.components.filter((x) => !x.optional).reduce((sum, x) => sum + x.minLength, 0);
      return `${label} is too short: ${value.length} characters, needs ${c.minLength === c.maxLength ? '' : 'at least '}${needed}`;
    }
    const part = value.slice(pos, pos + Math.min(remaining, c.maxLength));
    for (let i = 0; i < part.length; i++) {
      const ch = part.charAt(i);
      if (!inCharset(c.charset, ch)) return `${label} has ${show(ch)} at position ${pos + i + 1}, which is not ${CHARSET_NAMES[c.charset]}`;
    }
    if (c.charset === 'Z' && /=[^=]/.test(part)) return `${label} has '=' padding before the end`;
    for (const name of c.linters) {
      if (UNCHECKED_LINTERS.has(name)) continue;
      const linter = LINTERS[name];
      if (!linter) throw new Error(`GS1 syntax dictionary linter '${name}' is not implemented`);
      const problem = linter(part);
      if (problem) return `${label} ${problem}`;
    }
    pos += part.length;
  }
  if (pos < value.length) {
    const max = def.components.reduce((sum, x) => sum + x.maxLength, 0);
    return `${label} is too long: ${value.length} characters, at most ${max}`;
  }
  return null;
}

/** Format rules for an AI the dictionary does not list, when unknown AIs are permitted: CSET 82, 1–90 characters. */
function checkUnknown(ai: string, value: string): string | null {
  if (value.length === 0 || value.length > 90) return `(${ai}) must have 1–90 characters`;
  for (let i = 0; i < value.length; i++) {
    const ch = value.charAt(i);
    if (!CSET82.includes(ch)) return `(${ai}) has ${show(ch)} at position ${i + 1}, which is not in CSET 82`;
  }
  return null;
}

/** True for strings that have the shape of an AI (2–4 digits); whether the AI exists is a separate question. */
export function looksLikeAi(s: string): boolean {
  return /^\d{2,4}$/.test(s);
}

/**
 * Validates one AI value: null when valid, else the first problem, e.g. "(01) key check digit is 9, expected 8".
 * An AI missing from the dictionary is an error unless `permitUnknownAis` (then any 1–90 CSET 82 characters pass).
 */
export function checkAiValue(ai: string, value: string, permitUnknownAis = false): string | null {
  const def = aiDefinition(ai);
  if (def) return value === '' ? `(${ai}) has no value` : checkAgainst(def, value);
  if (!looksLikeAi(ai)) return `'${ai}' is not an Application Identifier`;
  return permitUnknownAis ? checkUnknown(ai, value) : `(${ai}) is not a known Application Identifier`;
}

function listAis(ais: readonly string[]): string {
  const shown = ais.map((a) => `(${a})`);
  return shown.length <= 1 ? (shown[0] ?? '') : `${shown.slice(0, -1).join(', ')} or ${shown[shown.length - 1]}`;
}

/**
 * Mandatory and invalid AI pairings over a whole message (GS1 General Specifications §4.14; dictionary `req=`, `ex=`):
 * e.g. (10) requires (01), (02), (03), (8006) or (8026); (01) and (255) must not occur together. AIs the dictionary
 * does not list are ignored. Returns every problem found.
 */
export function checkAiAssociations(ais: readonly AiValue[]): string[] {
  const present = [...new Set(ais.map((a) => a.ai))];
  const errors: string[] = [];
  const reported = new Set<string>();
  for (const ai of present) {
    const def = aiDefinition(ai);
    if (!def) continue;
    for (const alternatives of def.requires) {
      const met = alternatives.some((alt) => alt.every((pattern) => present.some((p) => p !== ai && aiMatchesPattern(p, pattern))));
      if (!met) errors.push(`(${ai}) requires ${listAis(alternatives.map((alt) => alt.join(') + (')))}`);
    }
    for (const pattern of def.excludes) {
      for (const other of present) {
        if (other === ai || !aiMatchesPattern(other, pattern)) continue;
        const [a, b] = [ai, other].sort();
        if (reported.has(`${a}|${b}`)) continue;
        reported.add(`${a}|${b}`);
        errors.push(`(${a}) and (${b}) must not occur together`);
      }
    }
  }
  return errors;
}
