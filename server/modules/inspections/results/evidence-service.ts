import { createHash } from 'node:crypto';
import type { Evidence, EvidenceInput } from '../../../../common/inspection-api.ts';
import { type AuditContext, appendAudit } from '../../../platform/audit.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError, notFound, validationFailed } from '../../../platform/errors.ts';
import type { RegionDirectory } from '../../../platform/regions.ts';
import type { Actor } from '../../../platform/scope.ts';
import { inTransaction } from '../../../platform/transaction.ts';
import { inspectorIdOf, isRegulator, regionVisible, requireStaff } from '../access.ts';
import { iso } from '../dates.ts';
import { loadTargetForWrite } from './target-service.ts';

/** Evidence files of a result (≤ 5 MB each, SHA-256 recorded, stored in the database like plan attachments; never public). */

export const EVIDENCE_MAX_BYTES = 5 * 1024 * 1024;
const EVIDENCE_TYPES = new Set([
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/webp',
  'video/mp4',
  'audio/mpeg',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/msword',
  'application/zip',
  'application/octet-stream',
]);

/** Stores an evidence file (≤ 5 MB) with its SHA-256, in the same transaction as its audit row. */
export async function uploadEvidence(
  db: Db,
  regions: RegionDirectory,
  actor: Actor,
  targetId: string,
  input: EvidenceInput,
  ctx: AuditContext,
): Promise<Evidence> {
  if (!EVIDENCE_TYPES.has(input.contentType)) {
    throw validationFailed([{ field: 'body.contentType', rule: 'enum', message: '仅支持 PDF、图片、音视频、Office 文档、ZIP / unsupported file type' }]);
  }
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(input.contentBase64)) {
    throw validationFailed([{ field: 'body.contentBase64', rule: 'base64', message: '文件内容须为 Base64 编码 / content must be base64' }]);
  }
  const content = Buffer.from(input.contentBase64, 'base64');
  if (content.length === 0) throw validationFailed([{ field: 'body.contentBase64', rule: 'minLength', message: '文件为空 / empty file' }]);
  if (content.length > EVIDENCE_MAX_BYTES) {
    throw validationFailed([{ field: 'body.contentBase64', rule: 'maxSize', message: '文件不能超过 5 MB / file larger than 5 MB' }]);
  }
  const sha256 = createHash('sha256').update(content).digest('hex');
  const fileName = input.fileName.replace(/[\\/\r\n"]/g, '_').slice(0, 200);
  return inTransaction(db, async (trx) => {
    const { row } = await loadTargetForWrite(trx, regions, actor, targetId);
    if (row.task_status === 'published') {
      throw new AppError(409, 'INSPECTION_TASK_STATE', '结果已公示，不能再补充证据 / the results are published');
    }
    const saved = await trx
      .insertInto('inspection_evidence')
      .values({ target_id: targetId, file_name: fileName, content_type: input.contentType, size_bytes: content.length, sha256, content, uploaded_by: actor.id })
      .returning(['id', 'uploaded_at'])
      .executeTakeFirstOrThrow();
    await appendAudit(trx, ctx, {
      action: 'inspection.evidence.upload',
      entityType: 'inspection_evidence',
      entityId: saved.id,
      after: { targetId, fileName, sizeBytes: content.length, sha256 },
    });
    return { id: saved.id, fileName, contentType: input.contentType, sizeBytes: content.length, sha256, uploadedAt: iso(saved.uploaded_at) ?? '' };
  });
}

/** An evidence file for the task's regulators and assigned inspectors (never public). */
export async function readEvidence(db: Db, regions: RegionDirectory, actor: Actor, id: string) {
  requireStaff(actor);
  const file = await db.selectFrom('inspection_evidence').selectAll().where('id', '=', id).executeTakeFirst();
  if (!file) throw notFound();
  const target = await db
    .selectFrom('inspection_task_target as x')
    .innerJoin('inspection_task as t', 't.id', 'x.task_id')
    .select(['x.inspector_ids', 't.region_code'])
    .where('x.id', '=', file.target_id)
    .executeTakeFirstOrThrow();
  if (isRegulator(actor)) {
    if (!regionVisible(regions, actor, target.region_code)) throw notFound();
  } else {
    const inspectorId = await inspectorIdOf(db, actor);
    if (!inspectorId || !target.inspector_ids.includes(inspectorId)) throw notFound();
  }
  return file;
}
