import { isDemonstrationGtin } from '../../../../common/gs1/index.ts';
import type { Db } from '../../../platform/db.ts';
import type { RegionDirectory } from '../../../platform/regions.ts';
import { normaliseCbvWord } from '../epcis/index.ts';
import type { ProductCode } from './code.ts';
import type { ConsumerView, PublicInspection } from './consumer-view-types.ts';

export type { ConsumerView, InputLot, PublicInspection, TimelineEntry } from './consumer-view-types.ts';

import { inputLotsOf } from './input-lots.ts';
import { addDays, attributeFacts, bizStepLabel, countryName, dispositionLabel, type LotFacts, lotFacts, shanghaiDate, shanghaiDateTime } from './vocabulary.ts';

/**
 * The public view of a scanned code: what the consumer page and the public timeline JSON show. Built field by field
 * from the stored events — an allow-list, never the events themselves — so nothing private can leak through: no
 * business-transaction IDs other than test reports, no source/destination parties, no quantities or prices, no
 * extension fields, no sensor data, no addresses or contacts, no event or location identifiers.
 */

/** Bounds on what one public request may read (the page is public and rate-limited, but a pallet can be busy). */
export const MAX_EVENTS_PER_CODE = 500;
export const MAX_CONTAINERS = 10;
export const MAX_CONTAINER_DEPTH = 3;

interface EventRow {
  id: number;
  event_id: string;
  event_type: string;
  event_time: Date;
  action: string | null;
  biz_step: string | null;
  disposition: string | null;
  read_point: string | null;
  biz_location: string | null;
  document: unknown;
  role: string;
  viaContainer: boolean;
}

async function eventsNaming(db: Db, identifiers: string[], from: Date | null, to: Date | null, viaContainer: boolean): Promise<EventRow[]> {
  if (identifiers.length === 0) return [];
  let q = db
    .selectFrom('trace_event_identifier as i')
    .innerJoin('trace_event as e', 'e.id', 'i.event_pk')
    .select([
      'e.id',
      'e.event_id',
      'e.event_type',
      'e.event_time',
      'e.action',
      'e.biz_step',
      'e.disposition',
      'e.read_point',
      'e.biz_location',
      'e.document',
      'i.role',
    ])
    .where('i.identifier', 'in', identifiers)
    .where('i.role', '<>', 'sensor')
    .where('e.is_error_declaration', '=', false);
  if (from) q = q.where('e.event_time', '>=', from);
  if (to) q = q.where('e.event_time', '<=', to);
  const rows = await q.orderBy('e.event_time').orderBy('e.id').limit(MAX_EVENTS_PER_CODE).execute();
  return rows.map((r) => ({ ...r, id: Number(r.id), event_time: new Date(r.event_time), viaContainer }));
}

async function parentsOf(db: Db, eventPks: number[]): Promise<Map<number, string>> {
  if (eventPks.length === 0) return new Map();
  const rows = await db
    .selectFrom('trace_event_identifier')
    .select(['event_pk', 'identifier'])
    .where('event_pk', 'in', [...new Set(eventPks)])
    .where('role', '=', 'parent')
    .execute();
  return new Map(rows.map((r) => [Number(r.event_pk), r.identifier]));
}

const isChild = (r: EventRow) => r.role === 'child' || r.role === 'childQuantity';
const objectOf = (doc: unknown): Record<string, unknown> => (typeof doc === 'object' && doc !== null ? (doc as Record<string, unknown>) : {});
const hasChildren = (doc: unknown) => {
  const d = objectOf(doc);
  return (Array.isArray(d.childEPCs) && d.childEPCs.length > 0) || (Array.isArray(d.childQuantityList) && d.childQuantityList.length > 0);
};
const earlier = (a: Date | null, b: Date | null) => (a === null ? b : b === null ? a : a < b ? a : b);

