/**
 * Chinese names and explanations of the credit-risk classes and factors, for the regulator pages and
 * the timeline-free explanations in the breakdown drawer. Internal wording: these never reach a public page.
 */
import { CERTIFICATION_KINDS, type CertificationKind } from '../entity-api.ts';
import type { CreditClass, CreditFactor, CreditModelSpec } from './model.ts';
import type { FactorValue } from './score.ts';

export const CREDIT_CLASS_LABELS: Record<CreditClass, string> = {
  A: '信用风险低',
  B: '信用风险一般',
  C: '信用风险较高',
  D: '信用风险高',
};

/** 国市监信发〔2022〕6号 as worded nationally (regulation.md §1): how each class is supervised. */
export const CREDIT_CLASS_POLICIES: Record<CreditClass, string> = {
  A: '合理降低抽查比例和频次，无事不扰',
  B: '按常规比例和频次抽查',
  C: '重点关注，适当提高抽查比例和频次',
  D: '严格监管，大幅提高抽查比例和频次，必要时主动现场检查',
};

export const CREDIT_FACTOR_LABELS: Record<CreditFactor, string> = {
  sampling_failures: '监督抽查不合格',
  penalties: '行政处罚',
  abnormal_operation: '列入经营异常名录',
  serious_violation: '列入严重违法失信名单',
  complaints: '投诉举报',
  licence_expired: '生产许可证过期',
  licence_revoked: '生产许可证被吊销或暂停',
  years_in_business: '成立年限',
  certifications: '有效认证',
};

/** Short certification names for one-line explanations (the full names are in entity-labels.ts). */
export const CERTIFICATION_SHORT_LABELS: Record<CertificationKind, string> = {
  green_product: '绿色产品认证',
  zhejiang_made: '品字标浙江制造',
  iso9001: 'ISO 9001',
  iso14001: 'ISO 14001',
  iso45001: 'ISO 45001',
  haccp: 'HACCP',
  ccc: 'CCC',
  other: '其他认证',
};

const signed = (n: number) => (n > 0 ? `+${n}` : n < 0 ? `−${Math.abs(n)}` : '0');

/** The rule of one factor under a model, in one line: "每次 +12，最多 +36（近 36 个月）". */
export function describeFactorRule(model: CreditModelSpec, factor: CreditFactor): string {
  const f = model.factors;
  switch (factor) {
    case 'sampling_failures':
    case 'penalties':
    case 'complaints': {
      const r = f[factor];
      return `每${factor === 'complaints' ? '件' : '次'} ${signed(r.pointsEach)}，最多 ${signed(r.maxPoints)}（近 ${r.windowMonths} 个月）`;
    }
    case 'licence_expired':
    case 'licence_revoked': {
      const r = f[factor];
      return `每张 ${signed(r.pointsEach)}，最多 ${signed(r.maxPoints)}`;
    }
    case 'abnormal_operation':
    case 'serious_violation': {
      const r = f[factor];
      return `${signed(r.points)}${r.minClass ? `，且至少为 ${r.minClass} 类` : ''}`;
    }
    case 'years_in_business': {
      const bands = f.years_in_business.bands;
      const parts = bands.map((b, i) => {
        const next = bands[i + 1];
        const span = next ? `${b.fromYears}–${next.fromYears} 年` : `${b.fromYears} 年以上`;
        return `${span} ${signed(b.points)}`;
      });
      return `${parts.join('；')}；成立日期不详 ${signed(f.years_in_business.unknownPoints)}`;
    }
    case 'certifications': {
      const r = f.certifications;
      // In the registry's order of kinds (the stored jsonb object has its own key order).
      const parts = CERTIFICATION_KINDS.filter((k) => r.pointsByKind[k] !== undefined).map(
        (k) => `${CERTIFICATION_SHORT_LABELS[k]} ${signed(r.pointsByKind[k] ?? 0)}`,
      );
      return `${parts.join('、')}；合计最多 ${signed(r.minPoints)}`;
    }
  }
}

/** A factor's stored input value, in words: "2 次", "是", "12 年", "ISO 9001、绿色产品认证". */
export function formatFactorValue(factor: CreditFactor, value: FactorValue): string {
  if (value === null) return factor === 'years_in_business' ? '成立日期未登记' : '—';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (Array.isArray(value)) return value.length === 0 ? '无' : value.map((k) => CERTIFICATION_SHORT_LABELS[k as CertificationKind] ?? k).join('、');
  switch (factor) {
    case 'years_in_business':
      return `${value} 年`;
    case 'complaints':
      return `${value} 件`;
    case 'licence_expired':
    case 'licence_revoked':
      return `${value} 张`;
    default:
      return `${value} 次`;
  }
}

export const formatPoints = signed;
