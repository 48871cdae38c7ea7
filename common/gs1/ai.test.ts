import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SYNTAX_DICTIONARY_ENTRIES } from './ai-dictionary.ts';
import { LINTERS, UNCHECKED_LINTERS } from './ai-linters.ts';
import { AI_DEFINITIONS, aiDefinition, DL_PRIMARY_KEYS } from './ai-table.ts';
import { checkAiAssociations, checkAiValue } from './ai-validate.ts';
import { formatBracketedAiData, formatElementString, parseBracketedAiData } from './element-string.ts';

const dictionaryFile = path.resolve(import.meta.dirname, '../../../shared/fixtures/gs1-digital-link/gs1-syntax-dictionary/gs1-syntax-dictionary.txt');

describe('AI table from the GS1 Barcode Syntax Dictionary', () => {
  it('embeds the fixture entries verbatim', () => {
    const entries = fs
      .readFileSync(dictionaryFile, 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '' && !line.startsWith('#'));
    expect(SYNTAX_DICTIONARY_ENTRIES.split('\n').filter((line) => line.trim() !== '')).toEqual(entries);
    expect(entries).toHaveLength(224);
  });

  it('expands ranges to 541 AIs, 525 of them Digital Link attributes, 16 primary keys', () => {
    // Counts from shared/research/traceability.md §2.1.
    expect(AI_DEFINITIONS).toHaveLength(541);
    expect(AI_DEFINITIONS.filter((d) => d.dlAttribute)).toHaveLength(525);
    expect(DL_PRIMARY_KEYS).toEqual(['00', '01', '253', '255', '401', '402', '414', '415', '417', '8003', '8004', '8006', '8010', '8013', '8017', '8018']);
  });

  it('implements every linter the dictionary names, or lists it as an unchecked code list', () => {
    const named = new Set(AI_DEFINITIONS.flatMap((d) => d.components.flatMap((c) => c.linters)));
    const missing = [...named].filter((l) => !(l in LINTERS) && !UNCHECKED_LINTERS.has(l));
    expect(missing).toEqual([]);
  });

  it('covers the AIs the trace module uses', () => {
    const needed = ['00', '01', '10', '11', '13', '15', '16', '17', '21', '22', '235', '253', '254', '255', '30', '37', '401', '402', '414', '417', '422'];
    const more = ['7003', '7023', '8003', '8004', '8006', '8010', '8017', '8018', '8200', '3100', '3105', '3165'];
    for (const ai of [...needed, ...more]) expect(aiDefinition(ai), ai).toBeDefined();
    expect(aiDefinition('3166')).toBeUndefined(); // 3160–3165 only
    expect(aiDefinition('01')).toMatchObject({
      title: 'GTIN',
      predefinedLength: true,
      dlAttribute: true,
      components: [{ charset: 'N', minLength: 14, maxLength: 14, optional: false, linters: ['csum', 'gcppos2'] }],
      excludes: ['255', '37'],
      dlPrimaryKey: true,
      dlQualifierSequences: [['22', '10', '21'], ['235']],
    });
    expect(aiDefinition('253')?.components.map((c) => [c.charset, c.minLength, c.maxLength, c.optional])).toEqual([
      ['N', 13, 13, false],
      ['X', 1, 17, true],
    ]);
    expect(aiDefinition('3103')?.requires).toEqual([[['01'], ['02']]]);
  });
});

