/** Response shapes of the scheduled-jobs API (GET /api/v1/platform/jobs, docs/api-platform.md), shared by server and web. */

/** When a job runs, in Asia/Shanghai civil time: daily at HH:MM, or monthly on day D (1–28) at HH:MM. */
export type JobSchedule = { kind: 'daily'; at: string } | { kind: 'monthly'; day: number; at: string };

export type JobRunStatus = 'running' | 'success' | 'failed';
export type JobRunTrigger = 'schedule' | 'manual';

export interface JobRun {
  job: string;
  /** The period the run is for: 'YYYY-MM' (monthly) or 'YYYY-MM-DD' (daily). */
  slot: string;
  status: JobRunStatus;
  trigger: JobRunTrigger;
  attempts: number;
  requestedBy: string | null;
  startedAt: string;
  finishedAt: string | null;
  /** The job's short result (success), e.g. the credit counts or the samples finalised. */
  summary: Record<string, unknown> | null;
  /** Why the last attempt failed. */
  error: string | null;
}

export interface JobInfo {
  name: string;
  title: string;
  schedule: JobSchedule & { timeZone: 'Asia/Shanghai' };
  /** The schedule in words (Chinese). */
  scheduleText: string;
  /** The slot a run now would be for. */
  currentSlot: string;
  /** When the next slot starts. */
  nextRunAt: string;
  /** Newest first. */
  lastRuns: JobRun[];
}
