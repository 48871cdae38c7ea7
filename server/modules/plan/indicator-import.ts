import { directionSign, type ImportCellError, type ImportReport, type IndicatorInput } from '../../../common/plan-api.ts';
import { type AuditContext, appendAudit } from '../../platform/audit.ts';
import type { Db } from '../../platform/db.ts';
import { type Actor, requireRole } from '../../platform/scope.ts';
import { inTransaction } from '../../platform/transaction.ts';
import { getPlanRow, insertIndicator } from './plan-service.ts';
import { parseIndicatorsWorkbook } from './reports/indicators-xlsx.ts';

/**
 * Rows whose 序号 would end up shared with another indicator of the plan (after the import's own
 * updates), reported on the 序号 cell (column B of the workbook the platform exports).
 */
function sequenceClashes(existing: { code: string; seq: number }[], rows: { row: number; code: string; seq: number }[]): ImportCellError[] {
  const finalSeq = new Map(existing.map((e) => [e.code, e.seq]));
  for (const r of rows) finalSeq.set(r.code, r.seq);
  const codesBySeq = new Map<number, string[]>();
  for (const [code, seq] of finalSeq) codesBySeq.set(seq, [...(codesBySeq.get(seq) ?? []), code]);
  return rows
    .filter((r) => (codesBySeq.get(r.seq)?.length ?? 0) > 1)
    .map((r) => {
      const others = (codesBySeq.get(r.seq) ?? []).filter((c) => c !== r.code).join('、');
      return {
        row: r.row,
        column: 'B',
        cell: `B${r.row}`,
        field: 'seq',
        rule: 'duplicate',
        message: `序号 ${r.seq} 已被指标 ${others} 使用 / sequence ${r.seq} is also used by ${others}`,
      };
    });
}

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
  const plan = await getPlanRow(db, planId);
  const parsed = await parseIndicatorsWorkbook(Buffer.from(input.fileBase64, 'base64'));
  const existing = await db.selectFrom('plan_indicator').select(['code', 'seq']).where('plan_id', '=', planId).execute();
  parsed.errors.push(...sequenceClashes(existing, parsed.rows));
  const badRows = new Set(parsed.errors.map((e) => e.row));
  const valid = parsed.rows.filter((r) => !badRows.has(r.row));
  const report: ImportReport = {
    mode: input.mode,
    rowsRead: parsed.rowsRead,
    rowsValid: valid.length,
    rowsImported: 0,
    errors: parsed.errors.sort((a, b) => a.row - b.row || a.column.localeCompare(b.column)),
    warnings: valid
      .filter((r) => r.targetYear < plan.start_year || r.targetYear > plan.end_year)
      .map((r) => ({
        row: r.row,
        message: `${r.code}：目标年 ${r.targetYear} 不在规划期 ${plan.start_year}–${plan.end_year} 内，请核对目标与基期 / target year outside the plan period`,
      })),
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
