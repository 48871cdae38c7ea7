/** Account roles (DESIGN.md 四端): labels live in the web locale files. */
export const ROLES = ['city_admin', 'county_officer', 'inspector', 'enterprise'] as const;
export type Role = (typeof ROLES)[number];

export const REGION_LEVELS = ['city', 'county', 'township'] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];

/** The city whose plan this platform runs (湖州市). */
export const ROOT_REGION_CODE = '330500';
