import { CalendarDateError, CalendarRangeError } from '../../../common/calendar/index.ts';
import { AppError, validationFailed } from '../../platform/errors.ts';

/**
 * Turns a calendar error into the API's error: a malformed date → 400 VALIDATION_FAILED on that field; a count
 * beyond the holiday data → 400 CALENDAR_OUT_OF_RANGE naming the field and the covered years. Other modules
 * computing deadlines (e.g. publication within 20 working days) pass their own field names. Anything else is rethrown.
 */
export function calendarError(err: unknown, fields: { from: string; days?: string }, input: { from: string; days?: number }): unknown {
  if (err instanceof CalendarDateError) {
    return validationFailed([{ field: fields.from, rule: 'date', message: `不是有效日期 ${err.value} / is not a valid date YYYY-MM-DD: ${err.value}` }]);
  }
  if (err instanceof CalendarRangeError) {
    const years = `${err.firstYear}–${err.lastYear}`;
    if (err.reason === 'input' || fields.days === undefined) {
      const message = `日期 ${err.date} 超出法定节假日数据覆盖的年份（${years} 年）/ ${err.date} is outside the years the statutory holiday calendar covers (${years})`;
      return new AppError(400, 'CALENDAR_OUT_OF_RANGE', `${fields.from}: ${message}`, [{ field: fields.from, rule: 'calendarRange', message }]);
    }
    const n = input.days ?? '';
    const message = `自 ${input.from} 起第 ${n} 个工作日超出法定节假日数据覆盖的年份（${years} 年），无法计算 / ${n} working days after ${input.from} run past the years the statutory holiday calendar covers (${years}); the date is not guessed`;
    return new AppError(400, 'CALENDAR_OUT_OF_RANGE', `${fields.days}: ${message}`, [{ field: fields.days, rule: 'calendarRange', message }]);
  }
  return err;
}
