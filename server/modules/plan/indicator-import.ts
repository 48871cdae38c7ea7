import { directionSign, type ImportReport, type IndicatorInput } from '../../../common/plan-api.ts';
import { type AuditContext, appendAudit } from '../../platform/audit.ts';
import type { Db } from '../../platform/db.ts';
import { type Actor, requireRole } from '../../platform/scope.ts';
import { inTransaction } from '../../platform/transaction.ts';
import { getPlanRow, insertIndicator } from './plan-service.ts';
import { parseIndicatorsWorkbook } from './reports/indicators-xlsx.ts';

/** Rollback marker for dry runs and refused all-or-nothing imports. */
class Rollback extends Error {}

/**
 * Creates or updates a plan's indicators from an xlsx (how the 2026–2030 plan is entered): matched by
 * code, in one transaction, every change audited.
 */
export async function importIndicators(
  db: Db,
  actor: Actor,
  planId: string,
  input: { fileBase64: string; mode: 'all_or_nothing' | 'valid_only'; dryRun: boolean },
  ctx: AuditContext,
): Promise<ImportReport> {
  requireRole(actor, 'city_admin');
  await getPlanRow(db, planId);
  const parsed = await parseIndicatorsWorkbook(Buffer.from(input.fileBase64, 'base64'));
  const badRows = new Set(parsed.errors.map((e) => e.row));
  const valid = parsed.rows.filter((r) => !badRows.has(r.row));
  const report: ImportReport = {
    mode: input.mode,
    rowsRead: parsed.rowsRead,
    rowsValid: valid.length,
    rowsImported: 0,
    errors: parsed.errors,
    warnings: [],
  };
  if (report.errors.some((e) => e.rule === 'header')) return report;
  if (input.mode === 'all_or_nothing' && report.errors.length > 0) return report;
  try {
    await inTransaction(db, async (trx) => {
      for (const { row: _row, ...fields } of valid) {
        const ind = fields as IndicatorInput;
        const existing = await trx.selectFrom('plan_indicator').selectAll().where('plan_id', '=', planId).where('code', '=', ind.code).executeTakeFirst();
        if (existing) {
          await trx
            .updateTable('plan_indicator')
            .set({
              seq: ind.seq,
              category: ind.category,
              sub_category: ind.subCategory ?? null,
              name: ind.name,
              unit: ind.unit,
              target_value: ind.targetValue ?? null,
              target_text: ind.targetText ?? null,
              target_year: ind.targetYear,
              direction: directionSign(ind.direction),
              accumulation: ind.accumulation,
              region_rollup: ind.regionRollup,
              baseline_value: ind.baselineValue ?? null,
              baseline_source: ind.baselineSource ?? null,
              lead_unit: ind.leadUnit ?? null,
              value_min: ind.valueMin ?? null,
              value_max: ind.valueMax ?? null,
              ...(ind.yoyBand !== undefined ? { yoy_band: ind.yoyBand } : {}),
              limit_value: ind.limit ?? null,
              ...(ind.decimals !== undefined ? { decimals: ind.decimals } : {}),
              updated_at: new Date(),
            })
            .where('id', '=', existing.id)
            .execute();
          await appendAudit(trx, ctx, {
            action: 'plan.indicator.update',
            entityType: 'plan_indicator',
            entityId: existing.id,
            before: { code: existing.code, name: existing.name },
            after: ind,
          });
        } else {
          const row = await insertIndicator(trx, planId, ind);
          await appendAudit(trx, ctx, { action: 'plan.indicator.create', entityType: 'plan_indicator', entityId: row.id, after: ind });
        }
        report.rowsImported += 1;
      }
      if (input.dryRun) throw new Rollback();
    });
  } catch (err) {
    if (!(err instanceof Rollback)) throw err;
    report.rowsImported = 0;
  }
  return report;
}
