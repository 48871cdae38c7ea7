/**
 * Instants as people in Huzhou read them: `2025-05-06 10:00` in Asia/Shanghai, whatever the browser's own time
 * zone (a laptop set to UTC, a headless test browser). "—" for none.
 */
const FORMAT = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

export function shanghaiTime(iso: string | null | undefined, withSeconds = false): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const part = Object.fromEntries(FORMAT.formatToParts(date).map((p) => [p.type, p.value]));
  const time = `${part.hour}:${part.minute}${withSeconds ? `:${part.second}` : ''}`;
  return `${part.year}-${part.month}-${part.day} ${time}`;
}

/** The same instant as `MM-DD HH:mm` in Asia/Shanghai (short lists where the year is evident). */
export function shanghaiTimeShort(iso: string | null | undefined): string {
  const full = shanghaiTime(iso);
  return /^\d{4}-/.test(full) ? full.slice(5) : full;
}

const TODAY = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'long', day: 'numeric', weekday: 'long' });

/** Today in Huzhou, as "2026年12月8日星期二" (the bureau's day, whatever the browser's own time zone). */
export const huzhouToday = (now = new Date()): string => TODAY.format(now);
