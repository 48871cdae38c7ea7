import { describe, expect, it } from 'vitest';
import { canonicalise, canonicalPoolBytes, commitmentOf, createSeed } from './canonical.ts';
import { commitToDraw, drawInspection, excludedByRegion, sampleSize } from './draw.ts';
import { DrawInputError, InsufficientInspectorsError, RedrawError } from './errors.ts';
import { referenceCanonicalText, referenceDraw, referenceRedraw, referenceStreamKey } from './reference-for-tests.ts';
import { fromHex, sha256, toHex } from './sha256.ts';
import { deriveStreamKey } from './stream.ts';
import { KAT_INPUT, randomInput } from './test-pools.ts';
import type { DrawInput, PublishedDraw } from './types.ts';
import { redrawTarget, verifyDraw } from './verify.ts';

/** The frozen answer for KAT_INPUT (README.md §10). Computed once; any change to the algorithm breaks it on purpose. */
const KAT = {
  poolHash: '346c3c12357d331d0e2ebdab8f23cbbe7fd85b0ed4e44e432d25a373c39d3985',
  commitment: '630dcd2966c4336691125448bbb25b4ff412a49c732db2c8abc1b8581bd710dd',
  streamKey: '54740e1385d4945100d174e937a08b90dd708e4c52afe951c2bb308a1d0600a3',
  strata: [
    { riskClass: 'A', poolSize: 4, drawn: 1 },
    { riskClass: 'B', poolSize: 3, drawn: 2 },
    { riskClass: 'C', poolSize: 3, drawn: 3 },
    { riskClass: 'D', poolSize: 2, drawn: 2 },
  ],
  targets: [
    { creditCode: '913305230000000016', riskClass: 'A', inspectors: ['INS-03', 'INS-02'] },
    { creditCode: '913305210000000022', riskClass: 'B', inspectors: ['INS-03', 'INS-07'] },
    { creditCode: '913305030000000026', riskClass: 'B', inspectors: ['INS-01', 'INS-07'] },
    { creditCode: '913305230000000024', riskClass: 'C', inspectors: ['INS-07', 'INS-03'] },
    { creditCode: '913305020000000039', riskClass: 'C', inspectors: ['INS-06', 'INS-05'] },
    { creditCode: '913305210000000014', riskClass: 'C', inspectors: ['INS-01', 'INS-02'] },
    { creditCode: '913305030000000018', riskClass: 'D', inspectors: ['INS-02', 'INS-05'] },
    { creditCode: '913305210000000030', riskClass: 'D', inspectors: ['INS-01', 'INS-06'] },
  ],
};

const KAT_CANONICAL = [
  'zhiliang-draw/1',
  'taskRef\tKAT-1',
  'ratioBasisPoints\t2500\t5000\t7500\t10000',
  'inspectorsPerTarget\t2',
  'regionRule\ttownship',
  'maxTargetsPerInspector\t3',
  'targets\t12',
  '913305020000000012\tA\t330502001',
  '913305020000000020\tB\t330502001',
  '913305020000000039\tC\t330502100',
  '913305020000000047\tA\t330502100',
  '913305030000000018\tD\t330503100',
  '913305030000000026\tB\t330503100',
  '913305030000000034\tA\t330503',
  '913305210000000014\tC\t330521001',
  '913305210000000022\tB\t330521001',
  '913305210000000030\tD\t330521102',
  '913305230000000016\tA\t330523001',
  '913305230000000024\tC\t330523001',
  'inspectors\t7',
  'INS-01\t1\t330502001\t913305210000000022',
  'INS-02\t1\t330502100\t',
  'INS-03\t1\t330503100\t913305020000000012,913305030000000018',
  'INS-04\t0\t330521001\t',
  'INS-05\t1\t330521\t',
  'INS-06\t1\t330523001\t913305230000000024',
  'INS-07\t1\t330502001\t',
  '',
].join('\n');

const reversed = (input: DrawInput): DrawInput => ({
  ...input,
  targetPool: [...input.targetPool].reverse(),
  inspectorPool: [...input.inspectorPool].reverse(),
});

