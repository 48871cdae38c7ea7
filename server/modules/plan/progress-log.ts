import type { ProgressLogEntry, ProgressStatus } from '../../../common/plan-api.ts';
import type { Db } from '../../platform/db.ts';
import type { RegionDirectory } from '../../platform/regions.ts';
import { getIndicatorRow, getPlanRow } from './plan-service.ts';
import { computeProgress, defaultYear, rollupRegions } from './progress-service.ts';

/**
 * The progress log (migration 0005): computed results with their method and method version, written
 * in the transaction of whatever changed them, one row per change. Reading pages compute progress live
 * from published values; this log is the record of what the platform said, and when.
 */

const same = (a: number | null, b: number | null) => (a === null || b === null ? a === b : Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a)));

/**
 * Recomputes the given indicators for the given regions (as of the plan's current data year) and logs
 * each result that differs from the last one logged. Returns the number of rows written.
 */
export async function logProgress(
  trx: Db,
  regions: RegionDirectory,
  planId: string,
  indicatorIds: string[],
  regionCodes: string[],
  cause: string,
): Promise<number> {
  if (indicatorIds.length === 0 || regionCodes.length === 0) return 0;
  const plan = await getPlanRow(trx, planId);
  const year = defaultYear(plan);
  const items = await computeProgress(trx, regions, planId, year, regionCodes, indicatorIds);
  const last = await trx
    .selectFrom('plan_progress_log')
    .select(['indicator_id', 'region_code', 'data_year', 'status', 'progress_value', 'method_version'])
    .distinctOn(['indicator_id', 'region_code'])
    .where('indicator_id', 'in', indicatorIds)
    .where('region_code', 'in', regionCodes)
    .orderBy('indicator_id')
    .orderBy('region_code')
    .orderBy('id', 'desc')
    .execute();
  const previous = new Map(last.map((r) => [`${r.indicator_id}|${r.region_code}`, r]));
  const rows = items.filter((p) => {
    const before = previous.get(`${p.indicatorId}|${p.regionCode}`);
    return (
      !before ||
      before.data_year !== p.year ||
      before.status !== p.progress.status ||
      before.method_version !== p.progress.methodVersion ||
      !same(before.progress_value, p.progress.progressValue)
    );
  });
  if (rows.length === 0) return 0;
  await trx
    .insertInto('plan_progress_log')
    .values(
      rows.map((p) => ({
        indicator_id: p.indicatorId,
        region_code: p.regionCode,
        data_year: p.year,
        status: p.progress.status,
        progress_value: p.progress.progressValue,
        score: p.progress.score,
        current_value: p.currentValue,
        target_value: p.targetValue,
        method: p.progress.method,
        method_version: p.progress.methodVersion,
        components: JSON.stringify(p.progress.components ?? {}),
        cause,
      })),
    )
    .execute();
  return rows.length;
}

/** The regions whose result a value of `regionCode` can move: itself, and the city when county values add up to it. */
export function affectedRegions(regions: RegionDirectory, ind: { region_rollup: string }, regionCode: string): string[] {
  const city = rollupRegions(regions).find((r) => r.level === 'city');
  const out = [regionCode];
  if (city && regionCode !== city.code && ind.region_rollup === 'sum') out.push(city.code);
  return out;
}

/** An indicator's logged results, newest first. */
export async function progressLog(db: Db, regions: RegionDirectory, indicatorId: string, limit: number): Promise<ProgressLogEntry[]> {
  await getIndicatorRow(db, indicatorId);
  const rows = await db.selectFrom('plan_progress_log').selectAll().where('indicator_id', '=', indicatorId).orderBy('id', 'desc').limit(limit).execute();
  return rows.map((r) => ({
    id: r.id,
    regionCode: r.region_code,
    regionName: regions.get(r.region_code)?.name ?? r.region_code,
    dataYear: r.data_year,
    status: r.status as ProgressStatus,
    progressValue: r.progress_value,
    score: r.score,
    currentValue: r.current_value,
    targetValue: r.target_value,
    method: r.method,
    methodVersion: r.method_version,
    cause: r.cause,
    computedAt: new Date(r.computed_at).toISOString(),
  }));
}
