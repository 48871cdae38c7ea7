import { type Expression, type SqlBool, sql } from 'kysely';
import type { CreditClassCounts, RecomputeResult } from '../../../../common/credit-risk/api.ts';
import { asCreditModel, type CreditModelSpec } from '../../../../common/credit-risk/model.ts';
import { isPeriod, periodAsOf, periodStart, windowStart } from '../../../../common/credit-risk/period.ts';
import { type CreditInputs, scoreCredit } from '../../../../common/credit-risk/score.ts';
import { ACTIVE_ENTITY_STATUSES } from '../../../../common/entity-api.ts';
import { type AuditContext, appendAudit } from '../../../platform/audit.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { regionCodeInScope } from '../../../platform/scope.ts';
import { inTransaction } from '../../../platform/transaction.ts';
import { todayInShanghai } from '../present.ts';

/**
 * The monthly credit-risk classification of every entity (企业信用风险分类, 国市监信发〔2022〕6号: SAMR
 * reclassifies monthly). The platform's scheduler runs it on the 1st of each month (credit/job.ts); a city
 * administrator can re-run a period from the page, an operator with `zhiliang credit recompute`. Set-based,
 * so a million entities fit in well under a minute:
 *
 * 1. one statement gathers every entity's factor inputs into a temporary table — three grouped scans
 *    (timeline events, production licences, certifications) hash-joined to the entities in scope;
 * 2. batches of that table go through the pure scorer (common/credit-risk/score.ts);
 * 3. each batch is written with one INSERT … SELECT FROM json_to_recordset (json: the breakdown is stored
 *    as written, without jsonb's re-encoding).
 *
 * One transaction per run: a re-run of a period replaces its computed rows (in the region recomputed),
 * then the period's manual adjustments are applied again; readers see the old or the new month, never a
 * mix. One audit row and one entity_credit_run row per run.
 */

// Recomputes exclude each other; an adjustment takes the same lock shared, so it never lands between a
// run's delete and its re-applying of adjustments.
export const CREDIT_LOCK_KEY = 7_265_010;
const DEFAULT_BATCH = 20_000;
const PRODUCTION_LICENCE_KINDS = ['industrial_product', 'food_production'];
const SCORED_EVENT_KINDS = ['sampling', 'penalty', 'complaint', 'abnormal_in', 'abnormal_out', 'serious_in', 'serious_out'];
/** details.conclusion of a failed supervision sample (the sampling module writes '合格' or '不合格'). */
export const SAMPLING_FAILED = '不合格';

export interface RecomputeOptions {
  /** Only entities whose township lies under this region path ('/330500/330502/'); default the whole city. */
  regionPath?: string;
  /** Who asked (audit); defaults to the system. */
  audit?: AuditContext;
  /** Today in Asia/Shanghai (tests pin it); default the real day. */
  today?: string;
  batchSize?: number;
  /** Called with each phase's duration (the bench reports them). */
  onPhase?: (phase: 'inputs' | 'delete' | 'score_and_write' | 'adjustments', ms: number) => void;
}

const SYSTEM_CONTEXT: AuditContext = { actorId: null, actorUsername: 'system:credit', actorRole: null, ip: null, userAgent: null, requestId: null };

export function periodInvalid(period: string): AppError {
  return new AppError(400, 'VALIDATION_FAILED', `期次应为 YYYY-MM / period must be YYYY-MM`, [
    { field: 'body.period', rule: 'pattern', message: `期次 ${period} 应为 YYYY-MM / period must be YYYY-MM` },
  ]);
}

/** The model version in force for a period: the newest whose effective_from is on or before the period's first day. */
export async function modelForPeriod(db: Db, period: string): Promise<{ version: number; spec: CreditModelSpec }> {
  const row = await db
    .selectFrom('entity_credit_model')
    .selectAll()
    .where('effective_from', '<=', periodStart(period))
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) throw new AppError(400, 'CREDIT_MODEL_MISSING', `期次 ${period} 之前没有生效的评分模型 / No credit model is in force for ${period}`);
  return { version: row.version, spec: asCreditModel({ baseScore: row.base_score, thresholds: row.thresholds, factors: row.factors }) };
}

interface InputRow {
  n: number;
  id: string;
  established_on: string | null;
  sampling_failures: number;
  penalties: number;
  complaints: number;
  abnormal_listed: boolean;
  serious_listed: boolean;
  licences_expired: number;
  licences_revoked: number;
  certification_kinds: string[] | null;
}

