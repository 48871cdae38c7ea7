import { type CanonicalPools, canonicalise, commitmentOf, entropyBytes, poolHashOf, validateSeed } from './canonical.ts';
import { DrawInputError, InsufficientInspectorsError, RedrawError } from './errors.ts';
import { fromHex, HmacSha256 } from './sha256.ts';
import { DrawStream, deriveStreamKey, INSPECTORS_LABEL, redrawLabel, TARGETS_LABEL } from './stream.ts';
import {
  DRAW_FORMAT,
  type DrawInput,
  type DrawnTarget,
  type PoolInspector,
  type PoolTarget,
  type PublishedDraw,
  type Redraw,
  type RegionRule,
  RISK_CLASSES,
  type Stratum,
} from './types.ts';

/**
 * The draw of README.md §6–§8. The implementation is O(n + k·log m) for n pool entries, k drawn targets and m
 * inspectors: sparse Fisher–Yates (only touched positions are stored) and, for the inspectors, one Fenwick tree per
 * regional exclusion group standing for the eligible list the specification materialises per target. The test
 * file checks it against a literal implementation of the README (reference-for-tests.ts). Array reads written
 * `a[i] as T` are within bounds (noUncheckedIndexedAccess cannot see it).
 */

/** What is published before the draw: the pool hash and the seed commitment. */
export function commitToDraw(input: Pick<DrawInput, 'params' | 'targetPool' | 'inspectorPool' | 'seed'>): { poolHash: string; commitment: string } {
  const pools = canonicalise(input);
  const seed = fromHex(validateSeed(input.seed)) as Uint8Array; // validated as 64 hex digits
  return { poolHash: poolHashOf(pools), commitment: commitmentOf(seed) };
}

/** The canonical pools, hashes and stream key of a draw input (validated; throws DrawInputError). */
export interface PreparedDraw {
  pools: CanonicalPools;
  seed: string;
  publicEntropy: string;
  poolHash: string;
  commitment: string;
  streamKey: HmacSha256;
}

export function prepareDraw(input: { params: unknown; targetPool: unknown; inspectorPool: unknown; seed: unknown; publicEntropy: unknown }): PreparedDraw {
  const pools = canonicalise(input);
  return prepareCanonicalDraw(pools, poolHashOf(pools), input.seed, input.publicEntropy);
}

/**
 * prepareDraw for pools already in canonical form whose poolHash the caller has computed over their canonical
 * document (README §3) — the server's frozen document, hashed as stored, skips validating and serialising a
 * million entries again. `poolHash` must be that hash: the stream key is derived from it (README §5).
 */
export function prepareCanonicalDraw(pools: CanonicalPools, poolHash: string, seed: unknown, publicEntropy: unknown): PreparedDraw {
  const validSeed = validateSeed(seed);
  const entropy = entropyBytes(publicEntropy);
  const hashBytes = fromHex(poolHash);
  if (hashBytes?.length !== 32) throw new DrawInputError('poolHash', '64 lower-case hex digits (SHA-256)', poolHash);
  const seedBytes = fromHex(validSeed) as Uint8Array; // validated as 64 hex digits
  const key = deriveStreamKey(seedBytes, hashBytes, entropy);
  return {
    pools,
    seed: validSeed,
    publicEntropy: publicEntropy as string, // entropyBytes accepted it as a string
    poolHash,
    commitment: commitmentOf(seedBytes),
    streamKey: new HmacSha256(key),
  };
}

/**
 * Partial Fisher–Yates over positions 0…m−1 (README §6): for i < k, j = i + uniform(m − i), swap. Returns the
 * positions that end up at 0…k−1, in order. Swaps are kept sparse unless k is a large share of m.
 */
export function partialFisherYates(m: number, k: number, uniform: (n: number) => number): number[] {
  const out = new Array<number>(k);
  if (k * 4 >= m) {
    const a = new Int32Array(m);
    for (let i = 0; i < m; i++) a[i] = i;
    for (let i = 0; i < k; i++) {
      const j = i + uniform(m - i);
      const vj = a[j] as number;
      a[j] = a[i] as number;
      a[i] = vj;
      out[i] = vj;
    }
    return out;
  }
  const moved = new Map<number, number>();
  for (let i = 0; i < k; i++) {
    const j = i + uniform(m - i);
    const vj = moved.get(j) ?? j;
    moved.set(j, moved.get(i) ?? i);
    out[i] = vj;
  }
  return out;
}

/** k = ceil(ratio × N) in exact integer arithmetic, ratio in basis points. */
export function sampleSize(basisPoints: number, poolSize: number): number {
  return Math.floor((basisPoints * poolSize + 9999) / 10000);
}

