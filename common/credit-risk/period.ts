/**
 * Classification periods: one per calendar month, 'YYYY-MM' (SAMR reclassifies monthly, regulation.md §1).
 * Days are calendar days in Asia/Shanghai, 'YYYY-MM-DD', compared as text.
 */

const PERIOD = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isPeriod(value: string): boolean {
  return PERIOD.test(value);
}

/** The month a day falls in: '2026-07-15' → '2026-07'. */
export function periodOf(day: string): string {
  return day.slice(0, 7);
}

/** First day of the period: '2026-07' → '2026-07-01'. */
export function periodStart(period: string): string {
  return `${period}-01`;
}

/** Last day of the period: '2026-02' → '2026-02-28'. */
export function periodEnd(period: string): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${period}-${String(last).padStart(2, '0')}`;
}

/** The period `months` after (negative: before) `period`. */
export function addMonths(period: string, months: number): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + months;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/**
 * The day a period is classified as of: its last day, or today while the period is the current month
 * (the monthly run on the 1st sees the facts known that day). Null for a period after today's month.
 */
export function periodAsOf(period: string, today: string): string | null {
  const current = periodOf(today);
  if (period > current) return null;
  return period === current ? today : periodEnd(period);
}

/**
 * The first day inside a window of `months` months ending on `asOf` (inclusive): 36 months up to
 * 2026-07-15 starts 2023-07-16. Month ends clamp: 1 month up to 2026-03-31 starts 2026-03-01.
 */
export function windowStart(asOf: string, months: number): string {
  const [y, m, d] = asOf.split('-').map(Number) as [number, number, number];
  const back = addMonths(`${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`, -months);
  const lastOfBack = Number(periodEnd(back).slice(8));
  const sameDay = `${back}-${String(Math.min(d, lastOfBack)).padStart(2, '0')}`;
  const next = new Date(Date.parse(`${sameDay}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return next;
}

/** Full years from `from` to `to` (0 when `to` is earlier): 2016-07-16 → 2026-07-15 is 9. */
export function fullYears(from: string, to: string): number {
  if (to < from) return 0;
  const years = Number(to.slice(0, 4)) - Number(from.slice(0, 4));
  return to.slice(5) >= from.slice(5) ? years : years - 1;
}
