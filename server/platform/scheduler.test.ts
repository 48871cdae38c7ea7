import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DB_KINDS, openTestDatabase } from '../test-support/db.ts';
import type { DbHandle } from './db.ts';
import { RegionDirectory } from './regions.ts';
import {
  assertSchedule,
  currentSlot,
  describeSchedule,
  type JobContext,
  type JobDefinition,
  type JobSchedule,
  nextRunAt,
  Scheduler,
  shanghaiDay,
} from './scheduler.ts';

const DAILY: JobSchedule = { kind: 'daily', at: '00:30' };
const MONTHLY: JobSchedule = { kind: 'monthly', day: 1, at: '02:00' };
const at = (iso: string) => new Date(iso);
const silent = { info: () => undefined, error: () => undefined };

describe('schedule arithmetic (Asia/Shanghai civil time)', () => {
  it('the 1st at 02:00 Shanghai is 18:00 UTC of the day before', () => {
    expect(currentSlot(MONTHLY, at('2026-11-30T18:00:00Z'))).toEqual({ slot: '2026-12', startsAt: at('2026-11-30T18:00:00Z') });
    expect(currentSlot(MONTHLY, at('2026-11-30T17:59:59.999Z')).slot).toBe('2026-11');
    expect(nextRunAt(MONTHLY, at('2026-11-30T17:59:59.999Z'))).toEqual(at('2026-11-30T18:00:00Z'));
    expect(nextRunAt(MONTHLY, at('2026-11-30T18:00:00Z'))).toEqual(at('2026-12-31T18:00:00Z'));
  });

  it('monthly slots cross the year end', () => {
    expect(currentSlot(MONTHLY, at('2026-12-15T00:00:00Z')).slot).toBe('2026-12');
    expect(nextRunAt(MONTHLY, at('2026-12-15T00:00:00Z'))).toEqual(at('2026-12-31T18:00:00Z'));
    // 2027-01-01 01:59 in Shanghai: January's run has not come yet.
    expect(currentSlot(MONTHLY, at('2026-12-31T17:59:00Z')).slot).toBe('2026-12');
    expect(currentSlot(MONTHLY, at('2027-01-01T03:00:00Z'))).toEqual({ slot: '2027-01', startsAt: at('2026-12-31T18:00:00Z') });
    // Early on the 1st (Shanghai) of March, before 02:00: still February's slot.
    expect(currentSlot({ kind: 'monthly', day: 1, at: '02:00' }, at('2027-02-28T17:00:00Z')).slot).toBe('2027-02');
    expect(currentSlot({ kind: 'monthly', day: 28, at: '23:00' }, at('2027-03-10T00:00:00Z'))).toEqual({
      slot: '2027-02',
      startsAt: at('2027-02-28T15:00:00Z'),
    });
  });

  it('daily slots are the Shanghai day, and cross month ends', () => {
    // 2026-11-29 16:00 in Shanghai.
    expect(currentSlot(DAILY, at('2026-11-29T08:00:00Z'))).toEqual({ slot: '2026-11-29', startsAt: at('2026-11-28T16:30:00Z') });
    expect(nextRunAt(DAILY, at('2026-11-29T08:00:00Z'))).toEqual(at('2026-11-29T16:30:00Z'));
    // 2026-12-01 00:10 in Shanghai: before 00:30 the slot is still the day before.
    expect(currentSlot(DAILY, at('2026-11-30T16:10:00Z')).slot).toBe('2026-11-30');
    expect(nextRunAt(DAILY, at('2026-11-30T16:10:00Z'))).toEqual(at('2026-11-30T16:30:00Z'));
    expect(currentSlot(DAILY, at('2026-11-30T16:30:00Z')).slot).toBe('2026-12-01');
    // February to March, and a leap year.
    expect(currentSlot(DAILY, at('2027-02-28T17:00:00Z')).slot).toBe('2027-03-01');
    expect(nextRunAt(DAILY, at('2028-02-28T17:00:00Z'))).toEqual(at('2028-02-29T16:30:00Z'));
    expect(shanghaiDay(at('2026-11-29T16:00:00Z'))).toBe('2026-11-30');
  });

  it('describes the schedule in Chinese and refuses what it does not keep', () => {
    expect(describeSchedule(MONTHLY)).toBe('每月 1 日 02:00（北京时间）');
    expect(describeSchedule(DAILY)).toBe('每日 00:30（北京时间）');
    expect(() => assertSchedule({ kind: 'monthly', day: 31, at: '02:00' })).toThrow(/1–28/);
    expect(() => assertSchedule({ kind: 'daily', at: '24:00' })).toThrow(/HH:MM/);
  });
});

