/**
 * Trace module (一码统管): backward/forward trace and recall scope (server/modules/trace/trace-service.ts),
 * and the EPCIS 2.0 events they name, read through the standard query interface (GET /epcis/events);
 * products, batches and their codes, registered locations and EPCIS capture jobs.
 * Typed API functions, query keys and the TanStack Query hooks over them.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CaptureErrorBehaviour, CaptureJobView, CaptureStatus, ProductBatch, RegisterProductInput, TraceProduct } from '../../../common/trace-api.ts';
import { api } from './client';
import type { Page } from './platform-types';

export type {
  CaptureErrorBehaviour,
  CaptureJobView as CaptureJob,
  CaptureStatus,
  ProductBatch,
  RegisterProductInput,
  TraceProduct,
} from '../../../common/trace-api.ts';
export { CAPTURE_STATUSES } from '../../../common/trace-api.ts';

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
  /** the links walked, as the goods went (input → output, child → container), with the events behind each */
  edges: { source: string; target: string; kind: 'transformation' | 'aggregation'; events: string[] }[];
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

export interface RegisterLocationInput {
  gln: string;
  /** GLN extension (AI 254): a part of the site */
  extension?: string;
  name: string;
  enterpriseCreditCode: string;
  enterpriseName: string;
  regionCode: string;
  address?: string | null;
}

/** POST /api/v1/trace/codes: the code of a batch or item of a registered product. */
export interface IssuedCode {
  uri: string;
  epcisIdentifier: string;
  level: 'class' | 'batch' | 'item';
  elementString: string;
  productName: string;
  qrPng: string;
  qrSvg: string;
  labels: string;
}

export interface IssueCodeInput {
  /** The product's GTIN: its owner's, or the one the platform allocated. */
  gtin: string;
  lot?: string;
  serial?: string;
}

