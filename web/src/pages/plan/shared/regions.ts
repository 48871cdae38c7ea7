/** The six regions of the plan: the city and its five districts/counties. */
import type { RegionNode } from '../../../api/platform-types';

export interface PlanRegion {
  code: string;
  name: string;
}

export const CITY_CODE = '330500';

export const PLAN_REGIONS: readonly PlanRegion[] = [
  { code: '330500', name: '湖州市' },
  { code: '330502', name: '吴兴区' },
  { code: '330503', name: '南浔区' },
  { code: '330521', name: '德清县' },
  { code: '330522', name: '长兴县' },
  { code: '330523', name: '安吉县' },
];

/** City first, then its districts/counties from the region tree (the fixed list until the tree has loaded). */
export function planRegions(tree: readonly RegionNode[] | undefined): PlanRegion[] {
  const root = tree?.find((node) => node.level === 'city');
  if (!root) return [...PLAN_REGIONS];
  return [
    { code: root.code, name: root.name },
    ...root.children.filter((node) => node.level === 'county').map((node) => ({ code: node.code, name: node.name })),
  ];
}

export function regionName(code: string, regions: readonly PlanRegion[] = PLAN_REGIONS): string {
  return regions.find((region) => region.code === code)?.name ?? code;
}
