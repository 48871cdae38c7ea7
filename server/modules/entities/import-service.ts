import { createHash } from 'node:crypto';
import type { EntityImportError, EntityImportInput, EntityImportReport } from '../../../common/entity-api.ts';
import { ENTITY_FIELD_LABELS, entityTypeFromCreditCode } from '../../../common/entity-labels.ts';
import { type AuditContext, appendAudit } from '../../platform/audit.ts';
import type { Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import type { RegionDirectory } from '../../platform/regions.ts';
import { type Actor, isPathInScope } from '../../platform/scope.ts';
import { inTransaction } from '../../platform/transaction.ts';
import { changedFields, type EntityField, type EntityFields, eventsForChange } from './changes.ts';
import { columnLetter, readGrid } from './import-file.ts';
import { findHeader, headerError, IMPORT_SHEET, MAX_IMPORT_ROWS, type ParsedRow, parseRows } from './import-rows.ts';
import { buildTemplateCsv, buildTemplateXlsx } from './import-template.ts';
import { countyOf, todayInShanghai } from './present.ts';
import { selectByCreditCodes } from './queries.ts';
import { canEditEntities, columnsOf, fieldsOf, regionIssue, registrationEvents, writeRoot } from './service.ts';
import { insertOwnEvents, type OwnEvent } from './timeline.ts';

/**
 * Bulk import of the registry from xlsx or CSV. One pass reads and checks every row; then, against the
 * database, each credit code is either new (created, 设立登记 on its timeline) or known (merged: its
 * non-blank cells update the entity, a 变更 event tells what changed; identical rows change nothing, so
 * a retried upload is harmless). all_or_nothing (default) writes nothing when any row fails; valid_only
 * writes the good rows. A dry run reports without writing. The writes are one transaction.
 */

export async function importTemplate(regions: RegionDirectory, actor: Actor, format: 'xlsx' | 'csv'): Promise<Buffer | string> {
  const root = writeRoot(actor);
  if (format === 'csv') return buildTemplateCsv();
  const townships = regions
    .within(root)
    .filter((r) => r.level === 'township')
    .map((region) => ({ region, county: countyOf(regions, region.code)?.name ?? '' }));
  return buildTemplateXlsx(townships);
}

interface Planned {
  parsed: ParsedRow & { sourceRows: number[] };
  kind: 'create' | 'update' | 'unchanged';
  entityId?: string;
  before?: EntityFields;
  after: EntityFields;
  changed: EntityField[];
  isDemo: boolean;
}

function rowError(parsed: ParsedRow, field: EntityField, rule: string, message: string, columns: Map<EntityField, number>): EntityImportError {
  return { row: parsed.row, column: columnLetter((columns.get(field) ?? 0) + 1), header: ENTITY_FIELD_LABELS[field], field, rule, message };
}

export async function importEntities(db: Db, regions: RegionDirectory, actor: Actor, input: EntityImportInput, ctx: AuditContext): Promise<EntityImportReport> {
  if (!canEditEntities(actor)) throw new AppError(403, 'FORBIDDEN', '无权导入市场主体 / You may not import entities');
  const buffer = Buffer.from(input.fileBase64, 'base64');
  const grid = await readGrid(buffer, IMPORT_SHEET);
  const report: EntityImportReport = {
    mode: input.mode,
    dryRun: input.dryRun,
    format: grid.format,
    rowsRead: 0,
    rowsValid: 0,
    rowsImported: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    errors: [],
    warnings: [],
    importId: null,
  };
  const header = findHeader(grid.rows);
  if (!header) {
    report.errors.push(headerError());
    return report;
  }
  const dataRows = grid.rows.filter((r) => r.row > header.row && r.cells.some((c) => c.text !== null)).length;
  if (dataRows > MAX_IMPORT_ROWS) {
    throw new AppError(
      400,
      'ENTITY_IMPORT_TOO_LARGE',
      `一次最多导入 ${MAX_IMPORT_ROWS} 行，本文件有 ${dataRows} 行，请拆分后导入 / at most ${MAX_IMPORT_ROWS} rows per file`,
    );
  }
  const today = todayInShanghai();
  const parsed = parseRows(grid.rows, header, {
    regions: regions.all(),
    regionIssue: (field, code) => regionIssue(field, regions, actor, code),
    today,
  });
  report.rowsRead = parsed.rowsRead;
  report.errors.push(...parsed.errors);
  report.warnings.push(...parsed.warnings);
  const badRows = new Set(parsed.badRows);

  // Against the registry: merge known codes, complete new ones.
  const existing = new Map(
    (
      await selectByCreditCodes(
        db,
        parsed.rows.map((r) => r.creditCode),
      )
    ).map((e) => [e.credit_code, e]),
  );
  const plans: Planned[] = [];
  for (const row of parsed.rows) {
    const fail = (field: EntityField, rule: string, message: string) => {
      report.errors.push(rowError(row, field, rule, message, header.columns));
      for (const r of row.sourceRows) badRows.add(r);
    };
    const known = existing.get(row.creditCode);
    if (known) {
      if (!isPathInScope(actor, known.region_path)) {
        fail('creditCode', 'scope', '该统一社会信用代码的主体登记在您的辖区之外，不能由您合并更新 / this code belongs to an entity outside your region');
        continue;
      }
      const before = fieldsOf(known);
      const changed = changedFields(before, row.values);
      const after: EntityFields = { ...before, ...row.values };
      plans.push({ parsed: row, kind: changed.length > 0 ? 'update' : 'unchanged', entityId: known.id, before, after, changed, isDemo: known.is_demo });
      continue;
    }
    const type = row.values.type ?? entityTypeFromCreditCode(row.creditCode);
    let ok = true;
    if (!row.values.regionCode) {
      fail('regionCode', 'required', '新登记的主体须填写所属区划（乡镇/街道） / a new entity needs its township');
      ok = false;
    }
    if (!row.values.name) {
      fail('name', 'required', '名称不能为空 / name is required');
      ok = false;
    }
    if (!type) {
      fail('type', 'required', '主体类型未填写，且无法从代码第 1–2 位推断 / type is blank and positions 1–2 of the code do not imply one');
      ok = false;
    }
    if (!ok || !type || !row.values.regionCode || !row.values.name) continue;
    plans.push({
      parsed: row,
      kind: 'create',
      after: {
        creditCode: row.creditCode,
        name: row.values.name,
        type,
        industryCode: row.values.industryCode ?? null,
        regionCode: row.values.regionCode,
        address: row.values.address ?? null,
        legalRepresentative: row.values.legalRepresentative ?? null,
        establishedOn: row.values.establishedOn ?? null,
        status: row.values.status ?? 'subsisting',
        specialLists: row.values.specialLists ?? [],
      },
      changed: [],
      isDemo: false,
    });
  }
  report.errors.sort((a, b) => a.row - b.row || a.column.localeCompare(b.column));
  const good = plans.filter((p) => !p.parsed.sourceRows.some((r) => badRows.has(r)));
  report.rowsValid = parsed.rowsRead - badRows.size;
  report.created = good.filter((p) => p.kind === 'create').length;
  report.updated = good.filter((p) => p.kind === 'update').length;
  report.unchanged = good.filter((p) => p.kind === 'unchanged').length;
  const writes = good.filter((p) => p.kind !== 'unchanged');
  const rowsWritten = writes.reduce((n, p) => n + p.parsed.sourceRows.length, 0);

  if (input.dryRun || (input.mode === 'all_or_nothing' && report.errors.length > 0)) return report;
  if (writes.length === 0) return report;

  report.importId = await inTransaction(db, async (trx) => {
    const record = await trx
      .insertInto('entity_import')
      .values({
        file_name: input.fileName.slice(0, 200),
        file_sha256: createHash('sha256').update(buffer).digest('hex'),
        format: grid.format,
        mode: input.mode,
        rows_read: report.rowsRead,
        rows_created: report.created,
        rows_updated: report.updated,
        rows_unchanged: report.unchanged,
        rows_failed: badRows.size,
        report: JSON.stringify({ errors: report.errors.slice(0, 1000), warnings: report.warnings.slice(0, 1000) }),
        created_by: actor.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const how = '批量导入';
    const events: OwnEvent[] = [];
    const creates = writes.filter((p) => p.kind === 'create');
    for (let i = 0; i < creates.length; i += 500) {
      const chunk = creates.slice(i, i + 500);
      const inserted = await trx
        .insertInto('entity')
        .values(
          chunk.map((p) => ({
            ...columnsOf(p.after),
            credit_code: p.after.creditCode,
            name: p.after.name,
            type: p.after.type,
            region_code: p.after.regionCode,
            status: p.after.status,
            created_by: actor.id,
            updated_by: actor.id,
          })),
        )
        .onConflict((oc) => oc.column('credit_code').doNothing())
        .returning(['id', 'credit_code'])
        .execute();
      if (inserted.length !== chunk.length) {
        // Another import or form registered one of these codes since this file was checked: retrying merges it.
        throw new AppError(
          409,
          'ENTITY_IMPORT_CONFLICT',
          '导入期间有主体被同时登记，请重新导入（已登记的将按合并处理） / entities were registered meanwhile; import again',
        );
      }
      const ids = new Map(inserted.map((r) => [r.credit_code, r.id]));
      for (const p of chunk) {
        const id = ids.get(p.after.creditCode) ?? '';
        events.push(...registrationEvents(id, p.after, how).map((e) => ({ ...e, reference: record.id })));
      }
    }
    for (const p of writes.filter((w) => w.kind === 'update')) {
      const id = p.entityId ?? '';
      await trx
        .updateTable('entity')
        .set({ ...columnsOf(Object.fromEntries(p.changed.map((f) => [f, p.after[f]]))), updated_by: actor.id, updated_at: new Date() })
        .where('id', '=', id)
        .execute();
      if (p.before) {
        events.push(
          ...eventsForChange(p.before, p.after, p.changed, how).map((e) => ({
            entityId: id,
            occurredOn: todayInShanghai(),
            ...e,
            reference: record.id,
            isDemo: p.isDemo,
          })),
        );
      }
    }
    await insertOwnEvents(trx, events, actor.id);
    await appendAudit(trx, ctx, {
      action: 'entity.import',
      entityType: 'entity_import',
      entityId: record.id,
      after: {
        fileName: input.fileName,
        mode: input.mode,
        created: creates.map((p) => p.after.creditCode),
        updated: writes.filter((p) => p.kind === 'update').map((p) => ({ creditCode: p.after.creditCode, fields: p.changed })),
        unchanged: report.unchanged,
        failedRows: badRows.size,
      },
    });
    return record.id;
  });
  report.rowsImported = rowsWritten;
  return report;
}
