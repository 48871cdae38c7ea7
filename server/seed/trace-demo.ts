import { DEMO_PLATFORM_COMPANY_PREFIX } from '../../common/gs1/index.ts';
import { EPCIS_CONTEXT_URL } from '../../common/trace-api.ts';
import { allocatePlatformGtin } from '../modules/trace/resolver/gtin-allocation.ts';
import { hashApiKey } from '../platform/api-key.ts';
import type { Db } from '../platform/db.ts';

/**
 * Trace demo data (演示数据): registered locations of fictitious enterprises and an API key for the
 * demo enterprise account, so an enterprise system can capture EPCIS events at once. GLNs use the
 * 697 prefix range with valid check digits; none identifies a real place. One product belongs to a cooperative
 * without a GS1 Company Prefix: its GTIN is allocated like any platform-allocated GTIN, always under the GS1
 * demonstration prefix (952), whatever PLATFORM_GS1_COMPANY_PREFIX says — demo data never spends the bureau's numbers.
 */

/** A demo cooperative without a GS1 Company Prefix (93 = 农民专业合作社; 330522 长兴县; fictitious, valid check character). */
const DEMO_PLATFORM_PRODUCT = {
  productRef: 'CX-GRAPE-5KG',
  name: '长兴葡萄（演示）',
  creditCode: '93330522MA2D1E2F3M',
  enterpriseName: '长兴示范果蔬专业合作社（演示）',
} as const;

/** The demo enterprise's API key (README lists it). Demo only: it is created only with the demo data. */
export const DEMO_API_KEY = 'zlk_demo0001_enterprise1-demo-key-do-not-use-in-production';

export const DEMO_LOCATIONS = [
  {
    gln: '6970000000017',
    name: '湖州示范食品有限公司 织里生产基地（演示）',
    enterprise: '91330502MA2B3C4D58',
    enterpriseName: '湖州示范食品有限公司（演示）',
    region: '330502100',
  },
  {
    gln: '6970000000024',
    name: '湖州示范食品有限公司 成品仓库（演示）',
    enterprise: '91330502MA2B3C4D58',
    enterpriseName: '湖州示范食品有限公司（演示）',
    region: '330502100',
  },
  {
    gln: '6970000001014',
    name: '安吉示范茶叶合作社 基地（演示）',
    enterprise: '93330523MA2C0D1E2Q',
    enterpriseName: '安吉示范茶叶合作社（演示）',
    region: '330523',
  },
  {
    gln: '6970000001021',
    name: '德清示范超市 门店（演示）',
    enterprise: '91330521MA2D1E2F3D',
    enterpriseName: '德清示范超市有限公司（演示）',
    region: '330521',
  },
] as const;

