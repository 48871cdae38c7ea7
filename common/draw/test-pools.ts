/** TEST ONLY: the known-answer input of README.md §10 and seeded random pools for property tests. */
import type { DrawInput, DrawParams, PoolInspector, PoolTarget, RegionRule, RiskClass } from './types.ts';

export const KAT_INPUT: DrawInput = {
  params: {
    taskRef: 'KAT-1',
    ratioBasisPoints: { A: 2500, B: 5000, C: 7500, D: 10000 },
    inspectorsPerTarget: 2,
    regionRule: 'township',
    maxTargetsPerInspector: 3,
  },
  targetPool: [
    { creditCode: '913305020000000012', riskClass: 'A', regionCode: '330502001' },
    { creditCode: '913305020000000020', riskClass: 'B', regionCode: '330502001' },
    { creditCode: '913305020000000039', riskClass: 'C', regionCode: '330502100' },
    { creditCode: '913305020000000047', riskClass: 'A', regionCode: '330502100' },
    { creditCode: '913305030000000018', riskClass: 'D', regionCode: '330503100' },
    { creditCode: '913305030000000026', riskClass: 'B', regionCode: '330503100' },
    { creditCode: '913305030000000034', riskClass: 'A', regionCode: '330503' },
    { creditCode: '913305210000000014', riskClass: 'C', regionCode: '330521001' },
    { creditCode: '913305210000000022', riskClass: 'B', regionCode: '330521001' },
    { creditCode: '913305210000000030', riskClass: 'D', regionCode: '330521102' },
    { creditCode: '913305230000000016', riskClass: 'A', regionCode: '330523001' },
    { creditCode: '913305230000000024', riskClass: 'C', regionCode: '330523001' },
  ],
  inspectorPool: [
    { id: 'INS-01', certified: true, homeRegionCode: '330502001', conflicts: ['913305210000000022'] },
    { id: 'INS-02', certified: true, homeRegionCode: '330502100', conflicts: [] },
    { id: 'INS-03', certified: true, homeRegionCode: '330503100', conflicts: ['913305020000000012', '913305030000000018'] },
    { id: 'INS-04', certified: false, homeRegionCode: '330521001', conflicts: [] },
    { id: 'INS-05', certified: true, homeRegionCode: '330521', conflicts: [] },
    { id: 'INS-06', certified: true, homeRegionCode: '330523001', conflicts: ['913305230000000024'] },
    { id: 'INS-07', certified: true, homeRegionCode: '330502001', conflicts: [] },
  ],
  seed: '000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f',
  publicEntropy: '2026-12-01 见证人报数 4711',
};

/** mulberry32: a small seeded generator for building test data (not for draws). */
export function testRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TOWNSHIPS = ['330502001', '330502100', '330503100', '330503101', '330521001', '330521102', '330522001', '330523001'];
const COUNTIES = ['330502', '330503', '330521', '330522', '330523'];

export const testCreditCode = (i: number) => `91330500${String(i).padStart(9, '0')}X`;

export interface PoolShape {
  targets: number;
  inspectors: number;
  /** Share of inspectors certified, and mean number of declared conflicts per inspector. */
  certifiedShare?: number;
  conflictsPerInspector?: number;
}

/** A random but reproducible draw input; pools are shuffled (the draw must not depend on their order). */
export function randomInput(seed: number, shape: PoolShape, params: Partial<DrawParams> = {}): DrawInput {
  const rnd = testRandom(seed);
  const int = (n: number) => Math.floor(rnd() * n);
  const region = () => (rnd() < 0.85 ? (TOWNSHIPS[int(TOWNSHIPS.length)] as string) : (COUNTIES[int(COUNTIES.length)] as string));
  const classes: RiskClass[] = ['A', 'B', 'C', 'D'];
  const targetPool: PoolTarget[] = Array.from({ length: shape.targets }, (_, i) => ({
    creditCode: testCreditCode(i * 7 + 3),
    riskClass: classes[Math.min(3, Math.floor(rnd() * rnd() * 5))] as RiskClass,
    regionCode: region(),
  }));
  const meanConflicts = shape.conflictsPerInspector ?? 1;
  const inspectorPool: PoolInspector[] = Array.from({ length: shape.inspectors }, (_, i) => ({
    id: `insp-${String(i).padStart(4, '0')}`,
    certified: rnd() < (shape.certifiedShare ?? 0.9),
    homeRegionCode: region(),
    conflicts: Array.from({ length: int(meanConflicts * 2 + 1) }, () => (targetPool[int(targetPool.length)] as PoolTarget | undefined)?.creditCode).filter(
      (c): c is string => c !== undefined,
    ),
  }));
  const rules: RegionRule[] = ['none', 'county', 'township'];
  const seedHex = Array.from({ length: 32 }, () => int(256).toString(16).padStart(2, '0')).join('');
  const shuffle = <T>(a: T[]) => {
    for (let i = a.length - 1; i > 0; i--) {
      const j = int(i + 1);
      [a[i], a[j]] = [a[j] as T, a[i] as T];
    }
    return a;
  };
  return {
    params: {
      taskRef: `T-${seed}`,
      ratioBasisPoints: { A: int(1001), B: 500 + int(1501), C: 2100 + int(3901), D: 6100 + int(3901) },
      inspectorsPerTarget: 2 + (rnd() < 0.3 ? int(3) : 0),
      regionRule: rules[int(3)] as RegionRule,
      maxTargetsPerInspector: rnd() < 0.4 ? 1 + int(6) : null,
      ...params,
    },
    targetPool: shuffle(targetPool),
    inspectorPool: shuffle(inspectorPool),
    seed: seedHex,
    publicEntropy: rnd() < 0.5 ? '' : `witness ${int(100000)} 见证`,
  };
}
