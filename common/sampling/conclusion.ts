/**
 * Per-item verdicts and the sample's conclusion (检验结论 合格 / 不合格).
 *
 * - A numeric limit is inclusive on both ends (标准 "≤ 0.10" passes 0.10; "≥ 2.5" passes 2.5): the value is
 *   compared as the laboratory reported it, already rounded under GB/T 8170 by the laboratory.
 * - With a numeric limit and a numeric result the verdict is computed, and an entered verdict that
 *   contradicts it is refused. A text requirement ("应符合 GB 5296.4 第 5 章") or a text result
 *   ("未检出") needs the verdict entered by the officer.
 * - The sample is 不合格 as soon as one item is 不合格 (产品质量监督抽查管理暂行办法: a product failing any
 *   inspected item is judged 不合格); it is 合格 when every item is 合格; otherwise it has no conclusion yet.
 */

export const VERDICTS = ['pass', 'fail'] as const;
/** pass = 合格, fail = 不合格. */
export type Verdict = (typeof VERDICTS)[number];

export interface ItemLimit {
  limitMin: number | null;
  limitMax: number | null;
  limitText: string | null;
}

export interface ItemResult {
  value: number | null;
  text: string | null;
  /** An officer's verdict, for text requirements or text results. */
  enteredVerdict: Verdict | null;
}

export type ItemJudgement = { ok: true; verdict: Verdict | null; source: 'computed' | 'entered' | null } | { ok: false; reason: string };

export function hasNumericLimit(limit: ItemLimit): boolean {
  return limit.limitMin !== null || limit.limitMax !== null;
}

/** Whether a value lies within the inclusive numeric limit. */
export function withinLimit(limit: ItemLimit, value: number): boolean {
  return (limit.limitMin === null || value >= limit.limitMin) && (limit.limitMax === null || value <= limit.limitMax);
}

/** The verdict of one item from its limit and result (see the rules at the top of this file). */
export function judgeItem(limit: ItemLimit, result: ItemResult): ItemJudgement {
  if (limit.limitMin !== null && limit.limitMax !== null && limit.limitMin > limit.limitMax) {
    return { ok: false, reason: '下限大于上限 / the lower limit is above the upper limit' };
  }
  if (!hasNumericLimit(limit) && !limit.limitText?.trim()) {
    return { ok: false, reason: '须填写限值或标准要求 / give a numeric limit or the requirement text' };
  }
  if (hasNumericLimit(limit) && result.value !== null) {
    const computed: Verdict = withinLimit(limit, result.value) ? 'pass' : 'fail';
    if (result.enteredVerdict !== null && result.enteredVerdict !== computed) {
      return {
        ok: false,
        reason: `实测值 ${result.value} ${computed === 'pass' ? '在' : '超出'}限值范围内，判定应为“${computed === 'pass' ? '合格' : '不合格'}” / the result gives ${computed}`,
      };
    }
    return { ok: true, verdict: computed, source: 'computed' };
  }
  if (result.enteredVerdict !== null) return { ok: true, verdict: result.enteredVerdict, source: 'entered' };
  return { ok: true, verdict: null, source: null };
}

/** The sample's conclusion from its items' verdicts: any 不合格 → 不合格; all 合格 → 合格; else none yet. */
export function conclusionFromItems(verdicts: readonly (Verdict | null)[]): Verdict | null {
  if (verdicts.length === 0) return null;
  if (verdicts.includes('fail')) return 'fail';
  return verdicts.every((v) => v === 'pass') ? 'pass' : null;
}

/** The issued conclusion: an override (with its reason, audited) wins over the items. */
export function issuedConclusion(computed: Verdict | null, override: Verdict | null): Verdict | null {
  return override ?? computed;
}

/** 合格 / 不合格: the words on reports, timelines and public lists. */
export const VERDICT_WORDS: Record<Verdict, '合格' | '不合格'> = { pass: '合格', fail: '不合格' };
