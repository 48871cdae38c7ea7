-- Runs of the platform's scheduled jobs (server/platform/scheduler.ts): the monthly credit-risk classification,
-- the daily close of passed 复检 windows. One row per job and slot (the month or day a run is for): the row is
-- inserted before the work starts, so a slot runs at most once even across restarts or two processes; a failed
-- slot is retried by updating its row (attempts counts them).

create table platform_job_run (
  job text not null check (job ~ '^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$'),
  -- 'YYYY-MM' for a monthly job, 'YYYY-MM-DD' for a daily one (Asia/Shanghai)
  slot text not null check (slot ~ '^\d{4}-\d{2}(-\d{2})?$'),
  status text not null check (status in ('running', 'success', 'failed')),
  trigger text not null check (trigger in ('schedule', 'manual')),
  attempts integer not null default 1 check (attempts >= 1),
  -- who asked for a manual run (username); null for the schedule
  requested_by text,
  -- host:pid of the process that holds or held the run, to tell a stale running row from a live one
  runner text not null,
  started_at timestamptz not null,
  finished_at timestamptz,
  summary jsonb,
  error text check (length(error) <= 2000),
  primary key (job, slot),
  check ((status = 'running') = (finished_at is null)),
  check ((status = 'failed') = (error is not null))
);
create index platform_job_run_recent_idx on platform_job_run (job, started_at desc);
comment on table platform_job_run is 'Scheduled job runs, one per (job, slot): the claim that makes a slot run once, and the record of how it went';
comment on column platform_job_run.slot is 'The period the run is for: YYYY-MM (monthly jobs) or YYYY-MM-DD (daily jobs), Asia/Shanghai';
comment on column platform_job_run.summary is 'The job''s short result (e.g. the credit counts per class, the samples finalised)';
