import { describe, expect, it } from 'vitest';
import type { RegionNode } from '../api/platform-types';
import { findRegion, regionPath, scopeTree, toCascaderOptions, toTreeSelectData } from './regions';

const node = (code: string, name: string, level: RegionNode['level'], children: RegionNode[] = [], parentCode: string | null = null): RegionNode => ({
  code,
  name,
  level,
  parentCode,
  children,
});

const tree = [
  node('330500', '湖州市', 'city', [
    node('330502', '吴兴区', 'county', [node('330502001', '月河街道', 'township', [], '330502')], '330500'),
    node('330523', '安吉县', 'county', [node('330523100', '递铺街道', 'township', [], '330523')], '330500'),
  ]),
];

describe('regions', () => {
  it('finds nodes and their paths', () => {
    expect(findRegion(tree, '330523100')?.name).toBe('递铺街道');
    expect(findRegion(tree, '999999')).toBeNull();
    expect(regionPath(tree, '330523100')).toEqual(['330500', '330523', '330523100']);
    expect(regionPath(tree, '999999')).toEqual([]);
  });

  it('limits the tree to a scope', () => {
    expect(scopeTree(tree, '330523').map((root) => root.name)).toEqual(['安吉县']);
    expect(scopeTree(tree, '000000')).toEqual([]);
  });

  it('builds select data, marking unselectable nodes disabled and leaves without children', () => {
    const data = toTreeSelectData(tree, (region) => region.level === 'county');
    expect(data[0]).toMatchObject({ title: '湖州市', value: '330500', disabled: true });
    expect(data[0]?.children?.[0]).toMatchObject({ value: '330502' });
    expect(data[0]?.children?.[0]).not.toHaveProperty('disabled');
    expect(data[0]?.children?.[0]?.children?.[0]).not.toHaveProperty('children');
    expect(toCascaderOptions(tree)[0]?.children?.[1]).toMatchObject({ label: '安吉县', value: '330523' });
  });
});
