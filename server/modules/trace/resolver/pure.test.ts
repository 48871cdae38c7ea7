import { describe, expect, it } from 'vitest';
import { allocatedGtin, DEMO_PLATFORM_COMPANY_PREFIX } from '../../../../common/gs1/index.ts';
import { ConfigError, loadConfig, readPlatformCompanyPrefix, readPublicBaseUrl } from '../../../platform/config.ts';
import { readCode, readRequestPath } from './code.ts';
import { negotiate, representationOf } from './linkset.ts';
import { bizStepLabel, dispositionLabel, gs1Date, ilmdDate, lotFacts } from './vocabulary.ts';

const BASE = 'https://trace.example.gov.cn';

describe('reading codes', () => {
  it('reads a batch path on our host into the canonical identifiers and our own Digital Link', () => {
    const r = readRequestPath('/01/06970000000123/10/A%2F1?17=271231&linkType=gs1:pip', BASE);
    expect(r.ok).toBe(true);
    if (!r.ok) throw new Error(r.details.join());
    expect(r.code).toMatchObject({
      level: 'batch',
      gtin: '06970000000123',
      lot: 'A/1',
      serial: null,
      anchor: 'https://id.gs1.org/01/06970000000123/10/A%2F1',
      identifiers: ['https://id.gs1.org/01/06970000000123/10/A%2F1'],
      ourUri: `${BASE}/01/06970000000123/10/A%2F1?17=271231`,
      elementString: '(01)06970000000123(10)A/1(17)271231',
    });
  });

  it('gives an item that names its lot both identifiers', () => {
    const r = readRequestPath('/01/06970000000123/10/L1/21/S1', BASE);
    if (!r.ok) throw new Error(r.details.join());
    expect(r.code.level).toBe('item');
    expect(r.code.identifiers).toEqual(['https://id.gs1.org/01/06970000000123/21/S1', 'https://id.gs1.org/01/06970000000123/10/L1']);
  });

  it('tells malformed codes (400) from valid codes that are not products (404)', () => {
    expect(readRequestPath('/01/06970000000124', BASE)).toMatchObject({ ok: false, problem: 'malformed' });
    expect(readCode('https://id.gs1.org/00/006970000000000026', BASE)).toMatchObject({ ok: false, problem: 'unsupported' });
    expect(readCode('https://id.gs1.org/414/6970000000017', BASE)).toMatchObject({ ok: false, problem: 'unsupported' });
    expect(readCode('https://example.com/about', BASE)).toMatchObject({ ok: false, problem: 'malformed' });
    expect(readCode('   ', BASE)).toMatchObject({ ok: false, problem: 'malformed' });
    expect(readCode('6970000000124', BASE)).toMatchObject({ ok: false, problem: 'malformed' });
  });

  it('reads a GTIN the platform allocated, on our domain or any other, like every GTIN (no /p/ scheme)', () => {
    const gtin = allocatedGtin(DEMO_PLATFORM_COMPANY_PREFIX, 7);
    const expected = {
      level: 'item',
      gtin,
      serial: '0001',
      anchor: `https://id.gs1.org/01/${gtin}/21/0001`,
      identifiers: [`https://id.gs1.org/01/${gtin}/21/0001`],
      ourUri: `${BASE}/01/${gtin}/21/0001`,
      ourPath: `/01/${gtin}/21/0001`,
      elementString: `(01)${gtin}(21)0001`,
    };
    expect(readCode(`${BASE}/01/${gtin}/21/0001`, BASE)).toEqual({ ok: true, code: expect.objectContaining(expected) });
    expect(readCode(`https://id.gs1.org/01/${gtin}/21/0001`, BASE)).toEqual({ ok: true, code: expect.objectContaining(expected) });
    expect(readRequestPath(`/01/${gtin.slice(1)}/21/0001`, BASE)).toEqual({ ok: true, code: expect.objectContaining(expected) });
    expect(readRequestPath('/p/91330502MA2B3C4D58/TEA-500G/b/1', BASE)).toMatchObject({ ok: false, problem: 'malformed' });
  });
});

