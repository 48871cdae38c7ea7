import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CalendarCoverageInfo, CalendarYear, CalendarYearDays, CalendarYearInput, CalendarYearPage } from '../../../common/calendar/api.ts';
import type { TaskDetail } from '../../../common/inspection-api.ts';
import { buildTestApp, type Client, type TestApp } from '../../test-support/app.ts';
import { DB_KINDS } from '../../test-support/db.ts';
import { createTask, ok } from '../inspections/test-support.ts';

// HYPOTHETICAL holiday data, made up for these tests: NOT the State Council's 2027 schedule (not published when this
// was written). 2027-01-01 is a Friday; 2027-02-06 a Saturday; 2027-02-20 a Saturday.
const HYPOTHETICAL_2027: CalendarYearInput = {
  noticeNumber: '测试〔2099〕1号（假设数据）',
  noticeTitle: '（测试用假设数据，非真实通知）2027年部分节假日安排',
  noticePublishedOn: '2026-11-20',
  noticeUrl: 'https://example.invalid/hypothetical-2027',
  holidays: [
    { name: '元旦', firstDay: '2027-01-01', lastDay: '2027-01-03' },
    { name: '春节', firstDay: '2027-02-06', lastDay: '2027-02-12' },
  ],
  makeupWorkdays: ['2027-02-20'],
};
const HYPOTHETICAL_2028: CalendarYearInput = {
  ...HYPOTHETICAL_2027,
  noticeNumber: '测试〔2099〕2号（假设数据）',
  noticePublishedOn: '2027-11-20',
  holidays: [{ name: '元旦', firstDay: '2028-01-01', lastDay: '2028-01-03' }],
  makeupWorkdays: [],
};

