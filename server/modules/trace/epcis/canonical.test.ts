import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../platform/canonical-json.ts';
import { eventContentHash, SET_FIELDS } from './canonical.ts';
import { listFixtures, readObject } from './test-fixtures.ts';

const event = readObject('JSON-Schema/test/ObjectEvent.json');

describe('eventContentHash', () => {
  it('is a SHA-256 hex digest', () => {
    expect(eventContentHash(event)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('ignores key order at every level', () => {
    const reordered = Object.fromEntries(Object.entries(event).reverse());
    reordered.readPoint = { id: 'urn:epc:id:sgln:0614141.07346.1234' };
    reordered.bizTransactionList = [{ bizTransaction: 'http://transaction.acme.com/po/12345678', type: 'po' }];
    expect(eventContentHash(reordered)).toBe(eventContentHash(event));
  });

  it('treats epcList and the other EPCIS sets as unordered', () => {
    const epcs = ['urn:epc:id:sgtin:0614141.107346.2017', 'urn:epc:id:sgtin:0614141.107346.2018'];
    expect(eventContentHash({ ...event, epcList: [...epcs].reverse() })).toBe(eventContentHash({ ...event, epcList: epcs }));
    const a = { epcClass: 'urn:epc:class:lgtin:4012345.012345.998877', quantity: 200.5, uom: 'KGM' };
    const b = { epcClass: 'urn:epc:idpat:sgtin:4012345.098765.*', quantity: 10 };
    expect(eventContentHash({ ...event, quantityList: [a, b] })).toBe(eventContentHash({ ...event, quantityList: [b, a] }));
  });

  it('keeps the order of other arrays (extensions)', () => {
    expect(eventContentHash({ ...event, 'example:steps': ['a', 'b'] })).not.toBe(eventContentHash({ ...event, 'example:steps': ['b', 'a'] }));
  });

  it('changes when a field changes, is added or removed', () => {
    const base = eventContentHash(event);
    expect(eventContentHash({ ...event, disposition: 'in_progress' })).not.toBe(base);
    expect(eventContentHash({ ...event, bizLocation: { id: 'urn:epc:id:sgln:0614141.00888.0' } })).not.toBe(base);
    const { bizStep: _bizStep, ...without } = event;
    expect(eventContentHash(without)).not.toBe(base);
    expect(eventContentHash({ ...event, epcList: ['urn:epc:id:sgtin:0614141.107346.2017'] })).not.toBe(base);
    expect(eventContentHash({ ...event, eventTimeZoneOffset: '+08:00' })).not.toBe(base);
  });

  it('is unaffected by recordTime and @context', () => {
    const base = eventContentHash(event);
    expect(eventContentHash({ ...event, recordTime: '2024-05-01T08:30:00.000Z' })).toBe(base);
    expect(
      eventContentHash({ ...event, '@context': ['https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld', { example: 'https://example.org/' }] }),
    ).toBe(base);
    const { '@context': _context, ...inDocument } = event;
    expect(eventContentHash(inDocument)).toBe(base);
  });

  it('compares eventTime and declarationTime as instants', () => {
    const base = eventContentHash(event);
    expect(event.eventTime).toBe('2005-04-03T20:33:31.116000-06:00');
    expect(eventContentHash({ ...event, eventTime: '2005-04-04T02:33:31.116Z' })).toBe(base);
    expect(eventContentHash({ ...event, eventTime: '2005-04-04T02:33:31.117Z' })).not.toBe(base);
    const declared = (time: string) => eventContentHash({ ...event, errorDeclaration: { declarationTime: time, reason: 'incorrect_data' } });
    expect(declared('2020-01-15T00:00:00+01:00')).toBe(declared('2020-01-14T23:00:00Z'));
  });

  it('hashes every official example event exactly as the two-step definition (normalised copy, then canonical JSON)', () => {
    const normalise = (value: unknown, field: string | null): unknown => {
      if (Array.isArray(value)) {
        const items = value.map((item) => normalise(item, null));
        if (items.length < 2 || field === null || !SET_FIELDS.has(field)) return items;
        return items
          .map((item) => [canonicalJson(item), item] as const)
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
          .map(([, item]) => item);
      }
      if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalise(v, k)]));
      if (typeof value === 'string' && (field === 'eventTime' || field === 'declarationTime') && !Number.isNaN(Date.parse(value)))
        return new Date(Date.parse(value)).toISOString();
      return value;
    };
    const reference = (e: Record<string, unknown>) => {
      const { recordTime: _r, '@context': _c, ...content } = e;
      return createHash('sha256')
        .update(canonicalJson(normalise(content, null)))
        .digest('hex');
    };
    let events = 0;
    for (const file of listFixtures('JSON', '.jsonld')) {
      const doc = readObject(file) as { epcisBody?: { eventList?: Record<string, unknown>[] } };
      for (const e of doc.epcisBody?.eventList ?? []) {
        expect(eventContentHash(e), `${file} ${String(e.eventID)}`).toBe(reference(e));
        events += 1;
      }
    }
    expect(events).toBeGreaterThanOrEqual(50);
  });
});
