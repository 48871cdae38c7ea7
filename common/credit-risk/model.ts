/**
 * The credit-risk factor model (企业信用风险分类): what a version holds, the default version 1 that
 * migration 0010 seeds, and the validation a new version must pass. Pure: no database, no Node APIs.
 *
 * Sources (research note regulation.md §1, §6):
 * - 国市监信发〔2022〕6号 (SAMR, Jan 2022): four classes A 低 / B 一般 / C 较高 / D 高, reclassified
 *   monthly; the result is an internal reference for allocating supervision, never published. [V]
 * - 国办发〔2015〕58号: raise the sampling of entities with many complaints (投诉举报多), on the
 *   abnormal-operation list (经营异常名录) or with serious violations (严重违法违规记录). [V]
 * - 质检总局公告2012年第74号 and the Zhejiang "三分" scheme: enterprises classed by 3 years of
 *   supervision-sampling (监督抽查) results and their quality-management-system status. [V]
 * Every number below (points, caps, windows, bands, thresholds, the class floors) is OUR documented
 * choice [P], not a published rule; a new model version changes them without touching old results.
 */
import type { CertificationKind } from '../entity-api.ts';
import { CERTIFICATION_KINDS } from '../entity-api.ts';

export const CREDIT_CLASSES = ['A', 'B', 'C', 'D'] as const;
/** A 信用风险低 / B 信用风险一般 / C 信用风险较高 / D 信用风险高. */
export type CreditClass = (typeof CREDIT_CLASSES)[number];

export const CREDIT_FACTORS = [
  'sampling_failures',
  'penalties',
  'abnormal_operation',
  'serious_violation',
  'complaints',
  'licence_expired',
  'licence_revoked',
  'years_in_business',
  'certifications',
] as const;
export type CreditFactor = (typeof CREDIT_FACTORS)[number];

/** Events or records counted in a window: `pointsEach` per item, at most `maxPoints` in all. */
export interface CountRule {
  pointsEach: number;
  maxPoints: number;
}
export interface WindowedCountRule extends CountRule {
  /** Events whose day lies in the `windowMonths` months up to the as-of day count. */
  windowMonths: number;
}
/** A list the entity is on (last 列入 event later than the last 移出 event). */
export interface ListRule {
  points: number;
  /** The entity is classed at least this high-risk while listed, whatever its score; null = no floor. */
  minClass: CreditClass | null;
}
/** Full years since the establishment date: the band with the largest `fromYears` ≤ years applies. */
export interface YearsRule {
  bands: { fromYears: number; points: number }[];
  /** Points when the establishment date is not recorded. */
  unknownPoints: number;
}
/** Valid certifications of these kinds lower the score (each kind counts once); the sum is at least `minPoints`. */
export interface CertificationRule {
  pointsByKind: Partial<Record<CertificationKind, number>>;
  minPoints: number;
}

export interface CreditFactorRules {
  sampling_failures: WindowedCountRule;
  penalties: WindowedCountRule;
  abnormal_operation: ListRule;
  serious_violation: ListRule;
  complaints: WindowedCountRule;
  licence_expired: CountRule;
  licence_revoked: CountRule;
  years_in_business: YearsRule;
  certifications: CertificationRule;
}

/** Highest score of each class: score ≤ A → A, ≤ B → B, ≤ C → C, above → D. */
export interface CreditThresholds {
  A: number;
  B: number;
  C: number;
}

/** What a model version decides (the table entity_credit_model stores exactly this, plus its metadata). */
export interface CreditModelSpec {
  /** Every entity starts here; factors add (risk) or subtract (good standing). */
  baseScore: number;
  thresholds: CreditThresholds;
  factors: CreditFactorRules;
}

