/**
 * EPCIS QuerySchedule (EPCIS 2.0 §8.2.5.3; REST binding QueryScheduleSubscription.schedule): when a scheduled
 * subscription runs. Each field is a string: a number, a range `[low-high]`, or a comma-separated list of them
 * (`"1,5,[20-23]"`). A time matches when every field matches. Fields are read on the Asia/Shanghai wall clock
 * (UTC+8, no daylight saving since 1991), the bureau's time.
 *
 * An omitted field is "any value" when it is more significant than every field given, and its least value when it is
 * less significant than one given (`{hour: "1", minute: "5"}` runs at 01:05:00 every day, not 60 times in that
 * minute; `{minute: "0"}` runs every hour on the hour). Significance: second < minute < hour < day (dayOfMonth,
 * dayOfWeek) < month; an omitted dayOfWeek always matches any day, and so does an omitted dayOfMonth beside a dayOfWeek.
 */

export const SCHEDULE_FIELDS = ['second', 'minute', 'hour', 'dayOfMonth', 'month', 'dayOfWeek'] as const;
export type ScheduleField = (typeof SCHEDULE_FIELDS)[number];
export type QuerySchedule = Partial<Record<ScheduleField, string>>;

const RANGES: Record<ScheduleField, [number, number]> = {
  second: [0, 59],
  minute: [0, 59],
  hour: [0, 23],
  dayOfMonth: [1, 31],
  month: [1, 12],
  // 1 = Monday … 7 = Sunday (ISO 8601, as the binding's GS1-Query-DayOfWeek says)
  dayOfWeek: [1, 7],
};
const LEVEL: Record<ScheduleField, number> = { second: 0, minute: 1, hour: 2, dayOfMonth: 3, dayOfWeek: 3, month: 4 };

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;
// Long enough for any schedule that fires at all (29 February comes within 8 years); beyond it: never.
const SEARCH_DAYS = 8 * 366 + 1;

export class ScheduleError extends Error {
  readonly field: ScheduleField | null;
  constructor(field: ScheduleField | null, message: string) {
    super(message);
    this.field = field;
  }
}

const ELEMENT = /^(\d{1,2})$|^\[(\d{1,2})-(\d{1,2})\]$/;

/** The values a field's text allows, checked against the field's range. */
export function parseField(field: ScheduleField, text: string): number[] {
  const [min, max] = RANGES[field];
  const values = new Set<number>();
  if (text === '') throw new ScheduleError(field, `为空 / is empty`);
  for (const element of text.split(',')) {
    const m = ELEMENT.exec(element);
    if (!m) throw new ScheduleError(field, `"${element}" 须为数字或 [低-高] 区间 / "${element}" must be a number or a [low-high] range`);
    const low = Number(m[1] ?? m[2]);
    const high = Number(m[1] ?? m[3]);
    if (low < min || high > max) throw new ScheduleError(field, `"${element}" 超出 ${min}–${max} / "${element}" is outside ${min}–${max}`);
    if (low > high) throw new ScheduleError(field, `"${element}" 下限大于上限 / "${element}" has its low end above its high end`);
    for (let v = low; v <= high; v += 1) values.add(v);
  }
  return [...values].sort((a, b) => a - b);
}

interface Compiled {
  seconds: number[];
  minutes: number[];
  hours: number[];
  days: Set<number>;
  months: Set<number>;
  weekdays: Set<number>;
}

const all = (field: ScheduleField) => {
  const [min, max] = RANGES[field];
  return Array.from({ length: max - min + 1 }, (_, i) => min + i);
};

function compile(schedule: QuerySchedule): Compiled {
  const given = SCHEDULE_FIELDS.filter((f) => schedule[f] !== undefined);
  if (given.length === 0) throw new ScheduleError(null, '至少须指定一个字段 / at least one field is required');
  const top = Math.max(...given.map((f) => LEVEL[f]));
  const values = (field: ScheduleField): number[] => {
    const text = schedule[field];
    if (text !== undefined) return parseField(field, text);
    // The day is given by either day field: the other one then allows any day.
    if (field === 'dayOfWeek' || (field === 'dayOfMonth' && schedule.dayOfWeek !== undefined) || LEVEL[field] > top) return all(field);
    return [RANGES[field][0]];
  };
  return {
    seconds: values('second'),
    minutes: values('minute'),
    hours: values('hour'),
    days: new Set(values('dayOfMonth')),
    months: new Set(values('month')),
    weekdays: new Set(values('dayOfWeek')),
  };
}

/** Checks a schedule: a ScheduleError names the first bad field, or says it never fires. */
export function checkSchedule(schedule: QuerySchedule, from = new Date()): void {
  if (nextScheduledRun(schedule, from) === null) throw new ScheduleError(null, '该计划永远不会触发 / the schedule never fires');
}

/** The first time strictly after `after` that the schedule matches (whole seconds), or null when it never does. */
export function nextScheduledRun(schedule: QuerySchedule, after: Date): Date | null {
  const c = compile(schedule);
  // Shanghai civil time as a UTC Date; the first candidate is the next whole second.
  const start = Math.floor((after.getTime() + SHANGHAI_OFFSET_MS) / 1000) * 1000 + 1000;
  const startDay = Math.floor(start / DAY_MS) * DAY_MS;
  for (let d = 0; d < SEARCH_DAYS; d += 1) {
    const day = new Date(startDay + d * DAY_MS);
    const weekday = day.getUTCDay() === 0 ? 7 : day.getUTCDay();
    if (!c.months.has(day.getUTCMonth() + 1) || !c.days.has(day.getUTCDate()) || !c.weekdays.has(weekday)) continue;
    const floor = d === 0 ? (start - startDay) / 1000 : 0;
    for (const h of c.hours) {
      if ((h + 1) * 3600 <= floor) continue;
      for (const m of c.minutes) {
        if (h * 3600 + (m + 1) * 60 <= floor) continue;
        for (const s of c.seconds) {
          const at = h * 3600 + m * 60 + s;
          if (at >= floor) return new Date(day.getTime() + at * 1000 - SHANGHAI_OFFSET_MS);
        }
      }
    }
  }
  return null;
}
