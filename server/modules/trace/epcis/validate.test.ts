import { describe, expect, it } from 'vitest';
import { type EpcisIssue, MAX_ISSUES, sortEpcisDocument, validateEpcisDocument, validateEpcisEvent } from './index.ts';
import { listFixtures, readFixture, readObject } from './test-fixtures.ts';

function issuesOf(result: { ok: true } | { ok: false; errors: EpcisIssue[] }): EpcisIssue[] {
  if (result.ok) throw new Error('expected the validation to fail');
  return result.errors;
}

function expectBilingual(issues: EpcisIssue[]): void {
  for (const issue of issues) {
    expect(issue.message).toMatch(/[\u4e00-\u9fff].* \/ [A-Za-z"(]/);
    expect(issue.rule).not.toBe('if');
    expect(issue.message).not.toContain('must match a schema in anyOf');
  }
}

describe('validateEpcisDocument: GS1 examples', () => {
  const documents = listFixtures('JSON', '.jsonld');

  it('finds the 47 official JSON examples', () => {
    expect(documents).toHaveLength(47);
  });

  it.each(documents)('%s is valid', (file) => {
    const result = validateEpcisDocument(readFixture(file));
    expect(result.ok ? [] : result.errors).toEqual([]);
  });

  it('reports the type and the events of both document kinds', () => {
    const query = validateEpcisDocument(readFixture('JSON/EPCISQueryDocument.jsonld'));
    expect(query.ok && query.type).toBe('EPCISQueryDocument');
    expect(query.ok && query.events.length).toBeGreaterThan(0);
    const capture = validateEpcisDocument(readFixture('JSON/Example_9.6.1-ObjectEvent.jsonld'));
    expect(capture.ok && capture.type).toBe('EPCISDocument');
    expect(capture.ok && capture.events.map((event) => event.type)).toEqual(['ObjectEvent', 'ObjectEvent']);
  });
});

describe('validateEpcisEvent: GS1 single events', () => {
  it.each(listFixtures('JSON-Schema/test', '.json', false))('%s is valid', (file) => {
    const result = validateEpcisEvent(readFixture(file));
    expect(result.ok ? [] : result.errors).toEqual([]);
  });

  it('finds the 5 single-event examples', () => {
    expect(listFixtures('JSON-Schema/test', '.json', false)).toHaveLength(5);
  });
});

describe('validateEpcisDocument: known-bad files (SOURCE.md)', () => {
  it('destinationList given as an object', () => {
    const issues = issuesOf(validateEpcisDocument(readFixture('JSON-simple-context/Example-TransactionEvents-2020_07_03y.jsonld')));
    expect(issues.map((issue) => [issue.path, issue.rule])).toEqual([
      ['/epcisBody/eventList/1/sourceList', 'type'],
      ['/epcisBody/eventList/1/destinationList', 'type'],
    ]);
    expect(issues[1]?.message).toContain('array');
    expectBilingual(issues);
  });

  it('ilmd on an OBSERVE ObjectEvent', () => {
    const issues = issuesOf(validateEpcisDocument(readFixture('JSON-simple-context/WithFullCombinationOfFields/object_event_all_possible_fields.jsonld')));
    const ilmd = issues.find((issue) => issue.path === '/epcisBody/eventList/0/ilmd');
    expect(ilmd?.rule).toBe('not');
    expect(ilmd?.message).toContain('"OBSERVE"');
    expect(ilmd?.message).toContain('ADD');
    // The simple-context variant also puts a `type` key in a sensor element.
    expect(issues.map((issue) => issue.path)).toEqual(['/epcisBody/eventList/0/sensorElementList/0/type', '/epcisBody/eventList/0/ilmd']);
    expectBilingual(issues);
  });

  it('schemaVersion and creationDate missing', () => {
    const issues = issuesOf(validateEpcisDocument(readFixture('JSON-simple-context/WithSensorData/SensorDataExample12.jsonld')));
    const root = issues.filter((issue) => issue.path === '');
    expect(root.map((issue) => issue.rule)).toEqual(['required', 'required']);
    expect(root[0]?.message).toContain('schemaVersion');
    expect(root[1]?.message).toContain('creationDate');
    expect(issues).toHaveLength(3);
    expectBilingual(issues);
  });

  it('schemaVersion is the number 2.0', () => {
    const issues = issuesOf(validateEpcisDocument(readFixture('JSON-simple-context/WithSensorData/SensorDataExample17.jsonld')));
    expect(issues.find((issue) => issue.path === '/schemaVersion')).toMatchObject({ rule: 'type' });
    // Its blank-node id `_:document1` is no URI either.
    expect(issues.map((issue) => issue.path)).toEqual(['/id', '/schemaVersion']);
  });

  it('CBV values written as urn:epcglobal:cbv URNs', () => {
    const issues = issuesOf(validateEpcisDocument(readFixture('XML/WithEventHashID/event_with_identical_hash_id_7.json')));
    const event = '/epcisBody/eventList/0';
    expect(issues.map((issue) => issue.path)).toEqual([
      `${event}/bizStep`,
      `${event}/disposition`,
      `${event}/persistentDisposition/set/0`,
      `${event}/persistentDisposition/unset/0`,
      `${event}/bizTransactionList/0/type`,
      `${event}/sourceList/0/type`,
      `${event}/sourceList/1/type`,
      `${event}/sourceList/2/type`,
      `${event}/destinationList/0/type`,
      `${event}/destinationList/1/type`,
      `${event}/destinationList/2/type`,
    ]);
    expect(new Set(issues.map((issue) => issue.rule))).toEqual(new Set(['pattern']));
    expect(issues[0]?.message).toContain('"urn:epcglobal:cbv:bizstep:receiving"');
    expect(issues[0]?.message).toContain('write "receiving"');
    expectBilingual(issues);
  });
});

describe('validateEpcisDocument: paths into a query document', () => {
  it('points into queryResults.resultsBody.eventList', () => {
    const document = readObject('JSON/EPCISQueryDocument.jsonld');
    const body = JSON.parse(JSON.stringify(document.epcisBody));
    body.queryResults.resultsBody.eventList[1].action = 'MOVE';
    const issues = issuesOf(validateEpcisDocument({ ...document, epcisBody: body }));
    expect(issues).toEqual([expect.objectContaining({ path: '/epcisBody/queryResults/resultsBody/eventList/1/action', rule: 'enum' })]);
  });
});

describe('validateEpcisDocument: shape', () => {
  it('refuses a non-object, a missing type and a bare event', () => {
    expect(issuesOf(validateEpcisDocument([]))).toEqual([expect.objectContaining({ path: '', rule: 'type' })]);
    expect(issuesOf(validateEpcisDocument({}))).toEqual([expect.objectContaining({ path: '', rule: 'required' })]);
    const bare = issuesOf(validateEpcisDocument(readFixture('JSON-Schema/test/ObjectEvent.json')));
    expect(bare).toEqual([expect.objectContaining({ path: '/type', rule: 'enum' })]);
    expect(bare[0]?.message).toContain('EPCISDocument, EPCISQueryDocument');
  });

  it(`caps the issues at ${MAX_ISSUES}, specific ones first`, () => {
    const document = readObject('JSON/Example_9.6.1-ObjectEvent.jsonld');
    const event = readObject('JSON-Schema/test/ObjectEvent.json');
    const bad = { ...event, epcList: undefined, action: 'MOVE' };
    const issues = issuesOf(validateEpcisDocument({ ...document, epcisBody: { eventList: Array.from({ length: 30 }, () => bad) } }));
    expect(issues).toHaveLength(MAX_ISSUES);
    expect(issues.every((issue) => issue.rule === 'enum' && issue.path.endsWith('/action'))).toBe(true);
  });
});

describe('validateEpcisEvent: hand-made bad events', () => {
  const event = readObject('JSON-Schema/test/ObjectEvent.json');

  it('unknown action → /action with the allowed values', () => {
    const issues = issuesOf(validateEpcisEvent({ ...event, action: 'MOVE' }));
    expect(issues).toEqual([{ path: '/action', rule: 'enum', message: expect.stringContaining('"MOVE"') }]);
    expect(issues[0]?.message).toContain('OBSERVE, ADD, DELETE');
    expectBilingual(issues);
  });

  it('eventTime not a date-time', () => {
    const issues = issuesOf(validateEpcisEvent({ ...event, eventTime: '2024-05-01 08:30' }));
    expect(issues).toEqual([{ path: '/eventTime', rule: 'format', message: expect.stringContaining('"2024-05-01 08:30"') }]);
  });

  it('eventTimeZoneOffset missing or malformed', () => {
    const { eventTimeZoneOffset: _offset, ...without } = event;
    expect(issuesOf(validateEpcisEvent(without))).toEqual([{ path: '', rule: 'required', message: expect.stringContaining('eventTimeZoneOffset') }]);
    const malformed = issuesOf(validateEpcisEvent({ ...event, eventTimeZoneOffset: '+8' }));
    expect(malformed).toEqual([{ path: '/eventTimeZoneOffset', rule: 'pattern', message: expect.stringContaining('+08:00') }]);
  });

  it('no "what": one issue naming the alternatives', () => {
    const { epcList: _epcs, ...without } = event;
    const issues = issuesOf(validateEpcisEvent(without));
    expect(issues).toEqual([{ path: '', rule: 'anyOf', message: expect.stringContaining('epcList; quantityList (≥1); sensorElementList (≥1) + readPoint') }]);
  });

  it('an AggregationEvent without children, unless DELETE', () => {
    const aggregation = readObject('JSON-Schema/test/AggregationEvent.json');
    const { childEPCs: _children, childQuantityList: _quantities, ...without } = aggregation;
    expect(issuesOf(validateEpcisEvent(without))).toEqual([expect.objectContaining({ path: '', rule: 'anyOf' })]);
    expect(validateEpcisEvent({ ...without, action: 'DELETE' }).ok).toBe(true);
  });

  it('a branch that got further wins over the summary', () => {
    const transformation = readObject('JSON-Schema/test/TransformationEvent.json');
    const { inputQuantityList: _q, outputEPCList: _o, ...rest } = transformation;
    expect(issuesOf(validateEpcisEvent({ ...rest, inputEPCList: [] }))).toEqual([expect.objectContaining({ path: '/inputEPCList', rule: 'minItems' })]);
  });

  it('unknown fields point at the field; extension fields pass', () => {
    const issues = issuesOf(validateEpcisEvent({ ...event, lotNumber: 'A1' }));
    expect(issues).toEqual([expect.objectContaining({ path: '/lotNumber', rule: 'propertyNames' })]);
    expect(
      validateEpcisEvent({
        ...event,
        '@context': ['https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld', { zl: 'https://zl.example/' }],
        'zl:lot': 'A1',
      }).ok,
    ).toBe(true);
  });

  it('CBV values: misspelt word, URN form, non-CBV URI', () => {
    expect(issuesOf(validateEpcisEvent({ ...event, bizStep: 'shiping' }))).toEqual([expect.objectContaining({ path: '/bizStep', rule: 'enum' })]);
    const urn = issuesOf(validateEpcisEvent({ ...event, disposition: 'urn:epcglobal:cbv:disp:in_transit' }));
    expect(urn).toEqual([{ path: '/disposition', rule: 'pattern', message: expect.stringContaining('write "in_transit"') }]);
    expect(validateEpcisEvent({ ...event, bizStep: 'https://zl.example/bizstep/sampling_inspection' }).ok).toBe(true);
  });

  it('adjacent failures stay apart', () => {
    const issues = issuesOf(validateEpcisEvent({ ...event, '@context': [5], bizStep: 'x', disposition: 'urn:epcglobal:cbv:disp:active' }));
    expect(issues.map((issue) => [issue.path, issue.rule])).toEqual([
      ['/bizStep', 'enum'],
      ['/disposition', 'pattern'],
      ['/@context/0', 'anyOf'],
    ]);
  });

  it('an event type that is neither standard nor a URI', () => {
    const issues = issuesOf(validateEpcisEvent({ ...event, type: 'MoveEvent' }));
    expect(issues).toEqual([{ path: '/type', rule: 'format', message: expect.stringContaining('ObjectEvent, AggregationEvent') }]);
  });

  it('quantity elements: bad uom, text quantity, extra member', () => {
    const issues = issuesOf(
      validateEpcisEvent({ ...event, quantityList: [{ epcClass: 'urn:epc:class:lgtin:4012345.012345.998877', quantity: 'ten', uom: 'kg', lot: 1 }] }),
    );
    expect(issues.map((issue) => [issue.path, issue.rule])).toEqual([
      ['/quantityList/0/lot', 'additionalProperties'],
      ['/quantityList/0/quantity', 'type'],
      ['/quantityList/0/uom', 'pattern'],
    ]);
  });

  it('a single event needs @context; a document is not an event', () => {
    const { '@context': _context, ...without } = event;
    expect(issuesOf(validateEpcisEvent(without))).toEqual([{ path: '', rule: 'required', message: expect.stringContaining('@context') }]);
    expect(issuesOf(validateEpcisEvent(readFixture('JSON/Example_9.6.1-ObjectEvent.jsonld')))).toEqual([expect.objectContaining({ path: '/type' })]);
    expect(issuesOf(validateEpcisEvent('ObjectEvent'))).toEqual([expect.objectContaining({ path: '', rule: 'type' })]);
  });
});

describe('validation cost stays linear for hostile input', () => {
  // Ajv with allErrors concatenates error arrays per referenced definition: 10,000 bad events took ~24 s and one event
  // with 40,000 bad bizTransactionList entries ~2 min before failing values were examined pruned.
  const event = readObject('JSON-Schema/test/ObjectEvent.json');

  it('a document of 10,000 bad events', () => {
    const document = readObject('JSON/Example_9.6.1-ObjectEvent.jsonld');
    const started = performance.now();
    const issues = issuesOf(
      validateEpcisDocument({ ...document, epcisBody: { eventList: Array.from({ length: 10_000 }, () => ({ ...event, bizStep: 'x' })) } }),
    );
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(issues).toHaveLength(MAX_ISSUES);
  });

  it('one event with 40,000 bad entries, and one whose only bad entry is the last', () => {
    const started = performance.now();
    const entries = Array.from({ length: 40_000 }, () => ({ type: 'x', bizTransaction: 'not a uri' }));
    expect(issuesOf(validateEpcisEvent({ ...event, bizTransactionList: entries }))[0]?.path).toBe('/bizTransactionList/0/type');
    const epcs = [...Array.from({ length: 40_000 }, (_, i) => `urn:epc:id:sgtin:0614141.107346.${i}`), 'not a uri'];
    expect(issuesOf(validateEpcisEvent({ ...event, epcList: epcs }))).toEqual([expect.objectContaining({ path: '/epcList/40000', rule: 'format' })]);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('reports a bad event late in a long document', () => {
    const document = readObject('JSON/Example_9.6.1-ObjectEvent.jsonld');
    const eventList = [...Array.from({ length: 5_000 }, () => event), { ...event, action: 'MOVE' }];
    expect(issuesOf(validateEpcisDocument({ ...document, epcisBody: { eventList } }))).toEqual([
      expect.objectContaining({ path: '/epcisBody/eventList/5000/action' }),
    ]);
  });
});

describe('sortEpcisDocument (greedy capture)', () => {
  const example = () => readObject('JSON/Example_9.6.1-ObjectEvent.jsonld') as { epcisBody: { eventList: Record<string, unknown>[] } };

  it('passes every event of a valid document, in order', () => {
    const sorting = sortEpcisDocument(example(), true);
    expect(sorting.ok && sorting.events.map((e) => e.index)).toEqual([0, 1]);
    expect(sorting.ok && sorting.refused).toEqual([]);
  });

  it('sorts a document with a good envelope into conforming and refused events, each refusal with its own paths', () => {
    const doc = example();
    const [first, second] = doc.epcisBody.eventList;
    const { action: _none, ...noAction } = second ?? {};
    // Far more failing events than MAX_ISSUES: every one is refused, the first ones explained in detail.
    const bad = Array.from({ length: MAX_ISSUES + 5 }, () => ({ ...first, eventTime: 'soon' }));
    doc.epcisBody.eventList = [first ?? {}, noAction, ...bad, second ?? {}];
    const sorting = sortEpcisDocument(doc, true);
    if (!sorting.ok) throw new Error('expected the envelope to pass');
    expect(sorting.events.map((e) => e.index)).toEqual([0, MAX_ISSUES + 7]);
    expect(sorting.refused.map((r) => r.index)).toEqual(Array.from({ length: MAX_ISSUES + 6 }, (_, i) => i + 1));
    expect(sorting.refused[0]?.issues.map((i) => i.path)).toEqual(['/epcisBody/eventList/1']);
    expect(sorting.refused[0]?.issues[0]?.message).toMatch(/action/);
    for (const refusal of sorting.refused.slice(1)) {
      expect(refusal.issues.length).toBeGreaterThan(0);
      expect(refusal.issues.every((i) => i.path.startsWith(`/epcisBody/eventList/${refusal.index}`))).toBe(true);
      expectBilingual(refusal.issues);
    }
  });

  it('refuses the whole document when its envelope does not conform', () => {
    const { schemaVersion: _none, ...doc } = example() as Record<string, unknown>;
    const sorting = sortEpcisDocument(doc, true);
    expect(sorting.ok).toBe(false);
    expect(sortEpcisDocument({ type: 'EPCISDocument' }, true).ok).toBe(false);
    expect(sortEpcisDocument([], true).ok).toBe(false);
  });
});
