import type {
  CalendarCoverageInfo,
  CalendarYear,
  CalendarYearDays,
  CalendarYearInput,
  CalendarYearPage,
  CalendarYearSummary,
} from '../../../common/calendar/api.ts';
import { calendarPackage, packageSpecialDays } from '../../../common/calendar/index.ts';
import { checkCalendarYearEntry, daysOfBlock } from '../../../common/calendar/year-entry.ts';
import { type AuditContext, appendAudit } from '../../platform/audit.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, notFound, validationFailed } from '../../platform/errors.ts';
import { type Actor, requireRole } from '../../platform/scope.ts';
import { inTransaction } from '../../platform/transaction.ts';
import { invalidateWorkdayCalendar, serverCalendar } from './calendar-source.ts';
import { presentYear } from './present.ts';
import {
  type DayRow,
  insertYearRow,
  lockYears,
  replaceDays,
  selectDays,
  selectYear,
  selectYears,
  setStatus,
  updateYearRow,
  type YearValues,
} from './queries.ts';

/**
 * 法定节假日安排: the city administrator enters the next year's State Council notice (国务院办公厅关于YYYY年部分节假日
 * 安排的通知) when it is out and the chinese-days package does not carry it yet, and publishes it; from then on the
 * server's statutory calendar covers that year (calendar-source.ts). Only the next uncovered year can be entered,
 * and a year is published only when the year before it is covered, so the coverage never has a gap. Everyone logged
 * in may read; only city_admin writes, each write audited in its transaction.
 */

const PACKAGE_LAST_YEAR = calendarPackage.lastYear;

/** The covered years (package and published notices), for anyone logged in. */
export async function getCoverage(db: Db, actor: Actor | null): Promise<CalendarCoverageInfo> {
  requireRole(actor, 'city_admin', 'county_officer', 'inspector', 'enterprise');
  const { calendar, years } = await serverCalendar(db);
  return { ...calendar.coverage, package: { ...calendarPackage }, years };
}

/** Every covered year and every entered year not in effect (drafts, superseded, after a gap), newest first. */
export async function listYears(db: Db, actor: Actor | null, input: { page: number; pageSize: number }): Promise<CalendarYearPage> {
  requireRole(actor, 'city_admin', 'county_officer', 'inspector', 'enterprise');
  const [{ years }, rows] = await Promise.all([serverCalendar(db), selectYears(db)]);
  const entered = new Map(rows.map((r) => [r.year, r]));
  const all = new Map<number, CalendarYearSummary>();
  for (const y of years) {
    const row = entered.get(y.year);
    all.set(y.year, {
      year: y.year,
      source: y.source,
      status: y.source === 'notice' ? 'published' : null,
      inEffect: true,
      supersededByPackage: y.source === 'package' && row !== undefined,
      noticeNumber: y.noticeNumber,
      noticeTitle: y.source === 'notice' ? (row?.notice_title ?? null) : null,
      publishedAt: y.source === 'notice' && row?.published_at ? new Date(row.published_at).toISOString() : null,
    });
  }
  for (const r of rows) {
    if (all.has(r.year) && all.get(r.year)?.source === 'notice') continue;
    if (r.year <= PACKAGE_LAST_YEAR) continue; // superseded: shown as the package's year above
    all.set(r.year, {
      year: r.year,
      source: 'notice',
      status: r.status,
      inEffect: false,
      supersededByPackage: false,
      noticeNumber: r.notice_number,
      noticeTitle: r.notice_title,
      publishedAt: r.published_at ? new Date(r.published_at).toISOString() : null,
    });
  }
  const sorted = [...all.values()].sort((a, b) => b.year - a.year);
  const start = (input.page - 1) * input.pageSize;
  return { items: sorted.slice(start, start + input.pageSize), total: sorted.length, page: input.page, pageSize: input.pageSize };
}

async function yearState(db: Db, year: number): Promise<{ inEffect: boolean; supersededByPackage: boolean }> {
  const { years } = await serverCalendar(db);
  return { inEffect: years.some((y) => y.year === year && y.source === 'notice'), supersededByPackage: year <= PACKAGE_LAST_YEAR };
}

/** One entered year with its holiday blocks and make-up workdays; 404 when no notice was entered for it. */
export async function getYear(db: Db, actor: Actor | null, year: number): Promise<CalendarYear> {
  requireRole(actor, 'city_admin', 'county_officer', 'inspector', 'enterprise');
  const row = await selectYear(db, year);
  if (!row) throw notFound();
  return presentYear(row, await selectDays(db, [year]), await yearState(db, year));
}

