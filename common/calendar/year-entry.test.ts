import { describe, expect, it } from 'vitest';
import type { CalendarYearInput } from './api.ts';
import { WorkdayCalendar } from './workdays.ts';
import { calendarYearData, checkCalendarYearEntry, daysOfBlock, isCivilDate } from './year-entry.ts';

// HYPOTHETICAL entry, made up for the tests (not the State Council's schedule): 2027-01-01 is a Friday.
const entry: CalendarYearInput = {
  noticeNumber: '测试〔2099〕1号',
  noticeTitle: '测试用假设数据',
  noticePublishedOn: '2026-11-20',
  noticeUrl: 'https://example.invalid/x',
  holidays: [
    { name: '元旦', firstDay: '2027-01-01', lastDay: '2027-01-03' },
    { name: '春节', firstDay: '2027-02-06', lastDay: '2027-02-12' },
  ],
  makeupWorkdays: ['2027-02-20'],
};
const rules = (change: Partial<CalendarYearInput>, year = 2027) => checkCalendarYearEntry(year, { ...entry, ...change }).map((i) => [i.field, i.rule]);

describe('checkCalendarYearEntry', () => {
  it('accepts a well-formed year', () => {
    expect(checkCalendarYearEntry(2027, entry)).toEqual([]);
  });

  it('names each field and rule that fails', () => {
    expect(rules({ makeupWorkdays: ['2027-02-19'] })).toEqual([['body.makeupWorkdays.0', 'weekend']]);
    expect(rules({ makeupWorkdays: ['2026-12-26'] })).toEqual([['body.makeupWorkdays.0', 'inYear']]);
    expect(rules({ makeupWorkdays: ['2027-02-20', '2027-02-20'] })).toEqual([['body.makeupWorkdays.1', 'duplicate']]);
    expect(rules({ makeupWorkdays: ['2027-01-02'] })).toEqual([['body.makeupWorkdays.0', 'conflict']]);
    expect(rules({ makeupWorkdays: ['2027-02-29'] })).toEqual([['body.makeupWorkdays.0', 'date']]);
    expect(rules({ holidays: [{ name: '春节', firstDay: '2027-02-12', lastDay: '2027-02-06' }] })).toEqual([['body.holidays.0.lastDay', 'order']]);
    expect(rules({ holidays: [{ name: '春节', firstDay: '2027-02-01', lastDay: '2027-02-28' }] })).toEqual([['body.holidays.0.lastDay', 'maxDays']]);
    expect(
      rules({
        holidays: [
          { name: '元旦', firstDay: '2027-01-01', lastDay: '2027-01-03' },
          { name: '春节', firstDay: '2027-01-03', lastDay: '2027-01-05' },
        ],
      }),
    ).toEqual([['body.holidays.1', 'duplicate']]);
    expect(rules({ noticePublishedOn: '2028-01-01' })).toEqual([['body.noticePublishedOn', 'noticeDate']]);
    expect(rules({ noticeUrl: 'gov.cn/x', noticeNumber: ' ' })).toEqual([
      ['body.noticeNumber', 'required'],
      ['body.noticeUrl', 'url'],
    ]);
  });

  it('builds the year for a calendar, every day of each block', () => {
    expect(daysOfBlock({ firstDay: '2027-12-30', lastDay: '2028-01-01' })).toEqual(['2027-12-30', '2027-12-31', '2028-01-01']);
    expect(isCivilDate('2028-02-29')).toBe(true);
    expect(isCivilDate('2027-02-29')).toBe(false);
    const data = calendarYearData(2027, entry);
    expect(data.holidays).toHaveLength(10);
    const cal = new WorkdayCalendar({ firstYear: 2027, lastYear: 2027, ...data });
    expect(cal.dayKind('2027-02-08')).toBe('holiday'); // a Monday inside the block
    expect(cal.dayKind('2027-02-20')).toBe('makeup_workday');
    expect(cal.dayKind('2027-02-27')).toBe('weekend');
  });
});
