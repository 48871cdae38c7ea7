/**
 * GS1 element strings (GS1 General Specifications §7.8): the human-readable bracketed form `(01)…(10)…` and the
 * encoded form in which FNC1 starts the data and separates an AI of variable length from the next one (AIs of
 * predefined length, flag `*` in the syntax dictionary, need no separator; §7.8.5).
 */
import { aiDefinition } from './ai-table.ts';
import type { AiValue } from './types.ts';

/**
 * Parses bracketed AI data such as `(01)09520123456788(10)ABC1`. A literal `(` inside a value is written `\(` (the
 * GS1 reference engine's convention). Only the shape is checked here; validate values with checkAiValue.
 */
export function parseBracketedAiData(text: string): { ais: AiValue[]; errors: string[] } {
  const ais: AiValue[] = [];
  let i = 0;
  while (i < text.length) {
    const m = /^\((\d{2,4})\)/.exec(text.slice(i));
    if (!m?.[1]) return { ais, errors: [`expected '(AI)' at position ${i + 1}`] };
    i += m[0].length;
    let value = '';
    while (i < text.length && text.charAt(i) !== '(') {
      if (text.startsWith('\\(', i)) {
        value += '(';
        i += 2;
      } else {
        value += text.charAt(i);
        i += 1;
      }
    }
    ais.push({ ai: m[1], value });
  }
  return ais.length ? { ais, errors: [] } : { ais, errors: ['no AI data'] };
}

/** `(01)09520123456788(10)ABC1`; a `(` in a value is escaped as `\(`. */
export function formatBracketedAiData(ais: readonly AiValue[]): string {
  return ais.map((a) => `(${a.ai})${a.value.replaceAll('(', '\\(')}`).join('');
}

/**
 * The encoded element string, FNC1 first, with an FNC1 after each variable-length AI that is not last. `fnc1` is the
 * character that stands for FNC1: `^` as in the GS1 reference engine, or `\u001d` (GS) as a scanner transmits it.
 * AIs keep their given order; unknown AIs are treated as variable length.
 */
export function formatElementString(ais: readonly AiValue[], fnc1 = '^'): string {
  let out = fnc1;
  ais.forEach((a, i) => {
    out += a.ai + a.value;
    if (i < ais.length - 1 && !aiDefinition(a.ai)?.predefinedLength) out += fnc1;
  });
  return out;
}
