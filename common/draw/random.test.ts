import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { partialFisherYates } from './draw.ts';
import { fromHex } from './sha256.ts';
import { DrawStream, uniformFromWords } from './stream.ts';

const KEY = fromHex('54740e1385d4945100d174e937a08b90dd708e4c52afe951c2bb308a1d0600a3') as Uint8Array;
const TWO_32 = 2 ** 32;

/** Pearson's chi-square statistic of observed counts against equal expected counts. */
function chiSquare(counts: number[]): number {
  const total = counts.reduce((a, b) => a + b, 0);
  const expected = total / counts.length;
  return counts.reduce((sum, c) => sum + (c - expected) ** 2 / expected, 0);
}

describe('the labelled HMAC-SHA256 counter stream (README §5)', () => {
  it('block i is HMAC(streamKey, label ‖ 0x00 ‖ uint64be(i)), read as big-endian 32-bit words', () => {
    const s = new DrawStream(KEY, 'redraw/12');
    const words = Array.from({ length: 20 }, () => s.nextWord());
    const expected: number[] = [];
    for (let i = 0; i < 3; i++) {
      const counter = Buffer.alloc(8);
      counter.writeBigUInt64BE(BigInt(i));
      const block = createHmac('sha256', Buffer.from(KEY)).update('redraw/12\u0000').update(counter).digest();
      for (let o = 0; o < 32; o += 4) expected.push(block.readUInt32BE(o));
    }
    expect(words).toEqual(expected.slice(0, 20));
    expect(s.wordsUsed).toBe(20);
  });

  it('labels separate the streams', () => {
    const a = new DrawStream(KEY, 'targets');
    const b = new DrawStream(KEY, 'inspectors');
    expect(a.nextWord()).not.toBe(b.nextWord());
    // the KAT key (draw.test.ts): first words of the targets stream
    const t = new DrawStream(KEY, 'targets');
    expect([t.nextWord(), t.nextWord(), t.nextWord()]).toEqual([3846621343, 3567842897, 149494546]);
  });
});

describe('uniformFromWords: unbiased integers by rejection', () => {
  const scripted = (words: number[]) => {
    let used = 0;
    return {
      next: () => {
        const w = words[used++];
        if (w === undefined) throw new Error('script exhausted');
        return w;
      },
      used: () => used,
    };
  };

  it('rejects words at or above 2^32 − (2^32 mod n) and takes the next one', () => {
    const n = 3 * 2 ** 30; // limit = 3·2^30: a quarter of all words are rejected
    const s = scripted([TWO_32 - 1, 3 * 2 ** 30, 3 * 2 ** 30 - 1]);
    expect(uniformFromWords(s.next, n)).toBe(3 * 2 ** 30 - 1);
    expect(s.used()).toBe(3);
    const s2 = scripted([7, 99]);
    expect(uniformFromWords(s2.next, 5)).toBe(2);
    expect(s2.used()).toBe(1);
  });

  it('edge sizes: n = 1 consumes one word and returns 0; n = 2^32 accepts every word; others are refused', () => {
    const s = scripted([TWO_32 - 1]);
    expect(uniformFromWords(s.next, 1)).toBe(0);
    expect(s.used()).toBe(1);
    expect(uniformFromWords(scripted([TWO_32 - 1]).next, TWO_32)).toBe(TWO_32 - 1);
    for (const n of [0, -1, 1.5, TWO_32 + 1, Number.NaN]) expect(() => uniformFromWords(() => 0, n)).toThrow(RangeError);
  });

  it('the accepted range is a whole number of copies of [0, n) for every n (no residue is favoured)', () => {
    let x = 1;
    for (let t = 0; t < 2000; t++) {
      x = (x * 48271) % 2147483647;
      const n = 1 + ((x * 2 + (t % 2)) % TWO_32);
      const limit = TWO_32 - (TWO_32 % n);
      expect(limit % n).toBe(0);
      expect(limit).toBeGreaterThan(TWO_32 / 2 - 1);
    }
  });

  it('statistically flat where the naive w mod n would favour the lowest third twice over', () => {
    const n = 3 * 2 ** 30;
    const s = new DrawStream(KEY, 'bias-check');
    const fair = [0, 0, 0];
    const naive = [0, 0, 0];
    for (let i = 0; i < 30_000; i++) {
      const r = s.uniform(n);
      fair[Math.floor(r / 2 ** 30)] = (fair[Math.floor(r / 2 ** 30)] ?? 0) + 1;
    }
    const raw = new DrawStream(KEY, 'bias-check');
    for (let i = 0; i < 30_000; i++) {
      const r = raw.nextWord() % n;
      naive[Math.floor(r / 2 ** 30)] = (naive[Math.floor(r / 2 ** 30)] ?? 0) + 1;
    }
    expect(chiSquare(fair)).toBeLessThan(20); // df = 2; p ≈ 5e-5 at 20
    expect(chiSquare(naive)).toBeGreaterThan(1000); // ≈ 50 % / 25 % / 25 %
  });
});

describe('partialFisherYates', () => {
  it('matches swapping on a whole array, on the dense and the sparse path', () => {
    for (const [m, k] of [
      [1, 1],
      [5, 0],
      [5, 5],
      [10, 2],
      [100, 3],
      [1000, 50],
      [1000, 999],
      [37, 9],
    ] as const) {
      const a = new DrawStream(KEY, `fy/${m}/${k}`);
      const b = new DrawStream(KEY, `fy/${m}/${k}`);
      const got = partialFisherYates(m, k, (n) => a.uniform(n));
      const arr = Array.from({ length: m }, (_, i) => i);
      for (let i = 0; i < k; i++) {
        const j = i + b.uniform(m - i);
        [arr[i], arr[j]] = [arr[j] as number, arr[i] as number];
      }
      expect(got, `${m}/${k}`).toEqual(arr.slice(0, k));
      expect(new Set(got).size).toBe(k);
    }
  });

  it('every position is equally likely to be picked, and every position to come first (chi-square, loose bound)', () => {
    const m = 10;
    const k = 3;
    const included = new Array<number>(m).fill(0);
    const first = new Array<number>(m).fill(0);
    const s = new DrawStream(KEY, 'uniformity');
    for (let t = 0; t < 20_000; t++) {
      const picks = partialFisherYates(m, k, (n) => s.uniform(n));
      for (const p of picks) included[p] = (included[p] ?? 0) + 1;
      first[picks[0] as number] = (first[picks[0] as number] ?? 0) + 1;
    }
    expect(chiSquare(included)).toBeLessThan(40); // df = 9; p ≈ 1e-5 at 40
    expect(chiSquare(first)).toBeLessThan(40);
  });
});
