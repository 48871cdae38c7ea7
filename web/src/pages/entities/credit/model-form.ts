/**
 * The 新建版本 form of the credit-risk model: form values ↔ POST /credit-models input, the inline
 * issues (the server's own rules: validateCreditModel plus the description length createModel checks),
 * server 400 details placed on the form's fields, and the changes against the version it started from.
 * Pure: no React, no fetch.
 */

import type { CreditModelInput } from '../../../../../common/credit-risk/api.ts';
import { CREDIT_FACTOR_LABELS, describeFactorRule } from '../../../../../common/credit-risk/labels.ts';
import {
  CREDIT_CLASSES,
  CREDIT_FACTORS,
  type CreditClass,
  type CreditFactorRules,
  type CreditModelSpec,
  validateCreditModel,
} from '../../../../../common/credit-risk/model.ts';
import { CERTIFICATION_KINDS, type CertificationKind } from '../../../../../common/entity-api.ts';
import type { ApiError } from '../../../api/client';

/** createModel (server/modules/entities/credit/service.ts): the trimmed description has at least 20 characters. */
export const DESCRIPTION_MIN = 20;
/** modelBody (schema.ts): at most 4000 characters. */
export const DESCRIPTION_MAX = 4000;

/** An InputNumber holds null once emptied. */
type Num = number | null;

interface CountForm {
  pointsEach: Num;
  maxPoints: Num;
}
interface WindowedCountForm extends CountForm {
  windowMonths: Num;
}
/** A Select cannot hold null as a value: 'none' is "no floor". */
export type MinClassOption = CreditClass | 'none';
interface ListForm {
  points: Num;
  minClass: MinClassOption;
}

export interface ModelFormValues {
  baseScore: Num;
  thresholds: { A: Num; B: Num; C: Num };
  factors: {
    sampling_failures: WindowedCountForm;
    penalties: WindowedCountForm;
    abnormal_operation: ListForm;
    serious_violation: ListForm;
    complaints: WindowedCountForm;
    licence_expired: CountForm;
    licence_revoked: CountForm;
    years_in_business: { bands: { fromYears: Num; points: Num }[]; unknownPoints: Num };
    /** Every kind has a box; an empty one is a kind that does not count. */
    certifications: { pointsByKind: Record<CertificationKind, Num>; minPoints: Num };
  };
  description: string;
}

function certificationBoxes(p: Partial<Record<CertificationKind, number>>): Record<CertificationKind, Num> {
  return {
    green_product: p.green_product ?? null,
    zhejiang_made: p.zhejiang_made ?? null,
    iso9001: p.iso9001 ?? null,
    iso14001: p.iso14001 ?? null,
    iso45001: p.iso45001 ?? null,
    haccp: p.haccp ?? null,
    ccc: p.ccc ?? null,
    other: p.other ?? null,
  };
}

/** The form prefilled from a version (the description starts empty: it is this revision's own note). */
export function toModelForm(model: CreditModelSpec): ModelFormValues {
  const f = model.factors;
  const list = (r: CreditFactorRules['abnormal_operation']): ListForm => ({ points: r.points, minClass: r.minClass ?? 'none' });
  return {
    baseScore: model.baseScore,
    thresholds: { ...model.thresholds },
    factors: {
      sampling_failures: { ...f.sampling_failures },
      penalties: { ...f.penalties },
      abnormal_operation: list(f.abnormal_operation),
      serious_violation: list(f.serious_violation),
      complaints: { ...f.complaints },
      licence_expired: { ...f.licence_expired },
      licence_revoked: { ...f.licence_revoked },
      years_in_business: { bands: f.years_in_business.bands.map((b) => ({ ...b })), unknownPoints: f.years_in_business.unknownPoints },
      certifications: {
        pointsByKind: certificationBoxes(f.certifications.pointsByKind),
        minPoints: f.certifications.minPoints,
      },
    },
    description: '',
  };
}

// An emptied box becomes NaN: it fails validateCreditModel's integer check like the server's, and would serialise as null.
const n = (v: Num | undefined): number => (typeof v === 'number' ? v : Number.NaN);

/** The request body; the description trimmed as the server stores it. */
export function toModelInput(values: ModelFormValues): CreditModelInput {
  const f = values.factors;
  const count = (r: CountForm) => ({ pointsEach: n(r.pointsEach), maxPoints: n(r.maxPoints) });
  const windowed = (r: WindowedCountForm) => ({ ...count(r), windowMonths: n(r.windowMonths) });
  const list = (r: ListForm) => ({ points: n(r.points), minClass: r.minClass === 'none' ? null : r.minClass });
  const pointsByKind: Partial<Record<CertificationKind, number>> = {};
  for (const kind of CERTIFICATION_KINDS) {
    const v = f.certifications.pointsByKind[kind];
    if (typeof v === 'number') pointsByKind[kind] = v;
  }
  return {
    description: values.description.trim(),
    baseScore: n(values.baseScore),
    thresholds: { A: n(values.thresholds.A), B: n(values.thresholds.B), C: n(values.thresholds.C) },
    factors: {
      sampling_failures: windowed(f.sampling_failures),
      penalties: windowed(f.penalties),
      abnormal_operation: list(f.abnormal_operation),
      serious_violation: list(f.serious_violation),
      complaints: windowed(f.complaints),
      licence_expired: count(f.licence_expired),
      licence_revoked: count(f.licence_revoked),
      years_in_business: {
        bands: f.years_in_business.bands.map((b) => ({ fromYears: n(b.fromYears), points: n(b.points) })),
        unknownPoints: n(f.years_in_business.unknownPoints),
      },
      certifications: { pointsByKind, minPoints: n(f.certifications.minPoints) },
    },
  };
}

