import type { GradingRule, RegionColour, RegionGrade } from '../../api/sampling';
import { NO_COLOUR_HEX, REGION_COLOUR_HEX, REGION_COLOUR_LABELS } from './labels';

/** Pure helpers of the grading page (unit-tested). */

const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;

/** The legend, from the rule's thresholds: 红 ≥ 10%, 黄 5%–10%, 蓝 2%–5%, 绿 < 2%, and 数据不足. */
export function legendItems(rule: GradingRule): { key: RegionColour | 'none'; label: string; hex: string }[] {
  const { red, yellow, blue } = rule.colour;
  return [
    { key: 'red', label: `${REGION_COLOUR_LABELS.red}：C 类占比 ≥ ${pct(red)}`, hex: REGION_COLOUR_HEX.red },
    { key: 'yellow', label: `${REGION_COLOUR_LABELS.yellow}：${pct(yellow)}–${pct(red)}`, hex: REGION_COLOUR_HEX.yellow },
    { key: 'blue', label: `${REGION_COLOUR_LABELS.blue}：${pct(blue)}–${pct(yellow)}`, hex: REGION_COLOUR_HEX.blue },
    { key: 'green', label: `${REGION_COLOUR_LABELS.green}：< ${pct(blue)}`, hex: REGION_COLOUR_HEX.green },
    { key: 'none', label: `灰：已分级企业少于 ${rule.minGradedForColour} 家，不着色`, hex: NO_COLOUR_HEX },
  ];
}

export function colourHex(colour: RegionColour | null): string {
  return colour ? REGION_COLOUR_HEX[colour] : NO_COLOUR_HEX;
}

/** "C 类 3 / 31 家（9.7%）" or "未抽查". */
export function shareText(r: Pick<RegionGrade, 'graded' | 'counts' | 'cShare'>): string {
  if (r.graded === 0) return '无已分级企业';
  return `C 类 ${r.counts.C} / ${r.graded} 家（${pct(r.cShare ?? 0)}）`;
}

/** The districts/counties to draw: the root's children when it is the city, else the root itself. */
export function countyTiles(root: RegionGrade): RegionGrade[] {
  return root.level === 'city' ? root.children : [root];
}

/** Townships worth a tile: those with graded enterprises first, by C share; then the rest by name order. */
export function townshipTiles(county: RegionGrade): RegionGrade[] {
  const graded = county.children.filter((t) => t.graded > 0).sort((a, b) => (b.cShare ?? 0) - (a.cShare ?? 0) || b.graded - a.graded);
  return [...graded, ...county.children.filter((t) => t.graded === 0)];
}
