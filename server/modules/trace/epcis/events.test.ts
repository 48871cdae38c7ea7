import { describe, expect, it } from 'vitest';
import { type EpcisEvent, type EventIndex, indexEvent, validateEpcisDocument } from './index.ts';
import { readFixture } from './test-fixtures.ts';

function eventsIn(file: string): EpcisEvent[] {
  const result = validateEpcisDocument(readFixture(file));
  if (!result.ok) throw new Error(`${file}: ${JSON.stringify(result.errors)}`);
  return result.events;
}

function indexOf(file: string, position = 0): EventIndex {
  const event = eventsIn(file)[position];
  if (!event) throw new Error(`${file} has no event ${position}`);
  return indexEvent(event);
}

describe('eventsOf (through validateEpcisDocument)', () => {
  it('reads the event list of a capture document and of a query document', () => {
    expect(eventsIn('JSON/WithErrorDeclaration/ErrorDeclarationAndCorrectiveEvent.jsonld')).toHaveLength(2);
    const query = eventsIn('JSON/EPCISQueryDocument.jsonld');
    expect(query.length).toBeGreaterThan(0);
    expect(query.every((event) => typeof event.eventTime === 'string')).toBe(true);
  });
});

describe('indexEvent', () => {
  it('a transformation: inputs and outputs, EPCs and quantities', () => {
    const index = indexOf('JSON/Example_9.6.4-TransformationEvent.jsonld');
    expect(index).toMatchObject({
      eventID: 'ni:///sha-256;e65c3a997e77f34b58306da7a82ab0fc91c7820013287700f0b50345e5795b97?ver=CBV2.0',
      type: 'TransformationEvent',
      eventTime: '2013-10-31T14:58:56.591Z',
      eventTimeZoneOffset: '+02:00',
      action: null,
      bizStep: 'commissioning',
      disposition: 'in_progress',
      readPoint: 'urn:epc:id:sgln:4012345.00001.0',
      bizLocation: null,
      transformationID: null,
      errorDeclaration: null,
      hasSensorData: false,
    });
    expect(index.identifiers).toEqual([
      { value: 'urn:epc:id:sgtin:4012345.011122.25', role: 'input' },
      { value: 'urn:epc:id:sgtin:4000001.065432.99886655', role: 'input' },
      { value: 'urn:epc:id:sgtin:4012345.077889.25', role: 'output' },
      { value: 'urn:epc:id:sgtin:4012345.077889.26', role: 'output' },
      { value: 'urn:epc:id:sgtin:4012345.077889.27', role: 'output' },
      { value: 'urn:epc:id:sgtin:4012345.077889.28', role: 'output' },
      { value: 'urn:epc:class:lgtin:4012345.011111.4444', role: 'inputQuantity', quantity: 10, uom: 'KGM' },
      { value: 'urn:epc:class:lgtin:0614141.077777.987', role: 'inputQuantity', quantity: 30 },
      { value: 'urn:epc:idpat:sgtin:4012345.066666.*', role: 'inputQuantity', quantity: 220 },
    ]);
  });

  it('an aggregation: parent, children and child quantities with uom', () => {
    const index = indexOf('JSON/Example_9.6.3-AggregationEvent.jsonld');
    expect(index).toMatchObject({ type: 'AggregationEvent', action: 'OBSERVE', bizStep: 'receiving', bizLocation: 'urn:epc:id:sgln:0614141.00888.0' });
    expect(index.identifiers).toEqual([
      { value: 'urn:epc:id:sscc:0614141.1234567890', role: 'parent' },
      { value: 'urn:epc:id:sgtin:0614141.107346.2017', role: 'child' },
      { value: 'urn:epc:id:sgtin:0614141.107346.2018', role: 'child' },
      { value: 'urn:epc:idpat:sgtin:4012345.098765.*', role: 'childQuantity', quantity: 10 },
      { value: 'urn:epc:class:lgtin:4012345.012345.998877', role: 'childQuantity', quantity: 200.5, uom: 'KGM' },
    ]);
  });

  it('an error declaration with its corrective events; output quantities', () => {
    const index = indexOf('JSON/WithErrorDeclaration/ErrorDeclarationAndCorrectiveEvent.jsonld');
    expect(index.errorDeclaration).toEqual({
      declarationTime: '2020-01-15T00:00:00+01:00',
      reason: 'incorrect_data',
      correctiveEventIDs: ['urn:uuid:404d95fc-9457-4a51-bd6a-0bba133845a8'],
    });
    expect(index.identifiers.filter((identifier) => identifier.role === 'outputQuantity')).toEqual([
      { value: 'urn:epc:idpat:sgtin:4012345.044444.*', role: 'outputQuantity', quantity: 452, uom: 'KGM' },
    ]);
    expect(indexOf('JSON/WithErrorDeclaration/ErrorDeclarationAndCorrectiveEvent.jsonld', 1).errorDeclaration).toBeNull();
  });

  it('sensor data: presence and the device once', () => {
    const index = indexOf('JSON/WithSensorData/SensorDataExample1.jsonld');
    expect(index.hasSensorData).toBe(true);
    expect(index.bizStep).toBe('inspecting');
    expect(index.identifiers).toEqual([
      { value: 'urn:epc:id:sgtin:4012345.011111.9876', role: 'epc' },
      { value: 'urn:epc:id:giai:4000001.111', role: 'sensor' },
    ]);
  });

  it('transactions, sources and destinations; non-CBV URIs kept', () => {
    const [first, second] = eventsIn('JSON/Example-TransactionEvents-2020_07_03y.jsonld').map(indexEvent);
    expect(first?.bizStep).toBe('http://epcis.example.org/hc/bizstep/summarising_discharge');
    expect(first?.bizTransactions).toEqual([{ type: null, id: 'urn:epc:id:gdti:95252084.0001.0003555480001000' }]);
    expect(second?.bizTransactions).toEqual([{ type: 'urn:gs1:epcisapp:rail:btt:passage', id: 'http://transaction.examplerail.com/passage/xyz12345' }]);
    expect(second?.sources).toEqual([{ type: 'location', id: 'urn:epc:id:sgln:952005385.481.0' }]);
    expect(second?.destinations).toEqual([{ type: 'location', id: 'urn:epc:id:sgln:952005385.011.0' }]);
  });

  it('every field of the "all possible fields" examples', () => {
    const object = indexOf('JSON/WithFullCombinationOfFields/object_event_all_possible_fields.jsonld');
    expect(object.hasCertificationInfo).toBe(true);
    expect(object.persistentDisposition?.set.length).toBeGreaterThan(0);
    const roles = new Set(
      indexOf('JSON/WithFullCombinationOfFields/transformation_event_all_possible_fields.jsonld').identifiers.map((identifier) => identifier.role),
    );
    expect([...roles]).toEqual(expect.arrayContaining(['input', 'output', 'inputQuantity', 'outputQuantity']));
    expect(indexOf('JSON/WithFullCombinationOfFields/transformation_event_all_possible_fields.jsonld').transformationID).not.toBeNull();
  });

  it('normalises CBV URN and Web URI spellings (events from outside the JSON binding)', () => {
    const event: EpcisEvent = {
      type: 'ObjectEvent',
      eventTime: '2024-05-01T08:30:00+08:00',
      eventTimeZoneOffset: '+08:00',
      action: 'OBSERVE',
      bizStep: 'urn:epcglobal:cbv:bizstep:shipping',
      disposition: 'https://ref.gs1.org/cbv/Disp-in_transit',
      epcList: [],
      bizTransactionList: [{ type: 'urn:epcglobal:cbv:btt:desadv', bizTransaction: 'urn:epcglobal:cbv:bt:0614141000005:A1' }],
      sourceList: [{ type: 'https://ref.gs1.org/cbv/SDT-owning_party', source: 'urn:epc:id:pgln:0614141.00000' }],
      errorDeclaration: { declarationTime: '2024-05-02T00:00:00Z', reason: 'urn:epcglobal:cbv:er:did_not_occur' },
    };
    expect(indexEvent(event)).toMatchObject({
      eventID: null,
      bizStep: 'shipping',
      disposition: 'in_transit',
      bizTransactions: [{ type: 'desadv', id: 'urn:epcglobal:cbv:bt:0614141000005:A1' }],
      sources: [{ type: 'owning_party', id: 'urn:epc:id:pgln:0614141.00000' }],
      errorDeclaration: { reason: 'did_not_occur', correctiveEventIDs: [] },
      identifiers: [],
      hasCertificationInfo: false,
    });
  });
});
