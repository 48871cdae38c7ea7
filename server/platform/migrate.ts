import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Db } from './db.ts';

const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'db', 'migrations');
// Any constant: every process that migrates the same database takes this one lock.
const MIGRATION_LOCK_KEY = 7_265_001;

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

/** The ordered migration stream: `NNNN_name.sql` files, applied in file-name order. */
export function listMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((f) => {
      const text = fs.readFileSync(path.join(dir, f), 'utf8');
      return { name: f.replace(/\.sql$/, ''), sql: text, checksum: createHash('sha256').update(text).digest('hex') };
    });
}

/**
 * Applies every pending migration in one transaction under an advisory lock, so two servers starting
 * at once cannot both migrate; a failing migration leaves the database as it was.
 * Returns the names applied. An applied migration whose file has changed is an error: migrations are
 * forward-only, a change must be a new file.
 */
export async function migrate(db: Db, migrations = listMigrations()): Promise<string[]> {
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`.execute(trx);
    await sql`create table if not exists platform_migration (
      name text primary key,
      checksum text not null,
      applied_at timestamptz not null default now()
    )`.execute(trx);
    const applied = await trx.selectFrom('platform_migration').select(['name', 'checksum']).execute();
    const known = new Map(applied.map((m) => [m.name, m.checksum]));
    const done: string[] = [];
    for (const m of migrations) {
      const checksum = known.get(m.name);
      if (checksum !== undefined) {
        if (checksum !== m.checksum) throw new Error(`migration ${m.name} was changed after it was applied; add a new migration instead`);
        continue;
      }
      await sql.raw(m.sql).execute(trx);
      await trx.insertInto('platform_migration').values({ name: m.name, checksum: m.checksum }).execute();
      done.push(m.name);
    }
    return done;
  });
}
