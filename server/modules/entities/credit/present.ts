import type { Selectable } from 'kysely';
import type { CreditAdjustment, CreditClassItem, CreditClassRecord, CreditFactorLine, CreditModel } from '../../../../common/credit-risk/api.ts';
import { CREDIT_FACTORS, type CreditClass, type CreditModelSpec } from '../../../../common/credit-risk/model.ts';
import type { CreditBreakdown, FactorValue } from '../../../../common/credit-risk/score.ts';
import type { EntityCreditAdjustmentTable, EntityCreditClassTable, EntityCreditModelTable } from '../../../db/types-credit.ts';
import type { RegionDirectory } from '../../../platform/regions.ts';
import { countyOf } from '../present.ts';
import type { CreditListRow } from './queries.ts';

/** Rows of the credit tables → the JSON of common/credit-risk/api.ts, field by field. */

const iso = (d: Date | string): string => new Date(d).toISOString();

/**
 * The stored breakdown as factor lines, in the model's factor order. Reads only the shape recompute.ts
 * writes ({base, floor, factors: {code: [value, points]}}); a factor a later model added is absent from
 * older rows and left out.
 */
export function factorLines(breakdown: unknown): { base: number; floor: CreditClass | null; factors: CreditFactorLine[] } {
  // The column holds what scoreCredit returned (recompute.ts writes nothing else).
  const b = breakdown as Partial<CreditBreakdown> | null;
  const factors: CreditFactorLine[] = [];
  for (const code of CREDIT_FACTORS) {
    const pair = b?.factors?.[code] as [FactorValue, number] | undefined;
    if (pair) factors.push({ factor: code, value: pair[0], points: pair[1] });
  }
  return { base: b?.base ?? 0, floor: b?.floor ?? null, factors };
}

/** The factors that moved the score, largest first (at most three, for the list). */
export function mainFactors(lines: CreditFactorLine[]): CreditFactorLine[] {
  return lines
    .filter((l) => l.points !== 0)
    .sort((a, b) => Math.abs(b.points) - Math.abs(a.points) || b.points - a.points)
    .slice(0, 3);
}

export function presentListItem(row: CreditListRow, regions: RegionDirectory): CreditClassItem {
  const county = countyOf(regions, row.region_code);
  return {
    entityId: row.entity_id,
    creditCode: row.credit_code,
    name: row.name,
    regionCode: row.region_code,
    regionName: regions.get(row.region_code)?.name ?? row.region_code,
    countyName: county?.name ?? null,
    class: row.adjusted_class ?? row.class,
    computedClass: row.class,
    adjusted: row.adjusted_class !== null,
    score: row.score,
    mainFactors: mainFactors(factorLines(row.breakdown).factors),
    modelVersion: row.model_version,
    isDemo: row.is_demo,
  };
}

export type AdjustmentRow = Selectable<EntityCreditAdjustmentTable> & { adjusted_by_name: string | null };

export function presentAdjustment(row: AdjustmentRow): CreditAdjustment {
  return {
    id: row.id,
    period: row.period,
    fromClass: row.from_class,
    toClass: row.to_class,
    reason: row.reason,
    adjustedBy: row.adjusted_by_name,
    adjustedAt: iso(row.adjusted_at),
  };
}

export function presentRecord(row: Selectable<EntityCreditClassTable>, adjustments: AdjustmentRow[]): CreditClassRecord {
  const lines = factorLines(row.breakdown);
  return {
    period: row.period,
    class: row.adjusted_class ?? row.class,
    computedClass: row.class,
    adjusted: row.adjusted_class !== null,
    score: row.score,
    baseScore: lines.base,
    floor: lines.floor,
    factors: lines.factors,
    modelVersion: row.model_version,
    asOf: row.as_of,
    computedAt: iso(row.computed_at),
    adjustments: adjustments.filter((a) => a.period === row.period).map(presentAdjustment),
  };
}

export type ModelRow = Selectable<EntityCreditModelTable> & { created_by_name: string | null };

export function presentModel(row: ModelRow): CreditModel {
  // jsonb of a row that passed validateCreditModel before it was inserted (the table is immutable).
  const spec = { baseScore: row.base_score, thresholds: row.thresholds, factors: row.factors } as CreditModelSpec;
  return {
    version: row.version,
    effectiveFrom: row.effective_from,
    ...spec,
    description: row.description,
    active: row.is_active,
    createdBy: row.created_by_name,
    createdAt: iso(row.created_at),
  };
}
