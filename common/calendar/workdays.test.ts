import { isWorkday as packageIsWorkday } from 'chinese-days';
import { describe, expect, it } from 'vitest';
import { CalendarDateError, CalendarRangeError, statutoryCalendar as cal, WorkdayCalendar } from './index.ts';

// The package-only calendar (chinese-days); the server counts on the one that adds the published entered years.
const addWorkdays = (from: string, n: number) => cal.addWorkdays(from, n);
const isWorkday = (date: string) => cal.isWorkday(date);
const workdaysBetween = (a: string, b: string) => cal.workdaysBetween(a, b);
const dayKind = (date: string) => cal.dayKind(date);
const calendarCoverage = () => ({ ...cal.coverage });

// Expected values are read off the State Council notices (国务院办公厅关于…部分节假日安排的通知):
// 2024 gov.cn/zhengce/content/202310/content_6911527 · 2025 gov.cn/zhengce/zhengceku/202411/content_6986383 (国办发明电〔2024〕12号)
// · 2026 gov.cn/zhengce/zhengceku/202511/content_7047091; the day-by-day counts are written out beside each case.

describe('coverage of the holiday data (chinese-days 1.5.7)', () => {
  it('covers 2004–2026, whole years', () => {
    expect(calendarCoverage()).toEqual({ firstYear: 2004, lastYear: 2026 });
    expect(() => isWorkday('2004-01-01')).not.toThrow();
    expect(() => isWorkday('2026-12-31')).not.toThrow();
  });

  it('agrees with the package on every covered day', () => {
    let day = Date.UTC(2004, 0, 1);
    const end = Date.UTC(2026, 11, 31);
    let checked = 0;
    for (; day <= end; day += 86_400_000) {
      const date = new Date(day).toISOString().slice(0, 10);
      if (isWorkday(date) !== packageIsWorkday(date)) throw new Error(`disagrees on ${date}`);
      checked++;
    }
    expect(checked).toBe(8401);
  });

  it('2026 has 248 working days (the three calendar packages agree, research note §5)', () => {
    expect(workdaysBetween('2025-12-31', '2026-12-31')).toBe(248);
  });
});

describe('make-up workdays and holidays from the notices', () => {
  it.each([
    ['2024-02-04', true, 'makeup_workday'], // 春节 2024: 2月4日（星期日）上班
    ['2024-02-10', false, 'holiday'],
    ['2024-02-16', false, 'holiday'], // a Friday inside 2月10日至17日
    ['2024-02-18', true, 'makeup_workday'], // 2月18日（星期日）上班
    ['2024-10-12', true, 'makeup_workday'], // 国庆 2024: 10月12日（星期六）上班
    ['2025-01-26', true, 'makeup_workday'], // 春节 2025: 1月26日（周日）上班
    ['2025-01-28', false, 'holiday'], // 除夕, 1月28日至2月4日放假
    ['2025-02-04', false, 'holiday'],
    ['2025-02-08', true, 'makeup_workday'], // 2月8日（周六）上班
    ['2025-09-28', true, 'makeup_workday'], // 国庆中秋 2025: 9月28日（周日）上班
    ['2025-10-01', false, 'holiday'],
    ['2025-10-08', false, 'holiday'], // a Wednesday, 10月1日至8日放假
    ['2025-10-09', true, 'workday'],
    ['2025-10-11', true, 'makeup_workday'], // 10月11日（周六）上班
    ['2026-01-04', true, 'makeup_workday'], // 元旦 2026: 1月4日（周日）上班
    ['2026-02-14', true, 'makeup_workday'], // 春节 2026: 2月14日（周六）上班
    ['2026-02-23', false, 'holiday'], // a Monday, 2月15日至23日放假
    ['2026-02-28', true, 'makeup_workday'], // 2月28日（周六）上班
    ['2026-05-05', false, 'holiday'], // 劳动节 2026: 5月1日至5日
    ['2026-05-09', true, 'makeup_workday'],
    ['2026-09-20', true, 'makeup_workday'], // 国庆 2026: 9月20日（周日）上班
    ['2026-10-07', false, 'holiday'],
    ['2026-10-10', true, 'makeup_workday'], // 10月10日（周六）上班
    ['2026-10-11', false, 'weekend'],
    ['2026-11-27', true, 'workday'],
  ] as const)('%s working day: %s (%s)', (date, workday, kind) => {
    expect(isWorkday(date)).toBe(workday);
    expect(dayKind(date)).toBe(kind);
  });
});

