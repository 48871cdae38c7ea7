import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { type DatabaseKind, type DbHandle, openPglite, openPostgres } from '../platform/db.ts';
import { migrate } from '../platform/migrate.ts';
import { seedDemo } from '../seed/demo.ts';

/** The back ends API tests run on: PGlite always, PostgreSQL too when DATABASE_URL is set (CI). */
export const DB_KINDS: DatabaseKind[] = process.env.DATABASE_URL ? ['pglite', 'postgresql'] : ['pglite'];

/**
 * A fresh database with migrations and demo accounts, private to the caller: PGlite from the
 * template dump, PostgreSQL as a new database on the DATABASE_URL server, dropped on close.
 */
export async function openTestDatabase(kind: DatabaseKind): Promise<DbHandle> {
  if (kind === 'pglite') {
    const template = fs.readFileSync(inject('pgliteTemplate'));
    return openPglite({ dataDir: null, loadDataDir: new Blob([template]) });
  }
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set');
  const name = `zl_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const testUrl = new URL(url);
  testUrl.pathname = `/${name}`;
  const handle = openPostgres(testUrl.toString(), 4);
  await migrate(handle.db);
  await seedDemo(handle.db);
  return {
    ...handle,
    async close() {
      await handle.close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
