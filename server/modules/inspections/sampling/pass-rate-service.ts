import type { PassRateQuery, PassRateReport, PassRateRow, PlanDraftInput, PlanDraftResult, PlanOffer } from '../../../../common/sampling/api.ts';
import type { Verdict } from '../../../../common/sampling/conclusion.ts';
import { todayInShanghai } from '../../../../common/sampling/dates.ts';
import { type PassRateTally, sumTallies, tallyPassRate } from '../../../../common/sampling/pass-rate.ts';
import { type AuditContext, appendAudit } from '../../../platform/audit.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError, forbidden, notFound, validationFailed } from '../../../platform/errors.ts';
import type { Region, RegionDirectory } from '../../../platform/regions.ts';
import { type Actor, isPathInScope, requireRole } from '../../../platform/scope.ts';
import { inTransaction } from '../../../platform/transaction.ts';
import { draftIndicatorValue } from '../../plan/index.ts';
import { regionPath } from './access.ts';
import { selectYearTallies } from './queries.ts';

/**
 * 监督抽查合格率 per region, product category and year (common/sampling/pass-rate.ts: batches with a
 * final conclusion; pending ones reported apart). Regions: the districts/counties of the caller's scope,
 * plus the city total when the scope is the city. A sample counts in the year of its sampling date and
 * the region of the sampled enterprise.
 *
 * "Offered to the plan": each category may name the 表1 indicator its pass rate measures
 * (sampling_category.plan_indicator_code, e.g. I02 基本药物抽检合格率). The pooled rate of those categories
 * is drafted into the plan through the plan module's own draft path, with a source note, and goes
 * through the plan's submit → approve review like any typed-in value.
 */

interface Tally {
  regionCode: string;
  categoryId: string;
  final: Verdict | null;
  n: number;
  demo: boolean;
}

/** The regions a report is broken down into: the counties under a city scope, else the scope region itself. */
function reportingRegions(regions: RegionDirectory, root: Region): Region[] {
  if (root.level === 'city') return regions.within(root.path).filter((r) => r.level === 'county');
  return [root];
}

function tallyOf(rows: Tally[]): PassRateTally {
  const conclusions: (Verdict | null)[] = [];
  for (const r of rows) for (let i = 0; i < r.n; i++) conclusions.push(r.final);
  return tallyPassRate(conclusions);
}

async function loadTallies(db: Db, year: number, path: string, categoryId?: string): Promise<Tally[]> {
  const rows = await selectYearTallies(db, year, path, categoryId);
  return rows.map((r) => ({ regionCode: r.region_code, categoryId: r.category_id, final: r.final_conclusion, n: Number(r.n), demo: r.is_demo }));
}

function rootRegion(regions: RegionDirectory, path: string): Region {
  const code = path.split('/').filter(Boolean).pop() ?? '';
  const region = regions.get(code);
  if (!region) throw notFound();
  return region;
}

const under = (regions: RegionDirectory, region: Region) => (t: Tally) => regions.get(t.regionCode)?.path.startsWith(region.path) ?? false;

function canDraftFor(actor: Actor, region: Region): boolean {
  if (region.level === 'township') return false;
  if (actor.role === 'city_admin') return true;
  return actor.role === 'county_officer' && actor.regionCode === region.code;
}

export async function passRates(db: Db, regions: RegionDirectory, actor: Actor, query: PassRateQuery): Promise<PassRateReport> {
  if (actor.role === 'enterprise') throw forbidden();
  const path = regionPath(actor, regions, query.regionCode);
  const root = rootRegion(regions, path);
  const categories = await db.selectFrom('sampling_category').select(['id', 'code', 'name', 'plan_indicator_code']).orderBy('code').execute();
  let categoryId: string | undefined;
  if (query.category) {
    const c = categories.find((x) => x.code === query.category?.toUpperCase() || x.id === query.category);
    if (!c) throw validationFailed([{ field: 'querystring.category', rule: 'exists', message: '没有该产品类别 / no such category' }]);
    categoryId = c.id;
  }
  const tallies = await loadTallies(db, query.year, path, categoryId);
  const breakdown = reportingRegions(regions, root);
  const rows: PassRateRow[] = [];
  const totals: PassRateRow[] = [];
  const row = (region: Region, category: (typeof categories)[number] | null, t: PassRateTally): PassRateRow => ({
    regionCode: region.code,
    regionName: region.name,
    categoryId: category?.id ?? null,
    categoryCode: category?.code ?? null,
    categoryName: category?.name ?? null,
    planIndicatorCode: category?.plan_indicator_code ?? null,
    batches: t.batches,
    passed: t.passed,
    failed: t.failed,
    pending: t.pending,
    passRate: t.passRate,
  });
  for (const region of breakdown) {
    const mine = tallies.filter(under(regions, region));
    const perCategory: PassRateTally[] = [];
    for (const c of categories) {
      const t = tallyOf(mine.filter((x) => x.categoryId === c.id));
      if (t.batches + t.pending === 0) continue;
      perCategory.push(t);
      rows.push(row(region, c, t));
    }
    totals.push(row(region, null, sumTallies(perCategory)));
  }
  if (root.level === 'city') totals.push(row(root, null, tallyOf(tallies)));

  const offers: PlanOffer[] = [];
  const codes = [...new Set(categories.map((c) => c.plan_indicator_code).filter((c): c is string => c !== null))];
  for (const indicatorCode of codes) {
    const mapped = categories.filter((c) => c.plan_indicator_code === indicatorCode && (!categoryId || c.id === categoryId));
    if (mapped.length === 0) continue;
    const ids = new Set(mapped.map((c) => c.id));
    for (const region of [...(root.level === 'city' ? [root] : []), ...breakdown]) {
      const t = tallyOf(tallies.filter((x) => ids.has(x.categoryId)).filter(under(regions, region)));
      offers.push({
        indicatorCode,
        regionCode: region.code,
        regionName: region.name,
        categoryNames: mapped.map((c) => c.name),
        batches: t.batches,
        passed: t.passed,
        pending: t.pending,
        passRate: t.passRate,
        canDraft: canDraftFor(actor, region),
      });
    }
  }
  return { year: query.year, regionCode: root.code, regionName: root.name, rows, totals, offers, isDemo: tallies.some((t) => t.demo) };
}

