/** The recall scope (召回范围) in numbers and one sentence, for the top of the recall page. */
import type { RecallScope } from '../../../api/trace';
import { describeCode } from './codes';

export interface RecallSummary {
  /** lots (批次) in scope, the queried one included */
  batches: number;
  items: number;
  pallets: number;
  /** product classes and codes that are not GS1 */
  others: number;
  enterprises: number;
  locations: number;
  /** holding locations no enterprise registered (their holder is unknown) */
  unregisteredLocations: number;
  regions: number;
  text: string;
}

export function summariseRecall(scope: Pick<RecallScope, 'root' | 'lots' | 'holders' | 'enterprises' | 'byRegion'>): RecallSummary {
  const counts = { batch: 0, item: 0, sscc: 0, other: 0 };
  for (const code of new Set([scope.root, ...scope.lots])) {
    const kind = describeCode(code).kind;
    if (kind === 'batch' || kind === 'item' || kind === 'sscc') counts[kind] += 1;
    else counts.other += 1;
  }
  const unregistered = scope.holders.filter((h) => h.enterpriseCreditCode === null).length;
  const extras = [
    counts.item > 0 ? `${counts.item} 个单品` : '',
    counts.sscc > 0 ? `${counts.sscc} 个托盘` : '',
    counts.other > 0 ? `${counts.other} 个其他追溯码` : '',
  ]
    .filter(Boolean)
    .join('、');
  const text =
    `涉及 ${counts.batch} 个批次、${scope.enterprises.length} 家企业、${scope.holders.length} 个地点` +
    (extras ? `；另有 ${extras}` : '') +
    (unregistered > 0 ? `（其中 ${unregistered} 个地点未登记企业）` : '');
  return {
    batches: counts.batch,
    items: counts.item,
    pallets: counts.sscc,
    others: counts.other,
    enterprises: scope.enterprises.length,
    locations: scope.holders.length,
    unregisteredLocations: unregistered,
    regions: scope.byRegion.length,
    text,
  };
}
