import { describe, expect, it } from 'vitest';
import { meetsPasswordPolicy } from './password-policy.ts';

describe('password policy', () => {
  it('wants 8 characters and 3 of 4 classes', () => {
    expect(meetsPasswordPolicy('Zhiliang@2025')).toBe(true);
    expect(meetsPasswordPolicy('abcdefg1')).toBe(false);
    expect(meetsPasswordPolicy('Abcdefg1')).toBe(true);
    expect(meetsPasswordPolicy('Ab1!')).toBe(false);
  });
});
