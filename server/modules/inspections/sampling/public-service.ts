import type { ListPublicFailuresInput, Page, PublicFailure } from '../../../../common/sampling/api.ts';
import { todayInShanghai } from '../../../../common/sampling/dates.ts';
import type { Db } from '../../../platform/db.ts';
import type { RegionDirectory } from '../../../platform/regions.ts';
import { countyOf } from './present.ts';
import { selectItemsOf, selectPublishedFailures } from './queries.ts';

/**
 * The public list of 不合格 products (一公开): results of supervision sampling are public (国办发〔2015〕58号,
 * 企业信息公示暂行条例 第六条, regulation.md §1), and the bureau publishes the failing ones. Only what such a
 * notice carries: enterprise, district/county, product, brand, spec, batch, category, sampling date and
 * the failing items with requirement and result. Nothing internal (no ids, credit-risk or product grade,
 * laboratory, officers, override reasons).
 */
export async function listPublicFailures(db: Db, regions: RegionDirectory, input: ListPublicFailuresInput): Promise<Page<PublicFailure> & { demo: boolean }> {
  const { rows, total } = await selectPublishedFailures(db, input.year, input.pageSize, (input.page - 1) * input.pageSize);
  const items = await selectItemsOf(
    db,
    rows.map((r) => r.id),
  );
  const limitText = (i: (typeof items)[number]): string | null => {
    if (i.limit_text) return i.limit_text;
    const u = i.unit ? ` ${i.unit}` : '';
    if (i.limit_min !== null && i.limit_max !== null) return `${i.limit_min}–${i.limit_max}${u}`;
    if (i.limit_max !== null) return `≤ ${i.limit_max}${u}`;
    if (i.limit_min !== null) return `≥ ${i.limit_min}${u}`;
    return null;
  };
  return {
    items: rows.map((r) => {
      const retest = r.final_via === 'retest';
      const failed = items.filter((i) => i.sample_id === r.id && (retest ? i.retest_verdict === 'fail' : i.verdict === 'fail'));
      return {
        enterpriseName: r.entity_name,
        countyName: countyOf(regions, r.region_code)?.name ?? null,
        productName: r.product_name,
        brand: r.brand,
        spec: r.spec,
        batch: r.batch,
        categoryName: r.category_name,
        sampledOn: r.sampled_on,
        failedItems: failed.map((i) => {
          const value = retest ? (i.retest_value ?? i.retest_text) : (i.result_value ?? i.result_text);
          return {
            name: i.name,
            requirement: limitText(i),
            result: value === null ? null : `${value}${typeof value === 'number' && i.unit ? ` ${i.unit}` : ''}`,
          };
        }),
        publishedOn: todayInShanghai(new Date(r.published_at ?? 0)),
      };
    }),
    total,
    page: input.page,
    pageSize: input.pageSize,
    demo: rows.some((r) => r.is_demo),
  };
}
