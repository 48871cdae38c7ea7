import { sql } from 'kysely';
import type { Db } from '../../../platform/db.ts';
import { type ProductCode, readCode } from './code.ts';

/**
 * The raw-material lots of a processed batch, for the consumer page: the inputs of the TransformationEvents whose
 * output is the batch (EPCIS 2.0 §7.3.6), each with its registered product's name and where it was produced. Only
 * these allow-listed facts leave here — never the input quantities, the transformation's business transactions or its
 * parties.
 */

/** At most this many input lots are shown (a blend may have many). */
export const MAX_INPUT_LOTS = 20;

export interface InputLotRow {
  /** Canonical identifier of the input (id.gs1.org batch or item). */
  identifier: string;
  gtin: string | null;
  lot: string | null;
  serial: string | null;
  /** Path of the input's own consumer page on our host; null for a product-level code. */
  path: string | null;
  productName: string | null;
  /** The enterprise at the registered location where the input was produced, else the product's registered owner. */
  producer: string | null;
  /** Region code of that location. */
  regionCode: string | null;
}

// A transformation withdrawn by an error declaration (EPCIS 2.0 §7.4.1.2) no longer says what went into the batch.
const notWithdrawn = sql<boolean>`not exists (select 1 from trace_event_key d where d.event_id = e.event_id and d.is_error_declaration)`;

/** Input identifiers of the transformations that made `identifiers`, in a stable order. */
async function inputIdentifiers(db: Db, identifiers: string[]): Promise<string[]> {
  const rows = await db
    .selectFrom('trace_event_identifier as o')
    .innerJoin('trace_event as e', (j) => j.onRef('e.id', '=', 'o.event_pk').onRef('e.event_time', '=', 'o.event_time'))
    .innerJoin('trace_event_identifier as inp', 'inp.event_pk', 'o.event_pk')
    .select('inp.identifier')
    .distinct()
    .where('o.identifier', 'in', identifiers)
    .where('o.role', 'in', ['output', 'outputQuantity'])
    .where('inp.role', 'in', ['input', 'inputQuantity'])
    .where('e.event_type', '=', 'TransformationEvent')
    .where('e.is_error_declaration', '=', false)
    .where(notWithdrawn)
    .orderBy('inp.identifier')
    .limit(MAX_INPUT_LOTS)
    .execute();
  return rows.map((r) => r.identifier).filter((id) => !identifiers.includes(id));
}

/** Where each input was produced: the location of its earliest production event (commissioning, ADD, or a transformation output). */
async function productionPlaces(db: Db, identifiers: string[]): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('trace_event_identifier as i')
    .innerJoin('trace_event as e', (j) => j.onRef('e.id', '=', 'i.event_pk').onRef('e.event_time', '=', 'i.event_time'))
    .select(['i.identifier', 'e.biz_location', 'e.read_point'])
    .where('i.identifier', 'in', identifiers)
    .where('e.is_error_declaration', '=', false)
    .where((eb) =>
      eb.or([
        eb.and([
          eb('e.event_type', '=', 'ObjectEvent'),
          eb('i.role', 'in', ['epc', 'quantity']),
          eb.or([eb('e.action', '=', 'ADD'), eb('e.biz_step', 'in', ['commissioning', 'creating_class_instance'])]),
        ]),
        eb.and([eb('e.event_type', '=', 'TransformationEvent'), eb('i.role', 'in', ['output', 'outputQuantity'])]),
      ]),
    )
    .where(notWithdrawn)
    .orderBy('e.event_time')
    .orderBy('e.id')
    .limit(MAX_INPUT_LOTS * 10)
    .execute();
  const places = new Map<string, string>();
  for (const r of rows) {
    const place = r.biz_location ?? r.read_point;
    if (place !== null && !places.has(r.identifier)) places.set(r.identifier, place);
  }
  return places;
}

/** The raw-material lots of a batch or item; empty for a product-level code or a batch not made by a transformation. */
export async function inputLotsOf(db: Db, code: ProductCode): Promise<InputLotRow[]> {
  if (code.level === 'class') return [];
  const inputs = await inputIdentifiers(db, code.identifiers);
  if (inputs.length === 0) return [];
  // Our own origin: an input's consumer page lives on the host that serves this one.
  const base = new URL(code.ourUri).origin;
  // Only product codes: a consumer learns nothing from a pallet or a bare EPC that went into the batch.
  const readings = inputs.flatMap((identifier) => {
    const reading = readCode(identifier, base);
    return reading.ok ? [{ identifier, code: reading.code }] : [];
  });

  const gtins = [...new Set(readings.map(({ code }) => code.gtin))];
  const products = new Map<string, { name: string; enterprise_name: string }>();
  if (gtins.length) {
    for (const p of await db.selectFrom('trace_product').select(['gtin', 'name', 'enterprise_name']).where('gtin', 'in', gtins).execute()) {
      products.set(p.gtin, p);
    }
  }

  const places = await productionPlaces(db, inputs);
  const placeIds = [...new Set(places.values())];
  const locations = new Map(
    placeIds.length
      ? (await db.selectFrom('trace_location').select(['identifier', 'enterprise_name', 'region_code']).where('identifier', 'in', placeIds).execute()).map(
          (l) => [l.identifier, l],
        )
      : [],
  );

  return readings.map(({ identifier, code }) => {
    const product = products.get(code.gtin);
    const location = locations.get(places.get(identifier) ?? '');
    return {
      identifier,
      gtin: code.gtin,
      lot: code.lot,
      serial: code.serial,
      path: code.level !== 'class' ? code.ourPath : null,
      productName: product?.name ?? null,
      producer: location?.enterprise_name ?? product?.enterprise_name ?? null,
      regionCode: location?.region_code ?? null,
    };
  });
}
