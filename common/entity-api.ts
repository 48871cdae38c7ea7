/**
 * Entities module API shapes (市场主体 registry, licences, certifications, timeline, bulk import),
 * shared by the server (its JSON schemas mirror these; the migration's check constraints mirror the
 * enumerations) and the web client. Labels live in web/src/pages/entities/labels.ts.
 */

export const ENTITY_TYPES = ['enterprise', 'individual_business', 'farmer_cooperative', 'other'] as const;
/** 企业 / 个体工商户 / 农民专业合作社 / 其他组织. */
export type EntityType = (typeof ENTITY_TYPES)[number];

export const ENTITY_STATUSES = ['subsisting', 'operating', 'revoked', 'cancelled', 'moved_out'] as const;
/** 登记状态: 存续 / 在业 / 吊销 / 注销 / 迁出. */
export type EntityStatus = (typeof ENTITY_STATUSES)[number];
/** Statuses of an entity that still trades (target pools draw from these). */
export const ACTIVE_ENTITY_STATUSES: readonly EntityStatus[] = ['subsisting', 'operating'];

export const SPECIAL_LISTS = ['abnormal_operation', 'serious_violation'] as const;
/** 经营异常名录 / 严重违法失信名单. */
export type SpecialList = (typeof SPECIAL_LISTS)[number];

export const LICENCE_KINDS = ['industrial_product', 'food_production', 'food_business', 'other'] as const;
/** 工业产品生产许可证 / 食品生产许可证 / 食品经营许可证 / 其他许可. */
export type LicenceKind = (typeof LICENCE_KINDS)[number];

export const LICENCE_STATUSES = ['valid', 'suspended', 'revoked', 'cancelled'] as const;
/** 有效 / 暂停 / 吊销 / 注销; "expired" is not stored: a valid licence past its expiry date. */
export type LicenceStatus = (typeof LICENCE_STATUSES)[number];

export const CERTIFICATION_KINDS = ['green_product', 'zhejiang_made', 'iso9001', 'iso14001', 'iso45001', 'haccp', 'ccc', 'other'] as const;
/** 绿色产品认证 / 品字标浙江制造 / ISO 9001 / ISO 14001 / ISO 45001 / HACCP / CCC / 其他. */
export type CertificationKind = (typeof CERTIFICATION_KINDS)[number];

export const CERTIFICATION_STATUSES = ['valid', 'suspended', 'withdrawn'] as const;
export type CertificationStatus = (typeof CERTIFICATION_STATUSES)[number];

export const ENTITY_EVENT_KINDS = [
  'registration',
  'change',
  'status',
  'licence',
  'certification',
  'inspection',
  'sampling',
  'penalty',
  'abnormal_in',
  'abnormal_out',
  'serious_in',
  'serious_out',
  'complaint',
  'note',
] as const;
/** Timeline event kinds: 设立登记, 变更, 状态, 许可, 认证, 检查, 抽检, 处罚, 列入/移出经营异常名录, 列入/移出严重违法失信名单, 投诉, 备注. */
export type EntityEventKind = (typeof ENTITY_EVENT_KINDS)[number];

export const ENTITY_SORTS = ['region', 'name', 'creditCode', 'establishedOn', 'updatedAt', 'nextLicenceExpiry'] as const;
export type EntitySort = (typeof ENTITY_SORTS)[number];

export interface ListEntitiesInput {
  page: number;
  pageSize: number;
  /** The region subtree to list (the region switcher); defaults to the caller's scope. */
  regionCode?: string;
  /** Name (contains) or credit code (prefix). */
  q?: string;
  type?: EntityType;
  /** A GB/T 4754 section letter ("C") or a division/group/class code prefix ("13", "1391"). */
  industry?: string;
  status?: EntityStatus;
  specialList?: SpecialList;
  /** Only entities with a valid licence expiring within this many days from today (Asia/Shanghai). */
  licenceExpiringDays?: number;
  sort?: EntitySort;
  order?: 'asc' | 'desc';
}

export interface EntitySummary {
  id: string;
  creditCode: string;
  name: string;
  type: EntityType;
  industryCode: string | null;
  industryName: string | null;
  regionCode: string;
  regionName: string;
  /** The district/county above the township. */
  countyCode: string | null;
  countyName: string | null;
  status: EntityStatus;
  specialLists: SpecialList[];
  legalRepresentative: string | null;
  establishedOn: string | null;
  licenceCount: number;
  /** Earliest expiry among valid, not yet expired licences. */
  nextLicenceExpiry: string | null;
  updatedAt: string;
  isDemo: boolean;
}

export interface Licence {
  id: string;
  kind: LicenceKind;
  number: string;
  productCategory: string;
  issuer: string | null;
  issuedOn: string;
  expiresOn: string;
  status: LicenceStatus;
  /** Valid but past its expiry date (Asia/Shanghai). */
  expired: boolean;
  /** Days left until expiry (negative when expired). */
  daysToExpiry: number;
  isDemo: boolean;
}

export interface Certification {
  id: string;
  kind: CertificationKind;
  number: string;
  issuer: string;
  scope: string | null;
  issuedOn: string;
  expiresOn: string | null;
  status: CertificationStatus;
  expired: boolean;
  isDemo: boolean;
}

export interface EntityEvent {
  id: number;
  occurredOn: string;
  kind: EntityEventKind;
  summary: string;
  sourceModule: string;
  reference: string | null;
  details: Record<string, unknown> | null;
  recordedAt: string;
  recordedBy: string | null;
  isDemo: boolean;
}

export interface EntityDetail extends EntitySummary {
  address: string | null;
  createdAt: string;
  /** Whether the caller may edit this entity, its licences and certifications. */
  canEdit: boolean;
  licences: Licence[];
  certifications: Certification[];
  /** The newest timeline events (the rest through GET /entities/{id}/events). */
  events: EntityEvent[];
  eventTotal: number;
}

export interface EntityInput {
  creditCode: string;
  name: string;
  type: EntityType;
  industryCode?: string | null;
  /** Township (乡镇/街道) code, 9 digits. */
  regionCode: string;
  address?: string | null;
  legalRepresentative?: string | null;
  establishedOn?: string | null;
  status: EntityStatus;
  specialLists?: SpecialList[];
}

export type EntityUpdate = Partial<EntityInput>;

export interface LicenceInput {
  kind: LicenceKind;
  number: string;
  productCategory: string;
  issuer?: string | null;
  issuedOn: string;
  expiresOn: string;
  status: LicenceStatus;
}

export interface CertificationInput {
  kind: CertificationKind;
  number: string;
  issuer: string;
  scope?: string | null;
  issuedOn: string;
  expiresOn?: string | null;
  status: CertificationStatus;
}

export interface EntityImportInput {
  fileBase64: string;
  fileName: string;
  mode: 'all_or_nothing' | 'valid_only';
  dryRun: boolean;
}

/** One problem in one cell: `row` is the 1-based row of the sheet or CSV file, `column` its letter, `header` its title. */
export interface EntityImportError {
  row: number;
  column: string;
  header: string;
  field: string;
  rule: string;
  message: string;
}

export interface EntityImportReport {
  mode: 'all_or_nothing' | 'valid_only';
  dryRun: boolean;
  format: 'xlsx' | 'csv';
  rowsRead: number;
  rowsValid: number;
  /** Rows written: created + updated (unchanged rows need no write). */
  rowsImported: number;
  created: number;
  updated: number;
  unchanged: number;
  errors: EntityImportError[];
  warnings: { row: number; message: string }[];
  /** The committed import's record (null for a dry run or when nothing was written). */
  importId: string | null;
}