describe('checkAiValue', () => {
  it.each([
    ['01', '09520123456788'],
    ['00', '952012345678912345'],
    ['414', '6901234567892'],
    ['10', 'ABC-123/x'],
    ['17', '261231'],
    ['11', '250200'], // DD 00 allowed for (11)–(17)
    ['15', '240229'],
    ['7003', '2512312359'],
    ['3103', '000195'],
    ['422', '156'],
    ['8003', '04012345000771ABC'],
    ['8004', '952005385w2'],
    ['8006', '095201234567880102'],
    ['8013', '1987654Ad4X4bL5ttr2310c2K'],
    ['8007', 'GB82WEST12345698765432'],
    ['4309', '02790858483015297971'],
  ])('accepts (%s) %s', (ai, value) => {
    expect(checkAiValue(ai, value)).toBeNull();
  });

  it.each([
    ['01', '0952012345678', '(01) is too short: 13 characters, needs 14'],
    ['01', '09520123456789', '(01) key check digit is 9, expected 8'],
    ['10', 'ABC 123', '(10) has space at position 4, which is not in CSET 82'],
    ['10', 'A'.repeat(21), '(10) is too long: 21 characters, at most 20'],
    ['17', '261331', '(17) month 13 is not 01–12'],
    ['17', '250230', '(17) day 30 is not valid for month 02'],
    ['7006', '250200', '(7006) day 00 is not valid for month 02'],
    ['7003', '2512312460', '(7003) time 2460 is not HHMI'],
    ['8003', '14012345000771ABC', '(8003) must be 0'],
    ['8006', '095201234567880302', '(8006) piece 03 of total 02 is not valid'],
    ['8011', '0123', '(8011) must not start with 0'],
    ['8007', 'GB83WEST12345698765432', '(8007) IBAN check digits are wrong'],
    ['8013', '1987654Ad4X4bL5ttr2310cXK', '(8013) key check character pair is XK, expected 2K'],
    ['401', 'AB12345', '(401) does not start with a GS1 Company Prefix (digits)'],
    ['89', 'X', '(89) is not a known Application Identifier'],
    ['10', '', '(10) has no value'],
  ])('rejects (%s) %s', (ai, value, message) => {
    expect(checkAiValue(ai, value)).toBe(message);
  });

  it('accepts unknown AIs only when asked', () => {
    expect(checkAiValue('89', 'ABC', true)).toBeNull();
    expect(checkAiValue('89', 'A B', true)).toBe('(89) has space at position 2, which is not in CSET 82');
  });
});

describe('checkAiAssociations (req= / ex=)', () => {
  it('reports missing requisites and forbidden pairs once', () => {
    expect(
      checkAiAssociations([
        { ai: '01', value: '09520123456788' },
        { ai: '10', value: 'A' },
      ]),
    ).toEqual([]);
    expect(checkAiAssociations([{ ai: '10', value: 'A' }])).toEqual(['(10) requires (01), (02), (03), (8006) or (8026)']);
    expect(checkAiAssociations([{ ai: '250', value: 'A' }])).toEqual(['(250) requires (01) + (21), (03) + (21) or (8006) + (21)']);
    expect(
      checkAiAssociations([
        { ai: '01', value: '09520123456788' },
        { ai: '02', value: '09520123456788' },
        { ai: '37', value: '1' },
      ]),
    ).toEqual(['(01) and (37) must not occur together', '(01) and (02) must not occur together', '(37) requires (00) + (02) or (00) + (8026)']);
    expect(
      checkAiAssociations([
        { ai: '01', value: '09520123456788' },
        { ai: '3100', value: '000100' },
        { ai: '3101', value: '000010' },
      ]),
    ).toEqual(['(3100) and (3101) must not occur together']);
  });
});

describe('element strings', () => {
  it('parses and formats bracketed AI data, escaping (', () => {
    const { ais, errors } = parseBracketedAiData('(01)09520123456788(10)AB\\(1)(17)261231');
    expect(errors).toEqual([]);
    expect(ais).toEqual([
      { ai: '01', value: '09520123456788' },
      { ai: '10', value: 'AB(1)' },
      { ai: '17', value: '261231' },
    ]);
    expect(formatBracketedAiData(ais)).toBe('(01)09520123456788(10)AB\\(1)(17)261231');
    expect(parseBracketedAiData('01)x').errors).toEqual(["expected '(AI)' at position 1"]);
  });

  it('puts FNC1 after variable-length AIs only (GS1 General Specifications §7.8.5)', () => {
    const ais = [
      { ai: '01', value: '09520123456788' },
      { ai: '10', value: 'ABC1' },
      { ai: '21', value: '12345' },
      { ai: '17', value: '180426' },
    ];
    expect(formatElementString(ais)).toBe('^010952012345678810ABC1^2112345^17180426');
    expect(formatElementString(ais, '\u001d')).toBe('\u001d010952012345678810ABC1\u001d2112345\u001d17180426');
  });
});
