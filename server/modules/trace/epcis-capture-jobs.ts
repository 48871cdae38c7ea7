import { sql } from 'kysely';
import type { CaptureErrorBehaviour } from '../../../common/trace-api.ts';
import type { Db } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import type { Actor } from '../../platform/scope.ts';
import { decodeTimeIdToken, encodeTimeIdToken } from './query/index.ts';

/**
 * EPCIS capture jobs in the REST binding's shape (`CaptureJob`: GET /epcis/capture and /epcis/capture/{captureID}).
 * A job is visible to whoever started it, and to the city (capture-jobs.ts is the list for people, with regions).
 */

export interface CaptureJob {
  captureID: string;
  running: boolean;
  success: boolean;
  captureErrorBehaviour: CaptureErrorBehaviour;
  createdAt: string;
  /** Absent while the job runs (the binding's finishedAt is a date-time, not null). */
  finishedAt?: string;
  eventCount: number;
  storedCount: number;
  duplicateCount: number;
  errors: unknown[];
}

export function presentJob(row: {
  id: string;
  status: string;
  error_behaviour: CaptureErrorBehaviour;
  created_at: Date | string;
  finished_at: Date | string | null;
  event_count: number;
  stored_count: number;
  duplicate_count: number;
  errors: unknown;
}): CaptureJob {
  return {
    captureID: row.id,
    running: row.status === 'running',
    success: row.status === 'success',
    captureErrorBehaviour: row.error_behaviour,
    createdAt: new Date(row.created_at).toISOString(),
    ...(row.finished_at ? { finishedAt: new Date(row.finished_at).toISOString() } : {}),
    eventCount: row.event_count,
    storedCount: row.stored_count,
    duplicateCount: row.duplicate_count,
    errors: Array.isArray(row.errors) ? row.errors : [],
  };
}

/** GET /epcis/capture/:id — a job is visible to whoever started it, and to the city. */
export async function getCaptureJob(db: Db, actor: Actor, id: string): Promise<CaptureJob> {
  let q = db.selectFrom('trace_capture').selectAll().where('id', '=', id);
  if (actor.role !== 'city_admin') q = q.where('created_by', '=', actor.id);
  const row = await q.executeTakeFirst();
  if (!row) throw notFound();
  return presentJob(row);
}

/** GET /epcis/capture: the caller's capture jobs (the city: all), newest first, `perPage` at a time. */
export async function listCaptureJobs(
  db: Db,
  actor: Actor,
  perPage: number,
  nextPageToken: string | null,
): Promise<{ jobs: CaptureJob[]; nextPageToken: string | null }> {
  let q = db.selectFrom('trace_capture').selectAll().select(sql<string>`created_at::text`.as('cursor_time'));
  if (actor.role !== 'city_admin') q = q.where('created_by', '=', actor.id);
  if (nextPageToken !== null) {
    const after = decodeTimeIdToken(nextPageToken);
    q = q.where(sql<boolean>`(created_at, id) < (${after.time}::timestamptz, ${after.id}::uuid)`);
  }
  const rows = await q
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(perPage + 1)
    .execute();
  const page = rows.slice(0, perPage);
  const last = page.at(-1);
  return {
    jobs: page.map(presentJob),
    nextPageToken: rows.length > perPage && last ? encodeTimeIdToken(last.cursor_time, last.id) : null,
  };
}