describe('known-answer vector (README.md §10)', () => {
  it('canonical document, poolHash, commitment and stream key', () => {
    const bytes = canonicalPoolBytes(canonicalise(KAT_INPUT));
    expect(new TextDecoder().decode(bytes)).toBe(KAT_CANONICAL);
    expect(referenceCanonicalText(KAT_INPUT)).toBe(KAT_CANONICAL);
    expect(commitToDraw(KAT_INPUT)).toEqual({ poolHash: KAT.poolHash, commitment: KAT.commitment });
    const key = deriveStreamKey(fromHex(KAT_INPUT.seed) as Uint8Array, fromHex(KAT.poolHash) as Uint8Array, new TextEncoder().encode(KAT_INPUT.publicEntropy));
    expect(toHex(key)).toBe(KAT.streamKey);
  });

  it('the draw, byte for byte, also from the pools in another order', () => {
    const d = drawInspection(KAT_INPUT);
    expect({ poolHash: d.poolHash, commitment: d.commitment, strata: d.strata, targets: d.targets }).toEqual({
      poolHash: KAT.poolHash,
      commitment: KAT.commitment,
      strata: KAT.strata,
      targets: KAT.targets,
    });
    expect(JSON.stringify(drawInspection(reversed(KAT_INPUT)))).toBe(JSON.stringify(d));
    expect(referenceDraw(KAT_INPUT)).toEqual({
      poolHash: KAT.poolHash,
      commitment: KAT.commitment,
      streamKey: KAT.streamKey,
      strata: KAT.strata,
      targets: KAT.targets,
    });
  });

  it('a redraw after 913305230000000016 recuses INS-02: INS-05 is the only one left (INS-01, INS-07 at the cap, INS-06 same township)', () => {
    const r = redrawTarget(drawInspection(KAT_INPUT), '913305230000000016', 'INS-02', '当事人申请回避（亲属关系）', '局长');
    expect(r.redraws).toEqual([
      {
        seq: 1,
        creditCode: '913305230000000016',
        recusedInspectorId: 'INS-02',
        replacementId: 'INS-05',
        reason: '当事人申请回避（亲属关系）',
        approvedBy: '局长',
      },
    ]);
    expect(r.targets[0]).toEqual({ creditCode: '913305230000000016', riskClass: 'A', inspectors: ['INS-03', 'INS-05'] });
    expect(verifyDraw(r)).toEqual({ consistent: true, firstDifference: null });
    // recusing INS-05 too leaves nobody: INS-02 recused before, INS-03 on the target, INS-04 uncertified, INS-06 same township
    expect(() => redrawTarget(r, '913305230000000016', 'INS-05', '再次申请回避')).toThrow(InsufficientInspectorsError);
  });
});

describe('determinism and sensitivity', () => {
  const base = randomInput(11, { targets: 400, inspectors: 40 }, { regionRule: 'county', maxTargetsPerInspector: null, inspectorsPerTarget: 2 });
  const d = drawInspection(base);
  const key = (p: PublishedDraw) => JSON.stringify(p.targets);

  it('the same input always gives the same record, whatever the pool order', () => {
    expect(JSON.stringify(drawInspection(base))).toBe(JSON.stringify(d));
    expect(JSON.stringify(drawInspection(reversed(base)))).toBe(JSON.stringify(d));
    expect(verifyDraw(JSON.parse(JSON.stringify(d)))).toEqual({ consistent: true, firstDifference: null });
  });

  const changes: [string, (i: DrawInput) => DrawInput][] = [
    ['one target’s class', (i) => ({ ...i, targetPool: i.targetPool.map((t, n) => (n === 5 ? { ...t, riskClass: t.riskClass === 'A' ? 'B' : 'A' } : t)) })],
    [
      'one target’s region',
      (i) => ({ ...i, targetPool: i.targetPool.map((t, n) => (n === 9 ? { ...t, regionCode: t.regionCode === '330523' ? '330522' : '330523' } : t)) }),
    ],
    ['one target more', (i) => ({ ...i, targetPool: [...i.targetPool, { creditCode: '91330500999999999X', riskClass: 'D', regionCode: '330502' }] })],
    [
      'one inspector’s conflicts',
      (i) => ({ ...i, inspectorPool: i.inspectorPool.map((p, n) => (n === 3 ? { ...p, conflicts: [...p.conflicts, '91330500999999998X'] } : p)) }),
    ],
    ['one inspector’s certification', (i) => ({ ...i, inspectorPool: i.inspectorPool.map((p, n) => (n === 4 ? { ...p, certified: !p.certified } : p)) })],
    ['the public entropy', (i) => ({ ...i, publicEntropy: `${i.publicEntropy}1` })],
    ['one bit of the seed', (i) => ({ ...i, seed: `${i.seed.slice(0, 63)}${(Number.parseInt(i.seed.slice(63), 16) ^ 1).toString(16)}` })],
    [
      'one ratio by one basis point',
      (i) => ({ ...i, params: { ...i.params, ratioBasisPoints: { ...i.params.ratioBasisPoints, C: i.params.ratioBasisPoints.C + 1 } } }),
    ],
    ['the region rule', (i) => ({ ...i, params: { ...i.params, regionRule: 'none' } })],
    ['the task reference', (i) => ({ ...i, params: { ...i.params, taskRef: 'T-other' } })],
  ];

  it.each(changes)('changing %s changes the draw, and the published record no longer verifies with it', (_, change) => {
    const changed = change(base);
    expect(key(drawInspection(changed))).not.toBe(key(d));
    const tampered = {
      ...d,
      params: changed.params,
      targetPool: changed.targetPool,
      inspectorPool: changed.inspectorPool,
      seed: changed.seed,
      publicEntropy: changed.publicEntropy,
    };
    expect(verifyDraw(tampered).consistent).toBe(false);
  });

  it('a fresh seed is 32 random bytes and its commitment is the SHA-256 of those bytes', () => {
    const seed = createSeed();
    expect(seed).toMatch(/^[0-9a-f]{64}$/);
    expect(createSeed()).not.toBe(seed);
    expect(commitmentOf(fromHex(seed) as Uint8Array)).toBe(commitToDraw({ ...base, seed }).commitment);
  });
});

