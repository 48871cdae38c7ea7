import type { EntityEventKind, EntityInput, EntityStatus, SpecialList } from '../../../common/entity-api.ts';
import { ENTITY_FIELD_LABELS, ENTITY_STATUS_LABELS, SPECIAL_LIST_LABELS } from '../../../common/entity-labels.ts';

/**
 * What an update (a form save or an import row merged into an existing entity) changes, and the
 * timeline events that tell it: a status change, a special list entered or left, and one 变更 event
 * naming the other fields. Pure: the service writes what this returns.
 */

/** The comparable fields of an entity (the stored row as EntityInput). */
export type EntityFields = Required<{ [K in keyof EntityInput]: Exclude<EntityInput[K], undefined> }>;
export type EntityField = keyof EntityFields;

const FIELDS = Object.keys(ENTITY_FIELD_LABELS) as EntityField[];

function same(field: EntityField, a: EntityFields[EntityField], b: EntityFields[EntityField]): boolean {
  if (field === 'specialLists') return [...(a as SpecialList[])].sort().join(',') === [...(b as SpecialList[])].sort().join(',');
  return (a ?? null) === (b ?? null);
}

/** The fields `patch` would change (fields it leaves out, or sets to the same value, are not changes). */
export function changedFields(before: EntityFields, patch: Partial<EntityFields>): EntityField[] {
  return FIELDS.filter((f) => f in patch && patch[f] !== undefined && !same(f, before[f], patch[f] as EntityFields[EntityField]));
}

export interface PlannedEvent {
  kind: EntityEventKind;
  summary: string;
  details: Record<string, unknown>;
}

const show = (v: unknown): string => (v === null || v === undefined || v === '' ? '（空）' : String(v));

/** Timeline events for the changed fields of one update, in a stable order. `how` says through what (表单修改, 批量导入). */
export function eventsForChange(before: EntityFields, after: EntityFields, changed: EntityField[], how: string): PlannedEvent[] {
  const events: PlannedEvent[] = [];
  if (changed.includes('status')) {
    const from = ENTITY_STATUS_LABELS[before.status as EntityStatus];
    const to = ENTITY_STATUS_LABELS[after.status as EntityStatus];
    events.push({ kind: 'status', summary: `登记状态由“${from}”变更为“${to}”（${how}）`, details: { from: before.status, to: after.status } });
  }
  if (changed.includes('specialLists')) {
    const was = new Set(before.specialLists);
    const now = new Set(after.specialLists);
    const pairs: [SpecialList, EntityEventKind, EntityEventKind][] = [
      ['abnormal_operation', 'abnormal_in', 'abnormal_out'],
      ['serious_violation', 'serious_in', 'serious_out'],
    ];
    for (const [list, inKind, outKind] of pairs) {
      if (now.has(list) && !was.has(list)) events.push({ kind: inKind, summary: `列入${SPECIAL_LIST_LABELS[list]}（${how}）`, details: { list } });
      if (was.has(list) && !now.has(list)) events.push({ kind: outKind, summary: `移出${SPECIAL_LIST_LABELS[list]}（${how}）`, details: { list } });
    }
  }
  const others = changed.filter((f) => f !== 'status' && f !== 'specialLists');
  if (others.length > 0) {
    const fields = Object.fromEntries(others.map((f) => [f, { from: before[f] ?? null, to: after[f] ?? null }]));
    const names = others.map((f) => ENTITY_FIELD_LABELS[f]).join('、');
    const single = others.length === 1 && others[0] !== undefined ? others[0] : null;
    const text = single && single !== 'regionCode' ? `：${show(before[single])} → ${show(after[single])}` : '';
    events.push({ kind: 'change', summary: `变更${names}${text}（${how}）`.slice(0, 500), details: { fields } });
  }
  return events;
}
