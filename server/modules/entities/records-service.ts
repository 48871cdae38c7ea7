import type { Selectable } from 'kysely';
import type { Certification, CertificationInput, Licence, LicenceInput } from '../../../common/entity-api.ts';
import { CERTIFICATION_KIND_LABELS, CERTIFICATION_STATUS_LABELS, LICENCE_KIND_LABELS, LICENCE_STATUS_LABELS } from '../../../common/entity-labels.ts';
import type { Database } from '../../db/types.ts';
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

// ---- shared mechanics of both record kinds ----

type RecordTable = 'entity_licence' | 'entity_certification';
interface RecordRows {
  entity_licence: Selectable<Database['entity_licence']>;
  entity_certification: Selectable<Database['entity_certification']>;
}
type RecordRow<T extends RecordTable> = RecordRows[T];
type EntityRow = Awaited<ReturnType<typeof loadEntityForWrite>>;

/** What differs between licences and certifications in the shared load / clash / audit / timeline mechanics. */
interface RecordSpec<T extends RecordTable> {
  table: T;
  /** Timeline event kind and the middle of the audit action (`entity.<noun>.create`). */
  noun: 'licence' | 'certification';
  /** Key of the record id in the timeline event details. */
  idKey: 'licenceId' | 'certificationId';
  /** Label in the "number already registered" error. */
  numberLabel: string;
  /** Label in the "record deleted" timeline summary. */
  recordLabel: string;
}

const LICENCE: RecordSpec<'entity_licence'> = { table: 'entity_licence', noun: 'licence', idKey: 'licenceId', numberLabel: '许可证', recordLabel: '许可证' };
const CERTIFICATION: RecordSpec<'entity_certification'> = {
  table: 'entity_certification',
  noun: 'certification',
  idKey: 'certificationId',
  numberLabel: '证书',
  recordLabel: '认证证书',
};

async function recordInScope<T extends RecordTable>(db: Db, regions: RegionDirectory, actor: Actor, spec: RecordSpec<T>, id: string) {
  const table: RecordTable = spec.table;
  const row = (await db.selectFrom(table).selectAll().where('id', '=', id).executeTakeFirst()) as RecordRow<T> | undefined;
  if (!row) throw notFound();
  const entity = await loadEntityForWrite(db, regions, actor, row.entity_id);
  return { row, entity };
}

/** Kind + number is unique per record table; `exceptId` skips the record being edited. */
async function assertNumberFree<T extends RecordTable>(trx: Db, spec: RecordSpec<T>, kind: RecordRow<T>['kind'], number: string, exceptId?: string) {
  const table: RecordTable = spec.table;
  let query = trx
    .selectFrom(table)
    .select('id')
    .where('kind', '=', kind as RecordRow<RecordTable>['kind'])
    .where('number', '=', number);
  if (exceptId !== undefined) query = query.where('id', '<>', exceptId);
  if (await query.executeTakeFirst()) throw numberTaken(spec.numberLabel, number);
}

interface RecordEvent {
  occurredOn: string;
  summary: string;
  /** Details besides the record id (which goes under `spec.idKey`). */
  details: Record<string, unknown>;
}

/** Puts a change on the entity's timeline (when `event` is given) and audits it. */
async function logRecordChange<T extends RecordTable>(
  trx: Db,
  actor: Actor,
  ctx: AuditContext,
  entity: EntityRow,
  spec: RecordSpec<T>,
  verb: 'create' | 'update' | 'delete',
  recordId: string,
  event: RecordEvent | null,
  audit: { before?: unknown; after?: unknown },
) {
  if (event) {
    await insertOwnEvents(
      trx,
      [
        {
          entityId: entity.id,
          occurredOn: event.occurredOn,
          kind: spec.noun,
          summary: event.summary,
          reference: recordId,
          details: { [spec.idKey]: recordId, ...event.details },
          isDemo: entity.is_demo,
        },
      ],
      actor.id,
    );
  }
  await appendAudit(trx, ctx, {
    action: `entity.${spec.noun}.${verb}`,
    entityType: spec.table,
    entityId: recordId,
    regionCode: entity.region_code,
    ...audit,
  });
}

