import { normaliseCreditCode } from '../../../common/credit-code.ts';
import { ENTITY_EVENT_KINDS, type EntityEventKind } from '../../../common/entity-api.ts';
import type { Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';

/**
 * The entity timeline (主体时间轴): an append-only list of what happened to a market entity. The
 * entities module writes registration, changes, status, list and licence/certification events; other
 * modules add theirs (检查, 抽检, 处罚 …) through appendEntityEvent, inside their own transaction.
 */

export interface EntityEventInput {
  /** The entity, by id … */
  entityId?: string;
  /** … or by 统一社会信用代码 (what other modules usually hold). */
  creditCode?: string;
  /** YYYY-MM-DD, the calendar day (Asia/Shanghai) the event happened. */
  occurredOn: string;
  kind: EntityEventKind;
  /** One Chinese sentence for the timeline, at most 500 characters: "双随机抽查：未发现问题". */
  summary: string;
  /** The writing module's code name ('inspections', 'risk', 'trace' …). */
  sourceModule: string;
  /** The writer's own id or URL for the thing (task id, sample number); shown as the event's reference. */
  reference?: string | null;
  /** Structured facts for later reading (result category, amounts); plain JSON. */
  details?: Record<string, unknown> | null;
  /**
   * Idempotency key, unique across all writers (prefix it with the module: "inspections:result:<id>").
   * A second append with the same key writes nothing and returns the first event: outbox consumers
   * and retried requests may deliver the same fact twice.
   */
  dedupeKey?: string | null;
  /** platform_user id of whoever caused it, when a person did. */
  recordedBy?: string | null;
  isDemo?: boolean;
}

export interface AppendedEntityEvent {
  id: number;
  entityId: string;
  /** false when dedupeKey matched an event already there (nothing was written). */
  created: boolean;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MODULE = /^[a-z][a-z_]{1,31}$/;

function invalid(field: string, message: string): AppError {
  return new AppError(400, 'ENTITY_EVENT_INVALID', `时间轴事件无效：${message}`, [{ field, rule: 'entity_event', message }]);
}

/**
 * Appends one event to an entity's timeline. Call it with the caller's transaction so the event commits
 * with the fact it records. Throws 404 ENTITY_NOT_FOUND when no entity has that id or credit code, unless
 * `ifMissing: 'skip'` (then returns null: an event about an enterprise not in the registry is dropped).
 * Authorisation is the caller's business: this records facts, it does not check who may state them.
 */
export async function appendEntityEvent(trx: Db, input: EntityEventInput, options: { ifMissing?: 'error' | 'skip' } = {}): Promise<AppendedEntityEvent | null> {
  if (!ENTITY_EVENT_KINDS.includes(input.kind)) invalidThrow('kind', `未知的事件类型 ${String(input.kind)} / unknown kind`);
  if (!DATE.test(input.occurredOn) || Number.isNaN(Date.parse(`${input.occurredOn}T00:00:00Z`))) {
    invalidThrow('occurredOn', `日期应为 YYYY-MM-DD / occurredOn must be YYYY-MM-DD`);
  }
  if (!MODULE.test(input.sourceModule)) invalidThrow('sourceModule', '模块名应为小写字母 / sourceModule must be a lower-case code name');
  const summary = input.summary.trim();
  if (summary.length === 0 || summary.length > 500) invalidThrow('summary', '摘要应为 1–500 字 / summary must be 1–500 characters');

  let entityQuery = trx.selectFrom('entity').select(['id', 'is_demo']);
  if (input.entityId) entityQuery = entityQuery.where('id', '=', input.entityId);
  else if (input.creditCode) entityQuery = entityQuery.where('credit_code', '=', normaliseCreditCode(input.creditCode));
  else invalidThrow('entityId', '须给出 entityId 或 creditCode / give entityId or creditCode');
  const entity = await entityQuery.executeTakeFirst();
  if (!entity) {
    if (options.ifMissing === 'skip') return null;
    throw new AppError(404, 'ENTITY_NOT_FOUND', '市场主体不存在 / No such market entity');
  }

  const inserted = await trx
    .insertInto('entity_event')
    .values({
      entity_id: entity.id,
      occurred_on: input.occurredOn,
      kind: input.kind,
      summary,
      source_module: input.sourceModule,
      reference: input.reference ?? null,
      details: input.details ? JSON.stringify(input.details) : null,
      dedupe_key: input.dedupeKey ?? null,
      recorded_by: input.recordedBy ?? null,
      is_demo: input.isDemo ?? entity.is_demo,
    })
    .onConflict((oc) => oc.column('dedupe_key').where('dedupe_key', 'is not', null).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) return { id: inserted.id, entityId: entity.id, created: true };
  const first = await trx
    .selectFrom('entity_event')
    .select(['id', 'entity_id'])
    .where('dedupe_key', '=', input.dedupeKey ?? '')
    .executeTakeFirstOrThrow();
  return { id: first.id, entityId: first.entity_id, created: false };
}

function invalidThrow(field: string, message: string): never {
  throw invalid(`event.${field}`, message);
}

/** An event the entities module writes about its own changes (source module "entities"). */
export interface OwnEvent {
  entityId: string;
  occurredOn: string;
  kind: EntityEventKind;
  summary: string;
  reference?: string | null;
  details?: Record<string, unknown> | null;
  isDemo?: boolean;
  /** Defaults to 'entities'; the demo seed backdates history other modules will write for real. */
  sourceModule?: string;
}

/** Events planned by the entities module itself, written in chunks of one statement (imports write thousands). */
export async function insertOwnEvents(trx: Db, events: OwnEvent[], recordedBy: string | null): Promise<void> {
  for (let i = 0; i < events.length; i += 500) {
    const chunk = events.slice(i, i + 500);
    await trx
      .insertInto('entity_event')
      .values(
        chunk.map((e) => ({
          entity_id: e.entityId,
          occurred_on: e.occurredOn,
          kind: e.kind,
          summary: e.summary.slice(0, 500),
          source_module: e.sourceModule ?? 'entities',
          reference: e.reference ?? null,
          details: e.details ? JSON.stringify(e.details) : null,
          recorded_by: recordedBy,
          is_demo: e.isDemo ?? false,
        })),
      )
      .execute();
  }
}