/** Version 1, seeded by migration 0010 (the API test checks the seeded row equals this). */
export const DEFAULT_CREDIT_MODEL: CreditModelSpec = {
  baseScore: 10,
  thresholds: { A: 4, B: 24, C: 49 },
  factors: {
    sampling_failures: { pointsEach: 12, maxPoints: 36, windowMonths: 36 },
    penalties: { pointsEach: 10, maxPoints: 30, windowMonths: 36 },
    abnormal_operation: { points: 25, minClass: 'C' },
    serious_violation: { points: 50, minClass: 'D' },
    complaints: { pointsEach: 3, maxPoints: 15, windowMonths: 12 },
    licence_expired: { pointsEach: 10, maxPoints: 20 },
    licence_revoked: { pointsEach: 20, maxPoints: 40 },
    years_in_business: {
      bands: [
        { fromYears: 0, points: 10 },
        { fromYears: 1, points: 5 },
        { fromYears: 3, points: 0 },
        { fromYears: 10, points: -5 },
      ],
      unknownPoints: 5,
    },
    certifications: {
      pointsByKind: { green_product: -8, zhejiang_made: -8, iso9001: -5, haccp: -5, iso14001: -3, iso45001: -3 },
      minPoints: -15,
    },
  },
};

/** The seeded version's description: where each factor comes from, and which numbers are ours. */
export const DEFAULT_CREDIT_MODEL_DESCRIPTION =
  '企业信用风险分类评分模型 第 1 版。分类依据：市场监管总局《关于推进企业信用风险分类管理进一步提升监管效能的意见》（国市监信发〔2022〕6号）——按信用风险由低到高分为 A（低）、B（一般）、C（较高）、D（高）四类，按月分类，结果仅作内部配置监管资源的参考，不对外公开；因子来源：国办发〔2015〕58号（投诉举报多、列入经营异常名录、有严重违法违规记录的主体加大抽查力度），质检总局公告2012年第74号及浙江“三分”机制（以近 3 年监督抽查结果和质量管理体系状况分类企业），工业产品生产许可证管理条例（许可证有效与否）。见 regulation.md §1、§6。' +
  '本平台的文档化取值（非法规规定，可由新版本调整）：基础分 10；监督抽查不合格（近 36 个月）每次 +12、最多 +36；行政处罚（近 36 个月）每次 +10、最多 +30；列入经营异常名录 +25 且至少 C 类；列入严重违法失信名单 +50 且直接 D 类；投诉（近 12 个月）每件 +3、最多 +15；生产许可证过期每张 +10、最多 +20，被吊销或暂停每张 +20、最多 +40；成立不满 1 年 +10、1–3 年 +5、3–10 年 0、10 年以上 −5、成立日期不详 +5；有效的绿色产品认证、品字标浙江制造 各 −8，ISO 9001、HACCP 各 −5，ISO 14001、ISO 45001 各 −3，合计最多 −15；分界：≤4 为 A，5–24 为 B，25–49 为 C，≥50 为 D。';

