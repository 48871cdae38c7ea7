import { DrawInputError } from './errors.ts';
import { Sha256, sha256, toHex } from './sha256.ts';
import { DRAW_FORMAT, type DrawParams, type PoolInspector, type PoolTarget, REGION_RULES, RISK_CLASSES, type RiskClass } from './types.ts';

// Array reads written `a[i] as T` are within bounds (noUncheckedIndexedAccess cannot see it).

/** README.md §2 grammar. Everything hashed is ASCII, so byte order = code-unit order = JavaScript `<`. */
export const CREDIT_CODE_RE = /^[0-9A-Z]{18}$/;
export const REGION_CODE_RE = /^\d{6}(\d{3})?$/;
export const INSPECTOR_ID_RE = /^[0-9A-Za-z][0-9A-Za-z._:-]{0,63}$/;
export const TASK_REF_RE = /^[0-9A-Za-z._:-]{0,64}$/;
export const SEED_RE = /^[0-9a-f]{64}$/;
export const MAX_ENTROPY_BYTES = 256;
export const MAX_INSPECTORS_PER_TARGET = 20;

/** Pools and parameters after validation: pools in ascending key order, conflicts ascending and unique. */
export interface CanonicalPools {
  params: DrawParams;
  targets: PoolTarget[];
  inspectors: PoolInspector[];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isInt(v: unknown, min: number, max: number): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
}

export function validateParams(params: unknown, path = 'params'): DrawParams {
  if (!isRecord(params)) throw new DrawInputError(path, 'an object', params);
  const taskRef = params.taskRef ?? '';
  if (typeof taskRef !== 'string' || !TASK_REF_RE.test(taskRef)) throw new DrawInputError(`${path}.taskRef`, 'up to 64 of [0-9A-Za-z._:-]', taskRef);
  const ratios = params.ratioBasisPoints;
  if (!isRecord(ratios)) throw new DrawInputError(`${path}.ratioBasisPoints`, 'an object {A, B, C, D}', ratios);
  const ratioBasisPoints = {} as Record<RiskClass, number>; // every class is set by the loop below
  for (const c of RISK_CLASSES) {
    const v = ratios[c];
    if (!isInt(v, 0, 10000)) throw new DrawInputError(`${path}.ratioBasisPoints.${c}`, 'an integer 0–10000 (basis points)', v);
    ratioBasisPoints[c] = v;
  }
  const r = params.inspectorsPerTarget;
  if (!isInt(r, 2, MAX_INSPECTORS_PER_TARGET)) throw new DrawInputError(`${path}.inspectorsPerTarget`, `an integer 2–${MAX_INSPECTORS_PER_TARGET}`, r);
  const regionRule = params.regionRule;
  if (typeof regionRule !== 'string' || !(REGION_RULES as readonly string[]).includes(regionRule)) {
    throw new DrawInputError(`${path}.regionRule`, REGION_RULES.join(' | '), regionRule);
  }
  const cap = params.maxTargetsPerInspector ?? null;
  if (cap !== null && !isInt(cap, 1, 1_000_000_000)) throw new DrawInputError(`${path}.maxTargetsPerInspector`, 'null or a positive integer', cap);
  const rule = regionRule as DrawParams['regionRule']; // one of REGION_RULES, checked above
  return { taskRef, ratioBasisPoints, inspectorsPerTarget: r, regionRule: rule, maxTargetsPerInspector: cap };
}

/** Indices of `keys` in ascending order, or null when already ascending; throws on a duplicate key. */
function ascendingOrder(keys: string[], path: (i: number) => string, what: string): number[] | null {
  let sorted = true;
  for (let i = 1; i < keys.length; i++) {
    const a = keys[i - 1] as string;
    const b = keys[i] as string;
    if (a === b) throw new DrawInputError(path(i), `a ${what} not already in the pool`, b);
    if (a > b) sorted = false;
  }
  if (sorted) return null;
  const order = keys.map((_, i) => i);
  order.sort((x, y) => {
    const a = keys[x] as string;
    const b = keys[y] as string;
    return a < b ? -1 : a > b ? 1 : 0;
  });
  for (let j = 1; j < order.length; j++) {
    const i = order[j] as number;
    if (keys[order[j - 1] as number] === keys[i])
      throw new DrawInputError(path(Math.max(i, order[j - 1] as number)), `a ${what} not already in the pool`, keys[i]);
  }
  return order;
}

