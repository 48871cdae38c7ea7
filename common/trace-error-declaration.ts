import { EPCIS_CONTEXT_URL } from './trace-api.ts';

/**
 * Declaring a captured event erroneous (EPCIS 2.0 §7.4.1.2): the event is sent again under its own eventID, with the same
 * content and an `errorDeclaration`. The repository keeps the original and stores the declaration beside it; the event
 * then reads as 已声明有误 in traces, and the consumer page no longer shows it. The CBV 2.0 error reasons (§7.5).
 */
export const ERROR_REASONS = ['incorrect_data', 'did_not_occur'] as const;
export type ErrorReason = (typeof ERROR_REASONS)[number];

export const ERROR_REASON_LABEL: Record<ErrorReason, string> = {
  incorrect_data: '数据有误（事件发生了，但记录的内容不对）',
  did_not_occur: '事件未发生（误登记）',
};

/** Members the repository adds to an event it returns, which are not part of what was captured. */
const ADDED_BY_REPOSITORY = ['recordTime', 'errorDeclaration', '@context'] as const;

export interface ErrorDeclarationInput {
  /** the event as the query returned it (its recordTime and any earlier declaration are dropped) */
  event: Record<string, unknown>;
  reason: ErrorReason;
  /** when the declaration is made (an instant with offset); made once per form, so a retry is the same declaration */
  declarationTime: string;
  /** the @context of the document the event came in (its extension namespaces); EPCIS 2.0's alone when absent */
  context?: unknown;
  /** events recorded to replace this one, if any */
  correctiveEventIDs?: string[];
}

/** The event to POST to /epcis/events that declares `event` erroneous. */
export function buildErrorDeclaration(input: ErrorDeclarationInput): Record<string, unknown> {
  if (typeof input.event.eventID !== 'string' || input.event.eventID === '') {
    throw new Error('an event without an eventID cannot be declared erroneous');
  }
  const captured = Object.fromEntries(Object.entries(input.event).filter(([key]) => !(ADDED_BY_REPOSITORY as readonly string[]).includes(key)));
  const context = input.context === undefined || input.context === null ? [EPCIS_CONTEXT_URL] : input.context;
  return {
    '@context': context,
    ...captured,
    errorDeclaration: {
      declarationTime: input.declarationTime,
      reason: input.reason,
      ...(input.correctiveEventIDs && input.correctiveEventIDs.length > 0 ? { correctiveEventIDs: input.correctiveEventIDs } : {}),
    },
  };
}
