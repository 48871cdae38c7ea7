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

/** "红色", or "数据不足" for a region with too few graded enterprises to colour. */
export function colourText(colour: RegionColour | null): string {
  return colour ? `${REGION_COLOUR_LABELS[colour]}色` : '数据不足';
}

/** How the colour is decided, in one sentence, from the rule's thresholds (the server's colourRegion). */
export function colourRuleText(rule: GradingRule): string {
  const { red, yellow, blue } = rule.colour;
  return (
    `按 C 类企业占已分级企业的比例分色：≥ ${pct(red)} 为红，${pct(yellow)}–${pct(red)} 为黄，${pct(blue)}–${pct(yellow)} 为蓝，< ${pct(blue)} 为绿；` +
    `已分级企业少于 ${rule.minGradedForColour} 家的不着色。`
  );
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

/** The tiles of a compact overview: a city's districts/counties, a county's townships, a township itself. */
export function overviewTiles(root: RegionGrade): RegionGrade[] {
  if (root.level === 'city') return countyTiles(root);
  if (root.level === 'county') return townshipTiles(root);
  return [root];
}

/** A region's tile name for screen readers: "吴兴区：红色，C 类 3 / 31 家（9.7%）". */
export function tileLabel(r: Pick<RegionGrade, 'regionName' | 'colour' | 'graded' | 'counts' | 'cShare'>): string {
  return `${r.regionName}：${r.colour ? colourText(r.colour) : '未着色'}，${shareText(r)}`;
}

/** A small tile's tooltip: its share, and why it is grey when it is graded but uncoloured. */
export function tileTooltip(r: Pick<RegionGrade, 'regionName' | 'colour' | 'graded' | 'counts' | 'cShare'>): string {
  return `${r.regionName}：${shareText(r)}${!r.colour && r.graded > 0 ? '（企业过少，不着色）' : ''}`;
}

/**
 * A small tile's colours: its region colour with white text; light grey when graded but too few to colour,
 * paler still when nothing there was graded.
 */
export function tilePalette(r: Pick<RegionGrade, 'colour' | 'graded'>): { background: string; color: string } {
  if (r.colour) return { background: colourHex(r.colour), color: '#fff' };
  return r.graded > 0 ? { background: '#e8e8e8', color: '#595959' } : { background: '#fafafa', color: '#bfbfbf' };
}

/** Townships worth a tile: those with graded enterprises first, by C share; then the rest by name order. */
export function townshipTiles(county: RegionGrade): RegionGrade[] {
  const graded = county.children.filter((t) => t.graded > 0).sort((a, b) => (b.cShare ?? 0) - (a.cShare ?? 0) || b.graded - a.graded);
  return [...graded, ...county.children.filter((t) => t.graded === 0)];
}