/**
 * Drafts the pass rate of the categories mapped to `indicatorCode` as the region's actual value for the
 * year, through the plan module (draftIndicatorValue → its saveValue): a draft with the batch counts as
 * numerator/denominator and a source note saying where it came from. Never approved here.
 */
export async function draftPlanValue(db: Db, regions: RegionDirectory, actor: Actor, input: PlanDraftInput, ctx: AuditContext): Promise<PlanDraftResult> {
  requireRole(actor, 'city_admin', 'county_officer');
  const region = regions.get(input.regionCode);
  if (!region || !isPathInScope(actor, region.path)) throw notFound();
  if (!canDraftFor(actor, region)) {
    if (region.level === 'township') {
      throw validationFailed([
        { field: 'body.regionCode', rule: 'level', message: '规划指标按市或区县填报 / plan values are for the city or a district/county' },
      ]);
    }
    throw forbidden();
  }
  return inTransaction(db, async (trx) => {
    const mapped = await trx
      .selectFrom('sampling_category')
      .select(['id', 'name'])
      .where('plan_indicator_code', '=', input.indicatorCode)
      .orderBy('code')
      .execute();
    if (mapped.length === 0) {
      throw validationFailed([
        { field: 'body.indicatorCode', rule: 'mapped', message: `没有产品类别对应指标 ${input.indicatorCode} / no category feeds this indicator` },
      ]);
    }
    const ids = new Set(mapped.map((c) => c.id));
    const tallies = (await loadTallies(trx, input.year, region.path)).filter((t) => ids.has(t.categoryId));
    const t = tallyOf(tallies);
    if (t.passRate === null) {
      throw new AppError(
        409,
        'SAMPLING_NO_FINAL_BATCHES',
        `${input.year} 年${region.name}尚无最终结论的批次，无法计算合格率 / No batch with a final conclusion yet`,
      );
    }
    const today = todayInShanghai();
    const names = mapped.map((c) => c.name).join('、');
    const sourceNote = `监督抽查系统汇总：${input.year}年${region.name}${names}抽检 ${t.batches} 批次（最终结论），合格 ${t.passed} 批次，合格率 = 合格批次/抽检批次${
      t.pending > 0 ? `；另有 ${t.pending} 批次结论未定，未计入` : ''
    }；${today} 生成`;
    const value = await draftIndicatorValue(
      trx,
      regions,
      actor,
      {
        indicatorCode: input.indicatorCode,
        regionCode: region.code,
        year: input.year,
        value: t.passRate,
        numerator: t.passed,
        denominator: t.batches,
        sourceNote,
        ...(input.correctionReason?.trim() ? { correctionReason: input.correctionReason.trim() } : {}),
      },
      ctx,
    );
    await appendAudit(trx, ctx, {
      action: 'sampling.pass_rate.offer',
      entityType: 'plan_value',
      entityId: value.id,
      regionCode: region.code,
      after: { indicatorCode: input.indicatorCode, year: input.year, passRate: t.passRate, passed: t.passed, batches: t.batches, pending: t.pending },
    });
    return {
      valueId: value.id,
      indicatorCode: value.indicatorCode,
      indicatorName: value.indicatorName,
      regionCode: value.regionCode,
      regionName: value.regionName,
      year: value.year,
      value: value.value,
      numerator: value.numerator,
      denominator: value.denominator,
      status: value.status,
      sourceNote: value.sourceNote,
    };
  });
}
