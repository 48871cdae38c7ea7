import { CalendarRangeError, type WorkdayCalendar } from '../../../../common/calendar/index.ts';
import type { ListSamplesInput, Page, SampleDetail, SampleInput, SampleSummary, SampleUpdate } from '../../../../common/sampling/api.ts';
import { isCalendarDay, todayInShanghai } from '../../../../common/sampling/dates.ts';
import { type AuditContext, appendAudit } from '../../../platform/audit.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError, type FieldIssue, forbidden, notFound, validationFailed } from '../../../platform/errors.ts';
import type { RegionDirectory } from '../../../platform/regions.ts';
import { type Actor, isPathInScope, requireRole } from '../../../platform/scope.ts';
import { inTransaction } from '../../../platform/transaction.ts';
import { workdayCalendar } from '../../calendar/index.ts';
import { type EntityRef, findEntityByCreditCode } from '../../entities/index.ts';
import { canEnterSamples, type SampleScope, sampleScope } from './access.ts';
import { type ItemValues, prepareItems } from './items.ts';
import { type ItemRow, presentDetail, presentSummary, type SampleRow } from './present.ts';
import { nextSampleNumber, selectItems, selectSampleInScope, selectSamplePage } from './queries.ts';

/**
 * Samples (监督抽查样品): entry and reading. A regulator enters a draft with its test items; the
 * conclusion is computed from the items as they are entered (common/sampling/conclusion.ts). Issuing,
 * 复检 and the final conclusion are in workflow-service.ts.
 */

/** The 20-working-day publication deadline of a final 不合格 (企业信息公示暂行条例 第六条, regulation.md §1). */
export function publicationDeadline(row: SampleRow, calendar: WorkdayCalendar): string | null {
  if (row.final_conclusion !== 'fail' || !row.final_on) return null;
  try {
    return calendar.addWorkdays(row.final_on, 20);
  } catch (err) {
    // Past the years the statutory calendar covers: no deadline rather than a guessed one.
    if (err instanceof CalendarRangeError) return null;
    throw err;
  }
}

export async function listSamples(db: Db, regions: RegionDirectory, actor: Actor, input: ListSamplesInput): Promise<Page<SampleSummary>> {
  const scope = sampleScope(actor, regions, actor.role === 'enterprise' ? undefined : input.regionCode);
  const { rows, total } = await selectSamplePage(
    db,
    {
      scope,
      ...(input.year !== undefined ? { year: input.year } : {}),
      ...(input.categoryId ? { categoryId: input.categoryId } : {}),
      ...(input.status ? { status: input.status } : {}),
      ...(input.finalConclusion ? { finalConclusion: input.finalConclusion } : {}),
      ...(input.q ? { q: input.q } : {}),
    },
    { sort: input.sort ?? 'sampledOn', order: input.order ?? 'desc', limit: input.pageSize, offset: (input.page - 1) * input.pageSize },
  );
  const today = todayInShanghai();
  const calendar = await workdayCalendar(db);
  return { items: rows.map((r) => presentSummary(r, regions, actor, today, calendar)), total, page: input.page, pageSize: input.pageSize };
}

/** The sample row if the caller may see it, else 404. */
export async function loadSample(db: Db, regions: RegionDirectory, actor: Actor, id: string, scope?: SampleScope): Promise<SampleRow> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound();
  const row = await selectSampleInScope(db, id, scope ?? sampleScope(actor, regions));
  if (!row) throw notFound();
  return row;
}

/** As loadSample, holding the row's lock for the rest of the transaction (state changes read-then-write). */
export async function lockSample(trx: Db, regions: RegionDirectory, actor: Actor, id: string): Promise<SampleRow> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound();
  await trx.selectFrom('sampling_sample').select('id').where('id', '=', id).forUpdate().execute();
  return loadSample(trx, regions, actor, id);
}

/**
 * The sample as the caller sees it. `calendar`: the statutory calendar (workdayCalendar), taken by the caller before
 * its transaction — on PGlite's one connection a read through the root handle inside a transaction would wait forever.
 */
export async function sampleDetail(
  db: Db,
  calendar: WorkdayCalendar,
  regions: RegionDirectory,
  actor: Actor,
  row: SampleRow,
  items?: ItemRow[],
): Promise<SampleDetail> {
  return presentDetail(row, items ?? (await selectItems(db, row.id)), regions, actor, todayInShanghai(), calendar, publicationDeadline(row, calendar));
}

export async function getSample(db: Db, regions: RegionDirectory, actor: Actor, id: string): Promise<SampleDetail> {
  return sampleDetail(db, await workdayCalendar(db), regions, actor, await loadSample(db, regions, actor, id));
}

