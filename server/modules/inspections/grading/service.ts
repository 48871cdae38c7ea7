import type {
  GradedEnterprise,
  GradingRuleInput,
  GradingRuleVersion,
  ListGradedInput,
  Page,
  RegionGrade,
  RegionGrading,
} from '../../../../common/sampling/api.ts';
import { todayInShanghai } from '../../../../common/sampling/dates.ts';
import {
  colourRegion,
  DEFAULT_GRADING_RULE,
  type EnterpriseGrade,
  type EnterpriseGrading,
  emptyGradeCounts,
  type GradeCounts,
  type GradingRule,
  gradeEnterprise,
  gradingRuleIssues,
  gradingWindow,
} from '../../../../common/sampling/grading.ts';
import { type AuditContext, appendAudit } from '../../../platform/audit.ts';
import type { Db } from '../../../platform/db.ts';
import { forbidden, notFound, validationFailed } from '../../../platform/errors.ts';
import type { Region, RegionDirectory } from '../../../platform/regions.ts';
import { type Actor, requireRole } from '../../../platform/scope.ts';
import { inTransaction } from '../../../platform/transaction.ts';
import { regionPath } from '../sampling/access.ts';
import { countyOf } from '../sampling/present.ts';
import { selectFinalSamples } from '../sampling/queries.ts';

/**
 * 企业分类 (AA/A/B/C) and 区域分色 (红/黄/蓝/绿) from final supervision-sampling conclusions, by the current
 * versioned rule (common/sampling/grading.ts documents it and its sources). Computed on request from the
 * samples — nothing stored that could go stale. Internal to regulators: enterprises and the public do
 * not see grades.
 */

function regulator(actor: Actor): Actor {
  if (actor.role === 'enterprise') throw forbidden();
  return actor;
}

