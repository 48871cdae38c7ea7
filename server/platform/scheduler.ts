import { hostname } from 'node:os';
import type { Selectable } from 'kysely';
import type { JobInfo, JobRun, JobSchedule } from '../../common/jobs-api.ts';
import type { PlatformJobRunTable } from '../db/types-platform-jobs.ts';
import { type AuditContext, appendAudit } from './audit.ts';
import type { Db } from './db.ts';
import { AppError, notFound } from './errors.ts';
import type { RegionDirectory } from './regions.ts';
import { inTransaction } from './transaction.ts';

/**
 * The platform's recurring duties (the monthly credit-risk classification, the daily close of passed 复检
 * windows), run inside the one server process. Schedules are Asia/Shanghai civil time; every run is a row
 * of platform_job_run keyed (job, slot), inserted before the work starts, so a slot runs at most once even
 * across restarts or two processes. The scheduler always works on each job's current slot: a slot missed
 * while the server was down is caught up at start-up, a failed one retried after a pause. Jobs run one at
 * a time in the background; a failure is logged and recorded, never thrown at the process.
 *
 * Not pg-boss (STACK.md's choice for job queues): these are two calendar duties, not a queue, and what they need —
 * exactly one run per month or day, caught up after downtime, with its history on an admin page — is the
 * (job, slot) key itself; pg-boss's cron fires on the minute and does not catch up a missed slot.
 */

declare module 'fastify' {
  interface FastifyInstance {
    scheduler: Scheduler;
  }
}

export type { JobSchedule };

// Asia/Shanghai has kept UTC+8 without daylight saving since 1991: civil time is a fixed offset.
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;
const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;
export const SCHEDULER_USERNAME = 'system:scheduler';

/** What a job gets for one run. */
export interface JobContext {
  db: Db;
  regions: RegionDirectory;
  /** The period the run is for ('2026-12' monthly, '2026-11-29' daily). */
  slot: string;
  /** The scheduler's clock when the run started, and that day in Asia/Shanghai. */
  now: Date;
  today: string;
  /** Audit context of the system actor (username system:scheduler, requestId job:<name>:<slot>). */
  audit: AuditContext;
}

/** A recurring job a module exports; server/app.ts registers it. */
export interface JobDefinition {
  /** module.verb_noun: 'credit.monthly_recompute'. */
  name: string;
  /** What the job does, in Chinese (the 定时任务 page). */
  title: string;
  schedule: JobSchedule;
  /** Does the slot's work; returns a short JSON summary recorded with the run. Throws to fail the run. */
  run(ctx: JobContext): Promise<Record<string, unknown>>;
}

