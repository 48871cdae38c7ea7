import { describe, expect, it } from 'vitest';
import { chunkEventIds } from './trace';

describe('chunkEventIds', () => {
  const ids = Array.from({ length: 250 }, (_, i) => `urn:uuid:5a1e0000-0000-4000-8000-${String(i).padStart(12, '0')}`);

  it('asks for at most 100 IDs at a time, each once', () => {
    const chunks = chunkEventIds([...ids, ids[0] ?? '']);
    expect(chunks.map((c) => c.length)).toEqual([100, 100, 50]);
    expect(chunks.flat()).toEqual(ids);
  });

  it('keeps the encoded, pipe-joined list of a chunk within the length limit', () => {
    const long = Array.from({ length: 10 }, (_, i) => `ni:///sha-256;${String(i).repeat(64)}?ver=CBV2.0`);
    const chunks = chunkEventIds(long, { maxCount: 100, maxEncodedChars: 300 });
    for (const chunk of chunks) expect(encodeURIComponent(chunk.join('|')).length).toBeLessThanOrEqual(300);
    expect(chunks.flat()).toEqual(long);
    expect(chunks.length).toBeGreaterThan(1);
  });

  it('gives no chunk for no IDs, and a chunk of one for an ID longer than the limit', () => {
    expect(chunkEventIds([])).toEqual([]);
    expect(chunkEventIds(['x'.repeat(50)], { maxCount: 100, maxEncodedChars: 10 })).toEqual([['x'.repeat(50)]]);
  });
});
