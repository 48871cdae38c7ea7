import { sql } from 'kysely';
import { normaliseCreditCode } from '../../../../common/credit-code.ts';
import type { ConflictInput, Inspector, InspectorInput, InspectorUpdate, ListInspectorsInput, Page } from '../../../../common/inspection-api.ts';
import { type AuditContext, appendAudit } from '../../../platform/audit.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError, notFound, validationFailed } from '../../../platform/errors.ts';
import type { RegionDirectory } from '../../../platform/regions.ts';
import { type Actor, regionCodeInScope } from '../../../platform/scope.ts';
import { inTransaction } from '../../../platform/transaction.ts';
import { assertVisible, regionForWrite, requireRegulator, rootOf } from '../access.ts';
import { todayInShanghai } from '../dates.ts';

/**
 * The 执法检查人员名录库 (inspector register, 国发〔2019〕5号): people with 执法证 number and validity (certified),
 * specialities, home region (for the region rule of the draw) and declared conflicts (回避, 行政处罚法 第43条).
 * Each entry belongs to a bureau's register (region_code); regulators keep their own region's entries.
 */

type InspectorRow = {
  id: string;
  user_id: string | null;
  username: string | null;
  name: string;
  badge_number: string | null;
  badge_valid_until: string | null;
  specialities: string[];
  home_region_code: string;
  region_code: string;
  active: boolean;
  is_demo: boolean;
  updated_at: Date;
  conflicts: unknown;
};

/** Certified = a 执法证 valid on `day` (inclusive). */
export function isCertified(badgeNumber: string | null, validUntil: string | null, day: string): boolean {
  return badgeNumber !== null && validUntil !== null && validUntil >= day;
}