export async function seedTraceDemo(trx: Db, users: Record<string, string>): Promise<Record<string, number>> {
  await trx
    .insertInto('trace_location')
    .values(
      DEMO_LOCATIONS.map((l) => ({
        identifier: `https://id.gs1.org/414/${l.gln}`,
        gln: l.gln,
        name: l.name,
        enterprise_credit_code: l.enterprise,
        enterprise_name: l.enterpriseName,
        region_code: l.region,
        is_demo: true,
      })),
    )
    .onConflict((oc) => oc.column('identifier').doNothing())
    .execute();
  await trx
    .insertInto('trace_product')
    .values([
      {
        gtin: '06970000000109',
        name: '安吉白茶鲜叶（演示）',
        brand: '安吉示范',
        spec: '散装',
        category: '茶叶',
        enterprise_credit_code: '93330523MA2C0D1E2Q',
        enterprise_name: '安吉示范茶叶合作社（演示）',
        origin: '浙江省湖州市安吉县',
        shelf_life_days: 10,
        is_demo: true,
      },
      {
        gtin: '06970000000116',
        name: '白茶饮料（演示）',
        brand: '湖州示范',
        spec: '500 毫升/瓶',
        category: '饮料',
        enterprise_credit_code: '91330502MA2B3C4D58',
        enterprise_name: '湖州示范食品有限公司（演示）',
        origin: '浙江省湖州市吴兴区',
        shelf_life_days: 365,
        is_demo: true,
      },
    ])
    .onConflict((oc) => oc.column('gtin').doNothing())
    .execute();
  const platformProduct = await trx
    .selectFrom('trace_product')
    .select('id')
    .where('enterprise_credit_code', '=', DEMO_PLATFORM_PRODUCT.creditCode)
    .where('product_ref', '=', DEMO_PLATFORM_PRODUCT.productRef)
    .executeTakeFirst();
  if (!platformProduct) {
    await trx
      .insertInto('trace_product')
      .values({
        gtin: await allocatePlatformGtin(trx, DEMO_PLATFORM_COMPANY_PREFIX),
        gtin_issuer: 'platform',
        product_ref: DEMO_PLATFORM_PRODUCT.productRef,
        name: DEMO_PLATFORM_PRODUCT.name,
        brand: null,
        spec: '5 千克/箱',
        category: '水果',
        enterprise_credit_code: DEMO_PLATFORM_PRODUCT.creditCode,
        enterprise_name: DEMO_PLATFORM_PRODUCT.enterpriseName,
        origin: '浙江省湖州市长兴县',
        shelf_life_days: 15,
        is_demo: true,
      })
      .execute();
  }
  const owner = users.enterprise1;
  if (owner) {
    await trx
      .insertInto('platform_api_key')
      .values({ user_id: owner, name: '演示 ERP 接口密钥', key_hash: hashApiKey(DEMO_API_KEY), key_prefix: 'demo0001' })
      .onConflict((oc) => oc.column('key_hash').doNothing())
      .execute();
  }
  return { locations: DEMO_LOCATIONS.length, products: 3, apiKeys: owner ? 1 : 0 };
}

const DL = 'https://id.gs1.org';
const DEMO_GTIN_TEA = '06970000000109';
const DEMO_GTIN_DRINK = '06970000000116';
/** Demo codes (README): the drink batch a consumer can scan, and its raw-material lots. */
export const DEMO_CODES = {
  teaLotA: `${DL}/01/${DEMO_GTIN_TEA}/10/AJ-2025-0418`,
  teaLotB: `${DL}/01/${DEMO_GTIN_TEA}/10/AJ-2025-0422`,
  drinkLot: `${DL}/01/${DEMO_GTIN_DRINK}/10/HZ-2025-0506`,
  pallet: `${DL}/00/006970000000000019`,
} as const;

/**
 * A small demo supply chain as EPCIS 2.0 events: two tea-leaf lots commissioned at the 安吉 farm, shipped
 * to the 织里 plant, transformed into one tea-drink lot (ILMD: production and best-before dates),
 * inspected (test report), packed on a pallet, shipped to the 德清 store and received there.
 */
