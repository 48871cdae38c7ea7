import { sql } from 'kysely';
import { CalendarRangeError, type WorkdayCalendar } from '../../../../common/calendar/index.ts';
import {
  type FinishInput,
  type Page,
  PUBLICATION_WORKDAYS,
  type PublicationQueueEntry,
  type PublicTaskResults,
  type PublicTaskSummary,
  type ResultCategory,
  type TaskDetail,
} from '../../../../common/inspection-api.ts';
import { inspectionEventSummary } from '../../../../common/inspection-labels.ts';
import { type AuditContext, appendAudit } from '../../../platform/audit.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError, notFound, validationFailed } from '../../../platform/errors.ts';
import type { RegionDirectory } from '../../../platform/regions.ts';
import { type Actor, regionCodeInScope } from '../../../platform/scope.ts';
import { inTransaction } from '../../../platform/transaction.ts';
import { calendarError, workdayCalendar } from '../../calendar/index.ts';
import { appendEntityEvent } from '../../entities/index.ts';
import { requireRegulator, rootOf } from '../access.ts';
import { todayInShanghai } from '../dates.ts';
import { dueOnCalendar, presentSummary } from '../tasks/present.ts';
import { itemsOfTasks, pageOfTasks, taskQuery } from '../tasks/queries.ts';
import { getTask, loadTaskForManage, requireStatus } from '../tasks/task-service.ts';

/**
 * 一公开: a task is finished when every target has a result; its results are then due for publication within 20
 * working days of the day the inspection ended (企业信息公示暂行条例 第六条; SAMR: "抽查检查结束之日起20个工作日之内"),
 * counted on the statutory calendar with make-up workdays — never guessed beyond the calendar's data. Publishing
 * makes the results public and writes an 'inspection' event on each entity's timeline.
 */

/**
 * The publication deadline for an inspection that ended on `endedOn`, on the server's statutory calendar
 * (`workdayCalendar(db)`: the package plus the published entered years). A date outside the calendar's years is a
 * 400 (CALENDAR_OUT_OF_RANGE on `field`); a deadline running past them is returned as null with the reason.
 */
export function publicationDue(endedOn: string, calendar: WorkdayCalendar, field = 'body.endedOn'): { due: string | null; error: string | null } {
  try {
    return { due: calendar.addWorkdays(endedOn, PUBLICATION_WORKDAYS), error: null };
  } catch (err) {
    if (err instanceof CalendarRangeError && err.reason === 'result') {
      return {
        due: null,
        error: `自 ${endedOn} 起第 ${PUBLICATION_WORKDAYS} 个工作日超出法定节假日数据覆盖的年份（${err.firstYear}–${err.lastYear} 年），待国务院办公厅公布下一年度安排并更新日历后计算 / the deadline runs past the years the statutory calendar covers (${err.firstYear}–${err.lastYear}); it is not guessed`,
      };
    }
    throw calendarError(err, { from: field }, { from: endedOn });
  }
}

