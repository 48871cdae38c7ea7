import { sql } from 'kysely';
import { normaliseCreditCode } from '../../../../common/credit-code.ts';
import type {
  CreditAdjustmentInput,
  CreditClassCounts,
  CreditClassList,
  CreditClassRecord,
  CreditModel,
  CreditModelInput,
  EntityCreditHistory,
  ListCreditClassesInput,
  RecomputeResult,
} from '../../../../common/credit-risk/api.ts';
import { CREDIT_CLASSES, type CreditClass, validateCreditModel } from '../../../../common/credit-risk/model.ts';
import { isPeriod, periodOf, periodStart } from '../../../../common/credit-risk/period.ts';
import { type AuditContext, appendAudit } from '../../../platform/audit.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError, notFound, validationFailed } from '../../../platform/errors.ts';
import type { RegionDirectory } from '../../../platform/regions.ts';
import { type Actor, requireRole, resolveScopePath } from '../../../platform/scope.ts';
import { inTransaction } from '../../../platform/transaction.ts';
import { todayInShanghai } from '../present.ts';
import { loadEntityRow } from '../service.ts';
import { presentListItem, presentModel, presentRecord } from './present.ts';
import {
  selectAdjustments,
  selectClassCounts,
  selectCreditPage,
  selectCurrentClasses,
  selectEntityClasses,
  selectLatestRun,
  selectModels,
  selectPeriods,
} from './queries.ts';
import { CREDIT_LOCK_KEY, periodInvalid, recomputeCreditClasses } from './recompute.ts';

/**
 * 企业信用风险分类 use cases. The classes are an internal reference for allocating supervision
 * (国市监信发〔2022〕6号), so only regulators read them: city_admin the whole city, county officers and
 * inspectors their district/county (an entity outside it is 404). Enterprises are refused (403), even for
 * their own entity, and no public route reads these tables. Adjustments: city and county officers in
 * scope. Recompute and new model versions: city_admin.
 */

const READERS = ['city_admin', 'county_officer', 'inspector'] as const;
const ADJUSTERS = ['city_admin', 'county_officer'] as const;
const HISTORY_PERIODS = 24;

const emptyCounts = (): CreditClassCounts => ({ A: 0, B: 0, C: 0, D: 0 });
const canAdjust = (actor: Actor) => (ADJUSTERS as readonly string[]).includes(actor.role);

/** A period's classes in the caller's region (or a narrower one), with counts per class and per sub-region. */
export async function listCreditClasses(db: Db, regions: RegionDirectory, actor: Actor | null, input: ListCreditClassesInput): Promise<CreditClassList> {
  const me = requireRole(actor, ...READERS);
  const requested = input.regionCode === undefined ? null : regions.get(input.regionCode);
  if (requested === undefined) throw notFound();
  const scopePath = resolveScopePath(me, requested);
  const periods = await selectPeriods(db);
  const period = input.period ?? periods[0] ?? null;
  const base = { periods, canAdjust: canAdjust(me), canRecompute: me.role === 'city_admin', page: input.page, pageSize: input.pageSize };
  if (period === null) return { ...base, period: null, counts: emptyCounts(), byRegion: [], run: null, items: [], total: 0 };

  const scopeRegion = regions.all().find((r) => r.path === scopePath);
  const children = regions.all().filter((r) => r.parentCode === scopeRegion?.code);
  // split_part(path, '/', k): '/330500/330502/…' has '' at 1, the city at 2, the county at 3.
  const groupDepth = children.length === 0 ? null : scopePath.split('/').length;
  const [page, grouped, run] = await Promise.all([
    selectCreditPage(
      db,
      {
        period,
        scopePath,
        ...(input.class ? { class: input.class } : {}),
        ...(input.q ? { q: input.q } : {}),
        ...(input.adjusted ? { adjusted: true } : {}),
      },
      { sort: input.sort ?? 'score', order: input.order ?? 'desc', limit: input.pageSize, offset: (input.page - 1) * input.pageSize },
    ),
    selectClassCounts(db, period, scopePath, groupDepth),
    selectLatestRun(db, period),
  ]);
  const counts = emptyCounts();
  const perRegion = new Map<string, CreditClassCounts>();
  for (const g of grouped) {
    counts[g.class] += g.n;
    const c = perRegion.get(g.region) ?? emptyCounts();
    c[g.class] += g.n;
    perRegion.set(g.region, c);
  }
  const byRegion = (children.length > 0 ? children : scopeRegion ? [scopeRegion] : [])
    .sort((a, b) => a.sortOrder - b.sortOrder || a.code.localeCompare(b.code))
    .map((r) => ({ regionCode: r.code, regionName: r.name, counts: perRegion.get(r.code) ?? emptyCounts() }))
    // A city with five counties shows all five; a county's thirty townships only those with entities.
    .filter((r) => children.length <= 8 || CREDIT_CLASSES.some((k) => r.counts[k] > 0));
  return {
    ...base,
    period,
    counts,
    byRegion,
    run: run
      ? {
          period: run.period,
          modelVersion: run.model_version,
          asOf: run.as_of,
          entities: run.entities,
          finishedAt: new Date(run.finished_at).toISOString(),
          runBy: run.run_by,
        }
      : null,
    items: page.rows.map((r) => presentListItem(r, regions)),
    total: page.total,
  };
}