/** README §7: whether the region rule keeps an inspector away from a target. */
export function excludedByRegion(rule: RegionRule, home: string, region: string): boolean {
  if (rule === 'none') return false;
  if (rule === 'township' && home.length === 9 && region.length === 9) return home === region;
  return home.slice(0, 6) === region.slice(0, 6);
}

function drawTargets(pools: CanonicalPools, key: HmacSha256): { strata: Stratum[]; positions: number[] } {
  const stream = new DrawStream(key, TARGETS_LABEL);
  const uniform = (n: number) => stream.uniform(n);
  // Each stratum as positions in the pool (ascending, so in pool order, as README §6 lists it).
  const byClass = new Map(RISK_CLASSES.map((c) => [c, [] as number[]]));
  for (let p = 0; p < pools.targets.length; p++) byClass.get((pools.targets[p] as PoolTarget).riskClass)?.push(p);
  const strata: Stratum[] = [];
  const positions: number[] = [];
  for (const c of RISK_CLASSES) {
    const stratum = byClass.get(c) ?? [];
    const k = sampleSize(pools.params.ratioBasisPoints[c], stratum.length);
    for (const i of partialFisherYates(stratum.length, k, uniform)) positions.push(stratum[i] as number);
    strata.push({ riskClass: c, poolSize: stratum.length, drawn: k });
  }
  return { strata, positions };
}

/** Prefix sums over 0/1 flags with point updates and "position of the k-th one" in O(log n). */
class Fenwick {
  private readonly tree: Int32Array;
  private readonly n: number;
  private readonly top: number;
  total = 0;

  constructor(flags: Uint8Array) {
    this.n = flags.length;
    this.tree = new Int32Array(this.n + 1);
    for (let i = 1; i <= this.n; i++) {
      this.tree[i] = (this.tree[i] as number) + (flags[i - 1] as number);
      this.total += flags[i - 1] as number;
      const j = i + (i & -i);
      if (j <= this.n) this.tree[j] = (this.tree[j] as number) + (this.tree[i] as number);
    }
    let top = 1;
    while (top * 2 <= this.n) top *= 2;
    this.top = top;
  }

  add(position: number, delta: number): void {
    this.total += delta;
    for (let i = position + 1; i <= this.n; i += i & -i) this.tree[i] = (this.tree[i] as number) + delta;
  }

  /** 0-based position of the (k+1)-th one, 0 <= k < total. */
  select(k: number): number {
    let pos = 0;
    let rest = k + 1;
    for (let step = this.top; step > 0; step >>= 1) {
      const next = pos + step;
      if (next <= this.n && (this.tree[next] as number) < rest) {
        pos = next;
        rest -= this.tree[next] as number;
      }
    }
    return pos;
  }
}

function assignInspectors(pools: CanonicalPools, drawn: PoolTarget[], key: HmacSha256): DrawnTarget[] {
  const { regionRule, inspectorsPerTarget: r, maxTargetsPerInspector: cap } = pools.params;
  const certified = pools.inspectors.filter((i) => i.certified); // ascending id, as the pool
  const m = certified.length;
  const conflictsOf = new Map<string, number[]>();
  certified.forEach((inspector, p) => {
    for (const code of inspector.conflicts) {
      const list = conflictsOf.get(code);
      if (list) list.push(p);
      else conflictsOf.set(code, [p]);
    }
  });
  const load = new Int32Array(m);
  const capped = new Uint8Array(m);
  const groups = new Map<string, { member: Uint8Array; tree: Fenwick }>();
  const groupOf = (t: PoolTarget) => {
    const key = regionRule === 'none' ? '' : regionRule === 'county' ? t.regionCode.slice(0, 6) : t.regionCode;
    let g = groups.get(key);
    if (!g) {
      const member = new Uint8Array(m);
      const flags = new Uint8Array(m);
      for (let p = 0; p < m; p++) {
        member[p] = excludedByRegion(regionRule, (certified[p] as PoolInspector).homeRegionCode, t.regionCode) ? 0 : 1;
        flags[p] = member[p] === 1 && capped[p] === 0 ? 1 : 0;
      }
      g = { member, tree: new Fenwick(flags) };
      groups.set(key, g);
    }
    return g;
  };

  const stream = new DrawStream(key, INSPECTORS_LABEL);
  const uniform = (n: number) => stream.uniform(n);
  const out: DrawnTarget[] = [];
  for (const t of drawn) {
    const g = groupOf(t);
    const removed: number[] = [];
    for (const p of conflictsOf.get(t.creditCode) ?? []) {
      if (g.member[p] === 1 && capped[p] === 0) {
        g.tree.add(p, -1);
        removed.push(p);
      }
    }
    const eligible = g.tree.total;
    if (eligible < r) throw new InsufficientInspectorsError(t.creditCode, eligible, r);
    const chosen = partialFisherYates(eligible, r, uniform).map((i) => g.tree.select(i));
    for (const p of removed) g.tree.add(p, 1);
    for (const p of chosen) {
      load[p] = (load[p] as number) + 1;
      if (cap !== null && (load[p] as number) >= cap) {
        capped[p] = 1;
        for (const h of groups.values()) if (h.member[p] === 1) h.tree.add(p, -1);
      }
    }
    out.push({ creditCode: t.creditCode, riskClass: t.riskClass, inspectors: chosen.map((p) => (certified[p] as PoolInspector).id) });
  }
  return out;
}

