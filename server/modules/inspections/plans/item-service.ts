import type { InspectionItem, ItemInput, ItemRef, ItemRevision } from '../../../../common/inspection-api.ts';
import { type AuditContext, appendAudit } from '../../../platform/audit.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError, notFound, validationFailed } from '../../../platform/errors.ts';
import type { Actor } from '../../../platform/scope.ts';
import { inTransaction } from '../../../platform/transaction.ts';
import { requireCityAdmin, requireStaff } from '../access.ts';

/**
 * The 随机抽查事项清单 (国办发〔2015〕58号: no inspection without a legal basis; 国市监信〔2019〕38号: 一般 / 重点).
 * Versioned and public: a revision writes a new version and supersedes the old one, so a task keeps the exact
 * wording it was planned with; a retired item is offered to no new plan or task.
 */

type ItemRow = {
  id: string;
  code: string;
  version: number;
  name: string;
  kind: 'general' | 'key';
  legal_basis: string;
  subject: string | null;
  method: string | null;
  status: 'current' | 'superseded' | 'retired';
  created_at: Date;
  is_demo: boolean;
};

export function presentItem(r: ItemRow): InspectionItem {
  return {
    id: r.id,
    code: r.code,
    version: r.version,
    name: r.name,
    kind: r.kind,
    legalBasis: r.legal_basis,
    subject: r.subject,
    method: r.method,
    status: r.status,
    createdAt: new Date(r.created_at).toISOString(),
    isDemo: r.is_demo,
  };
}

async function selectItems(db: Db, history: boolean): Promise<InspectionItem[]> {
  let q = db.selectFrom('inspection_item').selectAll();
  if (!history) q = q.where('status', '=', 'current');
  const rows = await q.orderBy('code').orderBy('version', 'desc').execute();
  return rows.map(presentItem);
}

/** The list as staff read it (with history on request). */
export async function listItems(db: Db, actor: Actor, history: boolean): Promise<InspectionItem[]> {
  requireStaff(actor);
  return selectItems(db, history);
}

/** The public list (公开): current versions only. */
export function listPublicItems(db: Db): Promise<InspectionItem[]> {
  return selectItems(db, false);
}

function clean(input: ItemRevision) {
  return {
    name: input.name.trim(),
    kind: input.kind,
    legal_basis: input.legalBasis.trim(),
    subject: input.subject?.trim() || null,
    method: input.method?.trim() || null,
  };
}

/** Adds an item (version 1). A code already current is a 409. */
export async function createItem(db: Db, actor: Actor, input: ItemInput, ctx: AuditContext): Promise<InspectionItem> {
  requireCityAdmin(actor);
  const code = input.code.toUpperCase();
  return inTransaction(db, async (trx) => {
    const exists = await trx.selectFrom('inspection_item').select('id').where('code', '=', code).executeTakeFirst();
    if (exists) {
      throw new AppError(409, 'INSPECTION_ITEM_CODE_TAKEN', `事项编码 ${code} 已存在，请修订原事项 / item code ${code} exists; revise it instead`, [
        { field: 'body.code', rule: 'unique', message: '事项编码重复 / duplicate code' },
      ]);
    }
    const row = await trx
      .insertInto('inspection_item')
      .values({ code, version: 1, status: 'current', created_by: actor.id, ...clean(input) })
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(trx, ctx, { action: 'inspection.item.create', entityType: 'inspection_item', entityId: row.id, after: presentItem(row) });
    return presentItem(row);
  });
}

/** A new version of a current item; the old one becomes superseded (plans and tasks keep pointing at it). */
export async function reviseItem(db: Db, actor: Actor, id: string, input: ItemRevision, ctx: AuditContext): Promise<InspectionItem> {
  requireCityAdmin(actor);
  return inTransaction(db, async (trx) => {
    const old = await trx.selectFrom('inspection_item').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!old) throw notFound();
    if (old.status !== 'current') {
      throw new AppError(409, 'INSPECTION_ITEM_NOT_CURRENT', '只能修订现行版本 / only the current version can be revised');
    }
    await trx.updateTable('inspection_item').set({ status: 'superseded' }).where('id', '=', id).execute();
    const row = await trx
      .insertInto('inspection_item')
      .values({ code: old.code, version: old.version + 1, status: 'current', created_by: actor.id, ...clean(input) })
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(trx, ctx, {
      action: 'inspection.item.revise',
      entityType: 'inspection_item',
      entityId: row.id,
      before: presentItem(old),
      after: presentItem(row),
    });
    return presentItem(row);
  });
}

/** Retires the current version: no new plan or task may use it. */
export async function retireItem(db: Db, actor: Actor, id: string, ctx: AuditContext): Promise<InspectionItem> {
  requireCityAdmin(actor);
  return inTransaction(db, async (trx) => {
    const old = await trx.selectFrom('inspection_item').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!old) throw notFound();
    if (old.status === 'retired') return presentItem(old);
    if (old.status !== 'current') throw new AppError(409, 'INSPECTION_ITEM_NOT_CURRENT', '只能废止现行版本 / only the current version can be retired');
    const row = await trx.updateTable('inspection_item').set({ status: 'retired' }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    await appendAudit(trx, ctx, { action: 'inspection.item.retire', entityType: 'inspection_item', entityId: id, before: { status: old.status } });
    return presentItem(row);
  });
}

/** The referenced items, all current (a new plan or task takes only current items); 400 naming the field otherwise. */
export async function currentItemRefs(trx: Db, ids: string[], field: string): Promise<ItemRef[]> {
  if (ids.length === 0) return [];
  const rows = await trx.selectFrom('inspection_item').select(['id', 'code', 'version', 'name', 'kind', 'status']).where('id', 'in', ids).execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  const issues = ids.flatMap((id, i) => {
    const r = byId.get(id);
    if (!r) return [{ field: `${field}.${i}`, rule: 'item', message: '抽查事项不存在 / no such item' }];
    if (r.status !== 'current')
      return [{ field: `${field}.${i}`, rule: 'current', message: `事项 ${r.code} 已修订或废止，请选用现行版本 / not the current version` }];
    return [];
  });
  if (issues.length > 0) throw validationFailed(issues);
  return ids.map((id) => {
    const r = byId.get(id);
    if (!r) throw notFound();
    return { id: r.id, code: r.code, version: r.version, name: r.name, kind: r.kind };
  });
}

/** Item rows (each naming the plan or task it belongs to) as refs grouped by that owner, in row order. */
export function itemRefsBy<R extends ItemRef>(rows: R[], ownerOf: (r: R) => string): Map<string, ItemRef[]> {
  const out = new Map<string, ItemRef[]>();
  for (const r of rows) {
    const list = out.get(ownerOf(r)) ?? [];
    list.push({ id: r.id, code: r.code, version: r.version, name: r.name, kind: r.kind });
    out.set(ownerOf(r), list);
  }
  return out;
}