/** An entity's classes over the last 24 periods, with breakdowns, adjustments and the model versions used. */
export async function getEntityCreditHistory(db: Db, regions: RegionDirectory, actor: Actor | null, entityId: string): Promise<EntityCreditHistory> {
  const me = requireRole(actor, ...READERS);
  const entity = await loadEntityRow(db, regions, me, entityId);
  const rows = await selectEntityClasses(db, entity.id, HISTORY_PERIODS);
  const [adjustments, models] = await Promise.all([
    selectAdjustments(
      db,
      entity.id,
      rows.map((r) => r.period),
    ),
    selectModels(db, [...new Set(rows.map((r) => r.model_version))]),
  ]);
  return {
    entityId: entity.id,
    creditCode: entity.credit_code,
    name: entity.name,
    canAdjust: canAdjust(me),
    records: rows.map((r) => presentRecord(r, adjustments)),
    models: models.map(presentModel),
  };
}

/**
 * Moves an entity's class for one period by hand, with a reason (≥ 5 characters): the newest adjustment
 * is the effective class and survives a re-run of the period. Audited (`entity.credit.adjust`).
 */
export async function adjustCreditClass(
  db: Db,
  regions: RegionDirectory,
  actor: Actor | null,
  entityId: string,
  input: CreditAdjustmentInput,
  ctx: AuditContext,
): Promise<CreditClassRecord> {
  const me = requireRole(actor, ...ADJUSTERS);
  const entity = await loadEntityRow(db, regions, me, entityId);
  const reason = input.reason.trim();
  if (reason.length < 5) {
    throw validationFailed([{ field: 'body.reason', rule: 'minLength', message: '调整理由至少 5 个字 / the reason must have at least 5 characters' }]);
  }
  if (!isPeriod(input.period)) throw periodInvalid(input.period);
  await inTransaction(db, async (trx) => {
    await sql`select pg_advisory_xact_lock_shared(${CREDIT_LOCK_KEY})`.execute(trx);
    const row = await trx
      .selectFrom('entity_credit_class')
      .selectAll()
      .where('entity_id', '=', entity.id)
      .where('period', '=', input.period)
      .forUpdate()
      .executeTakeFirst();
    if (!row) {
      throw new AppError(404, 'CREDIT_CLASS_NOT_FOUND', `该主体在 ${input.period} 尚无分类结果 / No class computed for this entity in ${input.period}`);
    }
    const from: CreditClass = row.adjusted_class ?? row.class;
    if (from === input.toClass) {
      throw validationFailed([{ field: 'body.toClass', rule: 'unchanged', message: `当前已是 ${from} 类 / the class is already ${from}` }]);
    }
    const adjustment = await trx
      .insertInto('entity_credit_adjustment')
      .values({ entity_id: entity.id, period: input.period, from_class: from, to_class: input.toClass, reason, adjusted_by: me.id })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .updateTable('entity_credit_class')
      .set({ adjusted_class: input.toClass })
      .where('entity_id', '=', entity.id)
      .where('period', '=', input.period)
      .execute();
    await appendAudit(trx, ctx, {
      action: 'entity.credit.adjust',
      entityType: 'entity',
      entityId: entity.id,
      regionCode: entity.region_code,
      before: { period: input.period, class: from, computedClass: row.class },
      after: { period: input.period, class: input.toClass, reason, adjustmentId: adjustment.id },
    });
  });
  const history = await getEntityCreditHistory(db, regions, me, entity.id);
  const record = history.records.find((r) => r.period === input.period);
  if (!record) throw notFound();
  return record;
}