export interface SchedulerLog {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface SchedulerOptions {
  db: Db;
  regions: RegionDirectory;
  log: SchedulerLog;
  /** The clock (tests inject one). */
  now?: () => Date;
  /** Longest sleep between two looks at the schedule: failed slots are retried within this of their pause. */
  pollMs?: number;
  /** Pause before a failed slot is tried again on schedule (a manual run may retry at once). */
  retryAfterMs?: number;
  /** Scheduled attempts per slot; after these only a manual run tries again. */
  maxAttempts?: number;
  /** A running row older than this belongs to a process that died mid-run: it may be taken over. */
  staleAfterMs?: number;
}

// ---- schedule arithmetic (pure) ----

interface Civil {
  y: number;
  /** 0-based month, as Date.UTC takes it. */
  m: number;
  d: number;
}

const civilOf = (instant: Date): Civil => {
  const shifted = new Date(instant.getTime() + SHANGHAI_OFFSET_MS);
  return { y: shifted.getUTCFullYear(), m: shifted.getUTCMonth(), d: shifted.getUTCDate() };
};

const hhmm = (at: string): [number, number] => {
  const match = HH_MM.exec(at);
  if (!match) throw new Error(`schedule time ${at} is not HH:MM`);
  return [Number(match[1]), Number(match[2])];
};

/** The instant of a Shanghai civil date and time (Date.UTC normalises a day or month out of range). */
const instantOf = (y: number, m: number, d: number, at: string): Date => {
  const [h, min] = hhmm(at);
  return new Date(Date.UTC(y, m, d, h, min) - SHANGHAI_OFFSET_MS);
};

const pad = (n: number) => String(n).padStart(2, '0');

/** Throws unless the schedule is one this scheduler keeps: HH:MM, and a monthly day 1–28 (every month has it). */
export function assertSchedule(schedule: JobSchedule): void {
  hhmm(schedule.at);
  if (schedule.kind === 'monthly' && !(Number.isInteger(schedule.day) && schedule.day >= 1 && schedule.day <= 28)) {
    throw new Error(`monthly day ${schedule.day} must be 1–28`);
  }
}

/** The slot in force at `instant`: the latest scheduled time not after it, and the period it is for. */
export function currentSlot(schedule: JobSchedule, instant: Date): { slot: string; startsAt: Date } {
  const { y, m, d } = civilOf(instant);
  if (schedule.kind === 'daily') {
    let startsAt = instantOf(y, m, d, schedule.at);
    if (startsAt > instant) startsAt = new Date(startsAt.getTime() - DAY_MS);
    const c = civilOf(startsAt);
    return { slot: `${c.y}-${pad(c.m + 1)}-${pad(c.d)}`, startsAt };
  }
  let startsAt = instantOf(y, m, schedule.day, schedule.at);
  if (startsAt > instant) startsAt = instantOf(y, m - 1, schedule.day, schedule.at);
  const c = civilOf(startsAt);
  return { slot: `${c.y}-${pad(c.m + 1)}`, startsAt };
}

/** The first scheduled time after `instant`. */
export function nextRunAt(schedule: JobSchedule, instant: Date): Date {
  const { startsAt } = currentSlot(schedule, instant);
  if (schedule.kind === 'daily') {
    const c = civilOf(startsAt);
    return instantOf(c.y, c.m, c.d + 1, schedule.at);
  }
  const c = civilOf(startsAt);
  return instantOf(c.y, c.m + 1, schedule.day, schedule.at);
}

/** The schedule in words: '每日 00:30（北京时间）', '每月 1 日 02:00（北京时间）'. */
export function describeSchedule(schedule: JobSchedule): string {
  return schedule.kind === 'daily' ? `每日 ${schedule.at}（北京时间）` : `每月 ${schedule.day} 日 ${schedule.at}（北京时间）`;
}

/** Today in Asia/Shanghai by the given clock. */
export function shanghaiDay(instant: Date): string {
  const c = civilOf(instant);
  return `${c.y}-${pad(c.m + 1)}-${pad(c.d)}`;
}

// ---- the scheduler ----

type RunRow = Selectable<PlatformJobRunTable>;

export function presentJobRun(row: RunRow): JobRun {
  return {
    job: row.job,
    slot: row.slot,
    status: row.status,
    trigger: row.trigger,
    attempts: row.attempts,
    requestedBy: row.requested_by,
    startedAt: row.started_at.toISOString(),
    finishedAt: row.finished_at ? row.finished_at.toISOString() : null,
    // jsonb: the summary object the job returned
    summary: (row.summary as Record<string, unknown> | null) ?? null,
    error: row.error,
  };
}

/** What a look at one job's current slot did: ran it (with this result), or left it (done, running elsewhere, pausing). */
export type SlotOutcome = 'success' | 'failed' | 'skipped';

export class Scheduler {
  readonly #jobs = new Map<string, JobDefinition>();
  readonly #db: Db;
  readonly #regions: RegionDirectory;
  readonly #log: SchedulerLog;
  readonly #now: () => Date;
  readonly #pollMs: number;
  readonly #retryAfterMs: number;
  readonly #maxAttempts: number;
  readonly #staleAfterMs: number;
  readonly #runner = `${hostname()}:${process.pid}`;
  // One job at a time: every run is chained onto this.
  #queue: Promise<unknown> = Promise.resolve();
  #timer: NodeJS.Timeout | null = null;
  #started = false;
  #stopped = false;

  constructor(options: SchedulerOptions) {
    this.#db = options.db;
    this.#regions = options.regions;
    this.#log = options.log;
    this.#now = options.now ?? (() => new Date());
    this.#pollMs = options.pollMs ?? 5 * 60_000;
    this.#retryAfterMs = options.retryAfterMs ?? 15 * 60_000;
    this.#maxAttempts = options.maxAttempts ?? 3;
    this.#staleAfterMs = options.staleAfterMs ?? 2 * 3_600_000;
  }

