import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { CaptureErrorBehaviour } from '../../../common/trace-api.ts';
import { type AuditContext, appendAudit } from '../../platform/audit.ts';
import { BulkJson, bulkInsert } from '../../platform/bulk-insert.ts';
import type { Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import type { Actor } from '../../platform/scope.ts';
import { inTransaction } from '../../platform/transaction.ts';
import { claimedEventCount, claimedType, conflict, errorRecord, invalid, isStorageRefusal, type Refusal, refuse, tooLarge } from './capture-refusals.ts';
import { canonicalId } from './epcis/canonical-id.ts';
import { EPCIS_CAPTURE_LIMIT, type EpcisEvent, type EventIndex, eventContentHash, indexEvent, sortEpcisDocument, validateEpcisEvent } from './epcis/index.ts';
import { type CaptureJob, presentJob } from './epcis-capture-jobs.ts';
import { eventLocations, loadLocations, type Placement, placeEvent } from './location-service.ts';

/**
 * EPCIS 2.0 capture (REST binding §capture): a document is validated against the ratified 2.0.1 JSON
 * Schema, checked for the caller's right to each event's locations, and stored whole in one
 * transaction (GS1-Capture-Error-Behaviour: rollback). An event whose eventID is already stored is a
 * safe retry when identical (acknowledged, not stored twice) and a 409 when different — unless it
 * carries an errorDeclaration, which is stored as the correction of that event (EPCIS 2.0 §7.4.1.2).
 * On request (GS1-Capture-Error-Behaviour: proceed) a document is captured greedily instead: the events that conform,
 * belong to the caller's locations and do not clash with a stored eventID are stored, the others refused one by one
 * with their reasons in the job's errors — still in one transaction, so a retry of the same document is safe.
 */

interface Prepared {
  event: EpcisEvent;
  index: EventIndex;
  eventID: string;
  /** The content hash, computed on first use (contentHashOf): only a repeated eventID or an error declaration needs it. */
  hash: string | null;
  /** eventTime as a UTC ISO instant (the partition key of every row the event writes). */
  time: string;
  placement: Placement;
  position: string;
  /** The event's place in its document's event list (0 for a single event): refusals are listed in this order. */
  order: number;
}

/**
 * Indexes events and places each at its locations. A location the caller may not write to is a 403 for the whole
 * capture, or — when `refusals` collects them (proceed) — a refusal of that event alone.
 */
async function prepare(
  db: Db,
  actor: Actor,
  events: { index: number; event: EpcisEvent }[],
  positionOf: (order: number) => string,
  refusals?: Refusal[],
): Promise<Prepared[]> {
  const indexed = events.map(({ index: order, event }) => ({ order, event, index: indexEvent(event) }));
  const locationsOf = indexed.map(({ index }) => eventLocations(index));
  const known = await loadLocations(db, locationsOf.flat());
  const prepared: Prepared[] = [];
  for (const [i, { order, event, index }] of indexed.entries()) {
    const position = positionOf(order);
    let placement: Placement;
    try {
      placement = placeEvent(actor, locationsOf[i] ?? [], known, position);
    } catch (err) {
      // Whether the caller may capture at all is not a property of one event.
      if (!refusals || !(err instanceof AppError) || err.code === 'TRACE_CAPTURE_FORBIDDEN') throw err;
      refusals.push({ order, error: err });
      continue;
    }
    const eventID = index.eventID ?? `urn:uuid:${randomUUID()}`;
    prepared.push({ event, index, eventID, hash: null, time: new Date(index.eventTime).toISOString(), placement, position, order });
  }
  return prepared;
}

/**
 * Whose capture it is: the enterprise's own; for the city's data migration, the one enterprise whose registered
 * locations all its events stand at (so that enterprise and its county see the record in 上报记录), else none.
 */
function capturedFor(actor: Actor, prepared: Prepared[]): string | null {
  if (actor.enterpriseCreditCode) return actor.enterpriseCreditCode;
  const owners = new Set(prepared.map((p) => p.placement.enterpriseCreditCode));
  const [only] = owners;
  return owners.size === 1 && only ? only : null;
}

/** Identifier occurrences of one event, canonical and without repeats of the same code in the same role. */
function identifierRows(p: Prepared) {
  const unique = new Map<string, { identifier: string; role: string; raw: string; quantity: number | null; uom: string | null }>();
  for (const id of p.index.identifiers) {
    const identifier = canonicalId(id.value);
    unique.set(`${identifier}|${id.role}`, { identifier, role: id.role, raw: id.value, quantity: id.quantity ?? null, uom: id.uom ?? null });
  }
  return [...unique.values()];
}

function contentHashOf(p: Prepared): string {
  p.hash ??= eventContentHash(p.event);
  return p.hash;
}

const isUniqueViolation = (err: unknown) => typeof err === 'object' && err !== null && (err as { code?: unknown }).code === '23505';

const EVENT_COLUMNS = [
  'id',
  'event_id',
  'event_type',
  'event_time',
  'event_time_zone_offset',
  'action',
  'biz_step',
  'disposition',
  'read_point',
  'biz_location',
  'transformation_id',
  'is_error_declaration',
  'enterprise_credit_code',
  'region_code',
  'capture_id',
  'document',
  'context',
  'is_demo',
];

interface StoredKey {
  event_id: string;
  content_hash: string;
  is_error_declaration: boolean;
}

/**
 * The stored keys of these events' eventIDs: the event itself and its corrections. An event key written since
 * migration 0018 carries no hash; the event's stored document (the event exactly as captured) is hashed instead.
 */
async function storedKeys(trx: Db, prepared: Prepared[]): Promise<StoredKey[]> {
  const ids = [...new Set(prepared.map((p) => p.eventID))];
  if (ids.length === 0) return [];
  const result = await sql<{ event_id: string; content_hash: string | null; is_error_declaration: boolean; document: EpcisEvent | null }>`
    select k.event_id, k.content_hash, k.is_error_declaration, case when k.content_hash is null then e.document end as document
    from trace_event_key k left join trace_event e on e.id = k.event_pk and e.event_time = k.event_time
    where k.event_id = any(${ids}::text[]) and not k.is_error_declaration
    union all
    select event_id, content_hash, is_error_declaration, null from trace_event_key where event_id = any(${ids}::text[]) and is_error_declaration`.execute(trx);
  return result.rows.map((r) => {
    const hash = r.content_hash ?? (r.document === null ? null : eventContentHash(r.document));
    if (hash === null) throw new Error(`stored event ${r.event_id} has neither a content hash nor a document`);
    return { event_id: r.event_id, content_hash: hash, is_error_declaration: r.is_error_declaration };
  });
}

/**
 * Sorts a document's events against what is stored (and against each other): new ones, identical retries
 * (acknowledged, not stored again) and corrections already stored; a changed event under a stored eventID
 * is a 409 naming it — or, under proceed, a conflict refused on its own.
 */
function sortOut(prepared: Prepared[], stored: StoredKey[], greedy: boolean): { fresh: Prepared[]; duplicates: number; conflicts: Refusal[] } {
  // eventID → the stored event's hash, or the first event of this document under it (hashed only if the eventID comes again)
  const seen = new Map<string, string | Prepared>(stored.filter((e) => !e.is_error_declaration).map((e) => [e.event_id, e.content_hash]));
  const corrections = new Set(stored.filter((e) => e.is_error_declaration).map((e) => `${e.event_id}|${e.content_hash}`));
  let duplicates = 0;
  const fresh: Prepared[] = [];
  const conflicts: Refusal[] = [];
  for (const p of prepared) {
    if (p.index.errorDeclaration) {
      const key = `${p.eventID}|${contentHashOf(p)}`;
      if (corrections.has(key)) duplicates += 1;
      else {
        corrections.add(key);
        fresh.push(p);
      }
      continue;
    }
    const known = seen.get(p.eventID);
    if (known === undefined) {
      seen.set(p.eventID, p);
      fresh.push(p);
    } else if ((typeof known === 'string' ? known : contentHashOf(known)) === contentHashOf(p)) {
      duplicates += 1;
    } else if (greedy) {
      conflicts.push({ order: p.order, error: conflict(p.eventID, p.position) });
    } else {
      throw conflict(p.eventID, p.position);
    }
  }
  return { fresh, duplicates, conflicts };
}

const KEY_COLUMNS = ['event_id', 'content_hash', 'is_error_declaration', 'event_pk', 'event_time'];

/**
 * Stores prepared events; returns how many were stored and how many were acknowledged duplicates.
 * Each table gets one bulk insert per document (COPY on PostgreSQL: no per-row statements, no JSON
 * parameter of the whole document to parse); the event keys come from the sequence first, so the index
 * rows need no RETURNING round trip. Most documents carry only new eventIDs, so their keys go in first
 * and the unique indexes decide; only a document that meets a stored eventID is looked up and sorted out
 * (a savepoint undoes the attempt), which spares every other document a lookup of its eventIDs.
 */
async function store(
  trx: Db,
  prepared: Prepared[],
  captureId: string,
  contextOf: unknown,
  options: { demo?: boolean; greedy?: boolean } = {},
): Promise<{ stored: number; duplicates: number; conflicts: Refusal[] }> {
  const greedy = options.greedy ?? false;
  let { fresh, duplicates, conflicts } = sortOut(prepared, [], greedy);
  if (fresh.length === 0) return { stored: 0, duplicates, conflicts };
  const pks = (await sql<{ pk: string }>`select nextval('trace_event_pk_seq')::text as pk from generate_series(1, ${fresh.length}::int)`.execute(trx)).rows.map(
    (r) => r.pk,
  );
  // Only an error declaration's key carries its hash (its corrections are unique per content); see migration 0018.
  const keyRows = (events: Prepared[]) =>
    events.map((p, k) => [p.eventID, p.index.errorDeclaration !== null ? contentHashOf(p) : null, p.index.errorDeclaration !== null, pks[k] as string, p.time]);
  await sql`savepoint capture_keys`.execute(trx);
  try {
    await bulkInsert(trx, 'trace_event_key', KEY_COLUMNS, keyRows(fresh));
    await sql`release savepoint capture_keys`.execute(trx);
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    await sql`rollback to savepoint capture_keys`.execute(trx);
    ({ fresh, duplicates, conflicts } = sortOut(prepared, await storedKeys(trx, prepared), greedy));
    if (fresh.length === 0) return { stored: 0, duplicates, conflicts };
    try {
      await bulkInsert(trx, 'trace_event_key', KEY_COLUMNS, keyRows(fresh));
    } catch (again) {
      // Another capture stored one of these eventIDs between our lookup and our insert.
      if (isUniqueViolation(again)) throw conflict(null, null);
      throw again;
    }
  }
  const context = contextOf === undefined ? null : new BulkJson(contextOf);
  await bulkInsert(
    trx,
    'trace_event',
    EVENT_COLUMNS,
    fresh.map((p, k) => [
      pks[k] as string,
      p.eventID,
      p.index.type,
      p.time,
      p.index.eventTimeZoneOffset,
      p.index.action,
      p.index.bizStep,
      p.index.disposition,
      p.index.readPoint ? canonicalId(p.index.readPoint) : null,
      p.index.bizLocation ? canonicalId(p.index.bizLocation) : null,
      p.index.transformationID,
      p.index.errorDeclaration !== null,
      p.placement.enterpriseCreditCode,
      p.placement.regionCode,
      captureId,
      p.event,
      context,
      options.demo ?? false,
    ]),
  );
  await bulkInsert(
    trx,
    'trace_event_identifier',
    ['identifier', 'role', 'event_pk', 'event_time', 'raw', 'quantity', 'uom'],
    fresh.flatMap((p, k) => identifierRows(p).map((r) => [r.identifier, r.role, pks[k] as string, p.time, r.raw, r.quantity, r.uom])),
  );
  await bulkInsert(
    trx,
    'trace_event_biz_transaction',
    ['event_pk', 'type', 'biz_transaction'],
    fresh.flatMap((p, k) => p.index.bizTransactions.map((b) => [pks[k] as string, b.type, b.id])),
  );
  return { stored: fresh.length, duplicates, conflicts };
}

/**
 * POST /epcis/capture: validates and stores a whole EPCIS document, or nothing of it; under proceed (greedy capture)
 * the events that may be stored, each refused event listed in the job's errors in document order.
 */
export async function captureDocument(
  db: Db,
  actor: Actor,
  doc: unknown,
  ctx: AuditContext,
  options: { demo?: boolean; errorBehaviour?: CaptureErrorBehaviour } = {},
): Promise<CaptureJob> {
  const behaviour = options.errorBehaviour ?? 'rollback';
  const greedy = behaviour === 'proceed';
  const verdict = sortEpcisDocument(doc, greedy);
  if (!verdict.ok) return refuse(db, actor, claimedType(doc), claimedEventCount(doc), invalid(verdict.errors), behaviour);
  const eventCount = verdict.events.length + verdict.refused.length;
  if (eventCount > EPCIS_CAPTURE_LIMIT) return refuse(db, actor, verdict.type, eventCount, tooLarge(eventCount), behaviour);
  const listPath = verdict.type === 'EPCISQueryDocument' ? '/epcisBody/queryResults/resultsBody/eventList' : '/epcisBody/eventList';
  const context = typeof doc === 'object' && doc !== null ? (doc as Record<string, unknown>)['@context'] : undefined;
  const refusals: Refusal[] = verdict.refused.map(({ index, issues }) => ({ order: index, error: invalid(issues) }));
  try {
    const prepared = await prepare(db, actor, verdict.events, (order) => `${listPath}/${order}`, greedy ? refusals : undefined);
    const owner = capturedFor(actor, prepared);
    return await inTransaction(db, async (trx) => {
      const job = await trx
        .insertInto('trace_capture')
        .values({
          status: 'running',
          error_behaviour: behaviour,
          document_type: verdict.type,
          event_count: eventCount,
          created_by: actor.id,
          enterprise_credit_code: owner,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const { stored, duplicates, conflicts } = await store(trx, prepared, job.id, context, { demo: options.demo, greedy });
      const refused = [...refusals, ...conflicts].sort((a, b) => a.order - b.order);
      const status = refused.length === 0 ? 'success' : stored + duplicates > 0 ? 'partial' : 'failed';
      const done = await trx
        .updateTable('trace_capture')
        .set({
          status,
          stored_count: stored,
          duplicate_count: duplicates,
          errors: JSON.stringify(refused.map((r) => errorRecord(r.error))),
          finished_at: new Date(),
        })
        .where('id', '=', job.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await appendAudit(trx, ctx, {
        action: 'trace.capture',
        entityType: 'trace_capture',
        entityId: job.id,
        regionCode: prepared[0]?.placement.regionCode ?? null,
        after: {
          documentType: verdict.type,
          events: eventCount,
          stored,
          duplicates,
          ...(greedy ? { errorBehaviour: behaviour, refused: refused.length } : {}),
          enterprise: owner,
        },
      });
      return presentJob(done);
    });
  } catch (err) {
    if (isStorageRefusal(err)) return refuse(db, actor, verdict.type, eventCount, err, behaviour);
    throw err;
  }
}

/** POST /epcis/events: one event. Returns the eventID and whether it was new (201) or an identical retry (200). */
export async function captureEvent(db: Db, actor: Actor, event: unknown, ctx: AuditContext): Promise<{ eventID: string; created: boolean }> {
  const verdict = validateEpcisEvent(event);
  if (!verdict.ok) return refuse(db, actor, claimedType(event), 1, invalid(verdict.errors));
  const context = (event as Record<string, unknown>)['@context'];
  try {
    return await storeOneEvent(db, actor, verdict.event, context, ctx);
  } catch (err) {
    if (isStorageRefusal(err)) return refuse(db, actor, verdict.event.type, 1, err);
    throw err;
  }
}

async function storeOneEvent(db: Db, actor: Actor, event: EpcisEvent, context: unknown, ctx: AuditContext): Promise<{ eventID: string; created: boolean }> {
  const prepared = await prepare(db, actor, [{ index: 0, event }], () => '');
  const p = prepared[0];
  if (!p) throw new AppError(400, 'EPCIS_VALIDATION_FAILED', '没有事件 / no event');
  return inTransaction(db, async (trx) => {
    const job = await trx
      .insertInto('trace_capture')
      .values({ status: 'running', document_type: p.index.type, event_count: 1, created_by: actor.id, enterprise_credit_code: capturedFor(actor, prepared) })
      .returning('id')
      .executeTakeFirstOrThrow();
    const { stored, duplicates } = await store(trx, prepared, job.id, context);
    await trx
      .updateTable('trace_capture')
      .set({ status: 'success', stored_count: stored, duplicate_count: duplicates, finished_at: new Date() })
      .where('id', '=', job.id)
      .execute();
    await appendAudit(trx, ctx, {
      action: 'trace.capture',
      entityType: 'trace_event',
      entityId: p.eventID,
      regionCode: p.placement.regionCode,
      after: { eventType: p.index.type, stored, duplicates },
    });
    return { eventID: p.eventID, created: stored === 1 };
  });
}
