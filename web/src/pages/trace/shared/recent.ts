/**
 * Where a regulator can start before typing anything: the batches, items and pallets of the events most recently
 * reported in the caller's region (the EPCIS query is scoped on the server), newest first.
 */
import type { EpcisEvent } from '../../../api/trace';
import type { CodeKind } from '../../../charts/trace-kinds';
import { describeCode } from './codes';
import { eventObjects } from './events';

export interface RecentCode {
  /** canonical form, as the trace API takes it */
  code: string;
  kind: CodeKind;
  /** the latest event naming it: when it happened, and its business step */
  eventTime: string;
  eventTimeZoneOffset: string | undefined;
  bizStep: string | undefined;
}

const STARTING_KINDS: ReadonlySet<CodeKind> = new Set(['batch', 'item', 'sscc']);

/**
 * Distinct batch, item and pallet codes of `events` (as the query returned them, newest record first), each with the
 * first event that names it, at most `max`. Error declarations are skipped: they retract, they do not report.
 */
export function recentCodes(events: readonly EpcisEvent[], max = 8): RecentCode[] {
  const seen = new Map<string, RecentCode>();
  for (const e of events) {
    if (e.errorDeclaration) continue;
    // What the event is about (not its inputs: an input lot is named by its own events), already canonical.
    for (const { role, code } of eventObjects(e)) {
      const { kind } = describeCode(code);
      if (role === 'input' || !STARTING_KINDS.has(kind) || seen.has(code)) continue;
      seen.set(code, { code, kind, eventTime: e.eventTime, eventTimeZoneOffset: e.eventTimeZoneOffset, bizStep: e.bizStep });
      if (seen.size >= max) return [...seen.values()];
    }
  }
  return [...seen.values()];
}
