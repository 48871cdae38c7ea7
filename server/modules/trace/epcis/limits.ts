import { EPCIS_CAPTURE_LIMIT, EPCIS_MAX_DOCUMENT_BYTES } from '../../../../common/trace-api.ts';

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

// The two limits live with the API shapes: the web's upload form checks a file against them before sending it.
export { EPCIS_CAPTURE_LIMIT, EPCIS_MAX_DOCUMENT_BYTES };

/** The discovery headers for `OPTIONS /epcis/capture` and for a 413 capture response. */
export function captureLimitHeaders(): Record<string, string> {
  return {
    [EPCIS_CAPTURE_LIMIT_HEADER]: String(EPCIS_CAPTURE_LIMIT),
    [EPCIS_CAPTURE_FILE_SIZE_LIMIT_HEADER]: String(EPCIS_MAX_DOCUMENT_BYTES),
  };
}
