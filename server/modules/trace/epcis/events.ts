import { normaliseCbvWord } from './cbv.ts';

/** The five standard event types (EPCIS 2.0 §7.4); extension event types are URIs (`example:MyEvent`). */
export type EpcisEventType = 'ObjectEvent' | 'AggregationEvent' | 'TransactionEvent' | 'TransformationEvent' | 'AssociationEvent';
export type EpcisAction = 'ADD' | 'OBSERVE' | 'DELETE';

export interface QuantityElement {
  epcClass: string;
  quantity?: number;
  /** UN/CEFACT Rec 20 code, e.g. `KGM`. */
  uom?: string;
}
export interface BizTransaction {
  type?: string;
  bizTransaction: string;
}
export interface SourceElement {
  type: string;
  source: string;
}
export interface DestinationElement {
  type: string;
  destination: string;
}
export interface ErrorDeclaration {
  declarationTime: string;
  reason?: string;
  correctiveEventIDs?: string[];
  [extension: string]: unknown;
}
export interface SensorElement {
  sensorMetadata?: { deviceID?: string; [field: string]: unknown };
  sensorReport: { type: string; deviceID?: string; [field: string]: unknown }[];
  [extension: string]: unknown;
}
export interface LocationElement {
  id: string;
  [extension: string]: unknown;
}

/**
 * An EPCIS 2.0 event as the JSON binding defines it (all event types in one shape; which fields an
 * event type may carry is the schema's business). Extension fields are namespaced keys
 * (`example:myField`), hence the index signature.
 */
export interface EpcisEvent {
  '@context'?: unknown;
  type: string;
  eventID?: string;
  eventTime: string;
  eventTimeZoneOffset: string;
  recordTime?: string;
  certificationInfo?: string | string[];
  errorDeclaration?: ErrorDeclaration;
  action?: EpcisAction;
  bizStep?: string;
  disposition?: string;
  persistentDisposition?: { set?: string[]; unset?: string[] };
  readPoint?: LocationElement;
  bizLocation?: LocationElement;
  epcList?: string[];
  quantityList?: QuantityElement[];
  parentID?: string;
  childEPCs?: string[];
  childQuantityList?: QuantityElement[];
  inputEPCList?: string[];
  inputQuantityList?: QuantityElement[];
  outputEPCList?: string[];
  outputQuantityList?: QuantityElement[];
  transformationID?: string;
  bizTransactionList?: BizTransaction[];
  sourceList?: SourceElement[];
  destinationList?: DestinationElement[];
  sensorElementList?: SensorElement[];
  ilmd?: Record<string, unknown>;
  [extension: string]: unknown;
}

export interface EpcisDocument {
  type: 'EPCISDocument';
  epcisBody: { eventList: EpcisEvent[] };
  [field: string]: unknown;
}
export interface EpcisQueryDocument {
  type: 'EPCISQueryDocument';
  epcisBody: { queryResults: { queryName: string; subscriptionID?: string; resultsBody: { eventList: EpcisEvent[] } } };
  [field: string]: unknown;
}

/** The events of a (validated) document: `epcisBody.eventList`, or the query results' event list. */
export function eventsOf(document: EpcisDocument | EpcisQueryDocument): EpcisEvent[] {
  return document.type === 'EPCISDocument' ? document.epcisBody.eventList : document.epcisBody.queryResults.resultsBody.eventList;
}

export type IdentifierRole = 'epc' | 'parent' | 'child' | 'input' | 'output' | 'quantity' | 'childQuantity' | 'inputQuantity' | 'outputQuantity' | 'sensor';

/** One identifier occurrence: an EPC (instance) or an EPC class, raw as written in the event. */
export interface EventIdentifier {
  value: string;
  role: IdentifierRole;
  quantity?: number;
  uom?: string;
}

/** The queryable facts of one event (what the trace tables index); CBV values as bare words. */
export interface EventIndex {
  eventID: string | null;
  type: string;
  /** As given (RFC 3339 with its own offset); the event's local offset separately. */
  eventTime: string;
  eventTimeZoneOffset: string;
  action: EpcisAction | null;
  bizStep: string | null;
  disposition: string | null;
  persistentDisposition: { set: string[]; unset: string[] } | null;
  readPoint: string | null;
  bizLocation: string | null;
  identifiers: EventIdentifier[];
  bizTransactions: { type: string | null; id: string }[];
  sources: { type: string; id: string }[];
  destinations: { type: string; id: string }[];
  transformationID: string | null;
  errorDeclaration: { declarationTime: string; reason: string | null; correctiveEventIDs: string[] } | null;
  hasCertificationInfo: boolean;
  hasSensorData: boolean;
}

