import { createHash, randomBytes } from 'node:crypto';
import type { Db } from './db.ts';
import { type Actor, actorOfUser } from './scope.ts';

export const SESSION_COOKIE = 'zl_sid';
// last_seen_at is written at most this often: a write per request would serialise reads on PGlite.
const TOUCH_INTERVAL_MS = 60_000;

export interface SessionPolicy {
  idleMinutes: number;
  maxHours: number;
}

const tokenId = (token: string) => createHash('sha256').update(token).digest('hex');

/** Creates a session; returns the cookie token (only its hash is stored). */
export async function createSession(db: Db, userId: string, policy: SessionPolicy, meta: { ip: string | null; userAgent: string | null }) {
  const token = randomBytes(32).toString('base64url');
  const now = new Date();
  const expiresAt = new Date(now.getTime() + policy.maxHours * 3_600_000);
  await db
    .insertInto('platform_session')
    .values({
      id: tokenId(token),
      user_id: userId,
      created_at: now,
      last_seen_at: now,
      expires_at: expiresAt,
      ip: meta.ip,
      user_agent: meta.userAgent?.slice(0, 400) ?? null,
    })
    .execute();
  return { token, expiresAt };
}

export interface LoadedSession {
  id: string;
  actor: Actor;
  expiresAt: Date;
  /** A new or reset account: only its own password may be changed until then (see actorOf). */
  mustChangePassword: boolean;
}

/**
 * The session behind a cookie token, or null when it is unknown, revoked, past its absolute expiry,
 * idle longer than the policy allows (等保 2.0 三级: 会话超时), or its user is disabled.
 */
export async function loadSession(
  db: Db,
  token: string,
  policy: SessionPolicy,
  regionPath: (code: string) => string | undefined,
): Promise<LoadedSession | null> {
  const id = tokenId(token);
  const row = await db
    .selectFrom('platform_session as s')
    .innerJoin('platform_user as u', 'u.id', 's.user_id')
    .select([
      's.id',
      's.expires_at',
      's.last_seen_at',
      's.revoked_at',
      'u.id as user_id',
      'u.username',
      'u.display_name',
      'u.role',
      'u.region_code',
      'u.enterprise_credit_code',
      'u.disabled_at',
      'u.must_change_password',
    ])
    .where('s.id', '=', id)
    .executeTakeFirst();
  const now = Date.now();
  if (!row || row.revoked_at || row.disabled_at) return null;
  if (row.expires_at.getTime() <= now || row.last_seen_at.getTime() + policy.idleMinutes * 60_000 <= now) return null;
  const path = regionPath(row.region_code);
  if (!path) return null;
  if (now - row.last_seen_at.getTime() > TOUCH_INTERVAL_MS) {
    await db
      .updateTable('platform_session')
      .set({ last_seen_at: new Date(now) })
      .where('id', '=', id)
      .execute();
  }
  return {
    id,
    expiresAt: row.expires_at,
    mustChangePassword: row.must_change_password,
    actor: actorOfUser({ ...row, id: row.user_id }, path),
  };
}

export async function revokeSession(db: Db, sessionId: string): Promise<void> {
  await db.updateTable('platform_session').set({ revoked_at: new Date() }).where('id', '=', sessionId).where('revoked_at', 'is', null).execute();
}

/** Ends every session of a user (disabled, password changed or reset). */
export async function revokeUserSessions(db: Db, userId: string, exceptSessionId?: string): Promise<void> {
  let q = db.updateTable('platform_session').set({ revoked_at: new Date() }).where('user_id', '=', userId).where('revoked_at', 'is', null);
  if (exceptSessionId) q = q.where('id', '!=', exceptSessionId);
  await q.execute();
}