function present(row: InspectorRow, regions: RegionDirectory, today: string): Inspector {
  const conflicts = (Array.isArray(row.conflicts) ? row.conflicts : []) as { creditCode: string; reason: string; declaredAt: string }[]; // built by the json_agg below
  return {
    id: row.id,
    name: row.name,
    userId: row.user_id,
    username: row.username,
    badgeNumber: row.badge_number,
    badgeValidUntil: row.badge_valid_until,
    certified: isCertified(row.badge_number, row.badge_valid_until, today),
    specialities: row.specialities,
    homeRegionCode: row.home_region_code,
    homeRegionName: regions.get(row.home_region_code)?.name ?? row.home_region_code,
    regionCode: row.region_code,
    regionName: regions.get(row.region_code)?.name ?? row.region_code,
    active: row.active,
    conflicts: conflicts.map((c) => ({ creditCode: c.creditCode, reason: c.reason, declaredAt: new Date(c.declaredAt).toISOString() })),
    isDemo: row.is_demo,
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

function baseQuery(db: Db) {
  return db
    .selectFrom('inspection_inspector as i')
    .leftJoin('platform_user as u', 'u.id', 'i.user_id')
    .select([
      'i.id',
      'i.user_id',
      'u.username',
      'i.name',
      'i.badge_number',
      'i.badge_valid_until',
      'i.specialities',
      'i.home_region_code',
      'i.region_code',
      'i.active',
      'i.is_demo',
      'i.updated_at',
      sql<unknown>`coalesce((select json_agg(json_build_object('creditCode', c.credit_code, 'reason', c.reason, 'declaredAt', c.declared_at) order by c.credit_code)
        from inspection_inspector_conflict c where c.inspector_id = i.id), '[]'::json)`.as('conflicts'),
    ]);
}

async function loadInScope(db: Db, regions: RegionDirectory, actor: Actor, id: string): Promise<InspectorRow> {
  const row = await baseQuery(db).where('i.id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  assertVisible(regions, actor, row.region_code);
  return row;
}

/** The register of the caller's region (or a narrower one), paged, by name or badge number. */
export async function listInspectors(db: Db, regions: RegionDirectory, actor: Actor, input: ListInspectorsInput): Promise<Page<Inspector>> {
  requireRegulator(actor);
  let root = rootOf(actor);
  if (input.regionCode) {
    const path = regions.get(input.regionCode)?.path;
    if (!path?.startsWith(root)) throw notFound();
    root = path;
  }
  let q = baseQuery(db).where(regionCodeInScope('i.region_code', root));
  if (input.q) {
    const like = `%${input.q.replace(/[\\%_]/g, '\\$&')}%`;
    q = q.where((eb) => eb.or([eb('i.name', 'ilike', like), eb('i.badge_number', 'ilike', like)]));
  }
  if (input.active !== undefined) q = q.where('i.active', '=', input.active);
  const [rows, count] = await Promise.all([
    q
      .orderBy('i.region_code')
      .orderBy('i.name')
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize)
      .execute(),
    q
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  const today = todayInShanghai();
  return { items: rows.map((r) => present(r, regions, today)), total: Number(count.n), page: input.page, pageSize: input.pageSize };
}

export async function getInspector(db: Db, regions: RegionDirectory, actor: Actor, id: string): Promise<Inspector> {
  requireRegulator(actor);
  return present(await loadInScope(db, regions, actor, id), regions, todayInShanghai());
}

/** Checks a linked account: an inspector account, not linked to another entry, within the caller's scope. */
async function checkUser(trx: Db, regions: RegionDirectory, actor: Actor, userId: string, selfId: string | null): Promise<void> {
  const user = await trx.selectFrom('platform_user').select(['id', 'role', 'region_code']).where('id', '=', userId).executeTakeFirst();
  const issue = (message: string) => validationFailed([{ field: 'body.userId', rule: 'user', message }]);
  if (!user || !regions.get(user.region_code)?.path.startsWith(rootOf(actor))) throw issue('账户不存在或不在您的管辖区域 / no such account in your region');
  if (user.role !== 'inspector') throw issue('只能关联执法检查人员账户 / only an inspector account can be linked');
  const taken = await trx.selectFrom('inspection_inspector').select('id').where('user_id', '=', userId).executeTakeFirst();
  if (taken && taken.id !== selfId) throw issue('该账户已关联其他检查人员 / the account is linked to another register entry');
}

function checkBadge(input: InspectorUpdate): void {
  const hasNumber = input.badgeNumber !== undefined && input.badgeNumber !== null;
  const hasDate = input.badgeValidUntil !== undefined && input.badgeValidUntil !== null;
  if (hasNumber !== hasDate) {
    throw validationFailed([
      {
        field: hasNumber ? 'body.badgeValidUntil' : 'body.badgeNumber',
        rule: 'badge',
        message: '执法证号与有效期须同时填写或同时留空 / give both the badge number and its validity, or neither',
      },
    ]);
  }
}

function badgeTaken(err: unknown): AppError | unknown {
  if (typeof err === 'object' && err !== null && 'code' in err && err.code === '23505') {
    return new AppError(409, 'INSPECTION_BADGE_TAKEN', '执法证号已在名录库中 / This badge number is already registered', [
      { field: 'body.badgeNumber', rule: 'unique', message: '执法证号重复 / duplicate badge number' },
    ]);
  }
  return err;
}

/** Adds an inspector to the register of the caller's region. */
export async function createInspector(db: Db, regions: RegionDirectory, actor: Actor, input: InspectorInput, ctx: AuditContext): Promise<Inspector> {
  requireRegulator(actor);
  checkBadge(input);
  const home = regionForWrite(regions, actor, input.homeRegionCode, 'body.homeRegionCode', ['county', 'township']);
  const defaultRegion = home.level === 'township' ? (home.parentCode ?? home.code) : home.code;
  const region = regionForWrite(regions, actor, input.regionCode ?? defaultRegion, 'body.regionCode', ['city', 'county']);
  const id = await inTransaction(db, async (trx) => {
    if (input.userId) await checkUser(trx, regions, actor, input.userId, null);
    const row = await trx
      .insertInto('inspection_inspector')
      .values({
        user_id: input.userId ?? null,
        name: input.name.trim(),
        badge_number: input.badgeNumber ?? null,
        badge_valid_until: input.badgeValidUntil ?? null,
        specialities: input.specialities ?? [],
        home_region_code: home.code,
        region_code: region.code,
        active: input.active ?? true,
        created_by: actor.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
      .catch((err: unknown) => {
        throw badgeTaken(err);
      });
    await appendAudit(trx, ctx, {
      action: 'inspection.inspector.create',
      entityType: 'inspection_inspector',
      entityId: row.id,
      regionCode: region.code,
      after: { badgeNumber: input.badgeNumber ?? null, homeRegionCode: home.code, regionCode: region.code, userId: input.userId ?? null },
    });
    return row.id;
  });
  return getInspector(db, regions, actor, id);
}

/** Changes an entry (audited); certification, home region and activity take effect at the next freeze. */
export async function updateInspector(
  db: Db,
  regions: RegionDirectory,
  actor: Actor,
  id: string,
  input: InspectorUpdate,
  ctx: AuditContext,
): Promise<Inspector> {
  requireRegulator(actor);
  await inTransaction(db, async (trx) => {
    const before = await loadInScope(trx, regions, actor, id);
    const merged = {
      badgeNumber: input.badgeNumber !== undefined ? input.badgeNumber : before.badge_number,
      badgeValidUntil: input.badgeValidUntil !== undefined ? input.badgeValidUntil : before.badge_valid_until,
    };
    checkBadge(merged);
    if (input.homeRegionCode) regionForWrite(regions, actor, input.homeRegionCode, 'body.homeRegionCode', ['county', 'township']);
    if (input.regionCode) regionForWrite(regions, actor, input.regionCode, 'body.regionCode', ['city', 'county']);
    if (input.userId) await checkUser(trx, regions, actor, input.userId, id);
    await trx
      .updateTable('inspection_inspector')
      .set({
        ...(input.name !== undefined ? { name: input.name.trim() } : {}),
        ...(input.userId !== undefined ? { user_id: input.userId } : {}),
        badge_number: merged.badgeNumber,
        badge_valid_until: merged.badgeValidUntil,
        ...(input.specialities !== undefined ? { specialities: input.specialities } : {}),
        ...(input.homeRegionCode !== undefined ? { home_region_code: input.homeRegionCode } : {}),
        ...(input.regionCode !== undefined ? { region_code: input.regionCode } : {}),
        ...(input.active !== undefined ? { active: input.active } : {}),
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .execute()
      .catch((err: unknown) => {
        throw badgeTaken(err);
      });
    await appendAudit(trx, ctx, {
      action: 'inspection.inspector.update',
      entityType: 'inspection_inspector',
      entityId: id,
      regionCode: input.regionCode ?? before.region_code,
      before: { badgeNumber: before.badge_number, badgeValidUntil: before.badge_valid_until, homeRegionCode: before.home_region_code, active: before.active },
      after: input,
    });
  });
  return getInspector(db, regions, actor, id);
}

/** Declares a conflict (回避): the inspector is not drawn for this entity from the next freeze on. */
export async function declareConflict(db: Db, regions: RegionDirectory, actor: Actor, id: string, input: ConflictInput, ctx: AuditContext): Promise<Inspector> {
  requireRegulator(actor);
  const creditCode = normaliseCreditCode(input.creditCode);
  await inTransaction(db, async (trx) => {
    const row = await loadInScope(trx, regions, actor, id);
    await trx
      .insertInto('inspection_inspector_conflict')
      .values({ inspector_id: id, credit_code: creditCode, reason: input.reason.trim(), declared_by: actor.id })
      .onConflict((oc) => oc.columns(['inspector_id', 'credit_code']).doUpdateSet({ reason: input.reason.trim() }))
      .execute();
    await trx.updateTable('inspection_inspector').set({ updated_at: new Date() }).where('id', '=', id).execute();
    await appendAudit(trx, ctx, {
      action: 'inspection.inspector.conflict.declare',
      entityType: 'inspection_inspector',
      entityId: id,
      regionCode: row.region_code,
      after: { creditCode, reason: input.reason.trim() },
    });
  });
  return getInspector(db, regions, actor, id);
}

/** Withdraws a declared conflict (audited with the reason it had). */
export async function withdrawConflict(db: Db, regions: RegionDirectory, actor: Actor, id: string, creditCode: string, ctx: AuditContext): Promise<Inspector> {
  requireRegulator(actor);
  const code = normaliseCreditCode(creditCode);
  await inTransaction(db, async (trx) => {
    const row = await loadInScope(trx, regions, actor, id);
    const removed = await trx
      .deleteFrom('inspection_inspector_conflict')
      .where('inspector_id', '=', id)
      .where('credit_code', '=', code)
      .returning(['reason'])
      .executeTakeFirst();
    if (!removed) throw notFound();
    await appendAudit(trx, ctx, {
      action: 'inspection.inspector.conflict.withdraw',
      entityType: 'inspection_inspector',
      entityId: id,
      regionCode: row.region_code,
      before: { creditCode: code, reason: removed.reason },
    });
  });
  return getInspector(db, regions, actor, id);
}
