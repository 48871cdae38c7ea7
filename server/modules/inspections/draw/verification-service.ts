import { type DrawDifference, type DrawVerdict, formatVerdict } from '../../../../common/draw/index.ts';
import type { DrawVerification, PublicVerification, ResultCategory } from '../../../../common/inspection-api.ts';
import type { Db } from '../../../platform/db.ts';
import { notFound } from '../../../platform/errors.ts';
import type { RegionDirectory } from '../../../platform/regions.ts';
import type { Actor } from '../../../platform/scope.ts';
import { assertVisible, requireRegulator } from '../access.ts';
import { loadDrawRecord, type StoredDrawRecord, verifyRecord } from './record.ts';

/**
 * Verification of a task's draw, always recomputed from the stored record (common/draw verifyDraw). Auditors
 * (regulators in scope) get the full record and the full first difference; the public gets the verdict with the
 * published values only — no credit class, no inspector data (common/draw README §9 "Privacy").
 */

/** The record and its verdict, or null when the task has no draw (the CLI's `zhiliang draw verify <taskId>`). */
export async function verifyTaskDraw(db: Db, taskId: string): Promise<{ record: StoredDrawRecord; verdict: DrawVerdict; formatted: string } | null> {
  const record = await loadDrawRecord(db, taskId);
  if (!record) return null;
  const verdict = verifyRecord(record);
  return { record, verdict, formatted: formatVerdict(verdict, record) };
}

async function recordInScope(db: Db, regions: RegionDirectory, actor: Actor, taskId: string): Promise<StoredDrawRecord> {
  requireRegulator(actor);
  const task = await db.selectFrom('inspection_task').select(['region_code']).where('id', '=', taskId).executeTakeFirst();
  if (!task) throw notFound();
  assertVisible(regions, actor, task.region_code);
  const record = await loadDrawRecord(db, taskId);
  if (!record) throw notFound();
  return record;
}

/** The full published record (with classes and conflicts) for those entitled to audit the draw. */
export function getDrawRecord(db: Db, regions: RegionDirectory, actor: Actor, taskId: string): Promise<StoredDrawRecord> {
  return recordInScope(db, regions, actor, taskId);
}

/** The auditors' verdict. */
export async function verifyTaskForAuditor(db: Db, regions: RegionDirectory, actor: Actor, taskId: string): Promise<DrawVerification> {
  const record = await recordInScope(db, regions, actor, taskId);
  const verdict = verifyRecord(record);
  return {
    taskId,
    consistent: verdict.consistent,
    commitment: record.commitment,
    seed: record.seed,
    poolHash: record.poolHash,
    publicEntropy: record.publicEntropy,
    firstDifference: verdict.firstDifference,
    formatted: formatVerdict(verdict, record),
  };
}

/** Record fields whose values are public anyway: a difference there may show what was expected and found. */
const PUBLIC_PATHS = /^(format|commitment|poolHash|seed|publicEntropy|params\.taskRef|targets\.length)$/;

function publicDifference(d: DrawDifference | null, published: boolean): PublicVerification['firstDifference'] {
  if (!d) return null;
  const open = PUBLIC_PATHS.test(d.path) || (published && /^targets\[\d+\]\.creditCode$/.test(d.path));
  return open ? { path: d.path, expected: d.expected, actual: d.actual, withheld: false } : { path: d.path, expected: null, actual: null, withheld: true };
}

/**
 * GET /api/v1/public/inspection-tasks/{id}/verification: the verdict computed on the server from the stored
 * record, with the commitment, seed, poolHash and entropy anyone can check. The drawn entities (credit code, name,
 * result) are listed once the results are published; before that only their number — an inspection is not
 * announced to the inspected. 404 for drafts, non-random tasks and tasks not drawn yet.
 */
export async function publicVerification(db: Db, regions: RegionDirectory, taskId: string): Promise<PublicVerification> {
  const task = await db
    .selectFrom('inspection_task')
    .select(['id', 'name', 'region_code', 'status', 'target_pool_size'])
    .where('id', '=', taskId)
    .executeTakeFirst();
  const record = task ? await loadDrawRecord(db, taskId) : null;
  if (!task || !record) throw notFound();
  const verdict = verifyRecord(record);
  const published = task.status === 'published';
  const targets = published
    ? await db
        .selectFrom('inspection_task_target')
        .select(['credit_code', 'entity_name', 'result_category'])
        .where('task_id', '=', taskId)
        .orderBy('draw_order')
        .execute()
    : [];
  return {
    taskId,
    taskName: task.name,
    regionName: regions.get(task.region_code)?.name ?? task.region_code,
    status: task.status,
    consistent: verdict.consistent,
    commitment: record.commitment,
    seed: record.seed,
    poolHash: record.poolHash,
    publicEntropy: record.publicEntropy,
    drawnAt: record.drawnAt,
    targetPoolSize: task.target_pool_size ?? 0,
    targetCount: Array.isArray(record.targets) ? record.targets.length : 0,
    redrawCount: Array.isArray(record.redraws) ? record.redraws.length : 0,
    targets: targets.map((t) => ({ creditCode: t.credit_code, name: t.entity_name, category: t.result_category as ResultCategory | null })), // the column's check constraint lists RESULT_CATEGORIES
    firstDifference: publicDifference(verdict.firstDifference, published),
  };
}
