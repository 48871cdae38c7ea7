import { createHash } from 'node:crypto';
import { type AuditContext, appendAudit } from '../../platform/audit.ts';
import type { Db } from '../../platform/db.ts';
import { notFound, validationFailed } from '../../platform/errors.ts';
import { type Actor, regionCodeInScope, regionRootPath, requireRole } from '../../platform/scope.ts';
import { inTransaction } from '../../platform/transaction.ts';

/** Evidence files for values and project updates (stored in the database: one backup, one transaction). */

export const ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024;
const ALLOWED_TYPES = new Set([
  'application/pdf',
  'image/png',
  'image/jpeg',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.ms-excel',
  'application/msword',
  'text/csv',
  'application/zip',
  'application/octet-stream',
]);

export interface UploadInput {
  fileName: string;
  contentType: string;
  contentBase64: string;
}

export async function uploadAttachment(db: Db, actor: Actor, input: UploadInput, ctx: AuditContext) {
  requireRole(actor, 'city_admin', 'county_officer');
  if (!ALLOWED_TYPES.has(input.contentType)) {
    throw validationFailed([{ field: 'body.contentType', rule: 'enum', message: '仅支持 PDF、图片、Office 文档、CSV、ZIP / unsupported file type' }]);
  }
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(input.contentBase64)) {
    throw validationFailed([{ field: 'body.contentBase64', rule: 'base64', message: '文件内容须为 Base64 编码 / content must be base64' }]);
  }
  const content = Buffer.from(input.contentBase64, 'base64');
  if (content.length === 0) throw validationFailed([{ field: 'body.contentBase64', rule: 'minLength', message: '文件为空 / empty file' }]);
  if (content.length > ATTACHMENT_MAX_BYTES) {
    throw validationFailed([{ field: 'body.contentBase64', rule: 'maxSize', message: '文件不能超过 5 MB / file larger than 5 MB' }]);
  }
  const sha256 = createHash('sha256').update(content).digest('hex');
  const fileName = input.fileName.replace(/[\\/\r\n"]/g, '_').slice(0, 200);
  return inTransaction(db, async (trx) => {
    const row = await trx
      .insertInto('plan_attachment')
      .values({
        file_name: fileName,
        content_type: input.contentType,
        size_bytes: content.length,
        sha256,
        content,
        region_code: actor.regionCode,
        uploaded_by: actor.id,
      })
      .returning(['id', 'file_name', 'size_bytes', 'sha256'])
      .executeTakeFirstOrThrow();
    await appendAudit(trx, ctx, {
      action: 'plan.attachment.upload',
      entityType: 'plan_attachment',
      entityId: row.id,
      regionCode: actor.regionCode,
      after: { fileName, sizeBytes: content.length, sha256 },
    });
    return { id: row.id, fileName: row.file_name, sizeBytes: row.size_bytes, sha256: row.sha256 };
  });
}

/**
 * A file the caller may read: uploaded within its region scope, or evidence of a published value or of
 * a project update (both readable by every signed-in user).
 */
export async function readAttachment(db: Db, actor: Actor, id: string) {
  const root = regionRootPath(actor);
  const row = await db
    .selectFrom('plan_attachment as a')
    .select(['a.id', 'a.file_name', 'a.content_type', 'a.content', 'a.sha256'])
    .where('a.id', '=', id)
    .where((eb) =>
      eb.or([
        ...(root ? [regionCodeInScope('a.region_code', root)] : []),
        eb.exists(eb.selectFrom('plan_value as v').select('v.id').whereRef('v.attachment_id', '=', 'a.id').where('v.status', 'in', ['approved', 'superseded'])),
        eb.exists(eb.selectFrom('plan_project_update as u').select('u.id').whereRef('u.attachment_id', '=', 'a.id')),
      ]),
    )
    .executeTakeFirst();
  if (!row) throw notFound();
  return row;
}