interface Checked {
  entity: EntityRef;
  values: ItemValues[];
  computed: SampleRow['computed_conclusion'];
  category: { id: string; risk_level: SampleRow['category_risk_level']; retest_rule: SampleRow['retest_rule'] };
}

/** Validates a full sample input against the registry, the category list, the plan and the items. */
async function checkSampleInput(db: Db, regions: RegionDirectory, actor: Actor, input: SampleInput): Promise<Checked> {
  const issues: FieldIssue[] = [];
  const today = todayInShanghai();
  const entity = await findEntityByCreditCode(db, input.creditCode);
  const entityRegion = entity ? regions.get(entity.regionCode) : undefined;
  // One message for "not registered" and "registered elsewhere": the caller must not learn which.
  if (!entity || !entityRegion || !isPathInScope(actor, entityRegion.path)) {
    issues.push({
      field: 'body.creditCode',
      rule: 'registered',
      message: '本辖区市场主体名录中没有该统一社会信用代码 / no entity with this code in your region',
    });
  }
  if (!isCalendarDay(input.sampledOn) || input.sampledOn > today) {
    issues.push({ field: 'body.sampledOn', rule: 'date', message: '抽样日期须为今天或之前的日期 / sampledOn must be a date not after today' });
  }
  const category = await db
    .selectFrom('sampling_category')
    .select(['id', 'risk_level', 'retest_rule', 'active'])
    .where('id', '=', input.categoryId)
    .executeTakeFirst();
  if (!category?.active) issues.push({ field: 'body.categoryId', rule: 'exists', message: '产品类别不存在或已停用 / no such active category' });
  if (input.planId) {
    const plan = await db.selectFrom('sampling_plan').selectAll().where('id', '=', input.planId).executeTakeFirst();
    const planRegion = plan ? regions.get(plan.region_code) : undefined;
    if (!plan || !planRegion || !isPathInScope(actor, planRegion.path)) {
      issues.push({ field: 'body.planId', rule: 'exists', message: '抽查计划不存在 / no such plan' });
    } else {
      if (plan.category_id !== input.categoryId)
        issues.push({ field: 'body.planId', rule: 'category', message: '计划的产品类别与样品不一致 / the plan is for another category' });
      if (String(plan.year) !== input.sampledOn.slice(0, 4))
        issues.push({ field: 'body.planId', rule: 'year', message: `计划年度为 ${plan.year}，与抽样日期不符 / the plan is for ${plan.year}` });
      if (entityRegion && !entityRegion.path.startsWith(planRegion.path)) {
        issues.push({ field: 'body.planId', rule: 'region', message: '被抽样主体不在计划的区域内 / the entity lies outside the plan region' });
      }
    }
  }
  if (input.items.length === 0) issues.push({ field: 'body.items', rule: 'minItems', message: '至少一个检验项目 / at least one test item' });
  const prepared = prepareItems(input.items);
  issues.push(...prepared.issues);
  if (issues.length > 0 || !entity || !category) throw validationFailed(issues);
  return {
    entity,
    values: prepared.values,
    computed: prepared.computed,
    category: { id: category.id, risk_level: category.risk_level, retest_rule: category.retest_rule },
  };
}

function sampleFields(input: SampleInput) {
  const t = (v: string | null | undefined) => v?.trim() || null;
  return {
    plan_id: input.planId ?? null,
    category_id: input.categoryId,
    product_name: input.productName.trim(),
    spec: t(input.spec),
    brand: t(input.brand),
    batch: t(input.batch),
    sampled_on: input.sampledOn,
    sampling_place: t(input.samplingPlace),
    lab: t(input.lab),
  };
}

async function insertItems(trx: Db, sampleId: string, values: ItemValues[]): Promise<void> {
  if (values.length === 0) return;
  await trx
    .insertInto('sampling_test_item')
    .values(values.map((v) => ({ ...v, sample_id: sampleId })))
    .execute();
}

