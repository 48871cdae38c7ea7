import { describe, expect, it } from 'vitest';
import { EPCIS_CONTEXT_URL } from './trace-api.ts';
import { buildErrorDeclaration } from './trace-error-declaration.ts';

const returned = {
  type: 'ObjectEvent',
  eventID: 'urn:uuid:1b0c0e6a-0000-4000-8000-000000000001',
  eventTime: '2026-12-01T08:30:00+08:00',
  eventTimeZoneOffset: '+08:00',
  recordTime: '2026-12-01T00:31:02.123Z',
  action: 'ADD',
  bizStep: 'commissioning',
  quantityList: [{ epcClass: 'https://id.gs1.org/01/06970000000116/10/L1', quantity: 480, uom: 'XBX' }],
  'example:batchNote': { '@value': 'kept' },
};

describe('buildErrorDeclaration', () => {
  it('repeats the event as captured, without what the repository added, with the declaration', () => {
    const context = [EPCIS_CONTEXT_URL, { example: 'https://example.com/ns/' }];
    const declaration = buildErrorDeclaration({ event: returned, reason: 'incorrect_data', declarationTime: '2026-12-07T10:00:00+08:00', context });
    const { recordTime: _added, ...captured } = returned;
    expect(declaration).toEqual({
      '@context': context,
      ...captured,
      errorDeclaration: { declarationTime: '2026-12-07T10:00:00+08:00', reason: 'incorrect_data' },
    });
  });

  it('names corrective events when given, uses the EPCIS context when none is known, and replaces an earlier declaration', () => {
    const earlier = { ...returned, errorDeclaration: { declarationTime: '2026-12-02T00:00:00Z', reason: 'did_not_occur' } };
    const declaration = buildErrorDeclaration({
      event: earlier,
      reason: 'did_not_occur',
      declarationTime: '2026-12-07T10:00:00+08:00',
      correctiveEventIDs: ['urn:uuid:1b0c0e6a-0000-4000-8000-000000000002'],
    });
    expect(declaration['@context']).toEqual([EPCIS_CONTEXT_URL]);
    expect(declaration.errorDeclaration).toEqual({
      declarationTime: '2026-12-07T10:00:00+08:00',
      reason: 'did_not_occur',
      correctiveEventIDs: ['urn:uuid:1b0c0e6a-0000-4000-8000-000000000002'],
    });
  });

  it('refuses an event without an eventID (nothing to declare it by)', () => {
    const { eventID: _none, ...anonymous } = returned;
    expect(() => buildErrorDeclaration({ event: anonymous, reason: 'incorrect_data', declarationTime: '2026-12-07T10:00:00+08:00' })).toThrow(/eventID/);
  });
});