describe('properties over many random pools (against the literal README implementation)', () => {
  it('equals the reference, never draws a declared conflict, always the required number of distinct certified inspectors', () => {
    let draws = 0;
    let refusals = 0;
    for (let s = 1; s <= 150; s++) {
      const input = randomInput(s, { targets: 5 + (s % 60) * 3, inspectors: 3 + (s % 25), conflictsPerInspector: s % 4 });
      const ref = referenceDraw(input);
      if ('insufficient' in ref) {
        refusals++;
        let error: unknown;
        try {
          drawInspection(input);
        } catch (e) {
          error = e;
        }
        expect(error).toBeInstanceOf(InsufficientInspectorsError);
        expect((error as InsufficientInspectorsError).creditCode).toBe(ref.insufficient);
        continue;
      }
      draws++;
      const d = drawInspection(input);
      expect({ poolHash: d.poolHash, commitment: d.commitment, strata: d.strata, targets: d.targets }, `seed ${s}`).toEqual({
        poolHash: ref.poolHash,
        commitment: ref.commitment,
        strata: ref.strata,
        targets: ref.targets,
      });
      const p = input.params;
      const byId = new Map(input.inspectorPool.map((i) => [i.id, i]));
      const regionOf = new Map(input.targetPool.map((t) => [t.creditCode, t.regionCode]));
      const load = new Map<string, number>();
      for (const t of d.targets) {
        expect(t.inspectors.length).toBe(p.inspectorsPerTarget);
        expect(new Set(t.inspectors).size).toBe(t.inspectors.length);
        expect(t.inspectors.length).toBeGreaterThanOrEqual(2);
        for (const id of t.inspectors) {
          const i = byId.get(id);
          expect(i?.certified).toBe(true);
          expect(i?.conflicts).not.toContain(t.creditCode);
          expect(excludedByRegion(p.regionRule, i?.homeRegionCode ?? '', regionOf.get(t.creditCode) ?? '')).toBe(false);
          load.set(id, (load.get(id) ?? 0) + 1);
        }
      }
      if (p.maxTargetsPerInspector !== null) for (const n of load.values()) expect(n).toBeLessThanOrEqual(p.maxTargetsPerInspector);
      for (const s of d.strata) expect(s.drawn).toBe(sampleSize(p.ratioBasisPoints[s.riskClass], s.poolSize));
      expect(new Set(d.targets.map((t) => t.creditCode)).size).toBe(d.targets.length);
      expect(verifyDraw(d).consistent).toBe(true);
    }
    expect(draws).toBeGreaterThan(60);
    expect(refusals).toBeGreaterThan(5);
  });

  it('redraws equal the reference, never bring back a recused inspector, and verify', () => {
    for (let s = 200; s < 240; s++) {
      const input = randomInput(s, { targets: 60, inspectors: 14, conflictsPerInspector: 1 }, { inspectorsPerTarget: 2 });
      let d: PublishedDraw;
      try {
        d = drawInspection(input);
      } catch (e) {
        if (e instanceof InsufficientInspectorsError) continue;
        throw e;
      }
      const key = referenceStreamKey(input.seed, d.poolHash, input.publicEntropy);
      const mirror = d.targets.map((t) => ({ ...t, inspectors: [...t.inspectors] }));
      const recusedFrom = new Map<string, Set<string>>();
      for (let n = 0; n < 6 && d.targets.length > 0; n++) {
        const t = d.targets[(s * 7 + n * 3) % d.targets.length];
        if (!t) break;
        const recused = t.inspectors[n % t.inspectors.length] as string;
        const expected = referenceRedraw(input, key, mirror, d.redraws, t.creditCode, recused);
        if (expected === null) {
          expect(() => redrawTarget(d, t.creditCode, recused, '回避')).toThrow(InsufficientInspectorsError);
          break;
        }
        d = redrawTarget(d, t.creditCode, recused, '回避');
        const done = d.redraws.at(-1);
        expect(done?.replacementId).toBe(expected);
        const set = recusedFrom.get(t.creditCode) ?? new Set<string>();
        set.add(recused);
        recusedFrom.set(t.creditCode, set);
        const now = d.targets.find((x) => x.creditCode === t.creditCode);
        for (const id of set) expect(now?.inspectors).not.toContain(id);
        expect(new Set(now?.inspectors).size).toBe(2);
      }
      expect(d.targets).toEqual(mirror);
      expect(verifyDraw(d)).toEqual({ consistent: true, firstDifference: null });
    }
  });
});

