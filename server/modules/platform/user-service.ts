import { sql } from 'kysely';
import { checkCreditCode } from '../../../common/credit-code.ts';
import type { CreateUserInput, ListUsersInput, UpdateUserInput } from '../../../common/platform-api.ts';
import type { Role } from '../../../common/roles.ts';

export type { CreateUserInput, ListUsersInput, UpdateUserInput };

import { type AuditContext, appendAudit } from '../../platform/audit.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, forbidden, notFound, validationFailed } from '../../platform/errors.ts';
import { checkPasswordPolicy, hashPassword } from '../../platform/password.ts';
import type { RegionDirectory } from '../../platform/regions.ts';
import { type Actor, isPathInScope, regionCodeInScope, requireRole, resolveScopePath } from '../../platform/scope.ts';
import { revokeUserSessions } from '../../platform/session.ts';
import { inTransaction } from '../../platform/transaction.ts';
import { auditedUser, type UserRow } from './present.ts';

/** Roles an actor may create or change: the city manages everyone, a county its inspectors and enterprises. */
export function manageableRoles(actor: Actor): Role[] {
  if (actor.role === 'city_admin') return ['city_admin', 'county_officer', 'inspector', 'enterprise'];
  if (actor.role === 'county_officer') return ['inspector', 'enterprise'];
  return [];
}

/** Whether the actor may change this account (others' accounts only: one's own password is changed via /auth/password). */
export function canManageUser(actor: Actor, row: Pick<UserRow, 'id' | 'role'>): boolean {
  return row.id !== actor.id && manageableRoles(actor).includes(row.role);
}

/** Users within the caller's region scope (city_admin, county_officer), newest first. */
export async function listUsers(db: Db, regions: RegionDirectory, actor: Actor, input: ListUsersInput) {
  requireRole(actor, 'city_admin', 'county_officer');
  const requested = input.regionCode ? regions.get(input.regionCode) : undefined;
  if (input.regionCode && !requested) throw notFound();
  const scopePath = resolveScopePath(actor, requested);
  let q = db.selectFrom('platform_user').where(regionCodeInScope('region_code', scopePath));
  if (input.q) {
    const like = `%${input.q.replace(/[\\%_]/g, '\\$&')}%`;
    q = q.where((eb) => eb.or([eb('username', 'ilike', like), eb('display_name', 'ilike', like), eb('enterprise_name', 'ilike', like)]));
  }
  if (input.role) q = q.where('role', '=', input.role);
  if (input.status === 'disabled') q = q.where('disabled_at', 'is not', null);
  if (input.status === 'locked') q = q.where('disabled_at', 'is', null).where('locked_until', '>', sql<Date>`now()`);
  if (input.status === 'active')
    q = q.where('disabled_at', 'is', null).where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', sql<Date>`now()`)]));
  const [items, total] = await Promise.all([
    q
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('username')
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n), page: input.page, pageSize: input.pageSize };
}

/** One user, or 404 when it is outside the caller's scope (its existence is not revealed). */
export async function getUser(db: Db, regions: RegionDirectory, actor: Actor, id: string): Promise<UserRow> {
  requireRole(actor, 'city_admin', 'county_officer');
  const row = await db.selectFrom('platform_user').selectAll().where('id', '=', id).executeTakeFirst();
  const path = row ? regions.get(row.region_code)?.path : undefined;
  if (!row || !path || !isPathInScope(actor, path)) throw notFound();
  return row;
}

function checkRoleRegion(role: Role, level: string | undefined): string | null {
  if (role === 'city_admin' && level !== 'city') return '市级管理员须属于市级区划 / a city_admin belongs to the city';
  if (role === 'county_officer' && level !== 'county') return '区县监管人员须属于区县 / a county_officer belongs to a district or county';
  return null;
}

