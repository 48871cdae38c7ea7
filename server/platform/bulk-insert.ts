import { CompiledQuery } from 'kysely';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Db } from './db.ts';

/**
 * Bulk inserts inside a Kysely transaction: `COPY … FROM STDIN` (text format) on PostgreSQL, one
 * `INSERT … SELECT FROM jsonb_populate_recordset` on PGlite (whose wire protocol has no COPY FROM STDIN).
 *
 * Kysely gives no access to the connection a transaction runs on, so the request travels as a marked query
 * whose single parameter is the batch; the pool's client class (`bulkInsertClient`) recognises the marker and
 * runs the COPY on itself, i.e. on the transaction's own connection. Everything else passes through unchanged.
 * COPY skips parsing a JSON parameter of the whole batch: for EPCIS capture it writes an event row in about
 * two thirds of the time of `jsonb_to_recordset` (bench/results/trace.md).
 */

const MARKER = '/* zhiliang:bulk-insert */';
const NAME = /^[a-z_][a-z0-9_]*$/;

/** A json/jsonb value that may be a scalar (a JSON string, say): `new BulkJson('https://…')`. */
export class BulkJson {
  readonly value: unknown;
  constructor(value: unknown) {
    this.value = value;
  }
}

/** A PostgreSQL array value (text[], uuid[] …) of strings: `new BulkArray(ids)`; a plain JS array is json/jsonb. */
export class BulkArray {
  readonly items: readonly string[];
  constructor(items: readonly string[]) {
    this.items = items;
  }
}

/**
 * A column value: text, number, boolean, null, a Date (timestamptz), a BulkArray (an array column), or
 * json/jsonb — an object or array as it is, any other JSON value wrapped in BulkJson (a plain string is text,
 * never a JSON string).
 */
export type BulkValue = string | number | bigint | boolean | null | Date | BulkJson | BulkArray | object;

/** An array literal with every element quoted (PostgreSQL docs, "Array Value Input"). */
const arrayLiteral = (a: BulkArray) => `{${a.items.map((item) => `"${item.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;

interface BulkRequest {
  table: string;
  columns: readonly string[];
  rows: readonly (readonly BulkValue[])[];
}

/** Inserts `rows` (values in the order of `columns`) into `table`; columns left out take their defaults. */
export async function bulkInsert(trx: Db, table: string, columns: readonly string[], rows: readonly (readonly BulkValue[])[]): Promise<void> {
  if (rows.length === 0) return;
  for (const name of [table, ...columns]) if (!NAME.test(name)) throw new Error(`bulkInsert: not a plain identifier: ${name}`);
  for (const row of rows) if (row.length !== columns.length) throw new Error(`bulkInsert: a row of ${row.length} values for ${columns.length} columns`);
  const request: BulkRequest = { table, columns, rows };
  await trx.executeQuery(CompiledQuery.raw(MARKER, [request]));
}

const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
const NEEDS_ESCAPE = /[\\\t\n\r]/;

function copyText(value: BulkValue): string {
  if (typeof value === 'string') return NEEDS_ESCAPE.test(value) ? escapeCopy(value) : value;
  if (value === null) return '\\N';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (value instanceof Date) return value.toISOString();
  const text = value instanceof BulkArray ? arrayLiteral(value) : (JSON.stringify(value instanceof BulkJson ? value.value : value) ?? 'null');
  return NEEDS_ESCAPE.test(text) ? escapeCopy(text) : text;
}

const escapeCopy = (text: string) => text.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c] ?? c);

/** The rows in COPY text format (PostgreSQL docs, COPY "Text Format"): tab-separated, \N for null. */
export function copyTextOf(rows: readonly (readonly BulkValue[])[]): string {
  let out = '';
  for (const row of rows) {
    for (let i = 0; i < row.length; i++) out += i === 0 ? copyText(row[i] as BulkValue) : `\t${copyText(row[i] as BulkValue)}`;
    out += '\n';
  }
  return out;
}

const isBulkRequest = (text: unknown, values: unknown): values is [BulkRequest] => text === MARKER && Array.isArray(values) && values.length === 1;

type QueryResultLike = { command: string; rowCount: number; rows: never[]; fields: never[] };

/**
 * The pool's client class: `copy` for PostgreSQL (COPY FROM STDIN on this connection), `json` for PGlite (one
 * INSERT … SELECT FROM jsonb_populate_recordset(null::table, $1), which takes the table's own column types).
 */
export function bulkInsertClient(mode: 'copy' | 'json'): typeof pg.Client {
  class BulkInsertClient extends pg.Client {
    // biome-ignore lint/suspicious/noExplicitAny: pg's query() has a dozen overloads; this one only intercepts the marker
    override query(config: any, values?: any, callback?: any): any {
      if (!isBulkRequest(config, values)) return super.query(config, values, callback);
      const [request] = values;
      return mode === 'copy' ? this.copyIn(request) : this.jsonInsert(request);
    }

    private copyIn(request: BulkRequest): Promise<QueryResultLike> {
      const text = `copy ${request.table} (${request.columns.join(', ')}) from stdin`;
      return new Promise((resolve, reject) => {
        const stream = super.query(copyFrom(text));
        stream.on('error', reject);
        stream.on('finish', () => resolve({ command: 'COPY', rowCount: stream.rowCount, rows: [], fields: [] }));
        stream.end(Buffer.from(copyTextOf(request.rows)));
      });
    }

    private async jsonInsert(request: BulkRequest): Promise<QueryResultLike> {
      const columns = request.columns.join(', ');
      const objects = request.rows.map((row) =>
        Object.fromEntries(
          request.columns.map((c, i) => {
            const v = row[i] ?? null;
            return [c, v instanceof BulkJson ? v.value : v instanceof BulkArray ? v.items : typeof v === 'bigint' ? String(v) : v];
          }),
        ),
      );
      const result = await super.query(
        `insert into ${request.table} (${columns}) select ${columns} from jsonb_populate_recordset(null::${request.table}, $1::jsonb)`,
        [JSON.stringify(objects)],
      );
      return { command: 'INSERT', rowCount: result.rowCount ?? 0, rows: [], fields: [] };
    }
  }
  return BulkInsertClient;
}
