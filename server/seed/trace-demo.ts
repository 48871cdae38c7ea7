import { hashApiKey } from '../platform/api-key.ts';
import type { Db } from '../platform/db.ts';

/**
 * Trace demo data (演示数据): registered locations of fictitious enterprises and an API key for the
 * demo enterprise account, so an enterprise system can capture EPCIS events at once. GLNs use the
 * 697 prefix range with valid check digits; none identifies a real place.
 */

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
  const owner = users.enterprise1;
  if (owner) {
    await trx
      .insertInto('platform_api_key')
      .values({ user_id: owner, name: '演示 ERP 接口密钥', key_hash: hashApiKey(DEMO_API_KEY), key_prefix: 'demo0001' })
      .onConflict((oc) => oc.column('key_hash').doNothing())
      .execute();
  }
  return { locations: DEMO_LOCATIONS.length, apiKeys: owner ? 1 : 0 };
}
