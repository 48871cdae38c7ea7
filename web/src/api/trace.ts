/**
 * Trace module (一码统管): backward/forward trace and recall scope (server/modules/trace/trace-service.ts),
 * and the EPCIS 2.0 events they name, read through the standard query interface (GET /epcis/events).
 * Typed API functions, query keys and the TanStack Query hooks over them.
 */
import { useQuery } from '@tanstack/react-query';
import { api } from './client';

const V1 = '/api/v1';

export type TraceDirection = 'backward' | 'forward';
export const TRACE_DIRECTIONS: readonly TraceDirection[] = ['backward', 'forward'];

/** GET /api/v1/trace: every code reached from `root`, with its distance in hops, and every event naming one. */
export interface TraceResult {
  root: string;
  direction: TraceDirection;
  codes: string[];
  events: string[];
  hops: { code: string; depth: number }[];
}

export interface RecallHolder {
  /** canonical location identifier (https://id.gs1.org/414/<gln>) */
  location: string;
  name: string | null;
  enterpriseCreditCode: string | null;
  enterpriseName: string | null;
  regionCode: string | null;
  regionName: string | null;
  codes: string[];
}

export interface RecallRegion {
  /** county (区县) code, or 'unknown' for locations nobody registered */
  regionCode: string;
  regionName: string;
  locations: number;
  codes: number;
}

/** GET /api/v1/trace/recall: the downstream codes of a lot and where each one last was. */
export interface RecallScope {
  root: string;
  lots: string[];
  events: string[];
  holders: RecallHolder[];
  enterprises: string[];
  byRegion: RecallRegion[];
}

/** GET /api/v1/trace/locations: a registered enterprise location (the caller's region's, at most 500). */
export interface TraceLocation {
  id: string;
  /** canonical location identifier (https://id.gs1.org/414/<gln>) */
  identifier: string;
  gln: string | null;
  name: string;
  enterpriseCreditCode: string;
  enterpriseName: string;
  regionCode: string;
  regionName: string;
  address: string | null;
  isDemo: boolean;
}

// --- EPCIS 2.0 JSON (the fields the trace pages read; the server returns events as captured) ---

export interface EpcisQuantityElement {
  epcClass: string;
  quantity?: number;
  uom?: string;
}

export interface EpcisEvent {
  type: string;
  eventID?: string;
  eventTime: string;
  eventTimeZoneOffset?: string;
  recordTime?: string;
  action?: string;
  bizStep?: string;
  disposition?: string;
  readPoint?: { id: string };
  bizLocation?: { id: string };
  epcList?: string[];
  quantityList?: EpcisQuantityElement[];
  parentID?: string;
  childEPCs?: string[];
  childQuantityList?: EpcisQuantityElement[];
  inputEPCList?: string[];
  inputQuantityList?: EpcisQuantityElement[];
  outputEPCList?: string[];
  outputQuantityList?: EpcisQuantityElement[];
  transformationID?: string;
  bizTransactionList?: { type?: string; bizTransaction: string }[];
  sourceList?: { type: string; source: string }[];
  destinationList?: { type: string; destination: string }[];
  errorDeclaration?: { declarationTime: string; reason?: string; correctiveEventIDs?: string[] };
}

interface EpcisQueryDocument {
  type: 'EPCISQueryDocument';
  epcisBody?: { queryResults?: { resultsBody?: { eventList?: EpcisEvent[] } } };
}

/** EQ_eventID takes a pipe-delimited list in the query string: keep each request line well under Node's 16 KB header limit. */
export const EVENT_ID_CHUNK = { maxCount: 100, maxEncodedChars: 6000 } as const;
/** The query's page size; a chunk of 100 IDs gives at most a few rows each (the event and its error declarations). */
const EVENTS_PER_PAGE = 1000;
const PARALLEL_REQUESTS = 4;

