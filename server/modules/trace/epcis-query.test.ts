import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type Client, type TestApp } from '../../test-support/app.ts';
import { DB_KINDS } from '../../test-support/db.ts';
import { inEveryUnit } from './query/units.ts';

/**
 * SimpleEventQuery parameters of EPCIS 2.0 §8.2.7.1 beyond the basic ones: locations with descendants,
 * source/destination, quantities, persistent disposition, error declarations, extension / ILMD fields, sensor data,
 * and order, limits and paging. Each query returns exactly the expected events (by short name), filters that must
 * exclude are checked too, and bad values are 400s naming the parameter.
 */

const FIXTURES = path.resolve(import.meta.dirname, '../../../../shared/fixtures/epcis/gs1-EPCIS/JSON');
type Event = Record<string, unknown>;
const read = (file: string) => JSON.parse(fs.readFileSync(path.join(FIXTURES, file), 'utf8')) as Record<string, unknown>;
const eventsOf = (doc: Record<string, unknown>) => (doc.epcisBody as { eventList: Event[] }).eventList;

const EPCIS_CONTEXT = 'https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld';
const NS = 'https://zhiliang.example/epcis/';
const DL = 'https://id.gs1.org';
// Locations of company prefix 6950000: G1, G2 and G3 are sites; G1/254/… and G2/254/7 are sub-locations.
const G1 = `${DL}/414/6950000000019`;
const G2 = `${DL}/414/6950000000026`;
const G2_URN = 'urn:epc:id:sgln:6950000.00002.0';
const G3 = `${DL}/414/6950000000033`;
const G4 = `${DL}/414/6950000000040`;
const PARTY = 'urn:epc:id:pgln:6950000.00009';
const lot = (l: string) => `${DL}/01/06950000123459/10/${l}`;
const uuid = (n: number) => `urn:uuid:6d1f4b0e-0000-4000-8000-${String(n).padStart(12, '0')}`;

const base = (n: number, time: string, extra: Event): Event => ({
  type: 'ObjectEvent',
  eventID: uuid(n),
  eventTime: time,
  eventTimeZoneOffset: '+08:00',
  action: 'OBSERVE',
  epcList: [`${DL}/01/06950000123459/21/${n}`],
  ...extra,
});

/** Hand-built events: one document declaring the platform namespace as `zl`, … */
const handDocument = {
  '@context': [EPCIS_CONTEXT, { zl: NS }],
  type: 'EPCISDocument',
  schemaVersion: '2.0',
  creationDate: '2030-03-05T00:00:00Z',
  epcisBody: {
    eventList: [
      base(1, '2030-03-01T08:00:00+08:00', {
        action: 'ADD',
        bizStep: 'commissioning',
        epcList: [],
        quantityList: [{ epcClass: lot('A1'), quantity: 500, uom: 'KGM' }],
        readPoint: { id: `${G1}/254/dock-1` },
        bizLocation: { id: G1 },
        sourceList: [{ type: 'owning_party', source: PARTY }],
        destinationList: [{ type: 'https://ref.gs1.org/cbv/SDT-location', destination: G2 }],
        persistentDisposition: { set: ['https://ref.gs1.org/cbv/Disp-recalled'] },
        ilmd: {
          'zl:expiry': '2030-06-30',
          'zl:grade': 'A',
          'zl:weight': 12.5,
          'zl:packedAt': '2030-03-01T10:00:00+08:00',
          'zl:origin': { 'zl:county': '德清县', 'zl:farm': { 'zl:name': '新市' } },
        },
        'zl:lotNote': ['first', 'second'],
        'zl:inspection': { 'zl:score': 92, 'zl:at': '2030-03-01T09:00:00+08:00' },
      }),
      base(2, '2030-03-02T08:00:00+08:00', {
        quantityList: [{ epcClass: lot('B2'), quantity: 2, uom: 'TNE' }],
        readPoint: { id: G1, 'zl:gate': 'north' },
        bizLocation: { id: `${G1}/254/cold-2` },
        sensorElementList: [
          {
            sensorMetadata: { time: '2030-03-02T07:00:00+08:00', deviceID: 'urn:epc:id:giai:6950000.T1' },
            sensorReport: [{ type: 'Temperature', value: 5, uom: 'CEL', sDev: 0.2 }],
          },
        ],
      }),
      base(3, '2030-03-03T08:00:00+08:00', {
        quantityList: [{ epcClass: lot('C3'), quantity: 750, uom: 'GRM' }],
        readPoint: { id: G2_URN },
        bizLocation: { id: 'urn:epc:id:sgln:6950000.00002.7' },
        sensorElementList: [
          {
            sensorReport: [
              { type: 'Temperature', value: 41, uom: 'FAH' },
              { type: 'Temperature', value: 280.15, uom: 'KEL' },
            ],
          },
        ],
      }),
    ],
  },
};

/** … and one declaring the same namespace as `q`, with a field of the same local name in another namespace. */
const otherPrefixDocument = {
  '@context': [EPCIS_CONTEXT, { q: NS }, { other: 'https://other.example/ns/' }],
  type: 'EPCISDocument',
  schemaVersion: '2.0',
  creationDate: '2030-03-05T00:00:00Z',
  epcisBody: {
    eventList: [
      base(4, '2030-03-04T08:00:00+08:00', {
        action: 'ADD',
        epcList: [],
        quantityList: [{ epcClass: lot('D4'), quantity: 12 }],
        readPoint: { id: G3 },
        bizLocation: { id: G3 },
        ilmd: { 'q:grade': 'B', 'q:weight': '9.75', 'q:expiry': '2030-04-30', 'other:grade': 'A' },
      }),
    ],
  },
};

