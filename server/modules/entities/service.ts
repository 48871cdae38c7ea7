import { explainCreditCode, normaliseCreditCode } from '../../../common/credit-code.ts';
import type { EntityDetail, EntityEvent, EntityInput, EntitySummary, EntityUpdate, ListEntitiesInput, SpecialList } from '../../../common/entity-api.ts';
import { industryFilterPrefixes, industryOf } from '../../../common/industry.ts';
import { type AuditContext, appendAudit } from '../../platform/audit.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, type FieldIssue, forbidden, notFound, validationFailed } from '../../platform/errors.ts';
import type { RegionDirectory } from '../../platform/regions.ts';
import { type Actor, isPathInScope, regionRootPath, resolveScopePath } from '../../platform/scope.ts';
import { inTransaction } from '../../platform/transaction.ts';
import { changedFields, type EntityFields, eventsForChange } from './changes.ts';
import { addDays, type EntityRow, presentCertification, presentEvent, presentLicence, presentSummary, todayInShanghai } from './present.ts';
import { countEvents, type ReadScope, selectEntityInScope, selectEntityPage, selectEvents } from './queries.ts';
import { insertOwnEvents, type OwnEvent } from './timeline.ts';

/**
 * The market-entity registry. Who sees what: the city bureau every entity, a county officer or
 * inspector the entities whose township lies in their district/county, an enterprise user only its own
 * entity (by the credit code on its account). Who writes: city_admin and county_officer, within scope.
 */

export const DETAIL_EVENTS = 50;

/** Roles that create and edit entities, licences and certifications (inspectors and enterprises read). */
export function canEditEntities(actor: Actor): boolean {
  return actor.role === 'city_admin' || actor.role === 'county_officer';
}

/** The caller's read scope, narrowed to a region it asked for (the region switcher). */
export function readScope(actor: Actor, regions: RegionDirectory, regionCode?: string): ReadScope {
  if (actor.role === 'enterprise') return { kind: 'enterprise', creditCode: actor.enterpriseCreditCode };
  if (regionCode === undefined) return { kind: 'region', path: resolveScopePath(actor, null) };
  const region = regions.get(regionCode);
  if (!region) throw notFound();
  return { kind: 'region', path: resolveScopePath(actor, region) };
}

/** Entities the caller may see, filtered, sorted and paged on the server. */
export async function listEntities(
  db: Db,
  regions: RegionDirectory,
  actor: Actor,
  input: ListEntitiesInput,
): Promise<{ items: EntitySummary[]; total: number; page: number; pageSize: number }> {
  const scope = readScope(actor, regions, input.regionCode);
  const today = todayInShanghai();
  let industryPrefixes: string[] | undefined;
  if (input.industry) {
    const prefixes = industryFilterPrefixes(input.industry);
    if (!prefixes) throw validationFailed([{ field: 'querystring.industry', rule: 'gb4754', message: industryMessage(input.industry) }]);
    industryPrefixes = prefixes;
  }
  const { rows, total } = await selectEntityPage(
    db,
    {
      scope,
      ...(input.q ? { q: input.q } : {}),
      ...(input.type ? { type: input.type } : {}),
      ...(input.status ? { status: input.status } : {}),
      ...(input.specialList ? { specialList: input.specialList } : {}),
      ...(industryPrefixes ? { industryPrefixes } : {}),
      ...(input.licenceExpiringDays !== undefined ? { licenceExpiring: { from: today, until: addDays(today, input.licenceExpiringDays) } } : {}),
    },
    today,
    {
      sort: input.sort ?? 'region',
      order: input.order ?? 'asc',
      limit: input.pageSize,
      offset: (input.page - 1) * input.pageSize,
    },
  );
  return { items: rows.map((r) => presentSummary(r, regions)), total, page: input.page, pageSize: input.pageSize };
}

/** The entity row if the caller may see it; otherwise 404 (it must not learn that the entity exists). */
export async function loadEntityRow(db: Db, regions: RegionDirectory, actor: Actor, id: string) {
  const row = await selectEntityInScope(db, id, readScope(actor, regions), todayInShanghai());
  if (!row) throw notFound();
  return row;
}