describe('uniformity over many whole draws (chi-square, loose bounds)', () => {
  it('each target of a stratum and each eligible inspector is drawn equally often across seeds', () => {
    const targets = Array.from({ length: 10 }, (_, i) => ({
      creditCode: `9133050000000000${String(i).padStart(2, '0')}`,
      riskClass: 'B' as const,
      regionCode: '330502001',
    }));
    const inspectors = Array.from({ length: 8 }, (_, i) => ({ id: `I${i}`, certified: true, homeRegionCode: '330523001', conflicts: [] }));
    const params = { ...KAT_INPUT.params, ratioBasisPoints: { A: 0, B: 3000, C: 0, D: 0 }, maxTargetsPerInspector: null };
    const targetCounts = new Map<string, number>();
    const inspectorCounts = new Map<string, number>();
    const runs = 3000;
    for (let n = 0; n < runs; n++) {
      const seed = toHex(sha256(new TextEncoder().encode(`uniformity ${n}`)));
      const d = drawInspection({ params, targetPool: targets, inspectorPool: inspectors, seed, publicEntropy: '' });
      for (const t of d.targets) {
        targetCounts.set(t.creditCode, (targetCounts.get(t.creditCode) ?? 0) + 1);
        for (const id of t.inspectors) inspectorCounts.set(id, (inspectorCounts.get(id) ?? 0) + 1);
      }
    }
    const chi = (counts: number[]) => {
      const mean = counts.reduce((a, b) => a + b, 0) / counts.length;
      return counts.reduce((sum, c) => sum + (c - mean) ** 2 / mean, 0);
    };
    expect(targetCounts.size).toBe(10);
    expect([...targetCounts.values()].reduce((a, b) => a + b, 0)).toBe(runs * 3);
    expect(chi([...targetCounts.values()])).toBeLessThan(40); // df = 9
    expect(inspectorCounts.size).toBe(8);
    expect(chi([...inspectorCounts.values()])).toBeLessThan(40); // df = 7
  });
});

describe('edge cases', () => {
  it.each([
    ['township', '330502001', '330502001', true],
    ['township', '330502001', '330502100', false],
    ['township', '330502', '330502100', true], // home township unknown: the cautious reading
    ['township', '330502001', '330502', true],
    ['township', '330503001', '330502001', false],
    ['county', '330502001', '330502100', true],
    ['county', '330503001', '330502100', false],
    ['none', '330502001', '330502001', false],
  ] as const)('region rule %s: inspector from %s, target in %s → excluded %s', (rule, home, region, excluded) => {
    expect(excludedByRegion(rule, home, region)).toBe(excluded);
  });

  it('k = ceil(ratio × N) exactly: 5 % of 1 is 1, 5 % of 20 is 1, 5 % of 21 is 2, 0 % is 0, 100 % is all', () => {
    expect([sampleSize(500, 1), sampleSize(500, 20), sampleSize(500, 21), sampleSize(0, 1000), sampleSize(10000, 7), sampleSize(2000, 0)]).toEqual([
      1, 1, 2, 0, 7, 0,
    ]);
    expect(sampleSize(700, 1_000_000)).toBe(70_000);
    expect(sampleSize(1, 1_000_000)).toBe(100);
  });

  it('empty pools give an empty draw that verifies', () => {
    const d = drawInspection({ ...KAT_INPUT, targetPool: [], inspectorPool: [] });
    expect(d.targets).toEqual([]);
    expect(d.strata.map((s) => s.poolSize)).toEqual([0, 0, 0, 0]);
    expect(verifyDraw(d).consistent).toBe(true);
  });
});

