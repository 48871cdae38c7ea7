import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import type { CalendarYear, CalendarYearInput, HolidayName } from '../../../api/calendar';

/** The form's own shape: pickers hold Dayjs values, a holiday block one range. */
export interface YearFormValues {
  noticeNumber?: string;
  noticeTitle?: string;
  noticePublishedOn?: Dayjs | null;
  noticeUrl?: string;
  holidays?: { name?: HolidayName; range?: [Dayjs | null, Dayjs | null] | null }[];
  makeupWorkdays?: { date?: Dayjs | null }[];
}

const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : '');

/** What the API takes, from the form as it stands (empty strings where nothing is entered yet). */
export function toYearInput(values: YearFormValues): CalendarYearInput {
  return {
    noticeNumber: values.noticeNumber?.trim() ?? '',
    noticeTitle: values.noticeTitle?.trim() ?? '',
    noticePublishedOn: day(values.noticePublishedOn),
    noticeUrl: values.noticeUrl?.trim() ?? '',
    holidays: (values.holidays ?? []).map((b) => ({
      // an unchosen name is reported by the form's own required rule
      name: (b.name ?? '') as HolidayName,
      firstDay: day(b.range?.[0]),
      lastDay: day(b.range?.[1]),
    })),
    makeupWorkdays: (values.makeupWorkdays ?? []).map((m) => day(m.date)),
  };
}

/** A stored year back into the form. */
export function toFormValues(year: CalendarYear): YearFormValues {
  return {
    noticeNumber: year.noticeNumber,
    noticeTitle: year.noticeTitle,
    noticePublishedOn: dayjs(year.noticePublishedOn),
    noticeUrl: year.noticeUrl,
    holidays: year.holidays.map((b) => ({ name: b.name, range: [dayjs(b.firstDay), dayjs(b.lastDay)] })),
    makeupWorkdays: year.makeupWorkdays.map((d) => ({ date: dayjs(d) })),
  };
}

type NoticeField = 'noticeNumber' | 'noticeTitle' | 'noticePublishedOn' | 'noticeUrl';
const NOTICE_FIELDS: readonly string[] = ['noticeNumber', 'noticeTitle', 'noticePublishedOn', 'noticeUrl'] satisfies NoticeField[];
export type YearFormField = ['holidays', number, 'name' | 'range'] | ['makeupWorkdays', number, 'date'] | [NoticeField];

/** The form field a server or rule issue names: body.holidays.0.firstDay → ['holidays', 0, 'range']. */
export function formFieldOf(field: string): YearFormField | null {
  const parts = field.replace(/^body\./, '').split('.');
  const [head, index] = parts;
  if (head === 'holidays' && index !== undefined) return ['holidays', Number(index), parts[2] === 'name' ? 'name' : 'range'];
  if (head === 'makeupWorkdays' && index !== undefined) return ['makeupWorkdays', Number(index), 'date'];
  // checked against NOTICE_FIELDS just before
  if (head && NOTICE_FIELDS.includes(head)) return [head as NoticeField];
  return null;
}

/** The Chinese half of a bilingual "中文 / English" message. */
export const chineseHalf = (message: string) => message.split(' / ')[0] ?? message;