/**
 * The draw from prepared inputs: strata and targets with their inspectors (no redraws); `positions[i]` is the
 * index in `prepared.pools.targets` of `targets[i]` (for a caller that stores the targets with their pool data).
 */
export function computeDraw(prepared: PreparedDraw): { strata: Stratum[]; targets: DrawnTarget[]; positions: number[] } {
  const { strata, positions } = drawTargets(prepared.pools, prepared.streamKey);
  const drawn = positions.map((p) => prepared.pools.targets[p] as PoolTarget);
  return { strata, targets: assignInspectors(prepared.pools, drawn, prepared.streamKey), positions };
}

/**
 * The 双随机 draw: targets stratified by credit class, then inspectors per target with recusal applied before the
 * draw. Returns the whole public record (canonical pools, revealed seed, result). Throws DrawInputError for a
 * malformed input and InsufficientInspectorsError naming the first target that cannot get enough inspectors.
 */
export function drawInspection(input: DrawInput): PublishedDraw {
  return publishDraw(prepareDraw(input));
}

/** Runs the draw on prepared inputs and returns the whole public record (no redraws yet). */
export function publishDraw(prepared: PreparedDraw): PublishedDraw {
  const { strata, targets } = computeDraw(prepared);
  return {
    format: DRAW_FORMAT,
    params: prepared.pools.params,
    targetPool: prepared.pools.targets,
    inspectorPool: prepared.pools.inspectors,
    seed: prepared.seed,
    publicEntropy: prepared.publicEntropy,
    commitment: prepared.commitment,
    poolHash: prepared.poolHash,
    strata,
    targets,
    redraws: [],
  };
}

/**
 * README §8: replaces `recusedId` on target `creditCode` in `targets` (mutated) with an inspector drawn from stream
 * `redraw/<seq>`, and returns the replacement's id. `earlier` are the redraws applied before this one.
 */
export function applyRedraw(
  pools: CanonicalPools,
  key: HmacSha256,
  targets: DrawnTarget[],
  earlier: Pick<Redraw, 'creditCode' | 'recusedInspectorId'>[],
  creditCode: string,
  recusedId: string,
): string {
  const target = targets.find((t) => t.creditCode === creditCode);
  if (!target) throw new RedrawError(`target ${creditCode} was not drawn`);
  const slot = target.inspectors.indexOf(recusedId);
  if (slot < 0) throw new RedrawError(`inspector ${recusedId} is not assigned to target ${creditCode}`);
  const region = pools.targets.find((t) => t.creditCode === creditCode)?.regionCode ?? '';
  const { regionRule, maxTargetsPerInspector: cap } = pools.params;
  const recused = new Set([recusedId, ...earlier.filter((e) => e.creditCode === creditCode).map((e) => e.recusedInspectorId)]);
  const load = new Map<string, number>();
  for (const t of targets) for (const id of t.inspectors) load.set(id, (load.get(id) ?? 0) + 1);
  load.set(recusedId, (load.get(recusedId) ?? 1) - 1);
  const eligible = pools.inspectors.filter(
    (i) =>
      i.certified &&
      !i.conflicts.includes(creditCode) &&
      !excludedByRegion(regionRule, i.homeRegionCode, region) &&
      !target.inspectors.includes(i.id) &&
      !recused.has(i.id) &&
      (cap === null || (load.get(i.id) ?? 0) < cap),
  );
  if (eligible.length === 0) throw new InsufficientInspectorsError(creditCode, 0, 1);
  const stream = new DrawStream(key, redrawLabel(earlier.length + 1));
  const replacement = (eligible[stream.uniform(eligible.length)] as PoolInspector).id;
  target.inspectors[slot] = replacement;
  return replacement;
}
