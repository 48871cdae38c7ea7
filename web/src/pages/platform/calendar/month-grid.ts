import { daysOfBlock, weekdayOf } from '../../../../../common/calendar/year-entry.ts';
import type { CalendarYearDays, HolidayBlock } from '../../../api/calendar';

/** What a day of the month view shows beyond its weekday: a holiday (放) or a make-up workday (班). */
export interface DayMark {
  kind: 'holiday' | 'makeup_workday';
  name: string | null;
}

export interface GridCell {
  date: string;
  day: number;
  weekend: boolean;
  mark: DayMark | null;
}

/** An empty slot before the 1st or after the last day, with a key of its own. */
export interface GridPad {
  pad: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The weeks of a month, Monday first (as Chinese calendars print them); GridPad fills the first and last week. */
export function monthWeeks(year: number, month: number, marks: ReadonlyMap<string, DayMark>): (GridCell | GridPad)[][] {
  const first = `${year}-${pad(month)}-01`;
  const lead = (weekdayOf(first) + 6) % 7; // Monday = 0
  const cells: (GridCell | GridPad)[] = Array.from({ length: lead }, (_, i) => ({ pad: `${first}-before-${i}` }));
  for (let d = 1; d <= daysInMonth(year, month); d++) {
    const date = `${year}-${pad(month)}-${pad(d)}`;
    const wd = weekdayOf(date);
    cells.push({ date, day: d, weekend: wd === 0 || wd === 6, mark: marks.get(date) ?? null });
  }
  while (cells.length % 7 !== 0) cells.push({ pad: `${first}-after-${cells.length}` });
  const weeks: (GridCell | GridPad)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

/** Marks from a form being filled in: each block's days, then the make-up workdays (a make-up day on a holiday shows as 班, the form reports the clash). */
export function marksFromEntry(holidays: Partial<HolidayBlock>[], makeupWorkdays: (string | null | undefined)[]): Map<string, DayMark> {
  const marks = new Map<string, DayMark>();
  for (const b of holidays) {
    if (!b.firstDay || !b.lastDay) continue;
    for (const date of daysOfBlock({ firstDay: b.firstDay, lastDay: b.lastDay }).slice(0, 31)) marks.set(date, { kind: 'holiday', name: b.name ?? null });
  }
  for (const date of makeupWorkdays) if (date) marks.set(date, { kind: 'makeup_workday', name: null });
  return marks;
}

/** Marks from the server's day list of a covered year. */
export function marksFromDays(days: CalendarYearDays['days']): Map<string, DayMark> {
  return new Map(days.map((d) => [d.date, { kind: d.kind, name: d.name }]));
}

/** How many working days the year has with these marks (Mon–Fri not a holiday, plus make-up days), for a sanity check against the notice. */
export function workingDaysOfYear(year: number, marks: ReadonlyMap<string, DayMark>): number {
  let n = 0;
  for (let m = 1; m <= 12; m++) {
    for (let d = 1; d <= daysInMonth(year, m); d++) {
      const date = `${year}-${pad(m)}-${pad(d)}`;
      const mark = marks.get(date);
      const wd = weekdayOf(date);
      if (mark?.kind === 'makeup_workday' || (!mark && wd !== 0 && wd !== 6)) n++;
    }
  }
  return n;
}
