import { describe, expect, it } from 'vitest';
import { buildRecordEvent, checkRecordEvent, huzhouInstant, locationGln, type RecordEventInput, randomEventId } from './trace-record-event.ts';

const PLANT = { identifier: 'https://id.gs1.org/414/6970000000017', gln: '6970000000017' };
const BATCH = 'https://id.gs1.org/01/06970000000116/10/DRINK-1';
const NOW = new Date('2026-12-07T12:00:00+08:00');

const input = (over: Partial<RecordEventInput> = {}): RecordEventInput => ({
  eventID: 'urn:uuid:6c1d4a52-9a0e-4f3e-8d8e-1f0c7b0d2a11',
  step: 'shipping',
  batch: BATCH,
  lot: 'DRINK-1',
  quantity: 120,
  uom: 'XBX',
  localTime: '2026-12-07T09:30',
  location: PLANT,
  destinationGln: '6970000001021',
  reference: 'FH-20261207-01',
  ...over,
});

describe('登记批次事件 → EPCIS 2.0 ObjectEvent', () => {
  it('a shipment leaves the plant for the consignee, with the despatch advice as a CBV business transaction', () => {
    expect(buildRecordEvent(input())).toEqual({
      '@context': ['https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld'],
      type: 'ObjectEvent',
      eventID: 'urn:uuid:6c1d4a52-9a0e-4f3e-8d8e-1f0c7b0d2a11',
      eventTime: '2026-12-07T09:30:00+08:00',
      eventTimeZoneOffset: '+08:00',
      action: 'OBSERVE',
      bizStep: 'shipping',
      disposition: 'in_transit',
      quantityList: [{ epcClass: BATCH, quantity: 120, uom: 'XBX' }],
      readPoint: { id: PLANT.identifier },
      sourceList: [{ type: 'location', source: PLANT.identifier }],
      destinationList: [{ type: 'location', destination: 'https://id.gs1.org/414/6970000001021' }],
      bizTransactionList: [{ type: 'desadv', bizTransaction: 'urn:epcglobal:cbv:bt:6970000000017:FH-20261207-01' }],
    });
  });

  it('production adds the lot with its lot number and expiry as ILMD; receiving and inspection stay at the place', () => {
    const made = buildRecordEvent(input({ step: 'commissioning', quantity: 500, uom: 'H87', reference: null, expiryDate: '2027-12-06' }));
    expect(made).toMatchObject({ action: 'ADD', bizStep: 'commissioning', disposition: 'active', bizLocation: { id: PLANT.identifier } });
    expect(made.ilmd).toEqual({ 'cbvmda:lotNumber': 'DRINK-1', 'cbvmda:itemExpirationDate': '2027-12-06' });
    expect(made).not.toHaveProperty('destinationList');
    expect(made).not.toHaveProperty('bizTransactionList');

    const received = buildRecordEvent(input({ step: 'receiving', destinationGln: null }));
    expect(received).toMatchObject({ action: 'OBSERVE', bizStep: 'receiving', disposition: 'in_progress', bizLocation: { id: PLANT.identifier } });
    expect(received).not.toHaveProperty('ilmd');
    expect(received).not.toHaveProperty('destinationList');

    const failed = buildRecordEvent(input({ step: 'inspecting', conformant: false, quantity: null, reference: 'JC2026-1207-001' }));
    expect(failed).toMatchObject({
      bizStep: 'inspecting',
      disposition: 'non_conformant',
      quantityList: [{ epcClass: BATCH }],
      bizTransactionList: [{ type: 'testres', bizTransaction: 'urn:epcglobal:cbv:bt:6970000000017:JC2026-1207-001' }],
    });
    const linked = buildRecordEvent(input({ step: 'inspecting', conformant: true, reference: 'https://lab.example.cn/r/JC-1' }));
    expect(linked).toMatchObject({ disposition: 'conformant', bizTransactionList: [{ type: 'testres', bizTransaction: 'https://lab.example.cn/r/JC-1' }] });
  });

  it('names each field a person got wrong, in Chinese', () => {
    expect(checkRecordEvent(input(), NOW)).toEqual([]);
    const fields = (over: Partial<RecordEventInput>) => checkRecordEvent(input(over), NOW).map((p) => p.field);
    expect(fields({ quantity: 0 })).toEqual(['quantity']);
    expect(fields({ quantity: null })).toEqual(['quantity']);
    expect(fields({ step: 'inspecting', quantity: null, destinationGln: null })).toEqual([]);
    expect(fields({ localTime: '2026-12-07T12:30' })).toEqual(['localTime']);
    expect(fields({ localTime: '' })).toEqual(['localTime']);
    expect(fields({ destinationGln: '' })).toEqual(['destinationGln']);
    expect(checkRecordEvent(input({ destinationGln: '6970000001022' }), NOW)[0]?.message).toBe('GLN 校验位错误：最后一位应为 1');
    expect(fields({ destinationGln: '697000000102' })).toEqual(['destinationGln']);
    expect(fields({ reference: '发货单 1' })).toEqual(['reference']);
    expect(fields({ reference: 'https://lab.example.cn/r/1' })).toEqual(['reference']);
    expect(fields({ step: 'inspecting', reference: 'https://lab.example.cn/r/1' })).toEqual([]);
    expect(fields({ step: 'commissioning', expiryDate: '2026-12-06' })).toEqual(['expiryDate']);
    expect(fields({ location: { identifier: 'urn:example:site:1', gln: null } })).toEqual(['location']);
    expect(fields({ location: { identifier: 'urn:example:site:1', gln: null }, reference: null })).toEqual([]);
  });

  it('reads the GLN of a location from its identifier when the field is empty, and keeps times in Huzhou', () => {
    expect(locationGln({ identifier: 'https://id.gs1.org/414/6970000000024/254/B2', gln: null })).toBe('6970000000024');
    expect(huzhouInstant('2026-12-31T23:59')).toBe('2026-12-31T23:59:00+08:00');
    expect(new Date(huzhouInstant('2026-12-31T23:59')).toISOString()).toBe('2026-12-31T15:59:00.000Z');
  });

  it('makes a new UUID v4 eventID each time', () => {
    const ids = new Set(Array.from({ length: 200 }, randomEventId));
    expect(ids.size).toBe(200);
    for (const id of ids) expect(id).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