/** Creates an account; unless told otherwise it must change its password at first login. */
export async function createUser(
  db: Db,
  regions: RegionDirectory,
  actor: Actor,
  input: CreateUserInput,
  ctx: AuditContext,
  options: { mustChangePassword: boolean } = { mustChangePassword: true },
): Promise<UserRow> {
  requireRole(actor, 'city_admin', 'county_officer');
  if (!manageableRoles(actor).includes(input.role)) throw forbidden();
  const region = regions.get(input.regionCode);
  if (!region) throw validationFailed([{ field: 'body.regionCode', rule: 'exists', message: '行政区划不存在 / no such region' }]);
  if (!isPathInScope(actor, region.path)) throw notFound();
  const issues = checkPasswordPolicy(input.password, input.username);
  const roleRegion = checkRoleRegion(input.role, region.level);
  if (roleRegion) issues.push({ field: 'body.regionCode', rule: 'role_level', message: roleRegion });
  if (input.role === 'enterprise' && !input.enterpriseName)
    issues.push({ field: 'body.enterpriseName', rule: 'required', message: '企业用户须填写企业名称 / is required for an enterprise user' });
  if (input.role !== 'enterprise' && (input.enterpriseName || input.enterpriseCreditCode))
    issues.push({ field: 'body.enterpriseName', rule: 'role', message: '仅企业用户可填写企业 / only for enterprise users' });
  const codeProblem = input.enterpriseCreditCode ? checkCreditCode(input.enterpriseCreditCode) : null;
  if (codeProblem?.rule === 'check') {
    issues.push({
      field: 'body.enterpriseCreditCode',
      rule: 'check_char',
      message: `第 18 位校验码应为 ${codeProblem.expected} / check character (position 18) should be ${codeProblem.expected}`,
    });
  } else if (codeProblem) {
    issues.push({
      field: 'body.enterpriseCreditCode',
      rule: codeProblem.rule,
      message: '统一社会信用代码格式不正确 (GB 32100-2015) / not a valid unified social credit code',
    });
  }
  if (issues.length > 0) throw validationFailed(issues);
  const passwordHash = await hashPassword(input.password);
  return inTransaction(db, async (trx) => {
    const taken = await trx.selectFrom('platform_user').select('id').where(sql`lower(username)`, '=', input.username.toLowerCase()).executeTakeFirst();
    if (taken)
      throw new AppError(409, 'USER_USERNAME_TAKEN', `用户名 ${input.username} 已被使用 / Username ${input.username} is taken`, [
        { field: 'body.username', rule: 'unique', message: '已被使用 / is taken' },
      ]);
    const row = await trx
      .insertInto('platform_user')
      .values({
        username: input.username,
        display_name: input.displayName,
        role: input.role,
        region_code: input.regionCode,
        enterprise_name: input.enterpriseName ?? null,
        enterprise_credit_code: input.enterpriseCreditCode ?? null,
        phone: input.phone ?? null,
        password_hash: passwordHash,
        must_change_password: options.mustChangePassword,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(trx, ctx, { action: 'user.create', entityType: 'user', entityId: row.id, regionCode: row.region_code, after: auditedUser(row) });
    return row;
  });
}

/** Changes, disables/enables, unlocks or resets the password of an account in the caller's scope. */
export async function updateUser(db: Db, regions: RegionDirectory, actor: Actor, id: string, input: UpdateUserInput, ctx: AuditContext): Promise<UserRow> {
  const before = await getUser(db, regions, actor, id);
  if (!manageableRoles(actor).includes(before.role)) throw forbidden();
  if (input.disabled === true && before.id === actor.id) {
    throw new AppError(400, 'USER_CANNOT_DISABLE_SELF', '不能停用自己的账号 / You cannot disable your own account');
  }
  if (input.password !== undefined) {
    const issues = checkPasswordPolicy(input.password, before.username);
    if (issues.length > 0) throw validationFailed(issues);
  }
  const passwordHash = input.password === undefined ? undefined : await hashPassword(input.password);
  return inTransaction(db, async (trx) => {
    const now = new Date();
    const row = await trx
      .updateTable('platform_user')
      .set({
        updated_at: now,
        ...(input.displayName !== undefined && { display_name: input.displayName }),
        ...(input.phone !== undefined && { phone: input.phone }),
        ...(input.disabled !== undefined && { disabled_at: input.disabled ? (before.disabled_at ?? now) : null }),
        ...(input.unlock && { locked_until: null, failed_attempts: 0 }),
        ...(passwordHash && { password_hash: passwordHash, password_changed_at: now, must_change_password: true }),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (input.disabled === true || passwordHash) await revokeUserSessions(trx, id);
    const action =
      input.password !== undefined
        ? 'user.password_reset'
        : input.unlock
          ? 'user.unlock'
          : input.disabled !== undefined
            ? input.disabled
              ? 'user.disable'
              : 'user.enable'
            : 'user.update';
    await appendAudit(trx, ctx, {
      action,
      entityType: 'user',
      entityId: id,
      regionCode: row.region_code,
      before: auditedUser(before),
      after: auditedUser(row),
    });
    return row;
  });
}
