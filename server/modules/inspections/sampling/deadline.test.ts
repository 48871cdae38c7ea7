import { describe, expect, it } from 'vitest';
import { statutoryCalendar } from '../../../../common/calendar/index.ts';
import type { SampleRow } from './present.ts';
import { publicationDeadline } from './sample-service.ts';

const finalFail = (finalOn: string) => ({ final_conclusion: 'fail', final_on: finalOn }) as SampleRow;

describe('the publication deadline of a final 不合格 (20 working days, 企业信息公示暂行条例 第六条)', () => {
  it('counts statutory working days, skipping weekends and the National Day holiday', () => {
    // 2026-09-25 (Fri): 28–30 Sep (3); 1–7 Oct holiday; 8, 9 and the make-up Saturday 10 Oct (6); 12–16 (11);
    // 19–23 (16); 26–29 Oct (20).
    expect(publicationDeadline(finalFail('2026-09-25'), statutoryCalendar)).toBe('2026-10-29');
    expect(publicationDeadline(finalFail('2026-11-02'), statutoryCalendar)).toBe('2026-11-30');
  });

  it('is null, not a guess, when the 20th working day falls in a year no arrangement covers yet', () => {
    // 2026-12-04: 19 working days are left in 2026 (common/calendar/workdays.test.ts)
    expect(publicationDeadline(finalFail('2026-12-04'), statutoryCalendar)).toBeNull();
  });

  it('is null for a sample that is not a final 不合格', () => {
    expect(publicationDeadline({ final_conclusion: 'pass', final_on: '2026-11-02' } as SampleRow, statutoryCalendar)).toBeNull();
    expect(publicationDeadline({ final_conclusion: null, final_on: null } as SampleRow, statutoryCalendar)).toBeNull();
  });
});
