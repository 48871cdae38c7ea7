import { sql } from 'kysely';
import { type AuditContext, appendAudit } from '../../platform/audit.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, validationFailed } from '../../platform/errors.ts';
import { checkPasswordPolicy, hashPassword, timingDummyHash, verifyPassword } from '../../platform/password.ts';
import type { Actor } from '../../platform/scope.ts';
import { createSession, revokeSession, revokeUserSessions, type SessionPolicy } from '../../platform/session.ts';
import { inTransaction } from '../../platform/transaction.ts';
import type { UserRow } from './present.ts';

// 等保 2.0 三级 (GB/T 22239-2019 8.1.4.1 a/b): 登录失败处理 — lock the account after repeated failures.
export const MAX_FAILED_ATTEMPTS = 5;
export const LOCK_MINUTES = 15;

const invalidCredentials = (remainingAttempts: number | null) =>
  new AppError(
    401,
    'AUTH_INVALID_CREDENTIALS',
    '用户名或密码错误 / Wrong username or password',
    remainingAttempts === null ? undefined : [{ remainingAttempts }],
  );
const locked = (until: Date) =>
  new AppError(
    423,
    'AUTH_ACCOUNT_LOCKED',
    `账号已锁定，请于 ${until.toISOString()} 后重试或联系管理员解锁 / Account locked until ${until.toISOString()}; ask an administrator to unlock it`,
    [{ lockedUntil: until.toISOString() }],
  );

export function findUserByUsername(db: Db, username: string): Promise<UserRow | undefined> {
  return db.selectFrom('platform_user').selectAll().where(sql`lower(username)`, '=', username.toLowerCase()).executeTakeFirst();
}

/** The user behind a live session (loadSession has just read it, so it exists). */
export function findUserById(db: Db, id: string): Promise<UserRow> {
  return db.selectFrom('platform_user').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

/**
 * Checks a username and password and opens a session. Failures are audited and counted; the
 * account locks for LOCK_MINUTES after MAX_FAILED_ATTEMPTS consecutive failures. A locked account
 * is refused without checking the password, so guessing cannot go on while it is locked.
 */
export async function login(db: Db, input: { username: string; password: string }, policy: SessionPolicy, ctx: AuditContext) {
  const user = await findUserByUsername(db, input.username);
  const now = new Date();
  if (!user) {
    await verifyPassword(await timingDummyHash(), input.password);
    await inTransaction(db, (trx) =>
      appendAudit(trx, ctx, { action: 'auth.login_failed', entityType: 'user', after: { username: input.username, reason: 'unknown_user' } }),
    );
    throw invalidCredentials(null);
  }
  const userCtx = { ...ctx, actorId: user.id, actorUsername: user.username, actorRole: user.role };
  if (user.locked_until && user.locked_until > now) {
    await inTransaction(db, (trx) =>
      appendAudit(trx, userCtx, {
        action: 'auth.login_refused',
        entityType: 'user',
        entityId: user.id,
        regionCode: user.region_code,
        after: { reason: 'locked' },
      }),
    );
    throw locked(user.locked_until);
  }
  if (!(await verifyPassword(user.password_hash, input.password))) {
    const attempts = user.failed_attempts + 1;
    const lockNow = attempts >= MAX_FAILED_ATTEMPTS;
    const lockedUntil = lockNow ? new Date(now.getTime() + LOCK_MINUTES * 60_000) : null;
    await inTransaction(db, async (trx) => {
      await trx
        .updateTable('platform_user')
        .set({ failed_attempts: lockNow ? 0 : attempts, locked_until: lockedUntil })
        .where('id', '=', user.id)
        .execute();
      await appendAudit(trx, userCtx, {
        action: lockNow ? 'auth.account_locked' : 'auth.login_failed',
        entityType: 'user',
        entityId: user.id,
        regionCode: user.region_code,
        after: { reason: 'wrong_password', failedAttempts: attempts, lockedUntil },
      });
    });
    if (lockedUntil) throw locked(lockedUntil);
    throw invalidCredentials(MAX_FAILED_ATTEMPTS - attempts);
  }
  if (user.disabled_at) {
    await inTransaction(db, (trx) =>
      appendAudit(trx, userCtx, {
        action: 'auth.login_refused',
        entityType: 'user',
        entityId: user.id,
        regionCode: user.region_code,
        after: { reason: 'disabled' },
      }),
    );
    throw new AppError(403, 'AUTH_ACCOUNT_DISABLED', '账号已停用，请联系管理员 / Account disabled; contact an administrator');
  }
  return inTransaction(db, async (trx) => {
    await trx.updateTable('platform_user').set({ failed_attempts: 0, locked_until: null, last_login_at: now }).where('id', '=', user.id).execute();
    const session = await createSession(trx, user.id, policy, { ip: ctx.ip, userAgent: ctx.userAgent });
    await appendAudit(trx, userCtx, { action: 'auth.login', entityType: 'user', entityId: user.id, regionCode: user.region_code });
    return { user, ...session };
  });
}

export async function logout(db: Db, sessionId: string, actor: Actor, ctx: AuditContext): Promise<void> {
  await inTransaction(db, async (trx) => {
    await revokeSession(trx, sessionId);
    await appendAudit(trx, ctx, { action: 'auth.logout', entityType: 'user', entityId: actor.id, regionCode: actor.regionCode });
  });
}

/** Changes one's own password; other sessions of the user end. */
export async function changePassword(
  db: Db,
  actor: Actor,
  sessionId: string,
  input: { currentPassword: string; newPassword: string },
  ctx: AuditContext,
): Promise<void> {
  const user = await findUserById(db, actor.id);
  if (!(await verifyPassword(user.password_hash, input.currentPassword))) {
    throw new AppError(400, 'VALIDATION_FAILED', '当前密码不正确 / Current password is wrong', [
      { field: 'body.currentPassword', rule: 'matches', message: '当前密码不正确 / does not match' },
    ]);
  }
  const issues = checkPasswordPolicy(input.newPassword, user.username, 'body.newPassword');
  if (input.newPassword === input.currentPassword)
    issues.push({ field: 'body.newPassword', rule: 'changed', message: '新密码不得与当前密码相同 / must differ from the current password' });
  if (issues.length > 0) throw validationFailed(issues);
  const passwordHash = await hashPassword(input.newPassword);
  await inTransaction(db, async (trx) => {
    await trx
      .updateTable('platform_user')
      .set({ password_hash: passwordHash, password_changed_at: new Date(), must_change_password: false, updated_at: new Date() })
      .where('id', '=', actor.id)
      .execute();
    await revokeUserSessions(trx, actor.id, sessionId);
    await appendAudit(trx, ctx, { action: 'auth.password_change', entityType: 'user', entityId: actor.id, regionCode: actor.regionCode });
  });
}