export function demoSupplyChain(): Record<string, unknown> {
  const farm = `${DL}/414/6970000001014`;
  const plant = `${DL}/414/6970000000017`;
  const warehouse = `${DL}/414/6970000000024`;
  const store = `${DL}/414/6970000001021`;
  let n = 0;
  const at = (time: string, where: string) => ({
    eventID: `urn:uuid:de300000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
    eventTime: time,
    eventTimeZoneOffset: '+08:00',
    readPoint: { id: where },
    bizLocation: { id: where },
  });
  const tea = (lot: string, kg: number) => ({ epcClass: lot, quantity: kg, uom: 'KGM' });
  return {
    '@context': [EPCIS_CONTEXT_URL],
    type: 'EPCISDocument',
    schemaVersion: '2.0',
    creationDate: '2025-05-10T00:00:00+08:00',
    epcisBody: {
      eventList: [
        {
          type: 'ObjectEvent',
          action: 'ADD',
          bizStep: 'commissioning',
          disposition: 'active',
          quantityList: [tea(DEMO_CODES.teaLotA, 320)],
          ...at('2025-04-18T09:00:00+08:00', farm),
          ilmd: { 'cbvmda:countryOfOrigin': 'CN', 'cbvmda:lotNumber': 'AJ-2025-0418' },
        },
        {
          type: 'ObjectEvent',
          action: 'ADD',
          bizStep: 'commissioning',
          disposition: 'active',
          quantityList: [tea(DEMO_CODES.teaLotB, 280)],
          ...at('2025-04-22T09:00:00+08:00', farm),
          ilmd: { 'cbvmda:countryOfOrigin': 'CN', 'cbvmda:lotNumber': 'AJ-2025-0422' },
        },
        {
          type: 'ObjectEvent',
          action: 'OBSERVE',
          bizStep: 'shipping',
          disposition: 'in_transit',
          quantityList: [tea(DEMO_CODES.teaLotA, 320), tea(DEMO_CODES.teaLotB, 280)],
          ...at('2025-04-28T08:00:00+08:00', farm),
          sourceList: [{ type: 'location', source: farm }],
          destinationList: [{ type: 'location', destination: plant }],
        },
        {
          type: 'ObjectEvent',
          action: 'OBSERVE',
          bizStep: 'receiving',
          disposition: 'in_progress',
          quantityList: [tea(DEMO_CODES.teaLotA, 320), tea(DEMO_CODES.teaLotB, 280)],
          ...at('2025-04-28T15:00:00+08:00', plant),
        },
        {
          type: 'TransformationEvent',
          bizStep: 'commissioning',
          disposition: 'active',
          inputQuantityList: [tea(DEMO_CODES.teaLotA, 320), tea(DEMO_CODES.teaLotB, 280)],
          outputQuantityList: [{ epcClass: DEMO_CODES.drinkLot, quantity: 12000, uom: 'LTR' }],
          ...at('2025-05-06T10:00:00+08:00', plant),
          ilmd: { 'cbvmda:lotNumber': 'HZ-2025-0506', 'cbvmda:bestBeforeDate': '2026-05-05', 'cbvmda:itemExpirationDate': '2026-05-05' },
        },
        {
          type: 'ObjectEvent',
          action: 'OBSERVE',
          bizStep: 'inspecting',
          disposition: 'conformant',
          quantityList: [{ epcClass: DEMO_CODES.drinkLot, quantity: 6, uom: 'H87' }],
          ...at('2025-05-07T14:00:00+08:00', plant),
          bizTransactionList: [{ type: 'testres', bizTransaction: 'https://trace.zhiliang.example/report/JC2025-0507-001' }],
        },
        {
          type: 'AggregationEvent',
          action: 'ADD',
          bizStep: 'packing',
          disposition: 'in_progress',
          parentID: DEMO_CODES.pallet,
          childQuantityList: [{ epcClass: DEMO_CODES.drinkLot, quantity: 12000, uom: 'LTR' }],
          ...at('2025-05-08T09:00:00+08:00', warehouse),
        },
        {
          type: 'ObjectEvent',
          action: 'OBSERVE',
          bizStep: 'shipping',
          disposition: 'in_transit',
          epcList: [DEMO_CODES.pallet],
          ...at('2025-05-09T08:00:00+08:00', warehouse),
          sourceList: [{ type: 'location', source: warehouse }],
          destinationList: [{ type: 'location', destination: store }],
        },
        {
          type: 'ObjectEvent',
          action: 'OBSERVE',
          bizStep: 'receiving',
          disposition: 'sellable_not_accessible',
          epcList: [DEMO_CODES.pallet],
          ...at('2025-05-09T16:00:00+08:00', store),
        },
      ],
    },
  };
}

/**
 * The demo supply chain as each enterprise would report it: one EPCISDocument per enterprise whose locations its
 * events stand at, in the chain's order (the 安吉 farm, the 织里 plant and warehouse, the 德清 store).
 */
export function demoSupplyChainByEnterprise(): { enterprise: string; document: Record<string, unknown> }[] {
  const whole = demoSupplyChain() as { epcisBody: { eventList: { bizLocation: { id: string } }[] } } & Record<string, unknown>;
  const owners = new Map<string, string>(DEMO_LOCATIONS.map((l) => [`${DL}/414/${l.gln}`, l.enterprise]));
  const parts = new Map<string, unknown[]>();
  for (const event of whole.epcisBody.eventList) {
    const enterprise = owners.get(event.bizLocation.id) ?? '';
    parts.set(enterprise, [...(parts.get(enterprise) ?? []), event]);
  }
  return [...parts].map(([enterprise, eventList]) => ({ enterprise, document: { ...whole, epcisBody: { eventList } } }));
}
