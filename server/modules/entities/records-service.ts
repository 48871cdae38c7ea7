import type { Certification, CertificationInput, Licence, LicenceInput } from '../../../common/entity-api.ts';
import { CERTIFICATION_KIND_LABELS, CERTIFICATION_STATUS_LABELS, LICENCE_KIND_LABELS, LICENCE_STATUS_LABELS } from '../../../common/entity-labels.ts';
import { type AuditContext, appendAudit } from '../../platform/audit.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, notFound, validationFailed } from '../../platform/errors.ts';
import type { RegionDirectory } from '../../platform/regions.ts';
import type { Actor } from '../../platform/scope.ts';
import { inTransaction } from '../../platform/transaction.ts';
import { presentCertification, presentLicence, todayInShanghai } from './present.ts';
import { loadEntityForWrite } from './service.ts';
import { insertOwnEvents } from './timeline.ts';

/**
 * Licences (生产许可证 …) and certifications of an entity: who may edit them is who may edit the entity.
 * Every change is audited and put on the entity's timeline in the same transaction.
 */

function checkDates(issuedOn: string, expiresOn: string | null | undefined): void {
  if (expiresOn && expiresOn < issuedOn) {
    throw validationFailed([{ field: 'body.expiresOn', rule: 'after_issue', message: '有效期至不能早于发证日期 / expiresOn cannot be before issuedOn' }]);
  }
  if (issuedOn > todayInShanghai()) {
    throw validationFailed([{ field: 'body.issuedOn', rule: 'not_future', message: '发证日期不能晚于今天 / issuedOn cannot be in the future' }]);
  }
}

const numberTaken = (what: string, number: string) =>
  new AppError(409, 'ENTITY_RECORD_NUMBER_TAKEN', `${what}编号 ${number} 已登记 / this number is already registered`, [
    { field: 'body.number', rule: 'unique', message: `编号已登记 / number already registered` },
  ]);

const trimOrNull = (v: string | null | undefined) => (v === undefined ? undefined : v === null || v.trim() === '' ? null : v.trim());

// ---- licences ----

async function licenceInScope(db: Db, regions: RegionDirectory, actor: Actor, licenceId: string) {
  const row = await db.selectFrom('entity_licence').selectAll().where('id', '=', licenceId).executeTakeFirst();
  if (!row) throw notFound();
  const entity = await loadEntityForWrite(db, regions, actor, row.entity_id);
  return { row, entity };
}

