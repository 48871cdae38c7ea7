import { describe, expect, it } from 'vitest';
import { checkPasswordPolicy, hashPassword, verifyPassword } from './password.ts';

describe('password policy (等保 2.0 三级)', () => {
  it('accepts a long password mixing three classes', () => {
    expect(checkPasswordPolicy('Zhiliang@2025', 'admin')).toEqual([]);
    expect(checkPasswordPolicy('correct-horse-42', 'admin')).toEqual([]);
  });

  it.each([
    ['Ab1!', ['length']],
    ['alllowercase', ['complexity']],
    ['12345678', ['complexity']],
    ['Wuxing@2025', ['not_username']],
  ])('rejects %s', (pw, rules) => {
    expect(checkPasswordPolicy(pw, 'wuxing').map((i) => i.rule)).toEqual(rules);
  });

  it('hashes with argon2id and verifies', async () => {
    const h = await hashPassword('Zhiliang@2025');
    expect(h).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(h, 'Zhiliang@2025')).toBe(true);
    expect(await verifyPassword(h, 'zhiliang@2025')).toBe(false);
    expect(await verifyPassword('not-a-hash', 'x')).toBe(false);
  });
});
