import type { CoverageYear } from '../../../common/calendar/api.ts';
import { extendCalendarData, packageCalendarData, WorkdayCalendar } from '../../../common/calendar/index.ts';
import type { Db } from '../../platform/db.ts';
import { selectPublishedYears } from './queries.ts';

/**
 * The statutory calendar the server counts every deadline on: the chinese-days package's years, then the published
 * entered years that directly continue them (2027 only once published, 2028 only once 2027 is too). Loaded once per
 * database and kept; publishing or withdrawing a year drops the kept copy after its transaction commits, so the next
 * deadline in this process is counted on the new data. (Another server process on the same database keeps its
 * copy until it restarts: the platform runs one process — DESIGN.md.)
 */

export interface ServerCalendar {
  calendar: WorkdayCalendar;
  /** Every covered year and where its data comes from, in order. */
  years: CoverageYear[];
}

// Keyed by the database handle: a process serving one database has one entry; tests open several.
const kept = new WeakMap<Db, Promise<ServerCalendar>>();

async function load(db: Db): Promise<ServerCalendar> {
  const published = await selectPublishedYears(db);
  const { data, added } = extendCalendarData(
    packageCalendarData,
    published.map((p) => ({
      year: p.year,
      holidays: p.days.filter((d) => d.kind === 'holiday').map((d) => d.day),
      makeupWorkdays: p.days.filter((d) => d.kind === 'makeup_workday').map((d) => d.day),
    })),
  );
  const notices = new Map(published.map((p) => [p.year, p.noticeNumber]));
  const years: CoverageYear[] = [];
  for (let y = packageCalendarData.firstYear; y <= packageCalendarData.lastYear; y++) years.push({ year: y, source: 'package', noticeNumber: null });
  for (const y of added) years.push({ year: y, source: 'notice', noticeNumber: notices.get(y) ?? null });
  return { calendar: new WorkdayCalendar(data), years };
}

/** The calendar with its coverage. Pass the root database handle, not a transaction (the copy is kept per handle). */
export function serverCalendar(db: Db): Promise<ServerCalendar> {
  let entry = kept.get(db);
  if (!entry) {
    entry = load(db);
    kept.set(db, entry);
    // A failed load is not kept: the next call tries again.
    entry.catch(() => {
      if (kept.get(db) === entry) kept.delete(db);
    });
  }
  return entry;
}

/** The statutory calendar for deadlines (package + published entered years). */
export async function workdayCalendar(db: Db): Promise<WorkdayCalendar> {
  return (await serverCalendar(db)).calendar;
}

/** Drops the kept calendar: call after a transaction that changed the published years has committed. */
export function invalidateWorkdayCalendar(db: Db): void {
  kept.delete(db);
}
