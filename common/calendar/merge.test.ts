import { describe, expect, it } from 'vitest';
import { CalendarRangeError, extendCalendarData, mergeCalendarData, packageCalendarData, WorkdayCalendar } from './index.ts';

// Entered years here are HYPOTHETICAL data made up for the tests, not any State Council schedule.
const y2027 = { year: 2027, holidays: ['2027-01-01', '2027-01-02', '2027-01-03'], makeupWorkdays: ['2027-02-20'] };
const y2028 = { year: 2028, holidays: ['2028-01-03'], makeupWorkdays: [] };

describe('mergeCalendarData: one calendar from contiguous parts', () => {
  it('joins parts in order', () => {
    const merged = mergeCalendarData([
      { firstYear: 2030, lastYear: 2030, holidays: ['2030-01-01'], makeupWorkdays: [] },
      { firstYear: 2031, lastYear: 2032, holidays: ['2031-01-01'], makeupWorkdays: ['2032-01-03'] },
    ]);
    expect(merged).toEqual({ firstYear: 2030, lastYear: 2032, holidays: ['2030-01-01', '2031-01-01'], makeupWorkdays: ['2032-01-03'] });
    const cal = new WorkdayCalendar(merged);
    expect(cal.dayKind('2031-01-01')).toBe('holiday'); // a Wednesday
    expect(cal.dayKind('2032-01-03')).toBe('makeup_workday'); // a Saturday
  });

  it('refuses a gap, an overlap, no parts, and a date outside its own part', () => {
    const part = (firstYear: number, lastYear: number, holidays: string[] = []) => ({ firstYear, lastYear, holidays, makeupWorkdays: [] });
    expect(() => mergeCalendarData([part(2030, 2030), part(2032, 2032)])).toThrow(/contiguous/);
    expect(() => mergeCalendarData([part(2030, 2031), part(2031, 2032)])).toThrow(/contiguous/);
    expect(() => mergeCalendarData([])).toThrow(RangeError);
    expect(() => mergeCalendarData([part(2030, 2030, ['2031-01-01']), part(2031, 2031)])).toThrow(/outside its part/);
  });
});

describe('extendCalendarData: the package plus the entered years that continue it', () => {
  it('adds the next year, and the one after only when the one before is there', () => {
    expect(extendCalendarData(packageCalendarData, []).added).toEqual([]);
    expect(extendCalendarData(packageCalendarData, [y2028]).added).toEqual([]); // 2027 missing: 2028 would leave a gap
    const { data, added } = extendCalendarData(packageCalendarData, [y2028, y2027]);
    expect(added).toEqual([2027, 2028]);
    expect(data).toMatchObject({ firstYear: 2004, lastYear: 2028 });
  });

  it('leaves years the base covers to the base (a newer package supersedes an entered year)', () => {
    const entered2026 = { year: 2026, holidays: ['2026-03-03'], makeupWorkdays: [] };
    const { data, added } = extendCalendarData(packageCalendarData, [entered2026, y2027]);
    expect(added).toEqual([2027]);
    expect(new WorkdayCalendar(data).isWorkday('2026-03-03')).toBe(true);
  });

  it('counts across the year end once the next year is there, and keeps refusing beyond it', () => {
    const before = new WorkdayCalendar(packageCalendarData);
    expect(() => before.addWorkdays('2026-12-20', 20)).toThrow(CalendarRangeError);
    const after = new WorkdayCalendar(extendCalendarData(packageCalendarData, [y2027]).data);
    // 12/21–25, 28–31 = 9 · 1/1–3 off (hypothetical) · 1/4–8 = 14 · 1/11–15 = 19 · 1/18 = 20
    expect(after.addWorkdays('2026-12-20', 20)).toBe('2027-01-18');
    expect(after.addWorkdays('2027-02-19', 1)).toBe('2027-02-20'); // the make-up Saturday
    // the package's own years are unchanged
    expect(after.addWorkdays('2026-02-10', 20)).toBe('2026-03-16');
    expect(after.workdaysBetween('2025-12-31', '2026-12-31')).toBe(248);
    expect(() => after.addWorkdays('2027-12-20', 20)).toThrow(expect.objectContaining({ lastYear: 2027, reason: 'result' }));
    expect(() => after.isWorkday('2028-01-03')).toThrow(CalendarRangeError);
  });
});