/** As loadEntityRow, and 403 unless the caller may also write (an enterprise reads its own entity only). */
export async function loadEntityForWrite(db: Db, regions: RegionDirectory, actor: Actor, id: string) {
  const row = await loadEntityRow(db, regions, actor, id);
  if (!canEditEntities(actor)) throw forbidden();
  return row;
}

/** One entity with its licences, certifications and newest timeline events. */
export async function getEntity(db: Db, regions: RegionDirectory, actor: Actor, id: string): Promise<EntityDetail> {
  const row = await loadEntityRow(db, regions, actor, id);
  const today = todayInShanghai();
  const [licences, certifications, events, eventTotal] = await Promise.all([
    db.selectFrom('entity_licence').selectAll().where('entity_id', '=', id).orderBy('expires_on').orderBy('number').execute(),
    db.selectFrom('entity_certification').selectAll().where('entity_id', '=', id).orderBy('issued_on', 'desc').orderBy('number').execute(),
    selectEvents(db, id, DETAIL_EVENTS, 0),
    countEvents(db, id),
  ]);
  return {
    ...presentSummary(row, regions),
    address: row.address,
    createdAt: new Date(row.created_at).toISOString(),
    canEdit: canEditEntities(actor),
    licences: licences.map((l) => presentLicence(l, today)),
    certifications: certifications.map((c) => presentCertification(c, today)),
    events: events.map(presentEvent),
    eventTotal,
  };
}

/** A page of an entity's timeline, newest first. */
export async function listEntityEvents(
  db: Db,
  regions: RegionDirectory,
  actor: Actor,
  id: string,
  page: { page: number; pageSize: number },
): Promise<{ items: EntityEvent[]; total: number; page: number; pageSize: number }> {
  await loadEntityRow(db, regions, actor, id);
  const [rows, total] = await Promise.all([selectEvents(db, id, page.pageSize, (page.page - 1) * page.pageSize), countEvents(db, id)]);
  return { items: rows.map(presentEvent), total, page: page.page, pageSize: page.pageSize };
}

// ---- validation shared by the form and the import ----

export function industryMessage(code: string): string {
  return `行业代码 ${code} 不在 GB/T 4754-2017 国民经济行业分类中（填门类字母或 2–4 位代码，如 C、13、1391） / ${code} is not a GB/T 4754-2017 code`;
}

/** The field issue of a credit code, or null when valid: names position and expected check character. */
export function creditCodeIssue(field: string, code: string): (FieldIssue & { position?: number; expectedCheckChar?: string | null }) | null {
  const verdict = explainCreditCode(code);
  if (verdict.valid) return null;
  const position = /第 (\d+) 位/.exec(verdict.reason ?? '')?.[1];
  return {
    field,
    rule: 'gb32100',
    message: verdict.reason ?? '统一社会信用代码无效 / invalid credit code',
    ...(position ? { position: Number(position) } : {}),
    expectedCheckChar: verdict.expectedCheckChar,
  };
}

/** Problems with a township code for this caller: unknown, not a township, outside the caller's region. */
export function regionIssue(field: string, regions: RegionDirectory, actor: Actor, code: string): FieldIssue | null {
  const region = regions.get(code);
  if (!region) return { field, rule: 'region', message: `未知的行政区划代码 ${code} / unknown region code` };
  if (region.level !== 'township') {
    return {
      field,
      rule: 'township',
      message: `请填写乡镇（街道）级区划，${region.name} 是${region.level === 'city' ? '市' : '区县'}级 / give a township-level region`,
    };
  }
  if (!isPathInScope(actor, region.path)) {
    return { field, rule: 'scope', message: `${region.name} 不在您的管辖范围内 / ${code} is outside your region` };
  }
  return null;
}