describe('refusals', () => {
  it('names the target when fewer than the required inspectors are eligible (never assigns fewer)', () => {
    const input: DrawInput = {
      ...KAT_INPUT,
      params: { ...KAT_INPUT.params, maxTargetsPerInspector: null },
      // every certified inspector except INS-02 declares a conflict with the only D target drawn first in its stratum
      inspectorPool: KAT_INPUT.inspectorPool.map((i) => (i.id === 'INS-02' ? i : { ...i, conflicts: [...i.conflicts, '913305030000000018'] })),
    };
    let error: unknown;
    try {
      drawInspection(input);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InsufficientInspectorsError);
    expect(error).toMatchObject({ creditCode: '913305030000000018', eligible: 1, required: 2 });
  });

  it.each([
    [
      'duplicate credit code',
      (i: DrawInput) => ({ ...i, targetPool: [...i.targetPool, { ...(i.targetPool[2] as DrawInput['targetPool'][number]) }] }),
      'targetPool[12].creditCode',
    ],
    ['bad class', (i: DrawInput) => ({ ...i, targetPool: i.targetPool.map((t, n) => (n === 4 ? { ...t, riskClass: 'E' } : t)) }), 'targetPool[4].riskClass'],
    [
      'bad region',
      (i: DrawInput) => ({ ...i, targetPool: i.targetPool.map((t, n) => (n === 1 ? { ...t, regionCode: '3305' } : t)) }),
      'targetPool[1].regionCode',
    ],
    [
      'duplicate inspector',
      (i: DrawInput) => ({ ...i, inspectorPool: [...i.inspectorPool, { ...(i.inspectorPool[0] as DrawInput['inspectorPool'][number]) }] }),
      'inspectorPool[7].id',
    ],
    [
      'bad conflict code',
      (i: DrawInput) => ({ ...i, inspectorPool: i.inspectorPool.map((p, n) => (n === 2 ? { ...p, conflicts: ['nope'] } : p)) }),
      'inspectorPool[2].conflicts[0]',
    ],
    ['one inspector per target', (i: DrawInput) => ({ ...i, params: { ...i.params, inspectorsPerTarget: 1 } }), 'params.inspectorsPerTarget'],
    [
      'ratio above 100 %',
      (i: DrawInput) => ({ ...i, params: { ...i.params, ratioBasisPoints: { ...i.params.ratioBasisPoints, D: 10001 } } }),
      'params.ratioBasisPoints.D',
    ],
    [
      'fractional ratio',
      (i: DrawInput) => ({ ...i, params: { ...i.params, ratioBasisPoints: { ...i.params.ratioBasisPoints, A: 2.5 } } }),
      'params.ratioBasisPoints.A',
    ],
    ['upper-case seed', (i: DrawInput) => ({ ...i, seed: i.seed.toUpperCase() }), 'seed'],
    ['short seed', (i: DrawInput) => ({ ...i, seed: i.seed.slice(2) }), 'seed'],
    ['lone surrogate in the entropy', (i: DrawInput) => ({ ...i, publicEntropy: 'x\ud800' }), 'publicEntropy'],
    ['entropy too long', (i: DrawInput) => ({ ...i, publicEntropy: '见'.repeat(100) }), 'publicEntropy'],
  ] as const)('%s → DrawInputError at %s', (_, change, path) => {
    let error: unknown;
    try {
      drawInspection(change(KAT_INPUT) as DrawInput);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DrawInputError);
    expect((error as DrawInputError).path).toBe(path);
  });

  it('a redraw needs a drawn target, an assigned inspector, a reason and a record that verifies', () => {
    const d = drawInspection(KAT_INPUT);
    expect(() => redrawTarget(d, '913305020000000012', 'INS-01', 'x')).toThrow(RedrawError); // not drawn
    expect(() => redrawTarget(d, '913305230000000016', 'INS-01', 'x')).toThrow(RedrawError); // not assigned to it
    expect(() => redrawTarget(d, '913305230000000016', 'INS-02', '  ')).toThrow(DrawInputError);
    const tampered = { ...d, targets: d.targets.map((t, n) => (n === 1 ? { ...t, inspectors: ['INS-02', 'INS-07'] } : t)) };
    expect(() => redrawTarget(tampered, '913305230000000016', 'INS-02', '回避')).toThrow(/does not verify.*targets\[1\]\.inspectors\[0\]/);
  });
});
