import type { Role, UserStatus } from '../../../api/platform-types';

export const STATUS_LABEL: Record<UserStatus, { text: string; color: string }> = {
  active: { text: '正常', color: 'green' },
  disabled: { text: '停用', color: 'default' },
  locked: { text: '锁定', color: 'red' },
};

const STATUSES: readonly UserStatus[] = ['active', 'disabled', 'locked'];

export const STATUS_OPTIONS = STATUSES.map((status) => ({
  value: status,
  label: STATUS_LABEL[status].text,
}));

/** Where each role's account must sit (server: checkRoleRegion): city admins at the city, officers at a county. */
export function regionLevelFits(role: Role | undefined, level: 'city' | 'county' | 'township'): boolean {
  if (role === 'city_admin') return level === 'city';
  if (role === 'county_officer') return level === 'county';
  return true;
}

export const USERNAME_PATTERN = /^[A-Za-z][A-Za-z0-9_.-]{2,31}$/;
export const PHONE_PATTERN = /^[0-9+\- ]{5,20}$/;
