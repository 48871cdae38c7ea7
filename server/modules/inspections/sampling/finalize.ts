import type { FinalVia, RiskLevel, Verdict } from '../../../../common/sampling/api.ts';
import { VERDICT_WORDS } from '../../../../common/sampling/conclusion.ts';
import { type AuditContext, appendAudit } from '../../../platform/audit.ts';
import type { Db } from '../../../platform/db.ts';
import { publishOutbox } from '../../../platform/outbox.ts';
import type { RegionDirectory } from '../../../platform/regions.ts';
import { appendEntityEvent } from '../../entities/index.ts';
import { countyOf, type ItemRow, type SampleRow } from './present.ts';

/**
 * What happens when a sample's conclusion becomes final (合格 at issue; 不合格 once the 复检 window has
 * passed without a request, or after the 复检). All in the caller's transaction:
 * 1. the sample row turns final;
 * 2. the entity's timeline gets a 'sampling' event whose details are exactly
 *    `{ conclusion: "合格" | "不合格", sampleId, category, failedItems: string[] }` (category = the product
 *    category's name, failedItems = the names of the failing test items; the credit-risk scorer reads this
 *    shape) with dedupe key `inspections:sampling:<sampleId>:final`, so a retry adds nothing;
 * 3. a 不合格 writes one `risk.sampling_failed` message to the outbox (key = sample id) for the risk module;
 * 4. an audit row.
 */

export const RISK_SAMPLING_FAILED = 'risk.sampling_failed';

/**
 * Payload of outbox topic `risk.sampling_failed` (schemaVersion 1), one message per sample (key = sampleId).
 * Everything the risk module needs to open a signal without reading the sampling tables.
 */
export interface RiskSamplingFailedPayload {
  schemaVersion: 1;
  sampleId: string;
  /** 抽样单编号 */
  sampleNo: string;
  entityId: string;
  creditCode: string;
  entityName: string;
  /** The entity's township and its district/county. */
  regionCode: string;
  countyCode: string | null;
  categoryCode: string;
  categoryName: string;
  /** The product's risk grade (产品分级) when it was sampled. */
  riskLevel: RiskLevel;
  productName: string;
  brand: string | null;
  spec: string | null;
  batch: string | null;
  sampledOn: string;
  reportNo: string | null;
  reportDate: string | null;
  /** How it became final, and the day (Asia/Shanghai). */
  finalVia: FinalVia;
  finalOn: string;
  failedItems: {
    name: string;
    standard: string | null;
    unit: string | null;
    limitMin: number | null;
    limitMax: number | null;
    limitText: string | null;
    /** The result the conclusion rests on (the 复检 result after a 复检), as number or text. */
    result: number | string | null;
  }[];
}

export interface FinalDecision {
  conclusion: Verdict;
  via: FinalVia;
  /** YYYY-MM-DD: the report date, the day after the window closed, or the 复检 report date. */
  on: string;
}

/** The items the final conclusion failed on. */
export function failedItemsOf(items: ItemRow[], via: FinalVia): ItemRow[] {
  return items.filter((i) => (via === 'retest' ? i.retest_verdict === 'fail' : i.verdict === 'fail'));
}

/**
 * Tells the entity timeline and (for 不合格) the outbox about a final conclusion; both idempotent by key.
 * Returns the failing items' names. recordFinalConclusion calls it; the demo seed calls it for history.
 */
export async function announceFinalConclusion(
  trx: Db,
  regions: RegionDirectory,
  row: SampleRow,
  items: ItemRow[],
  decision: FinalDecision,
  recordedBy: string | null,
): Promise<string[]> {
  const failed = decision.conclusion === 'fail' ? failedItemsOf(items, decision.via) : [];
  const word = VERDICT_WORDS[decision.conclusion];
  const names = failed.map((i) => i.name);
  const summary = `产品质量监督抽查（${row.category_name}）：${row.product_name}${row.batch ? ` 批次 ${row.batch}` : ''}，${word}${
    names.length > 0 ? `，不合格项目：${names.join('、')}` : ''
  }${decision.via === 'retest' ? '（复检结论）' : ''}`;
  await appendEntityEvent(
    trx,
    {
      entityId: row.entity_id,
      occurredOn: decision.on,
      kind: 'sampling',
      summary: summary.length > 500 ? `${summary.slice(0, 499)}…` : summary,
      sourceModule: 'inspections',
      reference: row.sample_no,
      details: { conclusion: word, sampleId: row.id, category: row.category_name, failedItems: names },
      dedupeKey: `inspections:sampling:${row.id}:final`,
      recordedBy,
      isDemo: row.is_demo,
    },
    // The conclusion stands even if the registry lost the entity; the timeline simply has nowhere to go.
    { ifMissing: 'skip' },
  );
  if (decision.conclusion === 'fail') {
    const payload: RiskSamplingFailedPayload = {
      schemaVersion: 1,
      sampleId: row.id,
      sampleNo: row.sample_no,
      entityId: row.entity_id,
      creditCode: row.entity_credit_code,
      entityName: row.entity_name,
      regionCode: row.region_code,
      countyCode: countyOf(regions, row.region_code)?.code ?? null,
      categoryCode: row.category_code,
      categoryName: row.category_name,
      riskLevel: row.category_risk_level,
      productName: row.product_name,
      brand: row.brand,
      spec: row.spec,
      batch: row.batch,
      sampledOn: row.sampled_on,
      reportNo: decision.via === 'retest' ? row.retest_report_no : row.report_no,
      reportDate: decision.via === 'retest' ? row.retest_report_date : row.report_date,
      finalVia: decision.via,
      finalOn: decision.on,
      failedItems: failed.map((i) => ({
        name: i.name,
        standard: i.standard,
        unit: i.unit,
        limitMin: i.limit_min,
        limitMax: i.limit_max,
        limitText: i.limit_text,
        result: decision.via === 'retest' ? (i.retest_value ?? i.retest_text) : (i.result_value ?? i.result_text),
      })),
    };
    await publishOutbox(trx, { topic: RISK_SAMPLING_FAILED, key: row.id, payload: { ...payload } });
  }
  return names;
}

/** Marks the sample final and tells the timeline, the outbox and the audit trail (see above). */
export async function recordFinalConclusion(
  trx: Db,
  regions: RegionDirectory,
  row: SampleRow,
  items: ItemRow[],
  decision: FinalDecision,
  recordedBy: string | null,
  ctx: AuditContext,
): Promise<void> {
  const updated = await trx
    .updateTable('sampling_sample')
    .set({ status: 'final', final_conclusion: decision.conclusion, final_via: decision.via, final_on: decision.on, updated_at: new Date() })
    .where('id', '=', row.id)
    .where('status', '<>', 'final')
    .returning('id')
    .executeTakeFirst();
  if (!updated) return;
  const names = await announceFinalConclusion(trx, regions, row, items, decision, recordedBy);
  await appendAudit(trx, ctx, {
    action: 'sampling.sample.finalize',
    entityType: 'sampling_sample',
    entityId: row.id,
    regionCode: row.region_code,
    before: { status: row.status },
    after: { status: 'final', finalConclusion: decision.conclusion, finalVia: decision.via, finalOn: decision.on, failedItems: names },
  });
}