/** Enters a sample as a draft, with its items; its number is issued here (CJ-<year>-<county>-<n>). */
export async function createSample(
  db: Db,
  regions: RegionDirectory,
  actor: Actor,
  input: SampleInput,
  ctx: AuditContext,
  options: { demo?: boolean; trx?: Db } = {},
): Promise<SampleDetail> {
  requireRole(actor, 'city_admin', 'county_officer', 'inspector');
  const calendar = await workdayCalendar(options.trx ?? db);
  const run = async (trx: Db) => {
    const checked = await checkSampleInput(trx, regions, actor, input);
    const county = regions.get(checked.entity.regionCode)?.parentCode ?? checked.entity.regionCode;
    const seq = await nextSampleNumber(trx);
    const row = await trx
      .insertInto('sampling_sample')
      .values({
        ...sampleFields(input),
        sample_no: `CJ-${input.sampledOn.slice(0, 4)}-${county}-${String(seq).padStart(6, '0')}`,
        category_risk_level: checked.category.risk_level,
        retest_rule: checked.category.retest_rule,
        entity_id: checked.entity.id,
        entity_credit_code: checked.entity.creditCode,
        entity_name: checked.entity.name,
        region_code: checked.entity.regionCode,
        status: 'draft',
        computed_conclusion: checked.computed,
        is_demo: options.demo ?? false,
        created_by: actor.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await insertItems(trx, row.id, checked.values);
    const sample = await loadSample(trx, regions, actor, row.id);
    await appendAudit(trx, ctx, {
      action: 'sampling.sample.create',
      entityType: 'sampling_sample',
      entityId: row.id,
      regionCode: sample.region_code,
      after: {
        sampleNo: sample.sample_no,
        creditCode: sample.entity_credit_code,
        product: sample.product_name,
        computedConclusion: checked.computed,
        items: checked.values.length,
      },
    });
    return sampleDetail(trx, calendar, regions, actor, sample);
  };
  return options.trx ? run(options.trx) : inTransaction(db, run);
}

/** Edits a draft: any field, and the items as a whole list (replaced). Issued samples are locked. */
export async function updateSample(db: Db, regions: RegionDirectory, actor: Actor, id: string, patch: SampleUpdate, ctx: AuditContext): Promise<SampleDetail> {
  const calendar = await workdayCalendar(db);
  return inTransaction(db, async (trx) => {
    const row = await lockSample(trx, regions, actor, id);
    if (!canEnterSamples(actor)) throw forbidden();
    if (row.status !== 'draft') throw locked(row.status);
    const items = await selectItems(trx, id);
    const merged: SampleInput = {
      creditCode: patch.creditCode ?? row.entity_credit_code,
      planId: patch.planId === undefined ? row.plan_id : patch.planId,
      categoryId: patch.categoryId ?? row.category_id,
      productName: patch.productName ?? row.product_name,
      spec: patch.spec === undefined ? row.spec : patch.spec,
      brand: patch.brand === undefined ? row.brand : patch.brand,
      batch: patch.batch === undefined ? row.batch : patch.batch,
      sampledOn: patch.sampledOn ?? row.sampled_on,
      samplingPlace: patch.samplingPlace === undefined ? row.sampling_place : patch.samplingPlace,
      lab: patch.lab === undefined ? row.lab : patch.lab,
      items:
        patch.items ??
        items.map((i) => ({
          name: i.name,
          method: i.method,
          standard: i.standard,
          unit: i.unit,
          limitMin: i.limit_min,
          limitMax: i.limit_max,
          limitText: i.limit_text,
          resultValue: i.result_value,
          resultText: i.result_text,
          verdict: i.verdict_source === 'entered' ? i.verdict : null,
        })),
    };
    const checked = await checkSampleInput(trx, regions, actor, merged);
    await trx
      .updateTable('sampling_sample')
      .set({
        ...sampleFields(merged),
        category_risk_level: checked.category.risk_level,
        retest_rule: checked.category.retest_rule,
        entity_id: checked.entity.id,
        entity_credit_code: checked.entity.creditCode,
        entity_name: checked.entity.name,
        region_code: checked.entity.regionCode,
        computed_conclusion: checked.computed,
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .execute();
    if (patch.items) {
      await trx.deleteFrom('sampling_test_item').where('sample_id', '=', id).execute();
      await insertItems(trx, id, checked.values);
    }
    const after = await loadSample(trx, regions, actor, id);
    await appendAudit(trx, ctx, {
      action: 'sampling.sample.update',
      entityType: 'sampling_sample',
      entityId: id,
      regionCode: after.region_code,
      before: {
        creditCode: row.entity_credit_code,
        product: row.product_name,
        batch: row.batch,
        computedConclusion: row.computed_conclusion,
        items: items.length,
      },
      after: {
        creditCode: after.entity_credit_code,
        product: after.product_name,
        batch: after.batch,
        computedConclusion: after.computed_conclusion,
        items: checked.values.length,
        itemsReplaced: Boolean(patch.items),
      },
    });
    return sampleDetail(trx, calendar, regions, actor, after);
  });
}

export function locked(status: string): AppError {
  return new AppError(409, 'SAMPLING_SAMPLE_LOCKED', `样品当前状态（${status}）不允许此操作 / Not allowed while the sample is ${status}`);
}
