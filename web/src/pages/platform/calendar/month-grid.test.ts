import { describe, expect, it } from 'vitest';
import { marksFromDays, marksFromEntry, monthWeeks, workingDaysOfYear } from './month-grid';

describe('month grid', () => {
  it('lays a month out in Monday-first weeks', () => {
    // 2026-02-01 is a Sunday: six blank days lead
    const weeks = monthWeeks(2026, 2, new Map());
    expect(weeks[0]?.slice(0, 6).every((c) => 'pad' in c)).toBe(true);
    expect(weeks[0]?.[6]).toMatchObject({ date: '2026-02-01', day: 1, weekend: true });
    expect(weeks.flat().filter((c) => 'date' in c)).toHaveLength(28);
    expect(weeks.every((w) => w.length === 7)).toBe(true);
  });

  it('marks holiday blocks and make-up days from the form (hypothetical data)', () => {
    const marks = marksFromEntry(
      [
        { name: '元旦', firstDay: '2027-01-01', lastDay: '2027-01-03' },
        { name: '春节', firstDay: '2027-02-06' },
      ],
      ['2027-02-20', null],
    );
    expect([...marks.keys()]).toEqual(['2027-01-01', '2027-01-02', '2027-01-03', '2027-02-20']);
    expect(monthWeeks(2027, 1, marks)[0]?.[4]).toMatchObject({ date: '2027-01-01', mark: { kind: 'holiday', name: '元旦' } });
    // 2027: 261 weekdays; 2027-01-01 (Fri) off, 2027-02-20 (Sat) on
    expect(workingDaysOfYear(2027, marks)).toBe(261);
    expect(workingDaysOfYear(2027, new Map())).toBe(261);
    expect(workingDaysOfYear(2027, marksFromDays([{ date: '2027-01-01', kind: 'holiday', name: '元旦' }]))).toBe(260);
  });
});