/** Ends the inspection on `endedOn`: every target needs a result. A retry with the same day changes nothing. */
export async function finishTask(db: Db, regions: RegionDirectory, actor: Actor, id: string, input: FinishInput, ctx: AuditContext): Promise<TaskDetail> {
  const calendar = await workdayCalendar(db);
  await inTransaction(db, async (trx) => {
    const task = await loadTaskForManage(trx, regions, actor, id);
    if (task.status === 'finished' && task.ended_on === input.endedOn) return;
    requireStatus(task, 'in_progress');
    if (input.endedOn > todayInShanghai()) {
      throw validationFailed([{ field: 'body.endedOn', rule: 'past', message: '检查结束日期不能晚于今天 / the end day cannot be in the future' }]);
    }
    const open = await trx
      .selectFrom('inspection_task_target')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('task_id', '=', id)
      .where('result_category', 'is', null)
      .executeTakeFirstOrThrow();
    if (Number(open.n) > 0) {
      throw new AppError(409, 'INSPECTION_RESULTS_MISSING', `还有 ${open.n} 户检查对象未录入结果 / ${open.n} targets have no result yet`, [
        { missing: Number(open.n) },
      ]);
    }
    const last = await trx
      .selectFrom('inspection_task_target')
      .select((eb) => eb.fn.max('inspected_on').as('d'))
      .where('task_id', '=', id)
      .executeTakeFirstOrThrow();
    const lastDay = last.d === null ? null : String(last.d);
    if (lastDay !== null && input.endedOn < lastDay) {
      throw validationFailed([
        { field: 'body.endedOn', rule: 'order', message: `结束日期不得早于最后一次检查（${lastDay}）/ the end is before the last inspection day` },
      ]);
    }
    const { due, error } = publicationDue(input.endedOn, calendar);
    await trx
      .updateTable('inspection_task')
      .set({ status: 'finished', ended_on: input.endedOn, finished_at: sql`now()`, publication_due: due, publication_due_error: error, updated_at: sql`now()` })
      .where('id', '=', id)
      .execute();
    await appendAudit(trx, ctx, {
      action: 'inspection.task.finish',
      entityType: 'inspection_task',
      entityId: id,
      regionCode: task.region_code,
      after: { endedOn: input.endedOn, publicationDue: due, publicationDueError: error },
    });
  });
  return getTask(db, regions, actor, id);
}

/** Publishes the results (一公开) and records each on the entity's timeline. A retry changes nothing. */
export async function publishTask(db: Db, regions: RegionDirectory, actor: Actor, id: string, ctx: AuditContext): Promise<TaskDetail> {
  const calendar = await workdayCalendar(db);
  await inTransaction(db, async (trx) => {
    const task = await loadTaskForManage(trx, regions, actor, id);
    if (task.status === 'published') return;
    requireStatus(task, 'finished');
    const targets = await trx
      .selectFrom('inspection_task_target')
      .select(['id', 'credit_code', 'result_category', 'inspected_on'])
      .where('task_id', '=', id)
      .orderBy('draw_order')
      .execute();
    for (const t of targets) {
      const category = t.result_category as ResultCategory; // finishTask required a result for every target
      await appendEntityEvent(
        trx,
        {
          creditCode: t.credit_code,
          occurredOn: t.inspected_on ?? task.ended_on ?? todayInShanghai(),
          kind: 'inspection',
          summary: inspectionEventSummary(task.kind, task.name, category),
          sourceModule: 'inspections',
          reference: id,
          details: { taskId: id, taskName: task.name, category, random: task.kind === 'random' },
          dedupeKey: `inspections:result:${t.id}`,
          recordedBy: actor.id,
          isDemo: task.is_demo,
        },
        { ifMissing: 'skip' },
      );
    }
    await trx
      .updateTable('inspection_task')
      .set({ status: 'published', published_at: sql`now()`, published_by: actor.id, updated_at: sql`now()` })
      .where('id', '=', id)
      .execute();
    // a deadline the calendar could not give at the finish may be known now (a next year published since)
    const due = task.publication_due ?? (task.ended_on ? dueOnCalendar(task.ended_on, calendar) : null);
    await appendAudit(trx, ctx, {
      action: 'inspection.task.publish',
      entityType: 'inspection_task',
      entityId: id,
      regionCode: task.region_code,
      after: { targets: targets.length, publicationDue: due, late: due !== null && todayInShanghai() > due },
    });
  });
  return getTask(db, regions, actor, id);
}

/**
 * Finished tasks of the caller's region waiting for publication, the most urgent first. The deadline is 20 working
 * days after the end, and adding working days never moves an earlier end past a later one, so the end date orders
 * them by deadline — also those whose deadline is not stored (it ran past the calendar's years when they finished).
 */
