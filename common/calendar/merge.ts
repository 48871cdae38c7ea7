import type { CalendarData } from './workdays.ts';

/**
 * Building one statutory calendar from several parts: the chinese-days package's years, then the years a city
 * administrator entered from the State Council notices the package does not carry yet (server/modules/calendar).
 * Pure: the server reads the entered years from the database and passes them in.
 */

/** One whole year of holiday data, e.g. an administrator-entered notice. */
export interface CalendarYearData {
  year: number;
  holidays: readonly string[];
  makeupWorkdays: readonly string[];
}

const yearOfDate = (date: string) => Number(date.slice(0, 4));

function checkInside(part: CalendarData, dates: Iterable<string>, what: string): string[] {
  const out: string[] = [];
  for (const date of dates) {
    const y = yearOfDate(date);
    if (!(y >= part.firstYear && y <= part.lastYear)) throw new RangeError(`${what} ${date} lies outside its part's years ${part.firstYear}–${part.lastYear}`);
    out.push(date);
  }
  return out;
}

/**
 * One CalendarData over consecutive parts. The parts must be in order and contiguous (each starts the year after
 * the one before ends) — a gap would make the years in between look like plain Mon–Fri years, which is exactly the
 * guess the calendar refuses — and each part's dates must lie in its own years.
 */
export function mergeCalendarData(parts: readonly CalendarData[]): CalendarData {
  const first = parts[0];
  if (!first) throw new RangeError('a calendar needs at least one part');
  const holidays: string[] = [];
  const makeupWorkdays: string[] = [];
  let lastYear = first.firstYear - 1;
  for (const part of parts) {
    if (part.firstYear !== lastYear + 1) {
      throw new RangeError(`calendar parts must be contiguous: ${part.firstYear}–${part.lastYear} does not start the year after ${lastYear}`);
    }
    holidays.push(...checkInside(part, part.holidays, 'holiday'));
    makeupWorkdays.push(...checkInside(part, part.makeupWorkdays, 'make-up workday'));
    lastYear = part.lastYear;
  }
  return { firstYear: first.firstYear, lastYear, holidays, makeupWorkdays };
}

/**
 * The base data extended by the entered years that directly continue it: base.lastYear + 1, then the year after
 * that, and so on until the first missing year. Entered years the base already covers are superseded by it (a newer
 * package carries the same notice); years after a gap are left out. `added` lists the years taken, in order.
 */
export function extendCalendarData(base: CalendarData, years: readonly CalendarYearData[]): { data: CalendarData; added: number[] } {
  const byYear = new Map(years.map((y) => [y.year, y]));
  const parts: CalendarData[] = [base];
  const added: number[] = [];
  for (let next = base.lastYear + 1; ; next++) {
    const y = byYear.get(next);
    if (!y) break;
    parts.push({ firstYear: next, lastYear: next, holidays: y.holidays, makeupWorkdays: y.makeupWorkdays });
    added.push(next);
  }
  return { data: added.length === 0 ? base : mergeCalendarData(parts), added };
}
