import { describe, expect, it } from 'vitest';
import { computeProgress } from '../../src/model/rollup.js';
import type { Cycle } from '../../src/model/types.js';
import { chooseCycle, makeScorer, viewOf } from '../../src/model/view.js';
import { QUARTER, workspace, YEAR } from './fixtures.js';

const origin = { file: 'okr.yaml', path: [] };
const cycle = (id: string, start: string, end: string): Cycle => ({ id, start, end, origin });
const H2 = cycle('H2', '2026-07-01', '2026-12-31');
const Q3 = cycle('Q3', '2026-07-01', '2026-09-30');
const NEXT = cycle('2027', '2027-01-01', '2027-12-31');

const chosen = (choice: ReturnType<typeof chooseCycle>) => (choice.kind === 'chosen' ? choice.cycle.id : choice.kind);

describe('choosing the cycle', () => {
  const ws = workspace([], [YEAR, H2, Q3, QUARTER, NEXT]);

  it('defaults to the narrowest cycle containing the day', () => {
    expect(chosen(chooseCycle(ws, undefined, '2026-11-25'))).toBe('Q4');
    expect(chosen(chooseCycle(ws, undefined, '2026-08-01'))).toBe('Q3');
    expect(chosen(chooseCycle(ws, undefined, '2026-03-01'))).toBe('Y');
    expect(chosen(chooseCycle(ws, undefined, '2026-10-01'))).toBe('Q4'); // first day
    expect(chosen(chooseCycle(ws, undefined, '2026-12-31'))).toBe('Q4'); // last day
  });

  it('else the latest cycle (the one ending last, the narrowest of those)', () => {
    expect(chosen(chooseCycle(ws, undefined, '2030-01-01'))).toBe('2027');
    expect(chosen(chooseCycle(workspace([], [YEAR, QUARTER]), undefined, '2031-05-05'))).toBe('Q4');
    expect(chosen(chooseCycle(workspace([], [YEAR, QUARTER]), undefined, '2020-05-05'))).toBe('Q4');
  });

  it('of two equally narrow cycles containing the day, the one that started later', () => {
    const a = cycle('a', '2026-01-01', '2026-01-10');
    const b = cycle('b', '2026-01-05', '2026-01-14');
    expect(chosen(chooseCycle(workspace([], [a, b]), undefined, '2026-01-07'))).toBe('b');
  });

  it('takes --cycle as given, and names the declared cycles when it is unknown', () => {
    expect(chosen(chooseCycle(ws, 'Y', '2026-11-25'))).toBe('Y');
    expect(chooseCycle(ws, 'Q44', '2026-11-25')).toEqual({ kind: 'unknown', id: 'Q44', suggestion: 'Q4', declared: ['Y', 'H2', 'Q3', 'Q4', '2027'] });
    expect(chooseCycle(ws, 'something-else', '2026-11-25')).toMatchObject({ kind: 'unknown', declared: ['Y', 'H2', 'Q3', 'Q4', '2027'] });
  });

  it('skips cycles with invalid dates, and says when none is usable', () => {
    const bad = cycle('bad', '2026-02-30', '2026-12-31');
    expect(chosen(chooseCycle(workspace([], [bad, QUARTER]), undefined, '2026-11-25'))).toBe('Q4');
    expect(chooseCycle(workspace([], [bad]), undefined, '2026-11-25')).toMatchObject({ kind: 'invalid-dates' });
    expect(chooseCycle(workspace([], [bad, QUARTER]), 'bad', '2026-11-25')).toMatchObject({ kind: 'invalid-dates' });
    expect(chooseCycle(workspace([], []), undefined, '2026-11-25')).toEqual({ kind: 'no-cycles' });
  });
});

describe('the view of a cycle', () => {
  const ws = workspace(
    [
      { ref: 'a/year', cycle: 'Y', alignsTo: 'mission', krs: [{ id: 'd', done: false }] },
      { ref: 'a/h2', cycle: 'H2', alignsTo: 'a/year', krs: [{ id: 'd', done: false }] },
      { ref: 'a/q3', cycle: 'Q3', alignsTo: 'a/h2', krs: [{ id: 'd', done: true }] },
      { ref: 'a/q4', cycle: 'Q4', alignsTo: 'a/h2', krs: [{ id: 'm', start: 0, target: 10, current: 5 }] },
    ],
    [YEAR, H2, Q3, QUARTER],
  );

  it("holds the cycle's objectives and those of the cycles covering it, widest cycle first", () => {
    const view = viewOf(ws, QUARTER, '2026-11-25');
    expect(view.objectives.map((o) => o.ref)).toEqual(['a/year', 'a/h2', 'a/q4']);
    expect(view.cycles.map((c) => c.id)).toEqual(['Y', 'H2', 'Q4']);
    expect(viewOf(ws, YEAR, '2026-11-25').objectives.map((o) => o.ref)).toEqual(['a/year']);
  });

  it('paces each objective against its own cycle', () => {
    const scorer = makeScorer(ws, computeProgress(ws), '2026-11-25');
    const year = scorer.score(ws.objectives[0]!);
    const q4 = scorer.score(ws.objectives[3]!);
    expect(year.expected).toBe(328 / 364);
    expect(q4.expected).toBe(55 / 91);
    expect(q4.progress).toBe(0.5);
    expect(q4.status).toBe('at-risk'); // 0.5 < 0.604 - 0.1, but >= 0.604 - 0.25
    expect(year.status).toBe('off-track');
    expect(q4.keyResults[0]).toMatchObject({ progress: 0.5, status: 'at-risk' });
  });

  it('an objective of an undeclared cycle is unpaced: only done and breached can be told', () => {
    const stray = workspace([
      { ref: 'a/x', cycle: 'nope', alignsTo: 'mission', krs: [{ id: 'g', keep_below: 1, current: 2 }, { id: 'd', done: true }] },
    ]);
    const s = makeScorer(stray, computeProgress(stray), '2026-11-25').score(stray.objectives[0]!);
    expect(s.expected).toBeNull();
    expect(s.status).toBeNull();
    expect(s.keyResults.map((k) => k.status)).toEqual(['breached', 'done']);
  });
});
