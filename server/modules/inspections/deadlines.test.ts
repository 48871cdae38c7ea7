import { describe, expect, it } from 'vitest';
import { statutoryCalendar as cal } from '../../../common/calendar/index.ts';
import { canonicalise, drawInspection, poolHashOf } from '../../../common/draw/index.ts';
import { KAT_INPUT, randomInput } from '../../../common/draw/test-pools.ts';
import { decodePools, encodePools } from './draw/pool-document.ts';
import { publicationDue } from './results/publication-service.ts';
import { publicationInfo } from './tasks/present.ts';

describe('publication deadline (20 working days, statutory calendar)', () => {
  it.each([
    ['2026-02-10', '2026-03-16'],
    ['2026-02-13', '2026-03-19'],
    ['2026-09-18', '2026-10-22'],
    ['2026-09-30', '2026-11-03'],
    ['2026-10-09', '2026-11-05'],
  ])('ends %s → due %s', (endedOn, due) => {
    expect(publicationDue(endedOn, cal)).toEqual({ due, error: null });
  });

  it('flags a deadline running past the calendar instead of guessing it, and refuses an end outside it', () => {
    const late = publicationDue('2026-12-20', cal);
    expect(late.due).toBeNull();
    expect(late.error).toMatch(/超出法定节假日数据覆盖的年份.*not guessed/);
    expect(() => publicationDue('2027-01-05', cal)).toThrow(expect.objectContaining({ status: 400, code: 'CALENDAR_OUT_OF_RANGE' }));
  });

  const finished = (due: string | null) => ({ status: 'finished', ended_on: '2026-11-02', publication_due: due, publication_due_error: due ? null : '超出' });
  it.each([
    ['2026-11-20', '2026-12-01', 'ok', 7],
    ['2026-11-26', '2026-12-01', 'warning', 3],
    ['2026-12-01', '2026-12-01', 'warning', 0],
    ['2026-12-02', '2026-12-01', 'overdue', -1],
  ] as const)('on %s with the deadline %s the state is %s (%i working days left)', (today, due, state, left) => {
    expect(publicationInfo(finished(due), today, cal)).toEqual({ due, state, workdaysLeft: left, error: null });
  });

  it('is unknown without a computable deadline, and published once published', () => {
    expect(publicationInfo({ ...finished(null), ended_on: '2026-12-20' }, '2026-11-20', cal)).toMatchObject({ due: null, state: 'unknown', error: '超出' });
    // A deadline stored as unknown is computed once the calendar reaches it (a next year published since the finish).
    expect(publicationInfo(finished(null), '2026-11-20', cal)).toMatchObject({ due: '2026-11-30', state: 'ok', error: null });
    expect(publicationInfo({ ...finished('2026-12-01'), status: 'published' }, '2027-03-01', cal)).toMatchObject({ state: 'published' });
    // Today beyond the calendar: overdue is still certain by calendar days, the count is not guessed.
    expect(publicationInfo(finished('2026-12-01'), '2027-01-04', cal)).toMatchObject({ state: 'overdue', workdaysLeft: null });
  });
});

describe('stored pool document', () => {
  it('reads back exactly the canonical pools whose hash was published', () => {
    for (const input of [KAT_INPUT, randomInput(7, { targets: 300, inspectors: 40, conflictsPerInspector: 3 })]) {
      const pools = canonicalise(input);
      const { gz, byteLength } = encodePools(pools);
      expect(gz.length).toBeLessThan(byteLength);
      const back = decodePools(gz);
      expect(poolHashOf(canonicalise(back))).toBe(poolHashOf(pools));
      const again = drawInspection({ ...back, seed: input.seed, publicEntropy: input.publicEntropy });
      const first = drawInspection(input);
      expect([again.poolHash, again.strata, again.targets]).toEqual([first.poolHash, first.strata, first.targets]);
    }
  });
});