describe('addWorkdays: N working days after a date, the start day not counted', () => {
  it.each([
    // 2026-02-10 (Tue): 11,12,13 · 14 (Sat, make-up) = 4 · 15–23 holiday · 24,25,26,27 · 28 (Sat, make-up) = 9 · 3/2–3/6 = 14 · 3/9–3/13 = 19 · 3/16 = 20
    ['2026-02-10', 20, '2026-03-16'],
    // 2025-09-26 (Fri): 28 (Sun, make-up) · 29 · 30 = 3 · 10/1–10/8 off · 9, 10 · 11 (Sat, make-up) = 6 · 13–17 = 11 · 20–24 = 16 · 27–30 = 20
    ['2025-09-26', 20, '2025-10-30'],
    // 2025-01-24 (Fri): 26 (Sun, make-up) · 27 = 2 · 1/28–2/4 off · 5,6,7 · 8 (Sat, make-up) = 6 · 10–14 = 11 · 17–21 = 16 · 24–27 = 20
    ['2025-01-24', 20, '2025-02-27'],
    // 2024-02-02 (Fri): 4 (Sun, make-up) · 5–9 = 6 · 10–17 off · 18 (Sun, make-up) = 7 · 19–23 = 12 · 26–29 = 16 · 3/1 = 17 · 3/4,5,6 = 20
    ['2024-02-02', 20, '2024-03-06'],
    // an inspection ending on a holiday: counting starts the next working day, 10/9
    ['2025-10-03', 1, '2025-10-09'],
    ['2025-09-30', 1, '2025-10-09'],
    ['2025-09-27', 1, '2025-09-28'],
    // ending on a Friday before an ordinary weekend
    ['2026-11-27', 1, '2026-11-30'],
    // the last deadline the data can give: 12/4, 7–11, 14–18, 21–25, 28–31
    ['2026-12-03', 20, '2026-12-31'],
    // n = 0: no working day has to pass, the date itself (even a holiday)
    ['2025-10-01', 0, '2025-10-01'],
    ['2026-03-16', 0, '2026-03-16'],
  ] as const)('%s + %i → %s', (from, n, expected) => {
    expect(addWorkdays(from, n)).toBe(expected);
  });

  it('the naive Mon–Fri count would be wrong around the holidays', () => {
    expect(addWorkdays('2025-09-26', 20)).not.toBe('2025-10-24');
  });

  it('is consistent with workdaysBetween and composes', () => {
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed;
    };
    for (let t = 0; t < 300; t++) {
      const from = new Date(Date.UTC(2004, 0, 1) + (next() % 8000) * 86_400_000).toISOString().slice(0, 10);
      const a = next() % 40;
      const b = 1 + (next() % 40);
      const end = addWorkdays(from, a + b);
      expect(workdaysBetween(from, end)).toBe(a + b);
      expect(workdaysBetween(end, from)).toBe(-(a + b));
      expect(isWorkday(end)).toBe(true);
      expect(addWorkdays(addWorkdays(from, a), b)).toBe(end);
    }
  });

  it('workdaysBetween counts a < d <= b', () => {
    expect(workdaysBetween('2025-09-30', '2025-10-08')).toBe(0);
    expect(workdaysBetween('2025-09-30', '2025-10-09')).toBe(1);
    expect(workdaysBetween('2025-09-26', '2025-09-28')).toBe(1);
    expect(workdaysBetween('2026-03-16', '2026-03-16')).toBe(0);
  });
});

describe('refusals', () => {
  it('refuses to count past the last covered day, naming the coverage', () => {
    // 2026-12-04: 7–11, 14–18, 21–25, 28–31 are 19 working days; the 20th would be in 2027, which no notice covers yet
    expect(addWorkdays('2026-12-04', 19)).toBe('2026-12-31');
    let error: unknown;
    try {
      addWorkdays('2026-12-04', 20);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CalendarRangeError);
    expect(error).toMatchObject({ reason: 'result', date: '2026-12-04', firstYear: 2004, lastYear: 2026 });
    expect((error as Error).message).toContain('2004–2026');
  });

  it('refuses dates outside the covered years instead of guessing Mon–Fri', () => {
    for (const date of ['2027-01-04', '2003-12-31', '1999-10-01']) {
      expect(() => isWorkday(date)).toThrow(CalendarRangeError);
      expect(() => addWorkdays(date, 1)).toThrow(CalendarRangeError);
      expect(() => addWorkdays(date, 0)).toThrow(CalendarRangeError);
    }
    expect(() => workdaysBetween('2026-12-01', '2027-01-04')).toThrow(CalendarRangeError);
    try {
      isWorkday('2027-01-04');
    } catch (e) {
      expect(e).toMatchObject({ reason: 'input', date: '2027-01-04' });
    }
  });

  it('rejects malformed or impossible dates', () => {
    for (const bad of ['2025-2-3', '2025-02-30', '2025-13-01', '2023-02-29', '2025-00-10', '20250203', '', '2025-02-03T00:00:00Z', ' 2025-02-03']) {
      expect(() => isWorkday(bad), bad).toThrow(CalendarDateError);
    }
    expect(isWorkday('2024-02-29')).toBe(true); // a leap day, Thursday
  });

  it('rejects a negative or fractional count', () => {
    for (const n of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) expect(() => addWorkdays('2025-03-03', n)).toThrow(RangeError);
  });
});

describe('WorkdayCalendar from other data (e.g. a hand-entered year once its notice is out)', () => {
  it('applies holidays and make-up days and checks they lie in its years', () => {
    const cal = new WorkdayCalendar({ firstYear: 2030, lastYear: 2030, holidays: ['2030-01-01'], makeupWorkdays: ['2030-01-05'] });
    expect(cal.isWorkday('2030-01-01')).toBe(false); // a Tuesday made a holiday
    expect(cal.isWorkday('2030-01-05')).toBe(true); // a Saturday made a workday
    expect(() => cal.addWorkdays('2029-12-31', 1)).toThrow(CalendarRangeError);
    expect(() => new WorkdayCalendar({ firstYear: 2030, lastYear: 2030, holidays: ['2031-01-01'], makeupWorkdays: [] })).toThrow(RangeError);
  });
});
