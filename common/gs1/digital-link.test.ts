import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type DigitalLinkOptions, digitalLinkAis, GS1_RESOLVER, isValidQualifierPath, parseDigitalLink } from './digital-link.ts';
import { buildDigitalLink, digitalLinkFromAis } from './digital-link-build.ts';
import { formatElementString, parseBracketedAiData } from './element-string.ts';
import { LENIENT_DL_OPTIONS } from './epc.ts';
import { Gs1Error } from './types.ts';

interface ParseVector {
  line: number;
  valid: boolean;
  uri: string;
  expectedAIdata: string | null;
  options: DigitalLinkOptions;
}
interface GenerateVector {
  line: number;
  valid: boolean;
  stem: string | null;
  aiData: string;
  expectedUri: string | null;
  options: DigitalLinkOptions;
}
const vectors = JSON.parse(
  fs.readFileSync(path.resolve(import.meta.dirname, '../../../shared/fixtures/gs1-digital-link/derived-gs1-reference-test-vectors.json'), 'utf8'),
) as { parse: ParseVector[]; generate: GenerateVector[]; validPathAIsequences: string[][] };

describe('GS1 reference engine vectors (gs1/gs1-syntax-engine dl.c)', () => {
  it('has the vector counts documented in SOURCE.md', () => {
    expect(vectors.parse).toHaveLength(118);
    expect(vectors.parse.filter((v) => Object.keys(v.options).length === 0)).toHaveLength(100);
    expect(vectors.generate).toHaveLength(22);
    expect(vectors.validPathAIsequences).toHaveLength(39);
  });

  it.each(vectors.parse.map((v) => [v.line, v.uri, v] as const))('parse, dl.c line %i: %s', (_line, uri, v) => {
    const parsed = parseDigitalLink(uri, v.options);
    if (v.valid) {
      expect(parsed.errors).toEqual([]);
      expect(formatElementString(digitalLinkAis(parsed))).toBe(v.expectedAIdata);
    } else {
      expect(parsed.errors).not.toEqual([]);
    }
  });

  it.each(vectors.generate.map((v) => [v.line, v.aiData, v] as const))('generate, dl.c line %i: %s', (_line, aiData, v) => {
    const { ais, errors } = parseBracketedAiData(aiData);
    expect(errors).toEqual([]);
    const built = digitalLinkFromAis(ais, v.stem ?? GS1_RESOLVER, v.options);
    if (v.valid) expect(built).toEqual({ uri: v.expectedUri, errors: [] });
    else expect(built.uri).toBeNull();
  });

  it.each(vectors.validPathAIsequences.map((seq) => [seq.join('/'), seq] as const))('valid key/qualifier path %s', (_name, seq) => {
    const [primary = '', ...qualifiers] = seq;
    expect(isValidQualifierPath(primary, qualifiers)).toBe(true);
  });
});

describe('Solidsoft-Reply/Gs1DigitalLinkLib ExtractFromGs1DigitalLink.feature (uncompressed rows)', () => {
  const feature = fs.readFileSync(
    path.resolve(import.meta.dirname, '../../../shared/fixtures/gs1-digital-link/Gs1DigitalLinkLib/Tests/Features/ExtractFromGs1DigitalLink.feature'),
    'utf8',
  );
  // The first two scenario outlines are the uncompressed ones (numeric AIs, then short names).
  const rows = feature
    .split(/^Scenario/m)
    .slice(1, 3)
    .flatMap((scenario) => scenario.split('\n'))
    .map((line) => line.split('|').map((cell) => cell.trim()))
    .filter((cells) => cells[1]?.startsWith('http'))
    .map(([, uri = '', ...rest]) => ({ uri, ais: [0, 2, 4, 6].filter((i) => rest[i]).map((i) => ({ ai: rest[i] ?? '', value: rest[i + 1] ?? '' })) }));

  it('agrees on every row the GS1 syntax dictionary accepts; the rest differ for known reasons', () => {
    let agreed = 0;
    for (const row of rows) {
      const parsed = parseDigitalLink(row.uri, LENIENT_DL_OPTIONS);
      if (parsed.errors.length === 0) {
        expect(digitalLinkAis(parsed), row.uri).toEqual(row.ais);
        agreed += 1;
      } else {
        // That library treats (410)–(416) and their short names as primary keys (the dictionary's dlpkeys do not), does
        // not check (415)'s requisite (8020), and its ITIP sample has piece 02 of total 01.
        expect(parsed.errors.join(), row.uri).toMatch(/no GS1 Digital Link primary key|\(415\) requires \(8020\)|\(8006\) piece 02 of total 01/);
      }
    }
    expect(rows).toHaveLength(78);
    expect(agreed).toBe(50);
  });
});

