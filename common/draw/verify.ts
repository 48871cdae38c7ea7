import { applyRedraw, computeDraw, type PreparedDraw, prepareDraw } from './draw.ts';
import { DrawInputError, InsufficientInspectorsError, RedrawError } from './errors.ts';
import { DRAW_FORMAT, type DrawDifference, type DrawnTarget, type DrawVerdict, type PublishedDraw, type Redraw } from './types.ts';

const MAX_TEXT = 500;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Thrown inside verification to stop at the first difference. */
class Mismatch extends Error {
  readonly difference: DrawDifference;
  constructor(difference: DrawDifference) {
    super(difference.path);
    this.difference = difference;
  }
}

function same(path: string, expected: unknown, actual: unknown): void {
  if (expected !== actual) throw new Mismatch({ path, expected, actual });
}

function list(path: string, value: unknown, expectedLength: number, what: string): unknown[] {
  if (!Array.isArray(value)) throw new Mismatch({ path, expected: `an array of ${expectedLength} ${what}`, actual: value });
  return value;
}

/** Which targets were drawn, in which order (redraws never change these). */
function compareTargetList(expected: DrawnTarget[], value: unknown): void {
  const actual = list('targets', value, expected.length, 'targets');
  for (let i = 0; i < Math.min(expected.length, actual.length); i++) {
    const e = expected[i] as DrawnTarget;
    const a = actual[i];
    const path = `targets[${i}]`;
    if (!isRecord(a)) throw new Mismatch({ path, expected: e, actual: a });
    same(`${path}.creditCode`, e.creditCode, a.creditCode);
    same(`${path}.riskClass`, e.riskClass, a.riskClass);
  }
  same('targets.length', expected.length, actual.length);
}

/** The inspectors of each target, after the redraws (the list itself was compared before). */
function compareInspectors(expected: DrawnTarget[], actual: Record<string, unknown>[]): void {
  expected.forEach((e, i) => {
    const path = `targets[${i}].inspectors`;
    const ids = list(path, actual[i]?.inspectors, e.inspectors.length, 'inspector ids');
    for (let j = 0; j < Math.min(e.inspectors.length, ids.length); j++) same(`${path}[${j}]`, e.inspectors[j], ids[j]);
    same(`${path}.length`, e.inspectors.length, ids.length);
  });
}

function checkText(path: string, value: unknown, nullable: boolean): string | null {
  if (nullable && (value === null || value === undefined)) return null;
  if (typeof value !== 'string' || value.trim() === '' || value.length > MAX_TEXT || !value.isWellFormed()) {
    throw new DrawInputError(path, `a non-empty text of at most ${MAX_TEXT} characters${nullable ? ', or null' : ''}`, value);
  }
  return value;
}

/** Replays the logged redraws in order on `targets` (mutated), comparing each logged replacement. */
function replayRedraws(prepared: PreparedDraw, targets: DrawnTarget[], value: unknown): void {
  const redraws = list('redraws', value ?? [], 0, 'redraws');
  const applied: Redraw[] = [];
  redraws.forEach((r, i) => {
    const path = `redraws[${i}]`;
    if (!isRecord(r)) throw new DrawInputError(path, 'an object {seq, creditCode, recusedInspectorId, replacementId, reason, approvedBy}', r);
    same(`${path}.seq`, i + 1, r.seq);
    checkText(`${path}.reason`, r.reason, false);
    checkText(`${path}.approvedBy`, r.approvedBy, true);
    const creditCode = typeof r.creditCode === 'string' ? r.creditCode : '';
    const recused = typeof r.recusedInspectorId === 'string' ? r.recusedInspectorId : '';
    const target = targets.find((t) => t.creditCode === creditCode);
    if (!target) throw new Mismatch({ path: `${path}.creditCode`, expected: 'a drawn target', actual: r.creditCode });
    if (!target.inspectors.includes(recused)) {
      throw new Mismatch({ path: `${path}.recusedInspectorId`, expected: `one of ${target.inspectors.join(', ')}`, actual: r.recusedInspectorId });
    }
    let replacement: string;
    try {
      replacement = applyRedraw(prepared.pools, prepared.streamKey, targets, applied, creditCode, recused);
    } catch (err) {
      if (err instanceof InsufficientInspectorsError)
        throw new Mismatch({ path: `${path}.replacementId`, expected: 'no eligible inspector left', actual: r.replacementId });
      throw err;
    }
    same(`${path}.replacementId`, replacement, r.replacementId);
    applied.push({ seq: i + 1, creditCode, recusedInspectorId: recused, replacementId: replacement, reason: '', approvedBy: null });
  });
}

