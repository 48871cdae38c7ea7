import type { Db } from '../../platform/db.ts';

const DEMO_KEY = 'demo_loaded_at';

/** True when the demo generator has loaded data into this database (the UI labels it 演示数据). */
export async function isDemoLoaded(db: Db): Promise<boolean> {
  const row = await db.selectFrom('platform_setting').select('key').where('key', '=', DEMO_KEY).executeTakeFirst();
  return row !== undefined;
}

export async function markDemoLoaded(db: Db, details: Record<string, unknown>): Promise<void> {
  await db
    .insertInto('platform_setting')
    .values({ key: DEMO_KEY, value: JSON.stringify({ at: new Date().toISOString(), ...details }) })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
}
