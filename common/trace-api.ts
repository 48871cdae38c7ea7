/**
 * Trace module API shapes (products, their batches, EPCIS capture jobs), shared by the server
 * (server/modules/trace) and the web client (web/src/api/trace.ts).
 */

/** GET /api/v1/trace/products: a registered product (an enterprise sees its own). */
export interface TraceProduct {
  id: string;
  /** GTIN-14: the owner's own, or allocated by the platform under its GS1 Company Prefix (gtinIssuer 'platform'). */
  gtin: string;
  /** owner: the enterprise's own GTIN; platform: allocated by the platform for an owner without a GS1 Company Prefix. */
  gtinIssuer: 'owner' | 'platform';
  /** The owner's product number of a product with a platform-allocated GTIN; null for the owner's own GTIN. */
  productRef: string | null;
  name: string;
  brand: string | null;
  spec: string | null;
  category: string | null;
  enterpriseCreditCode: string;
  enterpriseName: string;
  origin: string | null;
  shelfLifeDays: number | null;
  /** The product-level code on our domain: the GS1 Digital Link `<base>/01/<gtin14>`. */
  code: string;
  createdAt: string;
}

/** POST /api/v1/trace/products. */
export interface RegisterProductInput {
  gtin?: string;
  productRef?: string;
  name: string;
  brand?: string | null;
  spec?: string | null;
  category?: string | null;
  origin?: string | null;
  shelfLifeDays?: number | null;
  /** city_admin only: whose product it is. */
  enterpriseCreditCode?: string;
  enterpriseName?: string;
}

/** GET /api/v1/trace/products/{id}/batches: a batch of the product that events name, with its code. */
export interface ProductBatch {
  lot: string;
  /** Canonical identifier the events index (https://id.gs1.org/01/…/10/…). */
  identifier: string;
  /** The code on our domain: what the QR code carries. */
  uri: string;
  /** Path of the consumer page on our host. */
  path: string;
  elementString: string;
  firstSeen: string;
  lastSeen: string;
  eventCount: number;
  qrPng: string;
  qrSvg: string;
  labels: string;
}

/** How a capture ended: 'partial' only for greedy capture (proceed), which stored some events and refused others. */
export const CAPTURE_STATUSES = ['running', 'success', 'partial', 'failed'] as const;
export type CaptureStatus = (typeof CAPTURE_STATUSES)[number];

/**
 * GS1-Capture-Error-Behaviour (EPCIS 2.0 REST binding): `rollback` (the default) stores a document whole or not at all;
 * `proceed` (greedy capture) stores the events that conform and may be stored, and refuses the others with their reasons.
 */
export const CAPTURE_ERROR_BEHAVIOURS = ['rollback', 'proceed'] as const;
export type CaptureErrorBehaviour = (typeof CAPTURE_ERROR_BEHAVIOURS)[number];

/** GET /api/v1/trace/captures: an EPCIS capture job for people (errors only in the detail). */
export interface CaptureJobView {
  captureID: string;
  status: CaptureStatus;
  errorBehaviour: CaptureErrorBehaviour;
  documentType: string | null;
  eventCount: number;
  storedCount: number;
  duplicateCount: number;
  errorCount: number;
  /** The first error's title ("中文 / English"), for the list; the detail has them all. */
  firstError: string | null;
  errors: unknown[];
  enterpriseCreditCode: string | null;
  enterpriseName: string | null;
  createdBy: { username: string; displayName: string } | null;
  createdAt: string;
  finishedAt: string | null;
}

/** The EPCIS 2.0 JSON-LD context every EPCIS document and event names (`@context`). */
export const EPCIS_CONTEXT_URL = 'https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld';

/**
 * Events per capture document we accept and process within the request. Peers default to 500
 * (FasTnT; the openapi example); 10,000 lets an enterprise send a day's events of one line in one
 * call while schema validation stays well under a second.
 */
export const EPCIS_CAPTURE_LIMIT = 10_000;

/**
 * Largest capture body in bytes (16 MiB). The official examples average ~1.1 KB per event as compact
 * JSON (largest 5.4 KB), so 10,000 typical events fit; documents of very rich events reach this limit
 * before the event count. The server's HTTP layer raises Fastify's bodyLimit (1 MiB by default) to this
 * on the capture routes only.
 */
export const EPCIS_MAX_DOCUMENT_BYTES = 16 * 1024 * 1024;