const EPC_LISTS = [
  ['epcList', 'epc'],
  ['childEPCs', 'child'],
  ['inputEPCList', 'input'],
  ['outputEPCList', 'output'],
] as const;
const QUANTITY_LISTS = [
  ['quantityList', 'quantity'],
  ['childQuantityList', 'childQuantity'],
  ['inputQuantityList', 'inputQuantity'],
  ['outputQuantityList', 'outputQuantity'],
] as const;

/**
 * Index one validated event. Identifiers are collected from every "what" field (EPCIS 2.0 §7.3.3)
 * plus sensor device IDs (role `sensor`, from sensorMetadata and sensorReport, once per device);
 * they are returned raw — normalising EPC URNs / Digital Link URIs is the caller's job. bizStep,
 * disposition, persistentDisposition, bizTransaction/source/destination types and the error reason
 * are normalised to bare CBV words (non-CBV URIs unchanged).
 */
export function indexEvent(event: EpcisEvent): EventIndex {
  const identifiers: EventIdentifier[] = [];
  if (typeof event.parentID === 'string') identifiers.push({ value: event.parentID, role: 'parent' });
  for (const [field, role] of EPC_LISTS) {
    for (const value of event[field] ?? []) identifiers.push({ value, role });
  }
  for (const [field, role] of QUANTITY_LISTS) {
    for (const element of event[field] ?? []) {
      const identifier: EventIdentifier = { value: element.epcClass, role };
      if (typeof element.quantity === 'number') identifier.quantity = element.quantity;
      if (typeof element.uom === 'string') identifier.uom = element.uom;
      identifiers.push(identifier);
    }
  }
  const devices = new Set<string>();
  for (const element of event.sensorElementList ?? []) {
    if (typeof element.sensorMetadata?.deviceID === 'string') devices.add(element.sensorMetadata.deviceID);
    for (const report of element.sensorReport ?? []) if (typeof report.deviceID === 'string') devices.add(report.deviceID);
  }
  for (const value of devices) identifiers.push({ value, role: 'sensor' });

  const declaration = event.errorDeclaration;
  const persistent = event.persistentDisposition;
  return {
    eventID: event.eventID ?? null,
    type: event.type,
    eventTime: event.eventTime,
    eventTimeZoneOffset: event.eventTimeZoneOffset,
    action: event.action ?? null,
    bizStep: event.bizStep === undefined ? null : normaliseCbvWord(event.bizStep, 'bizStep'),
    disposition: event.disposition === undefined ? null : normaliseCbvWord(event.disposition, 'disposition'),
    persistentDisposition: persistent
      ? {
          set: (persistent.set ?? []).map((word) => normaliseCbvWord(word, 'disposition')),
          unset: (persistent.unset ?? []).map((word) => normaliseCbvWord(word, 'disposition')),
        }
      : null,
    readPoint: event.readPoint?.id ?? null,
    bizLocation: event.bizLocation?.id ?? null,
    identifiers,
    bizTransactions: (event.bizTransactionList ?? []).map((entry) => ({
      type: entry.type === undefined ? null : normaliseCbvWord(entry.type, 'bizTransactionType'),
      id: entry.bizTransaction,
    })),
    sources: (event.sourceList ?? []).map((entry) => ({ type: normaliseCbvWord(entry.type, 'sourceDestType'), id: entry.source })),
    destinations: (event.destinationList ?? []).map((entry) => ({ type: normaliseCbvWord(entry.type, 'sourceDestType'), id: entry.destination })),
    transformationID: event.transformationID ?? null,
    errorDeclaration: declaration
      ? {
          declarationTime: declaration.declarationTime,
          reason: declaration.reason === undefined ? null : normaliseCbvWord(declaration.reason, 'errorReason'),
          correctiveEventIDs: declaration.correctiveEventIDs ?? [],
        }
      : null,
    hasCertificationInfo: Array.isArray(event.certificationInfo) ? event.certificationInfo.length > 0 : typeof event.certificationInfo === 'string',
    hasSensorData: (event.sensorElementList?.length ?? 0) > 0,
  };
}
