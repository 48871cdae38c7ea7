import { type Expression, type SqlBool, sql } from 'kysely';
import type { IndicatorValue, ListValuesInput, SaveValueInput, ValueWarning } from '../../../common/plan-api.ts';
import { type AuditContext, appendAudit } from '../../platform/audit.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, forbidden, notFound, validationFailed } from '../../platform/errors.ts';
import type { RegionDirectory } from '../../platform/regions.ts';
import { type Actor, regionCodeInScope, regionRootPath, requireRole, resolveScopePath } from '../../platform/scope.ts';
import { inTransaction } from '../../platform/transaction.ts';
import { getIndicatorRow, getPlanRow } from './plan-service.ts';
import { type IndicatorRow, presentValue, type ValueRow } from './present.ts';
import { affectedRegions, logProgress } from './progress-log.ts';

/**
 * Yearly values and their workflow: a district/county drafts and submits its own values, the city
 * approves (published, locked) or returns them with a reason. A correction after approval is a new
 * version with a reason; the approved version becomes "superseded" and keeps its content (the
 * database refuses any other change to a published row — migration 0003).
 */

export type { ListValuesInput, SaveValueInput };

export interface EditValueInput {
  value?: number;
  numerator?: number | null;
  denominator?: number | null;
  sourceNote?: string | null;
  attachmentId?: string | null;
}

const ROLLUP_LEVELS = new Set(['city', 'county']);

function valueQuery(db: Db) {
  return db
    .selectFrom('plan_value as v')
    .innerJoin('plan_indicator as i', 'i.id', 'v.indicator_id')
    .leftJoin('plan_attachment as a', 'a.id', 'v.attachment_id')
    .leftJoin('platform_user as cu', 'cu.id', 'v.created_by')
    .leftJoin('platform_user as ru', 'ru.id', 'v.reviewed_by')
    .selectAll('v')
    .select([
      'i.code as indicator_code',
      'i.name as indicator_name',
      'i.unit as unit',
      'i.plan_id as plan_id',
      'i.seq as indicator_seq',
      'a.file_name as attachment_name',
      'a.size_bytes as attachment_size',
      'cu.display_name as created_by_name',
      'ru.display_name as reviewed_by_name',
    ]);
}

/** Who may draft, edit and submit values of this region: the city for any, a county officer for its own county. */
function canDraft(actor: Actor, regions: RegionDirectory, regionCode: string): boolean {
  const region = regions.get(regionCode);
  if (!region || !ROLLUP_LEVELS.has(region.level)) return false;
  if (actor.role === 'city_admin') return true;
  return actor.role === 'county_officer' && actor.regionCode === regionCode;
}

/** A value is visible when it is published, or when it belongs to the caller's own scope (drafts are private to their county and the city). */
function visibleCondition(actor: Actor): Expression<SqlBool> {
  const root = actor.role === 'city_admin' || actor.role === 'county_officer' ? regionRootPath(actor) : null;
  const published = sql<SqlBool>`v.status in ('approved', 'superseded')`;
  return root === null ? published : sql<SqlBool>`(${published} or ${regionCodeInScope('v.region_code', root)})`;
}

/** Values of a plan the caller may see, filtered and paged. */
export async function listValues(db: Db, regions: RegionDirectory, actor: Actor, planId: string, input: ListValuesInput) {
  await getPlanRow(db, planId);
  let q = valueQuery(db).where('i.plan_id', '=', planId).where(visibleCondition(actor));
  if (input.regionCode) {
    const region = regions.get(input.regionCode);
    if (!region) throw notFound();
    q = q.where('v.region_code', '=', input.regionCode);
  }
  if (input.year) q = q.where('v.year', '=', input.year);
  if (input.status) q = q.where('v.status', '=', input.status);
  if (input.indicatorId) q = q.where('v.indicator_id', '=', input.indicatorId);
  const sorted =
    input.sort === 'indicator'
      ? q.orderBy('i.seq').orderBy('v.region_code').orderBy('v.year', 'desc')
      : input.sort === 'region'
        ? q.orderBy('v.region_code').orderBy('i.seq').orderBy('v.year', 'desc')
        : q.orderBy('v.updated_at', 'desc').orderBy('i.seq');
  const [rows, total] = await Promise.all([
    sorted
      .orderBy('v.version', 'desc')
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize)
      .execute(),
    q
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map((r) => presentValue(r, regions)), total: Number(total.n), page: input.page, pageSize: input.pageSize };
}

