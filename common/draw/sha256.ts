import { hmac } from '@noble/hashes/hmac.js';
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';

/**
 * SHA-256 and HMAC-SHA256 for the draw, from @noble/hashes (audited, synchronous, no `node:` imports):
 * the same code runs on the server, in the CLI and in a browser that re-checks a published draw.
 */

type Hash = ReturnType<typeof nobleSha256.create>;

/** Incremental SHA-256. */
export class Sha256 {
  private readonly hash: Hash = nobleSha256.create();

  update(data: Uint8Array): this {
    this.hash.update(data);
    return this;
  }

  digest(): Uint8Array {
    return this.hash.digest();
  }
}

export function sha256(data: Uint8Array): Uint8Array {
  return nobleSha256(data);
}

/** HMAC-SHA256 with a fixed key: the keyed state is computed once, then cloned per message. */
export class HmacSha256 {
  private readonly keyed: ReturnType<typeof hmac.create>;

  constructor(key: Uint8Array) {
    this.keyed = hmac.create(nobleSha256, key);
  }

  mac(...parts: Uint8Array[]): Uint8Array {
    const h = this.keyed.clone();
    for (const part of parts) h.update(part);
    return h.digest();
  }
}

export function hmacSha256(key: Uint8Array, message: Uint8Array): Uint8Array {
  return hmac(nobleSha256, key, message);
}

export function toHex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

/** Lower-case hex only (the published form); null for anything else. */
export function fromHex(hex: string): Uint8Array | null {
  if (hex.length % 2 !== 0 || !/^[0-9a-f]*$/.test(hex)) return null;
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}
