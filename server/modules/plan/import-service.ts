import type { ImportCellError, ImportReport } from '../../../common/plan-api.ts';
import { type AuditContext, appendAudit } from '../../platform/audit.ts';
import type { Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import type { RegionDirectory } from '../../platform/regions.ts';
import type { Actor } from '../../platform/scope.ts';
import { inTransaction } from '../../platform/transaction.ts';
import { isDemoLoaded } from '../platform/index.ts';
import { getPlanRow, listIndicatorRows } from './plan-service.ts';
import { buildValuesTemplate, parseValuesWorkbook } from './reports/values-xlsx.ts';
import { requireDraftRegion, saveValue } from './value-service.ts';

/** Excel round trip for yearly values: a pre-filled template for a year and region, and its upload. */

export interface ImportValuesInput {
  fileBase64: string;
  year: number;
  regionCode: string;
  mode: 'all_or_nothing' | 'valid_only';
  dryRun: boolean;
}

/** Thrown inside the transaction to roll a dry run (or a refused all-or-nothing import) back. */
class Rollback extends Error {}

export async function valuesTemplate(db: Db, regions: RegionDirectory, actor: Actor, planId: string, year: number, regionCode: string): Promise<Buffer> {
  requireDraftRegion(actor, regions, regionCode);
  const plan = await getPlanRow(db, planId);
  const indicators = await listIndicatorRows(db, planId);
  const rows = await db
    .selectFrom('plan_value as v')
    .innerJoin('plan_indicator as i', 'i.id', 'v.indicator_id')
    .select(['v.indicator_id', 'v.value', 'v.numerator', 'v.denominator', 'v.source_note', 'v.status', 'v.version'])
    .where('i.plan_id', '=', planId)
    .where('v.region_code', '=', regionCode)
    .where('v.year', '=', year)
    .where('v.period', '=', 'Y')
    .where('v.status', '<>', 'superseded')
    .orderBy('v.version')
    .execute();
  // The newest version of each cell (an open correction comes after the approved one).
  const existing = Object.fromEntries(
    rows.map((r) => [
      r.indicator_id,
      { value: r.value, numerator: r.numerator, denominator: r.denominator, sourceNote: r.source_note, status: r.status, version: r.version },
    ]),
  );
  const region = regions.get(regionCode);
  return buildValuesTemplate({
    planName: plan.name,
    year,
    region: { code: regionCode, name: region?.name ?? regionCode },
    indicators: indicators.map((i) => ({
      id: i.id,
      code: i.code,
      name: i.name,
      unit: i.unit,
      category: i.category,
      accumulation: i.accumulation,
      valueMin: i.value_min,
      valueMax: i.value_max,
    })),
    existing,
    demo: await isDemoLoaded(db),
  });
}

function errorOf(row: number, err: unknown): ImportCellError {
  const message = err instanceof AppError ? err.message : '无法保存 / could not be saved';
  const detail =
    err instanceof AppError && Array.isArray(err.details) ? (err.details[0] as { field?: string; rule?: string; message?: string } | undefined) : undefined;
  return {
    row,
    column: 'G',
    cell: `G${row}`,
    field: detail?.field?.replace(/^body\./, '') ?? 'value',
    rule: detail?.rule ?? (err instanceof AppError ? err.code : 'save'),
    message: detail?.message ?? message,
  };
}

/**
 * Imports a filled-in template in one transaction. all_or_nothing: any invalid row → nothing written;
 * valid_only: the valid rows are saved as drafts and the others reported. A dry run reports without
 * writing. Each saved row is audited like a single entry, plus one summary entry for the upload.
 */
export async function importValues(
  db: Db,
  regions: RegionDirectory,
  actor: Actor,
  planId: string,
  input: ImportValuesInput,
  ctx: AuditContext,
): Promise<ImportReport> {
  requireDraftRegion(actor, regions, input.regionCode);
  await getPlanRow(db, planId);
  const indicators = await listIndicatorRows(db, planId);
  const parsed = await parseValuesWorkbook(Buffer.from(input.fileBase64, 'base64'), {
    year: input.year,
    regionCode: input.regionCode,
    indicatorsByCode: Object.fromEntries(indicators.map((i) => [i.code, { id: i.id, valueMin: i.value_min, valueMax: i.value_max, unit: i.unit }])),
  });
  const report: ImportReport = {
    mode: input.mode,
    rowsRead: parsed.rowsRead,
    rowsValid: 0,
    rowsImported: 0,
    errors: [...parsed.errors],
    warnings: [],
  };
  if (report.errors.some((e) => e.rule === 'header')) return report;
  try {
    await inTransaction(db, async (trx) => {
      for (const row of parsed.rows) {
        try {
          const cells = await cellVersions(trx, row.indicatorId, input);
          const published = cells.find((c) => c.status === 'approved');
          const latest = cells.find((c) => c.status !== 'approved') ?? published;
          if (latest && latest.value === row.value && (latest.source_note ?? null) === (row.sourceNote ?? null)) {
            // The template carries the cell's current values back: unchanged rows are not a new draft or correction.
            report.rowsValid += 1;
            continue;
          }
          const saved = await saveValue(
            db,
            regions,
            actor,
            planId,
            {
              indicatorId: row.indicatorId,
              regionCode: input.regionCode,
              year: input.year,
              value: row.value,
              numerator: row.numerator,
              denominator: row.denominator,
              sourceNote: row.sourceNote,
              ...(published ? { correctionReason: 'Excel 导入更正 / corrected by Excel import' } : {}),
            },
            ctx,
            { trx },
          );
          report.rowsValid += 1;
          for (const w of saved.warnings) report.warnings.push({ row: row.row, message: `${row.code}：${w.message}` });
        } catch (err) {
          if (!(err instanceof AppError)) throw err;
          report.errors.push(errorOf(row.row, err));
        }
      }
      report.errors.sort((a, b) => a.row - b.row || a.column.localeCompare(b.column));
      if (input.dryRun || (input.mode === 'all_or_nothing' && report.errors.length > 0)) throw new Rollback('rollback');
      report.rowsImported = report.rowsValid;
      await appendAudit(trx, ctx, {
        action: 'plan.value.import',
        entityType: 'plan',
        entityId: planId,
        regionCode: input.regionCode,
        after: { year: input.year, mode: input.mode, rowsImported: report.rowsImported, errors: report.errors.length },
      });
    });
  } catch (err) {
    if (!(err instanceof Rollback)) throw err;
  }
  return report;
}

/** The published and open versions of a cell: a changed row for a published cell is a correction, and the import says so as its reason. */
function cellVersions(trx: Db, indicatorId: string, input: ImportValuesInput) {
  return trx
    .selectFrom('plan_value')
    .select(['id', 'value', 'source_note', 'status'])
    .where('indicator_id', '=', indicatorId)
    .where('region_code', '=', input.regionCode)
    .where('year', '=', input.year)
    .where('period', '=', 'Y')
    .where('status', '<>', 'superseded')
    .execute();
}
