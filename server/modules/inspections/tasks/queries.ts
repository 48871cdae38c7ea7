import { type Expression, type SqlBool, sql } from 'kysely';
import type { ItemRef } from '../../../../common/inspection-api.ts';
import type { Db } from '../../../platform/db.ts';
import { itemRefsBy } from '../plans/item-service.ts';

/** The task row with its plan name and target/result counts (everything a summary shows). */
export function taskQuery(db: Db) {
  return db
    .selectFrom('inspection_task as t')
    .leftJoin('inspection_plan as p', 'p.id', 't.plan_id')
    .selectAll('t')
    .select([
      'p.name as plan_name',
      sql<number>`(select count(*) from inspection_task_target x where x.task_id = t.id)`.as('target_count'),
      sql<number>`(select count(*) from inspection_task_target x where x.task_id = t.id and x.result_category is not null)`.as('result_count'),
      sql<number>`(select count(*) from inspection_recusal r where r.task_id = t.id and r.status = 'approved')`.as('redraw_count'),
    ]);
}

export type TaskRow = NonNullable<Awaited<ReturnType<ReturnType<typeof taskQuery>['executeTakeFirst']>>>;

type TaskQuery = ReturnType<typeof taskQuery>;

/** One page of `q` sorted by `order`, the total (unsorted count) and the page's items by task id. */
export async function pageOfTasks(
  db: Db,
  q: TaskQuery,
  order: (q: TaskQuery) => TaskQuery,
  input: { page: number; pageSize: number },
): Promise<{ rows: TaskRow[]; total: number; items: Map<string, ItemRef[]> }> {
  const [rows, count] = await Promise.all([
    order(q)
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize)
      .execute(),
    q
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  const items = await itemsOfTasks(
    db,
    rows.map((r) => r.id),
  );
  return { rows, total: Number(count.n), items };
}

/** Tasks with a target the given inspector is assigned to. */
export function assignedTo(inspectorId: string | null): Expression<SqlBool> {
  if (inspectorId === null) return sql<SqlBool>`false`;
  return sql<SqlBool>`exists (select 1 from inspection_task_target x where x.task_id = t.id and ${inspectorId}::uuid = any(x.inspector_ids))`;
}

/** The items of the given tasks, by task id. */
export async function itemsOfTasks(db: Db, taskIds: string[]): Promise<Map<string, ItemRef[]>> {
  if (taskIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('inspection_task_item as ti')
    .innerJoin('inspection_item as i', 'i.id', 'ti.item_id')
    .select(['ti.task_id', 'i.id', 'i.code', 'i.version', 'i.name', 'i.kind'])
    .where('ti.task_id', 'in', taskIds)
    .orderBy('i.code')
    .execute();
  return itemRefsBy(rows, (r) => r.task_id);
}

/** Inspector names by id (the draw stores opaque ids). */
export async function inspectorNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .selectFrom('inspection_inspector')
    .select(['id', 'name'])
    .where(sql<SqlBool>`id = any(${sql.val(unique)}::uuid[])`)
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
