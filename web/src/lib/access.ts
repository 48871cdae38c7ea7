import { ROLES, type Role } from '../api/platform-types';

/** Pages beyond the home page, and the roles that may open them (mirrors the API's permissions). */
export type Capability = 'users' | 'audit';

const ALLOWED: Record<Capability, readonly Role[]> = {
  users: ['city_admin', 'county_officer'],
  audit: ['city_admin'],
};

export function can(role: Role, capability: Capability): boolean {
  return ALLOWED[capability].includes(role);
}

export function allowedRoles(capability: Capability): readonly Role[] {
  return ALLOWED[capability];
}

/** Only city administrators look at other regions; everyone else is fixed to their own scope. */
export function canSwitchRegion(role: Role): boolean {
  return role === 'city_admin';
}

/** Roles a user may create: city admins any, county officers inspectors and enterprises only. */
export function creatableRoles(role: Role): readonly Role[] {
  if (role === 'city_admin') return ROLES;
  if (role === 'county_officer') return ['inspector', 'enterprise'];
  return [];
}
