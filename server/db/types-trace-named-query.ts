import type { ColumnType, Generated } from 'kysely';

/** Kysely table types of EPCIS named queries; they mirror server/db/migrations/0017_epcis_named_query.sql. */

type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
// jsonb: read as parsed JSON, written as JSON text.
type Json = ColumnType<unknown, string, string>;

export interface TraceNamedQueryTable {
  id: Generated<string>;
  name: string;
  query: Json;
  parameters: Json;
  created_by: string;
  enterprise_credit_code: string | null;
  created_at: DefaultTimestamp;
}

export interface TraceNamedQueryTables {
  trace_named_query: TraceNamedQueryTable;
}
