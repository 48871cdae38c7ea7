import type { Db } from './db.ts';

/** Runs `fn` in one transaction: a request's writes and their audit rows commit together or not at all. */
export function inTransaction<T>(db: Db, fn: (trx: Db) => Promise<T>): Promise<T> {
  return db.transaction().execute(fn);
}
