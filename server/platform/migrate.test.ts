import { afterEach, describe, expect, it } from 'vitest';
import type { DbHandle } from './db.ts';
import { openPglite, openPostgres } from './db.ts';
import { listMigrations, migrate } from './migrate.ts';

const kinds = process.env.DATABASE_URL ? (['pglite', 'postgresql'] as const) : (['pglite'] as const);

describe.each(kinds)('migrations on %s', (kind) => {
  let handle: DbHandle | null = null;
  let cleanup: (() => Promise<void>) | null = null;
  afterEach(async () => {
    await handle?.close();
    await cleanup?.();
  });

  async function emptyDatabase(): Promise<DbHandle> {
    if (kind === 'pglite') return openPglite({ dataDir: null });
    const pg = (await import('pg')).default;
    const url = process.env.DATABASE_URL ?? '';
    const name = `zl_mig_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    cleanup = async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    };
    const u = new URL(url);
    u.pathname = `/${name}`;
    return openPostgres(u.toString(), 4);
  }

  it('applies the stream once, records it, and is a no-op the second time (also when run concurrently)', async () => {
    handle = await emptyDatabase();
    const all = listMigrations().map((m) => m.name);
    const results = await Promise.all([migrate(handle.db), migrate(handle.db)]);
    expect(results.flat().sort()).toEqual(all);
    expect(await migrate(handle.db)).toEqual([]);
    const rows = await handle.db.selectFrom('platform_migration').select('name').orderBy('name').execute();
    expect(rows.map((r) => r.name)).toEqual(all);
  });

  it('rolls a failing migration back whole', async () => {
    handle = await emptyDatabase();
    const good = listMigrations();
    const bad = [...good, { name: '9999_broken', sql: 'create table zz_half (id int); select no_such_function();', checksum: 'x' }];
    await expect(migrate(handle.db, bad)).rejects.toThrow();
    const tables = await handle.db.introspection.getTables();
    expect(tables.map((t) => t.name)).not.toContain('zz_half');
    expect(tables.map((t) => t.name)).not.toContain('platform_user');
  });

  it('refuses an applied migration whose file changed', async () => {
    handle = await emptyDatabase();
    await migrate(handle.db);
    const changed = listMigrations().map((m, i) => (i === 0 ? { ...m, checksum: 'different' } : m));
    await expect(migrate(handle.db, changed)).rejects.toThrow(/changed after it was applied/);
  });
});