export function validateTargetPool(pool: unknown, path = 'targetPool'): PoolTarget[] {
  if (!Array.isArray(pool)) throw new DrawInputError(path, 'an array of targets', pool);
  const out = new Array<PoolTarget>(pool.length);
  const keys = new Array<string>(pool.length);
  for (let i = 0; i < pool.length; i++) {
    const t: unknown = pool[i];
    if (!isRecord(t)) throw new DrawInputError(`${path}[${i}]`, 'an object {creditCode, riskClass, regionCode}', t);
    const { creditCode, riskClass, regionCode } = t;
    if (typeof creditCode !== 'string' || !CREDIT_CODE_RE.test(creditCode)) throw new DrawInputError(`${path}[${i}].creditCode`, '18 of [0-9A-Z]', creditCode);
    if (riskClass !== 'A' && riskClass !== 'B' && riskClass !== 'C' && riskClass !== 'D')
      throw new DrawInputError(`${path}[${i}].riskClass`, 'A | B | C | D', riskClass);
    if (typeof regionCode !== 'string' || !REGION_CODE_RE.test(regionCode)) throw new DrawInputError(`${path}[${i}].regionCode`, '6 or 9 digits', regionCode);
    out[i] = { creditCode, riskClass, regionCode };
    keys[i] = creditCode;
  }
  const order = ascendingOrder(keys, (i) => `${path}[${i}].creditCode`, 'creditCode');
  return order ? order.map((i) => out[i] as PoolTarget) : out;
}

export function validateInspectorPool(pool: unknown, path = 'inspectorPool'): PoolInspector[] {
  if (!Array.isArray(pool)) throw new DrawInputError(path, 'an array of inspectors', pool);
  const out = new Array<PoolInspector>(pool.length);
  for (let i = 0; i < pool.length; i++) {
    const p: unknown = pool[i];
    if (!isRecord(p)) throw new DrawInputError(`${path}[${i}]`, 'an object {id, certified, homeRegionCode, conflicts}', p);
    if (typeof p.id !== 'string' || !INSPECTOR_ID_RE.test(p.id))
      throw new DrawInputError(`${path}[${i}].id`, '1–64 of [0-9A-Za-z._:-], starting with a letter or digit', p.id);
    if (typeof p.certified !== 'boolean') throw new DrawInputError(`${path}[${i}].certified`, 'true or false', p.certified);
    if (typeof p.homeRegionCode !== 'string' || !REGION_CODE_RE.test(p.homeRegionCode)) {
      throw new DrawInputError(`${path}[${i}].homeRegionCode`, '6 or 9 digits', p.homeRegionCode);
    }
    if (!Array.isArray(p.conflicts)) throw new DrawInputError(`${path}[${i}].conflicts`, 'an array of credit codes', p.conflicts);
    const conflicts = new Set<string>();
    for (let j = 0; j < p.conflicts.length; j++) {
      const c: unknown = p.conflicts[j];
      if (typeof c !== 'string' || !CREDIT_CODE_RE.test(c)) throw new DrawInputError(`${path}[${i}].conflicts[${j}]`, '18 of [0-9A-Z]', c);
      conflicts.add(c);
    }
    out[i] = { id: p.id, certified: p.certified, homeRegionCode: p.homeRegionCode, conflicts: [...conflicts].sort() };
  }
  const order = ascendingOrder(
    out.map((p) => p.id),
    (i) => `${path}[${i}].id`,
    'id',
  );
  return order ? order.map((i) => out[i] as PoolInspector) : out;
}

export function canonicalise(input: { params: unknown; targetPool: unknown; inspectorPool: unknown }): CanonicalPools {
  return {
    params: validateParams(input.params),
    targets: validateTargetPool(input.targetPool),
    inspectors: validateInspectorPool(input.inspectorPool),
  };
}

const TAB = 9;
const LF = 10;