/**
 * The events of the containers the goods travelled in: a container counts from the AggregationEvent that packed the
 * goods (or the container holding them) into it until one that unpacked them (or emptied it), and within that window
 * every event naming the container except its own packing of other goods. Up to MAX_CONTAINER_DEPTH levels (case →
 * pallet → container) and MAX_CONTAINERS containers.
 */
async function containerEvents(db: Db, direct: EventRow[], codes: readonly string[]): Promise<EventRow[]> {
  const found: EventRow[] = [];
  const seen = new Set<string>(codes);
  let frontier: { rows: EventRow[]; to: Date | null }[] = [{ rows: direct, to: null }];
  for (let depth = 0; depth < MAX_CONTAINER_DEPTH && frontier.length > 0; depth++) {
    const next: { rows: EventRow[]; to: Date | null }[] = [];
    for (const level of frontier) {
      const packing = level.rows.filter((r) => r.event_type === 'AggregationEvent' && isChild(r));
      const parents = await parentsOf(
        db,
        packing.map((r) => r.id),
      );
      const byContainer = new Map<string, EventRow[]>();
      for (const r of packing) {
        const parent = parents.get(r.id);
        if (parent !== undefined) byContainer.set(parent, [...(byContainer.get(parent) ?? []), r]);
      }
      for (const [container, events] of byContainer) {
        if (seen.has(container) || seen.size - codes.length >= MAX_CONTAINERS) continue;
        const packed = events.find((e) => e.action !== 'DELETE');
        if (!packed) continue;
        seen.add(container);
        const from = packed.event_time;
        const unpacked = events.find((e) => e.action === 'DELETE' && e.event_time >= from);
        let to = earlier(level.to, unpacked?.event_time ?? null);
        const rows = await eventsNaming(db, [container], from, to, true);
        const emptied = rows.find((r) => r.role === 'parent' && r.event_type === 'AggregationEvent' && r.action === 'DELETE' && !hasChildren(r.document));
        if (emptied) to = earlier(to, emptied.event_time);
        const kept = rows.filter((r) => (to === null || r.event_time <= to) && (r.role !== 'parent' || r === emptied));
        found.push(...kept);
        next.push({ rows: kept, to });
      }
    }
    frontier = next;
  }
  return found;
}

