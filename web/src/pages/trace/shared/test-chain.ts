/** The chain of server/modules/trace/trace.test.ts as the EPCIS query returns it, for the trace pages' unit tests. */
import type { EpcisEvent, TraceResult } from '../../../api/trace';

const DL = 'https://id.gs1.org';
export const FARM = `${DL}/414/6970000001014`;
export const PLANT = `${DL}/414/6970000000017`;
export const STORE = `${DL}/414/6970000001021`;
export const TEA_A = `${DL}/01/06970000000109/10/LEAF-A`;
export const TEA_B = `${DL}/01/06970000000109/10/LEAF-B`;
export const DRINK = `${DL}/01/06970000000116/10/DRINK-1`;
export const PALLET = `${DL}/00/006970000000000019`;

const at = (n: number, time: string, where: string) => ({
  eventID: `urn:uuid:5a1e0000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  eventTime: time,
  eventTimeZoneOffset: '+08:00',
  readPoint: { id: where },
  bizLocation: { id: where },
});

/** Farm → plant (two leaf lots become one drink lot) → pallet → shipped to the store. */
export const CHAIN: EpcisEvent[] = [
  {
    type: 'ObjectEvent',
    action: 'ADD',
    bizStep: 'commissioning',
    quantityList: [{ epcClass: TEA_A, quantity: 100, uom: 'KGM' }],
    ...at(1, '2026-11-01T08:00:00+08:00', FARM),
  },
  {
    type: 'ObjectEvent',
    action: 'ADD',
    bizStep: 'commissioning',
    quantityList: [{ epcClass: TEA_B, quantity: 80, uom: 'KGM' }],
    ...at(2, '2026-11-01T09:00:00+08:00', FARM),
  },
  {
    type: 'TransformationEvent',
    bizStep: 'commissioning',
    inputQuantityList: [
      { epcClass: TEA_A, quantity: 100, uom: 'KGM' },
      { epcClass: TEA_B, quantity: 80, uom: 'KGM' },
    ],
    outputQuantityList: [{ epcClass: DRINK, quantity: 2000, uom: 'LTR' }],
    ...at(3, '2026-11-05T10:00:00+08:00', PLANT),
  },
  {
    type: 'AggregationEvent',
    action: 'ADD',
    bizStep: 'packing',
    parentID: PALLET,
    childQuantityList: [{ epcClass: DRINK, quantity: 2000, uom: 'LTR' }],
    ...at(5, '2026-11-06T08:00:00+08:00', PLANT),
  },
  {
    type: 'ObjectEvent',
    action: 'OBSERVE',
    bizStep: 'shipping',
    disposition: 'in_transit',
    epcList: [PALLET],
    ...at(6, '2026-11-06T09:00:00+08:00', PLANT),
    destinationList: [{ type: 'location', destination: STORE }],
    bizTransactionList: [{ type: 'desadv', bizTransaction: 'urn:epcglobal:cbv:bt:6970000000017:DN-001' }],
  },
  { type: 'ObjectEvent', action: 'OBSERVE', bizStep: 'receiving', disposition: 'in_progress', epcList: [PALLET], ...at(7, '2026-11-07T09:00:00+08:00', STORE) },
];

/** GET /api/v1/trace?code=DRINK&direction=backward for that chain. */
export const BACKWARD_FROM_DRINK: TraceResult = {
  root: DRINK,
  direction: 'backward',
  codes: [DRINK, PALLET, TEA_A, TEA_B],
  events: CHAIN.map((e) => e.eventID ?? ''),
  hops: [
    { code: DRINK, depth: 0 },
    { code: PALLET, depth: 1 },
    { code: TEA_A, depth: 1 },
    { code: TEA_B, depth: 1 },
  ],
  edges: [
    { source: DRINK, target: PALLET, kind: 'aggregation', events: [CHAIN[3]?.eventID ?? ''] },
    { source: TEA_A, target: DRINK, kind: 'transformation', events: [CHAIN[2]?.eventID ?? ''] },
    { source: TEA_B, target: DRINK, kind: 'transformation', events: [CHAIN[2]?.eventID ?? ''] },
  ],
};
