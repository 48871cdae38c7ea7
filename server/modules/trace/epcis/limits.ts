/**
 * Capture limits, advertised as the EPCIS 2.0 REST binding defines (gs1/EPCIS `REST Bindings/openapi.json`):
 * `OPTIONS /capture` answers with the headers `GS1-EPCIS-Capture-Limit` ("the maximum number of EPCIS
 * events that can be captured per call", integer ≥ 1) and `GS1-EPCIS-Capture-File-Size-Limit` ("the
 * maximum event document length in octets", integer ≥ 1); the same two headers accompany a 413
 * response whose problem type is `epcisException:CaptureLimitExceededException`.
 */
export const EPCIS_CAPTURE_LIMIT_HEADER = 'GS1-EPCIS-Capture-Limit';
export const EPCIS_CAPTURE_FILE_SIZE_LIMIT_HEADER = 'GS1-EPCIS-Capture-File-Size-Limit';
export const EPCIS_CAPTURE_LIMIT_EXCEPTION = 'epcisException:CaptureLimitExceededException';

/**
 * Events per capture document we accept and process within the request. Peers default to 500
 * (FasTnT; the openapi example); 10,000 lets an enterprise send a day's events of one line in one
 * call while schema validation stays well under a second.
 */
export const EPCIS_CAPTURE_LIMIT = 10_000;

/**
 * Largest capture body in bytes (16 MiB). The official examples average ~1.1 KB per event as compact
 * JSON (largest 5.4 KB), so 10,000 typical events fit; documents of very rich events reach this limit
 * before the event count. The HTTP layer must raise Fastify's bodyLimit (1 MiB by default) to this
 * on the capture routes only.
 */
export const EPCIS_MAX_DOCUMENT_BYTES = 16 * 1024 * 1024;

/** The discovery headers for `OPTIONS /epcis/capture` and for a 413 capture response. */
export function captureLimitHeaders(): Record<string, string> {
  return {
    [EPCIS_CAPTURE_LIMIT_HEADER]: String(EPCIS_CAPTURE_LIMIT),
    [EPCIS_CAPTURE_FILE_SIZE_LIMIT_HEADER]: String(EPCIS_MAX_DOCUMENT_BYTES),
  };
}