  register(job: JobDefinition): void {
    if (this.#started) throw new Error(`job ${job.name} registered after the scheduler started`);
    if (this.#jobs.has(job.name)) throw new Error(`job ${job.name} is registered twice`);
    assertSchedule(job.schedule);
    this.#jobs.set(job.name, job);
  }

  jobs(): JobDefinition[] {
    return [...this.#jobs.values()];
  }

  /** Starts the timer; the first look (the catch-up of slots missed while the server was down) is at once. */
  start(): void {
    if (this.#started || this.#stopped) return;
    this.#started = true;
    this.#arm(0);
  }

  /** Stops the timer and waits for the run in progress (its transaction) to end. */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    await this.idle();
  }

  /** Resolves when every queued run has finished. */
  async idle(): Promise<void> {
    for (;;) {
      const queue = this.#queue;
      await queue;
      if (queue === this.#queue) return;
    }
  }

  #arm(delayMs: number): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      // A job's own failure is recorded by #execute; this is the bookkeeping failing (the database away).
      void this.runDue()
        .catch((err: unknown) => this.#log.error({ err }, 'scheduler could not look at its jobs'))
        .finally(() => this.#arm(this.#sleepMs()));
    }, delayMs);
    // A scheduled job never keeps the process (or a test run) alive on its own.
    this.#timer.unref();
  }

  /** Until the next slot starts, at most pollMs (so failed slots are retried, and a long sleep never overflows). */
  #sleepMs(): number {
    const now = this.#now();
    const next = Math.min(...this.jobs().map((j) => nextRunAt(j.schedule, now).getTime()));
    return Math.max(1000, Math.min(this.#pollMs, next - now.getTime()));
  }

  /** Looks at every job's current slot and runs those not done yet, one after another. */
  runDue(): Promise<Record<string, SlotOutcome>> {
    return this.#enqueue(async () => {
      const outcomes: Record<string, SlotOutcome> = {};
      for (const job of this.#jobs.values()) {
        if (this.#stopped) break;
        const { slot } = currentSlot(job.schedule, this.#now());
        const claimed = await this.#claim(this.#db, job, slot, { trigger: 'schedule', requestedBy: null });
        outcomes[job.name] = claimed ? await this.#execute(job, slot) : 'skipped';
      }
      return outcomes;
    });
  }

  /**
   * Runs a job's current slot now (a city administrator's 立即运行): claims it, audited, and queues the run.
   * 409 while it runs or once it has succeeded. Returns the claimed run (status running).
   */
  async runNow(name: string, ctx: AuditContext): Promise<JobRun> {
    const job = this.#jobs.get(name);
    if (!job) throw notFound();
    if (this.#stopped) throw new AppError(503, 'PLATFORM_SHUTTING_DOWN', '服务正在停止 / The server is shutting down');
    const { slot } = currentSlot(job.schedule, this.#now());
    const claimed = await inTransaction(this.#db, async (trx) => {
      const row = await this.#claim(trx, job, slot, { trigger: 'manual', requestedBy: ctx.actorUsername });
      if (!row) return null;
      await appendAudit(trx, ctx, {
        action: 'platform.job.run',
        entityType: 'platform_job_run',
        entityId: `${job.name}:${slot}`,
        after: { job: job.name, slot, attempt: row.attempts },
      });
      return row;
    });
    if (!claimed) {
      const existing = await this.#db.selectFrom('platform_job_run').selectAll().where('job', '=', name).where('slot', '=', slot).executeTakeFirst();
      if (existing?.status === 'success') {
        throw new AppError(409, 'PLATFORM_JOB_DONE', `${job.title}（${slot}）已成功运行 / ${name} has already succeeded for ${slot}`, [{ slot }]);
      }
      throw new AppError(409, 'PLATFORM_JOB_RUNNING', `${job.title}（${slot}）正在运行 / ${name} is running for ${slot}`, [{ slot }]);
    }
    void this.#enqueue(() => this.#execute(job, slot));
    return presentJobRun(claimed);
  }

  /** Each job with its schedule, next run and newest runs (the 定时任务 page). */
  async describe(lastRuns = 5): Promise<JobInfo[]> {
    const now = this.#now();
    const out: JobInfo[] = [];
    for (const job of this.#jobs.values()) {
      const rows = await this.#db
        .selectFrom('platform_job_run')
        .selectAll()
        .where('job', '=', job.name)
        .orderBy('started_at', 'desc')
        .limit(lastRuns)
        .execute();
      out.push({
        name: job.name,
        title: job.title,
        schedule: { ...job.schedule, timeZone: 'Asia/Shanghai' },
        scheduleText: describeSchedule(job.schedule),
        currentSlot: currentSlot(job.schedule, now).slot,
        nextRunAt: nextRunAt(job.schedule, now).toISOString(),
        lastRuns: rows.map(presentJobRun),
      });
    }
    return out;
  }

  #enqueue<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(fn);
    // The queue goes on after a failure; the caller still sees it.
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Takes the slot: a new row, or the existing row when it failed (a manual run at once, the schedule after its
   * pause and within its attempts) or went stale. Null when another run has it or it has succeeded. The insert
   * and the conditional update each lock the row, so two processes never both get it.
   */
  async #claim(db: Db, job: JobDefinition, slot: string, by: { trigger: 'schedule' | 'manual'; requestedBy: string | null }): Promise<RunRow | null> {
    const now = this.#now();
    const inserted = await db
      .insertInto('platform_job_run')
      .values({ job: job.name, slot, status: 'running', trigger: by.trigger, requested_by: by.requestedBy, runner: this.#runner, started_at: now })
      .onConflict((oc) => oc.columns(['job', 'slot']).doNothing())
      .returningAll()
      .executeTakeFirst();
    if (inserted) return inserted;
    const retryBefore = new Date(now.getTime() - this.#retryAfterMs);
    const staleBefore = new Date(now.getTime() - this.#staleAfterMs);
    const retaken = await db
      .updateTable('platform_job_run')
      .set((eb) => ({
        status: 'running',
        trigger: by.trigger,
        requested_by: by.requestedBy,
        runner: this.#runner,
        attempts: eb('attempts', '+', 1),
        started_at: now,
        finished_at: null,
        summary: null,
        error: null,
      }))
      .where('job', '=', job.name)
      .where('slot', '=', slot)
      .where((eb) =>
        eb.or([
          by.trigger === 'manual'
            ? eb('status', '=', 'failed')
            : eb.and([eb('status', '=', 'failed'), eb('finished_at', '<=', retryBefore), eb('attempts', '<', this.#maxAttempts)]),
          eb.and([eb('status', '=', 'running'), eb('started_at', '<', staleBefore)]),
        ]),
      )
      .returningAll()
      .executeTakeFirst();
    return retaken ?? null;
  }

  /** Runs a claimed slot and records how it went; never throws. */
  async #execute(job: JobDefinition, slot: string): Promise<'success' | 'failed'> {
    const now = this.#now();
    const ctx: JobContext = {
      db: this.#db,
      regions: this.#regions,
      slot,
      now,
      today: shanghaiDay(now),
      audit: {
        actorId: null,
        actorUsername: SCHEDULER_USERNAME,
        actorRole: null,
        ip: null,
        userAgent: 'zhiliang-scheduler',
        requestId: `job:${job.name}:${slot}`,
      },
    };
    const started = performance.now();
    this.#log.info({ job: job.name, slot }, 'job started');
    let outcome: { status: 'success'; summary: Record<string, unknown> } | { status: 'failed'; error: string };
    try {
      outcome = { status: 'success', summary: await job.run(ctx) };
    } catch (err) {
      this.#log.error({ err, job: job.name, slot }, 'job failed');
      const message = err instanceof Error ? err.message : String(err);
      outcome = { status: 'failed', error: (message || 'failed').slice(0, 2000) };
    }
    try {
      await this.#db
        .updateTable('platform_job_run')
        .set({
          status: outcome.status,
          finished_at: this.#now(),
          summary: outcome.status === 'success' ? JSON.stringify(outcome.summary) : null,
          error: outcome.status === 'failed' ? outcome.error : null,
        })
        .where('job', '=', job.name)
        .where('slot', '=', slot)
        .where('runner', '=', this.#runner)
        .where('status', '=', 'running')
        .execute();
      if (outcome.status === 'success') this.#log.info({ job: job.name, slot, ms: Math.round(performance.now() - started) }, 'job succeeded');
    } catch (err) {
      // The row stays running and is taken over once stale.
      this.#log.error({ err, job: job.name, slot }, 'job run could not be recorded');
    }
    return outcome.status;
  }
}