/** Recomputes a period (default: the current month) for the whole city, from the page. city_admin only. */
export async function triggerRecompute(db: Db, actor: Actor | null, period: string | undefined, ctx: AuditContext): Promise<RecomputeResult> {
  requireRole(actor, 'city_admin');
  return recomputeCreditClasses(db, period ?? periodOf(todayInShanghai()), { audit: ctx });
}

/** The newest model version (the one new periods use). */
export async function getActiveModel(db: Db, actor: Actor | null): Promise<CreditModel> {
  requireRole(actor, ...READERS);
  const rows = await selectModels(db);
  const active = rows.find((r) => r.is_active);
  if (!active) throw notFound();
  return presentModel(active);
}

export async function listModels(db: Db, actor: Actor | null): Promise<CreditModel[]> {
  requireRole(actor, ...READERS);
  return (await selectModels(db)).map(presentModel);
}

/**
 * Adds a model version, effective from the current month: it becomes the active one; results already
 * computed keep their version (a re-run of an earlier month still uses the version in force then).
 */
export async function createModel(db: Db, actor: Actor | null, input: CreditModelInput, ctx: AuditContext): Promise<CreditModel> {
  const me = requireRole(actor, 'city_admin');
  const { description, ...spec } = input;
  const issues = validateCreditModel(spec).map((i) => ({ field: i.field === 'model' ? 'body' : `body.${i.field}`, rule: 'credit_model', message: i.message }));
  if (description.trim().length < 20) {
    issues.push({
      field: 'body.description',
      rule: 'minLength',
      message: '请写明依据与取值说明（至少 20 字）/ explain the sources and choices (at least 20 characters)',
    });
  }
  if (issues.length > 0) throw validationFailed(issues);
  const effectiveFrom = periodStart(periodOf(todayInShanghai()));
  const version = await inTransaction(db, async (trx) => {
    const latest = await trx.selectFrom('entity_credit_model').select(['version']).orderBy('version', 'desc').limit(1).forUpdate().executeTakeFirst();
    const next = (latest?.version ?? 0) + 1;
    await trx.updateTable('entity_credit_model').set({ is_active: false }).where('is_active', '=', true).execute();
    await trx
      .insertInto('entity_credit_model')
      .values({
        version: next,
        effective_from: effectiveFrom,
        base_score: spec.baseScore,
        factors: JSON.stringify(spec.factors),
        thresholds: JSON.stringify(spec.thresholds),
        description: description.trim(),
        is_active: true,
        created_by: me.id,
      })
      .execute();
    await appendAudit(trx, ctx, {
      action: 'entity.credit.model.create',
      entityType: 'entity_credit_model',
      entityId: String(next),
      after: { version: next, effectiveFrom, ...spec, description: description.trim() },
    });
    return next;
  });
  const row = (await selectModels(db, [version]))[0];
  if (!row) throw notFound();
  return presentModel(row);
}

/**
 * The newest class of each entity, adjustment applied, keyed by the (normalised, upper-case) credit
 * code; entities with no class yet are absent. For other modules (the random-inspection draw stratifies
 * by it): no permission check — the caller decides what its user may see, and must not publish it.
 */
export async function currentCreditClasses(
  db: Db,
  creditCodes: string[],
): Promise<Map<string, { class: 'A' | 'B' | 'C' | 'D'; period: string; adjusted: boolean }>> {
  const codes = [...new Set(creditCodes.map(normaliseCreditCode))];
  const rows = await selectCurrentClasses(db, codes);
  return new Map(rows.map((r) => [r.credit_code, { class: r.class, period: r.period, adjusted: r.adjusted }]));
}