/** The holidays and make-up workdays of a covered year (package or published notice), for a month view; 404 otherwise. */
export async function getYearDays(db: Db, actor: Actor | null, year: number): Promise<CalendarYearDays> {
  requireRole(actor, 'city_admin', 'county_officer', 'inspector', 'enterprise');
  const { years } = await serverCalendar(db);
  const covered = years.find((y) => y.year === year);
  if (!covered) throw notFound();
  if (covered.source === 'package') return { year, source: 'package', days: packageSpecialDays(year) };
  const days = await selectDays(db, [year]);
  return { year, source: 'notice', days: days.map((d) => ({ date: d.day, kind: d.kind, name: d.holiday_name })) };
}

/** The first year the calendar does not cover, given the locked entered years. */
function nextUncoveredYear(locked: { year: number; status: string }[]): number {
  const published = new Set(locked.filter((y) => y.status === 'published').map((y) => y.year));
  let next = PACKAGE_LAST_YEAR + 1;
  while (published.has(next)) next++;
  return next;
}

function checked(year: number, input: CalendarYearInput): { values: YearValues; days: Omit<DayRow, 'year'>[] } {
  const issues = checkCalendarYearEntry(year, input);
  if (issues.length > 0) throw validationFailed(issues);
  const days: Omit<DayRow, 'year'>[] = [
    ...input.holidays.flatMap((b) => daysOfBlock(b).map((day) => ({ day, kind: 'holiday' as const, holiday_name: b.name }))),
    ...input.makeupWorkdays.map((day) => ({ day, kind: 'makeup_workday' as const, holiday_name: null })),
  ];
  return {
    values: {
      notice_number: input.noticeNumber.trim(),
      notice_title: input.noticeTitle.trim(),
      notice_published_on: input.noticePublishedOn,
      notice_url: input.noticeUrl.trim(),
    },
    days,
  };
}

const publishedConflict = (year: number) =>
  new AppError(409, 'CALENDAR_YEAR_PUBLISHED', `${year} 年的安排已发布，须先撤回才能修改 / ${year} is published; withdraw it before changing it`);

/**
 * Enters a year's notice as a draft (city_admin). The year must be the next one the calendar does not cover
 * (400 on body.year otherwise); 409 when it was entered already.
 */
export async function createYear(db: Db, actor: Actor | null, input: CalendarYearInput & { year: number }, ctx: AuditContext): Promise<CalendarYear> {
  const admin = requireRole(actor, 'city_admin');
  const { year } = input;
  if (year <= PACKAGE_LAST_YEAR) {
    throw validationFailed([
      {
        field: 'body.year',
        rule: 'afterPackage',
        message: `${year} 年已由 ${calendarPackage.name} 数据包（${calendarPackage.version}，至 ${PACKAGE_LAST_YEAR} 年）覆盖 / ${year} is covered by the ${calendarPackage.name} package (up to ${PACKAGE_LAST_YEAR})`,
      },
    ]);
  }
  const { values, days } = checked(year, input);
  await inTransaction(db, async (trx) => {
    const locked = await lockYears(trx);
    if (locked.some((y) => y.year === year)) {
      throw new AppError(409, 'CALENDAR_YEAR_EXISTS', `${year} 年的安排已录入，请修改该草稿 / ${year} was entered already; edit its draft`);
    }
    const next = nextUncoveredYear(locked);
    if (year !== next) {
      throw validationFailed([
        {
          field: 'body.year',
          rule: 'nextYear',
          message: `只能录入日历尚未覆盖的下一年（${next} 年）/ only the next year the calendar does not cover (${next}) can be entered`,
        },
      ]);
    }
    await insertYearRow(trx, year, values, admin.id);
    await replaceDays(trx, year, days);
    await appendAudit(trx, ctx, { action: 'calendar.year.create', entityType: 'calendar_year', entityId: String(year), after: input });
  });
  return getYear(db, admin, year);
}

