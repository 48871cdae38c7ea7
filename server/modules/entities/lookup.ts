import { normaliseCreditCode } from '../../../common/credit-code.ts';
import type { EntityStatus, EntityType, SpecialList } from '../../../common/entity-api.ts';
import type { Db } from '../../platform/db.ts';

/** What another module may know about an entity without reading the entity tables. */
export interface EntityRef {
  id: string;
  creditCode: string;
  name: string;
  type: EntityType;
  industryCode: string | null;
  /** Township code: scope it with regionCodeInScope like any region-owned row. */
  regionCode: string;
  status: EntityStatus;
  specialLists: SpecialList[];
  establishedOn: string | null;
  isDemo: boolean;
}

/**
 * The registered entity with this 统一社会信用代码 (any case, blanks ignored), or null. No scope check:
 * the caller decides what its own user may see.
 */
export async function findEntityByCreditCode(db: Db, creditCode: string): Promise<EntityRef | null> {
  const row = await db.selectFrom('entity').selectAll().where('credit_code', '=', normaliseCreditCode(creditCode)).executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    creditCode: row.credit_code,
    name: row.name,
    type: row.type,
    industryCode: row.industry_code,
    regionCode: row.region_code,
    status: row.status,
    specialLists: row.special_lists as SpecialList[],
    establishedOn: row.established_on,
    isDemo: row.is_demo,
  };
}
