import type { FieldIssue } from '../platform-api.ts';
import { type CalendarYearInput, HOLIDAY_NAMES, type HolidayBlock } from './api.ts';
import type { CalendarYearData } from './merge.ts';

/**
 * The rules an administrator-entered holiday year must meet before it may become part of the statutory calendar,
 * as plain functions the server enforces and the web form shows as it is filled in. The database repeats the
 * structural ones as CHECK constraints (server/db/migrations/0013_calendar_years.sql).
 */

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** Whether `value` is an existing civil date 'YYYY-MM-DD'. */
export function isCivilDate(value: string): boolean {
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const t = new Date(0);
  t.setUTCFullYear(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return t.toISOString().slice(0, 10) === value;
}

/** 0 = Sunday … 6 = Saturday, of a valid civil date. */
export function weekdayOf(date: string): number {
  const t = new Date(0);
  t.setUTCFullYear(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
  return t.getUTCDay();
}

function dayNumber(date: string): number {
  const t = new Date(0);
  t.setUTCFullYear(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
  return Math.round(t.getTime() / DAY_MS);
}

function formatDayNumber(day: number): string {
  const t = new Date(day * DAY_MS);
  return `${String(t.getUTCFullYear()).padStart(4, '0')}-${t.toISOString().slice(5, 10)}`;
}

const WEEKDAY_ZH = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];

/** Every day of a block, in order (both ends inclusive); empty when the block is malformed. */
export function daysOfBlock(block: Pick<HolidayBlock, 'firstDay' | 'lastDay'>): string[] {
  if (!isCivilDate(block.firstDay) || !isCivilDate(block.lastDay)) return [];
  const out: string[] = [];
  for (let d = dayNumber(block.firstDay), end = dayNumber(block.lastDay); d <= end; d++) out.push(formatDayNumber(d));
  return out;
}

/** The year's data for the calendar: each block expanded to its days. Call on an entry without issues. */
export function calendarYearData(year: number, input: Pick<CalendarYearInput, 'holidays' | 'makeupWorkdays'>): CalendarYearData {
  return { year, holidays: input.holidays.flatMap(daysOfBlock), makeupWorkdays: [...input.makeupWorkdays] };
}

/** A block longer than this is taken for a typing error (the notices' longest blocks, 春节 and 国庆, run 8–9 days). */
export const MAX_BLOCK_DAYS = 15;

/**
 * Checks an entry for `year`: every date exists and lies inside the year; a block ends on or after its first day
 * and is at most MAX_BLOCK_DAYS long; no day is in two blocks; make-up workdays are Saturdays or Sundays, listed
 * once, and not holidays; the notice is published no later than in its year. Field names are prefixed with
 * `prefix` ('body' for a request). Returns the issues, empty when the entry is valid.
 */
export function checkCalendarYearEntry(year: number, input: CalendarYearInput, prefix = 'body'): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const issue = (field: string, rule: string, message: string) => issues.push({ field: `${prefix}.${field}`, rule, message });
  const inYear = (date: string) => date.slice(0, 4) === String(year).padStart(4, '0');

  if (!input.noticeNumber.trim()) issue('noticeNumber', 'required', '请填写通知文号 / the notice number is required');
  if (!input.noticeTitle.trim()) issue('noticeTitle', 'required', '请填写通知标题 / the notice title is required');
  if (!isCivilDate(input.noticePublishedOn)) {
    issue('noticePublishedOn', 'date', `不是有效日期：${input.noticePublishedOn} / not a valid date YYYY-MM-DD`);
  } else if (Number(input.noticePublishedOn.slice(0, 4)) > year) {
    issue('noticePublishedOn', 'noticeDate', `${year} 年的安排通知应在 ${year} 年或之前发布 / the notice for ${year} is published in or before ${year}`);
  }
  if (!/^https?:\/\/\S+$/.test(input.noticeUrl)) issue('noticeUrl', 'url', '请填写通知原文网址（http/https）/ the notice URL must be an http(s) address');

  const holidayOf = new Map<string, number>();
  input.holidays.forEach((block, i) => {
    const at = `holidays.${i}`;
    if (!(HOLIDAY_NAMES as readonly string[]).includes(block.name)) {
      issue(`${at}.name`, 'enum', `节日名称应为 ${HOLIDAY_NAMES.join('、')} 之一 / must be one of the statutory holidays`);
    }
    let ok = true;
    for (const end of ['firstDay', 'lastDay'] as const) {
      const d = block[end];
      if (!isCivilDate(d)) {
        issue(`${at}.${end}`, 'date', `不是有效日期：${d} / not a valid date YYYY-MM-DD`);
        ok = false;
      } else if (!inYear(d)) {
        issue(`${at}.${end}`, 'inYear', `${d} 不在 ${year} 年内 / ${d} is not in ${year}`);
        ok = false;
      }
    }
    if (!ok) return;
    if (block.lastDay < block.firstDay) {
      issue(`${at}.lastDay`, 'order', `结束日 ${block.lastDay} 早于开始日 ${block.firstDay} / the last day is before the first day`);
      return;
    }
    const days = daysOfBlock(block);
    if (days.length > MAX_BLOCK_DAYS) {
      issue(
        `${at}.lastDay`,
        'maxDays',
        `一段假期不超过 ${MAX_BLOCK_DAYS} 天（此处 ${days.length} 天）/ a block is at most ${MAX_BLOCK_DAYS} days (got ${days.length})`,
      );
      return;
    }
    for (const d of days) {
      const other = holidayOf.get(d);
      if (other !== undefined) {
        issue(at, 'duplicate', `${d} 已在第 ${other + 1} 段假期中 / ${d} is already in holiday block ${other + 1}`);
        return;
      }
    }
    for (const d of days) holidayOf.set(d, i);
  });

  const seen = new Map<string, number>();
  for (const [i, d] of input.makeupWorkdays.entries()) {
    const at = `makeupWorkdays.${i}`;
    const wd = isCivilDate(d) ? weekdayOf(d) : -1;
    const twice = seen.get(d);
    const block = holidayOf.get(d);
    if (wd < 0) issue(at, 'date', `不是有效日期：${d} / not a valid date YYYY-MM-DD`);
    else if (!inYear(d)) issue(at, 'inYear', `${d} 不在 ${year} 年内 / ${d} is not in ${year}`);
    else if (wd !== 0 && wd !== 6) issue(at, 'weekend', `调休上班日应为周六或周日，${d} 是${WEEKDAY_ZH[wd]} / a make-up workday must be a Saturday or Sunday`);
    else if (twice !== undefined) issue(at, 'duplicate', `${d} 重复（第 ${twice + 1} 项）/ ${d} is listed twice`);
    else if (block !== undefined) issue(at, 'conflict', `${d} 已在第 ${block + 1} 段假期中，不能同时为调休上班日 / ${d} is also a holiday`);
    if (twice === undefined) seen.set(d, i);
  }
  return issues;
}