/** Replaces a draft year's notice, holidays and make-up workdays (city_admin); 409 once published. */
export async function updateYear(db: Db, actor: Actor | null, year: number, input: CalendarYearInput, ctx: AuditContext): Promise<CalendarYear> {
  const admin = requireRole(actor, 'city_admin');
  const { values, days } = checked(year, input);
  await inTransaction(db, async (trx) => {
    const locked = await lockYears(trx);
    const row = locked.find((y) => y.year === year);
    if (!row) throw notFound();
    if (row.status === 'published') throw publishedConflict(year);
    const before = await selectYear(trx, year);
    const beforeDays = await selectDays(trx, [year]);
    await updateYearRow(trx, year, values, admin.id);
    await replaceDays(trx, year, days);
    await appendAudit(trx, ctx, {
      action: 'calendar.year.update',
      entityType: 'calendar_year',
      entityId: String(year),
      before: before ? presentYear(before, beforeDays, { inEffect: false, supersededByPackage: false }) : null,
      after: { year, ...input },
    });
  });
  return getYear(db, admin, year);
}

/**
 * Publishes a draft year (city_admin): from then on deadlines are counted into it. 409 CALENDAR_YEAR_GAP when the
 * year before it is not covered (publish that first), 409 CALENDAR_YEAR_PUBLISHED when it is published already.
 */
export async function publishYear(db: Db, actor: Actor | null, year: number, ctx: AuditContext): Promise<CalendarYear> {
  const admin = requireRole(actor, 'city_admin');
  await inTransaction(db, async (trx) => {
    const locked = await lockYears(trx);
    const row = locked.find((y) => y.year === year);
    if (!row) throw notFound();
    if (row.status === 'published') throw publishedConflict(year);
    if (year <= PACKAGE_LAST_YEAR) {
      throw new AppError(409, 'CALENDAR_YEAR_SUPERSEDED', `${year} 年已由数据包覆盖，无需发布 / ${year} is covered by the package`);
    }
    const next = nextUncoveredYear(locked);
    if (year !== next) {
      throw new AppError(
        409,
        'CALENDAR_YEAR_GAP',
        `${year - 1} 年尚未覆盖，须先发布 ${next} 年，日历不能有缺口 / ${year - 1} is not covered yet: publish ${next} first, the calendar has no gaps`,
        [{ year, nextUncoveredYear: next }],
      );
    }
    // The stored entry passed these checks when written; check again so a rule added since cannot be bypassed.
    const stored = await selectYear(trx, year);
    const storedDays = await selectDays(trx, [year]);
    if (!stored) throw notFound();
    const entry = presentYear(stored, storedDays, { inEffect: false, supersededByPackage: false });
    checked(year, entry);
    await setStatus(trx, year, 'published', admin.id);
    await appendAudit(trx, ctx, {
      action: 'calendar.year.publish',
      entityType: 'calendar_year',
      entityId: String(year),
      after: { year, noticeNumber: entry.noticeNumber, holidays: storedDays.filter((d) => d.kind === 'holiday').length, makeupWorkdays: entry.makeupWorkdays },
    });
  });
  invalidateWorkdayCalendar(db);
  return getYear(db, admin, year);
}

/**
 * Withdraws a published year back to draft (city_admin), with a reason. Only the last published year, so the
 * coverage stays contiguous (409 CALENDAR_YEAR_NOT_LAST otherwise). Deadlines already stored from it (a task's
 * publication deadline is kept when the task is finished) are not recomputed.
 */
export async function unpublishYear(db: Db, actor: Actor | null, year: number, reason: string, ctx: AuditContext): Promise<CalendarYear> {
  const admin = requireRole(actor, 'city_admin');
  if (!reason.trim()) throw validationFailed([{ field: 'body.reason', rule: 'required', message: '撤回须说明理由 / a withdrawal needs a reason' }]);
  await inTransaction(db, async (trx) => {
    const locked = await lockYears(trx);
    const row = locked.find((y) => y.year === year);
    if (!row) throw notFound();
    if (row.status !== 'published') {
      throw new AppError(409, 'CALENDAR_YEAR_NOT_PUBLISHED', `${year} 年的安排尚未发布 / ${year} is not published`);
    }
    if (locked.some((y) => y.year > year && y.status === 'published')) {
      throw new AppError(409, 'CALENDAR_YEAR_NOT_LAST', `只能撤回最后一个已发布的年份 / only the last published year can be withdrawn`, [{ year }]);
    }
    await setStatus(trx, year, 'draft', admin.id);
    await appendAudit(trx, ctx, {
      action: 'calendar.year.unpublish',
      entityType: 'calendar_year',
      entityId: String(year),
      after: { year, reason: reason.trim() },
    });
  });
  invalidateWorkdayCalendar(db);
  return getYear(db, admin, year);
}
