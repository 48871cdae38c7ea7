/** The public page groups the published indicators by category, 表1 order kept. */
import type { ProgressStatus, PublicIndicator } from '../../../api/plan';
import { STATUS_ORDER } from '../shared/labels';

export interface PublicGroup {
  category: string;
  items: PublicIndicator[];
}

export function groupByCategory(items: readonly PublicIndicator[]): PublicGroup[] {
  const groups: PublicGroup[] = [];
  for (const item of items) {
    const group = groups.find((entry) => entry.category === item.category);
    if (group) group.items.push(item);
    else groups.push({ category: item.category, items: [item] });
  }
  return groups;
}

export function countStatuses(items: readonly PublicIndicator[]): Record<ProgressStatus, number> {
  const counts = Object.fromEntries(STATUS_ORDER.map((status) => [status, 0])) as Record<ProgressStatus, number>; // every status set just here
  for (const item of items) counts[item.status] += 1;
  return counts;
}
