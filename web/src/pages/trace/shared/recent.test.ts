import { describe, expect, it } from 'vitest';
import type { EpcisEvent } from '../../../api/trace';
import { recentCodes } from './recent';

const LOT_A = 'https://id.gs1.org/01/06970000000116/10/DRINK-2';
const LOT_B = 'https://id.gs1.org/01/06970000000109/10/AJ-2026-1';
const PALLET = 'urn:epc:id:sscc:6970000.0000000019';
const event = (over: Partial<EpcisEvent>): EpcisEvent => ({
  type: 'ObjectEvent',
  eventTime: '2026-12-01T08:00:00+08:00',
  eventTimeZoneOffset: '+08:00',
  ...over,
});

describe('codes to start a trace from', () => {
  it('lists batch, item and pallet codes newest first, each once, in canonical form, with the latest event naming it', () => {
    const codes = recentCodes([
      event({ bizStep: 'shipping', epcList: [PALLET], eventTime: '2026-12-03T09:00:00+08:00' }),
      event({ type: 'AggregationEvent', bizStep: 'packing', parentID: PALLET, childQuantityList: [{ epcClass: LOT_A, quantity: 10 }] }),
      event({ type: 'TransformationEvent', inputQuantityList: [{ epcClass: LOT_B }], outputQuantityList: [{ epcClass: LOT_A }] }),
      event({
        bizStep: 'commissioning',
        quantityList: [{ epcClass: LOT_B, quantity: 3, uom: 'KGM' }],
        readPoint: { id: 'https://id.gs1.org/414/6970000001014' },
      }),
    ]);
    expect(codes.map((c) => [c.kind, c.code, c.bizStep])).toEqual([
      // the EPC URN as its Digital Link: extension digit 0, prefix 6970000, serial 000000019, check digit 2
      ['sscc', 'https://id.gs1.org/00/069700000000000192', 'shipping'],
      ['batch', LOT_A, 'packing'],
      ['batch', LOT_B, 'commissioning'],
    ]);
    expect(codes[0]?.eventTime).toBe('2026-12-03T09:00:00+08:00');
  });

  it('leaves out product classes, locations, error declarations, and stops at the limit', () => {
    expect(recentCodes([event({ quantityList: [{ epcClass: 'https://id.gs1.org/01/06970000000116' }] })])).toEqual([]);
    expect(recentCodes([event({ errorDeclaration: { declarationTime: '2026-12-04T00:00:00Z' }, quantityList: [{ epcClass: LOT_A }] })])).toEqual([]);
    const many = Array.from({ length: 20 }, (_, i) => event({ quantityList: [{ epcClass: `https://id.gs1.org/01/06970000000116/10/L${i}` }] }));
    expect(recentCodes(many, 5).map((c) => c.code.split('/10/')[1])).toEqual(['L0', 'L1', 'L2', 'L3', 'L4']);
  });
});
