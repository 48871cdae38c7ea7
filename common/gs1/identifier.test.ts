import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { creditCodeCheckChar } from '../credit-code.ts';
import { normaliseIdentifier } from './identifier.ts';
import { parsePlatformCode, platformCode } from './platform-code.ts';
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

describe('platform codes (products without a GS1 Company Prefix)', () => {
  const domain = 'https://trace.zhiliang.example';
  const creditCode = `91330500MA2B3C4D5${creditCodeCheckChar('91330500MA2B3C4D5')}`;

  it('issues class, batch and item codes under the platform domain', () => {
    expect(platformCode(domain, 'class', { creditCode, productRef: 'TEA-500G' })).toBe(`${domain}/p/${creditCode}/TEA-500G`);
    expect(platformCode(`${domain}/`, 'batch', { creditCode, productRef: 'TEA-500G', lot: '2025/06' })).toBe(`${domain}/p/${creditCode}/TEA-500G/b/2025%2F06`);
    expect(platformCode(domain, 'item', { creditCode, productRef: 'TEA-500G', serial: '000123' })).toBe(`${domain}/p/${creditCode}/TEA-500G/s/000123`);
  });

  it('refuses invalid parts', () => {
    expect(() => platformCode(domain, 'batch', { creditCode: '91330500MA2B3C4D5Z', productRef: 'X' })).toThrow(Gs1Error);
    expect(() => platformCode(domain, 'item', { creditCode, productRef: '茶叶', serial: '1' })).toThrow(/productRef must be 1–30 characters of GS1 CSET 82/);
  });

  it('is never read as a GS1 Digital Link, and is recognised when its domain is given', () => {
    const batch = platformCode(domain, 'batch', { creditCode, productRef: '01', lot: '21' });
    expect(normaliseIdentifier(batch)).toEqual({ canonical: batch, kind: 'other', errors: [] });
    expect(normaliseIdentifier(batch.replace('%2F', '%2f'), { platformDomains: [domain] })).toEqual({
      canonical: batch,
      kind: 'batch',
      lot: '21',
      classUri: `${domain}/p/${creditCode}/01`,
      errors: [],
    });
    expect(parsePlatformCode('https://elsewhere.example/p/x', domain)).toBeNull();
    expect(parsePlatformCode(`${domain}/p/${creditCode}/X/q/1`, domain)?.errors).toEqual([
      'platform code: expected /p/<credit code>/<product>[/b/<lot> | /s/<serial>]',
    ]);
  });
});
