/**
 * Generator of a realistic food supply network for the trace benchmark (bench/trace.ts), shaped like the
 * plan's chains (浙食链: field → workshop → shelf):
 *
 *   farms (200)  ──raw lots──▶  processors (20)  ──pallets──▶  distributors (20)  ──pallets──▶  retailers (400)
 *
 * Per product lot, at a random processor: 2–4 raw lots, each commissioned at a random farm (ObjectEvent
 * ADD with quantity) and shipped to the processor (ObjectEvent OBSERVE shipping, source/destination);
 * the processor receives them (one receiving event), transforms them into one product lot
 * (TransformationEvent, quantities in and out), packs the lot onto an SSCC pallet (AggregationEvent ADD),
 * ships the pallet to a random distributor, which receives it and ships it on to a random retailer,
 * which receives it — 7 events per product lot plus 2 per raw lot (≈ 13 on average). Event times run
 * from 2021-01-01 through five years, so the events fill five yearly partitions of trace_event.
 *
 * Deterministic (a seeded xorshift), every GS1 key with a valid check digit, every location registered
 * to an enterprise with a valid 统一社会信用代码 in one of Huzhou's townships.
 */
import { creditCodeCheckChar } from '../common/credit-code.ts';
import { gs1CheckDigit } from '../common/gs1/index.ts';

export const DL = 'https://id.gs1.org';
const CBV_SOURCE = 'owning_party';

export interface BenchLocation {
  identifier: string;
  gln: string;
  name: string;
  kind: 'farm' | 'processor' | 'distributor' | 'retailer';
  creditCode: string;
  regionCode: string;
}

