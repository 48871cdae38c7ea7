import type { CalendarYear, HolidayBlock, HolidayName } from '../../../common/calendar/api.ts';
import type { DayRow, YearRow } from './queries.ts';

const iso = (v: Date | string) => new Date(v).toISOString();

function nextDay(date: string): string {
  const t = new Date(`${date}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + 1);
  return t.toISOString().slice(0, 10);
}

/** The stored holiday days back as blocks: consecutive days of the same holiday form one block. */
export function blocksOf(days: DayRow[]): HolidayBlock[] {
  const blocks: HolidayBlock[] = [];
  for (const d of days.filter((x) => x.kind === 'holiday').sort((a, b) => (a.day < b.day ? -1 : 1))) {
    const last = blocks[blocks.length - 1];
    if (last && last.name === d.holiday_name && nextDay(last.lastDay) === d.day) last.lastDay = d.day;
    // the column's check constraint lists HOLIDAY_NAMES, and a holiday day always has one
    else blocks.push({ name: d.holiday_name as HolidayName, firstDay: d.day, lastDay: d.day });
  }
  return blocks;
}

export function presentYear(row: YearRow, days: DayRow[], state: { inEffect: boolean; supersededByPackage: boolean }): CalendarYear {
  return {
    year: row.year,
    noticeNumber: row.notice_number,
    noticeTitle: row.notice_title,
    noticePublishedOn: row.notice_published_on,
    noticeUrl: row.notice_url,
    holidays: blocksOf(days),
    makeupWorkdays: days.filter((d) => d.kind === 'makeup_workday').map((d) => d.day),
    status: row.status,
    inEffect: state.inEffect,
    supersededByPackage: state.supersededByPackage,
    createdBy: row.created_by_name,
    createdAt: iso(row.created_at),
    updatedBy: row.updated_by_name,
    updatedAt: iso(row.updated_at),
    publishedBy: row.published_by_name,
    publishedAt: row.published_at ? iso(row.published_at) : null,
  };
}
