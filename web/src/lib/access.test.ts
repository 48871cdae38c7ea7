import { describe, expect, it } from 'vitest';
import { can, canRegisterLocations, canRegisterProducts, canSwitchRegion, creatableRoles } from './access';

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

  it('opens the plan pages to regulators, entry to city and county, review to the city only', () => {
    expect(can('inspector', 'plan')).toBe(true);
    expect(can('enterprise', 'plan')).toBe(false);
    expect(can('county_officer', 'planEntry')).toBe(true);
    expect(can('inspector', 'planEntry')).toBe(false);
    expect(can('city_admin', 'planReview')).toBe(true);
    expect(can('county_officer', 'planReview')).toBe(false);
    expect(can('county_officer', 'planAssessment')).toBe(true);
    expect(can('inspector', 'planAssessment')).toBe(false);
    expect(can('city_admin', 'planAdmin')).toBe(true);
    expect(can('county_officer', 'planAdmin')).toBe(false);
  });

  it('lets only city admins publish a credit model version, as POST /credit-models requires', () => {
    expect(can('city_admin', 'creditModel')).toBe(true);
    expect(can('county_officer', 'creditModel')).toBe(false);
    expect(can('inspector', 'creditModel')).toBe(false);
    expect(can('enterprise', 'creditModel')).toBe(false);
  });

  it('opens 法定节假日安排 to city admins only, as the calendar API writes', () => {
    expect(can('city_admin', 'holidayCalendar')).toBe(true);
    for (const role of ['county_officer', 'inspector', 'enterprise'] as const) expect(can(role, 'holidayCalendar')).toBe(false);
  });

  it('opens 定时任务 to city admins only, as GET /api/v1/platform/jobs', () => {
    expect(can('city_admin', 'jobs')).toBe(true);
    for (const role of ['county_officer', 'inspector', 'enterprise'] as const) expect(can(role, 'jobs')).toBe(false);
  });

  it('opens the trace pages to regulators only, as the trace API does', () => {
    expect(can('city_admin', 'trace')).toBe(true);
    expect(can('county_officer', 'trace')).toBe(true);
    expect(can('inspector', 'trace')).toBe(true);
    expect(can('enterprise', 'trace')).toBe(false);
  });

  it('opens the trace administration pages as their APIs allow', () => {
    expect(can('enterprise', 'traceProducts')).toBe(true);
    expect(can('county_officer', 'traceProducts')).toBe(true);
    expect(can('inspector', 'traceProducts')).toBe(false);
    expect(can('inspector', 'traceLocations')).toBe(true);
    expect(can('enterprise', 'traceCaptures')).toBe(true);
    expect(can('inspector', 'traceCaptures')).toBe(false);
    expect(can('enterprise', 'traceCapture')).toBe(true);
    expect(can('city_admin', 'traceCapture')).toBe(true);
    expect(can('county_officer', 'traceCapture')).toBe(false);
    expect(can('enterprise', 'apiKeys')).toBe(true);
    expect(can('county_officer', 'apiKeys')).toBe(false);
    expect(canRegisterProducts('enterprise')).toBe(true);
    expect(canRegisterProducts('county_officer')).toBe(false);
    expect(canRegisterLocations('county_officer')).toBe(true);
    expect(canRegisterLocations('enterprise')).toBe(false);
  });
});