function rng(seed: number) {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

const withCheck = (data: string) => `${data}${gs1CheckDigit(data)}`;
const gln = (n: number) => withCheck(`697${String(n).padStart(9, '0')}`);
const gtin = (n: number) => withCheck(`0697${String(n).padStart(9, '0')}`);
const sscc = (n: number) => withCheck(`0697${String(n).padStart(13, '0')}`);

function creditCode(regionCode: string, n: number): string {
  const first17 = `9133${regionCode.slice(2, 6)}MA${String(n).padStart(7, '0')}`.slice(0, 17);
  return `${first17}${creditCodeCheckChar(first17)}`;
}

export function benchLocations(townships: string[]): BenchLocation[] {
  const kinds: [BenchLocation['kind'], number, string][] = [
    ['farm', 200, '示范农场'],
    ['processor', 20, '示范食品加工厂'],
    ['distributor', 20, '示范物流配送中心'],
    ['retailer', 400, '示范超市'],
  ];
  const out: BenchLocation[] = [];
  let n = 100_000;
  for (const [kind, count, label] of kinds) {
    for (let i = 0; i < count; i++) {
      n += 1;
      const regionCode = townships[n % townships.length] ?? '330502001';
      const code = gln(n);
      out.push({ identifier: `${DL}/414/${code}`, gln: code, name: `${label}${i + 1}号（测试）`, kind, creditCode: creditCode(regionCode, n), regionCode });
    }
  }
  return out;
}

export interface NetworkOptions {
  /** how many events the whole run will produce: spreads the event times over five years */
  totalEvents: number;
  seed?: number;
}

/** Endless stream of events; `lot` codes are `${DL}/01/<gtin>/10/P<n>` (products) and `…/10/R<n>-<k>` (raw lots). */
export function* supplyNetwork(locations: BenchLocation[], options: NetworkOptions): Generator<Record<string, unknown>> {
  const random = rng(options.seed ?? 20251);
  const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const of = (kind: BenchLocation['kind']) => locations.filter((l) => l.kind === kind);
  const [farms, processors, distributors, retailers] = [of('farm'), of('processor'), of('distributor'), of('retailer')];
  const rawGtins = Array.from({ length: 10 }, (_, i) => gtin(1000 + i));
  const productGtins = Array.from({ length: 20 }, (_, i) => gtin(2000 + i));
  const span = 5 * 365 * 86_400_000;
  const step = Math.max(1000, Math.floor(span / Math.max(1, options.totalEvents)));
  let time = Date.UTC(2021, 0, 1);
  let id = 0;
  const ev = (where: BenchLocation) => {
    time += step;
    return {
      eventID: `urn:uuid:be000000-0000-4000-8000-${(++id).toString(16).padStart(12, '0')}`,
      eventTime: new Date(time).toISOString(),
      eventTimeZoneOffset: '+08:00',
      readPoint: { id: where.identifier },
      bizLocation: { id: where.identifier },
    };
  };
  const move = (from: BenchLocation, to: BenchLocation) => ({
    sourceList: [{ type: CBV_SOURCE, source: `urn:epc:id:pgln:${from.gln.slice(0, 7)}.${from.gln.slice(7, 12)}` }],
    destinationList: [{ type: CBV_SOURCE, destination: `urn:epc:id:pgln:${to.gln.slice(0, 7)}.${to.gln.slice(7, 12)}` }],
  });
  for (let lot = 0; ; lot++) {
    const plant = pick(processors);
    const raws = Array.from({ length: 2 + Math.floor(random() * 3) }, (_, k) => ({ code: `${DL}/01/${pick(rawGtins)}/10/R${lot}-${k}`, farm: pick(farms) }));
    for (const r of raws) {
      const q = [{ epcClass: r.code, quantity: 100 + Math.floor(random() * 400), uom: 'KGM' }];
      yield { type: 'ObjectEvent', action: 'ADD', bizStep: 'commissioning', disposition: 'active', quantityList: q, ...ev(r.farm) };
      yield { type: 'ObjectEvent', action: 'OBSERVE', bizStep: 'shipping', disposition: 'in_transit', quantityList: q, ...ev(r.farm), ...move(r.farm, plant) };
    }
    yield {
      type: 'ObjectEvent',
      action: 'OBSERVE',
      bizStep: 'receiving',
      disposition: 'in_progress',
      quantityList: raws.map((r) => ({ epcClass: r.code, quantity: 100, uom: 'KGM' })),
      ...ev(plant),
    };
    const product = `${DL}/01/${pick(productGtins)}/10/P${lot}`;
    yield {
      type: 'TransformationEvent',
      bizStep: 'commissioning',
      disposition: 'active',
      inputQuantityList: raws.map((r) => ({ epcClass: r.code, quantity: 100, uom: 'KGM' })),
      outputQuantityList: [{ epcClass: product, quantity: 1000, uom: 'LTR' }],
      ilmd: { 'cbvmda:bestBeforeDate': '2027-12-31', 'cbvmda:itemExpirationDate': '2027-12-31' },
      ...ev(plant),
    };
    const pallet = `${DL}/00/${sscc(lot)}`;
    yield {
      type: 'AggregationEvent',
      action: 'ADD',
      bizStep: 'packing',
      parentID: pallet,
      childQuantityList: [{ epcClass: product, quantity: 1000, uom: 'LTR' }],
      ...ev(plant),
    };
    const hub = pick(distributors);
    const shop = pick(retailers);
    yield { type: 'ObjectEvent', action: 'OBSERVE', bizStep: 'shipping', disposition: 'in_transit', epcList: [pallet], ...ev(plant), ...move(plant, hub) };
    yield { type: 'ObjectEvent', action: 'OBSERVE', bizStep: 'receiving', disposition: 'in_progress', epcList: [pallet], ...ev(hub) };
    yield { type: 'ObjectEvent', action: 'OBSERVE', bizStep: 'shipping', disposition: 'in_transit', epcList: [pallet], ...ev(hub), ...move(hub, shop) };
    yield { type: 'ObjectEvent', action: 'OBSERVE', bizStep: 'receiving', disposition: 'sellable_accessible', epcList: [pallet], ...ev(shop) };
  }
}
