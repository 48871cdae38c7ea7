import type { Db } from '../../platform/db.ts';

/** Every SQL statement on the calendar module's tables (calendar_year, calendar_year_day). */

export interface YearRow {
  year: number;
  notice_number: string;
  notice_title: string;
  notice_published_on: string;
  notice_url: string;
  status: 'draft' | 'published';
  created_by_name: string | null;
  updated_by_name: string | null;
  published_by_name: string | null;
  published_at: Date | string | null;
  created_at: Date | string;
  updated_at: Date | string;
}

export interface DayRow {
  day: string;
  year: number;
  kind: 'holiday' | 'makeup_workday';
  holiday_name: string | null;
}

function yearQuery(db: Db) {
  return db
    .selectFrom('calendar_year as y')
    .leftJoin('platform_user as c', 'c.id', 'y.created_by')
    .leftJoin('platform_user as u', 'u.id', 'y.updated_by')
    .leftJoin('platform_user as p', 'p.id', 'y.published_by')
    .select([
      'y.year',
      'y.notice_number',
      'y.notice_title',
      'y.notice_published_on',
      'y.notice_url',
      'y.status',
      'y.published_at',
      'y.created_at',
      'y.updated_at',
      'c.display_name as created_by_name',
      'u.display_name as updated_by_name',
      'p.display_name as published_by_name',
    ]);
}

export function selectYears(db: Db): Promise<YearRow[]> {
  return yearQuery(db).orderBy('y.year', 'desc').execute();
}

export function selectYear(db: Db, year: number): Promise<YearRow | undefined> {
  return yearQuery(db).where('y.year', '=', year).executeTakeFirst();
}

/** Locks every entered year for the rest of the transaction: coverage is decided across years (no gaps), so writes serialise. */
export async function lockYears(trx: Db): Promise<{ year: number; status: 'draft' | 'published' }[]> {
  return trx.selectFrom('calendar_year').select(['year', 'status']).orderBy('year').forUpdate().execute();
}

export function selectDays(db: Db, years: number[]): Promise<DayRow[]> {
  if (years.length === 0) return Promise.resolve([]);
  return db.selectFrom('calendar_year_day').select(['day', 'year', 'kind', 'holiday_name']).where('year', 'in', years).orderBy('day').execute();
}

/** The published years and their days: what the statutory calendar is extended with. */
export async function selectPublishedYears(db: Db): Promise<{ year: number; noticeNumber: string; days: DayRow[] }[]> {
  const years = await db.selectFrom('calendar_year').select(['year', 'notice_number']).where('status', '=', 'published').orderBy('year').execute();
  const days = await selectDays(
    db,
    years.map((y) => y.year),
  );
  return years.map((y) => ({ year: y.year, noticeNumber: y.notice_number, days: days.filter((d) => d.year === y.year) }));
}

export interface YearValues {
  notice_number: string;
  notice_title: string;
  notice_published_on: string;
  notice_url: string;
}

export async function insertYearRow(trx: Db, year: number, values: YearValues, actorId: string): Promise<void> {
  await trx
    .insertInto('calendar_year')
    .values({ year, ...values, created_by: actorId, updated_by: actorId })
    .execute();
}

export async function updateYearRow(trx: Db, year: number, values: YearValues, actorId: string): Promise<void> {
  await trx
    .updateTable('calendar_year')
    .set({ ...values, updated_by: actorId, updated_at: new Date() })
    .where('year', '=', year)
    .execute();
}

export async function replaceDays(trx: Db, year: number, days: Omit<DayRow, 'year'>[]): Promise<void> {
  await trx.deleteFrom('calendar_year_day').where('year', '=', year).execute();
  if (days.length === 0) return;
  await trx
    .insertInto('calendar_year_day')
    .values(days.map((d) => ({ ...d, year })))
    .execute();
}

export async function setStatus(trx: Db, year: number, status: 'draft' | 'published', actorId: string): Promise<void> {
  const published = status === 'published';
  await trx
    .updateTable('calendar_year')
    .set({ status, published_at: published ? new Date() : null, published_by: published ? actorId : null, updated_by: actorId, updated_at: new Date() })
    .where('year', '=', year)
    .execute();
}
