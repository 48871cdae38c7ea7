import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { chineseHalf, formFieldOf, toFormValues, toYearInput } from './year-form-values';

describe('year form values', () => {
  it('turns pickers into API dates and back (hypothetical data)', () => {
    const input = toYearInput({
      noticeNumber: ' 测试〔2099〕1号 ',
      noticeTitle: '测试',
      noticePublishedOn: dayjs('2026-11-20'),
      noticeUrl: 'https://example.invalid/x',
      holidays: [{ name: '元旦', range: [dayjs('2027-01-01'), dayjs('2027-01-03')] }, { name: '春节' }],
      makeupWorkdays: [{ date: dayjs('2027-02-20') }, {}],
    });
    expect(input).toEqual({
      noticeNumber: '测试〔2099〕1号',
      noticeTitle: '测试',
      noticePublishedOn: '2026-11-20',
      noticeUrl: 'https://example.invalid/x',
      holidays: [
        { name: '元旦', firstDay: '2027-01-01', lastDay: '2027-01-03' },
        { name: '春节', firstDay: '', lastDay: '' },
      ],
      makeupWorkdays: ['2027-02-20', ''],
    });
    const back = toFormValues({
      ...input,
      holidays: [{ name: '元旦', firstDay: '2027-01-01', lastDay: '2027-01-03' }],
      makeupWorkdays: ['2027-02-20'],
      year: 2027,
      status: 'draft',
      inEffect: false,
      supersededByPackage: false,
      createdBy: null,
      createdAt: '',
      updatedBy: null,
      updatedAt: '',
      publishedBy: null,
      publishedAt: null,
    });
    expect(back.holidays?.[0]?.range?.[1]?.format('YYYY-MM-DD')).toBe('2027-01-03');
  });

  it('finds the form field an issue names', () => {
    expect(formFieldOf('body.holidays.2.lastDay')).toEqual(['holidays', 2, 'range']);
    expect(formFieldOf('body.holidays.1')).toEqual(['holidays', 1, 'range']);
    expect(formFieldOf('body.holidays.0.name')).toEqual(['holidays', 0, 'name']);
    expect(formFieldOf('body.makeupWorkdays.3')).toEqual(['makeupWorkdays', 3, 'date']);
    expect(formFieldOf('body.noticeUrl')).toEqual(['noticeUrl']);
    expect(formFieldOf('body.year')).toBeNull();
    expect(chineseHalf('不在 2027 年内 / not in 2027')).toBe('不在 2027 年内');
  });
});
