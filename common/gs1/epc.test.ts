import { describe, expect, it } from 'vitest';
import { digitalLinkToEpcUrn, epcUrnFromAis, epcUrnToDigitalLink } from './epc.ts';
import { escapeEpcComponent, parseEpcUrn } from './epc-urn.ts';
import { Gs1Error } from './types.ts';

// [EPC URI, GS1 Company Prefix length, canonical Digital Link]. The first ones are the worked examples of the EPC Tag
// Data Standard §6.3 / §7 (GS1 Company Prefix 0614141); the lgtin pair appears in both forms in the gs1/EPCIS examples.
const PAIRS: [string, number, string][] = [
  ['urn:epc:id:sgtin:0614141.712345.32a%2Fb', 7, 'https://id.gs1.org/01/70614141123451/21/32a%2Fb'],
  ['urn:epc:id:sscc:0614141.1234567890', 7, 'https://id.gs1.org/00/106141412345678908'],
  ['urn:epc:id:sgln:0614141.12345.400', 7, 'https://id.gs1.org/414/0614141123452/254/400'],
  ['urn:epc:id:sgln:0614141.12345.0', 7, 'https://id.gs1.org/414/0614141123452'],
  ['urn:epc:id:grai:0614141.12345.400', 7, 'https://id.gs1.org/8003/00614141123452400'],
  ['urn:epc:id:giai:0614141.12345400', 7, 'https://id.gs1.org/8004/061414112345400'],
  ['urn:epc:id:gsrn:0614141.1234567890', 7, 'https://id.gs1.org/8018/061414112345678902'],
  ['urn:epc:id:gsrnp:0614141.1234567890', 7, 'https://id.gs1.org/8017/061414112345678902'],
  ['urn:epc:id:gdti:0614141.12345.400', 7, 'https://id.gs1.org/253/0614141123452400'],
  ['urn:epc:id:sgcn:4012345.67890.04711', 7, 'https://id.gs1.org/255/401234567890104711'],
  ['urn:epc:id:ginc:0614141.xyz47%2F11', 7, 'https://id.gs1.org/401/0614141xyz47%2F11'],
  ['urn:epc:id:gsin:0614141.123456789', 7, 'https://id.gs1.org/402/06141411234567890'],
  ['urn:epc:id:pgln:0614141.12345', 7, 'https://id.gs1.org/417/0614141123452'],
  ['urn:epc:id:cpi:0614141.123ABC.123456789', 7, 'https://id.gs1.org/8010/0614141123ABC/8011/123456789'],
  ['urn:epc:id:cpi:0614141.5PQ7%2FZ43.12345', 7, 'https://id.gs1.org/8010/06141415PQ7%2FZ43/8011/12345'],
  ['urn:epc:id:itip:4012345.012345.01.02.987', 7, 'https://id.gs1.org/8006/040123451234560102/21/987'],
  ['urn:epc:id:upui:4012345.012345.51qIgY%3C)', 7, 'https://id.gs1.org/01/04012345123456/235/51qIgY%3C%29'],
  ['urn:epc:class:lgtin:4012345.012345.998877', 7, 'https://id.gs1.org/01/04012345123456/10/998877'],
  ['urn:epc:idpat:sgtin:4012345.098765.*', 7, 'https://id.gs1.org/01/04012345987652'],
  ['urn:epc:idpat:grai:0614141.12345.*', 7, 'https://id.gs1.org/8003/00614141123452'],
  ['urn:epc:id:sgtin:952012345678.0.1', 12, 'https://id.gs1.org/01/09520123456788/21/1'],
  ['urn:epc:id:sgtin:690123.0456789.A', 6, 'https://id.gs1.org/01/06901234567892/21/A'],
  // Escaping (TDS Table A-1): " % & / < > ? escaped in the EPC URI; everything but - . _ ~ escaped in the Digital Link.
  ['urn:epc:id:sgtin:0614141.712345.A%2FB%26C%3F', 7, 'https://id.gs1.org/01/70614141123451/21/A%2FB%26C%3F'],
  ["urn:epc:id:sgtin:0614141.712345.!'()*+,-.:;=_", 7, 'https://id.gs1.org/01/70614141123451/21/%21%27%28%29%2A%2B%2C-.%3A%3B%3D_'],
  ['urn:epc:class:lgtin:0614141.712345.L%22%25%3C%3E1', 7, 'https://id.gs1.org/01/70614141123451/10/L%22%25%3C%3E1'],
  ['urn:epc:id:sgln:0614141.12345.a%2Fb', 7, 'https://id.gs1.org/414/0614141123452/254/a%2Fb'],
];