/** Events for order and paging: P2 and P3 share an eventTime; each document's events share a recordTime. */
const PAGING_STEP = 'https://zhiliang.example/bizstep/paging';
const paging = (n: number, time: string) => base(100 + n, time, { bizStep: PAGING_STEP, readPoint: { id: G4 }, bizLocation: { id: G4 } });
const pagingDocument = (events: Event[]) => ({
  '@context': [EPCIS_CONTEXT],
  type: 'EPCISDocument',
  schemaVersion: '2.0',
  creationDate: '2030-03-05T00:00:00Z',
  epcisBody: { eventList: events },
});

const OFFICIAL: Record<string, string[]> = {
  'PersistentDisposition-example.jsonld': ['PD1', 'PD2'],
  'WithErrorDeclaration/ErrorDeclarationAndCorrectiveEvent.jsonld': ['ERR_TX', 'CORR_TX'],
  'WithFullCombinationOfFields/object_event_all_possible_fields.jsonld': ['ALL_OBJ'],
  'WithSensorData/SensorDataExample1.jsonld': ['S1'],
  'WithSensorData/SensorDataExample7.jsonld': ['S7'],
  'WithSensorData/SensorDataExample10.jsonld': ['S10'],
  'Example_9.6.4-TransformationEvent.jsonld': ['TX964'],
  'Example-Type-sourceOrDestination,measurement,bizTransaction.jsonld': ['ASSOC'],
};

/** Short names by eventID + type (two official examples are error declarations under the same eventID). */
const names = new Map<string, string>();
const key = (e: Event) => `${String(e.eventID)}|${String(e.type)}`;
for (const [file, labels] of Object.entries(OFFICIAL)) for (const [i, e] of eventsOf(read(file)).entries()) names.set(key(e), labels[i] ?? '?');
for (const [i, e] of [...eventsOf(handDocument), ...eventsOf(otherPrefixDocument)].entries()) names.set(key(e), `H${i + 1}`);
for (let n = 1; n <= 5; n += 1) names.set(`${uuid(100 + n)}|ObjectEvent`, `P${n}`);

const ALL = [...Object.values(OFFICIAL).flat(), 'H1', 'H2', 'H3', 'H4', 'P1', 'P2', 'P3', 'P4', 'P5'].sort();

describe('query units (Rec 20)', () => {
  it('converts a value into every unit of its dimension, differences without the offset', () => {
    expect(inEveryUnit(26, 'CEL')).toEqual(
      expect.arrayContaining([
        { uom: 'KEL', value: 299.15 },
        { uom: 'FAH', value: 78.8 },
        { uom: 'CEL', value: 26 },
      ]),
    );
    expect(inEveryUnit(0.1, 'CEL', true)).toEqual(expect.arrayContaining([{ uom: 'KEL', value: 0.1 }]));
    expect(inEveryUnit(2, 'TNE')).toEqual(expect.arrayContaining([{ uom: 'KGM', value: 2000 }]));
    expect(inEveryUnit(5, 'XYZ')).toEqual([{ uom: 'XYZ', value: 5 }]);
  });
});

