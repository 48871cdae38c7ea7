import type { RegionNode } from '../api/platform-types';

export function findRegion(nodes: readonly RegionNode[], code: string): RegionNode | null {
  for (const node of nodes) {
    if (node.code === code) return node;
    const found = findRegion(node.children, code);
    if (found) return found;
  }
  return null;
}

/** Codes from the root down to `code` (the value a Cascader wants); empty when not in the tree. */
export function regionPath(nodes: readonly RegionNode[], code: string): string[] {
  for (const node of nodes) {
    if (node.code === code) return [node.code];
    const below = regionPath(node.children, code);
    if (below.length > 0) return [node.code, ...below];
  }
  return [];
}

/** The part of the tree a user may see: the whole tree for city scope, else the subtree at their region. */
export function scopeTree(nodes: readonly RegionNode[], scopeCode: string): RegionNode[] {
  const root = findRegion(nodes, scopeCode);
  return root ? [root] : [];
}

export interface RegionTreeOption {
  title: string;
  value: string;
  disabled?: boolean;
  children?: RegionTreeOption[];
}

/** TreeSelect data; nodes failing `selectable` stay visible (for the path) but cannot be picked. */
export function toTreeSelectData(nodes: readonly RegionNode[], selectable: (node: RegionNode) => boolean = () => true): RegionTreeOption[] {
  return nodes.map((node) => ({
    title: node.name,
    value: node.code,
    ...(selectable(node) ? {} : { disabled: true }),
    ...(node.children.length > 0 ? { children: toTreeSelectData(node.children, selectable) } : {}),
  }));
}

export interface RegionCascaderOption {
  label: string;
  value: string;
  children?: RegionCascaderOption[];
}

export function toCascaderOptions(nodes: readonly RegionNode[]): RegionCascaderOption[] {
  return nodes.map((node) => ({
    label: node.name,
    value: node.code,
    ...(node.children.length > 0 ? { children: toCascaderOptions(node.children) } : {}),
  }));
}
