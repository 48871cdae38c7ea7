import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { periodOf } from '../../../common/credit-risk/period.ts';
import type { JobInfo } from '../../../common/jobs-api.ts';
import { buildTestApp, type Client, type TestApp } from '../../test-support/app.ts';
import { DB_KINDS } from '../../test-support/db.ts';
import { buildEntity } from '../entities/test-factories.ts';
import { buildCategory, buildIssuedSample, daysAgo, items, sampleInput, today } from '../inspections/sampling/test-factories.ts';

describe.each(DB_KINDS)('scheduled jobs API on %s', (kind) => {
  let t: TestApp;
  let admin: Client;
  let wuxing: Client;
  beforeAll(async () => {
    t = await buildTestApp(kind);
    admin = await t.login('admin');
    wuxing = await t.login('wuxing');
  });
  afterAll(() => t.close());

  const db = () => t.database.db;
  const runRow = (job: string) => db().selectFrom('platform_job_run').selectAll().where('job', '=', job).orderBy('started_at', 'desc').executeTakeFirst();

  it('lists the two jobs with their schedule for the city, 403 for a county officer', async () => {
    expect((await wuxing.get('/api/v1/platform/jobs')).statusCode).toBe(403);
    expect((await wuxing.post('/api/v1/platform/jobs/sampling.finalize_due/run')).statusCode).toBe(403);
    expect((await t.anonymous.get('/api/v1/platform/jobs')).statusCode).toBe(401);
    const res = await admin.get('/api/v1/platform/jobs');
    expect(res.statusCode, res.body).toBe(200);
    const items: JobInfo[] = res.json().items;
    expect(items.map((j) => [j.name, j.title, j.scheduleText])).toEqual([
      ['credit.monthly_recompute', '每月信用风险分类', '每月 1 日 02:00（北京时间）'],
      ['sampling.finalize_due', '每日复检期满结案', '每日 00:30（北京时间）'],
    ]);
    expect(items[0]).toMatchObject({ schedule: { kind: 'monthly', day: 1, at: '02:00', timeZone: 'Asia/Shanghai' }, lastRuns: [] });
    expect(Date.parse(items[1]?.nextRunAt ?? '')).toBeGreaterThan(Date.now());
    expect((await admin.post('/api/v1/platform/jobs/nope.nothing/run')).statusCode).toBe(404);
  });

  it('the daily job closes a passed 复检 window as the system, once per slot', async () => {
    const categoryId = (await buildCategory(admin)).id;
    const creditCode = (await buildEntity(wuxing)).creditCode;
    const passed = await buildIssuedSample(wuxing, sampleInput(creditCode, categoryId, { items: items(true) }), {
      reportDate: daysAgo(30),
      notifiedOn: daysAgo(20),
    });
    const open = await buildIssuedSample(wuxing, sampleInput(creditCode, categoryId, { items: items(true) }), {
      reportDate: daysAgo(30),
      notifiedOn: daysAgo(3),
    });
    const res = await admin.post('/api/v1/platform/jobs/sampling.finalize_due/run');
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json()).toMatchObject({ job: 'sampling.finalize_due', status: 'running', trigger: 'manual', requestedBy: 'admin' });
    await t.app.scheduler.idle();

    const run = await runRow('sampling.finalize_due');
    expect(run).toMatchObject({ status: 'success', error: null });
    // jsonb: the job's summary object
    const sampleIds = (run?.summary as { sampleIds: string[] } | undefined)?.sampleIds;
    expect(sampleIds).toContain(passed.id);
    expect(sampleIds).not.toContain(open.id);
    expect((await wuxing.get(`/api/v1/sampling/samples/${passed.id}`)).json()).toMatchObject({ status: 'final', finalVia: 'window_closed' });
    expect((await wuxing.get(`/api/v1/sampling/samples/${open.id}`)).json()).toMatchObject({ status: 'issued' });
    const finalized = await db()
      .selectFrom('platform_audit')
      .selectAll()
      .where('action', '=', 'sampling.sample.finalize')
      .where('entity_id', '=', passed.id)
      .execute();
    expect(finalized).toHaveLength(1);
    expect(finalized[0]).toMatchObject({ actor_id: null, actor_username: 'system:scheduler', user_agent: 'zhiliang-scheduler' });
    const asked = await db().selectFrom('platform_audit').selectAll().where('action', '=', 'platform.job.run').execute();
    expect(asked.map((a) => [a.actor_username, a.entity_id])).toContainEqual(['admin', `sampling.finalize_due:${run?.slot}`]);

    // The slot has run: a second 立即运行 is refused and changes nothing.
    const again = await admin.post('/api/v1/platform/jobs/sampling.finalize_due/run');
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('PLATFORM_JOB_DONE');
    const listed: JobInfo[] = (await admin.get('/api/v1/platform/jobs')).json().items;
    expect(listed[1]?.lastRuns[0]).toMatchObject({ slot: run?.slot, status: 'success', attempts: 1, summary: { finalized: expect.any(Number) } });
    expect([today(), daysAgo(1)]).toContain(listed[1]?.currentSlot);
  });

  it('the monthly job classifies the current month as the system', async () => {
    const res = await admin.post('/api/v1/platform/jobs/credit.monthly_recompute/run');
    expect(res.statusCode, res.body).toBe(202);
    await t.app.scheduler.idle();
    const run = await runRow('credit.monthly_recompute');
    expect(run).toMatchObject({ status: 'success', error: null });
    expect(run?.summary).toMatchObject({ period: run?.slot, entities: expect.any(Number), counts: { A: expect.any(Number) } });
    expect([periodOf(today()), periodOf(daysAgo(1))]).toContain(run?.slot);
    const creditRun = await db()
      .selectFrom('entity_credit_run')
      .selectAll()
      .where('period', '=', run?.slot ?? '')
      .orderBy('id', 'desc')
      .executeTakeFirst();
    expect(creditRun).toMatchObject({ run_by: 'system:scheduler', region_path: null });
  });
});