/** The statement that fills `credit_input`: every factor input of every active entity in scope. */
function inputsStatement(spec: CreditModelSpec, asOf: string, scope: Expression<SqlBool> | null) {
  const f = spec.factors;
  // "Listed" = the newest of the in/out pair is the *_in event. (day, id) packed into one bigint so a plain
  // max() finds the newest and the aggregate stays hashable: ids stay far below 2^40.
  const newest = (kind: string) => sql`max(((v.occurred_on - date '2000-01-01')::bigint << 40) + v.id) filter (where v.kind = ${kind})`;
  return sql`
    create temp table credit_input on commit drop as
    select row_number() over () as n, e.id, e.established_on,
      coalesce(v.sampling_failures, 0)::int as sampling_failures,
      coalesce(v.penalties, 0)::int as penalties,
      coalesce(v.complaints, 0)::int as complaints,
      coalesce(v.abnormal_in > coalesce(v.abnormal_out, v.abnormal_in - 1), false) as abnormal_listed,
      coalesce(v.serious_in > coalesce(v.serious_out, v.serious_in - 1), false) as serious_listed,
      coalesce(l.expired, 0)::int as licences_expired,
      coalesce(l.revoked, 0)::int as licences_revoked,
      c.kinds as certification_kinds
    from entity e
    left join (
      select v.entity_id,
        count(*) filter (where v.kind = 'sampling' and v.occurred_on >= ${windowStart(asOf, f.sampling_failures.windowMonths)}
          and v.details ->> 'conclusion' = ${SAMPLING_FAILED}) as sampling_failures,
        count(*) filter (where v.kind = 'penalty' and v.occurred_on >= ${windowStart(asOf, f.penalties.windowMonths)}) as penalties,
        count(*) filter (where v.kind = 'complaint' and v.occurred_on >= ${windowStart(asOf, f.complaints.windowMonths)}) as complaints,
        ${newest('abnormal_in')} as abnormal_in,
        ${newest('abnormal_out')} as abnormal_out,
        ${newest('serious_in')} as serious_in,
        ${newest('serious_out')} as serious_out
      from entity_event v
      where v.kind in (${sql.join(SCORED_EVENT_KINDS)}) and v.occurred_on <= ${asOf}
      group by v.entity_id
    ) v on v.entity_id = e.id
    left join (
      select l.entity_id,
        count(*) filter (where l.status = 'valid' and l.expires_on < ${asOf}) as expired,
        count(*) filter (where l.status in ('revoked', 'suspended')) as revoked
      from entity_licence l
      where l.kind in (${sql.join(PRODUCTION_LICENCE_KINDS)})
      group by l.entity_id
    ) l on l.entity_id = e.id
    left join (
      select c.entity_id, array_agg(c.kind) as kinds
      from entity_certification c
      where c.status = 'valid' and c.issued_on <= ${asOf} and (c.expires_on is null or c.expires_on >= ${asOf})
      group by c.entity_id
    ) c on c.entity_id = e.id
    where e.status in (${sql.join([...ACTIVE_ENTITY_STATUSES])})${scope ? sql` and ${scope}` : sql``}`;
}

/** A query issued ahead of being awaited: mark its rejection handled now; the await still throws it. */
function quiet<T>(p: Promise<T>): Promise<T> {
  p.catch(() => undefined);
  return p;
}

const toInputs = (r: InputRow): CreditInputs => ({
  samplingFailures: r.sampling_failures,
  penalties: r.penalties,
  complaints: r.complaints,
  abnormalListed: r.abnormal_listed,
  seriousListed: r.serious_listed,
  licencesExpired: r.licences_expired,
  licencesRevoked: r.licences_revoked,
  establishedOn: r.established_on,
  certificationKinds: r.certification_kinds ?? [],
});

/**
 * Classifies every active entity (存续 / 在业) for `period` ('YYYY-MM'), or those under
 * `options.regionPath`; idempotent per period. Cancelled, revoked and moved-out entities are not
 * classified (nothing to supervise) and lose any row of a re-run period.
 */
