import { describe, expect, it } from 'vitest';
import { safeReturnPath } from './session';

describe('safeReturnPath', () => {
  it('returns only in-app paths', () => {
    expect(safeReturnPath('/admin/users?page=2')).toBe('/admin/users?page=2');
    expect(safeReturnPath('//evil.example')).toBe('/');
    expect(safeReturnPath('https://evil.example')).toBe('/');
    expect(safeReturnPath('/login')).toBe('/');
    expect(safeReturnPath(undefined)).toBe('/');
  });
});
