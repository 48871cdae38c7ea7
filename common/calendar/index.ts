/**
 * The statutory working-day calendar (法定工作日历) for deadlines in 工作日: WorkdayCalendar (`addWorkdays`,
 * `isWorkday`, `workdaysBetween`, `dayKind`). Data: the chinese-days package (pinned in package.json), which
 * transcribes the State Council's yearly holiday notices, extended by the years a city administrator enters from
 * the next notice before the package carries it (server/modules/calendar builds that combined calendar with
 * `extendCalendarData`; the server counts every deadline on it). Beyond the covered years every function throws
 * CalendarRangeError.
 *
 * `statutoryCalendar` is the package's data alone (tests, tools); server code takes the combined calendar from
 * server/modules/calendar (`workdayCalendar(db)`). There are deliberately no package-only free functions: a server
 * caller could pick one up and miss the entered years.
 */
import chineseDays from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import chineseDaysPackage from 'chinese-days/package.json' with { type: 'json' };
import { type CalendarCoverage, type CalendarData, WorkdayCalendar } from './workdays.ts';

export { type CalendarYearData, extendCalendarData, mergeCalendarData } from './merge.ts';
export { type CalendarCoverage, type CalendarData, CalendarDateError, CalendarRangeError, type DayKind, WorkdayCalendar } from './workdays.ts';

/** The years present in the package's holiday table (each year's notice has at least 元旦). */
function yearsOf(dates: string[]): CalendarCoverage {
  const years = dates.map((d) => Number(d.slice(0, 4)));
  return { firstYear: Math.min(...years), lastYear: Math.max(...years) };
}

const holidays = Object.keys(chineseDays.holidays);
const makeupWorkdays = Object.keys(chineseDays.workdays);

/** The package's data: every holiday and make-up workday of its years (State Council notices as published in chinese-days). */
export const packageCalendarData: CalendarData = { ...yearsOf(holidays), holidays, makeupWorkdays };

/** Which package, which version, and the last year it covers (shown beside the entered years). */
export const calendarPackage = { name: chineseDaysPackage.name, version: chineseDaysPackage.version, lastYear: packageCalendarData.lastYear } as const;

/** The calendar over the package's data alone. */
export const statutoryCalendar = new WorkdayCalendar(packageCalendarData);

/** The holidays and make-up workdays of one of the package's years with their holiday's Chinese name ('国庆节'). */
export function packageSpecialDays(year: number): { date: string; kind: 'holiday' | 'makeup_workday'; name: string | null }[] {
  const prefix = `${String(year).padStart(4, '0')}-`;
  // The package's value is "English name,中文名,days" (e.g. "National Day,国庆节,3").
  const nameOf = (value: string) => value.split(',')[1] ?? null;
  const pick = (table: Record<string, string>, kind: 'holiday' | 'makeup_workday') =>
    Object.entries(table)
      .filter(([date]) => date.startsWith(prefix))
      .map(([date, value]) => ({ date, kind, name: nameOf(value) }));
  return [...pick(chineseDays.holidays, 'holiday'), ...pick(chineseDays.workdays, 'makeup_workday')].sort((a, b) => (a.date < b.date ? -1 : 1));
}
