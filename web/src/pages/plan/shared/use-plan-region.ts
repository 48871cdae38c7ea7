import { useMemo } from 'react';
import { useRegion } from '../../../region-context';
import { CITY_CODE, type PlanRegion, planRegions } from './regions';

/**
 * The region plan figures are shown for: the header's region when it is the city or one of the
 * five districts/counties (a township has no plan figures, so it falls back to the city).
 */
export function usePlanRegion(): { regionCode: string; regions: PlanRegion[] } {
  const { regionCode, tree } = useRegion();
  const regions = useMemo(() => planRegions(tree), [tree]);
  return { regionCode: regions.some((region) => region.code === regionCode) ? regionCode : CITY_CODE, regions };
}
