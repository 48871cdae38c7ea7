import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { extendCalendarData, packageCalendarData, WorkdayCalendar } from '../common/calendar/index.ts';
import { calendarYearData, weekdayOf } from '../common/calendar/year-entry.ts';
import { launchBrowser, loggedInContext, withScreenshotOnFailure } from './browser.ts';

const baseURL = inject('e2eBaseUrl');
const skipReason = inject('e2eSkipReason');
const WAIT = { timeout: 20_000, interval: 200 };
const WRITE_HEADERS = { 'x-zhiliang-client': 'web', origin: baseURL };

// HYPOTHETICAL 2027 data, made up for this test — NOT the State Council's 2027 schedule (not published as this is
// written; chinese-days 1.5.7 ends with 2026). 2027-01-01 is a Friday, so 元旦 runs Fri–Sun; 2027-01-09 is a Saturday.
const NOTICE = {
  number: '国办发明电〔2026〕E2E号（浏览器测试，虚构）',
  publishedOn: '2026-11-20',
  title: '国务院办公厅关于2027年部分节假日安排的通知（浏览器测试虚构数据）',
  url: 'https://www.gov.cn/e2e-hypothetical-2027',
};
const NEW_YEAR = { name: '元旦', firstDay: '2027-01-01', lastDay: '2027-01-03' } as const;
const MAKEUP_SATURDAY = '2027-01-09';
const WORKDAYS_QUERY = '/api/v1/calendar/workdays/add?from=2026-12-20&days=20';
// 2026-12-20 is a Sunday; chinese-days' last 2026 entry is the make-up workday 2026-10-10, so December is plain:
// 12/21–25 = 5, 12/28–31 = 9 · 1/1–3 off (hypothetical 元旦) · 1/4–8 = 14 · 1/9 make-up Saturday = 15 · 1/11–15 = 20.
const EXPECTED_DATE = '2027-01-15';

/** Types a date into an antd picker input and confirms it. */
async function typeDate(input: Locator, date: string): Promise<void> {
  await input.click();
  await input.fill(date);
  await input.press('Enter');
}

const coverageText = (page: Page, last: number) => page.getByText(`工作日历当前覆盖 2004–${last} 年`);