export async function addLicence(db: Db, regions: RegionDirectory, actor: Actor, entityId: string, input: LicenceInput, ctx: AuditContext): Promise<Licence> {
  const entity = await loadEntityForWrite(db, regions, actor, entityId);
  checkDates(input.issuedOn, input.expiresOn);
  const number = input.number.trim();
  const row = await inTransaction(db, async (trx) => {
    const clash = await trx.selectFrom('entity_licence').select('id').where('kind', '=', input.kind).where('number', '=', number).executeTakeFirst();
    if (clash) throw numberTaken('许可证', number);
    const created = await trx
      .insertInto('entity_licence')
      .values({
        entity_id: entityId,
        kind: input.kind,
        number,
        product_category: input.productCategory.trim(),
        issuer: trimOrNull(input.issuer) ?? null,
        issued_on: input.issuedOn,
        expires_on: input.expiresOn,
        status: input.status,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await insertOwnEvents(
      trx,
      [
        {
          entityId,
          occurredOn: input.issuedOn,
          kind: 'licence',
          summary: `取得${LICENCE_KIND_LABELS[input.kind]} ${number}（${created.product_category}，有效期至 ${input.expiresOn}）`,
          reference: created.id,
          details: { licenceId: created.id, number, status: input.status },
          isDemo: entity.is_demo,
        },
      ],
      actor.id,
    );
    await appendAudit(trx, ctx, {
      action: 'entity.licence.create',
      entityType: 'entity_licence',
      entityId: created.id,
      regionCode: entity.region_code,
      after: { entityId, ...input },
    });
    return created;
  });
  return presentLicence(row, todayInShanghai());
}

export async function updateLicence(
  db: Db,
  regions: RegionDirectory,
  actor: Actor,
  licenceId: string,
  input: Partial<LicenceInput>,
  ctx: AuditContext,
): Promise<Licence> {
  const { row: before, entity } = await licenceInScope(db, regions, actor, licenceId);
  const next = {
    kind: input.kind ?? before.kind,
    number: input.number?.trim() ?? before.number,
    product_category: input.productCategory?.trim() ?? before.product_category,
    issuer: input.issuer !== undefined ? (trimOrNull(input.issuer) ?? null) : before.issuer,
    issued_on: input.issuedOn ?? before.issued_on,
    expires_on: input.expiresOn ?? before.expires_on,
    status: input.status ?? before.status,
  };
  checkDates(next.issued_on, next.expires_on);
  const row = await inTransaction(db, async (trx) => {
    if (next.kind !== before.kind || next.number !== before.number) {
      const clash = await trx
        .selectFrom('entity_licence')
        .select('id')
        .where('kind', '=', next.kind)
        .where('number', '=', next.number)
        .where('id', '<>', licenceId)
        .executeTakeFirst();
      if (clash) throw numberTaken('许可证', next.number);
    }
    const updated = await trx
      .updateTable('entity_licence')
      .set({ ...next, updated_at: new Date() })
      .where('id', '=', licenceId)
      .returningAll()
      .executeTakeFirstOrThrow();
    const parts: string[] = [];
    if (next.status !== before.status) parts.push(`状态 ${LICENCE_STATUS_LABELS[before.status]} → ${LICENCE_STATUS_LABELS[next.status]}`);
    if (next.expires_on !== before.expires_on) parts.push(`有效期至 ${before.expires_on} → ${next.expires_on}`);
    if (next.product_category !== before.product_category) parts.push(`产品类别 ${before.product_category} → ${next.product_category}`);
    if (next.number !== before.number || next.kind !== before.kind) parts.push(`编号 ${before.number} → ${next.number}`);
    if (parts.length > 0) {
      await insertOwnEvents(
        trx,
        [
          {
            entityId: entity.id,
            occurredOn: todayInShanghai(),
            kind: 'licence',
            summary: `${LICENCE_KIND_LABELS[next.kind]} ${next.number} 变更：${parts.join('；')}`,
            reference: licenceId,
            details: { licenceId, before: { status: before.status, expiresOn: before.expires_on }, after: { status: next.status, expiresOn: next.expires_on } },
            isDemo: entity.is_demo,
          },
        ],
        actor.id,
      );
    }
    await appendAudit(trx, ctx, {
      action: 'entity.licence.update',
      entityType: 'entity_licence',
      entityId: licenceId,
      regionCode: entity.region_code,
      before: { number: before.number, status: before.status, expiresOn: before.expires_on, productCategory: before.product_category },
      after: input,
    });
    return updated;
  });
  return presentLicence(row, todayInShanghai());
}

/** Deletes a licence entered by mistake (a revoked or expired licence keeps its record with that status). */
export async function deleteLicence(db: Db, regions: RegionDirectory, actor: Actor, licenceId: string, ctx: AuditContext): Promise<void> {
  const { row, entity } = await licenceInScope(db, regions, actor, licenceId);
  await inTransaction(db, async (trx) => {
    await trx.deleteFrom('entity_licence').where('id', '=', licenceId).execute();
    await insertOwnEvents(
      trx,
      [
        {
          entityId: entity.id,
          occurredOn: todayInShanghai(),
          kind: 'licence',
          summary: `删除许可证记录 ${row.number}（录入有误）`,
          reference: licenceId,
          details: { licenceId, number: row.number },
          isDemo: entity.is_demo,
        },
      ],
      actor.id,
    );
    await appendAudit(trx, ctx, {
      action: 'entity.licence.delete',
      entityType: 'entity_licence',
      entityId: licenceId,
      regionCode: entity.region_code,
      before: { entityId: entity.id, kind: row.kind, number: row.number, status: row.status, expiresOn: row.expires_on },
    });
  });
}

// ---- certifications ----

async function certificationInScope(db: Db, regions: RegionDirectory, actor: Actor, certificationId: string) {
  const row = await db.selectFrom('entity_certification').selectAll().where('id', '=', certificationId).executeTakeFirst();
  if (!row) throw notFound();
  const entity = await loadEntityForWrite(db, regions, actor, row.entity_id);
  return { row, entity };
}

export async function addCertification(
  db: Db,
  regions: RegionDirectory,
  actor: Actor,
  entityId: string,
  input: CertificationInput,
  ctx: AuditContext,
): Promise<Certification> {
  const entity = await loadEntityForWrite(db, regions, actor, entityId);
  checkDates(input.issuedOn, input.expiresOn);
  const number = input.number.trim();
  const row = await inTransaction(db, async (trx) => {
    const clash = await trx.selectFrom('entity_certification').select('id').where('kind', '=', input.kind).where('number', '=', number).executeTakeFirst();
    if (clash) throw numberTaken('证书', number);
    const created = await trx
      .insertInto('entity_certification')
      .values({
        entity_id: entityId,
        kind: input.kind,
        number,
        issuer: input.issuer.trim(),
        scope: trimOrNull(input.scope) ?? null,
        issued_on: input.issuedOn,
        expires_on: input.expiresOn ?? null,
        status: input.status,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await insertOwnEvents(
      trx,
      [
        {
          entityId,
          occurredOn: input.issuedOn,
          kind: 'certification',
          summary: `获得${CERTIFICATION_KIND_LABELS[input.kind]}证书 ${number}（${created.issuer}）`,
          reference: created.id,
          details: { certificationId: created.id, number, status: input.status },
          isDemo: entity.is_demo,
        },
      ],
      actor.id,
    );
    await appendAudit(trx, ctx, {
      action: 'entity.certification.create',
      entityType: 'entity_certification',
      entityId: created.id,
      regionCode: entity.region_code,
      after: { entityId, ...input },
    });
    return created;
  });
  return presentCertification(row, todayInShanghai());
}

export async function updateCertification(
  db: Db,
  regions: RegionDirectory,
  actor: Actor,
  certificationId: string,
  input: Partial<CertificationInput>,
  ctx: AuditContext,
): Promise<Certification> {
  const { row: before, entity } = await certificationInScope(db, regions, actor, certificationId);
  const next = {
    kind: input.kind ?? before.kind,
    number: input.number?.trim() ?? before.number,
    issuer: input.issuer?.trim() ?? before.issuer,
    scope: input.scope !== undefined ? (trimOrNull(input.scope) ?? null) : before.scope,
    issued_on: input.issuedOn ?? before.issued_on,
    expires_on: input.expiresOn !== undefined ? input.expiresOn : before.expires_on,
    status: input.status ?? before.status,
  };
  checkDates(next.issued_on, next.expires_on);
  const row = await inTransaction(db, async (trx) => {
    if (next.kind !== before.kind || next.number !== before.number) {
      const clash = await trx
        .selectFrom('entity_certification')
        .select('id')
        .where('kind', '=', next.kind)
        .where('number', '=', next.number)
        .where('id', '<>', certificationId)
        .executeTakeFirst();
      if (clash) throw numberTaken('证书', next.number);
    }
    const updated = await trx
      .updateTable('entity_certification')
      .set({ ...next, updated_at: new Date() })
      .where('id', '=', certificationId)
      .returningAll()
      .executeTakeFirstOrThrow();
    const parts: string[] = [];
    if (next.status !== before.status) parts.push(`状态 ${CERTIFICATION_STATUS_LABELS[before.status]} → ${CERTIFICATION_STATUS_LABELS[next.status]}`);
    if (next.expires_on !== before.expires_on) parts.push(`有效期至 ${before.expires_on ?? '长期'} → ${next.expires_on ?? '长期'}`);
    if (next.number !== before.number || next.kind !== before.kind) parts.push(`编号 ${before.number} → ${next.number}`);
    if (parts.length > 0) {
      await insertOwnEvents(
        trx,
        [
          {
            entityId: entity.id,
            occurredOn: todayInShanghai(),
            kind: 'certification',
            summary: `${CERTIFICATION_KIND_LABELS[next.kind]}证书 ${next.number} 变更：${parts.join('；')}`,
            reference: certificationId,
            details: { certificationId, before: { status: before.status }, after: { status: next.status } },
            isDemo: entity.is_demo,
          },
        ],
        actor.id,
      );
    }
    await appendAudit(trx, ctx, {
      action: 'entity.certification.update',
      entityType: 'entity_certification',
      entityId: certificationId,
      regionCode: entity.region_code,
      before: { number: before.number, status: before.status, expiresOn: before.expires_on },
      after: input,
    });
    return updated;
  });
  return presentCertification(row, todayInShanghai());
}

export async function deleteCertification(db: Db, regions: RegionDirectory, actor: Actor, certificationId: string, ctx: AuditContext): Promise<void> {
  const { row, entity } = await certificationInScope(db, regions, actor, certificationId);
  await inTransaction(db, async (trx) => {
    await trx.deleteFrom('entity_certification').where('id', '=', certificationId).execute();
    await insertOwnEvents(
      trx,
      [
        {
          entityId: entity.id,
          occurredOn: todayInShanghai(),
          kind: 'certification',
          summary: `删除认证证书记录 ${row.number}（录入有误）`,
          reference: certificationId,
          details: { certificationId, number: row.number },
          isDemo: entity.is_demo,
        },
      ],
      actor.id,
    );
    await appendAudit(trx, ctx, {
      action: 'entity.certification.delete',
      entityType: 'entity_certification',
      entityId: certificationId,
      regionCode: entity.region_code,
      before: { entityId: entity.id, kind: row.kind, number: row.number, status: row.status },
    });
  });
}