function checkFields(input: Partial<EntityInput>, regions: RegionDirectory, actor: Actor): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (input.creditCode !== undefined) {
    const issue = creditCodeIssue('body.creditCode', input.creditCode);
    if (issue) issues.push(issue);
  }
  if (input.industryCode !== undefined && input.industryCode !== null && !industryOf(input.industryCode)) {
    issues.push({ field: 'body.industryCode', rule: 'gb4754', message: industryMessage(input.industryCode) });
  }
  if (input.regionCode !== undefined) {
    const issue = regionIssue('body.regionCode', regions, actor, input.regionCode);
    if (issue) issues.push(issue);
  }
  if (input.establishedOn && input.establishedOn > todayInShanghai()) {
    issues.push({ field: 'body.establishedOn', rule: 'not_future', message: '成立日期不能晚于今天 / establishedOn cannot be in the future' });
  }
  if (input.name !== undefined && input.name.trim() === '') issues.push({ field: 'body.name', rule: 'required', message: '名称不能为空 / name is required' });
  return issues;
}

const blankToNull = (v: string | null | undefined): string | null | undefined =>
  v === undefined ? undefined : v === null || v.trim() === '' ? null : v.trim();

/** Trimmed, upper-cased, blank → null: what is stored and compared. */
export function normaliseInput<T extends Partial<EntityInput>>(input: T): T {
  return {
    ...input,
    ...(input.creditCode !== undefined ? { creditCode: normaliseCreditCode(input.creditCode) } : {}),
    ...(input.name !== undefined ? { name: input.name.trim() } : {}),
    ...(input.industryCode !== undefined ? { industryCode: blankToNull(input.industryCode) } : {}),
    ...(input.address !== undefined ? { address: blankToNull(input.address) } : {}),
    ...(input.legalRepresentative !== undefined ? { legalRepresentative: blankToNull(input.legalRepresentative) } : {}),
    ...(input.establishedOn !== undefined ? { establishedOn: input.establishedOn || null } : {}),
    ...(input.specialLists !== undefined ? { specialLists: [...new Set(input.specialLists)].sort() as SpecialList[] } : {}),
  };
}

export function fieldsOf(row: EntityRow): EntityFields {
  return {
    creditCode: row.credit_code,
    name: row.name,
    type: row.type,
    industryCode: row.industry_code,
    regionCode: row.region_code,
    address: row.address,
    legalRepresentative: row.legal_representative,
    establishedOn: row.established_on,
    status: row.status,
    specialLists: [...row.special_lists].sort() as SpecialList[],
  };
}

export function columnsOf(f: Partial<EntityFields>) {
  return {
    ...(f.creditCode !== undefined ? { credit_code: f.creditCode } : {}),
    ...(f.name !== undefined ? { name: f.name } : {}),
    ...(f.type !== undefined ? { type: f.type } : {}),
    ...(f.industryCode !== undefined ? { industry_code: f.industryCode } : {}),
    ...(f.regionCode !== undefined ? { region_code: f.regionCode } : {}),
    ...(f.address !== undefined ? { address: f.address } : {}),
    ...(f.legalRepresentative !== undefined ? { legal_representative: f.legalRepresentative } : {}),
    ...(f.establishedOn !== undefined ? { established_on: f.establishedOn } : {}),
    ...(f.status !== undefined ? { status: f.status } : {}),
    ...(f.specialLists !== undefined ? { special_lists: f.specialLists } : {}),
  };
}

export const creditCodeTaken = (code: string) =>
  new AppError(409, 'ENTITY_CREDIT_CODE_TAKEN', `统一社会信用代码 ${code} 已登记 / credit code already registered`, [
    { field: 'body.creditCode', rule: 'unique', message: '该统一社会信用代码已登记 / already registered' },
  ]);

function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && 'code' in err && (err as { code: unknown }).code === '23505';
}

