import { fullFormats } from 'ajv-formats/dist/formats.js';
import { describe, expect, it } from 'vitest';
import { isUri } from './validate.ts';

const full = fullFormats.uri as (value: string) => boolean;

describe('the uri format of the EPCIS schema', () => {
  it('agrees with the full RFC 3986 check on the identifiers EPCIS documents carry and on broken ones', () => {
    const samples = [
      'urn:epc:id:sgtin:0614141.107346.2017',
      'urn:epc:class:lgtin:4012345.012345.998877',
      'urn:epc:id:sgln:0614141.07346.1234',
      'urn:uuid:6d2b6bb4-0000-4000-8000-000000000001',
      'https://id.gs1.org/01/09520123456788/21/12345',
      'https://id.gs1.org/01/09520123456788/10/ABC%2F1',
      'https://id.gs1.org/414/6970000000017?linkType=all',
      'http://example.com:8080/a/b;c=d/@x',
      'https://ns.gs1.org/cbv/BizStep-shipping',
      'urn:epcglobal:cbv:bizstep:receiving',
      'ftp://example.com/file',
      'mailto:someone@example.com',
      'http://[::1]/x',
      // not URIs
      'urn:epc:id:sgtin:0614141.107346 2017',
      'https://id.gs1.org/01/0952/10/AB%ZZ',
      'https://id.gs1.org/01/0952/10/批次',
      'https://id.gs1.org/01/0952/<lot>',
      'shipping',
      '',
      ':no-scheme',
      'http://exa mple.com/',
    ];
    for (const s of samples) expect(isUri(s), s).toBe(full(s));
  });

  it('accepts through its short pattern only strings the full check accepts', () => {
    // Every character the short pattern lets through, in every position after each prefix it knows.
    const chars = "abcXYZ019-._~!$&'()*+,;=:@/";
    const prefixes = ['urn:epc:', 'urn:x-1:', 'http://h/', 'https://a.b-c:443/', 'HTTP://H.COM/'];
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed;
    };
    for (let n = 0; n < 5000; n++) {
      let tail = '';
      for (let k = next() % 24; k > 0; k--) tail += chars[next() % chars.length];
      const value = `${prefixes[next() % prefixes.length]}${tail}`;
      expect(full(value), value).toBe(true);
      expect(isUri(value), value).toBe(true);
    }
  });
});
