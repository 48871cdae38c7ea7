import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { canonicalJson } from './canonical-json.ts';
import type { Db } from './db.ts';

// Serialises appends: each row's hash depends on the one before, so two writers must not interleave.
const AUDIT_LOCK_KEY = 7_265_002;
export const GENESIS_HASH = '0'.repeat(64);

/** Who did it and from where; built from the request (see request-context.ts). */
export interface AuditContext {
  actorId: string | null;
  actorUsername: string | null;
  actorRole: string | null;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
}

/** What was done: `action` is verb-like (`user.create`, `auth.login`), before/after are plain JSON. */
export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: string | null;
  regionCode?: string | null;
  before?: unknown;
  after?: unknown;
}

interface ChainedContent {
  seq: number;
  occurredAt: string;
  actorId: string | null;
  actorUsername: string | null;
  actorRole: string | null;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  regionCode: string | null;
  before: unknown;
  after: unknown;
}

/** hash = SHA-256(prev_hash || canonical JSON of the row's content), hex. */
export function chainHash(prevHash: string, content: ChainedContent): string {
  return createHash('sha256').update(prevHash).update(canonicalJson(content)).digest('hex');
}

// What jsonb gives back: Dates become strings, undefined members vanish. Hash what will be read.
const asStoredJson = (v: unknown): unknown => (v === undefined || v === null ? null : JSON.parse(JSON.stringify(v)));

/**
 * Appends one row to the audit chain. Call inside the transaction of the write it records, so the
 * write and its audit row commit or roll back together.
 */
export async function appendAudit(trx: Db, ctx: AuditContext, entry: AuditEntry): Promise<number> {
  await sql`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`.execute(trx);
  const head = await trx.selectFrom('platform_audit_head').select(['seq', 'hash']).executeTakeFirst();
  const content: ChainedContent = {
    seq: (head?.seq ?? 0) + 1,
    occurredAt: new Date().toISOString(),
    actorId: ctx.actorId,
    actorUsername: ctx.actorUsername,
    actorRole: ctx.actorRole,
    ip: ctx.ip,
    userAgent: ctx.userAgent,
    requestId: ctx.requestId,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId ?? null,
    regionCode: entry.regionCode ?? null,
    before: asStoredJson(entry.before),
    after: asStoredJson(entry.after),
  };
  const prevHash = head?.hash ?? GENESIS_HASH;
  const hash = chainHash(prevHash, content);
  await trx
    .insertInto('platform_audit')
    .values({
      seq: content.seq,
      occurred_at: content.occurredAt,
      actor_id: content.actorId,
      actor_username: content.actorUsername,
      actor_role: content.actorRole,
      ip: content.ip,
      user_agent: content.userAgent,
      request_id: content.requestId,
      action: content.action,
      entity_type: content.entityType,
      entity_id: content.entityId,
      region_code: content.regionCode,
      before: content.before === null ? null : JSON.stringify(content.before),
      after: content.after === null ? null : JSON.stringify(content.after),
      prev_hash: prevHash,
      hash,
    })
    .execute();
  await trx
    .insertInto('platform_audit_head')
    .values({ id: true, seq: content.seq, hash })
    .onConflict((oc) => oc.column('id').doUpdateSet({ seq: content.seq, hash }))
    .execute();
  return content.seq;
}

export interface ChainVerdict {
  ok: boolean;
  checked: number;
  headSeq: number;
  firstBroken: { seq: number; reason: string } | null;
}

/**
 * Walks the whole chain in order and names the first broken link: a changed row (hash mismatch),
 * a deleted or inserted row (sequence gap or prev_hash mismatch), or deleted newest rows (head mismatch).
 */
export async function verifyAuditChain(db: Db, batchSize = 2000): Promise<ChainVerdict> {
  const head = await db.selectFrom('platform_audit_head').select(['seq', 'hash']).executeTakeFirst();
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let checked = 0;
  const broken = (seq: number, reason: string): ChainVerdict => ({ ok: false, checked, headSeq: head?.seq ?? 0, firstBroken: { seq, reason } });
  for (;;) {
    const rows = await db.selectFrom('platform_audit').selectAll().where('seq', '>=', expectedSeq).orderBy('seq').limit(batchSize).execute();
    for (const row of rows) {
      if (row.seq !== expectedSeq) return broken(expectedSeq, `第 ${expectedSeq} 条缺失（被删除）/ row ${expectedSeq} is missing (deleted)`);
      if (row.prev_hash !== prevHash)
        return broken(
          row.seq,
          `第 ${row.seq} 条的前序哈希不符（前一条被删除、插入或修改）/ row ${row.seq} does not link to the row before it (a row was deleted, inserted or changed)`,
        );
      const recomputed = chainHash(prevHash, {
        seq: row.seq,
        occurredAt: row.occurred_at.toISOString(),
        actorId: row.actor_id,
        actorUsername: row.actor_username,
        actorRole: row.actor_role,
        ip: row.ip,
        userAgent: row.user_agent,
        requestId: row.request_id,
        action: row.action,
        entityType: row.entity_type,
        entityId: row.entity_id,
        regionCode: row.region_code,
        before: row.before,
        after: row.after,
      });
      if (recomputed !== row.hash) return broken(row.seq, `第 ${row.seq} 条内容被修改 / row ${row.seq} was changed after it was written`);
      prevHash = row.hash;
      expectedSeq = row.seq + 1;
      checked++;
    }
    if (rows.length < batchSize) break;
  }
  const lastSeq = expectedSeq - 1;
  if ((head?.seq ?? 0) !== lastSeq || (head?.hash ?? GENESIS_HASH) !== prevHash) {
    const seq = Math.min(lastSeq + 1, head?.seq ?? lastSeq + 1);
    return broken(
      seq,
      `链尾不符：记录的最新序号为 ${head?.seq ?? 0}，实际为 ${lastSeq}（最新的记录被删除或链尾被改）/ chain head says ${head?.seq ?? 0} rows, found ${lastSeq} (newest rows deleted or head changed)`,
    );
  }
  return { ok: true, checked, headSeq: lastSeq, firstBroken: null };
}
