export { eventContentHash } from './canonical.ts';
export { type CbvVocabulary, normaliseCbvWord } from './cbv.ts';
export type {
  BizTransaction,
  DestinationElement,
  EpcisAction,
  EpcisDocument,
  EpcisEvent,
  EpcisEventType,
  EpcisQueryDocument,
  ErrorDeclaration,
  EventIdentifier,
  EventIndex,
  IdentifierRole,
  QuantityElement,
  SensorElement,
  SourceElement,
} from './events.ts';
export { eventsOf, indexEvent } from './events.ts';
export { type EpcisIssue, MAX_ISSUES } from './issues.ts';
export {
  captureLimitHeaders,
  EPCIS_CAPTURE_FILE_SIZE_LIMIT_HEADER,
  EPCIS_CAPTURE_LIMIT,
  EPCIS_CAPTURE_LIMIT_EXCEPTION,
  EPCIS_CAPTURE_LIMIT_HEADER,
  EPCIS_MAX_DOCUMENT_BYTES,
} from './limits.ts';
export {
  type EpcisDocumentSorting,
  type EpcisDocumentType,
  type EpcisDocumentValidation,
  type EpcisEventValidation,
  sortEpcisDocument,
  validateEpcisDocument,
  validateEpcisEvent,
} from './validate.ts';
