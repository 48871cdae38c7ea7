import { sql } from 'kysely';
import { periodOf } from '../../common/credit-risk/period.ts';
import type { Role } from '../../common/roles.ts';
import { recomputeCreditClasses } from '../modules/entities/index.ts';
import { todayInShanghai } from '../modules/entities/present.ts';
import { isDemoLoaded, markDemoLoaded } from '../modules/platform/index.ts';
import { captureDocument } from '../modules/trace/capture-service.ts';
import { type AuditContext, appendAudit } from '../platform/audit.ts';
import type { Db } from '../platform/db.ts';
import { hashPassword } from '../platform/password.ts';
import { RegionDirectory } from '../platform/regions.ts';
import { loadActor } from '../platform/scope.ts';
import { inTransaction } from '../platform/transaction.ts';
import { type FixedDemoEntity, seedEntitiesDemo } from './entities-demo.ts';
import { seedInspectionsDemo } from './inspections-demo.ts';
import { seedPlanDemo } from './plan-demo.ts';
import { seedSamplingDemo } from './sampling-demo.ts';
import { DEMO_LOCATIONS, demoSupplyChainByEnterprise, seedTraceDemo } from './trace-demo.ts';

/**
 * Demo data generator (ZHILIANG_DEMO=1 on first start, or `zhiliang seed --demo`).
 * Everything it writes is fictitious and the UI labels it 演示数据. It is deterministic: the same
 * accounts every time, all with the password below. Later modules add their demo data here.
 */
export const DEMO_PASSWORD = 'Zhiliang@2025';

interface DemoUser {
  username: string;
  displayName: string;
  role: Role;
  regionCode: string;
  enterpriseName?: string;
  enterpriseCreditCode?: string;
}

export const DEMO_USERS: DemoUser[] = [
  { username: 'admin', displayName: '市局管理员（演示）', role: 'city_admin', regionCode: '330500' },
  { username: 'wuxing', displayName: '吴兴区监管员（演示）', role: 'county_officer', regionCode: '330502' },
  { username: 'nanxun', displayName: '南浔区监管员（演示）', role: 'county_officer', regionCode: '330503' },
  { username: 'deqing', displayName: '德清县监管员（演示）', role: 'county_officer', regionCode: '330521' },
  { username: 'changxing', displayName: '长兴县监管员（演示）', role: 'county_officer', regionCode: '330522' },
  { username: 'anji', displayName: '安吉县监管员（演示）', role: 'county_officer', regionCode: '330523' },
  { username: 'inspector1', displayName: '吴兴区执法检查员（演示）', role: 'inspector', regionCode: '330502' },
  // A fictitious enterprise; its credit code is generated with a valid GB 32100 check character.
  {
    username: 'enterprise1',
    displayName: '质量负责人（演示）',
    role: 'enterprise',
    regionCode: '330502100',
    enterpriseName: '湖州示范食品有限公司（演示）',
    enterpriseCreditCode: '91330502MA2B3C4D58',
  },
];

/** Every enterprise the other demo data names (enterprise accounts, trace locations): the registry holds them all. */
function demoEnterprises(): FixedDemoEntity[] {
  const named = [
    ...DEMO_USERS.flatMap((u) =>
      u.enterpriseCreditCode && u.enterpriseName ? [{ creditCode: u.enterpriseCreditCode, name: u.enterpriseName, regionCode: u.regionCode }] : [],
    ),
    ...DEMO_LOCATIONS.map((l) => ({ creditCode: l.enterprise, name: l.enterpriseName, regionCode: l.region })),
  ];
  return named.filter((e, i) => named.findIndex((o) => o.creditCode === e.creditCode) === i);
}

const sqlLowerUsername = sql`lower(username)`;
const SEED_CONTEXT: AuditContext = { actorId: null, actorUsername: 'system:seed', actorRole: null, ip: null, userAgent: null, requestId: null };

/** Loads the demo accounts unless demo data is already there. Returns the usernames created. */
export async function seedDemo(db: Db): Promise<string[]> {
  if (await isDemoLoaded(db)) return [];
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const created = await inTransaction(db, async (trx) => {
    const created: string[] = [];
    for (const u of DEMO_USERS) {
      const row = await trx
        .insertInto('platform_user')
        .values({
          username: u.username,
          display_name: u.displayName,
          role: u.role,
          region_code: u.regionCode,
          enterprise_name: u.enterpriseName ?? null,
          enterprise_credit_code: u.enterpriseCreditCode ?? null,
          password_hash: passwordHash,
          is_demo: true,
        })
        .onConflict((oc) => oc.expression(sqlLowerUsername).doNothing())
        .returning(['id', 'region_code'])
        .executeTakeFirst();
      if (!row) continue;
      created.push(u.username);
      await appendAudit(trx, SEED_CONTEXT, {
        action: 'user.create',
        entityType: 'user',
        entityId: row.id,
        regionCode: row.region_code,
        after: { username: u.username, role: u.role, regionCode: u.regionCode, demo: true },
      });
    }
    const ids = await trx.selectFrom('platform_user').select(['id', 'username']).where('is_demo', '=', true).execute();
    const userIds = Object.fromEntries(ids.map((u) => [u.username, u.id]));
    const plan = await seedPlanDemo(trx, await RegionDirectory.load(trx), userIds);
    const trace = await seedTraceDemo(trx, userIds);
    const entities = await seedEntitiesDemo(trx, await RegionDirectory.load(trx), demoEnterprises());
    const sampling = await seedSamplingDemo(trx, await RegionDirectory.load(trx), userIds);
    await appendAudit(trx, SEED_CONTEXT, { action: 'plan.demo.seed', entityType: 'plan', after: { demo: true, ...plan } });
    await appendAudit(trx, SEED_CONTEXT, { action: 'trace.demo.seed', entityType: 'trace_location', after: { demo: true, ...trace } });
    await appendAudit(trx, SEED_CONTEXT, { action: 'entity.demo.seed', entityType: 'entity', after: { demo: true, ...entities } });
    await appendAudit(trx, SEED_CONTEXT, { action: 'sampling.demo.seed', entityType: 'sampling_sample', after: { demo: true, ...sampling } });
    await markDemoLoaded(trx, { users: created.length, plan, trace, entities, sampling });
    return created;
  });
  // The demo supply chain goes through the real EPCIS capture path, as each enterprise would report its part (one
  // transaction each, audited): 湖州示范食品's through its own account enterprise1, the others' by the city (data
  // migration, filed under the enterprise whose locations they name).
  const users = await db
    .selectFrom('platform_user')
    .select(['id', 'username'])
    .where('username', 'in', ['admin', 'enterprise1'])
    .where('is_demo', '=', true)
    .execute();
  const admin = users.find((u) => u.username === 'admin');
  const enterprise = users.find((u) => u.username === 'enterprise1');
  const city = admin ? await loadActor(db, admin.id) : null;
  const food = enterprise ? await loadActor(db, enterprise.id) : null;
  if (city) {
    for (const part of demoSupplyChainByEnterprise()) {
      const actor = food && food.enterpriseCreditCode === part.enterprise ? food : city;
      await captureDocument(db, actor, part.document, SEED_CONTEXT, { demo: true });
    }
  }
  // The current month's credit-risk classes of the demo entities (the monthly run, its own transaction).
  // Keep it last: it classes whatever timeline the demo data above wrote.
  await recomputeCreditClasses(db, periodOf(todayInShanghai()), { audit: SEED_CONTEXT });
  // 双随机 demo tasks go through the real draw, results and publication services: after the credit classes.
  await seedInspectionsDemo(db, SEED_CONTEXT);
  return created;
}
