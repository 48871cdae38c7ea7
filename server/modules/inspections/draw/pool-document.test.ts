import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { canonicalise, computeDraw, drawInspection, poolHashOf, prepareCanonicalDraw } from '../../../../common/draw/index.ts';
import { KAT_INPUT, randomInput } from '../../../../common/draw/test-pools.ts';
import { decodeNames, decodePools, encodeNames, encodePools, PoolDocumentError } from './pool-document.ts';

describe('the stored pool document and the server draw', () => {
  const inputs = [KAT_INPUT, randomInput(11, { targets: 500, inspectors: 60, conflictsPerInspector: 4 })];

  it('hashes the stored bytes to the published poolHash both ways', () => {
    for (const input of inputs) {
      const pools = canonicalise(input);
      const stored = encodePools(pools);
      expect(stored.poolHash).toBe(poolHashOf(pools));
      const back = decodePools(stored.gz);
      expect(back.poolHash).toBe(stored.poolHash);
      expect({ params: back.params, targets: back.targetPool, inspectors: back.inspectorPool }).toEqual(pools);
    }
  });

  it('draws from the decoded pools exactly what drawInspection draws from the raw input', () => {
    for (const input of inputs) {
      const back = decodePools(encodePools(canonicalise(input)).gz);
      const pools = { params: back.params, targets: back.targetPool, inspectors: back.inspectorPool };
      const server = computeDraw(prepareCanonicalDraw(pools, back.poolHash, input.seed, input.publicEntropy));
      const reference = drawInspection(input);
      expect(server.strata).toEqual(reference.strata);
      expect(server.targets).toEqual(reference.targets);
      // positions[i] is the index in the pool of targets[i]
      expect(server.positions.map((p) => pools.targets[p]?.creditCode)).toEqual(reference.targets.map((t) => t.creditCode));
    }
  });

  it('a changed byte changes the hash, so the draw can refuse a document that is not the frozen one', () => {
    const pools = canonicalise(KAT_INPUT);
    const stored = encodePools(pools);
    const text = gunzipSync(stored.gz).toString('latin1');
    const changed = text.replace(/\tA\t/, '\tB\t');
    expect(changed).not.toBe(text);
    expect(decodePools(gzipSync(Buffer.from(changed, 'latin1'))).poolHash).not.toBe(stored.poolHash);
  });

  it('reads a malformed target line as the general case would and rejects truncated or trailing content', () => {
    const text = gunzipSync(encodePools(canonicalise(KAT_INPUT)).gz).toString('latin1');
    const lines = text.split('\n');
    const first = lines.findIndex((l) => l.startsWith('targets\t')) + 1;
    const [code] = (lines[first] ?? '').split('\t');
    const oneField = [...lines];
    oneField[first] = code ?? '';
    expect(decodePools(gzipSync(Buffer.from(oneField.join('\n'), 'latin1'))).targetPool[0]).toEqual({ creditCode: code, riskClass: '', regionCode: '' });
    expect(() => decodePools(gzipSync(Buffer.from(text.slice(0, -1), 'latin1')))).toThrow(PoolDocumentError);
    expect(() => decodePools(gzipSync(Buffer.from(`${text}extra\n`, 'latin1')))).toThrow(/trailing content/);
  });

  it('keeps the names of the pool beside the document, and reads none that do not fit the pool', () => {
    const names = ['湖州某某茶业有限公司', 'name with "quotes" \\ back\\\\slashes\\n and\nbreaks', '', 'x\\'];
    const back = decodeNames(encodeNames(names), names.length);
    expect(names.map((_, i) => back?.at(i))).toEqual(names);
    expect(decodeNames(encodeNames(names), 5)).toBeNull();
    expect(decodeNames(encodeNames(names), 3)).toBeNull();
    expect(decodeNames(null, 4)).toBeNull();
  });

  it('refuses a poolHash that is not 64 hex digits', () => {
    const pools = canonicalise(KAT_INPUT);
    expect(() => prepareCanonicalDraw(pools, 'abc', KAT_INPUT.seed, KAT_INPUT.publicEntropy)).toThrow(/poolHash/);
  });
});
