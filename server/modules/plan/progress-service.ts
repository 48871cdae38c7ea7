import type { IndicatorProgress, PlanDashboard, ProgressResult, ProgressStatus } from '../../../common/plan-api.ts';
import { PROGRESS_STATUSES } from '../../../common/plan-api.ts';
import { measureProgress } from '../../../common/progress/index.ts';
import type { Db } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import type { Region, RegionDirectory } from '../../platform/regions.ts';
import { type Actor, resolveScopePath } from '../../platform/scope.ts';
import { isDemoLoaded } from '../platform/index.ts';
import { getPlanRow, listIndicatorRows } from './plan-service.ts';
import type { IndicatorRow, PlanRow } from './present.ts';
import { todayInShanghai } from './present.ts';

/**
 * Progress of every indicator per region as of a year, from published (approved) values only — so the
 * same numbers serve the regulators' pages, the public page and the frozen evaluations. The pure
 * measure lives in common/progress; this file gathers its inputs (series, baseline, target).
 */

interface Inputs {
  plan: PlanRow;
  indicators: IndicatorRow[];
  /** indicatorId → regionCode → year → value */
  values: Map<string, Map<string, Map<number, number>>>;
  /** indicatorId → year → provincial reference value */
  references: Map<string, Map<number, number>>;
  /** indicatorId → regionCode → county target */
  regionTargets: Map<string, Map<string, number>>;
}

/** The city and its districts/counties: the regions the plan collects values for. */
export function rollupRegions(regions: RegionDirectory): Region[] {
  return regions.all().filter((r) => r.level === 'city' || r.level === 'county');
}

async function loadInputs(db: Db, planId: string, year: number, onlyIndicators?: string[]): Promise<Inputs> {
  const plan = await getPlanRow(db, planId);
  const all = await listIndicatorRows(db, planId);
  const indicators = onlyIndicators ? all.filter((i) => onlyIndicators.includes(i.id)) : all;
  const ids = indicators.map((i) => i.id);
  const values: Inputs['values'] = new Map();
  const references: Inputs['references'] = new Map();
  const regionTargets: Inputs['regionTargets'] = new Map();
  if (ids.length === 0) return { plan, indicators, values, references, regionTargets };
  const [valueRows, refRows, targetRows] = await Promise.all([
    db
      .selectFrom('plan_value')
      .select(['indicator_id', 'region_code', 'year', 'value'])
      .where('indicator_id', 'in', ids)
      .where('status', '=', 'approved')
      .where('period', '=', 'Y')
      .where('year', '<=', year)
      .execute(),
    db.selectFrom('plan_reference_value').select(['indicator_id', 'year', 'value']).where('indicator_id', 'in', ids).execute(),
    db.selectFrom('plan_region_target').select(['indicator_id', 'region_code', 'target_value']).where('indicator_id', 'in', ids).execute(),
  ]);
  for (const r of valueRows) {
    const byRegion = values.get(r.indicator_id) ?? new Map<string, Map<number, number>>();
    const byYear = byRegion.get(r.region_code) ?? new Map<number, number>();
    byYear.set(r.year, r.value);
    byRegion.set(r.region_code, byYear);
    values.set(r.indicator_id, byRegion);
  }
  for (const r of refRows) {
    const byYear = references.get(r.indicator_id) ?? new Map<number, number>();
    byYear.set(r.year, r.value);
    references.set(r.indicator_id, byYear);
  }
  for (const r of targetRows) {
    const byRegion = regionTargets.get(r.indicator_id) ?? new Map<string, number>();
    byRegion.set(r.region_code, r.target_value);
    regionTargets.set(r.indicator_id, byRegion);
  }
  return { plan, indicators, values, references, regionTargets };
}

function resolveTarget(inputs: Inputs, ind: IndicatorRow, region: Region, year: number): { value: number | null; source: IndicatorProgress['targetSource'] } {
  if (region.level !== 'city' && ind.region_rollup === 'sum') {
    const share = inputs.regionTargets.get(ind.id)?.get(region.code);
    return share === undefined ? { value: null, source: 'none' } : { value: share, source: 'region_target' };
  }
  if (ind.target_value !== null) return { value: ind.target_value, source: 'plan' };
  // A text target (达到省指标): the provincial value for the target year, else the latest one entered up to this year.
  const refs = inputs.references.get(ind.id);
  if (!refs) return { value: null, source: 'none' };
  const exact = refs.get(ind.target_year);
  if (exact !== undefined) return { value: exact, source: 'reference' };
  const years = [...refs.keys()].filter((y) => y <= year).sort((a, b) => b - a);
  const latest = years[0] === undefined ? undefined : refs.get(years[0]);
  return latest === undefined ? { value: null, source: 'none' } : { value: latest, source: 'reference' };
}

