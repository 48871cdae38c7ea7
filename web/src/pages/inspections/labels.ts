import type { PublicationInfo, ResultCategory, TaskStatus } from '../../api/inspections';

export {
  ITEM_KIND_LABELS,
  PUBLICATION_STATE_LABELS,
  RECUSAL_STATUS_LABELS,
  REGION_RULE_LABELS,
  RESULT_CATEGORY_LABELS,
  TASK_KIND_LABELS,
  TASK_STATUS_LABELS,
} from '../../../../common/inspection-labels.ts';

export const TASK_STATUS_COLOR: Record<TaskStatus, string> = {
  draft: 'default',
  frozen: 'cyan',
  committed: 'blue',
  drawn: 'geekblue',
  in_progress: 'processing',
  finished: 'orange',
  published: 'green',
};

/** Results that found nothing wrong are green, those needing action orange or red. */
export const RESULT_COLOR: Record<ResultCategory, string> = {
  no_problem: 'green',
  rectified: 'orange',
  unqualified: 'red',
  not_publicised: 'orange',
  false_publicity: 'red',
  unreachable: 'volcano',
  pending_follow_up: 'gold',
  no_activity: 'default',
  uncooperative: 'red',
  other: 'default',
};

export const PUBLICATION_COLOR: Record<PublicationInfo['state'], string> = {
  ok: 'blue',
  warning: 'orange',
  overdue: 'red',
  unknown: 'purple',
  published: 'green',
};

/** Basis points as a percentage for people: 500 → "5%", 2150 → "21.5%". */
export function percent(basisPoints: number): string {
  return `${Number((basisPoints / 100).toFixed(2))}%`;
}

/** What the deadline line says: "2026-12-09 · 剩 3 个工作日", "逾期 4 个工作日" … */
export function deadlineText(p: PublicationInfo): string {
  if (p.state === 'published') return p.due ? `期限 ${p.due}` : '';
  if (!p.due) return '期限无法计算';
  if (p.state === 'overdue') return p.workdaysLeft === null ? `${p.due} · 已逾期` : `${p.due} · 逾期 ${-p.workdaysLeft} 个工作日`;
  if (p.workdaysLeft === null) return p.due;
  return p.workdaysLeft === 0 ? `${p.due} · 今日到期` : `${p.due} · 剩 ${p.workdaysLeft} 个工作日`;
}

/** A hex digest in groups of 8 so that people can read it out and compare it. */
export function groupHex(hex: string | null | undefined): string {
  return hex ? (hex.match(/.{1,8}/g) ?? []).join(' ') : '—';
}
