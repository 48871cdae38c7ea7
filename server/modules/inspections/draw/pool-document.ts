import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { type CanonicalPools, canonicalPoolBytes, DRAW_FORMAT, type DrawParams, type PoolInspector, type PoolTarget } from '../../../../common/draw/index.ts';

/**
 * The frozen pools are stored as the canonical document of common/draw/README.md §3 itself — the very bytes
 * whose SHA-256 is the published poolHash — gzip-compressed (a million-entity pool is ~40 MB of text, ~6 MB
 * stored). Reading it back is the inverse of §3; anything that does not parse is handed to verification as it
 * is, which then reports where the record breaks (a changed pool entry changes the hash in any case).
 *
 * Both directions hash the document bytes with node:crypto (the same SHA-256 as common/draw, ~20× faster than the
 * portable one on 40 MB), so the server serialises a pool once at the freeze and never at the draw.
 */

const poolHashOfBytes = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** The stored form of frozen pools, with their poolHash (README §3). */
export function encodePools(pools: CanonicalPools): { gz: Buffer; byteLength: number; poolHash: string } {
  const bytes = canonicalPoolBytes(pools);
  // Level 1: the document is hashed, not archived; a faster freeze matters more than the last megabyte.
  return { gz: gzipSync(bytes, { level: 1 }), byteLength: bytes.length, poolHash: poolHashOfBytes(bytes) };
}

export class PoolDocumentError extends Error {
  constructor(line: number, message: string) {
    super(`pool document line ${line}: ${message}`);
    this.name = 'PoolDocumentError';
  }
}

/**
 * Parses a stored (gzip) canonical document back into parameters and pools, in canonical order, with the SHA-256
 * of the document as stored: when it equals the published poolHash, the pools are exactly the frozen ones.
 */
export function decodePools(gz: Buffer): { params: DrawParams; targetPool: PoolTarget[]; inspectorPool: PoolInspector[]; poolHash: string } {
  const bytes = gunzipSync(gz);
  const poolHash = poolHashOfBytes(bytes);
  const text = bytes.toString('latin1');
  // A cursor over the lines: the target lines (a million for a whole-city pool) are cut with indexOf, not split,
  // so that no array is made per line.
  let at = 0;
  let n = 0;
  const next = (): string => {
    const end = text.indexOf('\n', at);
    if (end < 0) throw new PoolDocumentError(n + 1, 'unexpected end');
    const line = text.slice(at, end);
    at = end + 1;
    n++;
    return line;
  };
  const field = (name: string): string[] => {
    const parts = next().split('\t');
    if (parts[0] !== name) throw new PoolDocumentError(n, `expected ${name}`);
    return parts.slice(1);
  };
  if (next() !== DRAW_FORMAT) throw new PoolDocumentError(1, `expected ${DRAW_FORMAT}`);
  const taskRef = field('taskRef')[0] ?? '';
  const [a, b, c, d] = field('ratioBasisPoints').map(Number);
  const inspectorsPerTarget = Number(field('inspectorsPerTarget')[0]);
  const regionRule = field('regionRule')[0] as DrawParams['regionRule']; // validated by verifyDraw (README §2)
  const cap = Number(field('maxTargetsPerInspector')[0]);
  const params: DrawParams = {
    taskRef,
    ratioBasisPoints: { A: a ?? Number.NaN, B: b ?? Number.NaN, C: c ?? Number.NaN, D: d ?? Number.NaN },
    inspectorsPerTarget,
    regionRule,
    maxTargetsPerInspector: cap === 0 ? null : cap,
  };
  const targetCount = Number(field('targets')[0]);
  const targetPool = new Array<PoolTarget>(targetCount);
  for (let i = 0; i < targetCount; i++) {
    const end = text.indexOf('\n', at);
    const tab1 = text.indexOf('\t', at);
    const tab2 = tab1 < 0 ? -1 : text.indexOf('\t', tab1 + 1);
    if (end < 0) throw new PoolDocumentError(n + 1, 'unexpected end');
    n++;
    if (tab1 < 0 || tab2 < 0 || tab2 > end) {
      // not three fields: read as the general case would; verification reports the break
      const [creditCode = '', riskClass = '', regionCode = ''] = text.slice(at, end).split('\t');
      targetPool[i] = { creditCode, riskClass: riskClass as PoolTarget['riskClass'], regionCode };
    } else {
      // validated by verifyDraw
      targetPool[i] = {
        creditCode: text.slice(at, tab1),
        riskClass: text.slice(tab1 + 1, tab2) as PoolTarget['riskClass'],
        regionCode: text.slice(tab2 + 1, end),
      };
    }
    at = end + 1;
  }
  const inspectorCount = Number(field('inspectors')[0]);
  const inspectorPool = new Array<PoolInspector>(inspectorCount);
  for (let i = 0; i < inspectorCount; i++) {
    const [id = '', certified = '', homeRegionCode = '', conflicts = ''] = next().split('\t');
    inspectorPool[i] = { id, certified: certified === '1', homeRegionCode, conflicts: conflicts === '' ? [] : conflicts.split(',') };
  }
  if (at !== text.length) throw new PoolDocumentError(n + 1, 'trailing content');
  return { params, targetPool, inspectorPool, poolHash };
}

/**
 * The entity names of a frozen target pool, in pool order, stored beside the canonical document (names are not
 * part of the draw: README §3 hashes codes, classes and regions only). The draw stores each drawn target with
 * its name from here, as it stood when the pool was frozen, instead of looking 5 % of a million names up.
 * One name per line, backslash and line feed escaped, so that the draw reads the 5 % it needs and parses
 * nothing else.
 */
export function encodeNames(names: readonly string[]): Buffer {
  let text = '';
  for (const name of names) text += `${/[\\\n]/.test(name) ? name.replace(/[\\\n]/g, (c) => (c === '\n' ? '\\n' : '\\\\')) : name}\n`;
  return gzipSync(text, { level: 1 });
}

export interface FrozenNames {
  /** The name of the pool entry at `position`. */
  at(position: number): string;
}

/** The names of a frozen pool of `size` entries, or null when none are stored or they do not fit the pool. */
export function decodeNames(gz: Buffer | null, size: number): FrozenNames | null {
  if (!gz) return null;
  const text = gunzipSync(gz).toString('utf8');
  const starts = new Int32Array(size + 1);
  let at = 0;
  for (let i = 0; i < size; i++) {
    starts[i] = at;
    const end = text.indexOf('\n', at);
    if (end < 0) return null;
    at = end + 1;
  }
  if (at !== text.length) return null;
  starts[size] = at;
  return {
    at: (position) => {
      const line = text.slice(starts[position], (starts[position + 1] as number) - 1);
      return line.includes('\\') ? line.replace(/\\(.)/g, (_, c) => (c === 'n' ? '\n' : c)) : line;
    },
  };
}