async function loadVisible(db: Db, actor: Actor, id: string) {
  const row = await valueQuery(db).where('v.id', '=', id).where(visibleCondition(actor)).executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

export async function getValue(db: Db, regions: RegionDirectory, actor: Actor, id: string): Promise<IndicatorValue> {
  return presentValue(await loadVisible(db, actor, id), regions);
}

/** Every version of the value's cell that the caller may see, oldest first. */
export async function valueHistory(db: Db, regions: RegionDirectory, actor: Actor, id: string): Promise<IndicatorValue[]> {
  const row = await loadVisible(db, actor, id);
  const rows = await valueQuery(db)
    .where('v.indicator_id', '=', row.indicator_id)
    .where('v.region_code', '=', row.region_code)
    .where('v.year', '=', row.year)
    .where('v.period', '=', row.period)
    .where(visibleCondition(actor))
    .orderBy('v.version')
    .execute();
  return rows.map((r) => presentValue(r, regions));
}

function checkRange(ind: IndicatorRow, value: number, field: string): void {
  if ((ind.value_min !== null && value < ind.value_min) || (ind.value_max !== null && value > ind.value_max)) {
    const range = `${ind.value_min ?? '−∞'}–${ind.value_max ?? '+∞'}`;
    throw validationFailed([{ field, rule: 'range', message: `数值须在 ${range} ${ind.unit} 之间 / value must lie within ${range}` }]);
  }
}

/** Plausibility warnings (never blocking): year-on-year change beyond the band, county sum above the city total, ratio mismatch. */
export async function plausibilityWarnings(
  db: Db,
  regions: RegionDirectory,
  ind: IndicatorRow,
  cell: { regionCode: string; year: number; period: string; value: number; numerator: number | null; denominator: number | null },
): Promise<ValueWarning[]> {
  const warnings: ValueWarning[] = [];
  const published = (regionCodes: string[], year: number) =>
    regionCodes.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom('plan_value')
          .select(['region_code', 'value'])
          .where('indicator_id', '=', ind.id)
          .where('region_code', 'in', regionCodes)
          .where('year', '=', year)
          .where('period', '=', cell.period)
          .where('status', '=', 'approved')
          .execute();
  const [prev] = await published([cell.regionCode], cell.year - 1);
  if (prev && prev.value !== 0) {
    const change = (cell.value - prev.value) / Math.abs(prev.value);
    if (Math.abs(change) > ind.yoy_band) {
      warnings.push({
        rule: 'yoy_change',
        message: `较上年（${prev.value}）变化 ${(change * 100).toFixed(1)}%，超出 ±${(ind.yoy_band * 100).toFixed(0)}% 的合理范围，请核实 / year-on-year change ${(change * 100).toFixed(1)}% exceeds ±${(ind.yoy_band * 100).toFixed(0)}%`,
      });
    }
  }
  if (ind.region_rollup === 'sum') {
    const city = regions.all().find((r) => r.level === 'city');
    const counties = regions.all().filter((r) => r.level === 'county');
    if (city) {
      const countyRows = await published(
        counties.map((c) => c.code),
        cell.year,
      );
      const values = new Map(countyRows.map((r) => [r.region_code, r.value]));
      let cityValue: number | undefined;
      if (cell.regionCode === city.code) cityValue = cell.value;
      else {
        values.set(cell.regionCode, cell.value);
        cityValue = (await published([city.code], cell.year))[0]?.value;
      }
      const sum = [...values.values()].reduce((a, b) => a + b, 0);
      if (cityValue !== undefined && sum > cityValue + 1e-9) {
        warnings.push({
          rule: 'county_sum_exceeds_city',
          message: `各区县合计 ${sum} 超过全市值 ${cityValue}，请核实 / the districts/counties add up to ${sum}, above the city total ${cityValue}`,
        });
      }
    }
  }
  if (cell.numerator !== null && cell.denominator !== null && cell.denominator !== 0 && ind.unit === '%') {
    const computed = (cell.numerator / cell.denominator) * 100;
    if (Math.abs(computed - cell.value) > 0.05) {
      warnings.push({
        rule: 'numerator_denominator',
        message: `分子/分母计算为 ${computed.toFixed(2)}%，与填报值 ${cell.value}% 不一致 / numerator/denominator give ${computed.toFixed(2)}%, not ${cell.value}%`,
      });
    }
  }
  return warnings;
}

async function checkAttachment(db: Db, actor: Actor, attachmentId: string | null | undefined): Promise<void> {
  if (!attachmentId) return;
  const root = regionRootPath(actor);
  const row = root
    ? await db.selectFrom('plan_attachment').select('id').where('id', '=', attachmentId).where(regionCodeInScope('region_code', root)).executeTakeFirst()
    : undefined;
  if (!row) throw validationFailed([{ field: 'body.attachmentId', rule: 'exists', message: '附件不存在 / no such attachment' }]);
}

function yearInPlan(plan: { base_year: number; end_year: number }, year: number): void {
  if (year < plan.base_year || year > plan.end_year) {
    throw validationFailed([
      { field: 'body.year', rule: 'range', message: `年度须在 ${plan.base_year}–${plan.end_year} 之间 / year must lie within the plan period` },
    ]);
  }
}

/**
 * Saves a value as a draft: a new cell, an edit of the open draft/returned version, or — when the cell
 * is already published — a correction (version n+1, `correctionReason` required). Idempotent: saving the
 * same content again changes nothing but the warnings.
 */
export async function saveValue(
  db: Db,
  regions: RegionDirectory,
  actor: Actor,
  planId: string,
  input: SaveValueInput,
  ctx: AuditContext,
  options: { trx?: Db; demo?: boolean } = {},
): Promise<IndicatorValue> {
  requireRole(actor, 'city_admin', 'county_officer');
  const run = async (trx: Db) => {
    const plan = await getPlanRow(trx, planId);
    const ind = await getIndicatorRow(trx, input.indicatorId);
    if (ind.plan_id !== planId) throw validationFailed([{ field: 'body.indicatorId', rule: 'plan', message: '指标不属于该规划 / indicator not in this plan' }]);
    if (!regions.get(input.regionCode)) throw notFound();
    if (!canDraft(actor, regions, input.regionCode)) {
      // Another county's cell: not found, as for every out-of-scope record.
      if (actor.role === 'county_officer') throw notFound();
      throw forbidden();
    }
    yearInPlan(plan, input.year);
    checkRange(ind, input.value, 'body.value');
    await checkAttachment(trx, actor, input.attachmentId);
    const period = input.period ?? 'Y';
    const cell = trx
      .selectFrom('plan_value')
      .selectAll()
      .where('indicator_id', '=', ind.id)
      .where('region_code', '=', input.regionCode)
      .where('year', '=', input.year)
      .where('period', '=', period);
    const open = await cell.where('status', 'in', ['draft', 'submitted', 'returned']).forUpdate().executeTakeFirst();
    const published = await cell.where('status', '=', 'approved').executeTakeFirst();
    const warnings = await plausibilityWarnings(trx, regions, ind, {
      regionCode: input.regionCode,
      year: input.year,
      period,
      value: input.value,
      numerator: input.numerator ?? null,
      denominator: input.denominator ?? null,
    });
    const content = {
      value: input.value,
      numerator: input.numerator ?? null,
      denominator: input.denominator ?? null,
      source_note: input.sourceNote ?? null,
      attachment_id: input.attachmentId ?? null,
      warnings: JSON.stringify(warnings),
    };
    let row: ValueRow;
    if (open) {
      if (open.status === 'submitted') {
        throw new AppError(
          409,
          'PLAN_VALUE_SUBMITTED',
          '该数据已报送待审核，审核退回后才能修改 / This value awaits review; it can be changed after it is returned',
        );
      }
      row = await trx
        .updateTable('plan_value')
        .set({ ...content, correction_reason: published ? (input.correctionReason ?? open.correction_reason) : null, updated_at: new Date() })
        .where('id', '=', open.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await appendAudit(trx, ctx, {
        action: 'plan.value.update',
        entityType: 'plan_value',
        entityId: row.id,
        regionCode: row.region_code,
        before: auditValue(open),
        after: auditValue(row),
      });
    } else {
      if (published && !input.correctionReason?.trim()) {
        throw validationFailed([
          { field: 'body.correctionReason', rule: 'required', message: '该数据已发布，更正须说明原因 / the value is published: a correction needs a reason' },
        ]);
      }
      row = await trx
        .insertInto('plan_value')
        .values({
          indicator_id: ind.id,
          region_code: input.regionCode,
          year: input.year,
          period,
          version: published ? published.version + 1 : 1,
          ...content,
          status: 'draft',
          correction_reason: published ? (input.correctionReason?.trim() ?? null) : null,
          is_demo: options.demo ?? false,
          created_by: actor.id,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await appendAudit(trx, ctx, {
        action: published ? 'plan.value.correct' : 'plan.value.create',
        entityType: 'plan_value',
        entityId: row.id,
        regionCode: row.region_code,
        before: published ? auditValue(published) : null,
        after: auditValue(row),
      });
    }
    return presentValue(await valueQuery(trx).where('v.id', '=', row.id).executeTakeFirstOrThrow(), regions);
  };
  return options.trx ? run(options.trx) : inTransaction(db, run);
}

function auditValue(row: ValueRow) {
  return {
    indicatorId: row.indicator_id,
    regionCode: row.region_code,
    year: row.year,
    period: row.period,
    version: row.version,
    value: row.value,
    numerator: row.numerator,
    denominator: row.denominator,
    sourceNote: row.source_note,
    attachmentId: row.attachment_id,
    status: row.status,
    correctionReason: row.correction_reason,
    returnReason: row.return_reason,
  };
}

/** Edits an open (draft or returned) version in the caller's own region. */
export async function editValue(db: Db, regions: RegionDirectory, actor: Actor, id: string, input: EditValueInput, ctx: AuditContext): Promise<IndicatorValue> {
  const row = await loadVisible(db, actor, id);
  if (!canDraft(actor, regions, row.region_code)) throw row.status === 'approved' ? forbidden() : notFound();
  if (row.status !== 'draft' && row.status !== 'returned') throw locked(row.status);
  return saveValue(
    db,
    regions,
    actor,
    row.plan_id,
    {
      indicatorId: row.indicator_id,
      regionCode: row.region_code,
      year: row.year,
      period: row.period as SaveValueInput['period'],
      value: input.value ?? row.value,
      numerator: input.numerator === undefined ? row.numerator : input.numerator,
      denominator: input.denominator === undefined ? row.denominator : input.denominator,
      sourceNote: input.sourceNote === undefined ? row.source_note : input.sourceNote,
      attachmentId: input.attachmentId === undefined ? row.attachment_id : input.attachmentId,
      ...(row.correction_reason ? { correctionReason: row.correction_reason } : {}),
    },
    ctx,
  );
}

function locked(status: string): AppError {
  return new AppError(409, 'PLAN_VALUE_LOCKED', `当前状态（${status}）不允许此操作 / Not allowed in status ${status}`);
}

type Transition = 'submit' | 'approve' | 'return';

async function transition(
  trx: Db,
  regions: RegionDirectory,
  actor: Actor,
  id: string,
  action: Transition,
  reason: string | null,
  ctx: AuditContext,
): Promise<{ indicatorId: string; regionCode: string }> {
  const row = await trx.selectFrom('plan_value').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  const visibleRoot = regionRootPath(actor);
  const region = row ? regions.get(row.region_code) : undefined;
  if (!row || !region || !visibleRoot || !(region.path.startsWith(visibleRoot) || row.status === 'approved')) throw notFound();
  const now = new Date();
  if (action === 'submit') {
    if (!canDraft(actor, regions, row.region_code)) throw notFound();
    if (row.status !== 'draft' && row.status !== 'returned') throw locked(row.status);
    await trx.updateTable('plan_value').set({ status: 'submitted', submitted_by: actor.id, submitted_at: now, updated_at: now }).where('id', '=', id).execute();
  } else {
    requireRole(actor, 'city_admin');
    if (row.status !== 'submitted') throw locked(row.status);
    if (action === 'return') {
      await trx
        .updateTable('plan_value')
        .set({ status: 'returned', return_reason: reason, reviewed_by: actor.id, reviewed_at: now, updated_at: now })
        .where('id', '=', id)
        .execute();
    } else {
      // The earlier published version steps aside first: one approved row per cell (unique index).
      await trx
        .updateTable('plan_value')
        .set({ status: 'superseded' })
        .where('indicator_id', '=', row.indicator_id)
        .where('region_code', '=', row.region_code)
        .where('year', '=', row.year)
        .where('period', '=', row.period)
        .where('status', '=', 'approved')
        .execute();
      await trx.updateTable('plan_value').set({ status: 'approved', reviewed_by: actor.id, reviewed_at: now, updated_at: now }).where('id', '=', id).execute();
    }
  }
  await appendAudit(trx, ctx, {
    action: `plan.value.${action}`,
    entityType: 'plan_value',
    entityId: id,
    regionCode: row.region_code,
    before: { status: row.status },
    after: { status: action === 'submit' ? 'submitted' : action === 'approve' ? 'approved' : 'returned', ...(reason ? { reason } : {}) },
  });
  return { indicatorId: row.indicator_id, regionCode: row.region_code };
}

/** Submit / approve / return one or more values in one transaction (all or none). */
export async function transitionValues(
  db: Db,
  regions: RegionDirectory,
  actor: Actor,
  ids: string[],
  action: Transition,
  reason: string | null,
  ctx: AuditContext,
): Promise<IndicatorValue[]> {
  requireRole(actor, action === 'submit' ? 'county_officer' : 'city_admin', 'city_admin');
  if (action === 'return' && !reason?.trim()) {
    throw validationFailed([{ field: 'body.reason', rule: 'required', message: '退回须说明原因 / a return needs a reason' }]);
  }
  await inTransaction(db, async (trx) => {
    // Published values can move progress: the new results are logged once per plan, after all transitions.
    const approved = new Map<string, { indicators: Set<string>; regions: Set<string>; ids: string[] }>();
    for (const id of [...new Set(ids)]) {
      const cell = await transition(trx, regions, actor, id, action, reason?.trim() ?? null, ctx);
      if (action !== 'approve') continue;
      const ind = await getIndicatorRow(trx, cell.indicatorId);
      const entry = approved.get(ind.plan_id) ?? { indicators: new Set<string>(), regions: new Set<string>(), ids: [] };
      entry.indicators.add(ind.id);
      for (const r of affectedRegions(regions, ind, cell.regionCode)) entry.regions.add(r);
      entry.ids.push(id);
      approved.set(ind.plan_id, entry);
    }
    for (const [planId, e] of approved) {
      await logProgress(trx, regions, planId, [...e.indicators], [...e.regions], `数据审定 / value approved (${e.ids.join(', ')})`);
    }
  });
  const rows = await valueQuery(db).where('v.id', 'in', ids).execute();
  return rows.map((r) => presentValue(r, regions));
}

/** Checks that the caller may read the given region's values (used by template/export). */
export function requireDraftRegion(actor: Actor, regions: RegionDirectory, regionCode: string): void {
  const region = regions.get(regionCode);
  if (!region) throw notFound();
  resolveScopePath(actor, region);
  if (!canDraft(actor, regions, regionCode)) throw forbidden();
}
