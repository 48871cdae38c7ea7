import { describe, expect, it } from 'vitest';
import { gs1CheckDigit, normaliseIdentifier } from '../../../../common/gs1/index.ts';
import { canonicalId, isCanonicalDigitalLink } from './canonical-id.ts';

describe('canonicalId', () => {
  it('returns an already-constrained Digital Link unchanged exactly when the full normalisation does', () => {
    let seed = 11;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const digits = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 10)).join('');
    const key = (n: number) => {
      const body = digits(n - 1);
      const right = Number(gs1CheckDigit(body));
      // a third of them with a wrong check digit: kept as given either way
      return `${body}${random() < 0.33 ? (right + 1) % 10 : right}`;
    };
    const chars = '0123456789ABCXYZabcxyz._-';
    const value = () => Array.from({ length: 1 + Math.floor(random() * 24) }, () => chars[Math.floor(random() * chars.length)]).join('');
    const samples: string[] = [];
    for (let i = 0; i < 2000; i++) {
      const gtin = key(14);
      samples.push(
        `https://id.gs1.org/01/${gtin}`,
        `https://id.gs1.org/01/${gtin}/10/${value()}`,
        `https://id.gs1.org/01/${gtin}/21/${value()}`,
        `https://id.gs1.org/00/${key(18)}`,
        `https://id.gs1.org/414/${key(13)}`,
        `https://id.gs1.org/414/${key(13)}/254/${value()}`,
      );
    }
    for (const s of samples) {
      expect(isCanonicalDigitalLink(s), s).toBe(true);
      expect(canonicalId(s), s).toBe(normaliseIdentifier(s).canonical);
    }
  });

  it('sends every other form through the full normalisation', () => {
    const others = [
      'https://id.gs1.org/01/9520123456788/10/L1', // 13 digits: padded to a GTIN-14
      'https://example.com/01/09520123456788/10/L1', // another domain
      'http://id.gs1.org/01/09520123456788', // http
      'https://id.gs1.org/01/09520123456788/10/A%2FB', // percent-encoded
      'https://id.gs1.org/01/09520123456788/22/X/10/L1', // CPV dropped
      'https://id.gs1.org/01/09520123456788/10/L1?17=271231', // query string dropped
      'https://id.gs1.org/417/9520123456781',
      'urn:epc:id:sgtin:0614141.107346.2017',
      'urn:epc:class:lgtin:4012345.012345.998877',
    ];
    for (const s of others) {
      expect(isCanonicalDigitalLink(s), s).toBe(false);
      expect(canonicalId(s), s).toBe(normaliseIdentifier(s).canonical);
    }
    expect(canonicalId('https://id.gs1.org/01/9520123456788/10/L1')).toBe('https://id.gs1.org/01/09520123456788/10/L1');
  });
});
