import type { RegionLevel } from '../../common/roles.ts';
import type { Db } from './db.ts';

export interface Region {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
  path: string;
  sortOrder: number;
}

export interface RegionNode extends Omit<Region, 'path' | 'sortOrder'> {
  children: RegionNode[];
}

/**
 * The region tree, read once at start-up: 78 rows of reference data that only a migration changes,
 * consulted on nearly every request for scope.
 */
export class RegionDirectory {
  readonly #byCode: Map<string, Region>;

  constructor(regions: Region[]) {
    this.#byCode = new Map(regions.map((r) => [r.code, r]));
  }

  static async load(db: Db): Promise<RegionDirectory> {
    const rows = await db.selectFrom('platform_region').selectAll().orderBy('path').execute();
    return new RegionDirectory(
      rows.map((r) => ({ code: r.code, name: r.name, level: r.level, parentCode: r.parent_code, path: r.path, sortOrder: r.sort_order })),
    );
  }

  get(code: string): Region | undefined {
    return this.#byCode.get(code);
  }

  all(): Region[] {
    return [...this.#byCode.values()];
  }

  /** The regions under `path` (itself included), ordered for display. */
  within(path: string): Region[] {
    return this.all()
      .filter((r) => r.path.startsWith(path))
      .sort((a, b) => a.path.split('/').length - b.path.split('/').length || a.sortOrder - b.sortOrder);
  }

  /** The tree below (and including) the region at `path`. */
  tree(path: string): RegionNode[] {
    const regions = this.within(path);
    const nodes = new Map<string, RegionNode>(
      regions.map((r) => [r.code, { code: r.code, name: r.name, level: r.level, parentCode: r.parentCode, children: [] }]),
    );
    const roots: RegionNode[] = [];
    for (const r of regions) {
      const node = nodes.get(r.code);
      if (!node) continue;
      const parent = r.parentCode ? nodes.get(r.parentCode) : undefined;
      if (parent) parent.children.push(node);
      else roots.push(node);
    }
    return roots;
  }
}
