import type { ColumnType, Generated } from 'kysely';

/** Kysely table types of the calendar module; they mirror server/db/migrations/0013_calendar_years.sql. */

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
// date columns: read back as 'YYYY-MM-DD' text (the pg type parser for date is set to text in platform/db.ts)
type DateText = string;

export interface CalendarYearTable {
  year: number;
  notice_number: string;
  notice_title: string;
  notice_published_on: DateText;
  notice_url: string;
  status: Generated<'draft' | 'published'>;
  created_by: string | null;
  updated_by: string | null;
  published_by: string | null;
  published_at: Timestamp | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface CalendarYearDayTable {
  day: DateText;
  year: number;
  kind: 'holiday' | 'makeup_workday';
  holiday_name: string | null;
}

export interface CalendarTables {
  calendar_year: CalendarYearTable;
  calendar_year_day: CalendarYearDayTable;
}
