import { describe, expect, it } from 'vitest';
import { CERTIFICATION_KINDS, ENTITY_EVENT_KINDS, ENTITY_STATUSES, ENTITY_TYPES, LICENCE_KINDS, SPECIAL_LISTS } from './entity-api.ts';
import {
  CERTIFICATION_KIND_LABELS,
  ENTITY_EVENT_KIND_LABELS,
  ENTITY_STATUS_LABELS,
  ENTITY_TYPE_LABELS,
  entityTypeFromCreditCode,
  LICENCE_KIND_LABELS,
  SPECIAL_LIST_LABELS,
} from './entity-labels.ts';

describe('entity labels', () => {
  it('names every code, each with a distinct label (import files are read back by label)', () => {
    const pairs: [readonly string[], Record<string, string>][] = [
      [ENTITY_TYPES, ENTITY_TYPE_LABELS],
      [ENTITY_STATUSES, ENTITY_STATUS_LABELS],
      [SPECIAL_LISTS, SPECIAL_LIST_LABELS],
      [LICENCE_KINDS, LICENCE_KIND_LABELS],
      [CERTIFICATION_KINDS, CERTIFICATION_KIND_LABELS],
      [ENTITY_EVENT_KINDS, ENTITY_EVENT_KIND_LABELS],
    ];
    for (const [codes, labels] of pairs) {
      expect(Object.keys(labels).sort()).toEqual([...codes].sort());
      expect(new Set(Object.values(labels)).size).toBe(codes.length);
    }
  });

  it('reads the entity type from GB 32100 positions 1–2 under department 9 only', () => {
    expect(entityTypeFromCreditCode('91330502MA2B3C4D58')).toBe('enterprise');
    expect(entityTypeFromCreditCode('92330502MA2B3C4D58')).toBe('individual_business');
    expect(entityTypeFromCreditCode('93330523MA2C0D1E2Q')).toBe('farmer_cooperative');
    expect(entityTypeFromCreditCode('12100000425006133D')).toBeNull();
  });
});