describe.each(DB_KINDS)('statutory holiday years entered by the city administrator on %s', (kind) => {
  let t: TestApp;
  let admin: Client;
  let county: Client;
  let inspector: Client;
  let enterprise: Client;
  const put = (c: Client, url: string, payload: unknown) => c.request({ method: 'PUT', url, payload: payload as object });
  const add = (query: string) => t.anonymous.get(`/api/v1/calendar/workdays/add?${query}`);
  const audits = (action: string) => t.database.db.selectFrom('platform_audit').selectAll().where('action', '=', action).orderBy('seq').execute();

  beforeAll(async () => {
    t = await buildTestApp(kind);
    admin = await t.login('admin');
    county = await t.login('wuxing');
    inspector = await t.login('inspector1');
    enterprise = await t.login('enterprise1');
  });
  afterAll(() => t.close());

  it('covers the package years to begin with, for anyone logged in', async () => {
    const coverage = await ok<CalendarCoverageInfo>(inspector.get('/api/v1/calendar/coverage'));
    expect(coverage).toMatchObject({ firstYear: 2004, lastYear: 2026, package: { name: 'chinese-days', version: '1.5.7', lastYear: 2026 } });
    expect(coverage.years).toHaveLength(23);
    expect(coverage.years.every((y) => y.source === 'package')).toBe(true);
    expect((await t.anonymous.get('/api/v1/calendar/coverage')).statusCode).toBe(401);
  });

  it('lets only the city administrator write (403 for county officers, inspectors and enterprises)', async () => {
    const body = { year: 2027, ...HYPOTHETICAL_2027 };
    for (const c of [county, inspector, enterprise]) {
      const res = await c.post('/api/v1/calendar/years', body);
      expect(res.statusCode, res.body).toBe(403);
      expect(res.json().error.code).toBe('FORBIDDEN');
    }
    expect((await put(county, '/api/v1/calendar/years/2027', HYPOTHETICAL_2027)).statusCode).toBe(403);
    expect((await inspector.post('/api/v1/calendar/years/2027/publish')).statusCode).toBe(403);
    expect((await county.post('/api/v1/calendar/years/2027/unpublish', { reason: 'x' })).statusCode).toBe(403);
    expect(await t.database.db.selectFrom('calendar_year').selectAll().execute()).toEqual([]);
  });

  it.each([
    ['a make-up workday on a weekday', { makeupWorkdays: ['2027-02-19'] }, 'body.makeupWorkdays.0', 'weekend', '周六或周日'],
    ['a make-up workday outside the year', { makeupWorkdays: ['2028-01-08'] }, 'body.makeupWorkdays.0', 'inYear', '不在 2027 年内'],
    ['a make-up workday listed twice', { makeupWorkdays: ['2027-02-20', '2027-02-20'] }, 'body.makeupWorkdays.1', 'duplicate', '重复'],
    ['a make-up workday that is also a holiday', { makeupWorkdays: ['2027-02-06'] }, 'body.makeupWorkdays.0', 'conflict', '不能同时'],
    [
      'a holiday block starting in the year before',
      { holidays: [{ name: '元旦', firstDay: '2026-12-31', lastDay: '2027-01-02' }] },
      'body.holidays.0.firstDay',
      'inYear',
      '不在 2027 年内',
    ],
    [
      'two blocks sharing a day',
      {
        holidays: [
          { name: '春节', firstDay: '2027-02-06', lastDay: '2027-02-12' },
          { name: '元旦', firstDay: '2027-02-12', lastDay: '2027-02-13' },
        ],
      },
      'body.holidays.1',
      'duplicate',
      '已在第 1 段假期中',
    ],
    [
      'a block ending before it starts',
      { holidays: [{ name: '春节', firstDay: '2027-02-12', lastDay: '2027-02-06' }] },
      'body.holidays.0.lastDay',
      'order',
      '早于',
    ],
    ['an impossible date', { holidays: [{ name: '春节', firstDay: '2027-02-30', lastDay: '2027-03-01' }] }, 'body.holidays.0.firstDay', 'date', '不是有效日期'],
    [
      'a holiday that is not a statutory one',
      { holidays: [{ name: '妇女节', firstDay: '2027-03-08', lastDay: '2027-03-08' }] },
      'body.holidays.0.name',
      'enum',
      '之一',
    ],
    ['a notice published after its year', { noticePublishedOn: '2028-01-02' }, 'body.noticePublishedOn', 'noticeDate', '发布'],
    ['a year the package covers', { year: 2026 }, 'body.year', 'afterPackage', 'chinese-days'],
    ['a year that is not the next uncovered one', { year: 2028, holidays: HYPOTHETICAL_2028.holidays, makeupWorkdays: [] }, 'body.year', 'nextYear', '2027'],
  ] as const)('400 VALIDATION_FAILED for %s, naming %s and the rule', async (_what, change, field, rule, text) => {
    const res = await admin.post('/api/v1/calendar/years', { year: 2027, ...HYPOTHETICAL_2027, ...change });
    expect(res.statusCode, res.body).toBe(400);
    const { error } = res.json();
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.message).toContain(field);
    const issue = error.details.find((d: { field: string }) => d.field === field);
    expect(issue, JSON.stringify(error.details)).toMatchObject({ rule });
    expect(issue.message).toContain(text);
    expect(issue.message).toMatch(/[\u4e00-\u9fff].*\/ [A-Za-z0-9]/);
  });

  it('keeps a draft out of the calendar: counting into 2027 still refuses with the clear 400', async () => {
    const draft = await ok<CalendarYear>(admin.post('/api/v1/calendar/years', { year: 2027, ...HYPOTHETICAL_2027 }), 201);
    expect(draft).toMatchObject({ year: 2027, status: 'draft', inEffect: false, holidays: HYPOTHETICAL_2027.holidays, makeupWorkdays: ['2027-02-20'] });
    expect(draft.createdBy).toBe('市局管理员（演示）');
    expect((await admin.post('/api/v1/calendar/years', { year: 2027, ...HYPOTHETICAL_2027 })).json().error.code).toBe('CALENDAR_YEAR_EXISTS');

    const res = await add('from=2026-12-20&days=20');
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'CALENDAR_OUT_OF_RANGE', details: [{ field: 'querystring.days', rule: 'calendarRange' }] });
    expect(res.json().error.message).toContain('2004–2026');
    expect((await admin.get('/api/v1/calendar/years/2027/days')).statusCode).toBe(404);

    const list = await ok<CalendarYearPage>(county.get('/api/v1/calendar/years?pageSize=3'));
    expect(list.total).toBe(24);
    expect(list.items.map((y) => [y.year, y.source, y.status, y.inEffect])).toEqual([
      [2027, 'notice', 'draft', false],
      [2026, 'package', null, true],
      [2025, 'package', null, true],
    ]);
  });

  it('replaces a draft; the audit keeps what it was', async () => {
    const changed = await ok<CalendarYear>(put(admin, '/api/v1/calendar/years/2027', { ...HYPOTHETICAL_2027, makeupWorkdays: ['2027-02-20', '2027-02-21'] }));
    expect(changed.makeupWorkdays).toEqual(['2027-02-20', '2027-02-21']);
    const back = await ok<CalendarYear>(put(admin, '/api/v1/calendar/years/2027', HYPOTHETICAL_2027));
    expect(back.makeupWorkdays).toEqual(['2027-02-20']);
    const [first] = await audits('calendar.year.update');
    expect(first?.before).toMatchObject({ makeupWorkdays: ['2027-02-20'] });
    expect(first?.after).toMatchObject({ makeupWorkdays: ['2027-02-20', '2027-02-21'] });
    expect(first).toMatchObject({ entity_type: 'calendar_year', entity_id: '2027', actor_username: 'admin' });
    expect((await admin.post('/api/v1/calendar/years/2030/publish')).statusCode).toBe(404);
  });

  it('once published, deadlines into 2027 compute — at once, in the same process', async () => {
    const published = await ok<CalendarYear>(admin.post('/api/v1/calendar/years/2027/publish'));
    expect(published).toMatchObject({ status: 'published', inEffect: true, publishedBy: '市局管理员（演示）' });

    // 12/21–25, 28–31 = 9 · 1/1–1/3 元旦 (hypothetical) · 1/4–8 = 14 · 1/11–15 = 19 · 1/18 = 20
    expect((await add('from=2026-12-20&days=20')).json()).toEqual({ date: '2027-01-18' });
    // 2/2–5 = 4 · 2/6–12 春节 (hypothetical) · 2/15–19 = 9 · 2/20 (Saturday, make-up workday) = 10
    expect((await add('from=2027-02-01&days=10')).json()).toEqual({ date: '2027-02-20' });
    // beyond 2027 still refused, naming the new coverage
    const beyond = await add('from=2027-12-20&days=20');
    expect(beyond.statusCode).toBe(400);
    expect(beyond.json().error.message).toContain('2004–2027');

    const coverage = await ok<CalendarCoverageInfo>(enterprise.get('/api/v1/calendar/coverage'));
    expect(coverage).toMatchObject({ firstYear: 2004, lastYear: 2027 });
    expect(coverage.years.at(-1)).toEqual({ year: 2027, source: 'notice', noticeNumber: HYPOTHETICAL_2027.noticeNumber });

    const days = await ok<CalendarYearDays>(inspector.get('/api/v1/calendar/years/2027/days'));
    expect(days.source).toBe('notice');
    expect(days.days).toHaveLength(11);
    expect(days.days[0]).toEqual({ date: '2027-01-01', kind: 'holiday', name: '元旦' });
    expect(days.days.at(-1)).toEqual({ date: '2027-02-20', kind: 'makeup_workday', name: null });
    const packageDays = await ok<CalendarYearDays>(inspector.get('/api/v1/calendar/years/2026/days'));
    expect(packageDays.source).toBe('package');
    expect(packageDays.days).toContainEqual({ date: '2026-10-10', kind: 'makeup_workday', name: '国庆节' });

    const [audit] = await audits('calendar.year.publish');
    expect(audit).toMatchObject({ entity_id: '2027', actor_role: 'city_admin' });
    expect(await audits('calendar.year.create')).toHaveLength(1);
    expect((await put(admin, '/api/v1/calendar/years/2027', HYPOTHETICAL_2027)).json().error.code).toBe('CALENDAR_YEAR_PUBLISHED');
  });

  it('gives a finished inspection task its 20-working-day publication deadline in 2027 once the year is published', async () => {
    const task = await createTask(county, { name: '测试：跨年公示期限', kind: 'non_random', triggerReason: '测试' });
    // A task finished on 2026-12-20 before the next year's notice was entered: stored with no deadline, as finishTask
    // stores it. (The finish endpoint refuses an end day after today, so the row is set directly.)
    const setFinished = (due: string | null, error: string | null) =>
      t.database.db
        .updateTable('inspection_task')
        .set({ status: 'finished', ended_on: '2026-12-20', publication_due: due, publication_due_error: error })
        .where('id', '=', task.id)
        .execute();
    await setFinished(null, '超出法定节假日数据覆盖的年份');
    await ok(admin.post('/api/v1/calendar/years/2027/unpublish', { reason: '测试：撤回' }));
    const before = await ok<TaskDetail>(county.get(`/api/v1/inspection-tasks/${task.id}`));
    expect(before.publication).toMatchObject({ due: null, state: 'unknown' });

    await ok(admin.post('/api/v1/calendar/years/2027/publish'));
    const after = await ok<TaskDetail>(county.get(`/api/v1/inspection-tasks/${task.id}`));
    expect(after.publication?.due).toBe('2027-01-18');
    expect(after.publication?.state).not.toBe('unknown');
    const queue = await ok<{ items: TaskDetail[] }>(county.get('/api/v1/inspection-publication-queue?pageSize=200'));
    expect(queue.items.find((i) => i.id === task.id)?.publication?.due).toBe('2027-01-18');
  });

  it('keeps the coverage contiguous: no publishing after a gap, withdrawing only the last published year', async () => {
    await ok<CalendarYear>(admin.post('/api/v1/calendar/years', { year: 2028, ...HYPOTHETICAL_2028 }), 201);
    // 2028 is a draft: 2027 is still the last published year and may be withdrawn …
    await ok(admin.post('/api/v1/calendar/years/2027/unpublish', { reason: '测试：核对通知原文' }));
    // … and then 2028 cannot be published before it.
    const gap = await admin.post('/api/v1/calendar/years/2028/publish');
    expect(gap.statusCode).toBe(409);
    expect(gap.json().error).toMatchObject({ code: 'CALENDAR_YEAR_GAP', details: [{ year: 2028, nextUncoveredYear: 2027 }] });
    expect((await ok<CalendarCoverageInfo>(admin.get('/api/v1/calendar/coverage'))).lastYear).toBe(2026);
    expect((await add('from=2026-12-20&days=20')).statusCode).toBe(400);

    await ok(admin.post('/api/v1/calendar/years/2027/publish'));
    await ok(admin.post('/api/v1/calendar/years/2028/publish'));
    expect((await ok<CalendarCoverageInfo>(admin.get('/api/v1/calendar/coverage'))).lastYear).toBe(2028);
    const notLast = await admin.post('/api/v1/calendar/years/2027/unpublish', { reason: '测试' });
    expect(notLast.statusCode).toBe(409);
    expect(notLast.json().error.code).toBe('CALENDAR_YEAR_NOT_LAST');
    expect((await admin.post('/api/v1/calendar/years/2028/unpublish', { reason: ' ' })).statusCode).toBe(400);
    await ok(admin.post('/api/v1/calendar/years/2028/unpublish', { reason: '测试：撤回' }));
    expect((await ok<CalendarCoverageInfo>(admin.get('/api/v1/calendar/coverage'))).lastYear).toBe(2027);

    const withdrawals = await audits('calendar.year.unpublish');
    expect(withdrawals.map((a) => [a.entity_id, (a.after as { reason: string }).reason])).toEqual([
      ['2027', '测试：撤回'],
      ['2027', '测试：核对通知原文'],
      ['2028', '测试：撤回'],
    ]);
  });
});