export async function recomputeCreditClasses(db: Db, period: string, options: RecomputeOptions = {}): Promise<RecomputeResult> {
  const started = performance.now();
  if (!isPeriod(period)) throw periodInvalid(period);
  const asOf = periodAsOf(period, options.today ?? todayInShanghai());
  if (asOf === null) {
    throw new AppError(400, 'CREDIT_PERIOD_IN_FUTURE', `期次 ${period} 尚未开始，不能分类 / ${period} has not started yet`, [
      { field: 'body.period', rule: 'not_future', message: `期次 ${period} 尚未开始 / ${period} is in the future` },
    ]);
  }
  const batchSize = options.batchSize ?? DEFAULT_BATCH;
  const scopeOf = (column: string) => (options.regionPath ? regionCodeInScope(column, options.regionPath) : null);

  let mark = performance.now();
  const phase = (name: Parameters<NonNullable<RecomputeOptions['onPhase']>>[0]) => {
    const now = performance.now();
    options.onPhase?.(name, Math.round(now - mark));
    mark = now;
  };

  return inTransaction(db, async (trx) => {
    await sql`select pg_advisory_xact_lock(${CREDIT_LOCK_KEY})`.execute(trx);
    // The input statement hash-aggregates a million groups three times: room to do it in memory rather
    // than spill to disk (this transaction only).
    await sql`set local work_mem = '64MB'`.execute(trx);
    const model = await modelForPeriod(trx, period);
    await inputsStatement(model.spec, asOf, scopeOf('e.region_code')).execute(trx);
    await sql`create index on credit_input (n)`.execute(trx);
    await sql`analyze credit_input`.execute(trx);
    phase('inputs');

    const entityScope = scopeOf('e.region_code');
    if (entityScope) {
      await sql`delete from entity_credit_class c using entity e where c.entity_id = e.id and c.period = ${period} and ${entityScope}`.execute(trx);
    } else {
      await trx.deleteFrom('entity_credit_class').where('period', '=', period).execute();
    }
    phase('delete');

    const counts: CreditClassCounts = { A: 0, B: 0, C: 0, D: 0 };
    const computedAt = new Date().toISOString();
    const total = Number((await sql<{ n: number }>`select count(*) as n from credit_input`.execute(trx)).rows[0]?.n ?? 0);
    const fetchBatch = (k: number) => quiet(sql<InputRow>`select * from credit_input where n > ${k * batchSize} and n <= ${(k + 1) * batchSize}`.execute(trx));
    const insertBatch = (out: unknown[]) =>
      quiet(
        sql`
        insert into entity_credit_class (entity_id, period, class, score, breakdown, model_version, as_of, computed_at)
        select r.e, ${period}, r.c, r.s, r.b, ${model.version}, ${asOf}, ${computedAt}
        from json_to_recordset(${JSON.stringify(out)}::json) as r(e uuid, c text, s integer, b json)`.execute(trx),
      );
    // Pipelined on the one connection: while the database writes batch k, Node scores batch k + 1 (fetched
    // ahead), so the scoring costs no wall time on a two-core machine.
    const batches = Math.ceil(total / batchSize);
    let next = batches > 0 ? fetchBatch(0) : null;
    let writing: Promise<unknown> | null = null;
    let entities = 0;
    for (let k = 0; k < batches && next; k++) {
      const rows = (await next).rows;
      next = k + 1 < batches ? fetchBatch(k + 1) : null;
      const out = rows.map((r) => {
        const s = scoreCredit(model.spec, toInputs(r), asOf);
        counts[s.class] += 1;
        return { e: r.id, c: s.class, s: s.score, b: s.breakdown };
      });
      entities += out.length;
      if (writing) await writing;
      writing = insertBatch(out);
    }
    if (writing) await writing;
    phase('score_and_write');

    // Manual adjustments outlive a re-run: the newest one of each entity in this period wins again.
    const kept = await sql`
      update entity_credit_class c set adjusted_class = a.to_class
      from (select distinct on (entity_id) entity_id, to_class from entity_credit_adjustment where period = ${period} order by entity_id, id desc) a
      where c.entity_id = a.entity_id and c.period = ${period}`.execute(trx);
    const adjustmentsKept = Number(kept.numAffectedRows ?? 0);
    phase('adjustments');

    const durationMs = Math.round(performance.now() - started);
    const audit = options.audit ?? SYSTEM_CONTEXT;
    const result: RecomputeResult = { period, asOf, modelVersion: model.version, entities, counts, adjustmentsKept, durationMs };
    await trx
      .insertInto('entity_credit_run')
      .values({
        period,
        region_path: options.regionPath ?? null,
        model_version: model.version,
        as_of: asOf,
        entities,
        counts: JSON.stringify(counts),
        duration_ms: durationMs,
        run_by: audit.actorUsername ?? 'system',
      })
      .execute();
    await appendAudit(trx, audit, {
      action: 'entity.credit.recompute',
      entityType: 'entity_credit_class',
      entityId: period,
      regionCode: options.regionPath?.split('/').filter(Boolean).at(-1) ?? null,
      after: { ...result, regionPath: options.regionPath ?? null },
    });
    return result;
  });
}
