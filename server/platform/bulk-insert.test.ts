import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_KINDS } from '../test-support/db.ts';
import { BulkArray, BulkJson, bulkInsert, copyTextOf } from './bulk-insert.ts';
import { type DbHandle, openPglite, openPostgres } from './db.ts';
import { inTransaction } from './transaction.ts';

describe('COPY text format', () => {
  it('escapes backslash, tab, newline and carriage return, writes \\N for null and JSON for objects and BulkJson', () => {
    expect(copyTextOf([[new BulkJson('a\\b'), new BulkJson(null), new BulkJson(7), 'plain']])).toBe('"a\\\\\\\\b"\tnull\t7\tplain\n');
    expect(copyTextOf([['a\tb', 'c\\d', 'e\nf\rg', null, 3, true, false, { k: 'x"\\y' }, new Date('2026-01-02T03:04:05.006Z')]])).toBe(
      'a\\tb\tc\\\\d\te\\nf\\rg\t\\N\t3\tt\tf\t{"k":"x\\\\"\\\\\\\\y"}\t2026-01-02T03:04:05.006Z\n',
    );
  });
});

describe.each(DB_KINDS)('bulkInsert on %s', (kind) => {
  let handle: DbHandle;
  const table = `zl_bulk_${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    handle = kind === 'pglite' ? await openPglite({ dataDir: null }) : openPostgres(process.env.DATABASE_URL ?? '', 2);
    await sql
      .raw(
        `create table ${table} (id bigint primary key, label text, at timestamptz, ok boolean, doc jsonb, amount numeric, tags text[], note text default 'default', made timestamptz not null default now())`,
      )
      .execute(handle.db);
  });
  afterAll(async () => {
    await sql.raw(`drop table if exists ${table}`).execute(handle.db);
    await handle.close();
  });

  const columns = ['id', 'label', 'at', 'ok', 'doc', 'amount', 'tags'];
  const TAGS = ['x', 'with "quote"', 'back\\slash', '逗号,comma', '{braces}', '', 'NULL'];
  const rows = [
    [
      1,
      'tab\there, back\\slash, new\nline, 中文',
      '2025-06-01T08:00:00.000Z',
      true,
      { say: 'a "quoted" \\ value\t', list: [1, null] },
      2.5,
      new BulkArray(TAGS),
    ],
    [2, null, new Date('2025-06-02T00:00:00Z'), false, [], null, new BulkArray([])],
    [4, 'a JSON string in jsonb', null, null, new BulkJson('https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld'), 10n, null],
  ] as const;

  it('stores every value exactly, with defaults for the columns left out, inside the transaction', async () => {
    await inTransaction(handle.db, async (trx) => {
      await bulkInsert(trx, table, columns, rows);
      // visible to the same transaction: the COPY ran on its connection
      const inside = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(trx);
      expect(inside.rows[0]?.n).toBe(3);
    });
    const back = await sql<
      Record<string, unknown>
    >`select id, label, at, ok, doc, amount, tags, note, made is not null as made from ${sql.table(table)} order by id`.execute(handle.db);
    expect(back.rows).toEqual([
      { id: 1, label: rows[0][1], at: new Date(rows[0][2]), ok: true, doc: rows[0][4], amount: 2.5, tags: TAGS, note: 'default', made: true },
      { id: 2, label: null, at: new Date('2025-06-02T00:00:00Z'), ok: false, doc: [], amount: null, tags: [], note: 'default', made: true },
      {
        id: 4,
        label: 'a JSON string in jsonb',
        at: null,
        ok: null,
        doc: 'https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld',
        amount: 10,
        tags: null,
        note: 'default',
        made: true,
      },
    ]);
  });

  it('fails with the database error (a unique violation keeps its code) and the transaction writes nothing', async () => {
    const attempt = inTransaction(handle.db, async (trx) => {
      await bulkInsert(trx, table, columns, [[3, 'new', null, null, null, null, null]]);
      await bulkInsert(trx, table, columns, [[1, 'duplicate', null, null, null, null, null]]);
    });
    await expect(attempt).rejects.toMatchObject({ code: '23505' });
    const ids = await sql<{ id: number }>`select id from ${sql.table(table)} order by id`.execute(handle.db);
    expect(ids.rows.map((r) => r.id)).toEqual([1, 2, 4]);
    // the connection is still usable after the failed COPY
    expect((await sql<{ one: number }>`select 1 as one`.execute(handle.db)).rows[0]?.one).toBe(1);
  });

  it('refuses names that are not plain identifiers and rows of the wrong width, before touching the database', async () => {
    await expect(bulkInsert(handle.db, `${table}; drop table x`, ['id'], [[1]])).rejects.toThrow(/identifier/);
    await expect(bulkInsert(handle.db, table, ['id', 'label'], [[1]])).rejects.toThrow(/1 values for 2 columns/);
    await expect(bulkInsert(handle.db, table, ['id'], [])).resolves.toBeUndefined();
  });
});
