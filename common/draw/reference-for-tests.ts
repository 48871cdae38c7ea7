/**
 * TEST ONLY: a literal transcription of README.md §3–§8, written apart from the production code (node:crypto for
 * SHA-256/HMAC, whole arrays, no Fenwick trees, no sparse swaps), so the tests can check that the fast
 * implementation computes exactly what the specification says. Inputs are assumed valid.
 */
import { createHash, createHmac } from 'node:crypto';
import type { DrawInput, DrawnTarget, PoolInspector, PoolTarget, RegionRule, Stratum } from './types.ts';

const ascending =
  <T>(key: (x: T) => string) =>
  (a: T, b: T) =>
    key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;

export function referenceCanonicalText(input: Pick<DrawInput, 'params' | 'targetPool' | 'inspectorPool'>): string {
  const p = input.params;
  const r = p.ratioBasisPoints;
  const lines = [
    'zhiliang-draw/1',
    `taskRef\t${p.taskRef}`,
    `ratioBasisPoints\t${r.A}\t${r.B}\t${r.C}\t${r.D}`,
    `inspectorsPerTarget\t${p.inspectorsPerTarget}`,
    `regionRule\t${p.regionRule}`,
    `maxTargetsPerInspector\t${p.maxTargetsPerInspector ?? 0}`,
    `targets\t${input.targetPool.length}`,
    ...[...input.targetPool].sort(ascending((t) => t.creditCode)).map((t) => `${t.creditCode}\t${t.riskClass}\t${t.regionCode}`),
    `inspectors\t${input.inspectorPool.length}`,
    ...[...input.inspectorPool]
      .sort(ascending((i) => i.id))
      .map((i) => `${i.id}\t${i.certified ? 1 : 0}\t${i.homeRegionCode}\t${[...new Set(i.conflicts)].sort().join(',')}`),
  ];
  return `${lines.join('\n')}\n`;
}

class ReferenceStream {
  private words: number[] = [];
  private block = 0;
  private readonly key: Buffer;
  private readonly label: string;
  constructor(key: Buffer, label: string) {
    this.key = key;
    this.label = label;
  }
  word(): number {
    if (this.words.length === 0) {
      const counter = Buffer.alloc(8);
      counter.writeBigUInt64BE(BigInt(this.block++));
      const b = createHmac('sha256', this.key)
        .update(Buffer.from(this.label, 'ascii'))
        .update(Buffer.from([0]))
        .update(counter)
        .digest();
      for (let i = 0; i < 32; i += 4) this.words.push(b.readUInt32BE(i));
    }
    return this.words.shift() as number;
  }
  uniform(n: number): number {
    const limit = 2 ** 32 - (2 ** 32 % n);
    for (;;) {
      const w = this.word();
      if (w < limit) return w % n;
    }
  }
}

function pick<T>(list: T[], k: number, s: ReferenceStream): T[] {
  const a = [...list];
  for (let i = 0; i < k; i++) {
    const j = i + s.uniform(a.length - i);
    [a[i], a[j]] = [a[j] as T, a[i] as T];
  }
  return a.slice(0, k);
}

function excluded(rule: RegionRule, home: string, region: string): boolean {
  if (rule === 'none') return false;
  if (rule === 'township' && home.length === 9 && region.length === 9) return home === region;
  return home.slice(0, 6) === region.slice(0, 6);
}

export interface ReferenceOutcome {
  poolHash: string;
  commitment: string;
  streamKey: string;
  strata: Stratum[];
  targets: DrawnTarget[];
}

export function referenceStreamKey(seedHex: string, poolHashHex: string, entropy: string): Buffer {
  return createHmac('sha256', Buffer.from(seedHex, 'hex'))
    .update(Buffer.from('zhiliang-draw/1/stream', 'ascii'))
    .update(Buffer.from([0]))
    .update(Buffer.from(poolHashHex, 'hex'))
    .update(Buffer.from(entropy, 'utf8'))
    .digest();
}

