import { DRAW_FORMAT, type DrawVerdict, type PublishedDraw, type Redraw, type RiskClass, type Stratum, verifyDraw } from '../../../../common/draw/index.ts';
import type { Db } from '../../../platform/db.ts';
import { ratiosOf } from '../plans/plan-service.ts';
import { decodePools } from './pool-document.ts';

/**
 * The published record of a task's draw (common/draw/README.md §9), assembled from what the database stores:
 * the task row (parameters, seed, entropy, commitment, poolHash, strata), the frozen canonical document (pools),
 * the drawn targets with their current inspectors, and the approved recusals in redraw order. Nothing is
 * recomputed here: verification does that from this record alone.
 */

export interface StoredDrawRecord extends PublishedDraw {
  taskId: string;
  drawnAt: string;
}

/** The task's record, or null when the task does not exist, is not random or has not been drawn yet. */
export async function loadDrawRecord(db: Db, taskId: string): Promise<StoredDrawRecord | null> {
  const task = await db.selectFrom('inspection_task').selectAll().where('id', '=', taskId).executeTakeFirst();
  if (task?.kind !== 'random' || !task.drawn_at || !task.seed || !task.commitment || !task.pool_hash) return null;
  const pool = await db.selectFrom('inspection_task_pool').select('canonical_gz').where('task_id', '=', taskId).executeTakeFirst();
  const [targets, redraws] = await Promise.all([
    db
      .selectFrom('inspection_task_target')
      .select(['credit_code', 'risk_class', 'inspector_ids'])
      .where('task_id', '=', taskId)
      .orderBy('draw_order')
      .execute(),
    db
      .selectFrom('inspection_recusal as r')
      .innerJoin('inspection_task_target as x', 'x.id', 'r.target_id')
      .select(['r.redraw_seq', 'x.credit_code', 'r.inspector_id', 'r.replacement_id', 'r.reason', 'r.approved_by_name'])
      .where('r.task_id', '=', taskId)
      .where('r.status', '=', 'approved')
      .orderBy('r.redraw_seq')
      .execute(),
  ]);
  let pools: ReturnType<typeof decodePools> | null = null;
  try {
    pools = pool ? decodePools(pool.canonical_gz) : null;
  } catch {
    pools = null; // a document that no longer parses: verification reports the pools as the difference
  }
  const params = pools?.params ?? {
    taskRef: task.id,
    ratioBasisPoints: ratiosOf(task),
    inspectorsPerTarget: task.inspectors_per_target,
    regionRule: task.region_rule,
    maxTargetsPerInspector: task.max_targets_per_inspector,
  };
  // Null pools (a missing or unreadable snapshot) go to verifyDraw as they are; it names the field (never throws).
  const noPool = null as unknown as PublishedDraw['targetPool'];
  const noInspectors = null as unknown as PublishedDraw['inspectorPool'];
  return {
    taskId: task.id,
    drawnAt: new Date(task.drawn_at).toISOString(),
    format: DRAW_FORMAT,
    params,
    targetPool: pools?.targetPool ?? noPool,
    inspectorPool: pools?.inspectorPool ?? noInspectors,
    seed: task.seed,
    publicEntropy: task.public_entropy ?? '',
    commitment: task.commitment,
    poolHash: task.pool_hash,
    strata: (task.strata ?? []) as Stratum[], // written from DrawResult.strata at the draw
    // a null class (never written for a random task) reaches verifyDraw as null, which reports it
    targets: targets.map((t) => ({ creditCode: t.credit_code, riskClass: t.risk_class as RiskClass, inspectors: t.inspector_ids })),
    redraws: redraws.map(
      (r): Redraw => ({
        seq: r.redraw_seq ?? 0,
        creditCode: r.credit_code,
        recusedInspectorId: r.inspector_id,
        replacementId: r.replacement_id ?? '',
        reason: r.reason,
        approvedBy: r.approved_by_name,
      }),
    ),
  };
}

/** Verifies a stored record (the same verdict function as `zhiliang draw verify <file>`). */
export function verifyRecord(record: StoredDrawRecord): DrawVerdict {
  return verifyDraw(record);
}
