/**
 * The statutory working-day calendar (法定工作日历) for deadlines in 工作日: `addWorkdays`, `isWorkday`,
 * `workdaysBetween`, `calendarCoverage`. Data: the chinese-days package (pinned in package.json), which
 * transcribes the State Council's yearly holiday notices; refresh it when 国务院办公厅 publishes the next
 * year's schedule (usually November–December). Beyond its last year every function throws CalendarRangeError.
 */
import chineseDays from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { type CalendarCoverage, type DayKind, WorkdayCalendar } from './workdays.ts';

export { type CalendarCoverage, type CalendarData, CalendarDateError, CalendarRangeError, type DayKind, WorkdayCalendar } from './workdays.ts';

/** The years present in the package's holiday table (each year's notice has at least 元旦). */
function yearsOf(dates: string[]): CalendarCoverage {
  const years = dates.map((d) => Number(d.slice(0, 4)));
  return { firstYear: Math.min(...years), lastYear: Math.max(...years) };
}

const holidays = Object.keys(chineseDays.holidays);
const makeupWorkdays = Object.keys(chineseDays.workdays);

/** The calendar every deadline uses (State Council notices as published in chinese-days). */
export const statutoryCalendar = new WorkdayCalendar({ ...yearsOf(holidays), holidays, makeupWorkdays });

/** The years the calendar covers, whole years from 1 January to 31 December. */
export function calendarCoverage(): CalendarCoverage {
  return { ...statutoryCalendar.coverage };
}

/** The Nth working day after `from` (`from` not counted; n = 0 returns `from`). See WorkdayCalendar.addWorkdays. */
export function addWorkdays(from: string, n: number): string {
  return statutoryCalendar.addWorkdays(from, n);
}

/** Whether a date is a working day (Mon–Fri not a holiday, or a 调休 make-up Saturday/Sunday). */
export function isWorkday(date: string): boolean {
  return statutoryCalendar.isWorkday(date);
}

/** Working days d with a < d <= b (negative when b < a). */
export function workdaysBetween(a: string, b: string): number {
  return statutoryCalendar.workdaysBetween(a, b);
}

/** workday / weekend / holiday / makeup_workday, for calendars drawn in the UI. */
export function dayKind(date: string): DayKind {
  return statutoryCalendar.dayKind(date);
}