describe.each(DB_KINDS)('EPCIS 2.0 SimpleEventQuery parameters on %s', (kind) => {
  let t: TestApp;
  let admin: Client;
  let start: string;

  const capture = async (doc: unknown) => {
    const res = await admin.request({ method: 'POST', url: '/epcis/capture', payload: doc as object, headers: { 'content-type': 'application/ld+json' } });
    expect(res.statusCode, res.body).toBe(202);
  };
  const url = (params: Record<string, string>) => `/epcis/events?${new URLSearchParams({ GE_recordTime: start, perPage: '1000', ...params })}`;
  const get = (params: Record<string, string>) => admin.get(url(params));
  const label = (e: Event) => names.get(key(e)) ?? `unknown ${String(e.eventID)}`;
  /** The short names of the events a query returns, sorted. */
  const found = async (params: Record<string, string>) => {
    const res = await get(params);
    expect(res.statusCode, `${JSON.stringify(params)}: ${res.body}`).toBe(200);
    return (res.json().epcisBody.queryResults.resultsBody.eventList as Event[]).map(label).sort();
  };
  const refused = async (params: Record<string, string>, param: string, pattern?: RegExp) => {
    const res = await get(params);
    expect(res.statusCode, `${JSON.stringify(params)}: ${res.body}`).toBe(400);
    const { error } = res.json();
    expect(error.code).toBe('EPCIS_QUERY_PARAMETER');
    expect(error.details[0].field).toBe(`query.${param}`);
    expect(error.message).toMatch(/[\u4e00-\u9fff].* \/ .*[A-Za-z]/);
    if (pattern) expect(error.message).toMatch(pattern);
  };

  beforeAll(async () => {
    t = await buildTestApp(kind);
    admin = await t.login('admin');
    start = new Date().toISOString();
    for (const file of Object.keys(OFFICIAL)) await capture(read(file));
    await capture(handDocument);
    await capture(otherPrefixDocument);
    // Two capture requests: P1–P3 share one recordTime, P4–P5 a later one.
    await capture(pagingDocument([paging(1, '2030-04-01T01:00:00Z'), paging(2, '2030-04-01T02:00:00Z'), paging(3, '2030-04-01T02:00:00Z')]));
    await capture(pagingDocument([paging(4, '2030-04-01T03:00:00Z'), paging(5, '2030-04-01T00:00:00Z')]));
  });
  afterAll(() => t.close());

  it('captured exactly the test events after the start mark', async () => {
    expect(await found({})).toEqual(ALL);
  });

  it('WD_readPoint / WD_bizLocation: the location and its GS1 sub-locations, in any identifier form', async () => {
    expect(await found({ EQ_bizLocation: G1 })).toEqual(['H1']);
    expect(await found({ WD_bizLocation: G1 })).toEqual(['H1', 'H2']);
    expect(await found({ WD_bizLocation: 'urn:epc:id:sgln:6950000.00001.0' })).toEqual(['H1', 'H2']);
    expect(await found({ EQ_readPoint: G1 })).toEqual(['H2']);
    expect(await found({ WD_readPoint: G1 })).toEqual(['H1', 'H2']);
    expect(await found({ WD_bizLocation: G2 })).toEqual(['H3']);
    expect(await found({ WD_bizLocation: `${G1}|${G2}` })).toEqual(['H1', 'H2', 'H3']);
    // A sub-location has no descendants but itself; a parent is not a descendant of its child.
    expect(await found({ WD_bizLocation: `${G1}/254/cold-2` })).toEqual(['H2']);
    expect(await found({ WD_readPoint: `${G1}/254/dock-1` })).toEqual(['H1']);
    // The official example's readPoint is sgln 0012345.11111.400, a sub-location of 0012345.11111.0.
    expect(await found({ WD_readPoint: 'urn:epc:id:sgln:0012345.11111.0' })).toEqual(['ALL_OBJ']);
    expect(await found({ EQ_readPoint: 'urn:epc:id:sgln:0012345.11111.0' })).toEqual([]);
    // Both given: both must hold.
    expect(await found({ WD_bizLocation: G1, EQ_readPoint: G1 })).toEqual(['H2']);
    expect(await found({ WD_bizLocation: G3 })).toEqual(['H4']);
  });

  it('MATCH_* EPC patterns: urn:epc:idpat:sgtin:…* and the GTIN-only Digital Link match every serial (and lot) of the GTIN', async () => {
    const serials = await found({ MATCH_epc: Array.from({ length: 120 }, (_, n) => `${DL}/01/06950000123459/21/${n}`).join('|') });
    expect(serials.length).toBeGreaterThan(1);
    expect(await found({ MATCH_epc: 'urn:epc:idpat:sgtin:6950000.012345.*' })).toEqual(serials);
    expect(await found({ MATCH_epc: `${DL}/01/06950000123459` })).toEqual(serials);
    // Every lot of the GTIN (the hand-built events carry lots A1… of 06950000123459 in their quantity lists).
    expect(await found({ MATCH_epcClass: lot('A1') })).toEqual(['H1']);
    expect(await found({ MATCH_epcClass: 'urn:epc:idpat:sgtin:6950000.012345.*' })).toEqual(['H1', 'H2', 'H3', 'H4']);
    expect(await found({ MATCH_epc: 'urn:epc:idpat:sgtin:6950000.012346.*' })).toEqual([]);
  });

  it('EQ_source_<type> / EQ_destination_<type>: type as a bare CBV word or its URI, party or place in any form', async () => {
    expect(await found({ EQ_source_owning_party: 'urn:epc:id:pgln:9520001.11111' })).toEqual(['PD1', 'PD2']);
    expect(await found({ EQ_source_owning_party: `${DL}/417/9520001111112` })).toEqual(['PD1', 'PD2']);
    expect(await found({ 'EQ_source_https://ref.gs1.org/cbv/SDT-owning_party': 'urn:epc:id:pgln:9520001.11111' })).toEqual(['PD1', 'PD2']);
    expect(await found({ EQ_source_possessing_party: 'urn:epc:id:pgln:4000001.00012' })).toEqual(['ASSOC']);
    expect(await found({ EQ_source_location: 'urn:epc:id:sgln:4012345.00225.0' })).toEqual(['ALL_OBJ']);
    expect(await found({ EQ_source_owning_party: `${PARTY}|urn:epc:id:pgln:4012345.00225` })).toEqual(['ALL_OBJ', 'H1']);
    expect(await found({ EQ_destination_owning_party: 'urn:epc:id:pgln:9520999.99999' })).toEqual(['PD1', 'PD2']);
    expect(await found({ EQ_destination_owning_party: 'urn:epc:id:pgln:0614141.00777' })).toEqual(['ALL_OBJ']);
    // H1's destination type is written as the CBV Web URI and its place as a Digital Link; asked by word and URN.
    expect(await found({ EQ_destination_location: G2_URN })).toEqual(['H1']);
    expect(await found({ 'EQ_destination_https://ref.gs1.org/cbv/SDT-location': G2 })).toEqual(['H1']);
    // Right party, wrong type; right type, a destination's party; the other side.
    expect(await found({ EQ_source_possessing_party: 'urn:epc:id:pgln:9520001.11111' })).toEqual([]);
    expect(await found({ EQ_source_owning_party: 'urn:epc:id:pgln:9520999.99999' })).toEqual([]);
    expect(await found({ EQ_destination_owning_party: PARTY })).toEqual([]);
  });

  it('EQ_/GT_/GE_/LT_/LE_quantity on every quantity list, and the _<uom> forms across units', async () => {
    expect(await found({ EQ_quantity: '500' })).toEqual(['CORR_TX', 'ERR_TX', 'H1']);
    expect(await found({ EQ_quantity: '30|220' })).toEqual(['TX964']);
    expect(await found({ GT_quantity: '450' })).toEqual(['CORR_TX', 'ERR_TX', 'H1', 'H3']);
    expect(await found({ GE_quantity: '452' })).toEqual(['CORR_TX', 'ERR_TX', 'H1', 'H3']);
    expect(await found({ GT_quantity: '750' })).toEqual([]);
    expect(await found({ LT_quantity: '4' })).toEqual(['H2']);
    expect(await found({ LE_quantity: '4' })).toEqual(['ASSOC', 'H2']);
    expect(await found({ GT_quantity: '451', LT_quantity: '453' })).toEqual(['ERR_TX']);
    // 2 TNE = 2000 kg; 750 GRM = 0.75 kg; quantities without a unit never match a _<uom> parameter.
    expect(await found({ GE_quantity_KGM: '600' })).toEqual(['H2']);
    expect(await found({ EQ_quantity_KGM: '2000' })).toEqual(['H2']);
    expect(await found({ LT_quantity_KGM: '1' })).toEqual(['H3']);
    expect(await found({ EQ_quantity_GRM: '500000' })).toEqual(['CORR_TX', 'ERR_TX', 'H1']);
    expect(await found({ LE_quantity_KGM: '10' })).toEqual(['H3', 'TX964']);
    expect(await found({ EQ_quantity_LTR: '500' })).toEqual([]);
  });

  it('EQ_persistentDisposition_set / _unset', async () => {
    expect(await found({ EQ_persistentDisposition_set: 'completeness_inferred' })).toEqual(['PD1']);
    expect(await found({ EQ_persistentDisposition_set: 'https://ref.gs1.org/cbv/Disp-completeness_inferred' })).toEqual(['PD1']);
    expect(await found({ EQ_persistentDisposition_set: 'completeness_verified' })).toEqual(['ALL_OBJ', 'PD2']);
    expect(await found({ EQ_persistentDisposition_set: 'completeness_verified|completeness_inferred' })).toEqual(['ALL_OBJ', 'PD1', 'PD2']);
    expect(await found({ EQ_persistentDisposition_unset: 'completeness_inferred' })).toEqual(['ALL_OBJ', 'PD2']);
    expect(await found({ EQ_persistentDisposition_unset: 'completeness_verified' })).toEqual([]);
    // Stored as the CBV Web URI, asked as the bare word.
    expect(await found({ EQ_persistentDisposition_set: 'recalled' })).toEqual(['H1']);
  });

  it('error declarations: EXISTS_, GE_/LT_errorDeclarationTime, EQ_errorReason, EQ_correctiveEventID', async () => {
    expect(await found({ EXISTS_errorDeclaration: '' })).toEqual(['ALL_OBJ', 'ERR_TX']);
    expect(await found({ EXISTS_errorDeclaration: 'true' })).toEqual(['ALL_OBJ', 'ERR_TX']);
    // REST binding: false means "regardless of an error declaration".
    expect(await found({ EXISTS_errorDeclaration: 'false' })).toEqual(ALL);
    expect(await found({ GE_errorDeclarationTime: '2020-01-01T00:00:00Z' })).toEqual(['ERR_TX']);
    expect(await found({ LT_errorDeclarationTime: '2020-01-01T00:00:00Z' })).toEqual(['ALL_OBJ']);
    // 2020-01-15T00:00:00+01:00 is 2020-01-14T23:00:00Z: compared as instants, to the millisecond.
    expect(await found({ GE_errorDeclarationTime: '2020-01-14T23:00:00Z' })).toEqual(['ERR_TX']);
    expect(await found({ GE_errorDeclarationTime: '2020-01-14T23:00:00.001Z' })).toEqual([]);
    expect(await found({ GE_errorDeclaration_Time: '2020-01-14T23:00:00Z' })).toEqual(['ERR_TX']);
    expect(await found({ EQ_errorReason: 'incorrect_data' })).toEqual(['ALL_OBJ', 'ERR_TX']);
    expect(await found({ EQ_errorReason: 'https://ref.gs1.org/cbv/ER-incorrect_data' })).toEqual(['ALL_OBJ', 'ERR_TX']);
    expect(await found({ EQ_errorReason: 'did_not_occur' })).toEqual([]);
    expect(await found({ EQ_correctiveEventID: 'urn:uuid:404d95fc-9457-4a51-bd6a-0bba133845a8' })).toEqual(['ERR_TX']);
    expect(await found({ EQ_correctiveEventID: 'urn:uuid:374d95fc-9457-4a51-bd6a-0bba133845a8' })).toEqual([]);
    expect(await found({ EQ_eventID: 'urn:uuid:374d95fc-9457-4a51-bd6a-0bba133845a8' })).toEqual(['ALL_OBJ', 'ERR_TX']);
    expect(await found({ 'EQ_ERROR_DECLARATION_example:vendorExtension': 'Test1' })).toEqual(['ERR_TX']);
    expect(await found({ 'EXISTS_ERROR_DECLARATION_example:vendorExtension': '' })).toEqual(['ERR_TX']);
  });

  it('top-level extension fields: EQ_, GT_…LE_, EXISTS_ and INNER_, by prefix or namespace', async () => {
    const myField = 'Example of a vendor/user extension';
    expect(await found({ 'EQ_example:myField': myField })).toEqual(['ASSOC', 'TX964']);
    expect(await found({ 'EQ_http://ns.example.com/epcis/#myField': myField })).toEqual(['ASSOC', 'TX964']);
    expect(await found({ 'EQ_http://ns.example.com/epcis/myField': myField })).toEqual(['ASSOC', 'TX964']);
    expect(await found({ 'EQ_example:myField': 'something else' })).toEqual([]);
    // A JSON array field matches when one of its elements does.
    expect(await found({ 'EQ_zl:lotNote': 'second' })).toEqual(['H1']);
    // "10" (a string in the example) matches 10; numeric and date-time comparisons by value.
    expect(await found({ 'EQ_ext1:int': '10' })).toEqual(['ALL_OBJ']);
    expect(await found({ 'EQ_ext1:int': '10.0' })).toEqual(['ALL_OBJ']);
    expect(await found({ 'GT_ext1:float': '19.5' })).toEqual(['ALL_OBJ']);
    expect(await found({ 'GT_ext1:float': '20' })).toEqual([]);
    expect(await found({ 'GE_ext1:time': '2013-06-08T14:58:56.591Z' })).toEqual(['ALL_OBJ']);
    expect(await found({ 'GE_ext1:time': '2013-06-08T22:58:56.591+08:00' })).toEqual(['ALL_OBJ']);
    expect(await found({ 'GT_ext1:time': '2013-06-08T14:58:56.591Z' })).toEqual([]);
    expect(await found({ 'EXISTS_ext1:float': '' })).toEqual(['ALL_OBJ']);
    expect(await found({ 'EXISTS_zl:inspection': '' })).toEqual(['H1']);
    // Top level only without INNER_; nested at any depth with it.
    expect(await found({ 'EQ_ext2:int': '13' })).toEqual([]);
    expect(await found({ 'EQ_INNER_ext2:int': '13' })).toEqual(['ALL_OBJ']);
    expect(await found({ 'EQ_INNER_ext3:string': 'stringInObjectInObject' })).toEqual(['ALL_OBJ']);
    expect(await found({ 'EXISTS_INNER_ext1:object': '' })).toEqual(['ALL_OBJ']);
    expect(await found({ 'GE_INNER_zl:score': '90' })).toEqual(['H1']);
    expect(await found({ 'GT_INNER_zl:score': '92' })).toEqual([]);
    expect(await found({ 'LT_INNER_zl:at': '2030-03-01T01:00:01Z' })).toEqual(['H1']);
    // Extension fields of readPoint.
    expect(await found({ 'EQ_readPoint_zl:gate': 'north' })).toEqual(['H2']);
    expect(await found({ 'EQ_readPoint_zl:gate': 'south' })).toEqual([]);
  });

  it('ILMD fields: prefixes resolved in each event’s @context, namespaces compared as IRIs', async () => {
    expect(await found({ 'EQ_ILMD_zl:grade': 'A' })).toEqual(['H1']);
    // H4 declares the platform namespace as q (and has other:grade = A in another namespace).
    expect(await found({ 'EQ_ILMD_q:grade': 'A|B' })).toEqual(['H4']);
    expect(await found({ [`EQ_ILMD_${NS}#grade`]: 'A' })).toEqual(['H1']);
    expect(await found({ [`EQ_ILMD_${NS}#grade`]: 'A|B' })).toEqual(['H1', 'H4']);
    expect(await found({ 'EQ_ILMD_https://other.example/ns/#grade': 'A' })).toEqual(['H4']);
    expect(await found({ [`EXISTS_ILMD_${NS}grade`]: '' })).toEqual(['H1', 'H4']);
    expect(await found({ 'EXISTS_ILMD_zl:grade': '' })).toEqual(['H1']);
    // 12.5 (number) and "9.75" (numeric text) compare as numbers; a date-time by instant; a plain date as a date.
    expect(await found({ [`GT_ILMD_${NS}#weight`]: '10' })).toEqual(['H1']);
    expect(await found({ [`LT_ILMD_${NS}#weight`]: '10' })).toEqual(['H4']);
    expect(await found({ 'GE_ILMD_zl:packedAt': '2030-03-01T02:00:00Z' })).toEqual(['H1']);
    expect(await found({ 'GT_ILMD_zl:packedAt': '2030-03-01T02:00:00Z' })).toEqual([]);
    expect(await found({ [`LT_ILMD_${NS}#expiry`]: '2030-05-01' })).toEqual(['H4']);
    expect(await found({ [`GE_ILMD_${NS}#expiry`]: '2030-05-01' })).toEqual(['H1']);
    expect(await found({ 'EQ_ILMD_example:bestBeforeDate': '2014-12-10' })).toEqual(['TX964']);
    // cbvmda is a prefix of the EPCIS 2.0 context itself (urn:epcglobal:cbv:mda:), the XML namespace has no colon.
    expect(await found({ 'EQ_ILMD_cbvmda:countryOfOrigin': 'GB' })).toEqual(['ALL_OBJ']);
    expect(await found({ 'EQ_ILMD_urn:epcglobal:cbv:mda#countryOfOrigin': 'GB' })).toEqual(['ALL_OBJ']);
    // Top level of the ILMD only, unless INNER_.
    expect(await found({ 'EQ_ILMD_zl:name': '新市' })).toEqual([]);
    expect(await found({ 'EQ_INNER_ILMD_zl:name': '新市' })).toEqual(['H1']);
    expect(await found({ 'EQ_INNER_ILMD_zl:county': '德清县' })).toEqual(['H1']);
    expect(await found({ 'EQ_INNER_ILMD_ext2:string': 'stringInObjectInArray' })).toEqual(['ALL_OBJ']);
    // ILMD fields are not top-level event fields.
    expect(await found({ 'EQ_zl:grade': 'A' })).toEqual([]);
  });

  it('sensor data: type, device, methods, substances, values by type and unit, times', async () => {
    expect(await found({ EXISTS_sensorElementList: '' })).toEqual(['ALL_OBJ', 'ASSOC', 'H2', 'H3', 'S1', 'S10', 'S7']);
    expect(await found({ EQ_type: 'Temperature' })).toEqual(['ALL_OBJ', 'H2', 'H3', 'S1', 'S7']);
    expect(await found({ EQ_type: 'gs1:Temperature' })).toEqual(['ALL_OBJ', 'H2', 'H3', 'S1', 'S7']);
    expect(await found({ EQ_type: 'Speed|AbsoluteHumidity' })).toEqual(['ASSOC', 'S1', 'S10']);
    expect(await found({ EQ_type: 'example:Abc' })).toEqual(['S7']);
    expect(await found({ EQ_type: 'Mass' })).toEqual([]);
    expect(await found({ EQ_deviceID: 'urn:epc:id:giai:4000001.111' })).toEqual(['ALL_OBJ', 'S1', 'S7']);
    expect(await found({ EQ_deviceID: `${DL}/8004/4000001111` })).toEqual(['ALL_OBJ', 'S1', 'S7']);
    expect(await found({ EQ_deviceID: 'urn:epc:id:giai:4000001.113' })).toEqual(['S7']);
    expect(await found({ EQ_dataProcessingMethod: 'https://example.com/253/4012345000054987' })).toEqual(['ALL_OBJ']);
    expect(await found({ EQ_bizRules: 'https://example.com/253/4012345000054987' })).toEqual(['ALL_OBJ']);
    expect(await found({ EQ_microorganism: 'https://www.ncbi.nlm.nih.gov/taxonomy/1126011' })).toEqual(['ALL_OBJ']);
    expect(await found({ EQ_chemicalSubstance: 'https://identifiers.org/inchikey:CZMRCDWAGMRECN-UGDNZRGBSA-N' })).toEqual(['ALL_OBJ']);
    expect(await found({ EQ_stringValue: 'SomeString' })).toEqual(['ALL_OBJ', 'S7']);
    expect(await found({ EQ_stringValue: 'someString' })).toEqual([]);
    expect(await found({ EQ_booleanValue: 'true' })).toEqual(['ALL_OBJ', 'S7']);
    expect(await found({ EQ_booleanValue: 'false' })).toEqual([]);
    expect(await found({ EQ_hexBinaryValue: 'f0f0f0' })).toEqual(['ALL_OBJ', 'S7']);
    expect(await found({ EQ_hexBinaryValue: 'F0F0F1' })).toEqual([]);
    expect(await found({ EQ_uriValue: `${DL}/8004/4000001111` })).toEqual(['ALL_OBJ']);
    expect(await found({ EQ_uriValue: 'https://example.org/example/someSectorSpecificValue' })).toEqual(['S7']);
    // Values: H3 reads 41 FAH (= 5 CEL) and 280.15 KEL (= 7 CEL).
    expect(await found({ EQ_value_CEL: '26' })).toEqual(['ALL_OBJ', 'S1', 'S7']);
    expect(await found({ EQ_value_KEL: '299.15' })).toEqual(['ALL_OBJ', 'S1', 'S7']);
    expect(await found({ EQ_value_CEL: '5' })).toEqual(['H2', 'H3']);
    expect(await found({ GE_value_CEL: '26.1' })).toEqual(['S1']);
    expect(await found({ GE_value_CEL: '6' })).toEqual(['ALL_OBJ', 'H3', 'S1', 'S7']);
    expect(await found({ LT_value_FAH: '45' })).toEqual(['H2', 'H3']);
    expect(await found({ GT_value_MTS: '44' })).toEqual(['S1']);
    expect(await found({ LT_value_KMH: '20' })).toEqual(['S10']);
    expect(await found({ EQ_value_KGM: '5' })).toEqual([]);
    expect(await found({ GE_maxValue_CEL: '26.2' })).toEqual(['ALL_OBJ']);
    expect(await found({ GE_minValue_A93: '12' })).toEqual(['ASSOC']);
    expect(await found({ LT_minValue_KMQ: '0.0125' })).toEqual(['ASSOC']);
    expect(await found({ GE_meanValue_CEL: '13' })).toEqual(['ALL_OBJ']);
    expect(await found({ GE_sDev_CEL: '0.15' })).toEqual(['H2']);
    // A spread converts without the offset: 0.1 CEL is 0.1 KEL.
    expect(await found({ LT_sDev_KEL: '0.15' })).toEqual(['ALL_OBJ']);
    expect(await found({ GE_percValue_CEL: '12' })).toEqual(['ALL_OBJ']);
    expect(await found({ GE_percRank: '50' })).toEqual(['ALL_OBJ']);
    expect(await found({ GT_percRank: '50' })).toEqual([]);
    // Times: sensorMetadata.time or sensorReport.time; S1's metadata times are 13:05Z, 13:35Z, 13:55Z.
    expect(await found({ LT_time: '2019-04-02T13:10:00Z' })).toEqual(['ALL_OBJ', 'S1']);
    expect(await found({ GE_time: '2019-04-02T13:30:00Z' })).toEqual(['ALL_OBJ', 'H2', 'S1', 'S7']);
    // Each parameter holds on its own: ALL_OBJ has a time ≥ 13:30Z (2019-07-19) and one < 13:50Z (13:05Z).
    expect(await found({ GE_time: '2019-04-02T13:30:00Z', LT_time: '2019-04-02T13:50:00Z' })).toEqual(['ALL_OBJ', 'S1']);
    expect(await found({ GE_startTime: '2019-04-02T12:00:00Z', LT_startTime: '2019-04-02T13:00:00Z' })).toEqual(['ALL_OBJ']);
    expect(await found({ GE_endTime: '2019-11-06T12:56:00Z' })).toEqual(['ASSOC']);
    expect(await found({ LT_endTime: '2019-01-01T00:00:00Z' })).toEqual([]);
    // Extension fields of sensor elements, metadata and reports; the prefix must be the event's or the namespace given.
    expect(await found({ 'EQ_SENSORELEMENT_ext1:int': '10' })).toEqual(['ALL_OBJ']);
    expect(await found({ 'EQ_SENSORMETADATA_ext1:someFurtherMetadata': 'someText' })).toEqual(['ALL_OBJ']);
    expect(await found({ 'EQ_SENSORREPORT_ext1:someFurtherReportData': 'someText' })).toEqual(['ALL_OBJ']);
    expect(await found({ 'EQ_SENSORREPORT_ex:feature': 'ex:product' })).toEqual(['S10']);
    expect(await found({ 'EQ_SENSORREPORT_example:feature': 'ex:product' })).toEqual([]);
    expect(await found({ 'EQ_SENSORREPORT_http://ns.example.com/epcis/#feature': 'ex:product' })).toEqual(['S10']);
    expect(await found({ 'EXISTS_SENSORMETADATA_ext1:someFurtherReportData': '' })).toEqual([]);
  });

  it('orderBy / orderDirection with keyset pages: every order, ties broken stably, recordTime to the microsecond', async () => {
    /** All events of a query, following Link rel="next" two at a time. */
    const walk = async (params: Record<string, string>) => {
      let next: string | null = url({ EQ_bizStep: PAGING_STEP, perPage: '2', ...params });
      const seen: string[] = [];
      for (let pages = 0; next && pages < 10; pages += 1) {
        const res = await admin.get(next);
        expect(res.statusCode, res.body).toBe(200);
        seen.push(...(res.json().epcisBody.queryResults.resultsBody.eventList as Event[]).map(label));
        next = /<([^>]+)>; rel="next"/.exec(String(res.headers.link ?? ''))?.[1] ?? null;
      }
      return seen;
    };
    expect(await walk({})).toEqual(['P5', 'P1', 'P2', 'P3', 'P4']);
    expect(await walk({ orderBy: 'eventTime', orderDirection: 'ASC' })).toEqual(['P5', 'P1', 'P2', 'P3', 'P4']);
    expect(await walk({ orderBy: 'eventTime', orderDirection: 'DESC' })).toEqual(['P4', 'P3', 'P2', 'P1', 'P5']);
    // orderDirection defaults to DESC when orderBy is given (§8.2.7.1).
    expect(await walk({ orderBy: 'eventTime' })).toEqual(['P4', 'P3', 'P2', 'P1', 'P5']);
    expect(await walk({ orderBy: 'recordTime', orderDirection: 'ASC' })).toEqual(['P1', 'P2', 'P3', 'P4', 'P5']);
    expect(await walk({ orderBy: 'recordTime', orderDirection: 'DESC' })).toEqual(['P5', 'P4', 'P3', 'P2', 'P1']);
    expect(await walk({ orderBy: 'recordTime' })).toEqual(['P5', 'P4', 'P3', 'P2', 'P1']);
    // One page size per step.
    expect(await walk({ orderBy: 'recordTime', orderDirection: 'ASC', perPage: '1' })).toEqual(['P1', 'P2', 'P3', 'P4', 'P5']);
    expect(await walk({ orderBy: 'eventTime', orderDirection: 'DESC', perPage: '3' })).toEqual(['P4', 'P3', 'P2', 'P1', 'P5']);

    // A token belongs to its order.
    const first = await get({ EQ_bizStep: PAGING_STEP, perPage: '2', orderBy: 'eventTime', orderDirection: 'DESC' });
    const token = new URL(/<([^>]+)>/.exec(String(first.headers.link))?.[1] ?? '', 'http://x').searchParams.get('nextPageToken') ?? '';
    await refused({ EQ_bizStep: PAGING_STEP, orderBy: 'eventTime', orderDirection: 'ASC', nextPageToken: token }, 'nextPageToken');
    await refused({ EQ_bizStep: PAGING_STEP, nextPageToken: 'bm90LWEtdG9rZW4' }, 'nextPageToken');
  });

  it('eventCountLimit keeps the first N across pages; maxEventCount raises QueryTooLargeException (413)', async () => {
    const pages = async (params: Record<string, string>) => {
      const out: string[][] = [];
      let next: string | null = url({ EQ_bizStep: PAGING_STEP, ...params });
      while (next && out.length < 10) {
        const res = await admin.get(next);
        expect(res.statusCode, res.body).toBe(200);
        out.push((res.json().epcisBody.queryResults.resultsBody.eventList as Event[]).map(label));
        next = /<([^>]+)>; rel="next"/.exec(String(res.headers.link ?? ''))?.[1] ?? null;
      }
      return out;
    };
    // The most recent event: orderBy eventTime, DESC, eventCountLimit 1 (the standard's own example).
    expect(await pages({ orderBy: 'eventTime', orderDirection: 'DESC', eventCountLimit: '1' })).toEqual([['P4']]);
    expect(await pages({ orderBy: 'eventTime', orderDirection: 'ASC', eventCountLimit: '3', perPage: '2' })).toEqual([['P5', 'P1'], ['P2']]);
    expect(await pages({ orderBy: 'recordTime', orderDirection: 'DESC', eventCountLimit: '4', perPage: '2' })).toEqual([
      ['P5', 'P4'],
      ['P3', 'P2'],
    ]);
    expect(await pages({ orderBy: 'recordTime', eventCountLimit: '10', perPage: '4' })).toEqual([['P5', 'P4', 'P3', 'P2'], ['P1']]);
    expect(await pages({ orderBy: 'eventTime', eventCountLimit: '0' })).toEqual([[]]);

    expect(await pages({ maxEventCount: '5', perPage: '2' })).toEqual([['P5', 'P1'], ['P2', 'P3'], ['P4']]);
    const tooLarge = await get({ EQ_bizStep: PAGING_STEP, maxEventCount: '4', perPage: '2' });
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.json().error).toMatchObject({
      code: 'EPCIS_QUERY_TOO_LARGE',
      details: [{ field: 'query.maxEventCount', rule: 'epcisException:QueryTooLargeException' }],
    });
    expect(tooLarge.json().error.message).toMatch(/QueryTooLargeException/);
    expect((await get({ EQ_bizStep: 'https://zhiliang.example/bizstep/none', maxEventCount: '0' })).statusCode).toBe(200);
    expect((await get({ EQ_bizStep: PAGING_STEP, maxEventCount: '0' })).statusCode).toBe(413);

    await refused({ eventCountLimit: '2' }, 'eventCountLimit', /orderBy/);
    await refused({ orderBy: 'eventTime', eventCountLimit: '2', maxEventCount: '3' }, 'eventCountLimit', /mutually exclusive/);
    await refused({ orderBy: 'eventTime', eventCountLimit: '-1' }, 'eventCountLimit');
    await refused({ maxEventCount: 'many' }, 'maxEventCount');
  });

  it('refuses bad values with 400 naming the parameter and the rule', async () => {
    await refused({ EQ_quantity: 'abc' }, 'EQ_quantity', /number/);
    await refused({ GT_quantity: '1|2' }, 'GT_quantity', /single value/);
    await refused({ GE_quantity_KGM: 'heavy' }, 'GE_quantity_KGM', /number/);
    await refused({ GE_eventTime: '2020-01-01' }, 'GE_eventTime', /RFC 3339/);
    await refused({ GE_errorDeclarationTime: 'yesterday' }, 'GE_errorDeclarationTime', /RFC 3339/);
    await refused({ GE_time: '2019-04-02T13:30:00' }, 'GE_time', /offset/);
    await refused({ EQ_booleanValue: 'yes' }, 'EQ_booleanValue', /true or false/);
    await refused({ EQ_hexBinaryValue: 'xyz' }, 'EQ_hexBinaryValue', /hexBinary/);
    await refused({ GE_value_CEL: 'warm' }, 'GE_value_CEL', /number/);
    await refused({ GE_percRank: 'high' }, 'GE_percRank', /number/);
    await refused({ 'GE_ILMD_zl:expiry': 'soon' }, 'GE_ILMD_zl:expiry', /number, an RFC 3339 date-time or a date/);
    await refused({ 'GT_zl:weight': '1|2' }, 'GT_zl:weight', /single value/);
    await refused({ EXISTS_errorDeclaration: 'maybe' }, 'EXISTS_errorDeclaration');
    await refused({ EQ_action: 'MOVE' }, 'EQ_action', /ADD, OBSERVE or DELETE/);
    await refused({ EQ_bizStep: '' }, 'EQ_bizStep', /at least one value/);
    await refused({ EQ_source_owning_party: '|' }, 'EQ_source_owning_party', /at least one value/);
    await refused({ orderBy: 'quantity' }, 'orderBy', /eventTime or recordTime/);
    await refused({ orderBy: 'zl:weight' }, 'orderBy', /extension field/);
    await refused({ orderDirection: 'desc' }, 'orderDirection', /ASC or DESC/);
    await refused({ perPage: '0' }, 'perPage');
    await refused({ perPage: '1001' }, 'perPage');
    // Unknown names, a unit code that is not Rec 20 syntax, comparisons the binding does not define, master data.
    await refused({ EQ_colour: 'red' }, 'EQ_colour', /unknown parameter/);
    await refused({ EQ_value_cel: '5' }, 'EQ_value_cel', /unknown parameter/);
    await refused({ EQ_minValue_CEL: '5' }, 'EQ_minValue_CEL', /unknown parameter/);
    await refused({ 'GT_readPoint_zl:gate': 'a' }, 'GT_readPoint_zl:gate', /unknown parameter/);
    await refused({ EXISTS_bizStep: '' }, 'EXISTS_bizStep', /unknown parameter/);
    await refused({ HASATTR_bizLocation: 'urn:epcglobal:cbv:mda#site' }, 'HASATTR_bizLocation', /master-data/);
  });
});
