import { HmacSha256 } from './sha256.ts';

/** README.md §5: the key of every stream of one draw, and the labels of the streams. */
export const STREAM_KEY_LABEL = 'zhiliang-draw/1/stream';
export const TARGETS_LABEL = 'targets';
export const INSPECTORS_LABEL = 'inspectors';
export const redrawLabel = (seq: number) => `redraw/${seq}`;

const TWO_32 = 0x1_0000_0000;

function ascii(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** streamKey = HMAC-SHA256(key = seed bytes, ASCII("zhiliang-draw/1/stream") ‖ 0x00 ‖ poolHash bytes ‖ UTF-8(publicEntropy)). */
export function deriveStreamKey(seed: Uint8Array, poolHash: Uint8Array, entropy: Uint8Array): Uint8Array {
  return new HmacSha256(seed).mac(ascii(STREAM_KEY_LABEL), new Uint8Array([0]), poolHash, entropy);
}

/**
 * Unbiased integer in [0, n) from 32-bit words, 1 <= n <= 2^32: words >= 2^32 − (2^32 mod n) are rejected and the
 * next word taken, so each residue has exactly (2^32 − (2^32 mod n)) / n preimages. Every call consumes >= 1 word.
 */
export function uniformFromWords(nextWord: () => number, n: number): number {
  if (!Number.isInteger(n) || n < 1 || n > TWO_32) throw new RangeError(`uniform: n must be an integer in [1, 2^32] (got ${n})`);
  const limit = TWO_32 - (TWO_32 % n);
  for (;;) {
    const w = nextWord();
    if (w < limit) return w % n;
  }
}

/**
 * One labelled stream: block i = HMAC-SHA256(streamKey, ASCII(label) ‖ 0x00 ‖ uint64 big-endian i), i = 0, 1, …;
 * each block is eight 32-bit big-endian words, consumed in order.
 */
export class DrawStream {
  private readonly mac: HmacSha256;
  private readonly prefix: Uint8Array;
  private readonly counter = new Uint8Array(8);
  private block: Uint8Array = new Uint8Array(0);
  private offset = 32;
  private blockIndex = 0;
  /** Words consumed so far (tests and the README's worked example). */
  wordsUsed = 0;

  constructor(streamKey: Uint8Array | HmacSha256, label: string) {
    this.mac = streamKey instanceof HmacSha256 ? streamKey : new HmacSha256(streamKey);
    const l = ascii(label);
    this.prefix = new Uint8Array(l.length + 1);
    this.prefix.set(l);
  }

  nextWord(): number {
    if (this.offset === 32) {
      let i = this.blockIndex++;
      for (let b = 7; b >= 0; b--) {
        this.counter[b] = i % 256;
        i = Math.floor(i / 256);
      }
      this.block = this.mac.mac(this.prefix, this.counter);
      this.offset = 0;
    }
    const o = this.offset;
    this.offset += 4;
    this.wordsUsed++;
    const b = this.block;
    return (((b[o] ?? 0) << 24) | ((b[o + 1] ?? 0) << 16) | ((b[o + 2] ?? 0) << 8) | (b[o + 3] ?? 0)) >>> 0;
  }

  uniform(n: number): number {
    return uniformFromWords(() => this.nextWord(), n);
  }
}
