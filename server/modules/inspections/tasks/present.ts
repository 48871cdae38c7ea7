import { CalendarRangeError, type WorkdayCalendar } from '../../../../common/calendar/index.ts';
import type { Stratum } from '../../../../common/draw/types.ts';
import {
  type ItemRef,
  PUBLICATION_WARNING_WORKDAYS,
  PUBLICATION_WORKDAYS,
  type PublicationInfo,
  type Recusal,
  type TaskDetail,
  type TaskSummary,
} from '../../../../common/inspection-api.ts';
import type { RegionDirectory } from '../../../platform/regions.ts';
import { iso } from '../dates.ts';
import { ratiosOf } from '../plans/plan-service.ts';
import type { TaskRow } from './queries.ts';
import { scopeFromJson } from './scope.ts';

/** The 20-working-day deadline after `endedOn`, or null while the calendar does not reach it. */
export function dueOnCalendar(endedOn: string, calendar: WorkdayCalendar): string | null {
  try {
    return calendar.addWorkdays(endedOn, PUBLICATION_WORKDAYS);
  } catch (err) {
    if (err instanceof CalendarRangeError) return null; // the stored publication_due_error says why
    throw err;
  }
}

/**
 * Where a finished task stands against its publication deadline (20 working days after the inspection ended):
 * warning from 3 working days before, overdue after. When the statutory calendar cannot say (the deadline or
 * today lies in a year it does not cover) the state is 'unknown' with the reason — never a guessed count. A deadline
 * that could not be computed when the task was finished (publication_due null) is computed now, on the calendar as it
 * is today: once the administrator publishes the next year's holidays (server/modules/calendar) it is known.
 */
export function publicationInfo(
  row: { status: string; ended_on: string | null; publication_due: string | null; publication_due_error: string | null },
  today: string,
  calendar: WorkdayCalendar,
): PublicationInfo | null {
  if (!row.ended_on) return null;
  const due = row.publication_due ?? dueOnCalendar(row.ended_on, calendar);
  if (row.status === 'published') return { due, state: 'published', workdaysLeft: null, error: null };
  if (!due) return { due: null, state: 'unknown', workdaysLeft: null, error: row.publication_due_error };
  let left: number | null = null;
  let error: string | null = null;
  try {
    left = calendar.workdaysBetween(today, due);
  } catch (err) {
    error = `今日（${today}）超出法定节假日数据覆盖的年份，无法计算剩余工作日 / ${err instanceof Error ? err.message : String(err)}`;
  }
  if (today > due) return { due, state: 'overdue', workdaysLeft: left, error };
  if (left === null) return { due, state: 'unknown', workdaysLeft: null, error };
  return { due, state: left <= PUBLICATION_WARNING_WORKDAYS ? 'warning' : 'ok', workdaysLeft: left, error: null };
}

export function presentSummary(r: TaskRow, items: ItemRef[], regions: RegionDirectory, today: string, calendar: WorkdayCalendar): TaskSummary {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    planId: r.plan_id,
    planName: r.plan_name,
    regionCode: r.region_code,
    regionName: regions.get(r.region_code)?.name ?? r.region_code,
    status: r.status,
    items,
    startsOn: r.starts_on,
    deadline: r.deadline,
    endedOn: r.ended_on,
    publishedAt: iso(r.published_at),
    publication: publicationInfo(r, today, calendar),
    targetCount: Number(r.target_count),
    resultCount: Number(r.result_count),
    isDemo: r.is_demo,
  };
}

/** The task with its draw facts. The seed is shown only once drawn; strata (class counts) only to regulators. */
export function presentDetail(
  r: TaskRow,
  items: ItemRef[],
  recusals: Recusal[],
  regions: RegionDirectory,
  today: string,
  calendar: WorkdayCalendar,
  view: { regulator: boolean; canManage: boolean },
): TaskDetail {
  return {
    ...presentSummary(r, items, regions, today, calendar),
    scope: scopeFromJson(r.scope),
    ratioBasisPoints: ratiosOf(r),
    inspectorsPerTarget: r.inspectors_per_target,
    regionRule: r.region_rule,
    maxTargetsPerInspector: r.max_targets_per_inspector,
    triggerReason: view.regulator ? r.trigger_reason : null,
    draw: {
      poolHash: r.pool_hash,
      targetPoolSize: view.regulator ? r.target_pool_size : null,
      inspectorPoolSize: view.regulator ? r.inspector_pool_size : null,
      frozenAt: iso(r.frozen_at),
      commitment: r.commitment,
      committedAt: iso(r.committed_at),
      publicEntropy: r.drawn_at ? r.public_entropy : null,
      witness: r.drawn_at ? r.witness : null,
      drawnAt: iso(r.drawn_at),
      // README §4: the seed is secret until the draw, and published with it.
      seed: r.drawn_at ? r.seed : null,
      strata: view.regulator && r.strata ? (r.strata as Stratum[]) : null, // written from DrawResult.strata at the draw
      redrawCount: Number(r.redraw_count),
    },
    recusals,
    canManage: view.canManage,
  };
}
