import type { FinalizeDueResult } from '../../../../common/sampling/api.ts';
import { addDays, todayInShanghai } from '../../../../common/sampling/dates.ts';
import { retestLastDayOrNull } from '../../../../common/sampling/retest.ts';
import type { AuditContext } from '../../../platform/audit.ts';
import type { Db } from '../../../platform/db.ts';
import type { RegionDirectory } from '../../../platform/regions.ts';
import type { JobDefinition } from '../../../platform/scheduler.ts';
import { regionCodeInScope } from '../../../platform/scope.ts';
import { inTransaction } from '../../../platform/transaction.ts';
import { workdayCalendar } from '../../calendar/index.ts';
import { recordFinalConclusion } from './finalize.ts';
import { selectItems, selectSampleInScope } from './queries.ts';

/**
 * Makes final every issued 不合格 under `scopePath` whose 复检 window passed before `today` without a request
 * (final on the day after the last day). No permission check: the caller has made it — the finalize-due route
 * (workflow-service.ts finalizeDueSamples, a regulator in scope) or the daily job below (the whole city).
 * `recordedBy`: the user for the entity timeline, null for the system.
 */
export async function closePassedRetestWindows(
  db: Db,
  regions: RegionDirectory,
  scopePath: string,
  ctx: AuditContext,
  options: { today?: string; recordedBy?: string | null } = {},
): Promise<FinalizeDueResult> {
  const today = options.today ?? todayInShanghai();
  const calendar = await workdayCalendar(db);
  return inTransaction(db, async (trx) => {
    const due = await trx
      .selectFrom('sampling_sample')
      .select(['id', 'notified_on', 'retest_rule'])
      .where('status', '=', 'issued')
      .where('conclusion', '=', 'fail')
      .where('notified_on', 'is not', null)
      .where(regionCodeInScope('region_code', scopePath))
      .orderBy('sample_no')
      .forUpdate()
      .execute();
    const ids: string[] = [];
    for (const d of due) {
      const lastDay = d.notified_on ? retestLastDayOrNull(calendar, d.notified_on, d.retest_rule) : null;
      if (lastDay === null || today <= lastDay) continue;
      // Locked by the select above.
      const row = await selectSampleInScope(trx, d.id, { kind: 'region', path: scopePath });
      if (!row) continue;
      const items = await selectItems(trx, d.id);
      await recordFinalConclusion(
        trx,
        regions,
        row,
        items,
        { conclusion: 'fail', via: 'window_closed', on: addDays(lastDay, 1) },
        options.recordedBy ?? null,
        ctx,
      );
      ids.push(d.id);
    }
    return { finalized: ids.length, sampleIds: ids };
  });
}

/** How many finalised sample ids a run's summary keeps (the audit trail has every one). */
const SUMMARY_IDS = 20;

/**
 * 每日复检期满结案: at 00:30 each day, every passed 复检 window in the city is closed as of that day — what a
 * regulator's 结转 button did by hand.
 */
export const finalizeDueSamplesJob: JobDefinition = {
  name: 'sampling.finalize_due',
  title: '每日复检期满结案',
  schedule: { kind: 'daily', at: '00:30' },
  async run(ctx) {
    const city = ctx.regions.all().find((r) => r.level === 'city');
    if (!city) throw new Error('no city region in platform_region');
    const result = await closePassedRetestWindows(ctx.db, ctx.regions, city.path, ctx.audit, { today: ctx.slot, recordedBy: null });
    return { finalized: result.finalized, sampleIds: result.sampleIds.slice(0, SUMMARY_IDS) };
  },
};
