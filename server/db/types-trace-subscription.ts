import type { ColumnType, Generated } from 'kysely';

/** Kysely table types of EPCIS webhook subscriptions; they mirror server/db/migrations/0019_epcis_subscription.sql. */

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface TraceSubscriptionTable {
  id: Generated<string>;
  query_id: string;
  owner_id: string;
  dest: string;
  signature_token: string | null;
  stream: boolean;
  // jsonb: the EPCIS QuerySchedule object, written as JSON text
  schedule: ColumnType<unknown, string | null, string | null>;
  report_if_empty: Generated<boolean>;
  initial_record_time: Timestamp | null;
  min_record_time: Timestamp | null;
  // bigint: read as a number (server/platform/db.ts parses int8)
  last_feed_seq: number;
  last_event_pk: number | null;
  next_run_at: Timestamp | null;
  next_attempt_at: Timestamp | null;
  failed_attempts: Generated<number>;
  last_error: string | null;
  last_error_at: Timestamp | null;
  last_notified_at: Timestamp | null;
  lease_until: Timestamp | null;
  created_at: DefaultTimestamp;
}

export interface TraceSubscriptionTables {
  trace_subscription: TraceSubscriptionTable;
}
