import { createHash, randomBytes } from 'node:crypto';
import type { Db } from './db.ts';
import { actorOfUser } from './scope.ts';
import type { LoadedSession } from './session.ts';

/**
 * API keys for machine clients (an enterprise's ERP capturing EPCIS events): `Authorization: Bearer
 * zlk_<prefix>_<secret>`. Only the SHA-256 of a key is stored; the key acts as its user (role and
 * scope), is refused once revoked or when the user is disabled, and is never accepted in a cookie.
 */

export const API_KEY_PREFIX = 'zlk_';

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** A new random key (shown once) and what is stored of it. */
export function newApiKey(): { key: string; hash: string; prefix: string } {
  const prefix = randomBytes(4).toString('hex');
  const key = `${API_KEY_PREFIX}${prefix}_${randomBytes(24).toString('base64url')}`;
  return { key, hash: hashApiKey(key), prefix };
}

/** The actor behind a Bearer key, as a session that never needs a password change; null when unknown or revoked. */
export async function loadApiKey(db: Db, key: string, regionPath: (code: string) => string | undefined): Promise<LoadedSession | null> {
  if (!key.startsWith(API_KEY_PREFIX)) return null;
  const row = await db
    .selectFrom('platform_api_key as k')
    .innerJoin('platform_user as u', 'u.id', 'k.user_id')
    .select([
      'k.id',
      'k.revoked_at',
      'k.last_used_at',
      'u.id as user_id',
      'u.username',
      'u.display_name',
      'u.role',
      'u.region_code',
      'u.enterprise_credit_code',
      'u.disabled_at',
    ])
    .where('k.key_hash', '=', hashApiKey(key))
    .executeTakeFirst();
  if (!row || row.revoked_at || row.disabled_at) return null;
  const path = regionPath(row.region_code);
  if (!path) return null;
  // Last use is kept to the minute: enough to spot a dormant key without a write per request.
  if (!row.last_used_at || Date.now() - row.last_used_at.getTime() > 60_000) {
    await db.updateTable('platform_api_key').set({ last_used_at: new Date() }).where('id', '=', row.id).execute();
  }
  return {
    id: `apikey:${row.id}`,
    expiresAt: new Date(8.64e15),
    mustChangePassword: false,
    actor: actorOfUser({ ...row, id: row.user_id }, path),
  };
}
