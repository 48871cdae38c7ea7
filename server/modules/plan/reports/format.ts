/** Number, date and target formatting shared by the xlsx and PDF reports. */
import type { EvaluationIndicatorRow, Target } from '../../../../common/plan-api.ts';

const NUMBER = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2, useGrouping: true });
const SMALL_NUMBER = new Intl.NumberFormat('zh-CN', { maximumSignificantDigits: 3 });

/** 1234.5 → "1,234.5"; 0.0123 → "0.0123"; null → "—". */
export function formatNumber(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  if (value !== 0 && Math.abs(value) < 0.1) return SMALL_NUMBER.format(value);
  return NUMBER.format(value);
}

/** 0.734 → "73.4%". */
export function formatShare(share: number | null | undefined): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return '—';
  return `${(share * 100).toFixed(1)}%`;
}

/** The target as printed: the number, or the text with the resolved reference value when there is one. */
export function formatTarget(target: Target, resolved: number | null): string {
  if ('value' in target) return formatNumber(target.value);
  return resolved === null ? target.text : `${target.text}（参考值 ${formatNumber(resolved)}）`;
}

/** The value with its year: "27.3（2023年）". */
export function formatLatest(row: Pick<EvaluationIndicatorRow, 'latestValue' | 'latestYear'>): string {
  if (row.latestValue === null) return '暂无数据';
  return row.latestYear === null ? formatNumber(row.latestValue) : `${formatNumber(row.latestValue)}（${row.latestYear}年）`;
}

const SHANGHAI = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** ISO timestamp → "2026-03-31 18:00" in Asia/Shanghai; empty or invalid → null. */
export function formatDateTime(iso: string | null | undefined): string | null {
  if (!iso) return null;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  const parts: Record<string, string> = {};
  for (const p of SHANGHAI.formatToParts(date)) parts[p.type] = p.value;
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

/** "2026-03-31" or an ISO timestamp → "2026年3月31日" (the date part as given, no time-zone shift for a plain date). */
export function formatDateZh(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!m) return value;
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
}