type MetaColumns = 'id' | 'entity_id' | 'is_demo' | 'created_at' | 'updated_at';
interface RecordFieldsOf {
  entity_licence: Omit<RecordRows['entity_licence'], MetaColumns>;
  entity_certification: Omit<RecordRows['entity_certification'], MetaColumns>;
}
type RecordFields<T extends RecordTable> = RecordFieldsOf[T];

interface UpdatePlan<T extends RecordTable> {
  /** The record after applying the (partial) input to `before`. */
  next: (before: RecordRow<T>) => RecordFields<T>;
  /** Human-readable changes for the timeline; no event when empty. */
  changes: (before: RecordRow<T>, next: RecordFields<T>) => string[];
  /** Timeline summary given the joined changes. */
  summary: (next: RecordFields<T>, changes: string) => string;
  details: (before: RecordRow<T>, next: RecordFields<T>) => Record<string, unknown>;
  auditBefore: (before: RecordRow<T>) => unknown;
  auditAfter: unknown;
}

async function updateRecord<T extends RecordTable>(
  db: Db,
  regions: RegionDirectory,
  actor: Actor,
  spec: RecordSpec<T>,
  id: string,
  plan: UpdatePlan<T>,
  ctx: AuditContext,
): Promise<RecordRow<T>> {
  const { row: before, entity } = await recordInScope(db, regions, actor, spec, id);
  const next = plan.next(before);
  checkDates(next.issued_on, next.expires_on);
  return inTransaction(db, async (trx) => {
    if (next.kind !== before.kind || next.number !== before.number) await assertNumberFree(trx, spec, next.kind, next.number, id);
    const table: RecordTable = spec.table;
    const updated = (await trx
      .updateTable(table)
      .set({ ...next, updated_at: new Date() } as never)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow()) as RecordRow<T>;
    const parts = plan.changes(before, next);
    const event =
      parts.length > 0 ? { occurredOn: todayInShanghai(), summary: plan.summary(next, parts.join('；')), details: plan.details(before, next) } : null;
    await logRecordChange(trx, actor, ctx, entity, spec, 'update', id, event, { before: plan.auditBefore(before), after: plan.auditAfter });
    return updated;
  });
}

/** Deletes a record entered by mistake, with a timeline event and an audit row holding `auditBefore(row)`. */
async function deleteRecord<T extends RecordTable>(
  db: Db,
  regions: RegionDirectory,
  actor: Actor,
  spec: RecordSpec<T>,
  id: string,
  auditBefore: (row: RecordRow<T>) => Record<string, unknown>,
  ctx: AuditContext,
): Promise<void> {
  const { row, entity } = await recordInScope(db, regions, actor, spec, id);
  await inTransaction(db, async (trx) => {
    const table: RecordTable = spec.table;
    await trx.deleteFrom(table).where('id', '=', id).execute();
    const event = { occurredOn: todayInShanghai(), summary: `删除${spec.recordLabel}记录 ${row.number}（录入有误）`, details: { number: row.number } };
    await logRecordChange(trx, actor, ctx, entity, spec, 'delete', id, event, { before: { entityId: entity.id, ...auditBefore(row) } });
  });
}

// ---- licences ----

