import type { ColumnType } from 'kysely';

/** Kysely table types of the scheduler's run records; they mirror server/db/migrations/0016_platform_job_run.sql. */

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json = ColumnType<unknown, string | null, string | null>;

export type JobRunStatus = 'running' | 'success' | 'failed';
export type JobRunTrigger = 'schedule' | 'manual';

export interface PlatformJobRunTable {
  job: string;
  slot: string;
  status: JobRunStatus;
  trigger: JobRunTrigger;
  attempts: ColumnType<number, number | undefined, number>;
  requested_by: string | null;
  runner: string;
  started_at: Timestamp;
  finished_at: Timestamp | null;
  summary: Json;
  error: string | null;
}

export interface PlatformJobTables {
  platform_job_run: PlatformJobRunTable;
}
