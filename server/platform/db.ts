import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import Cursor from 'pg-cursor';
import type { Database } from '../db/types.ts';
import { bulkInsertClient } from './bulk-insert.ts';

export type Db = Kysely<Database>;
export type DatabaseKind = 'pglite' | 'postgresql';

export interface DbHandle {
  db: Db;
  kind: DatabaseKind;
  /** Closes the pool, then (embedded) shuts PGlite down cleanly so its data directory stays consistent. */
  close(): Promise<void>;
}

// int8 (counts, sequences) as JS numbers: every int8 we store stays far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number.parseInt(v, 10));
// Indicator values, targets and scores are statistics well inside a double's 15 significant digits.
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number.parseFloat(v));
// A DATE is a calendar day (Asia/Shanghai), not an instant: keep 'YYYY-MM-DD' instead of a local-midnight Date.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

/** Opens a real PostgreSQL through a pool. */
export function openPostgres(connectionString: string, poolSize = 10): DbHandle {
  // No JIT: the platform's statements are short OLTP queries, but over the 18 yearly partitions of
  // trace_event the planner's cost estimates pass jit_above_cost and PostgreSQL spent seconds compiling
  // queries that run in a millisecond (found by the EPCIS query tests).
  const pool = new pg.Pool({ connectionString, max: poolSize, options: '-c jit=off', Client: bulkInsertClient('copy') });
  // An idle pooled connection the server ends (restart, pg_terminate_backend, DROP DATABASE … WITH (FORCE)
  // after a test) emits 'error' on the pool; unhandled, it would crash the process. The pool drops that
  // client and opens a new one for the next query, and the query that needs it reports its own error.
  pool.on('error', () => {});
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool, cursor: Cursor }) });
  return { db, kind: 'postgresql', close: () => db.destroy() };
}

/**
 * Opens the embedded PGlite. `dataDir` null = in memory (tests only); `loadDataDir` starts from a
 * dump (a migrated template), which is four times faster than initdb.
 */
export async function openPglite(options: { dataDir: string | null; loadDataDir?: Blob }): Promise<DbHandle & { pglite: PGlite }> {
  if (options.dataDir) fs.mkdirSync(options.dataDir, { recursive: true });
  const pglite = await PGlite.create(options.dataDir ?? undefined, options.loadDataDir ? { loadDataDir: options.loadDataDir } : {});
  const pool = new pg.Pool({ ...createPgConfig(pglite), Client: bulkInsertClient('json') });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool, cursor: Cursor }) });
  let closed = false;
  return {
    db,
    kind: 'pglite',
    pglite,
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy();
      await pglite.close();
    },
  };
}

/** The database the configuration asks for: PostgreSQL when DATABASE_URL is set, else PGlite under DATA_DIR. */
export async function openDatabase(config: { databaseUrl: string | null; dataDir: string }): Promise<DbHandle> {
  if (config.databaseUrl) return openPostgres(config.databaseUrl);
  return openPglite({ dataDir: path.join(config.dataDir, 'pglite') });
}