export async function addLicence(db: Db, regions: RegionDirectory, actor: Actor, entityId: string, input: LicenceInput, ctx: AuditContext): Promise<Licence> {
  const entity = await loadEntityForWrite(db, regions, actor, entityId);
  checkDates(input.issuedOn, input.expiresOn);
  const number = input.number.trim();
  const row = await inTransaction(db, async (trx) => {
    await assertNumberFree(trx, LICENCE, input.kind, number);
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
    const event = {
      occurredOn: input.issuedOn,
      summary: `取得${LICENCE_KIND_LABELS[input.kind]} ${number}（${created.product_category}，有效期至 ${input.expiresOn}）`,
      details: { number, status: input.status },
    };
    await logRecordChange(trx, actor, ctx, entity, LICENCE, 'create', created.id, event, { after: { entityId, ...input } });
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
  const row = await updateRecord(
    db,
    regions,
    actor,
    LICENCE,
    licenceId,
    {
      next: (before) => ({
        kind: input.kind ?? before.kind,
        number: input.number?.trim() ?? before.number,
        product_category: input.productCategory?.trim() ?? before.product_category,
        issuer: input.issuer !== undefined ? (trimOrNull(input.issuer) ?? null) : before.issuer,
        issued_on: input.issuedOn ?? before.issued_on,
        expires_on: input.expiresOn ?? before.expires_on,
        status: input.status ?? before.status,
      }),
      changes: (before, next) => {
        const parts: string[] = [];
        if (next.status !== before.status) parts.push(`状态 ${LICENCE_STATUS_LABELS[before.status]} → ${LICENCE_STATUS_LABELS[next.status]}`);
        if (next.expires_on !== before.expires_on) parts.push(`有效期至 ${before.expires_on} → ${next.expires_on}`);
        if (next.product_category !== before.product_category) parts.push(`产品类别 ${before.product_category} → ${next.product_category}`);
        if (next.number !== before.number || next.kind !== before.kind) parts.push(`编号 ${before.number} → ${next.number}`);
        return parts;
      },
      summary: (next, changes) => `${LICENCE_KIND_LABELS[next.kind]} ${next.number} 变更：${changes}`,
      details: (before, next) => ({
        before: { status: before.status, expiresOn: before.expires_on },
        after: { status: next.status, expiresOn: next.expires_on },
      }),
      auditBefore: (before) => ({ number: before.number, status: before.status, expiresOn: before.expires_on, productCategory: before.product_category }),
      auditAfter: input,
    },
    ctx,
  );
  return presentLicence(row, todayInShanghai());
}

/** Deletes a licence entered by mistake (a revoked or expired licence keeps its record with that status). */
export async function deleteLicence(db: Db, regions: RegionDirectory, actor: Actor, licenceId: string, ctx: AuditContext): Promise<void> {
  await deleteRecord(
    db,
    regions,
    actor,
    LICENCE,
    licenceId,
    (row) => ({ kind: row.kind, number: row.number, status: row.status, expiresOn: row.expires_on }),
    ctx,
  );
}

// ---- certifications ----

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
    await assertNumberFree(trx, CERTIFICATION, input.kind, number);
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
    const event = {
      occurredOn: input.issuedOn,
      summary: `获得${CERTIFICATION_KIND_LABELS[input.kind]}证书 ${number}（${created.issuer}）`,
      details: { number, status: input.status },
    };
    await logRecordChange(trx, actor, ctx, entity, CERTIFICATION, 'create', created.id, event, { after: { entityId, ...input } });
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
  const row = await updateRecord(
    db,
    regions,
    actor,
    CERTIFICATION,
    certificationId,
    {
      next: (before) => ({
        kind: input.kind ?? before.kind,
        number: input.number?.trim() ?? before.number,
        issuer: input.issuer?.trim() ?? before.issuer,
        scope: input.scope !== undefined ? (trimOrNull(input.scope) ?? null) : before.scope,
        issued_on: input.issuedOn ?? before.issued_on,
        expires_on: input.expiresOn !== undefined ? input.expiresOn : before.expires_on,
        status: input.status ?? before.status,
      }),
      changes: (before, next) => {
        const parts: string[] = [];
        if (next.status !== before.status) parts.push(`状态 ${CERTIFICATION_STATUS_LABELS[before.status]} → ${CERTIFICATION_STATUS_LABELS[next.status]}`);
        if (next.expires_on !== before.expires_on) parts.push(`有效期至 ${before.expires_on ?? '长期'} → ${next.expires_on ?? '长期'}`);
        if (next.number !== before.number || next.kind !== before.kind) parts.push(`编号 ${before.number} → ${next.number}`);
        return parts;
      },
      summary: (next, changes) => `${CERTIFICATION_KIND_LABELS[next.kind]}证书 ${next.number} 变更：${changes}`,
      details: (before, next) => ({ before: { status: before.status }, after: { status: next.status } }),
      auditBefore: (before) => ({ number: before.number, status: before.status, expiresOn: before.expires_on }),
      auditAfter: input,
    },
    ctx,
  );
  return presentCertification(row, todayInShanghai());
}

export async function deleteCertification(db: Db, regions: RegionDirectory, actor: Actor, certificationId: string, ctx: AuditContext): Promise<void> {
  await deleteRecord(db, regions, actor, CERTIFICATION, certificationId, (row) => ({ kind: row.kind, number: row.number, status: row.status }), ctx);
}
