import { describe, expect, it } from 'vitest';
import { can, canSwitchRegion, creatableRoles } from './access';

describe('access', () => {
  it('lets city admins see users and audit, county officers users only', () => {
    expect(can('city_admin', 'audit')).toBe(true);
    expect(can('county_officer', 'users')).toBe(true);
    expect(can('county_officer', 'audit')).toBe(false);
    expect(can('inspector', 'users')).toBe(false);
    expect(canSwitchRegion('city_admin')).toBe(true);
    expect(canSwitchRegion('county_officer')).toBe(false);
    expect(creatableRoles('county_officer')).toEqual(['inspector', 'enterprise']);
    expect(creatableRoles('enterprise')).toEqual([]);
  });
});
