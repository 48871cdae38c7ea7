import { describe, expect, it } from 'vitest';
import { captureLimitHeaders, EPCIS_CAPTURE_LIMIT, EPCIS_CAPTURE_LIMIT_EXCEPTION, EPCIS_MAX_DOCUMENT_BYTES } from './limits.ts';
import { readObject } from './test-fixtures.ts';

describe('capture limits', () => {
  it('are advertised under the header names of the REST binding', () => {
    const openapi = readObject('REST-Bindings/openapi.json');
    const text = JSON.stringify(openapi);
    const headers = captureLimitHeaders();
    for (const name of Object.keys(headers)) expect(text).toContain(`"${name}"`);
    expect(text).toContain(`"${EPCIS_CAPTURE_LIMIT_EXCEPTION}"`);
    expect(Object.values(headers)).toEqual([String(EPCIS_CAPTURE_LIMIT), String(EPCIS_MAX_DOCUMENT_BYTES)]);
  });

  it('are positive integers (openapi: minimum 1)', () => {
    expect(Number.isInteger(EPCIS_CAPTURE_LIMIT) && EPCIS_CAPTURE_LIMIT >= 1).toBe(true);
    expect(Number.isInteger(EPCIS_MAX_DOCUMENT_BYTES) && EPCIS_MAX_DOCUMENT_BYTES >= 1).toBe(true);
  });
});
