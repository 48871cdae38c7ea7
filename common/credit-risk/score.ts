/**
 * The credit-risk scorer: one entity's factor inputs + a model version → score, class and breakdown.
 * Pure and cheap (the monthly run calls it a million times); the inputs are gathered by set-based SQL
 * in server/modules/entities/credit/recompute.ts.
 */
import { CREDIT_CLASSES, CREDIT_FACTORS, type CreditClass, type CreditFactor, type CreditModelSpec } from './model.ts';
import { fullYears } from './period.ts';

/** What the scorer needs to know about one entity as of the classification day. */
export interface CreditInputs {
  /** Sampling events (kind 'sampling') with details.conclusion '不合格' inside the model's window. */
  samplingFailures: number;
  /** Penalty events (kind 'penalty') inside the window. */
  penalties: number;
  /** Complaint events (kind 'complaint') inside the window. */
  complaints: number;
  /** The last abnormal_in/abnormal_out event up to the as-of day is abnormal_in. */
  abnormalListed: boolean;
  /** The last serious_in/serious_out event up to the as-of day is serious_in. */
  seriousListed: boolean;
  /** Production licences (工业产品 / 食品生产) still marked valid but past their expiry day. */
  licencesExpired: number;
  /** Production licences revoked (吊销) or suspended (暂停). */
  licencesRevoked: number;
  /** 成立日期, YYYY-MM-DD, or null when not recorded. */
  establishedOn: string | null;
  /** Kinds of the certifications valid on the as-of day (duplicates allowed; each kind counts once). */
  certificationKinds: readonly string[];
}

/** A factor's input value as stored: a count, a flag, full years (null = unknown) or the kinds counted. */
export type FactorValue = number | boolean | string[] | null;

/** [input value, points] per factor: the breakdown stored with every result. */
export type CreditFactorBreakdown = Record<CreditFactor, [FactorValue, number]>;

export interface CreditScore {
  class: CreditClass;
  /** baseScore + the sum of the factor points. */
  score: number;
  /** The class the thresholds alone give (before any list floor). */
  scoreClass: CreditClass;
  breakdown: CreditBreakdown;
}

/** What is stored with every result (entity_credit_class.breakdown). */
export interface CreditBreakdown {
  base: number;
  /** The class a list floor imposed (serious violation → D) when it raised the class; else null. */
  floor: CreditClass | null;
  factors: CreditFactorBreakdown;
}

const rank = (c: CreditClass) => CREDIT_CLASSES.indexOf(c);
export const worseClass = (a: CreditClass, b: CreditClass): CreditClass => (rank(a) >= rank(b) ? a : b);

/** The class a score falls in under the thresholds (score ≤ A → A …, above C → D). */
export function classOfScore(score: number, t: CreditModelSpec['thresholds']): CreditClass {
  if (score <= t.A) return 'A';
  if (score <= t.B) return 'B';
  if (score <= t.C) return 'C';
  return 'D';
}

const counted = (n: number, rule: { pointsEach: number; maxPoints: number }) => Math.min(Math.max(0, n) * rule.pointsEach, rule.maxPoints);

/** Scores one entity as of `asOf` (YYYY-MM-DD) under `model`. */
export function scoreCredit(model: CreditModelSpec, inputs: CreditInputs, asOf: string): CreditScore {
  const f = model.factors;
  const years = inputs.establishedOn === null ? null : fullYears(inputs.establishedOn, asOf);
  let yearsPoints = f.years_in_business.unknownPoints;
  if (years !== null) {
    yearsPoints = 0;
    for (const band of f.years_in_business.bands) if (years >= band.fromYears) yearsPoints = band.points;
  }
  const kinds = [...new Set(inputs.certificationKinds)].filter((k) => k in f.certifications.pointsByKind).sort();
  let certPoints = 0;
  for (const k of kinds) certPoints += f.certifications.pointsByKind[k as keyof typeof f.certifications.pointsByKind] ?? 0;
  certPoints = Math.max(certPoints, f.certifications.minPoints);

  const factors: CreditFactorBreakdown = {
    sampling_failures: [inputs.samplingFailures, counted(inputs.samplingFailures, f.sampling_failures)],
    penalties: [inputs.penalties, counted(inputs.penalties, f.penalties)],
    abnormal_operation: [inputs.abnormalListed, inputs.abnormalListed ? f.abnormal_operation.points : 0],
    serious_violation: [inputs.seriousListed, inputs.seriousListed ? f.serious_violation.points : 0],
    complaints: [inputs.complaints, counted(inputs.complaints, f.complaints)],
    licence_expired: [inputs.licencesExpired, counted(inputs.licencesExpired, f.licence_expired)],
    licence_revoked: [inputs.licencesRevoked, counted(inputs.licencesRevoked, f.licence_revoked)],
    years_in_business: [years, yearsPoints],
    certifications: [kinds, certPoints],
  };
  let score = model.baseScore;
  for (const code of CREDIT_FACTORS) score += factors[code][1];
  const scoreClass = classOfScore(score, model.thresholds);
  let cls = scoreClass;
  if (inputs.abnormalListed && f.abnormal_operation.minClass) cls = worseClass(cls, f.abnormal_operation.minClass);
  if (inputs.seriousListed && f.serious_violation.minClass) cls = worseClass(cls, f.serious_violation.minClass);
  return { class: cls, score, scoreClass, breakdown: { base: model.baseScore, floor: cls === scoreClass ? null : cls, factors } };
}
