import type { CaptureErrorBehaviour } from '../../../common/trace-api.ts';
import type { Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import type { Actor } from '../../platform/scope.ts';
import { EPCIS_CAPTURE_LIMIT, type EpcisIssue } from './epcis/index.ts';

/**
 * What a capture refuses, and how a refusal is kept: a whole request refused (400 schema, 403 location, 409 eventID,
 * 413 limit) is recorded as a failed capture before it is thrown, so 上报记录 lists it with its reason; an event a
 * greedy capture (proceed) refuses goes into its job's errors the same way.
 */

/** One event a greedy capture refused, and why. */
export interface Refusal {
  order: number;
  error: AppError;
}

const issuesToDetails = (issues: EpcisIssue[]) => issues.map((i) => ({ field: i.path === '' ? '/' : i.path, rule: i.rule, message: i.message }));

export function invalid(issues: EpcisIssue[]): AppError {
  const first = issues[0];
  return new AppError(
    400,
    'EPCIS_VALIDATION_FAILED',
    `EPCIS 文档不符合 2.0.1 JSON Schema：${first ? `${first.path || '/'} ${first.message}` : ''} / The EPCIS document does not conform to the 2.0.1 JSON Schema`,
    issuesToDetails(issues),
  );
}

export function conflict(eventID: string | null, position: string | null): AppError {
  if (eventID === null) {
    return new AppError(
      409,
      'EPCIS_EVENT_ID_CONFLICT',
      '另一次上报同时写入了相同的事件 ID，本次未保存任何事件，请重试 / another capture stored one of these eventIDs at the same time; nothing was stored, retry',
    );
  }
  return new AppError(
    409,
    'EPCIS_EVENT_ID_CONFLICT',
    `事件 ID ${eventID} 已存在且内容不同（${position}）；更正须使用 errorDeclaration / eventID ${eventID} already exists with different content; correct it with an errorDeclaration`,
    [{ field: `${position}/eventID`, rule: 'unique', message: eventID }],
  );
}

/** How a capture job keeps an error (trace_capture.errors; the binding's CaptureJob.errors are made from it). */
export const errorRecord = (err: AppError) => ({ type: `urn:zhiliang:error:${err.code}`, title: err.message, status: err.status, details: err.details ?? [] });

/** A refusal: recorded as a failed capture (上报记录 lists it with its reason, nothing of it stored), then thrown. */
export async function refuse(
  db: Db,
  actor: Actor,
  documentType: string | null,
  eventCount: number,
  err: AppError,
  errorBehaviour: CaptureErrorBehaviour = 'rollback',
): Promise<never> {
  await db
    .insertInto('trace_capture')
    .values({
      status: 'failed',
      error_behaviour: errorBehaviour,
      document_type: documentType,
      event_count: eventCount,
      errors: JSON.stringify([errorRecord(err)]),
      created_by: actor.id,
      enterprise_credit_code: actor.enterpriseCreditCode,
      finished_at: new Date(),
    })
    .execute();
  throw err;
}

/** What placing and storing refuse (a location not the enterprise's, another event under a stored eventID). */
export const isStorageRefusal = (err: unknown): err is AppError => err instanceof AppError && (err.status === 403 || err.status === 409);

export function tooLarge(events: number): AppError {
  return new AppError(
    413,
    'EPCIS_CAPTURE_LIMIT_EXCEEDED',
    `一次最多上报 ${EPCIS_CAPTURE_LIMIT} 个事件（本文档 ${events} 个），请分批上报 / at most ${EPCIS_CAPTURE_LIMIT} events per capture (this document has ${events}); split it`,
  );
}

/** What an invalid body says it is (its `type`, at most 40 characters), for the record of its refusal. */
export function claimedType(body: unknown): string | null {
  const type = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).type : undefined;
  return typeof type === 'string' ? type.slice(0, 40) : null;
}

/** How many events an invalid document's list holds (0 when it has none that can be counted). */
export function claimedEventCount(body: unknown): number {
  const epcisBody = typeof body === 'object' && body !== null ? (body as { epcisBody?: unknown }).epcisBody : undefined;
  const list = typeof epcisBody === 'object' && epcisBody !== null ? (epcisBody as { eventList?: unknown }).eventList : undefined;
  return Array.isArray(list) ? list.length : 0;
}
