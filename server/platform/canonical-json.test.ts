import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.ts';

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { y: 1, x: 2 }], c: undefined } })).toBe('{"a":{"d":[3,{"x":2,"y":1}]},"b":1}');
  });

  it('is stable across key order and serialises dates as ISO strings', () => {
    expect(canonicalJson({ x: 1, y: '湖州' })).toBe(canonicalJson({ y: '湖州', x: 1 }));
    expect(canonicalJson({ at: new Date('2025-01-02T03:04:05.678Z') })).toBe('{"at":"2025-01-02T03:04:05.678Z"}');
  });

  it('refuses non-finite numbers', () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow();
  });
});