/** Event IDs that an error declaration has withdrawn (EPCIS 2.0 §7.4.1.2): such events are not shown. */
async function correctedIds(db: Db, eventIds: string[]): Promise<Set<string>> {
  if (eventIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('trace_event_key')
    .select('event_id')
    .where('is_error_declaration', '=', true)
    .where('event_id', 'in', [...new Set(eventIds)])
    .execute();
  return new Set(rows.map((r) => r.event_id));
}

const PRODUCTION_STEPS = new Set(['commissioning', 'creating_class_instance']);

/** The event that made the goods: commissioning, an ObjectEvent ADD naming them, or a transformation whose output they are. */
function isProduction(r: EventRow): boolean {
  if (r.viaContainer) return false;
  if (r.event_type === 'TransformationEvent') return r.role === 'output' || r.role === 'outputQuantity';
  return r.event_type === 'ObjectEvent' && (r.action === 'ADD' || (r.biz_step !== null && PRODUCTION_STEPS.has(r.biz_step)));
}

const CBV_DOCUMENT = /^urn:epcglobal:cbv:bt:\d{13}:(.+)$/;

function testReport(doc: unknown): string | null {
  const list = objectOf(doc).bizTransactionList;
  if (!Array.isArray(list)) return null;
  for (const entry of list) {
    const e = objectOf(entry);
    if (typeof e.type === 'string' && normaliseCbvWord(e.type, 'bizTransactionType') === 'testres' && typeof e.bizTransaction === 'string') {
      // A CBV 2.0 §8.5 identifier `urn:epcglobal:cbv:bt:<issuer GLN>:<number>` is shown as the number on the report.
      return (CBV_DOCUMENT.exec(e.bizTransaction)?.[1] ?? e.bizTransaction).slice(0, 200);
    }
  }
  return null;
}

function persistent(doc: unknown): { set: string[]; unset: string[] } {
  const p = objectOf(objectOf(doc).persistentDisposition);
  const words = (v: unknown) => (Array.isArray(v) ? v.filter((w): w is string => typeof w === 'string').map((w) => normaliseCbvWord(w, 'disposition')) : []);
  return { set: words(p.set), unset: words(p.unset) };
}

function certificationsOf(doc: unknown): string[] {
  const c = objectOf(doc).certificationInfo;
  const list = Array.isArray(c) ? c : [c];
  return list.filter((x): x is string => typeof x === 'string' && x.length <= 500);
}

interface PlaceRow {
  identifier: string;
  name: string;
  enterprise_name: string;
  region_code: string;
}

function countyOf(regions: RegionDirectory, code: string | undefined): string | null {
  let r = code ? regions.get(code) : undefined;
  while (r && r.level === 'township' && r.parentCode) r = regions.get(r.parentCode);
  return r?.name ?? null;
}

function regionPath(regions: RegionDirectory, code: string | undefined): string | null {
  const names: string[] = [];
  for (let r = code ? regions.get(code) : undefined; r; r = r.parentCode ? regions.get(r.parentCode) : undefined) names.unshift(r.name);
  return names.length ? names.join('') : null;
}

/**
 * The public view of a code, or null when the platform knows nothing of it (no registered product, no event). Reads
 * the events naming the code (for an item that also names its lot, the lot's too) and those of the containers it
 * travelled in; skips events withdrawn by an error declaration.
 */
export async function buildConsumerView(db: Db, regions: RegionDirectory, code: ProductCode): Promise<ConsumerView | null> {
  const product = await db
    .selectFrom('trace_product')
    .select(['name', 'brand', 'spec', 'category', 'shelf_life_days', 'origin', 'enterprise_name', 'gtin_issuer'])
    .where('gtin', '=', code.gtin)
    .executeTakeFirst();

  const direct = await eventsNaming(db, code.identifiers, null, null, false);
  const viaContainers = await containerEvents(db, direct, code.identifiers);
  const withdrawn = await correctedIds(
    db,
    [...direct, ...viaContainers].map((r) => r.event_id),
  );
  const byId = new Map<number, EventRow>();
  for (const r of [...direct, ...viaContainers]) {
    if (!withdrawn.has(r.event_id) && !byId.has(r.id)) byId.set(r.id, r);
  }
  const events = [...byId.values()].sort((a, b) => a.event_time.getTime() - b.event_time.getTime() || a.id - b.id);
  if (!product && events.length === 0) return null;

  const placeIds = [...new Set(events.map((e) => e.biz_location ?? e.read_point).filter((x): x is string => x !== null))];
  const places = new Map<string, PlaceRow>(
    placeIds.length
      ? (
          await db.selectFrom('trace_location').select(['identifier', 'name', 'enterprise_name', 'region_code']).where('identifier', 'in', placeIds).execute()
        ).map((p) => [p.identifier, p])
      : [],
  );
  const placeOf = (r: EventRow) => places.get(r.biz_location ?? r.read_point ?? '');

  const production = events.filter(isProduction);
  const origin = production[0] ?? events.find((e) => !e.viaContainer) ?? null;
  const originPlace = origin ? placeOf(origin) : undefined;
  const facts: LotFacts = { productionDate: null, expiryDate: null, bestBeforeDate: null, lotNumber: null, countryOfOrigin: null };
  for (const r of production) {
    const f = lotFacts(objectOf(r.document).ilmd);
    for (const key of Object.keys(facts) as (keyof LotFacts)[]) facts[key] ??= f[key];
  }
  const fromCode = attributeFacts(code.attributes);
  facts.productionDate ??= fromCode.productionDate;
  facts.expiryDate ??= fromCode.expiryDate;
  facts.bestBeforeDate ??= fromCode.bestBeforeDate;
  facts.productionDate ??= origin && production.length > 0 ? shanghaiDate(origin.event_time) : null;
  const shelfLife = product?.shelf_life_days ?? null;
  const estimated = facts.expiryDate === null && facts.productionDate !== null && shelfLife !== null;
  const expiryDate = estimated && facts.productionDate !== null && shelfLife !== null ? addDays(facts.productionDate, shelfLife) : facts.expiryDate;

  let recalled = false;
  for (const e of events) {
    const p = persistent(e.document);
    if (e.disposition === 'recalled' || p.set.includes('recalled')) recalled = true;
    if (p.unset.includes('recalled')) recalled = false;
  }

  let inspection: PublicInspection | null = null;
  for (const e of [...events].reverse()) {
    const report = testReport(e.document);
    if (!report && e.biz_step !== 'inspecting' && e.biz_step !== 'sampling') continue;
    const result = e.disposition === 'conformant' || e.disposition === 'non_conformant' ? e.disposition : null;
    const place = placeOf(e);
    inspection = {
      date: shanghaiDate(e.event_time),
      localTime: shanghaiDateTime(e.event_time),
      kind: e.biz_step === 'inspecting' ? 'inspecting' : e.biz_step === 'sampling' ? 'sampling' : 'test_report',
      result,
      resultLabel: result === 'conformant' ? '合格' : result === 'non_conformant' ? '不合格' : '见检验报告',
      report,
      reportUrl: report && /^https:\/\/[^\s"<>]+$/.test(report) ? report : null,
      place: place?.name ?? null,
      region: countyOf(regions, place?.region_code),
    };
    break;
  }

  const inputs = (await inputLotsOf(db, code)).map((i) => ({
    productName: i.productName,
    gtin: i.gtin,
    lot: i.lot,
    serial: i.serial,
    producer: i.producer,
    region: regionPath(regions, i.regionCode ?? undefined),
    path: i.path,
  }));

  const foreign = facts.countryOfOrigin !== null && facts.countryOfOrigin !== 'CN' ? countryName(facts.countryOfOrigin) : null;
  return {
    code: {
      level: code.level,
      anchor: code.anchor,
      uri: code.ourUri,
      gtin: code.gtin,
      gtinIssuer: product?.gtin_issuer ?? null,
      demonstration: isDemonstrationGtin(code.gtin),
      lot: code.lot ?? facts.lotNumber,
      serial: code.serial,
      elementString: code.elementString,
    },
    product: {
      registered: product !== undefined,
      name: product?.name ?? null,
      brand: product?.brand ?? null,
      spec: product?.spec ?? null,
      category: product?.category ?? null,
      shelfLifeDays: shelfLife,
    },
    producer: originPlace?.enterprise_name ?? product?.enterprise_name ?? null,
    origin: foreign ?? regionPath(regions, originPlace?.region_code) ?? product?.origin ?? (facts.countryOfOrigin === 'CN' ? '中国' : null),
    productionDate: facts.productionDate,
    expiryDate,
    expiryEstimated: estimated,
    bestBeforeDate: facts.bestBeforeDate,
    inspection,
    recalled,
    hasRecords: events.length > 0,
    certifications: [...new Set(events.flatMap((e) => certificationsOf(e.document)))].slice(0, 10),
    inputs,
    timeline: events.map((e) => {
      const place = placeOf(e);
      return {
        time: e.event_time.toISOString(),
        localTime: shanghaiDateTime(e.event_time),
        bizStep: e.biz_step,
        stepLabel: bizStepLabel(e.biz_step, e.event_type, e.action),
        dispositionLabel: dispositionLabel(e.disposition),
        place: place?.name ?? null,
        region: countyOf(regions, place?.region_code),
        viaContainer: e.viaContainer,
      };
    }),
  };
}