/** Messages keyed by the field path the API names, without "body." ("factors.penalties.maxPoints", "thresholds"). */
export type FieldIssues = Record<string, string[]>;

const push = (issues: FieldIssues, field: string, message: string) => {
  const list = issues[field] ?? [];
  if (!list.includes(message)) list.push(message);
  issues[field] = list;
};

/** The description rule of createModel, worded as the server words it. */
export function descriptionIssue(description: string): string | null {
  return description.trim().length < DESCRIPTION_MIN
    ? `请写明依据与取值说明（至少 ${DESCRIPTION_MIN} 字）/ explain the sources and choices (at least ${DESCRIPTION_MIN} characters)`
    : null;
}

/** Every issue the server would raise for these values, before sending them. */
export function modelFormIssues(values: ModelFormValues): FieldIssues {
  const { description, ...spec } = toModelInput(values);
  const issues: FieldIssues = {};
  for (const i of validateCreditModel(spec)) push(issues, i.field, i.message);
  const d = descriptionIssue(description);
  if (d) push(issues, 'description', d);
  return issues;
}

/** A 400's `details` by field ("body.factors.penalties.maxPoints" → "factors.penalties.maxPoints"; the whole body → "_form"). */
export function serverFieldIssues(error: Pick<ApiError, 'details' | 'message'>): FieldIssues {
  const issues: FieldIssues = {};
  for (const d of error.details) {
    if (typeof d.field !== 'string') continue;
    const field = d.field
      .replace(/^body\.?/, '')
      .replace(/^\//, '')
      .replace(/\//g, '.');
    push(issues, field === '' ? '_form' : field, d.message ?? d.rule ?? error.message);
  }
  return issues;
}

/** The value at a dotted path ("factors.years_in_business.bands.0.points"). */
export function valueAt(values: unknown, path: string): unknown {
  let v: unknown = values;
  for (const key of path.split('.')) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<string, unknown>)[key]; // any object indexed by a path segment; undefined when absent
  }
  return v;
}

/** Server issues still worth showing: those whose field has not been edited since the values were sent. */
export function staleServerIssues(issues: FieldIssues, sent: ModelFormValues | null, now: ModelFormValues): FieldIssues {
  if (!sent) return {};
  const kept: FieldIssues = {};
  for (const [field, messages] of Object.entries(issues)) {
    const path = field === '_form' ? '' : field;
    const same = path === '' ? true : JSON.stringify(valueAt(sent, path)) === JSON.stringify(valueAt(now, path));
    if (same) kept[field] = messages;
  }
  return kept;
}

/** "≤ 4", "5 – 24", "25 – 49", "≥ 50": the scores of each class under the thresholds. */
export function classBands(t: { A: number; B: number; C: number }): Record<CreditClass, string> {
  return { A: `≤ ${t.A}`, B: `${t.A + 1} – ${t.B}`, C: `${t.B + 1} – ${t.C}`, D: `≥ ${t.C + 1}` };
}

/** What a new version changes against the one it started from, one line each ("行政处罚：每次 +10… → 每次 +12…"). */
export function describeModelChanges(before: CreditModelSpec, after: CreditModelSpec): string[] {
  const lines: string[] = [];
  if (before.baseScore !== after.baseScore) lines.push(`基础分：${before.baseScore} → ${after.baseScore}`);
  const was = classBands(before.thresholds);
  const now = classBands(after.thresholds);
  const moved = CREDIT_CLASSES.filter((c) => was[c] !== now[c]);
  if (moved.length > 0) lines.push(`分类分界：${moved.map((c) => `${c} 类 ${was[c]} → ${now[c]}`).join('；')}`);
  for (const factor of CREDIT_FACTORS) {
    const a = describeFactorRule(before, factor);
    const b = describeFactorRule(after, factor);
    if (a !== b) lines.push(`${CREDIT_FACTOR_LABELS[factor]}：${a} → ${b}`);
  }
  return lines;
}

/**
 * What publishing does, as createModel and the recompute do it: effective from the current month,
 * no recompute of its own, earlier months keep their version, the row is immutable and audited.
 */
export function publishEffects(currentPeriod: string, activeVersion: number): string[] {
  const next = activeVersion + 1;
  return [
    `第 ${next} 版自 ${currentPeriod} 期起生效，成为当前版本；第 ${activeVersion} 版及以前的版本保留，可在版本历史中查看。`,
    `发布不会自动重新计算：${currentPeriod} 期已有的分类结果仍是按第 ${activeVersion} 版计算的，直到市局在本页点击「重新计算」，或每月 1 日 02:00 的自动计算时，才按第 ${next} 版计算。`,
    `以前各期的结果不变，重算以前的期次仍用当时生效的版本；人工调整在重算时保留。`,
    '版本发布后不能修改，只能再发布新版本；发布人、时间和全部取值记入审计日志。',
  ];
}