describe.skipIf(skipReason !== '')('法定节假日安排 in the browser', () => {
  let browser: Browser;
  let admin: BrowserContext;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    // The browser test files share one server: whatever failed above, 2027 must not stay published for the next file.
    if (admin) {
      const coverage = await (await admin.request.get('/api/v1/calendar/coverage')).json();
      if (coverage.lastYear === 2027) {
        await admin.request.post('/api/v1/calendar/years/2027/unpublish', { data: { reason: '浏览器测试清理：虚构的 2027 年数据' }, headers: WRITE_HEADERS });
      }
      await admin.close();
    }
    await browser?.close();
  });

  it('the hand count agrees with common/calendar on the hypothetical year', () => {
    expect(weekdayOf('2026-12-20')).toBe(0); // Sunday
    expect(weekdayOf('2027-01-01')).toBe(5); // Friday
    expect(weekdayOf(MAKEUP_SATURDAY)).toBe(6); // Saturday
    expect(packageCalendarData.lastYear).toBe(2026);
    const hypothetical = calendarYearData(2027, { holidays: [NEW_YEAR], makeupWorkdays: [MAKEUP_SATURDAY] });
    const calendar = new WorkdayCalendar(extendCalendarData(packageCalendarData, [hypothetical]).data);
    expect(calendar.addWorkdays('2026-12-20', 20)).toBe(EXPECTED_DATE);
  });

  it('the city administrator enters 2027 as a draft, publishes it, and withdraws it with a reason', async () => {
    admin = await loggedInContext(browser, baseURL, 'admin');
    const page = await admin.newPage();
    const row = page.locator('tr[data-row-key="2027"]');

    await withScreenshotOnFailure(page, 'calendar-entry', async () => {
      await page.goto('/admin/calendar');
      await expect.poll(() => page.getByRole('heading', { name: '法定节假日安排' }).isVisible(), WAIT).toBe(true);
      await expect.poll(() => page.getByRole('menuitem', { name: /法定节假日安排/ }).isVisible(), WAIT).toBe(true);
      await expect.poll(() => coverageText(page, 2026).isVisible(), WAIT).toBe(true);
      await page.getByRole('button', { name: /录入 2027 年安排/ }).click();

      const drawer = page.getByRole('dialog').filter({ hasText: '录入 2027 年法定节假日安排' });
      await expect.poll(() => drawer.isVisible(), WAIT).toBe(true);
      await drawer.getByLabel('通知文号').fill(NOTICE.number);
      await typeDate(drawer.getByLabel('发布日期'), NOTICE.publishedOn);
      await drawer.getByLabel('通知标题').fill(NOTICE.title);
      await drawer.getByLabel('原文网址').fill(NOTICE.url);
      // The first block starts as 元旦; its range picker has two inputs under one label.
      await expect.poll(() => drawer.getByText(NEW_YEAR.name, { exact: true }).isVisible(), WAIT).toBe(true);
      const range = drawer.getByRole('textbox', { name: '第 1 段放假起止日期' });
      await typeDate(range.first(), NEW_YEAR.firstDay);
      await typeDate(range.nth(1), NEW_YEAR.lastDay);
      await drawer.getByRole('button', { name: /添加调休上班日/ }).click();
      await typeDate(drawer.getByRole('textbox', { name: '第 1 个调休上班日' }), MAKEUP_SATURDAY);

      // The preview marks the days as they are entered.
      const january = drawer.getByRole('table', { name: '2027年1月' });
      for (const d of ['01', '02', '03']) await expect.poll(() => january.getByTitle(`2027-01-${d} 元旦放假`).isVisible(), WAIT).toBe(true);
      await expect.poll(() => january.getByTitle(`${MAKEUP_SATURDAY} 调休上班`).isVisible(), WAIT).toBe(true);
      await expect.poll(() => drawer.getByText('休 放假 3 天').isVisible(), WAIT).toBe(true);
      await expect.poll(() => drawer.getByText('班 调休上班 1 天').isVisible(), WAIT).toBe(true);
      // 2027: 261 weekdays, minus 元旦 on Friday 1/1, plus the make-up Saturday.
      await expect.poll(() => drawer.getByText(/全年工作日 261 天/).isVisible(), WAIT).toBe(true);
      expect(await drawer.getByText('请核对以下日期').count()).toBe(0);
      await page.screenshot({ path: 'e2e/screenshots/calendar-entry.png', fullPage: false });

      await drawer.getByRole('button', { name: '保存草稿' }).click();
      await expect.poll(() => drawer.isVisible(), WAIT).toBe(false);
      await expect.poll(() => row.getByText('草稿', { exact: true }).isVisible(), WAIT).toBe(true);
      await expect.poll(() => row.getByText(NOTICE.number).isVisible(), WAIT).toBe(true);
      // A draft changes nothing yet.
      await expect.poll(() => coverageText(page, 2026).isVisible(), WAIT).toBe(true);
    });

    await withScreenshotOnFailure(page, 'calendar-publish', async () => {
      const before = await page.request.get(WORKDAYS_QUERY);
      expect(before.status()).toBe(400);
      const refused = await before.json();
      expect(refused.error.code).toBe('CALENDAR_OUT_OF_RANGE');
      expect(refused.error.message).toContain('2004–2026');
      expect(refused.error.details).toEqual([expect.objectContaining({ field: 'querystring.days', rule: 'calendarRange' })]);

      await row.getByRole('button', { name: /^发\s*布$/ }).click();
      const confirm = page.getByRole('dialog').filter({ hasText: '发布 2027 年法定节假日安排？' });
      await expect.poll(() => confirm.getByText(NOTICE.number).isVisible(), WAIT).toBe(true);
      await confirm.getByRole('button', { name: '确认发布' }).click();
      await expect.poll(() => page.getByText('2027 年安排已发布，工作日期限已可计算至 2027 年底').isVisible(), WAIT).toBe(true);
      await expect.poll(() => confirm.isVisible(), WAIT).toBe(false);
      await expect.poll(() => coverageText(page, 2027).isVisible(), WAIT).toBe(true);
      await expect.poll(() => row.getByText('已发布 · 已生效').isVisible(), WAIT).toBe(true);
      await page.screenshot({ path: 'e2e/screenshots/calendar-published.png', fullPage: false });

      const after = await page.request.get(WORKDAYS_QUERY);
      expect(after.status(), await after.text()).toBe(200);
      expect(await after.json()).toEqual({ date: EXPECTED_DATE });

      // The published year's month view comes from the server's day list.
      await row.getByRole('button', { name: /^查\s*看$/ }).click();
      const view = page.getByRole('dialog').filter({ hasText: '2027 年法定节假日安排' });
      await expect.poll(() => view.getByTitle('2027-01-01 元旦放假').isVisible(), WAIT).toBe(true);
      await expect.poll(() => view.getByTitle(`${MAKEUP_SATURDAY} 调休上班`).isVisible(), WAIT).toBe(true);
      await page.keyboard.press('Escape');
      await expect.poll(() => view.isVisible(), WAIT).toBe(false);
    });

    await withScreenshotOnFailure(page, 'calendar-withdraw', async () => {
      await row.getByRole('button', { name: /^撤\s*回$/ }).click();
      const withdraw = page.getByRole('dialog').filter({ hasText: '撤回 2027 年安排？' });
      await expect.poll(() => withdraw.isVisible(), WAIT).toBe(true);
      await withdraw.getByLabel('撤回理由').fill('浏览器测试：2027 年数据为虚构，撤回以恢复共享测试服务器');
      await withdraw.getByRole('button', { name: /^撤\s*回$/ }).click();
      await expect.poll(() => page.getByText('2027 年安排已撤回为草稿').isVisible(), WAIT).toBe(true);
      await expect.poll(() => coverageText(page, 2026).isVisible(), WAIT).toBe(true);
      await expect.poll(() => row.getByText('草稿', { exact: true }).isVisible(), WAIT).toBe(true);
      const again = await page.request.get(WORKDAYS_QUERY);
      expect(again.status()).toBe(400);
    });
    await page.close();
  });

  it('a county officer has no menu entry, meets the no-access page, and the API refuses his writes', async () => {
    const context = await loggedInContext(browser, baseURL, 'wuxing');
    const page = await context.newPage();
    await withScreenshotOnFailure(page, 'calendar-county', async () => {
      await page.goto('/');
      // His 系统管理 group holds 用户管理 only.
      await expect.poll(() => page.getByRole('menuitem', { name: /用户管理/ }).isVisible(), WAIT).toBe(true);
      expect(await page.getByRole('menuitem', { name: /法定节假日安排/ }).count()).toBe(0);

      await page.goto('/admin/calendar');
      await expect.poll(() => page.getByText('无权访问', { exact: true }).isVisible(), WAIT).toBe(true);
      expect(await page.getByRole('button', { name: /录入 \d{4} 年安排|修改 \d{4} 年草稿/ }).count()).toBe(0);
    });

    const create = await context.request.post('/api/v1/calendar/years', {
      headers: WRITE_HEADERS,
      data: {
        year: 2027,
        noticeNumber: NOTICE.number,
        noticeTitle: NOTICE.title,
        noticePublishedOn: NOTICE.publishedOn,
        noticeUrl: NOTICE.url,
        holidays: [NEW_YEAR],
        makeupWorkdays: [MAKEUP_SATURDAY],
      },
    });
    expect(create.status(), await create.text()).toBe(403);
    expect((await create.json()).error.code).toBe('FORBIDDEN');
    const publish = await context.request.post('/api/v1/calendar/years/2027/publish', { headers: WRITE_HEADERS });
    expect(publish.status(), await publish.text()).toBe(403);
    await context.close();
  });
});
