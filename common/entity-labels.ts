/**
 * Chinese names of the entities module's codes. Shared on purpose: the web shows them, and the server
 * reads them back from import files (a 登记状态 cell says 存续, not "subsisting") and writes them into
 * timeline summaries and the import template.
 */
import type {
  CertificationKind,
  CertificationStatus,
  EntityEventKind,
  EntityStatus,
  EntityType,
  LicenceKind,
  LicenceStatus,
  SpecialList,
} from './entity-api.ts';

export const ENTITY_TYPE_LABELS: Record<EntityType, string> = {
  enterprise: '企业',
  individual_business: '个体工商户',
  farmer_cooperative: '农民专业合作社',
  other: '其他组织',
};

export const ENTITY_STATUS_LABELS: Record<EntityStatus, string> = {
  subsisting: '存续',
  operating: '在业',
  revoked: '吊销',
  cancelled: '注销',
  moved_out: '迁出',
};

export const SPECIAL_LIST_LABELS: Record<SpecialList, string> = {
  abnormal_operation: '经营异常名录',
  serious_violation: '严重违法失信名单',
};

export const LICENCE_KIND_LABELS: Record<LicenceKind, string> = {
  industrial_product: '工业产品生产许可证',
  food_production: '食品生产许可证',
  food_business: '食品经营许可证',
  other: '其他许可',
};

export const LICENCE_STATUS_LABELS: Record<LicenceStatus, string> = {
  valid: '有效',
  suspended: '暂停',
  revoked: '吊销',
  cancelled: '注销',
};

export const CERTIFICATION_KIND_LABELS: Record<CertificationKind, string> = {
  green_product: '绿色产品认证',
  zhejiang_made: '品字标浙江制造',
  iso9001: 'ISO 9001 质量管理体系',
  iso14001: 'ISO 14001 环境管理体系',
  iso45001: 'ISO 45001 职业健康安全管理体系',
  haccp: 'HACCP 危害分析与关键控制点',
  ccc: 'CCC 强制性产品认证',
  other: '其他认证',
};

export const CERTIFICATION_STATUS_LABELS: Record<CertificationStatus, string> = {
  valid: '有效',
  suspended: '暂停',
  withdrawn: '撤销',
};

export const ENTITY_EVENT_KIND_LABELS: Record<EntityEventKind, string> = {
  registration: '设立登记',
  change: '变更',
  status: '登记状态',
  licence: '许可',
  certification: '认证',
  inspection: '检查',
  sampling: '抽检',
  penalty: '行政处罚',
  abnormal_in: '列入经营异常名录',
  abnormal_out: '移出经营异常名录',
  serious_in: '列入严重违法失信名单',
  serious_out: '移出严重违法失信名单',
  complaint: '投诉举报',
  note: '备注',
};

/** Names of the entity fields, as column headers and in change summaries. */
export const ENTITY_FIELD_LABELS = {
  creditCode: '统一社会信用代码',
  name: '名称',
  type: '主体类型',
  industryCode: '行业代码',
  regionCode: '所属区划',
  address: '住所',
  legalRepresentative: '法定代表人',
  establishedOn: '成立日期',
  status: '登记状态',
  specialLists: '特殊名录',
} as const;

/** The entity type GB 32100 positions 1–2 imply under registration department 9 (市场监管), else null. */
export function entityTypeFromCreditCode(code: string): EntityType | null {
  switch (code.slice(0, 2).toUpperCase()) {
    case '91':
      return 'enterprise';
    case '92':
      return 'individual_business';
    case '93':
      return 'farmer_cooperative';
    default:
      return null;
  }
}
