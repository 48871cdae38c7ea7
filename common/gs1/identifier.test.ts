import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { gs1CheckDigit, isValidGtin } from './check-digit.ts';
import { parseDigitalLink } from './digital-link.ts';
import { buildDigitalLink } from './digital-link-build.ts';
import { normaliseIdentifier } from './identifier.ts';
import {
  allocatedGtin,
  companyPrefixCapacity,
  companyPrefixProblem,
  DEMO_PLATFORM_COMPANY_PREFIX,
  isDemonstrationGtin,
  isUnderCompanyPrefix,
} from './platform-code.ts';
import { Gs1Error } from './types.ts';

const EXAMPLES = path.resolve(import.meta.dirname, '../../../shared/fixtures/epcis/gs1-EPCIS/JSON');
const LIST_KEYS = new Set(['epcList', 'childEPCs', 'inputEPCList', 'outputEPCList']);

/** Every identifier of the official EPCIS 2.0 JSON-LD examples, from the fields the trace module indexes. */
function collectIdentifiers(node: unknown, out: Set<string>): void {
  if (Array.isArray(node)) {
    for (const x of node) collectIdentifiers(x, out);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  for (const [key, value] of Object.entries(node)) {
    if (LIST_KEYS.has(key) && Array.isArray(value)) for (const v of value) if (typeof v === 'string') out.add(v);
    if ((key === 'parentID' || key === 'epcClass') && typeof value === 'string') out.add(value);
    if ((key === 'readPoint' || key === 'bizLocation') && value && typeof value === 'object' && 'id' in value && typeof value.id === 'string')
      out.add(value.id);
    collectIdentifiers(value, out);
  }
}

const files = fs
  .readdirSync(EXAMPLES, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.jsonld'))
  .map((f) => path.join(EXAMPLES, f));
const identifiers = new Set<string>();
for (const f of files) collectIdentifiers(JSON.parse(fs.readFileSync(f, 'utf8')), identifiers);

describe('normaliseIdentifier on the gs1/EPCIS JSON-LD examples', () => {
  it('finds the identifiers of all 47 examples', () => {
    expect(files).toHaveLength(47);
    expect(identifiers.size).toBe(77);
  });

  it.each([...identifiers].sort().map((id) => [id] as const))('%s', (id) => {
    const n = normaliseIdentifier(id);
    if (/^(urn:epc:|https:\/\/)/.test(id)) {
      expect(n.errors).toEqual([]);
      expect(n.canonical).toMatch(/^https:\/\/id\.gs1\.org\/(00|01|414|417|8003|8004|8018)\//);
      expect(normaliseIdentifier(n.canonical)).toEqual(n); // canonical forms are fixed points
    } else {
      expect(n).toEqual({ canonical: id, kind: 'other', errors: [] }); // geo: URIs and the like stay as they are
    }
  });

  it('gives EPC URIs and Digital Links of the same thing one canonical form', () => {
    const pairs = [
      ['urn:epc:class:lgtin:4012345.012345.998877', 'https://id.gs1.org/01/04012345123456/10/998877'],
      ['urn:epc:idpat:sgtin:4012345.098765.*', 'https://id.gs1.org/01/04012345987652'],
      ['urn:epc:id:sgln:4012345.00005.0', 'https://example.org/loc/414/4012345000054'],
    ];
    for (const [urn = '', dl = ''] of pairs) expect(normaliseIdentifier(urn).canonical).toBe(normaliseIdentifier(dl).canonical);
  });
});

describe('normaliseIdentifier', () => {
  it.each([
    ['urn:epc:id:sgtin:4012345.011111.987', { canonical: 'https://id.gs1.org/01/04012345111118/21/987', kind: 'item', gtin: '04012345111118', serial: '987' }],
    ['urn:epc:class:lgtin:4023333.002000.2019-10-07', { canonical: 'https://id.gs1.org/01/04023333020008/10/2019-10-07', kind: 'batch', lot: '2019-10-07' }],
    ['urn:epc:idpat:sgtin:4012345.066666.*', { canonical: 'https://id.gs1.org/01/04012345666663', kind: 'class', gtin: '04012345666663' }],
    ['urn:epc:id:sscc:0614141.1234567890', { canonical: 'https://id.gs1.org/00/106141412345678908', kind: 'sscc', sscc: '106141412345678908' }],
    ['urn:epc:id:sgln:952005385.011.ts4711', { canonical: 'https://id.gs1.org/414/9520053850113/254/ts4711', kind: 'location', gln: '9520053850113' }],
    ['urn:epc:id:sgln:0614141.00777.0', { canonical: 'https://id.gs1.org/414/0614141007776', kind: 'location' }],
    ['urn:epc:id:pgln:0614141.00777', { canonical: 'https://id.gs1.org/417/0614141007776', kind: 'other', key: '417', gln: '0614141007776' }],
    ['urn:epc:id:giai:952005385.w2', { canonical: 'https://id.gs1.org/8004/952005385w2', kind: 'other', key: '8004' }],
  ])('%s', (id, expected) => {
    expect(normaliseIdentifier(id)).toMatchObject({ ...expected, errors: [] });
  });

  it('reduces an on-pack Digital Link to the constrained EPCIS form', () => {
    expect(normaliseIdentifier('https://brand.example.com/p/01/9520123456788/22/V2/10/ABC1/21/12345?17=261231&linkType=gs1:pip')).toEqual({
      canonical: 'https://id.gs1.org/01/09520123456788/21/12345',
      kind: 'item',
      key: '01',
      gtin: '09520123456788',
      lot: 'ABC1',
      serial: '12345',
      classUri: 'https://id.gs1.org/01/09520123456788',
      errors: [],
    });
    expect(normaliseIdentifier('https://id.gs1.org/01/09520123456788/22/V2/10/ABC1').canonical).toBe('https://id.gs1.org/01/09520123456788/10/ABC1');
    expect(normaliseIdentifier('https://id.gs1.org/01/09520123456788/22/V2').kind).toBe('class');
    expect(normaliseIdentifier('HTTPS://ID.GS1.ORG/gtin/9520123456788/ser/7').canonical).toBe('https://id.gs1.org/01/09520123456788/21/7');
    expect(normaliseIdentifier('https://id.gs1.org/414/9520123456788/7040/1ABC').canonical).toBe('https://id.gs1.org/414/9520123456788');
  });

  it('keeps other identifiers as given, with errors only for malformed GS1 ones', () => {
    for (const other of [
      'https://example.com/products/42',
      'urn:uuid:7b3c4a2e-1f0e-4a8b-9c7d-2a5e6f1b3c4d',
      'urn:epc:id:gid:95100000.12345.400',
      'tea-lot-7',
    ]) {
      expect(normaliseIdentifier(other)).toEqual({ canonical: other, kind: 'other', errors: [] });
    }
    expect(normaliseIdentifier('https://id.gs1.org/01/09520123456789')).toEqual({
      canonical: 'https://id.gs1.org/01/09520123456789',
      kind: 'other',
      errors: ['(01) key check digit is 9, expected 8'],
    });
    expect(normaliseIdentifier('urn:epc:id:sgtin:4012345.01111.987').errors).toHaveLength(1);
    expect(normaliseIdentifier('').errors).toEqual(['empty identifier']);
  });
});

describe('platform-allocated GTINs (products whose owner has no GS1 Company Prefix)', () => {
  it('accepts a GS1 China prefix or the demonstration prefix 952, 6–12 digits', () => {
    for (const ok of ['6901234', '6991234567', '692000', '690123456789', DEMO_PLATFORM_COMPANY_PREFIX, '952000']) expect(companyPrefixProblem(ok)).toBeNull();
    expect(companyPrefixProblem('69012')).toMatch(/6–12 digits/);
    expect(companyPrefixProblem('6901234567890')).toMatch(/6–12 digits/);
    expect(companyPrefixProblem('690 123')).toMatch(/6–12 digits/);
    expect(companyPrefixProblem('4012345')).toMatch(/690–699/);
    expect(companyPrefixProblem('689123')).toMatch(/690–699/);
  });

  it('allocates prefix + item reference + check digit, written as GTIN-14', () => {
    // 9·1+5·3+2·1 = 26 → check digit 4; item reference 1 adds 1·3 → 29 → 1; 2 adds 6 → 32 → 8 (GS1 mod 10).
    expect(allocatedGtin('9520000', 0)).toBe('09520000000004');
    expect(allocatedGtin('9520000', 1)).toBe('09520000000011');
    expect(allocatedGtin('9520000', 2)).toBe('09520000000028');
    expect(allocatedGtin('6901234', 56789)).toBe('06901234567892'); // shared/research/traceability.md §2.2
    for (let ref = 0; ref < 200; ref += 7) expect(isValidGtin(allocatedGtin('9520000', ref))).toBe(true);
  });

  it('refuses an item reference beyond the prefix capacity, and a bad prefix', () => {
    expect(companyPrefixCapacity('9520000')).toBe(100_000);
    expect(companyPrefixCapacity('952000000000')).toBe(1);
    expect(allocatedGtin('952000000000', 0)).toBe('09520000000004');
    expect(() => allocatedGtin('952000000000', 1)).toThrow(/outside GS1 Company Prefix 952000000000 \(0–0\)/);
    expect(allocatedGtin('9520000', 99_999)).toBe(`0952000099999${gs1CheckDigit('952000099999')}`);
    expect(() => allocatedGtin('9520000', 100_000)).toThrow(Gs1Error);
    expect(() => allocatedGtin('9520000', -1)).toThrow(Gs1Error);
    expect(() => allocatedGtin('4012345', 1)).toThrow(/690–699/);
  });

  it('tells the platform prefix and demonstration numbers apart', () => {
    expect(isUnderCompanyPrefix('9520000000011', '9520000')).toBe(true);
    expect(isUnderCompanyPrefix('19520000000018', '9520000')).toBe(true); // a case (indicator 1) of the same item
    expect(isUnderCompanyPrefix('09520123456788', '9520000')).toBe(false);
    expect(isDemonstrationGtin('09520123456788')).toBe(true);
    expect(isDemonstrationGtin('9520000000011')).toBe(true);
    expect(isDemonstrationGtin('06970000000116')).toBe(false);
    expect(isDemonstrationGtin('')).toBe(false);
  });

  it('round-trips a platform Digital Link and normalises it like any other domain', () => {
    const domain = 'https://trace.zhiliang.example';
    const gtin = allocatedGtin(DEMO_PLATFORM_COMPANY_PREFIX, 1);
    const batch = buildDigitalLink(domain, { ai: '01', value: gtin }, [{ ai: '10', value: '2025/06' }]);
    expect(batch).toBe(`${domain}/01/09520000000011/10/2025%2F06`);
    const parsed = parseDigitalLink(batch);
    expect(parsed.errors).toEqual([]);
    expect([parsed.primary, ...parsed.qualifiers]).toEqual([
      { ai: '01', value: gtin },
      { ai: '10', value: '2025/06' },
    ]);
    expect(normaliseIdentifier(batch)).toEqual({
      canonical: 'https://id.gs1.org/01/09520000000011/10/2025%2F06',
      kind: 'batch',
      key: '01',
      gtin,
      lot: '2025/06',
      classUri: 'https://id.gs1.org/01/09520000000011',
      errors: [],
    });
    // The on-pack form (lot and serial, expiry) reduces to the constrained item form; the bare GTIN-13 path too.
    expect(normaliseIdentifier(`${domain}/01/${gtin}/10/L1/21/0001?17=271231`).canonical).toBe('https://id.gs1.org/01/09520000000011/21/0001');
    expect(normaliseIdentifier(`${domain}/01/9520000000011`).canonical).toBe('https://id.gs1.org/01/09520000000011');
  });
});