export interface ModelIssue {
  field: string;
  message: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

/**
 * Every problem with a proposed model, each naming its field (`factors.penalties.pointsEach`) and
 * saying why in "中文 / English"; an empty list means the spec is usable. Accepts any JSON: the API
 * passes the request body through unchanged.
 */
export function validateCreditModel(input: unknown): ModelIssue[] {
  const issues: ModelIssue[] = [];
  const add = (field: string, zh: string, en: string) => issues.push({ field, message: `${zh} / ${en}` });
  const int = (field: string, v: unknown, min: number, max: number): v is number => {
    if (!isInt(v) || v < min || v > max) {
      add(field, `应为 ${min} 到 ${max} 之间的整数`, `must be an integer from ${min} to ${max}`);
      return false;
    }
    return true;
  };
  const onlyKeys = (field: string, value: Record<string, unknown>, keys: readonly string[]) => {
    for (const k of Object.keys(value)) if (!keys.includes(k)) add(`${field}.${k}`, '不允许的字段', 'is not an allowed field');
  };

  if (!isRecord(input)) {
    add('model', '应为对象', 'must be an object');
    return issues;
  }
  int('baseScore', input.baseScore, -100, 100);

  const t = input.thresholds;
  if (!isRecord(t)) add('thresholds', '应为对象 {A, B, C}', 'must be an object {A, B, C}');
  else {
    onlyKeys('thresholds', t, ['A', 'B', 'C']);
    const ok = [int('thresholds.A', t.A, -200, 500), int('thresholds.B', t.B, -200, 500), int('thresholds.C', t.C, -200, 500)].every(Boolean);
    if (ok && !((t.A as number) < (t.B as number) && (t.B as number) < (t.C as number))) {
      add('thresholds', '分界应满足 A < B < C', 'must satisfy A < B < C');
    }
  }

  const f = input.factors;
  if (!isRecord(f)) {
    add('factors', '应为对象', 'must be an object');
    return issues;
  }
  onlyKeys('factors', f, CREDIT_FACTORS);
  for (const code of CREDIT_FACTORS) if (!isRecord(f[code])) add(`factors.${code}`, '缺少该因子或格式不对', 'is missing or not an object');

  const count = (code: 'licence_expired' | 'licence_revoked' | 'sampling_failures' | 'penalties' | 'complaints', windowed: boolean) => {
    const r = f[code];
    if (!isRecord(r)) return;
    const field = `factors.${code}`;
    onlyKeys(field, r, windowed ? ['pointsEach', 'maxPoints', 'windowMonths'] : ['pointsEach', 'maxPoints']);
    const each = int(`${field}.pointsEach`, r.pointsEach, 0, 100);
    const max = int(`${field}.maxPoints`, r.maxPoints, 0, 200);
    if (each && max && (r.maxPoints as number) < (r.pointsEach as number)) add(`${field}.maxPoints`, '不得小于 pointsEach', 'must be at least pointsEach');
    if (windowed) int(`${field}.windowMonths`, r.windowMonths, 1, 120);
  };
  count('sampling_failures', true);
  count('penalties', true);
  count('complaints', true);
  count('licence_expired', false);
  count('licence_revoked', false);

  for (const code of ['abnormal_operation', 'serious_violation'] as const) {
    const r = f[code];
    if (!isRecord(r)) continue;
    const field = `factors.${code}`;
    onlyKeys(field, r, ['points', 'minClass']);
    int(`${field}.points`, r.points, 0, 200);
    if (r.minClass !== null && !CREDIT_CLASSES.includes(r.minClass as CreditClass)) {
      add(`${field}.minClass`, '应为 A、B、C、D 或 null', 'must be A, B, C, D or null');
    }
  }

  const years = f.years_in_business;
  if (isRecord(years)) {
    const field = 'factors.years_in_business';
    onlyKeys(field, years, ['bands', 'unknownPoints']);
    int(`${field}.unknownPoints`, years.unknownPoints, -50, 50);
    const bands = years.bands;
    if (!Array.isArray(bands) || bands.length < 1 || bands.length > 10) add(`${field}.bands`, '应为 1–10 个分档', 'must be 1 to 10 bands');
    else {
      let previous = -1;
      bands.forEach((band: unknown, i) => {
        const bf = `${field}.bands.${i}`;
        if (!isRecord(band)) {
          add(bf, '应为对象 {fromYears, points}', 'must be an object {fromYears, points}');
          return;
        }
        onlyKeys(bf, band, ['fromYears', 'points']);
        int(`${bf}.points`, band.points, -50, 50);
        if (int(`${bf}.fromYears`, band.fromYears, 0, 100)) {
          if (i === 0 && band.fromYears !== 0) add(`${bf}.fromYears`, '第一档应从 0 年开始', 'the first band must start at 0 years');
          if ((band.fromYears as number) <= previous) add(`${bf}.fromYears`, '分档年限应递增', 'bands must be in increasing order of years');
          previous = band.fromYears as number;
        }
      });
    }
  }

  const certs = f.certifications;
  if (isRecord(certs)) {
    const field = 'factors.certifications';
    onlyKeys(field, certs, ['pointsByKind', 'minPoints']);
    int(`${field}.minPoints`, certs.minPoints, -100, 0);
    const byKind = certs.pointsByKind;
    if (!isRecord(byKind)) add(`${field}.pointsByKind`, '应为对象', 'must be an object');
    else {
      for (const [kind, points] of Object.entries(byKind)) {
        if (!CERTIFICATION_KINDS.includes(kind as CertificationKind)) add(`${field}.pointsByKind.${kind}`, '未知的认证类型', 'unknown certification kind');
        // A certification lowers the risk; it never raises it.
        else int(`${field}.pointsByKind.${kind}`, points, -50, 0);
      }
    }
  }
  return issues;
}

/** The spec as stored, once validated (narrowing for callers that hold unknown JSON). */
export function asCreditModel(input: unknown): CreditModelSpec {
  const issues = validateCreditModel(input);
  if (issues.length > 0) throw new Error(`invalid credit model: ${issues.map((i) => `${i.field}: ${i.message}`).join('; ')}`);
  // validateCreditModel checked every field of CreditModelSpec above.
  return input as CreditModelSpec;
}