describe('content negotiation and link types', () => {
  it.each([
    [undefined, 'text/html'],
    ['*/*', 'text/html'],
    ['text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', 'text/html'],
    ['application/linkset+json', 'application/linkset+json'],
    ['application/json', 'application/json'],
    ['application/json, */*;q=0.1', 'application/json'],
    ['application/*', 'application/linkset+json'],
    ['text/html;q=0.5, application/json', 'application/json'],
    ['image/png', 'text/html'],
  ])('Accept %s → %s', (accept, expected) => {
    expect(negotiate(accept)).toBe(expected);
  });

  it('reads linkType as a CURIE or a full URI', () => {
    expect(representationOf('gs1:pip')).toBe('html');
    expect(representationOf('https://gs1.org/voc/traceability')).toBe('traceability');
    expect(representationOf('linkset')).toBe('linkset');
    expect(representationOf('gs1:recipeInfo')).toBeNull();
  });
});

describe('CBV words and ILMD in Chinese', () => {
  it('names business steps and dispositions, and falls back to the word', () => {
    expect(bizStepLabel('commissioning', 'ObjectEvent', 'ADD')).toBe('生产赋码');
    expect(bizStepLabel('retail_selling', 'ObjectEvent', 'OBSERVE')).toBe('零售');
    expect(bizStepLabel('https://example.com/steps/blanching', 'ObjectEvent', 'OBSERVE')).toBe('blanching');
    expect(bizStepLabel(null, 'TransformationEvent', null)).toBe('加工');
    expect(dispositionLabel('non_conformant')).toBe('不合格');
    expect(dispositionLabel('https://example.com/disp/x')).toBeNull();
  });

  it('reads ILMD dates whatever the namespace prefix', () => {
    expect(
      lotFacts({
        'cbvmda:productionDate': '2026-10-01',
        'https://ref.gs1.org/cbv/itemExpirationDate': '2027-09-30T00:00:00+08:00',
        'gs1:bestBeforeDate': { '@value': '2027-06-30', '@type': 'xsd:date' },
        'cbvmda:countryOfOrigin': '156',
        'example:price': 12,
      }),
    ).toEqual({ productionDate: '2026-10-01', expiryDate: '2027-09-30', bestBeforeDate: '2027-06-30', lotNumber: null, countryOfOrigin: 'CN' });
    expect(lotFacts(null).productionDate).toBeNull();
    expect(ilmdDate('2026-02-30')).toBeNull();
    expect(ilmdDate('2026-10-01T20:00:00Z')).toBe('2026-10-02'); // Asia/Shanghai
  });

  it('reads GS1 YYMMDD dates with the sliding century and DD = 00', () => {
    const today = new Date('2026-06-01T00:00:00Z');
    expect(gs1Date('271231', today)).toBe('2027-12-31');
    expect(gs1Date('990101', today)).toBe('1999-01-01');
    expect(gs1Date('260200', today)).toBe('2026-02-28');
    expect(gs1Date('261301', today)).toBeNull();
  });
});

describe('PUBLIC_BASE_URL', () => {
  it('defaults to http://localhost:8080 and takes an origin without path', () => {
    expect(loadConfig({}).publicBaseUrl).toBe('http://localhost:8080');
    expect(readPublicBaseUrl({ PUBLIC_BASE_URL: 'https://Trace.Example.gov.cn/' })).toBe('https://trace.example.gov.cn');
    expect(() => readPublicBaseUrl({ PUBLIC_BASE_URL: 'https://example.gov.cn/trace' })).toThrow(ConfigError);
    expect(() => loadConfig({ PUBLIC_BASE_URL: 'ftp://example.gov.cn' })).toThrow(/^PUBLIC_BASE_URL /);
  });
});

describe('PLATFORM_GS1_COMPANY_PREFIX', () => {
  it('defaults to the GS1 demonstration prefix and takes a GS1 China prefix of 6–12 digits', () => {
    expect(loadConfig({}).platformGs1CompanyPrefix).toBe('9520000');
    expect(readPlatformCompanyPrefix({ PLATFORM_GS1_COMPANY_PREFIX: ' 6912345 ' })).toBe('6912345');
    expect(() => readPlatformCompanyPrefix({ PLATFORM_GS1_COMPANY_PREFIX: '69123' })).toThrow(ConfigError);
    expect(() => loadConfig({ PLATFORM_GS1_COMPANY_PREFIX: '4012345' })).toThrow(/^PLATFORM_GS1_COMPANY_PREFIX: .*690–699/);
  });
});