/**
 * Recomputes a published draw from its own inputs (pools, parameters, seed, entropy, redraw log) and compares
 * everything: commitment, pool hash, strata, each redraw's replacement, the final targets and inspectors.
 * Never throws for a bad record: a malformed field is reported as the first difference (expected = the rule).
 * Both `zhiliang draw verify <file>` and the task-based verification call this.
 */
export function verifyDraw(published: unknown): DrawVerdict {
  try {
    if (!isRecord(published)) throw new Mismatch({ path: '', expected: 'a published draw (JSON object)', actual: published });
    same('format', DRAW_FORMAT, published.format);
    const prepared = prepareDraw({
      params: published.params,
      targetPool: published.targetPool,
      inspectorPool: published.inspectorPool,
      seed: published.seed,
      publicEntropy: published.publicEntropy,
    });
    same('commitment', prepared.commitment, published.commitment);
    same('poolHash', prepared.poolHash, published.poolHash);
    let draw: ReturnType<typeof computeDraw>;
    try {
      draw = computeDraw(prepared);
    } catch (err) {
      if (err instanceof InsufficientInspectorsError) {
        throw new Mismatch({ path: 'targets', expected: `no draw is possible: ${err.message}`, actual: 'a published draw' });
      }
      throw err;
    }
    const strata = list('strata', published.strata, draw.strata.length, 'strata');
    draw.strata.forEach((s, i) => {
      const a = strata[i];
      if (!isRecord(a)) throw new Mismatch({ path: `strata[${i}]`, expected: s, actual: a });
      same(`strata[${i}].riskClass`, s.riskClass, a.riskClass);
      same(`strata[${i}].poolSize`, s.poolSize, a.poolSize);
      same(`strata[${i}].drawn`, s.drawn, a.drawn);
    });
    same('strata.length', draw.strata.length, strata.length);
    compareTargetList(draw.targets, published.targets);
    replayRedraws(prepared, draw.targets, published.redraws);
    compareInspectors(draw.targets, published.targets as Record<string, unknown>[]); // compareTargetList checked: an array of objects, as long as draw.targets
    return { consistent: true, firstDifference: null };
  } catch (err) {
    if (err instanceof Mismatch) return { consistent: false, firstDifference: err.difference };
    if (err instanceof DrawInputError) return { consistent: false, firstDifference: { path: err.path, expected: err.expected, actual: err.actual } };
    throw err;
  }
}

/**
 * A logged redraw for one target after an approved recusal application (回避申请): the recused inspector is
 * replaced by one drawn from stream `redraw/<seq>` among the inspectors still eligible (README §8). The record
 * must verify first. Returns a new record with the target updated and the redraw appended to the log.
 */
export function redrawTarget(
  published: PublishedDraw,
  creditCode: string,
  recusedInspectorId: string,
  reason: string,
  approvedBy: string | null = null,
): PublishedDraw {
  const verdict = verifyDraw(published);
  if (!verdict.consistent) throw new RedrawError(`the published draw does not verify (first difference at ${verdict.firstDifference?.path}); no redraw on it`);
  checkText('reason', reason, false);
  checkText('approvedBy', approvedBy, true);
  const prepared = prepareDraw(published);
  const targets = published.targets.map((t) => ({ ...t, inspectors: [...t.inspectors] }));
  const replacementId = applyRedraw(prepared.pools, prepared.streamKey, targets, published.redraws, creditCode, recusedInspectorId);
  const redraw: Redraw = { seq: published.redraws.length + 1, creditCode, recusedInspectorId, replacementId, reason, approvedBy };
  return { ...published, targets, redraws: [...published.redraws, redraw] };
}

function show(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

/** The one-line verdict the CLI prints (and a page may show): 一致 / consistent, or the first difference. */
export function formatVerdict(verdict: DrawVerdict, published?: unknown): string {
  if (verdict.consistent) {
    const p = published as Partial<PublishedDraw> | undefined; // a consistent record has this shape
    const facts = p ? ` — ${p.targets?.length ?? 0} targets, ${p.redraws?.length ?? 0} redraws, commitment ${p.commitment}, poolHash ${p.poolHash}` : '';
    return `一致 / consistent${facts}`;
  }
  const d = verdict.firstDifference;
  return `不一致 / INCONSISTENT — first difference at ${d?.path || '(record)'}: expected ${show(d?.expected)}, published ${show(d?.actual)}`;
}
