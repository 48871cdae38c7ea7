/** Calendar days in Asia/Shanghai (DESIGN.md: dates and deadlines are Shanghai days, timestamps UTC). */
export function todayInShanghai(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** ISO text of a timestamp column (Date or string), or null. */
export function iso(value: Date | string | null): string | null {
  return value === null ? null : new Date(value).toISOString();
}
