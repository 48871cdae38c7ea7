import { createHash, createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fromHex, HmacSha256, hmacSha256, Sha256, sha256, toHex } from './sha256.ts';

const ascii = (s: string) => new TextEncoder().encode(s);

describe('SHA-256 (FIPS 180-4)', () => {
  it.each([
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    ['abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq', '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1'],
  ])('NIST vector %j', (message, digest) => {
    expect(toHex(sha256(ascii(message)))).toBe(digest);
  });

  it('one million "a", fed in uneven pieces', () => {
    const h = new Sha256();
    const piece = ascii('a'.repeat(999));
    let left = 1_000_000;
    while (left > 0) {
      const n = Math.min(left, piece.length);
      h.update(piece.subarray(0, n));
      left -= n;
    }
    expect(toHex(h.digest())).toBe('cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0');
  });

  it('agrees with node:crypto on every length 0–300 and on random chunkings', () => {
    for (let n = 0; n <= 300; n++) {
      const data = randomBytes(n);
      expect(toHex(sha256(data)), `length ${n}`).toBe(createHash('sha256').update(data).digest('hex'));
    }
    for (let t = 0; t < 50; t++) {
      const data = randomBytes(1 + Math.floor(Math.random() * 5000));
      const h = new Sha256();
      for (let at = 0; at < data.length; ) {
        const step = 1 + Math.floor(Math.random() * 130);
        h.update(data.subarray(at, at + step));
        at += step;
      }
      expect(toHex(h.digest())).toBe(createHash('sha256').update(data).digest('hex'));
    }
  });

  it('refuses to be used after digest', () => {
    const h = new Sha256();
    h.digest();
    expect(() => h.update(ascii('x'))).toThrow();
    expect(() => h.digest()).toThrow();
  });
});

describe('HMAC-SHA256 (RFC 4231)', () => {
  it.each([
    ['0b'.repeat(20), toHex(ascii('Hi There')), 'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7'],
    [toHex(ascii('Jefe')), toHex(ascii('what do ya want for nothing?')), '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843'],
    ['aa'.repeat(20), 'dd'.repeat(50), '773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe'],
    [
      'aa'.repeat(131),
      toHex(ascii('Test Using Larger Than Block-Size Key - Hash Key First')),
      '60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54',
    ],
  ])('test case key %s', (key, data, mac) => {
    expect(toHex(hmacSha256(fromHex(key) as Uint8Array, fromHex(data) as Uint8Array))).toBe(mac);
  });

  it('agrees with node:crypto, and a keyed instance can be reused', () => {
    const key = randomBytes(32);
    const mac = new HmacSha256(key);
    for (let t = 0; t < 100; t++) {
      const a = randomBytes(t);
      const b = randomBytes(3);
      expect(toHex(mac.mac(a, b))).toBe(createHmac('sha256', key).update(a).update(b).digest('hex'));
    }
  });
});

describe('hex', () => {
  it('round-trips and accepts lower-case hex only', () => {
    const bytes = randomBytes(32);
    expect(fromHex(toHex(bytes))).toEqual(new Uint8Array(bytes));
    expect(fromHex('ABCD')).toBeNull();
    expect(fromHex('abc')).toBeNull();
    expect(fromHex('zz')).toBeNull();
  });
});