/** Splits event IDs into chunks of at most `maxCount` whose URL-encoded, pipe-joined length stays within `maxEncodedChars`. */
export function chunkEventIds(ids: readonly string[], limits: { maxCount: number; maxEncodedChars: number } = EVENT_ID_CHUNK): string[][] {
  const chunks: string[][] = [];
  let current: string[] = [];
  let length = 0;
  for (const id of new Set(ids)) {
    const encoded = encodeURIComponent(id).length;
    const separator = 3; // "|" is sent as %7C
    if (current.length > 0 && (current.length >= limits.maxCount || length + separator + encoded > limits.maxEncodedChars)) {
      chunks.push(current);
      current = [];
      length = 0;
    }
    length += (current.length > 0 ? separator : 0) + encoded;
    current.push(id);
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

// --- plain functions, one per endpoint ---

export const getTrace = (code: string, direction: TraceDirection, signal?: AbortSignal) => api.get<TraceResult>(`${V1}/trace`, { code, direction }, signal);

export const getRecallScope = (code: string, signal?: AbortSignal) => api.get<RecallScope>(`${V1}/trace/recall`, { code }, signal);

export const listLocations = (signal?: AbortSignal) =>
  api.get<{ items: TraceLocation[] }>(`${V1}/trace/locations`, undefined, signal).then((body) => body.items);

/** One SimpleEventQuery by event IDs (EPCIS 2.0 REST binding, GET /epcis/events?EQ_eventID=a|b|c). */
export const queryEventsById = (ids: readonly string[], signal?: AbortSignal) =>
  api
    .get<EpcisQueryDocument>('/epcis/events', { EQ_eventID: ids.join('|'), perPage: EVENTS_PER_PAGE }, signal)
    .then((doc) => doc.epcisBody?.queryResults?.resultsBody?.eventList ?? []);

/**
 * The events with these IDs that the caller may read, fetched in chunks a few at a time. The trace walk
 * crosses regions while the event query is scoped (a county sees its own region's events), so fewer
 * events may come back than were asked for.
 */
export async function fetchEventsById(ids: readonly string[], signal?: AbortSignal): Promise<EpcisEvent[]> {
  const chunks = chunkEventIds(ids);
  const results: EpcisEvent[][] = [];
  for (let start = 0; start < chunks.length; start += PARALLEL_REQUESTS) {
    const batch = chunks.slice(start, start + PARALLEL_REQUESTS);
    results.push(...(await Promise.all(batch.map((chunk) => queryEventsById(chunk, signal)))));
  }
  return results.flat();
}

// --- query keys ---

export const traceKeys = {
  all: ['trace'] as const,
  trace: (code: string, direction: TraceDirection) => [...traceKeys.all, 'trace', code, direction] as const,
  recall: (code: string) => [...traceKeys.all, 'recall', code] as const,
  events: (ids: readonly string[]) => [...traceKeys.all, 'events', ids] as const,
  locations: () => [...traceKeys.all, 'locations'] as const,
};

// --- query hooks ---

export const useTrace = (code: string | null, direction: TraceDirection) =>
  useQuery({
    queryKey: traceKeys.trace(code ?? '', direction),
    queryFn: ({ signal }) => getTrace(code ?? '', direction, signal),
    enabled: !!code,
  });

export const useRecallScope = (code: string | null) =>
  useQuery({ queryKey: traceKeys.recall(code ?? ''), queryFn: ({ signal }) => getRecallScope(code ?? '', signal), enabled: !!code });

/**
 * Names of the registered locations the caller can see, by identifier. Only a nicety (GLNs are shown without
 * it): a failure or a location outside the caller's region leaves the GLN on its own.
 */
export const useLocationNames = () =>
  useQuery({
    queryKey: traceKeys.locations(),
    queryFn: ({ signal }) => listLocations(signal),
    staleTime: 5 * 60_000,
    retry: false,
    select: (items) => new Map(items.map((location) => [location.identifier, location.name])),
  });

/** The full events behind a trace or recall result (undefined IDs: not asked yet). */
export const useEventsById = (ids: readonly string[] | undefined) =>
  useQuery({
    queryKey: traceKeys.events(ids ?? []),
    queryFn: ({ signal }) => fetchEventsById(ids ?? [], signal),
    enabled: ids !== undefined && ids.length > 0,
  });