/** A test job: counts its runs, fails while `failing` is set. */
function testJob(name: string, schedule: JobSchedule) {
  const state = { runs: [] as JobContext[], failing: false };
  const job: JobDefinition = {
    name,
    title: '测试任务',
    schedule,
    async run(ctx) {
      state.runs.push(ctx);
      if (state.failing) throw new Error('测试失败 / test failure');
      return { slot: ctx.slot, n: state.runs.length };
    },
  };
  return { job, state };
}

describe.each(DB_KINDS)('the scheduler on %s', (kind) => {
  let database: DbHandle;
  let regions: RegionDirectory;
  let clock = at('2026-11-29T08:00:00Z');
  beforeAll(async () => {
    database = await openTestDatabase(kind);
    regions = await RegionDirectory.load(database.db);
  });
  afterAll(() => database?.close());

  const scheduler = (...jobs: JobDefinition[]) => {
    const s = new Scheduler({ db: database.db, regions, log: silent, now: () => clock, retryAfterMs: 15 * 60_000, maxAttempts: 2 });
    for (const j of jobs) s.register(j);
    return s;
  };
  const runRow = (job: string, slot: string) =>
    database.db.selectFrom('platform_job_run').selectAll().where('job', '=', job).where('slot', '=', slot).executeTakeFirst();

  it('records a successful run, and a second look at the same slot does nothing', async () => {
    clock = at('2026-11-29T08:00:00Z');
    const { job, state } = testJob('test.daily_ok', DAILY);
    const s = scheduler(job);
    expect(await s.runDue()).toEqual({ 'test.daily_ok': 'success' });
    expect(state.runs).toHaveLength(1);
    expect(state.runs[0]).toMatchObject({ slot: '2026-11-29', today: '2026-11-29' });
    expect(state.runs[0]?.audit).toMatchObject({ actorId: null, actorUsername: 'system:scheduler', requestId: 'job:test.daily_ok:2026-11-29' });
    expect(await runRow('test.daily_ok', '2026-11-29')).toMatchObject({
      status: 'success',
      trigger: 'schedule',
      attempts: 1,
      summary: { slot: '2026-11-29', n: 1 },
      error: null,
      started_at: clock,
      finished_at: clock,
    });
    // Again, and from a second scheduler (another process): the slot has run.
    expect(await s.runDue()).toEqual({ 'test.daily_ok': 'skipped' });
    expect(await scheduler(job).runDue()).toEqual({ 'test.daily_ok': 'skipped' });
    expect(state.runs).toHaveLength(1);
    // The next day is a new slot.
    clock = at('2026-11-29T16:30:00Z');
    expect(await s.runDue()).toEqual({ 'test.daily_ok': 'success' });
    expect(state.runs.map((r) => r.slot)).toEqual(['2026-11-29', '2026-11-30']);
  });

  it('two schedulers looking at once run the slot once', async () => {
    clock = at('2026-11-29T08:00:00Z');
    const { job, state } = testJob('test.daily_race', DAILY);
    const outcomes = await Promise.all([scheduler(job).runDue(), scheduler(job).runDue()]);
    expect(outcomes.map((o) => o['test.daily_race']).sort()).toEqual(['skipped', 'success']);
    expect(state.runs).toHaveLength(1);
  });

  it('records a failure, retries after the pause, stops after the attempts; a manual run retries at once', async () => {
    clock = at('2026-11-29T08:00:00Z');
    const { job, state } = testJob('test.daily_fail', DAILY);
    const s = scheduler(job);
    state.failing = true;
    expect(await s.runDue()).toEqual({ 'test.daily_fail': 'failed' });
    expect(await runRow('test.daily_fail', '2026-11-29')).toMatchObject({ status: 'failed', attempts: 1, error: '测试失败 / test failure', summary: null });
    // Within the pause: left alone.
    clock = at('2026-11-29T08:10:00Z');
    expect(await s.runDue()).toEqual({ 'test.daily_fail': 'skipped' });
    clock = at('2026-11-29T08:16:00Z');
    expect(await s.runDue()).toEqual({ 'test.daily_fail': 'failed' });
    expect(await runRow('test.daily_fail', '2026-11-29')).toMatchObject({ status: 'failed', attempts: 2 });
    // maxAttempts (2) reached: the schedule gives up on the slot.
    clock = at('2026-11-29T09:00:00Z');
    expect(await s.runDue()).toEqual({ 'test.daily_fail': 'skipped' });
    // 立即运行 retries at once, and succeeds now.
    state.failing = false;
    const run = await s.runNow('test.daily_fail', {
      actorId: null,
      actorUsername: 'admin',
      actorRole: 'city_admin',
      ip: null,
      userAgent: null,
      requestId: 'r1',
    });
    expect(run).toMatchObject({ status: 'running', trigger: 'manual', attempts: 3, requestedBy: 'admin' });
    await s.idle();
    expect(await runRow('test.daily_fail', '2026-11-29')).toMatchObject({ status: 'success', attempts: 3, error: null, summary: { n: 3 } });
    expect(state.runs).toHaveLength(3);
  });

  it('a failed slot is retried on the next look after the pause', async () => {
    clock = at('2026-11-29T08:00:00Z');
    const { job, state } = testJob('test.daily_retry', DAILY);
    const s = scheduler(job);
    state.failing = true;
    expect(await s.runDue()).toEqual({ 'test.daily_retry': 'failed' });
    state.failing = false;
    clock = at('2026-11-29T08:20:00Z');
    expect(await s.runDue()).toEqual({ 'test.daily_retry': 'success' });
    expect(await runRow('test.daily_retry', '2026-11-29')).toMatchObject({ status: 'success', attempts: 2, error: null });
  });

  it('takes over a running row left by a process that died, once it is stale', async () => {
    clock = at('2026-11-29T08:00:00Z');
    const { job, state } = testJob('test.daily_stale', DAILY);
    await database.db
      .insertInto('platform_job_run')
      .values({ job: job.name, slot: '2026-11-29', status: 'running', trigger: 'schedule', runner: 'gone:1', started_at: at('2026-11-29T07:00:00Z') })
      .execute();
    const s = scheduler(job);
    expect(await s.runDue()).toEqual({ 'test.daily_stale': 'skipped' });
    clock = at('2026-11-29T09:30:00Z');
    expect(await s.runDue()).toEqual({ 'test.daily_stale': 'success' });
    expect(state.runs).toHaveLength(1);
  });

  it('start() catches up the slot missed while the server was down; stop() clears the timer', async () => {
    // Down on the 1st at 02:00; started on the 3rd.
    clock = at('2026-12-03T04:00:00Z');
    const monthly = testJob('test.monthly_catchup', MONTHLY);
    const daily = testJob('test.daily_catchup', DAILY);
    const s = scheduler(monthly.job, daily.job);
    s.start();
    await vi.waitFor(async () => expect((await runRow('test.daily_catchup', '2026-12-03'))?.status).toBe('success'), { timeout: 10_000 });
    expect(await runRow('test.monthly_catchup', '2026-12')).toMatchObject({ status: 'success', trigger: 'schedule' });
    expect(monthly.state.runs.map((r) => [r.slot, r.today])).toEqual([['2026-12', '2026-12-03']]);
    await s.stop();
    expect(() => s.register(testJob('test.late', DAILY).job)).toThrow(/after the scheduler started/);
  });

  it('refuses a manual run of a slot that has succeeded or is running (409), and an unknown job (404)', async () => {
    clock = at('2026-11-29T08:00:00Z');
    const { job, state } = testJob('test.daily_manual', DAILY);
    const s = scheduler(job);
    const ctx = { actorId: null, actorUsername: 'admin', actorRole: 'city_admin', ip: null, userAgent: null, requestId: 'r2' };
    let release: () => void = () => undefined;
    const blocked = new Promise<void>((resolve) => {
      release = resolve;
    });
    const slow: JobDefinition = {
      ...job,
      run: async (c) => {
        await blocked;
        return job.run(c);
      },
    };
    const s2 = scheduler(slow);
    await s2.runNow('test.daily_manual', ctx);
    await expect(s.runNow('test.daily_manual', ctx)).rejects.toMatchObject({ status: 409, code: 'PLATFORM_JOB_RUNNING' });
    release();
    await s2.idle();
    await expect(s.runNow('test.daily_manual', ctx)).rejects.toMatchObject({ status: 409, code: 'PLATFORM_JOB_DONE' });
    await expect(s.runNow('test.nope', ctx)).rejects.toMatchObject({ status: 404 });
    expect(state.runs).toHaveLength(1);
    const audit = await database.db.selectFrom('platform_audit').selectAll().where('action', '=', 'platform.job.run').execute();
    expect(audit.map((a) => a.entity_id)).toContain('test.daily_manual:2026-11-29');
  });
});
