import { sql } from 'kysely';
import { allocatedGtin, companyPrefixCapacity } from '../../../../common/gs1/index.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';

/**
 * Allocates the next GTIN under the platform's GS1 Company Prefix (common/gs1/platform-code.ts) inside the caller's
 * transaction. The per-prefix counter row (trace_gtin_allocation) is only ever incremented, under its row lock, so
 * concurrent registrations get different GTINs and a GTIN is never allocated twice; a rolled-back registration rolls
 * its increment back too, so refused requests spend no numbers. A GTIN already registered (an owner's GTIN under this
 * prefix from before the prefix was configured) is stepped over, not handed out again. Throws
 * TRACE_GTIN_CAPACITY_EXHAUSTED when the prefix has no item reference left.
 */
export async function allocatePlatformGtin(trx: Db, companyPrefix: string): Promise<string> {
  const capacity = companyPrefixCapacity(companyPrefix);
  for (;;) {
    // ON CONFLICT … DO UPDATE takes the row lock and, under READ COMMITTED, increments the latest committed value.
    const row = await trx
      .insertInto('trace_gtin_allocation')
      .values({ company_prefix: companyPrefix, last_item_ref: 0 })
      .onConflict((oc) =>
        oc
          .column('company_prefix')
          .doUpdateSet({ last_item_ref: sql<number>`trace_gtin_allocation.last_item_ref + 1` })
          .where('trace_gtin_allocation.last_item_ref', '<', String(capacity - 1)),
      )
      .returning('last_item_ref')
      .executeTakeFirst();
    if (!row) {
      throw new AppError(
        409,
        'TRACE_GTIN_CAPACITY_EXHAUSTED',
        `平台厂商识别代码 ${companyPrefix} 下的 ${capacity} 个商品条码已全部分配，请向中国物品编码中心申请新的厂商识别代码 / All ${capacity} GTINs of the platform's GS1 Company Prefix ${companyPrefix} are allocated`,
      );
    }
    const gtin = allocatedGtin(companyPrefix, Number(row.last_item_ref));
    const taken = await trx.selectFrom('trace_product').select('id').where('gtin', '=', gtin).executeTakeFirst();
    if (!taken) return gtin;
  }
}