export async function publicationQueue(
  db: Db,
  regions: RegionDirectory,
  actor: Actor,
  input: { page: number; pageSize: number },
): Promise<Page<PublicationQueueEntry>> {
  requireRegulator(actor);
  const q = taskQuery(db)
    .where(regionCodeInScope('t.region_code', rootOf(actor)))
    .where('t.status', '=', 'finished');
  const { rows, total, items } = await pageOfTasks(db, q, (q) => q.orderBy('t.ended_on').orderBy('t.id'), input);
  const today = todayInShanghai();
  const calendar = await workdayCalendar(db);
  return {
    items: rows.flatMap((r) => {
      const s = presentSummary(r, items.get(r.id) ?? [], regions, today, calendar);
      return s.publication ? [{ ...s, publication: s.publication }] : [];
    }),
    total,
    page: input.page,
    pageSize: input.pageSize,
  };
}

// --- public (no login) ---

function publicSummaryQuery(db: Db) {
  return db
    .selectFrom('inspection_task as t')
    .select([
      't.id',
      't.name',
      't.kind',
      't.region_code',
      't.ended_on',
      't.published_at',
      sql<number>`(select count(*) from inspection_task_target x where x.task_id = t.id)`.as('target_count'),
    ])
    .where('t.status', '=', 'published');
}

async function publicSummaries(
  db: Db,
  regions: RegionDirectory,
  rows: Awaited<ReturnType<ReturnType<typeof publicSummaryQuery>['execute']>>,
): Promise<PublicTaskSummary[]> {
  const items = await itemsOfTasks(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    kind: r.kind,
    regionName: regions.get(r.region_code)?.name ?? r.region_code,
    items: (items.get(r.id) ?? []).map((i) => ({ code: i.code, name: i.name, kind: i.kind })),
    endedOn: r.ended_on,
    publishedAt: r.published_at ? new Date(r.published_at).toISOString() : '',
    targetCount: Number(r.target_count),
    verifiable: r.kind === 'random',
  }));
}

/** Published tasks (公示), newest first, by task name or by an entity's name or credit code. */
export async function listPublicResults(
  db: Db,
  regions: RegionDirectory,
  input: { page: number; pageSize: number; q?: string },
): Promise<Page<PublicTaskSummary>> {
  let q = publicSummaryQuery(db);
  if (input.q) {
    const like = `%${input.q.trim().replace(/[\\%_]/g, '\\$&')}%`;
    q = q.where((eb) =>
      eb.or([
        eb('t.name', 'ilike', like),
        eb.exists(
          eb
            .selectFrom('inspection_task_target as x')
            .select('x.id')
            .whereRef('x.task_id', '=', 't.id')
            .where((e) => e.or([e('x.entity_name', 'ilike', like), e('x.credit_code', '=', input.q?.trim().toUpperCase() ?? '')])),
        ),
      ]),
    );
  }
  const [rows, count] = await Promise.all([
    q
      .orderBy('t.published_at', 'desc')
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize)
      .execute(),
    q
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items: await publicSummaries(db, regions, rows), total: Number(count.n), page: input.page, pageSize: input.pageSize };
}

/** One published task: its targets (credit code, name) and results — no credit class, no inspector. */
export async function getPublicResults(db: Db, regions: RegionDirectory, id: string): Promise<PublicTaskResults> {
  const row = await publicSummaryQuery(db).where('t.id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  const [summary] = await publicSummaries(db, regions, [row]);
  if (!summary) throw notFound();
  const targets = await db
    .selectFrom('inspection_task_target')
    .select(['credit_code', 'entity_name', 'result_category', 'inspected_on'])
    .where('task_id', '=', id)
    .orderBy('entity_name')
    .execute();
  return {
    ...summary,
    targets: targets.map((t) => ({
      creditCode: t.credit_code,
      name: t.entity_name,
      category: t.result_category as ResultCategory | null, // the column's check constraint lists RESULT_CATEGORIES
      inspectedOn: t.inspected_on,
    })),
  };
}
