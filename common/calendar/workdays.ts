/**
 * Statutory working days (法定工作日) of mainland China for deadlines counted in 工作日, e.g. publishing
 * random-inspection results "自抽查检查结束之日起20个工作日内" (shared/research/regulation.md §1, §5).
 *
 * A day is a working day when it is a make-up workday (调休上班, a Saturday or Sunday the State Council
 * notice turns into a working day), or when it is Monday–Friday and not a statutory holiday (法定节假日,
 * including the weekdays of a 调休 holiday block). The data comes from the State Council's yearly notices
 * (国务院办公厅关于…部分节假日安排的通知), as entered in the chinese-days package; years it does not cover are
 * refused with CalendarRangeError rather than guessed (the package itself treats them as plain Mon–Fri).
 *
 * Dates are civil dates 'YYYY-MM-DD' (Asia/Shanghai calendar days): no time of day, no time zone.
 */

/** A civil date that is not 'YYYY-MM-DD' or does not exist (2025-02-30). */
export class CalendarDateError extends Error {
  readonly value: string;
  constructor(value: string) {
    super(`not a calendar date 'YYYY-MM-DD': ${JSON.stringify(value)}`);
    this.name = 'CalendarDateError';
    this.value = value;
  }
}

/**
 * The computation needs a day in a year the holiday data does not cover. `reason` says whether an input date
 * lies outside the covered years ('input') or the count runs past the last covered day ('result').
 */
export class CalendarRangeError extends Error {
  readonly date: string;
  readonly reason: 'input' | 'result';
  readonly firstYear: number;
  readonly lastYear: number;
  constructor(date: string, reason: 'input' | 'result', coverage: CalendarCoverage) {
    super(
      reason === 'input'
        ? `${date} is outside the years the statutory holiday calendar covers (${coverage.firstYear}–${coverage.lastYear})`
        : `the count runs past ${coverage.lastYear}-12-31, the last day the statutory holiday calendar covers (${coverage.firstYear}–${coverage.lastYear})`,
    );
    this.name = 'CalendarRangeError';
    this.date = date;
    this.reason = reason;
    this.firstYear = coverage.firstYear;
    this.lastYear = coverage.lastYear;
  }
}

export interface CalendarCoverage {
  /** First and last calendar year (whole years, 1 January – 31 December) with the State Council schedule. */
  firstYear: number;
  lastYear: number;
}

/** What a calendar is built from: whole years, their statutory holidays and their make-up workdays. */
export interface CalendarData extends CalendarCoverage {
  /** Every day off of a statutory holiday block (weekend days inside the block may be listed or not). */
  holidays: Iterable<string>;
  /** Saturdays and Sundays declared working days (调休上班). */
  makeupWorkdays: Iterable<string>;
}

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'makeup_workday';

const DAY_MS = 86_400_000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** Days since 1970-01-01 of a valid civil date, with its year; throws CalendarDateError otherwise. */
function parseDate(value: string): { day: number; year: number } {
  const m = typeof value === 'string' ? DATE_RE.exec(value) : null;
  if (!m) throw new CalendarDateError(String(value));
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const monthDays = [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  if (mo < 1 || mo > 12 || d < 1 || d > (monthDays[mo - 1] ?? 0)) throw new CalendarDateError(value);
  const t = new Date(0);
  t.setUTCFullYear(y, mo - 1, d);
  return { day: Math.round(t.getTime() / DAY_MS), year: y };
}

function formatDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** A statutory calendar over whole years; all lookups are array reads (no per-call date library). */
export class WorkdayCalendar {
  readonly coverage: CalendarCoverage;
  private readonly firstDay: number;
  private readonly kinds: Uint8Array;
  /** cumulative[i] = working days among the first i covered days (cumulative[0] = 0). */
  private readonly cumulative: Int32Array;

  constructor(data: CalendarData) {
    const { firstYear, lastYear } = data;
    if (!Number.isInteger(firstYear) || !Number.isInteger(lastYear) || firstYear > lastYear) {
      throw new RangeError(`calendar years must be integers with firstYear <= lastYear (${firstYear}–${lastYear})`);
    }
    this.coverage = { firstYear, lastYear };
    this.firstDay = parseDate(`${String(firstYear).padStart(4, '0')}-01-01`).day;
    const end = parseDate(`${String(lastYear).padStart(4, '0')}-12-31`).day;
    const n = end - this.firstDay + 1;
    // 0 workday, 1 weekend, 2 holiday, 3 make-up workday
    this.kinds = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const weekday = (((this.firstDay + i + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday; 0 = Sunday
      this.kinds[i] = weekday === 0 || weekday === 6 ? 1 : 0;
    }
    const place = (date: string, kind: number, what: string) => {
      const { day } = parseDate(date);
      const i = day - this.firstDay;
      if (i < 0 || i >= n) throw new RangeError(`${what} ${date} lies outside the calendar's years ${firstYear}–${lastYear}`);
      this.kinds[i] = kind;
    };
    for (const date of data.holidays) place(date, 2, 'holiday');
    for (const date of data.makeupWorkdays) place(date, 3, 'make-up workday');
    this.cumulative = new Int32Array(n + 1);
    for (let i = 0; i < n; i++) {
      const k = this.kinds[i];
      this.cumulative[i + 1] = (this.cumulative[i] ?? 0) + (k === 0 || k === 3 ? 1 : 0);
    }
  }

  /** Index of a covered date in the tables; CalendarRangeError (reason 'input') outside the covered years. */
  private index(date: string): number {
    const { day, year } = parseDate(date);
    if (year < this.coverage.firstYear || year > this.coverage.lastYear) throw new CalendarRangeError(date, 'input', this.coverage);
    return day - this.firstDay;
  }

  dayKind(date: string): DayKind {
    const k = this.kinds[this.index(date)];
    return k === 3 ? 'makeup_workday' : k === 2 ? 'holiday' : k === 1 ? 'weekend' : 'workday';
  }

  isWorkday(date: string): boolean {
    const k = this.kinds[this.index(date)];
    return k === 0 || k === 3;
  }

  /**
   * The Nth working day after `from`, `from` itself not counted ("自…之日起N个工作日内": the deadline is the
   * end of that day). n = 0 returns `from` unchanged, whatever kind of day it is: no working day has to pass.
   * Throws CalendarRangeError when `from` is outside the covered years or the Nth working day would be after them.
   */
  addWorkdays(from: string, n: number): string {
    if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`the number of working days must be a non-negative integer (got ${n})`);
    const i = this.index(from);
    if (n === 0) return from;
    const target = (this.cumulative[i + 1] ?? 0) + n;
    const last = this.cumulative.length - 1;
    if ((this.cumulative[last] ?? 0) < target) throw new CalendarRangeError(from, 'result', this.coverage);
    // The first index j with cumulative[j + 1] >= target is the day the count reaches n.
    let lo = i + 1;
    let hi = last - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.cumulative[mid + 1] ?? 0) >= target) hi = mid;
      else lo = mid + 1;
    }
    return formatDay(this.firstDay + lo);
  }

  /**
   * Working days d with a < d <= b, so that workdaysBetween(a, addWorkdays(a, n)) === n; negative when b < a.
   * E.g. the working days left before a deadline: workdaysBetween(today, deadline).
   */
  workdaysBetween(a: string, b: string): number {
    const i = this.index(a);
    const j = this.index(b);
    return (this.cumulative[j + 1] ?? 0) - (this.cumulative[i + 1] ?? 0);
  }
}
