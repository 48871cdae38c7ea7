import type { QuerySchedule, Subscription } from '../../../api/trace-subscriptions';

const WEEKDAYS = ['', '一', '二', '三', '四', '五', '六', '日'];
const pad = (n: string) => n.padStart(2, '0');
const single = (value: string | undefined) => (value !== undefined && /^\d{1,2}$/.test(value) ? value : null);

/**
 * An EPCIS QuerySchedule in words (Asia/Shanghai): the common shapes plainly — 每天 01:05, 每周一 08:00, 每小时第 30 分 —
 * and any other as its fields, so nothing is hidden.
 */
export function describeSchedule(s: QuerySchedule): string {
  const hour = single(s.hour);
  const minute = single(s.minute);
  const second = s.second === undefined || s.second === '0' ? '' : `:${pad(s.second)}`;
  const others = s.dayOfMonth === undefined && s.month === undefined;
  if (others && hour !== null && minute !== null) {
    const day = s.dayOfWeek === undefined ? '每天' : single(s.dayOfWeek) !== null ? `每周${WEEKDAYS[Number(s.dayOfWeek)] ?? s.dayOfWeek}` : null;
    if (day) return `${day} ${pad(hour)}:${pad(minute)}${second}`;
  }
  if (others && s.dayOfWeek === undefined && s.hour === undefined && minute !== null) return `每小时第 ${Number(minute)} 分`;
  const names: [keyof QuerySchedule, string][] = [
    ['month', '月'],
    ['dayOfMonth', '日'],
    ['dayOfWeek', '星期'],
    ['hour', '时'],
    ['minute', '分'],
    ['second', '秒'],
  ];
  return `定时：${names
    .filter(([key]) => s[key] !== undefined)
    .map(([key, name]) => `${name} ${s[key]}`)
    .join('，')}`;
}

export type DeliveryState = { color: 'success' | 'error' | 'default'; text: string };

/** How deliveries stand: failing (and how often), delivered, or not yet delivered. */
export function deliveryState(s: Pick<Subscription, 'failedAttempts' | 'lastNotifiedAt'>): DeliveryState {
  if (s.failedAttempts > 0) return { color: 'error', text: `推送失败 ${s.failedAttempts} 次，重试中` };
  if (s.lastNotifiedAt) return { color: 'success', text: '推送正常' };
  return { color: 'default', text: '尚未推送' };
}

/** A random signature token (32 bytes as hex) from the browser's CSPRNG. */
export function randomToken(): string {
  const bytes = new Uint8Array(32);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
