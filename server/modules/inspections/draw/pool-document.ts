import { gunzipSync, gzipSync } from 'node:zlib';
import { type CanonicalPools, canonicalPoolBytes, DRAW_FORMAT, type DrawParams, type PoolInspector, type PoolTarget } from '../../../../common/draw/index.ts';

/**
 * The frozen pools are stored as the canonical document of common/draw/README.md §3 itself — the very bytes
 * whose SHA-256 is the published poolHash — gzip-compressed (a million-entity pool is ~40 MB of text, ~6 MB
 * stored). Reading it back is the inverse of §3; anything that does not parse is handed to verification as it
 * is, which then reports where the record breaks (a changed pool entry changes the hash in any case).
 */

export function encodePools(pools: CanonicalPools): { gz: Buffer; byteLength: number } {
  const bytes = canonicalPoolBytes(pools);
  // Level 1: the document is hashed, not archived; a faster freeze matters more than the last megabyte.
  return { gz: gzipSync(bytes, { level: 1 }), byteLength: bytes.length };
}

export class PoolDocumentError extends Error {
  constructor(line: number, message: string) {
    super(`pool document line ${line}: ${message}`);
    this.name = 'PoolDocumentError';
  }
}

/** Parses a stored (gzip) canonical document back into parameters and pools, in canonical order. */
export function decodePools(gz: Buffer): { params: DrawParams; targetPool: PoolTarget[]; inspectorPool: PoolInspector[] } {
  const text = gunzipSync(gz).toString('latin1');
  const lines = text.split('\n');
  let n = 0;
  const next = (): string => {
    const line = lines[n++];
    if (line === undefined) throw new PoolDocumentError(n, 'unexpected end');
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
    const [creditCode = '', riskClass = '', regionCode = ''] = next().split('\t');
    targetPool[i] = { creditCode, riskClass: riskClass as PoolTarget['riskClass'], regionCode }; // validated by verifyDraw
  }
  const inspectorCount = Number(field('inspectors')[0]);
  const inspectorPool = new Array<PoolInspector>(inspectorCount);
  for (let i = 0; i < inspectorCount; i++) {
    const [id = '', certified = '', homeRegionCode = '', conflicts = ''] = next().split('\t');
    inspectorPool[i] = { id, certified: certified === '1', homeRegionCode, conflicts: conflicts === '' ? [] : conflicts.split(',') };
  }
  if (n !== lines.length - 1 || lines[n] !== '') throw new PoolDocumentError(n + 1, 'trailing content');
  return { params, targetPool, inspectorPool };
}
