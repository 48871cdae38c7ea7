import { RISK_CLASSES, type RiskClass } from '../../../../common/draw/types.ts';
import { ENTITY_STATUSES, type EntityStatus, SPECIAL_LISTS, type SpecialList } from '../../../../common/entity-api.ts';
import type { TargetPoolPreview } from '../../../../common/inspection-api.ts';
import type { Db } from '../../../platform/db.ts';
import { notFound, validationFailed } from '../../../platform/errors.ts';
import type { RegionDirectory } from '../../../platform/regions.ts';
import type { Actor } from '../../../platform/scope.ts';
import { currentCreditClasses, listTargetPool, listTargetPoolPage } from '../../entities/index.ts';
import { regionVisible, requireRegulator } from '../access.ts';
import { normaliseScope, poolFilter } from '../tasks/scope.ts';

export interface TargetPoolQuery {
  page: number;
  pageSize: number;
  regionCode: string;
  regionCodes?: string;
  industries?: string;
  specialLists?: string;
  statuses?: string;
}

const split = (v: string | undefined) =>
  (v ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

function oneOf<T extends string>(values: string[], allowed: readonly T[], field: string): T[] {
  const bad = values.find((v) => !(allowed as readonly string[]).includes(v));
  if (bad !== undefined) throw validationFailed([{ field, rule: 'enum', message: `未知取值 ${bad} / unknown value; one of ${allowed.join(', ')}` }]);
  return values as T[]; // every value checked against `allowed` above
}

/**
 * A preview of the 检查对象名录库 a task with this scope would freeze: one page of entities with names, the
 * pool size per credit class and how many entities still have no class (a freeze refuses those).
 */
export async function previewTargetPool(db: Db, regions: RegionDirectory, actor: Actor, query: TargetPoolQuery): Promise<TargetPoolPreview> {
  requireRegulator(actor);
  const region = regions.get(query.regionCode);
  if (!region || !regionVisible(regions, actor, region.code)) throw notFound();
  const scope = normaliseScope({
    regionCodes: split(query.regionCodes),
    industries: split(query.industries),
    specialLists: oneOf<SpecialList>(split(query.specialLists), SPECIAL_LISTS, 'querystring.specialLists'),
    statuses: oneOf<EntityStatus>(split(query.statuses), ENTITY_STATUSES, 'querystring.statuses'),
  });
  const filter = poolFilter(regions, region, scope, 'querystring');
  const all = await listTargetPool(db, filter);
  const classes = await currentCreditClasses(
    db,
    all.map((e) => e.creditCode),
  );
  const byClass = Object.fromEntries(RISK_CLASSES.map((c) => [c, 0])) as Record<RiskClass, number>; // every class set here
  let unclassified = 0;
  for (const e of all) {
    const c = classes.get(e.creditCode);
    if (c) byClass[c.class] += 1;
    else unclassified += 1;
  }
  const page = await listTargetPoolPage(db, filter, { limit: query.pageSize, offset: (query.page - 1) * query.pageSize });
  return {
    items: page.rows.map((r) => ({
      creditCode: r.creditCode,
      name: r.name,
      regionCode: r.regionCode,
      regionName: regions.get(r.regionCode)?.name ?? r.regionCode,
      industryCode: r.industryCode,
      status: r.status,
      riskClass: classes.get(r.creditCode)?.class ?? null,
    })),
    total: page.total,
    page: query.page,
    pageSize: query.pageSize,
    byClass,
    unclassified,
  };
}