describe('EPC URI ↔ Digital Link (EPC Tag Data Standard §6–§8)', () => {
  it.each(PAIRS)('%s (GCP length %i) ↔ %s', (urn, gcpLength, dl) => {
    expect(epcUrnToDigitalLink(urn)).toBe(dl);
    expect(digitalLinkToEpcUrn(dl, gcpLength)).toBe(urn);
  });

  it('writes the Digital Link under another domain on request', () => {
    expect(epcUrnToDigitalLink('urn:epc:id:sgtin:0614141.712345.400', 'https://trace.example.cn/')).toBe('https://trace.example.cn/01/70614141123451/21/400');
  });

  it('reads escapes in either hex case and writes them upper case', () => {
    expect(epcUrnToDigitalLink('urn:epc:id:sgtin:0614141.712345.a%2fb')).toBe('https://id.gs1.org/01/70614141123451/21/a%2Fb');
    expect(digitalLinkToEpcUrn('https://id.gs1.org/01/70614141123451/21/a%2fb', 7)).toBe('urn:epc:id:sgtin:0614141.712345.a%2Fb');
    expect(escapeEpcComponent(`"%&/<>?#ok-._`)).toBe('%22%25%26%2F%3C%3E%3F%23ok-._');
  });

  it('converts any-domain and legacy Digital Links, dropping lot and CPV beside a serial', () => {
    expect(digitalLinkToEpcUrn('https://brand.example.com/x/01/70614141123451/22/V1/10/L1/21/400?17=261231', 7)).toBe('urn:epc:id:sgtin:0614141.712345.400');
    expect(digitalLinkToEpcUrn('https://brand.example.com/gtin/614141000005/lot/L1', 7)).toBe('urn:epc:class:lgtin:0614141.000000.L1');
  });

  it('writes GS1 Company Prefixes of 4 or 5 digits as 6 digits (TDS 2.0)', () => {
    expect(digitalLinkToEpcUrn('https://id.gs1.org/01/09520123456788/21/1', 4)).toBe('urn:epc:id:sgtin:952012.0345678.1');
    expect(epcUrnFromAis([{ ai: '00', value: '952012345678912345' }], 5)).toBe('urn:epc:id:sscc:520123.94567891234');
  });
});

describe('EPC URI problems', () => {
  it.each([
    ['urn:epc:id:sgtin:0614141.11234.400', 'company prefix and indicator and item reference must have 13 digits together, got 12'],
    ['urn:epc:id:sgtin:06141.1123456.400', "company prefix '06141' must be 6–12 digits"],
    ['urn:epc:id:sgtin:0614141.712345.A B', "serial: character ' ' is not allowed here (escape it as %20)"],
    ['urn:epc:id:sgtin:0614141.712345.A/B', "serial: character '/' is not allowed here (escape it as %2F)"],
    ['urn:epc:id:sgtin:0614141.712345.%41%20', "serial: '%20' is not an allowed escape"],
    ['urn:epc:id:sgtin:0614141.712345', 'sgtin needs 3 dot-separated components'],
    ['urn:epc:id:sgtin:0614141.712345.', 'serial is empty'],
    ['urn:epc:id:xyz:1.2', 'urn:epc:id:xyz is not a supported EPC scheme'],
    ['urn:epc:idpat:sgtin:4012345.*.*', "only the last component of an sgtin pattern may be '*' for a Digital Link equivalent"],
    ['urn:epc:idpat:sscc:0614141.*', 'urn:epc:idpat:sscc is not a supported EPC scheme (patterns with a class-level GS1 key: sgtin, grai, gdti, sgcn)'],
    ['urn:epc:sgtin:0614141.712345.400', 'not an EPC URI (urn:epc:id:…, urn:epc:class:…, urn:epc:idpat:…)'],
  ])('%s', (urn, message) => {
    expect(parseEpcUrn(urn).errors.join()).toContain(message);
    expect(() => epcUrnToDigitalLink(urn)).toThrow(Gs1Error);
  });

  it('rejects values the AI does not allow', () => {
    expect(() => epcUrnToDigitalLink(`urn:epc:id:sgtin:0614141.712345.${'1'.repeat(21)}`)).toThrow('(21) is too long: 21 characters, at most 20');
  });

  it('knows non-GS1 EPC schemes but has no Digital Link for them', () => {
    expect(parseEpcUrn('urn:epc:id:gid:95100000.12345.400')).toEqual({ type: 'id', scheme: 'gid', ais: [], errors: [] });
    expect(() => epcUrnToDigitalLink('urn:epc:id:gid:95100000.12345.400')).toThrow('urn:epc:id:gid has no GS1 Digital Link equivalent');
  });

  it('needs a valid company prefix length and an EPC equivalent the other way', () => {
    expect(() => digitalLinkToEpcUrn('https://id.gs1.org/01/09520123456788', 13)).toThrow('GS1 Company Prefix length must be an integer from 4 to 12, got 13');
    expect(() => digitalLinkToEpcUrn('https://id.gs1.org/8013/1987654Ad4X4bL5ttr2310c2K', 7)).toThrow('(8013) has no EPC URI equivalent');
    expect(() => digitalLinkToEpcUrn('https://id.gs1.org/01/09520123456788/22/V1', 7)).toThrow('(22) with (01) has no EPC URI equivalent');
    expect(() => digitalLinkToEpcUrn('https://id.gs1.org/8004/95201AB', 7)).toThrow('(8004) 95201AB cannot hold a 7-digit GS1 Company Prefix');
    expect(() => digitalLinkToEpcUrn('https://id.gs1.org/01/09520123456789', 7)).toThrow('(01) key check digit is 9, expected 8');
    expect(() => digitalLinkToEpcUrn('https://example.com/about', 7)).toThrow(Gs1Error);
  });
});