/** Writes ASCII text into fixed-size chunks handed to `sink` (the caller hashes or collects them). */
class AsciiWriter {
  private readonly buf = new Uint8Array(1 << 16);
  private pos = 0;
  private readonly sink: (chunk: Uint8Array) => void;
  constructor(sink: (chunk: Uint8Array) => void) {
    this.sink = sink;
  }
  text(s: string): void {
    if (this.pos + s.length > this.buf.length) this.flush();
    if (s.length > this.buf.length) throw new RangeError('AsciiWriter: field longer than the buffer');
    const buf = this.buf;
    let pos = this.pos;
    for (let i = 0; i < s.length; i++) buf[pos++] = s.charCodeAt(i);
    this.pos = pos;
  }
  byte(b: number): void {
    if (this.pos === this.buf.length) this.flush();
    this.buf[this.pos++] = b;
  }
  line(...fields: (string | number)[]): void {
    fields.forEach((f, i) => {
      if (i > 0) this.byte(TAB);
      this.text(String(f));
    });
    this.byte(LF);
  }
  flush(): void {
    if (this.pos > 0) this.sink(this.buf.subarray(0, this.pos));
    this.pos = 0;
  }
}

/** The canonical document of README.md §3, streamed in chunks (a chunk is only valid during the call). */
export function writeCanonicalPools(c: CanonicalPools, sink: (chunk: Uint8Array) => void): void {
  const w = new AsciiWriter(sink);
  const p = c.params;
  const r = p.ratioBasisPoints;
  w.line(DRAW_FORMAT);
  w.line('taskRef', p.taskRef);
  w.line('ratioBasisPoints', r.A, r.B, r.C, r.D);
  w.line('inspectorsPerTarget', p.inspectorsPerTarget);
  w.line('regionRule', p.regionRule);
  w.line('maxTargetsPerInspector', p.maxTargetsPerInspector ?? 0);
  w.line('targets', c.targets.length);
  for (const t of c.targets) {
    w.text(t.creditCode);
    w.byte(TAB);
    w.text(t.riskClass);
    w.byte(TAB);
    w.text(t.regionCode);
    w.byte(LF);
  }
  w.line('inspectors', c.inspectors.length);
  for (const i of c.inspectors) w.line(i.id, i.certified ? 1 : 0, i.homeRegionCode, i.conflicts.join(','));
  w.flush();
}

/** The canonical document as one byte array (for tests and for showing small pools). */
export function canonicalPoolBytes(c: CanonicalPools): Uint8Array {
  const chunks: Uint8Array[] = [];
  writeCanonicalPools(c, (chunk) => chunks.push(chunk.slice()));
  const out = new Uint8Array(chunks.reduce((n, ch) => n + ch.length, 0));
  let at = 0;
  for (const ch of chunks) {
    out.set(ch, at);
    at += ch.length;
  }
  return out;
}

/** poolHash = lower-case hex SHA-256 of the canonical document. */
export function poolHashOf(c: CanonicalPools): string {
  const h = new Sha256();
  writeCanonicalPools(c, (chunk) => h.update(chunk));
  return toHex(h.digest());
}

/** commitment = lower-case hex SHA-256 of the 32 seed bytes (not of the hex text). */
export function commitmentOf(seedBytes: Uint8Array): string {
  return toHex(sha256(seedBytes));
}

export function validateSeed(seed: unknown, path = 'seed'): string {
  if (typeof seed !== 'string' || !SEED_RE.test(seed)) throw new DrawInputError(path, '64 lower-case hex digits (32 bytes)', seed);
  return seed;
}

const utf8 = new TextEncoder();

/** The entropy's bytes: UTF-8 of the string exactly as given (no trimming, no normalisation). */
export function entropyBytes(entropy: unknown, path = 'publicEntropy'): Uint8Array {
  if (typeof entropy !== 'string' || !entropy.isWellFormed()) throw new DrawInputError(path, 'a well-formed Unicode string', entropy);
  const bytes = utf8.encode(entropy);
  if (bytes.length > MAX_ENTROPY_BYTES) throw new DrawInputError(path, `at most ${MAX_ENTROPY_BYTES} UTF-8 bytes`, entropy);
  return bytes;
}

/** 32 fresh random bytes from the platform CSPRNG (Web Crypto getRandomValues: the OS generator in Node and browsers). */
export function createSeed(): string {
  const bytes = new Uint8Array(32);
  globalThis.crypto.getRandomValues(bytes);
  return toHex(bytes);
}
