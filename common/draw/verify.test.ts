import { describe, expect, it } from 'vitest';
import { drawInspection } from './draw.ts';
import { KAT_INPUT } from './test-pools.ts';
import type { PublishedDraw } from './types.ts';
import { formatVerdict, redrawTarget, verifyDraw } from './verify.ts';

const published = redrawTarget(drawInspection(KAT_INPUT), '913305230000000016', 'INS-02', '当事人申请回避', '局长');
/** A deep copy to tamper with (the record is plain JSON). */
const copy = (): PublishedDraw => JSON.parse(JSON.stringify(published));

describe('verifyDraw: recomputation from the published inputs alone', () => {
  it('a record that went through JSON verifies: 一致', () => {
    const verdict = verifyDraw(copy());
    expect(verdict).toEqual({ consistent: true, firstDifference: null });
    expect(formatVerdict(verdict, published)).toBe(
      `一致 / consistent — 8 targets, 1 redraws, commitment ${published.commitment}, poolHash ${published.poolHash}`,
    );
  });

  it('unknown extra fields (a task id, a publication date) are ignored', () => {
    expect(verifyDraw({ ...copy(), taskId: 'abc', publishedAt: '2026-12-01' }).consistent).toBe(true);
  });

  const cases: [string, (p: PublishedDraw & Record<string, unknown>) => void, { path: string; expected?: unknown; actual?: unknown }][] = [
    [
      'a different seed',
      (p) => {
        p.seed = `ff${p.seed.slice(2)}`;
      },
      { path: 'commitment', actual: published.commitment },
    ],
    [
      'a different commitment',
      (p) => {
        p.commitment = '0'.repeat(64);
      },
      { path: 'commitment', expected: published.commitment, actual: '0'.repeat(64) },
    ],
    [
      'a pool entry changed after the draw',
      (p) => {
        (p.targetPool[3] as PublishedDraw['targetPool'][number]).riskClass = 'D';
      },
      { path: 'poolHash', actual: published.poolHash },
    ],
    [
      'an inspector added to the pool',
      (p) => void p.inspectorPool.push({ id: 'INS-08', certified: true, homeRegionCode: '330502', conflicts: [] }),
      { path: 'poolHash' },
    ],
    [
      'a ratio changed',
      (p) => {
        p.params.ratioBasisPoints.B = 5001;
      },
      { path: 'poolHash' },
    ],
    [
      'a different public entropy',
      (p) => {
        p.publicEntropy = '2026-12-01 见证人报数 4712';
      },
      { path: 'targets[0].creditCode' },
    ],
    [
      'a tampered stratum count',
      (p) => {
        (p.strata[1] as PublishedDraw['strata'][number]).drawn = 3;
      },
      { path: 'strata[1].drawn', expected: 2, actual: 3 },
    ],
    [
      'an inspector swapped',
      (p) => {
        (p.targets[2] as PublishedDraw['targets'][number]).inspectors[1] = 'INS-05';
      },
      { path: 'targets[2].inspectors[1]', expected: 'INS-07', actual: 'INS-05' },
    ],
    ['a target dropped from the end', (p) => void p.targets.pop(), { path: 'targets.length', expected: 8, actual: 7 }],
    ['two targets swapped', (p) => void p.targets.reverse(), { path: 'targets[0].creditCode', expected: '913305230000000016', actual: '913305210000000030' }],
    [
      'a third inspector added',
      (p) => {
        (p.targets[4] as PublishedDraw['targets'][number]).inspectors.push('INS-02');
      },
      { path: 'targets[4].inspectors.length' },
    ],
    [
      'a redraw with another replacement',
      (p) => {
        (p.redraws[0] as PublishedDraw['redraws'][number]).replacementId = 'INS-07';
      },
      { path: 'redraws[0].replacementId', expected: 'INS-05' },
    ],
    [
      'a redraw of an inspector not on the target',
      (p) => {
        (p.redraws[0] as PublishedDraw['redraws'][number]).recusedInspectorId = 'INS-06';
      },
      { path: 'redraws[0].recusedInspectorId' },
    ],
    [
      'a redraw deleted from the log',
      (p) => {
        p.redraws = [];
      },
      { path: 'targets[0].inspectors[1]', expected: 'INS-02', actual: 'INS-05' },
    ],
    [
      'a redraw without a reason',
      (p) => {
        (p.redraws[0] as PublishedDraw['redraws'][number]).reason = '';
      },
      { path: 'redraws[0].reason' },
    ],
    [
      'a malformed seed',
      (p) => {
        p.seed = 'not hex';
      },
      { path: 'seed', actual: 'not hex' },
    ],
    ['a missing pool', (p) => void Reflect.deleteProperty(p, 'inspectorPool'), { path: 'inspectorPool' }],
    [
      'another format',
      (p) => {
        p.format = 'zhiliang-draw/0' as PublishedDraw['format'];
      },
      { path: 'format', expected: 'zhiliang-draw/1' },
    ],
  ];

  it.each(cases)('%s → the first difference is reported at its path', (_, tamper, difference) => {
    const p = copy() as PublishedDraw & Record<string, unknown>;
    tamper(p);
    const verdict = verifyDraw(p);
    expect(verdict.consistent).toBe(false);
    expect(verdict.firstDifference).toMatchObject(difference);
    expect(formatVerdict(verdict)).toMatch(new RegExp(`^不一致 / INCONSISTENT — first difference at ${difference.path.replace(/[[\].]/g, '\\$&')}: expected `));
  });

  it('a draw the pools cannot produce (too few eligible inspectors) is reported, not thrown', () => {
    const p = copy();
    const onlyOne = p.inspectorPool.map((i) => ({ ...i, certified: i.id === 'INS-01' }));
    const verdict = verifyDraw({ ...p, inspectorPool: onlyOne, poolHash: drawPoolHashOf({ ...p, inspectorPool: onlyOne }) });
    expect(verdict.firstDifference?.path).toBe('targets');
    expect(String(verdict.firstDifference?.expected)).toMatch(/^no draw is possible: target [0-9A-Z]{18}: 1 eligible inspector\(s\), 2 required$/);
  });

  it('anything that is not a record is a difference at the root, never an exception', () => {
    for (const value of [null, 42, 'x', [], undefined]) {
      expect(verifyDraw(value)).toMatchObject({ consistent: false, firstDifference: { path: '' } });
    }
    expect(formatVerdict(verifyDraw(null))).toBe(
      '不一致 / INCONSISTENT — first difference at (record): expected a published draw (JSON object), published null',
    );
  });
});

/** poolHash of a record whose pools were edited (what a dishonest publisher would also have to republish). */
function drawPoolHashOf(p: PublishedDraw): string {
  const v = verifyDraw({ ...p, poolHash: 'x' });
  return String(v.firstDifference?.expected);
}