export interface CaptureListParams {
  page: number;
  pageSize: number;
  status?: CaptureStatus;
  regionCode?: string;
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
  '@context'?: unknown;
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

/** The registered locations matching `q` (name, enterprise, GLN or credit code); the server caps the answer at 500. */
export const searchLocations = (q: string | undefined, signal?: AbortSignal) =>
  api.get<{ items: TraceLocation[] }>(`${V1}/trace/locations`, { q }, signal).then((body) => body.items);

export const registerLocation = (input: RegisterLocationInput) => api.post<TraceLocation>(`${V1}/trace/locations`, input);

export const listProducts = (params: { page: number; pageSize: number; q?: string }, signal?: AbortSignal) =>
  api.get<Page<TraceProduct>>(`${V1}/trace/products`, params, signal);

export const registerProduct = (input: RegisterProductInput) => api.post<TraceProduct>(`${V1}/trace/products`, input);

export const listProductBatches = (id: string, params: { page: number; pageSize: number }, signal?: AbortSignal) =>
  api.get<Page<ProductBatch> & { product: TraceProduct }>(`${V1}/trace/products/${encodeURIComponent(id)}/batches`, params, signal);

export const issueCode = (input: IssueCodeInput) => api.post<IssuedCode>(`${V1}/trace/codes`, input);

export const listCaptureJobs = (params: CaptureListParams, signal?: AbortSignal) =>
  api.get<Page<CaptureJobView>>(`${V1}/trace/captures`, { ...params }, signal);

export const getCaptureJob = (id: string, signal?: AbortSignal) => api.get<CaptureJobView>(`${V1}/trace/captures/${encodeURIComponent(id)}`, undefined, signal);

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

const RECENT_EVENTS = 60;

/** The events most recently recorded in the caller's scope, newest first (the start of the trace pages). */
export const queryRecentEvents = (signal?: AbortSignal) =>
  api
    .get<EpcisQueryDocument>('/epcis/events', { orderBy: 'recordTime', orderDirection: 'DESC', perPage: RECENT_EVENTS }, signal)
    .then((doc) => doc.epcisBody?.queryResults?.resultsBody?.eventList ?? []);

/** A batch's events as the caller may read them (the events the server returns whole), with the document's @context. */
export interface BatchEvents {
  context: unknown;
  events: (EpcisEvent & Record<string, unknown>)[];
}

/** Events per batch the product drawer lists (a batch has a handful: production, inspections, shipments, receipts). */
const BATCH_EVENTS = 200;

/** GET /epcis/events?MATCH_anyEPCClass=<batch>: every event naming the lot (as a quantity, input, output or child), in the caller's scope. */
export const queryBatchEvents = (identifier: string, signal?: AbortSignal): Promise<BatchEvents> =>
  api
    .get<EpcisQueryDocument>('/epcis/events', { MATCH_anyEPCClass: identifier, orderBy: 'eventTime', orderDirection: 'ASC', perPage: BATCH_EVENTS }, signal)
    .then((doc) => ({
      context: doc['@context'],
      // The server returns each event as captured: every member, not only the fields EpcisEvent names.
      events: (doc.epcisBody?.queryResults?.resultsBody?.eventList ?? []) as (EpcisEvent & Record<string, unknown>)[],
    }));

// --- query keys ---

export const traceKeys = {
  all: ['trace'] as const,
  trace: (code: string, direction: TraceDirection) => [...traceKeys.all, 'trace', code, direction] as const,
  recall: (code: string) => [...traceKeys.all, 'recall', code] as const,
  events: (ids: readonly string[]) => [...traceKeys.all, 'events', ids] as const,
  locations: () => [...traceKeys.all, 'locations'] as const,
  locationSearch: (q: string) => [...traceKeys.locations(), 'search', q] as const,
  products: () => [...traceKeys.all, 'products'] as const,
  productList: (params: { page: number; pageSize: number; q?: string }) => [...traceKeys.products(), 'list', params] as const,
  batches: (id: string, params: { page: number; pageSize: number }) => [...traceKeys.products(), 'batches', id, params] as const,
  captures: () => [...traceKeys.all, 'captures'] as const,
  captureList: (params: CaptureListParams) => [...traceKeys.captures(), 'list', params] as const,
  capture: (id: string) => [...traceKeys.captures(), 'detail', id] as const,
  recent: () => [...traceKeys.all, 'recent'] as const,
  batchEvents: (identifier: string) => [...traceKeys.all, 'batch-events', identifier] as const,
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

/** The registered locations the caller may see, optionally searched (the server caps the list at 500). */
export const useLocations = (q: string | undefined) =>
  useQuery({ queryKey: traceKeys.locationSearch(q ?? ''), queryFn: ({ signal }) => searchLocations(q, signal), placeholderData: keepPreviousData });

export const useRegisterLocation = () => {
  const client = useQueryClient();
  return useMutation({ mutationFn: registerLocation, onSuccess: () => client.invalidateQueries({ queryKey: traceKeys.locations() }) });
};

export const useProducts = (params: { page: number; pageSize: number; q?: string }) =>
  useQuery({ queryKey: traceKeys.productList(params), queryFn: ({ signal }) => listProducts(params, signal), placeholderData: keepPreviousData });

export const useRegisterProduct = () => {
  const client = useQueryClient();
  return useMutation({ mutationFn: registerProduct, onSuccess: () => client.invalidateQueries({ queryKey: traceKeys.products() }) });
};

export const useProductBatches = (id: string | null, params: { page: number; pageSize: number }) =>
  useQuery({
    queryKey: traceKeys.batches(id ?? '', params),
    queryFn: ({ signal }) => listProductBatches(id ?? '', params, signal),
    enabled: id !== null,
    placeholderData: keepPreviousData,
  });

/** Issuing stores nothing but an audit row (codes are deterministic), so no list needs refreshing. */
export const useIssueCode = () => useMutation({ mutationFn: issueCode });

export const useBatchEvents = (identifier: string | null) =>
  useQuery({
    queryKey: traceKeys.batchEvents(identifier ?? ''),
    queryFn: ({ signal }) => queryBatchEvents(identifier ?? '', signal),
    enabled: identifier !== null,
  });

export const useRecentEvents = () => useQuery({ queryKey: traceKeys.recent(), queryFn: ({ signal }) => queryRecentEvents(signal), staleTime: 30_000 });

export const useCaptureJobs = (params: CaptureListParams) =>
  useQuery({ queryKey: traceKeys.captureList(params), queryFn: ({ signal }) => listCaptureJobs(params, signal), placeholderData: keepPreviousData });

export const useCaptureJob = (id: string | null) =>
  useQuery({ queryKey: traceKeys.capture(id ?? ''), queryFn: ({ signal }) => getCaptureJob(id ?? '', signal), enabled: id !== null });

// --- capture from the web (an enterprise without an ERP: 登记批次事件, 上传 EPCIS 文件) ---

/** What POST /epcis/capture answers (202): the capture job, already finished (documents are stored in the request). */
export interface CaptureAccepted {
  captureID: string;
  success: boolean;
  eventCount: number;
  storedCount: number;
  duplicateCount: number;
}

/** POST /epcis/events: one EPCIS 2.0 event; `created` false for an identical retry (same eventID, same content). */
export const captureOneEvent = (event: Record<string, unknown>) => api.post<{ eventID: string; created: boolean }>('/epcis/events', event);

/**
 * POST /epcis/capture: an EPCISDocument, stored whole or not at all (rollback), or — proceed — its events that may be
 * stored, the others refused one by one in the job's errors.
 */
export const captureDocument = ({ document, errorBehaviour }: { document: unknown; errorBehaviour: CaptureErrorBehaviour }) =>
  api.post<CaptureAccepted>('/epcis/capture', document, { 'GS1-Capture-Error-Behaviour': errorBehaviour });

/** After a capture the job list, the traces and the products' batch counts are stale. */
const useCaptureMutation = <I, O>(mutationFn: (input: I) => Promise<O>) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn,
    onSettled: () => client.invalidateQueries({ queryKey: traceKeys.all }),
  });
};
export const useCaptureOneEvent = () => useCaptureMutation(captureOneEvent);
export const useCaptureDocument = () => useCaptureMutation(captureDocument);