describe('parseDigitalLink', () => {
  it('splits a Digital Link into its parts', () => {
    const parsed = parseDigitalLink('https://brand.example.com/shop/01/09520123456788/10/ABC%2F1/21/12345?17=261231&linkType=gs1:pip#top');
    expect(parsed).toEqual({
      domain: 'https://brand.example.com',
      stem: 'https://brand.example.com/shop',
      primary: { ai: '01', value: '09520123456788' },
      qualifiers: [
        { ai: '10', value: 'ABC/1' },
        { ai: '21', value: '12345' },
      ],
      attributes: [{ ai: '17', value: '261231' }],
      otherParams: [{ key: 'linkType', value: 'gs1:pip' }],
      fragment: 'top',
      errors: [],
    });
  });

  it('names the expected check digit and the out-of-order qualifier', () => {
    expect(parseDigitalLink('https://id.gs1.org/01/09520123456789').errors).toEqual(['(01) key check digit is 9, expected 8']);
    expect(parseDigitalLink('https://id.gs1.org/01/09520123456788/21/1/10/A').errors[0]).toMatch(/^path qualifiers \/21\/10 do not fit primary key \(01\)/);
  });

  it('leaves ordinary web addresses without a primary key', () => {
    const parsed = parseDigitalLink('https://example.com/products/123');
    expect(parsed.primary).toBeNull();
    expect(parsed.errors).toEqual(['no GS1 Digital Link primary key (e.g. /01/<GTIN>) in the path']);
  });

  it('checks mandatory AI pairings (req=)', () => {
    expect(parseDigitalLink('https://id.gs1.org/414/9520123456788?17=261231').errors).toEqual(['(17) requires (01), (02), (03), (255), (8006) or (8026)']);
  });
});

describe('buildDigitalLink', () => {
  it('writes the canonical form: GTIN-14, qualifiers in path order, percent-encoding', () => {
    expect(
      buildDigitalLink(
        GS1_RESOLVER,
        { ai: '01', value: '9520123456788' },
        [
          { ai: '21', value: 'S/1' },
          { ai: '10', value: 'LOT-1' },
        ],
        [{ ai: '17', value: '261231' }],
      ),
    ).toBe('https://id.gs1.org/01/09520123456788/10/LOT-1/21/S%2F1?17=261231');
    expect(buildDigitalLink('https://trace.example.cn/', { ai: '414', value: '6901234567892' }, [{ ai: '254', value: 'A1' }])).toBe(
      'https://trace.example.cn/414/6901234567892/254/A1',
    );
  });

  it('round-trips through parseDigitalLink', () => {
    // Every CSET 82 symbol: all are percent-encoded except - . _ (RFC 3986 unreserved).
    const qualifiers = [
      { ai: '10', value: `A!"%&'()*+,-./:;` },
      { ai: '21', value: '<=>?_z' },
    ];
    const uri = buildDigitalLink(GS1_RESOLVER, { ai: '01', value: '06901234567892' }, qualifiers);
    expect(uri).toBe('https://id.gs1.org/01/06901234567892/10/A%21%22%25%26%27%28%29%2A%2B%2C-.%2F%3A%3B/21/%3C%3D%3E%3F_z');
    const parsed = parseDigitalLink(uri);
    expect(parsed.errors).toEqual([]);
    expect(parsed.qualifiers).toEqual(qualifiers);
  });

  it('throws a Gs1Error listing the problems', () => {
    expect(() => buildDigitalLink(GS1_RESOLVER, { ai: '10', value: 'A' })).toThrow(Gs1Error);
    expect(() => buildDigitalLink(GS1_RESOLVER, { ai: '01', value: '9520123456789' })).toThrow('(01) key check digit is 9, expected 8');
    expect(() => buildDigitalLink(GS1_RESOLVER, { ai: '01', value: '09520123456788' }, [{ ai: '17', value: '261231' }])).toThrow(
      '(17) is not a key qualifier of (01)',
    );
    expect(() =>
      buildDigitalLink(GS1_RESOLVER, { ai: '01', value: '09520123456788' }, [
        { ai: '10', value: 'A' },
        { ai: '235', value: 'X' },
      ]),
    ).toThrow(Gs1Error);
  });
});