function seriesFor(inputs: Inputs, ind: IndicatorRow, region: Region, counties: Region[]): { series: Map<number, number>; summed: boolean } {
  const own = inputs.values.get(ind.id)?.get(region.code) ?? new Map<number, number>();
  if (region.level !== 'city' || ind.region_rollup !== 'sum') return { series: own, summed: false };
  // A summed count without a city figure for a year: the counties' published values add up to it.
  const series = new Map(own);
  let summed = false;
  const years = new Set<number>();
  for (const c of counties) for (const y of inputs.values.get(ind.id)?.get(c.code)?.keys() ?? []) years.add(y);
  for (const y of years) {
    if (series.has(y)) continue;
    const parts = counties.map((c) => inputs.values.get(ind.id)?.get(c.code)?.get(y));
    if (parts.every((p) => p !== undefined)) {
      series.set(
        y,
        parts.reduce<number>((a, b) => a + (b ?? 0), 0),
      );
      summed = true;
    }
  }
  return { series, summed };
}

function progressOf(inputs: Inputs, ind: IndicatorRow, region: Region, counties: Region[], year: number): IndicatorProgress {
  const { plan } = inputs;
  const { series, summed } = seriesFor(inputs, ind, region, counties);
  const points = [...series.entries()]
    .filter(([y]) => y <= year)
    .sort(([a], [b]) => a - b)
    .map(([y, value]) => ({ year: y, value }));
  const target = resolveTarget(inputs, ind, region, year);
  const inPlan = points.filter((p) => p.year > plan.base_year);
  const latest = inPlan.at(-1) ?? null;
  const baseFromSeries = series.get(plan.base_year) ?? null;
  const baseValue =
    region.level === 'city' || ind.region_rollup === 'none' ? (baseFromSeries ?? (region.level === 'city' ? ind.baseline_value : null)) : baseFromSeries;
  let currentValue: number | null = latest?.value ?? null;
  if (ind.accumulation === 'increment') currentValue = inPlan.length ? inPlan.reduce((a, p) => a + p.value, 0) : null;
  const base = ind.accumulation === 'increment' ? 0 : baseValue;
  const result = measureProgress({
    baseYear: plan.base_year,
    baseValue: base,
    currentYear: latest?.year ?? plan.base_year,
    currentValue,
    targetYear: ind.target_year,
    target: target.value,
    direction: ind.direction === -1 ? -1 : 1,
    limit: target.value === null ? ind.limit_value : null,
    accumulation: ind.accumulation,
    series: ind.accumulation === 'increment' ? inPlan : points,
  });
  const progress: ProgressResult = {
    progressValue: result.progressValue,
    score: result.score,
    status: result.status,
    method: result.method,
    methodVersion: result.methodVersion,
    notes:
      target.source === 'none' && region.level !== 'city' && ind.region_rollup === 'sum'
        ? [...result.notes, '该区县未设置分解目标 / no county target set']
        : result.notes,
    currentStatusShare: result.currentStatusShare,
    components: result.components,
    forecast: result.forecast ? { year: result.forecast.targetYear, value: result.forecast.value } : null,
  };
  return {
    indicatorId: ind.id,
    indicatorCode: ind.code,
    regionCode: region.code,
    year,
    currentValue,
    currentYear: latest?.year ?? null,
    baseValue: base,
    baseYear: plan.base_year,
    targetValue: target.value,
    targetSource: target.source,
    summedFromCounties: summed,
    series: points,
    progress,
  };
}

/** Progress of all indicators for the given regions as of `year`. */
export async function computeProgress(
  db: Db,
  regions: RegionDirectory,
  planId: string,
  year: number,
  regionCodes: string[],
  onlyIndicators?: string[],
): Promise<IndicatorProgress[]> {
  const inputs = await loadInputs(db, planId, year, onlyIndicators);
  const counties = rollupRegions(regions).filter((r) => r.level === 'county');
  const out: IndicatorProgress[] = [];
  for (const code of regionCodes) {
    const region = regions.get(code);
    if (!region) continue;
    for (const ind of inputs.indicators) out.push(progressOf(inputs, ind, region, counties, year));
  }
  return out;
}

