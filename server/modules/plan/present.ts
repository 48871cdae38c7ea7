import type { Selectable } from 'kysely';
import {
  directionOf,
  type Indicator,
  type IndicatorValue,
  type KeyProject,
  type Milestone,
  type Plan,
  type ProjectUpdate,
  type Target,
  type ValuePeriod,
  type ValueWarning,
} from '../../../common/plan-api.ts';
import type { PlanIndicatorTable, PlanMilestoneTable, PlanPlanTable, PlanProjectTable, PlanProjectUpdateTable, PlanValueTable } from '../../db/types.ts';
import type { RegionDirectory } from '../../platform/regions.ts';

export type PlanRow = Selectable<PlanPlanTable>;
export type IndicatorRow = Selectable<PlanIndicatorTable>;
export type ValueRow = Selectable<PlanValueTable>;
export type ProjectRow = Selectable<PlanProjectTable>;

export function presentPlan(row: PlanRow, indicatorCount: number): Plan {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    baseYear: row.base_year,
    startYear: row.start_year,
    endYear: row.end_year,
    status: row.status,
    sourceNote: row.source_note,
    indicatorCount,
  };
}

export function targetOf(row: Pick<IndicatorRow, 'target_value' | 'target_text'>): Target {
  return row.target_value !== null ? { value: row.target_value } : { text: row.target_text ?? '' };
}

export function presentIndicator(row: IndicatorRow, baseYear: number, units: Record<string, string>): Indicator {
  return {
    id: row.id,
    planId: row.plan_id,
    code: row.code,
    seq: row.seq,
    category: row.category,
    subCategory: row.sub_category,
    name: row.name,
    unit: row.unit,
    target: targetOf(row),
    targetYear: row.target_year,
    direction: directionOf(row.direction),
    accumulation: row.accumulation,
    regionRollup: row.region_rollup,
    baseline: { year: baseYear, value: row.baseline_value, source: row.baseline_source },
    leadUnit: row.lead_unit,
    responsibleUnits: units,
    valueMin: row.value_min,
    valueMax: row.value_max,
    yoyBand: row.yoy_band,
    limit: row.limit_value,
    decimals: row.decimals,
    note: row.note,
  };
}

export interface ValueJoin {
  indicator_code: string;
  indicator_name: string;
  unit: string;
  attachment_name: string | null;
  attachment_size: number | null;
  created_by_name: string | null;
  reviewed_by_name: string | null;
}

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

export function presentValue(row: ValueRow & ValueJoin, regions: RegionDirectory): IndicatorValue {
  return {
    id: row.id,
    indicatorId: row.indicator_id,
    indicatorCode: row.indicator_code,
    indicatorName: row.indicator_name,
    unit: row.unit,
    regionCode: row.region_code,
    regionName: regions.get(row.region_code)?.name ?? row.region_code,
    year: row.year,
    period: row.period as ValuePeriod,
    version: row.version,
    value: row.value,
    numerator: row.numerator,
    denominator: row.denominator,
    sourceNote: row.source_note,
    attachment: row.attachment_id ? { id: row.attachment_id, fileName: row.attachment_name ?? '', sizeBytes: row.attachment_size ?? 0 } : null,
    status: row.status,
    correctionReason: row.correction_reason,
    returnReason: row.return_reason,
    warnings: (row.warnings ?? []) as ValueWarning[],
    createdBy: row.created_by_name,
    createdAt: iso(row.created_at) ?? '',
    submittedAt: iso(row.submitted_at),
    reviewedBy: row.reviewed_by_name,
    reviewedAt: iso(row.reviewed_at),
    isDemo: row.is_demo,
  };
}

/** Today as YYYY-MM-DD in Asia/Shanghai: due dates are calendar days there. */
export function todayInShanghai(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

export function presentMilestone(row: Selectable<PlanMilestoneTable>, today: string): Milestone {
  return {
    id: row.id,
    title: row.title,
    dueDate: row.due_date,
    completedAt: row.completed_at,
    overdue: row.completed_at === null && row.due_date < today,
  };
}

export function presentProjectUpdate(
  row: Selectable<PlanProjectUpdateTable> & { created_by_name: string | null; attachment_name: string | null; attachment_size: number | null },
): ProjectUpdate {
  return {
    id: row.id,
    content: row.content,
    statusAfter: row.status_after,
    attachment: row.attachment_id ? { id: row.attachment_id, fileName: row.attachment_name ?? '', sizeBytes: row.attachment_size ?? 0 } : null,
    createdBy: row.created_by_name,
    createdAt: iso(row.created_at) ?? '',
  };
}

export function presentProject(row: ProjectRow, milestones: Milestone[], extra: Partial<Pick<KeyProject, 'milestones' | 'updates'>> = {}): KeyProject {
  const open = milestones.filter((m) => m.completedAt === null).sort((a, b) => a.dueDate.localeCompare(b.dueDate));
  return {
    id: row.id,
    planId: row.plan_id,
    kind: row.kind,
    seq: row.seq,
    name: row.name,
    description: row.description,
    leadUnit: row.lead_unit,
    status: row.status,
    overdueMilestones: milestones.filter((m) => m.overdue).length,
    nextDue: open[0]?.dueDate ?? null,
    ...extra,
  };
}