/** Registers an entity (city_admin anywhere, county_officer in its district/county), with a 设立登记 event. */
export async function createEntity(db: Db, regions: RegionDirectory, actor: Actor, raw: EntityInput, ctx: AuditContext): Promise<EntityDetail> {
  if (!canEditEntities(actor)) throw forbidden();
  const input = normaliseInput(raw);
  const issues = checkFields(input, regions, actor);
  if (issues.length > 0) throw validationFailed(issues);
  const fields: EntityFields = {
    creditCode: input.creditCode,
    name: input.name,
    type: input.type,
    industryCode: input.industryCode ?? null,
    regionCode: input.regionCode,
    address: input.address ?? null,
    legalRepresentative: input.legalRepresentative ?? null,
    establishedOn: input.establishedOn ?? null,
    status: input.status,
    specialLists: input.specialLists ?? [],
  };
  const id = await inTransaction(db, async (trx) => {
    const clash = await trx.selectFrom('entity').select('id').where('credit_code', '=', fields.creditCode).executeTakeFirst();
    if (clash) throw creditCodeTaken(fields.creditCode);
    const row = await trx
      .insertInto('entity')
      .values({
        ...columnsOf(fields),
        credit_code: fields.creditCode,
        name: fields.name,
        type: fields.type,
        region_code: fields.regionCode,
        status: fields.status,
        created_by: actor.id,
        updated_by: actor.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
      .catch((err: unknown) => {
        if (isUniqueViolation(err)) throw creditCodeTaken(fields.creditCode);
        throw err;
      });
    await insertOwnEvents(trx, registrationEvents(row.id, fields, '在平台登记'), actor.id);
    await appendAudit(trx, ctx, { action: 'entity.create', entityType: 'entity', entityId: row.id, regionCode: fields.regionCode, after: fields });
    return row.id;
  });
  return getEntity(db, regions, actor, id);
}

/** The timeline of a newly registered entity: 设立登记 on its establishment date, and any list it is already on. */
export function registrationEvents(entityId: string, fields: EntityFields, how: string, isDemo = false): OwnEvent[] {
  const today = todayInShanghai();
  const registration: OwnEvent = {
    entityId,
    occurredOn: fields.establishedOn ?? today,
    kind: 'registration',
    summary: how ? `设立登记：${fields.name}（${how}）` : `设立登记：${fields.name}`,
    details: { creditCode: fields.creditCode, status: fields.status },
    isDemo,
  };
  const lists = eventsForChange({ ...fields, specialLists: [] }, fields, fields.specialLists.length > 0 ? ['specialLists'] : [], how);
  return [registration, ...lists.map((e) => ({ entityId, occurredOn: today, ...e, isDemo }))];
}

/** Changes an entity's fields (audited, one transaction); each change also goes on the timeline. */
export async function updateEntity(db: Db, regions: RegionDirectory, actor: Actor, id: string, raw: EntityUpdate, ctx: AuditContext): Promise<EntityDetail> {
  await loadEntityForWrite(db, regions, actor, id);
  const input = normaliseInput(raw);
  const issues = checkFields(input, regions, actor);
  if (issues.length > 0) throw validationFailed(issues);
  await inTransaction(db, async (trx) => {
    // Compare against the row as locked: two officers saving at once each see the other's change.
    const current = await trx.selectFrom('entity').selectAll().where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
    const before = fieldsOf(current);
    const changed = changedFields(before, input as Partial<EntityFields>);
    if (changed.length === 0) return;
    const after: EntityFields = { ...before, ...Object.fromEntries(changed.map((f) => [f, input[f]])) };
    if (changed.includes('creditCode')) {
      const clash = await trx.selectFrom('entity').select('id').where('credit_code', '=', after.creditCode).where('id', '<>', id).executeTakeFirst();
      if (clash) throw creditCodeTaken(after.creditCode);
    }
    await trx
      .updateTable('entity')
      .set({ ...columnsOf(Object.fromEntries(changed.map((f) => [f, after[f]]))), updated_by: actor.id, updated_at: new Date() })
      .where('id', '=', id)
      .execute();
    const today = todayInShanghai();
    await insertOwnEvents(
      trx,
      eventsForChange(before, after, changed, '表单修改').map((e) => ({ entityId: id, occurredOn: today, ...e, isDemo: current.is_demo })),
      actor.id,
    );
    await appendAudit(trx, ctx, {
      action: 'entity.update',
      entityType: 'entity',
      entityId: id,
      regionCode: after.regionCode,
      before: Object.fromEntries(changed.map((f) => [f, before[f]])),
      after: Object.fromEntries(changed.map((f) => [f, after[f]])),
    });
  });
  return getEntity(db, regions, actor, id);
}

/** The caller's region root, for messages and the import (null for enterprises). */
export function writeRoot(actor: Actor): string {
  const root = regionRootPath(actor);
  if (!root || !canEditEntities(actor)) throw forbidden();
  return root;
}