/** The default year for progress: the latest plan year that has passed (values come in the year after). */
export function defaultYear(plan: Pick<PlanRow, 'start_year' | 'end_year'>, today = todayInShanghai()): number {
  const lastComplete = Number(today.slice(0, 4)) - 1;
  return Math.min(plan.end_year, Math.max(plan.start_year, lastComplete));
}

/**
 * The regions a caller sees progress for: its own region (or the requested one) and, for the city, the
 * counties too. Progress uses published values only; an enterprise account (no region scope) reads the
 * published city-wide view.
 */
export function progressRegions(actor: Actor, regions: RegionDirectory, requested: string | undefined): string[] {
  const region = requested ? regions.get(requested) : undefined;
  if (requested && !region) throw notFound();
  const city = regions.all().find((r) => r.level === 'city');
  const path = actor.role === 'enterprise' ? (region?.path ?? city?.path ?? '/') : resolveScopePath(actor, region);
  return rollupRegions(regions)
    .filter((r) => r.path.startsWith(path))
    .sort((a, b) => a.path.length - b.path.length || a.sortOrder - b.sortOrder)
    .map((r) => r.code);
}

function emptyCounts(): Record<ProgressStatus, number> {
  return Object.fromEntries(PROGRESS_STATUSES.map((s) => [s, 0])) as Record<ProgressStatus, number>;
}

/** Status counts per category for the focus region, the region × indicator heat map, and the work queues. */
export async function planDashboard(
  db: Db,
  regions: RegionDirectory,
  actor: Actor,
  planId: string,
  input: { year?: number; regionCode?: string },
): Promise<PlanDashboard> {
  const plan = await getPlanRow(db, planId);
  const year = input.year ?? defaultYear(plan);
  const regionCodes = progressRegions(actor, regions, input.regionCode);
  const focus = regionCodes[0];
  if (!focus) throw notFound();
  const [items, indicators] = await Promise.all([computeProgress(db, regions, planId, year, regionCodes), listIndicatorRows(db, planId)]);
  const category = new Map(indicators.map((i) => [i.id, i.category]));
  const counts = new Map<string, Record<ProgressStatus, number>>();
  for (const ind of indicators) if (!counts.has(ind.category)) counts.set(ind.category, emptyCounts());
  for (const p of items.filter((i) => i.regionCode === focus)) {
    const c = counts.get(category.get(p.indicatorId) ?? '');
    if (c) c[p.progress.status] += 1;
  }
  const heatmap = regionCodes.map((code) => ({
    regionCode: code,
    regionName: regions.get(code)?.name ?? code,
    statuses: Object.fromEntries(items.filter((i) => i.regionCode === code).map((i) => [i.indicatorCode, i.progress.status])),
  }));
  const path = regions.get(focus)?.path ?? '/';
  // The review queue is regulators' business: other roles see 0.
  const reviewer = actor.role === 'city_admin' || actor.role === 'county_officer';
  const pending = await db
    .selectFrom('plan_value as v')
    .innerJoin('plan_indicator as i', 'i.id', 'v.indicator_id')
    .innerJoin('platform_region as r', 'r.code', 'v.region_code')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('i.plan_id', '=', planId)
    .where('v.status', '=', 'submitted')
    .where('r.path', 'like', `${path}%`)
    .executeTakeFirstOrThrow();
  const overdue = await db
    .selectFrom('plan_milestone as m')
    .innerJoin('plan_project as p', 'p.id', 'm.project_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('p.plan_id', '=', planId)
    .where('m.completed_at', 'is', null)
    .where('m.due_date', '<', todayInShanghai())
    .executeTakeFirstOrThrow();
  return {
    planId,
    year,
    regionCode: focus,
    statusCounts: [...counts.entries()].map(([cat, c]) => ({ category: cat, counts: c })),
    heatmap,
    indicators: items.filter((i) => i.regionCode === focus),
    pendingReview: reviewer ? Number(pending.n) : 0,
    overdueMilestones: Number(overdue.n),
    demo: await isDemoLoaded(db),
  };
}