/** README §3–§7. Returns an error string instead of throwing when a target lacks inspectors. */
export function referenceDraw(input: DrawInput): ReferenceOutcome | { insufficient: string } {
  const poolHash = createHash('sha256').update(referenceCanonicalText(input), 'utf8').digest('hex');
  const commitment = createHash('sha256').update(Buffer.from(input.seed, 'hex')).digest('hex');
  const key = referenceStreamKey(input.seed, poolHash, input.publicEntropy);
  const targetsSorted = [...input.targetPool].sort(ascending((t) => t.creditCode));
  const inspectorsSorted = [...input.inspectorPool].sort(ascending((i) => i.id));
  const p = input.params;

  const ts = new ReferenceStream(key, 'targets');
  const strata: Stratum[] = [];
  const drawn: PoolTarget[] = [];
  for (const c of ['A', 'B', 'C', 'D'] as const) {
    const stratum = targetsSorted.filter((t) => t.riskClass === c);
    const k = Math.ceil((p.ratioBasisPoints[c] * stratum.length) / 10000);
    drawn.push(...pick(stratum, k, ts));
    strata.push({ riskClass: c, poolSize: stratum.length, drawn: k });
  }

  const is = new ReferenceStream(key, 'inspectors');
  const load = new Map<string, number>();
  const targets: DrawnTarget[] = [];
  for (const t of drawn) {
    const eligible = inspectorsSorted.filter(
      (i: PoolInspector) =>
        i.certified &&
        !i.conflicts.includes(t.creditCode) &&
        !excluded(p.regionRule, i.homeRegionCode, t.regionCode) &&
        (p.maxTargetsPerInspector === null || (load.get(i.id) ?? 0) < p.maxTargetsPerInspector),
    );
    if (eligible.length < p.inspectorsPerTarget) return { insufficient: t.creditCode };
    const chosen = pick(eligible, p.inspectorsPerTarget, is);
    for (const i of chosen) load.set(i.id, (load.get(i.id) ?? 0) + 1);
    targets.push({ creditCode: t.creditCode, riskClass: t.riskClass, inspectors: chosen.map((i) => i.id) });
  }
  return { poolHash, commitment, streamKey: key.toString('hex'), strata, targets };
}

/** README §8 on a copy of `targets`: the replacement for one recusal, given the redraws before it. */
export function referenceRedraw(
  input: DrawInput,
  streamKey: Buffer,
  targets: DrawnTarget[],
  earlier: { creditCode: string; recusedInspectorId: string }[],
  creditCode: string,
  recusedId: string,
): string | null {
  const target = targets.find((t) => t.creditCode === creditCode);
  const region = input.targetPool.find((t) => t.creditCode === creditCode)?.regionCode;
  if (!target || region === undefined || !target.inspectors.includes(recusedId)) return null;
  const p = input.params;
  const load = new Map<string, number>();
  for (const t of targets) for (const id of t.inspectors) if (!(t === target && id === recusedId)) load.set(id, (load.get(id) ?? 0) + 1);
  const recused = new Set([recusedId, ...earlier.filter((e) => e.creditCode === creditCode).map((e) => e.recusedInspectorId)]);
  const eligible = [...input.inspectorPool]
    .sort(ascending((i) => i.id))
    .filter(
      (i) =>
        i.certified &&
        !i.conflicts.includes(creditCode) &&
        !excluded(p.regionRule, i.homeRegionCode, region) &&
        !target.inspectors.includes(i.id) &&
        !recused.has(i.id) &&
        (p.maxTargetsPerInspector === null || (load.get(i.id) ?? 0) < p.maxTargetsPerInspector),
    );
  if (eligible.length === 0) return null;
  const s = new ReferenceStream(streamKey, `redraw/${earlier.length + 1}`);
  const replacement = (eligible[s.uniform(eligible.length)] as PoolInspector).id;
  target.inspectors[target.inspectors.indexOf(recusedId)] = replacement;
  return replacement;
}
