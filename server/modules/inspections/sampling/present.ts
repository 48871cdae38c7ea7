import type { Selectable } from 'kysely';
import type { WorkdayCalendar } from '../../../../common/calendar/workdays.ts';
import type { SampleActions, SampleDetail, SampleSummary, SamplingCategory, TestItem } from '../../../../common/sampling/api.ts';
import { retestWindow } from '../../../../common/sampling/retest.ts';
import type { SamplingCategoryTable, SamplingSampleTable, SamplingTestItemTable } from '../../../db/types.ts';
import type { RegionDirectory } from '../../../platform/regions.ts';
import type { Actor } from '../../../platform/scope.ts';
import { canDecideSamples, canEnterSamples } from './access.ts';

export type SampleRow = Selectable<SamplingSampleTable> & { category_code: string; category_name: string; plan_title: string | null };
export type ItemRow = Selectable<SamplingTestItemTable>;
export type CategoryRow = Selectable<SamplingCategoryTable>;

const iso = (d: Date | string): string => new Date(d).toISOString();

/** The township's district/county, or the region itself when it is one. */
export function countyOf(regions: RegionDirectory, regionCode: string): { code: string; name: string } | null {
  const region = regions.get(regionCode);
  if (!region) return null;
  if (region.level === 'county') return { code: region.code, name: region.name };
  const parent = region.parentCode ? regions.get(region.parentCode) : undefined;
  return parent?.level === 'county' ? { code: parent.code, name: parent.name } : null;
}

export function presentCategory(row: CategoryRow): SamplingCategory {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    riskLevel: row.risk_level,
    planIndicatorCode: row.plan_indicator_code,
    basis: row.basis,
    retestRule: row.retest_rule,
    active: row.active,
    version: row.version,
    updatedAt: iso(row.updated_at),
    isDemo: row.is_demo,
  };
}

export function presentItem(row: ItemRow): TestItem {
  return {
    id: row.id,
    seq: row.seq,
    name: row.name,
    method: row.method,
    standard: row.standard,
    unit: row.unit,
    limitMin: row.limit_min,
    limitMax: row.limit_max,
    limitText: row.limit_text,
    resultValue: row.result_value,
    resultText: row.result_text,
    verdict: row.verdict,
    verdictSource: row.verdict_source,
    retestValue: row.retest_value,
    retestText: row.retest_text,
    retestVerdict: row.retest_verdict,
  };
}

export function presentSummary(row: SampleRow, regions: RegionDirectory, actor: Actor, today: string, calendar: WorkdayCalendar): SampleSummary {
  const county = countyOf(regions, row.region_code);
  const windowApplies = row.status === 'issued' && row.conclusion === 'fail' && row.notified_on !== null;
  return {
    id: row.id,
    sampleNo: row.sample_no,
    year: Number(row.sampled_on.slice(0, 4)),
    categoryId: row.category_id,
    categoryCode: row.category_code,
    categoryName: row.category_name,
    riskLevel: actor.role === 'enterprise' ? null : row.category_risk_level,
    entityId: row.entity_id,
    creditCode: row.entity_credit_code,
    entityName: row.entity_name,
    regionCode: row.region_code,
    regionName: regions.get(row.region_code)?.name ?? row.region_code,
    countyCode: county?.code ?? null,
    countyName: county?.name ?? null,
    productName: row.product_name,
    brand: row.brand,
    spec: row.spec,
    batch: row.batch,
    sampledOn: row.sampled_on,
    status: row.status,
    conclusion: row.conclusion,
    finalConclusion: row.final_conclusion,
    retestWindow: windowApplies && row.notified_on ? retestWindow(calendar, row.notified_on, today, row.retest_rule) : null,
    publishedAt: row.published_at ? iso(row.published_at) : null,
    isDemo: row.is_demo,
  };
}

/** What the caller may do with the sample now (the UI shows only these buttons; the server checks again). */
export function sampleActions(row: SampleRow, actor: Actor, today: string, calendar: WorkdayCalendar): SampleActions {
  const decide = canDecideSamples(actor);
  const ownEnterprise = actor.role === 'enterprise' && actor.enterpriseCreditCode === row.entity_credit_code;
  const window = row.status === 'issued' && row.notified_on ? retestWindow(calendar, row.notified_on, today, row.retest_rule) : null;
  return {
    edit: row.status === 'draft' && canEnterSamples(actor),
    issue: row.status === 'draft' && decide,
    notify: row.status === 'issued' && row.notified_on === null && decide,
    requestRetest: window?.open === true && (decide || ownEnterprise),
    recordRetest: row.status === 'retest_requested' && decide,
    finalize: window !== null && !window.open && decide,
    publish: row.status === 'final' && row.final_conclusion === 'fail' && row.published_at === null && decide,
  };
}

export function presentDetail(
  row: SampleRow,
  items: ItemRow[],
  regions: RegionDirectory,
  actor: Actor,
  today: string,
  calendar: WorkdayCalendar,
  publicationDeadline: string | null,
): SampleDetail {
  return {
    ...presentSummary(row, regions, actor, today, calendar),
    planId: row.plan_id,
    planTitle: row.plan_title,
    samplingPlace: row.sampling_place,
    lab: row.lab,
    computedConclusion: row.computed_conclusion,
    overrideConclusion: row.override_conclusion,
    overrideReason: actor.role === 'enterprise' ? null : row.override_reason,
    reportNo: row.report_no,
    reportDate: row.report_date,
    notifiedOn: row.notified_on,
    retestRule: row.retest_rule,
    retestRequestedOn: row.retest_requested_on,
    retestNote: row.retest_note,
    retestLab: row.retest_lab,
    retestReportNo: row.retest_report_no,
    retestReportDate: row.retest_report_date,
    retestConclusion: row.retest_conclusion,
    finalVia: row.final_via,
    finalOn: row.final_on,
    publicationDeadline,
    items: items.map(presentItem),
    createdAt: iso(row.created_at),
    actions: sampleActions(row, actor, today, calendar),
  };
}