export async function currentRule(db: Db): Promise<GradingRuleVersion> {
  const row = await db
    .selectFrom('sampling_grading_rule as g')
    .leftJoin('platform_user as u', 'u.id', 'g.created_by')
    .selectAll('g')
    .select('u.display_name as created_by_name')
    .orderBy('g.version', 'desc')
    .executeTakeFirst();
  if (!row) return { version: 0, params: DEFAULT_GRADING_RULE, reason: 'default', createdBy: null, createdAt: new Date(0).toISOString() };
  return {
    version: row.version,
    params: row.params as GradingRule,
    reason: row.reason,
    createdBy: row.created_by_name ?? null,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

export async function ruleHistory(db: Db, actor: Actor): Promise<GradingRuleVersion[]> {
  regulator(actor);
  const rows = await db
    .selectFrom('sampling_grading_rule as g')
    .leftJoin('platform_user as u', 'u.id', 'g.created_by')
    .selectAll('g')
    .select('u.display_name as created_by_name')
    .orderBy('g.version', 'desc')
    .execute();
  return rows.map((row) => ({
    version: row.version,
    // jsonb written by this module only (GradingRule, checked by gradingRuleIssues before insert).
    params: row.params as GradingRule,
    reason: row.reason,
    createdBy: row.created_by_name ?? null,
    createdAt: new Date(row.created_at).toISOString(),
  }));
}

/** A new version of the rule (city bureau, with a reason); the old ones stay for the record. */
export async function setRule(db: Db, actor: Actor, input: GradingRuleInput, ctx: AuditContext): Promise<GradingRuleVersion> {
  requireRole(actor, 'city_admin');
  const issues = gradingRuleIssues(input.params).map((i) => ({ field: `body.params.${i.field}`, rule: 'rule', message: i.message }));
  if (!input.reason.trim()) issues.push({ field: 'body.reason', rule: 'required', message: '须说明理由 / a reason is required' });
  if (issues.length > 0) throw validationFailed(issues);
  return inTransaction(db, async (trx) => {
    const before = await currentRule(trx);
    const params: GradingRule = {
      windowYears: input.params.windowYears,
      cMinFailures: input.params.cMinFailures,
      cOnHighRiskFailure: input.params.cOnHighRiskFailure,
      aaMinBatches: input.params.aaMinBatches,
      aaMinYears: input.params.aaMinYears,
      colour: { red: input.params.colour.red, yellow: input.params.colour.yellow, blue: input.params.colour.blue },
      minGradedForColour: input.params.minGradedForColour,
    };
    const version = before.version + 1;
    await trx
      .insertInto('sampling_grading_rule')
      .values({ version, params: JSON.stringify(params), reason: input.reason.trim(), created_by: actor.id })
      .execute();
    await appendAudit(trx, ctx, {
      action: 'sampling.grading_rule.update',
      entityType: 'sampling_grading_rule',
      entityId: String(version),
      before: before.params,
      after: { ...params, reason: input.reason.trim() },
    });
    return currentRule(trx);
  });
}

interface Graded extends EnterpriseGrading {
  entityId: string;
  creditCode: string;
  entityName: string;
  regionCode: string;
  lastSampledOn: string;
  isDemo: boolean;
}

/** Every enterprise sampled in the window below `path`, graded. The region is that of its latest sample. */
async function gradeAll(db: Db, path: string, year: number, rule: GradingRule): Promise<Graded[]> {
  const { fromYear, toYear } = gradingWindow(year, rule);
  const rows = await selectFinalSamples(db, fromYear, toYear, path);
  const byEntity = new Map<string, typeof rows>();
  for (const r of rows) {
    const list = byEntity.get(r.entity_id) ?? [];
    list.push(r);
    byEntity.set(r.entity_id, list);
  }
  const out: Graded[] = [];
  for (const [entityId, list] of byEntity) {
    const graded = gradeEnterprise(
      list.flatMap((r) =>
        r.final_conclusion ? [{ year: Number(r.sampled_on.slice(0, 4)), conclusion: r.final_conclusion, riskLevel: r.category_risk_level }] : [],
      ),
      rule,
    );
    const last = list[list.length - 1];
    if (!graded || !last) continue;
    out.push({
      ...graded,
      entityId,
      creditCode: last.entity_credit_code,
      entityName: last.entity_name,
      regionCode: last.region_code,
      lastSampledOn: last.sampled_on,
      isDemo: list.some((r) => r.is_demo),
    });
  }
  return out;
}

function rootOf(regions: RegionDirectory, path: string): Region {
  const region = regions.get(path.split('/').filter(Boolean).pop() ?? '');
  if (!region) throw notFound();
  return region;
}

const GRADE_ORDER: Record<EnterpriseGrade, number> = { C: 0, B: 1, A: 2, AA: 3 };

export async function listGradedEnterprises(db: Db, regions: RegionDirectory, actor: Actor, input: ListGradedInput): Promise<Page<GradedEnterprise>> {
  regulator(actor);
  const path = regionPath(actor, regions, input.regionCode);
  const year = input.year ?? Number(todayInShanghai().slice(0, 4));
  const rule = (await currentRule(db)).params;
  let graded = await gradeAll(db, path, year, rule);
  if (input.grade) graded = graded.filter((g) => g.grade === input.grade);
  graded.sort((a, b) => GRADE_ORDER[a.grade] - GRADE_ORDER[b.grade] || b.failures - a.failures || a.entityName.localeCompare(b.entityName, 'zh-CN'));
  const page = graded.slice((input.page - 1) * input.pageSize, input.page * input.pageSize);
  return {
    items: page.map((g) => ({
      entityId: g.entityId,
      creditCode: g.creditCode,
      entityName: g.entityName,
      regionCode: g.regionCode,
      regionName: regions.get(g.regionCode)?.name ?? g.regionCode,
      countyName: countyOf(regions, g.regionCode)?.name ?? null,
      grade: g.grade,
      reason: g.reason,
      batches: g.batches,
      failures: g.failures,
      highRiskFailures: g.highRiskFailures,
      yearsSampled: g.yearsSampled,
      lastSampledOn: g.lastSampledOn,
    })),
    total: graded.length,
    page: input.page,
    pageSize: input.pageSize,
  };
}

/**
 * The colour map data: the caller's region (or the one asked for) with its districts/counties and their
 * townships, each with grade counts, the C-class share and its colour.
 */
export async function gradeRegions(db: Db, regions: RegionDirectory, actor: Actor, query: { year?: number; regionCode?: string }): Promise<RegionGrading> {
  regulator(actor);
  const path = regionPath(actor, regions, query.regionCode);
  const root = rootOf(regions, path);
  const year = query.year ?? Number(todayInShanghai().slice(0, 4));
  const rule = await currentRule(db);
  const graded = await gradeAll(db, path, year, rule.params);
  const counts = new Map<string, GradeCounts>();
  for (const g of graded) {
    // Count the enterprise at its township and every region above it.
    for (const code of (regions.get(g.regionCode)?.path ?? '').split('/').filter(Boolean)) {
      const c = counts.get(code) ?? emptyGradeCounts();
      c[g.grade]++;
      counts.set(code, c);
    }
  }
  const node = (region: Region): RegionGrade => {
    const c = counts.get(region.code) ?? emptyGradeCounts();
    const colouring = colourRegion(c, rule.params);
    const children = regions
      .within(region.path)
      .filter((r) => r.parentCode === region.code)
      .map(node);
    return {
      regionCode: region.code,
      regionName: region.name,
      level: region.level,
      counts: c,
      graded: colouring.graded,
      cShare: colouring.cShare,
      colour: colouring.colour,
      children,
    };
  };
  return { year, window: gradingWindow(year, rule.params), rule, root: node(root), isDemo: graded.some((g) => g.isDemo) };
}
