import { CalendarRangeError, type WorkdayCalendar } from '../calendar/workdays.ts';
import { addDays, daysBetween } from './dates.ts';

/**
 * The 复检 (re-test) window: how long after receiving a 不合格 result the enterprise may ask for a re-test.
 * Which law applies depends on the product, so each category carries a rule (and each sample keeps the
 * one it was sampled under):
 *
 * - `product_15d` — products (监督抽查 of industrial and consumer products). 产品质量法 第十五条, restated in
 *   产品质量监督抽查管理暂行办法: "自收到检验结果之日起十五日内" (regulation.md §6). **Natural days** — the
 *   law says 十五日, not 工作日 (the research note's working-day rule is the 20-working-day publication
 *   deadline, a different clause). The day of receipt is not counted (民法典 第二百零一条), so the last
 *   day is receipt + 15, inclusive. We do not move a last day that falls on a weekend or holiday (民法典
 *   第二百零三条 would): the research note does not cover it, and the bureau should confirm first.
 * - `drug_7wd` — drugs (基本药物抽检). 药品管理法 第一百零二条: 复验 "自收到药品检验结果之日起七个工作日内"
 *   [K: well known, not in the research note]. Statutory working days on the calendar the caller passes (on the
 *   server: the chinese-days package plus the published entered years, server/modules/calendar).
 * - `food_7wd` — food. 食品安全法 第八十八条: 复检 "自收到检验结论之日起七个工作日内" [K].
 *
 * Working days past the years the statutory calendar covers are not guessed (CalendarRangeError): the
 * window is then reported with no last day, a request made within 7 natural days is certainly in time
 * (7 working days are never fewer), and anything later waits for the calendar data.
 */

export const RETEST_RULES = ['product_15d', 'drug_7wd', 'food_7wd'] as const;
export type RetestRule = (typeof RETEST_RULES)[number];

export const RETEST_RULE_TERMS: Record<RetestRule, { days: number; kind: 'natural' | 'working' }> = {
  product_15d: { days: 15, kind: 'natural' },
  drug_7wd: { days: 7, kind: 'working' },
  food_7wd: { days: 7, kind: 'working' },
};

/** The product rule's length, for texts that speak of it. */
export const RETEST_WINDOW_DAYS = RETEST_RULE_TERMS.product_15d.days;

/**
 * The last day (inclusive) a request is in time, for a result received on `notifiedOn`. Throws
 * CalendarRangeError when a working-day rule runs past the calendar's data.
 */
export function retestLastDay(calendar: WorkdayCalendar, notifiedOn: string, rule: RetestRule = 'product_15d'): string {
  const terms = RETEST_RULE_TERMS[rule];
  return terms.kind === 'natural' ? addDays(notifiedOn, terms.days) : calendar.addWorkdays(notifiedOn, terms.days);
}

/** retestLastDay, or null when the calendar cannot tell yet. */
export function retestLastDayOrNull(calendar: WorkdayCalendar, notifiedOn: string, rule: RetestRule = 'product_15d'): string | null {
  try {
    return retestLastDay(calendar, notifiedOn, rule);
  } catch (err) {
    if (err instanceof CalendarRangeError) return null;
    throw err;
  }
}

export type RetestTiming = 'before_notice' | 'in_time' | 'late' | 'unknown';

/** Whether a request made on `requestedOn` is before the result was received, in time, late, or not yet decidable. */
export function retestRequestTiming(calendar: WorkdayCalendar, notifiedOn: string, requestedOn: string, rule: RetestRule = 'product_15d'): RetestTiming {
  if (requestedOn < notifiedOn) return 'before_notice';
  const lastDay = retestLastDayOrNull(calendar, notifiedOn, rule);
  if (lastDay === null) return requestedOn <= addDays(notifiedOn, RETEST_RULE_TERMS[rule].days) ? 'in_time' : 'unknown';
  return requestedOn <= lastDay ? 'in_time' : 'late';
}

export interface RetestWindow {
  rule: RetestRule;
  /** null: a working-day rule past the calendar's data. */
  lastDay: string | null;
  /** Whole days from today to the last day (0 on the last day itself and once closed); null with no last day. */
  daysLeft: number | null;
  open: boolean;
}

/** The window as it stands on `today`. */
export function retestWindow(calendar: WorkdayCalendar, notifiedOn: string, today: string, rule: RetestRule = 'product_15d'): RetestWindow {
  const lastDay = retestLastDayOrNull(calendar, notifiedOn, rule);
  if (lastDay === null) return { rule, lastDay: null, daysLeft: null, open: true };
  const open = today <= lastDay;
  return { rule, lastDay, daysLeft: open ? daysBetween(today, lastDay) : 0, open };
}
