import { describe, expect, it } from 'vitest';
import { computeProgress } from '../../src/model/rollup.js';
import { objective, workspace, type ObjectiveSpec } from './fixtures.js';

describe('computeProgress', () => {
  it('objective progress is the weighted mean of its key results (key-result weights)', () => {
    const ws = workspace([
      {
        ref: 'a/o',
        alignsTo: 'mission',
        krs: [
          { id: 'm', start: 0, target: 10, current: 5, weight: 2 }, // 0.5 × 2
          { id: 'd', done: true }, // 1 × 1
          { id: 'g', keep_below: 1, current: 2 }, // 0 × 1
        ],
      },
    ]);
    const p = computeProgress(ws);
    expect(p.keyResult('a/o/m')).toBe(0.5);
    expect(p.keyResult('a/o/g')).toBe(0);
    expect(p.objective('a/o')).toBe((0.5 * 2 + 1 + 0) / 4);
  });

  it('a rollup key result is the weighted mean of the objectives aligned to it (objective weights)', () => {
    const ws = workspace([
      { ref: 'top/o', alignsTo: 'mission', krs: [{ id: 'r', rollup: true }, { id: 'd', done: false }] },
      { ref: 'x/a', alignsTo: 'top/o/r', weight: 3, krs: [{ id: 'd', done: true }] }, // 1 × 3
      { ref: 'y/b', alignsTo: 'top/o/r', krs: [{ id: 'm', start: 0, target: 4, current: 1 }] }, // 0.25 × 1
      { ref: 'z/c', alignsTo: 'top/o', krs: [{ id: 'd', done: true }] }, // aligned to the objective: feeds nothing
    ]);
    const p = computeProgress(ws);
    expect(p.keyResult('top/o/r')).toBe((3 * 1 + 0.25) / 4);
    expect(p.objective('top/o')).toBe(((3 * 1 + 0.25) / 4 + 0) / 2);
  });

  it('a rollup with nothing aligned is 0', () => {
    const p = computeProgress(workspace([{ ref: 'a/o', alignsTo: 'mission', krs: [{ id: 'r', rollup: true }, { id: 'd', done: true }] }]));
    expect(p.keyResult('a/o/r')).toBe(0);
    expect(p.objective('a/o')).toBe(0.5);
  });

  it('rolls up through several levels, from any cycle', () => {
    const ws = workspace([
      { ref: 'org/o', cycle: 'Y', alignsTo: 'mission', krs: [{ id: 'r', rollup: true }] },
      { ref: 'mid/o', cycle: 'Q4', alignsTo: 'org/o/r', krs: [{ id: 'r', rollup: true }, { id: 'd', done: true }] },
      { ref: 'leaf/o', cycle: 'Q4', alignsTo: 'mid/o/r', krs: [{ id: 'm', start: 10, target: 0, current: 6 }] }, // lower is better: 0.4
    ]);
    const p = computeProgress(ws);
    expect(p.objective('leaf/o')).toBeCloseTo(0.4, 15);
    expect(p.objective('mid/o')).toBeCloseTo(0.7, 15);
    expect(p.objective('org/o')).toBeCloseTo(0.7, 15);
  });

  it('an objective aligned to two rollups counts fully in each', () => {
    const ws = workspace([
      { ref: 'a/o', alignsTo: 'mission', krs: [{ id: 'r', rollup: true }] },
      { ref: 'b/o', alignsTo: 'mission', krs: [{ id: 'r', rollup: true }, { id: 'd', done: true }] },
      { ref: 'c/shared', alignsTo: ['a/o/r', 'b/o/r'], weight: 2, krs: [{ id: 'm', start: 0, target: 5, current: 4 }] },
      { ref: 'd/other', alignsTo: 'b/o/r', krs: [{ id: 'd', done: false }] },
    ]);
    const p = computeProgress(ws);
    expect(p.keyResult('a/o/r')).toBe(0.8);
    expect(p.keyResult('b/o/r')).toBe((0.8 * 2 + 0) / 3);
    // mission: a/o (0.8) and b/o ((0.8*2/3 + 1) / 2), weight 1 each
    expect(p.mission).toBeCloseTo((0.8 + (1.6 / 3 + 1) / 2) / 2, 15);
  });

  it('the same alignment written twice counts once', () => {
    const ws = workspace([
      { ref: 'a/o', alignsTo: 'mission', krs: [{ id: 'r', rollup: true }] },
      { ref: 'b/x', alignsTo: ['a/o/r', 'a/o/r'], krs: [{ id: 'd', done: true }] },
      { ref: 'c/y', alignsTo: 'a/o/r', krs: [{ id: 'd', done: false }] },
    ]);
    expect(computeProgress(ws).keyResult('a/o/r')).toBe(0.5);
  });

  it('mission progress is the weighted mean of the objectives aligned to it, among those given', () => {
    const ws = workspace([
      { ref: 'a/q', cycle: 'Q4', alignsTo: 'mission', weight: 2, krs: [{ id: 'd', done: true }] },
      { ref: 'b/y', cycle: 'Y', alignsTo: 'mission', krs: [{ id: 'm', start: 0, target: 10, current: 4 }] },
      { ref: 'c/z', alignsTo: 'a/q', krs: [{ id: 'd', done: false }] },
    ]);
    expect(computeProgress(ws).mission).toBe((2 * 1 + 0.4) / 3);
    expect(computeProgress(ws, ws.objectives.filter((o) => o.cycle === 'Y')).mission).toBe(0.4);
    expect(computeProgress(ws, []).mission).toBe(0);
  });

  it('unknown references are undefined', () => {
    const p = computeProgress(workspace([{ ref: 'a/o', alignsTo: 'mission', krs: [{ id: 'd', done: true }] }]));
    expect(p.objective('a/nope')).toBeUndefined();
    expect(p.keyResult('a/o/nope')).toBeUndefined();
    expect(p.keyResult('nope')).toBeUndefined();
  });

  it('an alignment cycle terminates, and a goal never counts towards itself', () => {
    const ws = workspace([
      { ref: 'a/o', alignsTo: ['mission', 'b/o/r'], krs: [{ id: 'r', rollup: true }, { id: 'd', done: true }] },
      { ref: 'b/o', alignsTo: 'a/o/r', krs: [{ id: 'r', rollup: true }] },
      { ref: 'c/self', alignsTo: 'c/self/r', krs: [{ id: 'r', rollup: true }, { id: 'd', done: true }] },
    ]);
    const p = computeProgress(ws);
    // a/o is computed first (file order); b/o, needed by it, cannot take a/o back: its rollup is 0.
    expect(p.objective('b/o')).toBe(0);
    expect(p.objective('a/o')).toBe(0.5);
    expect(p.objective('c/self')).toBe(0.5);
  });

  it('in an alignment cycle, the goal left out does not hide the others aligned beside it', () => {
    const ws = workspace([
      { ref: 'a/o', alignsTo: ['mission', 'b/o/r'], krs: [{ id: 'r', rollup: true }] },
      { ref: 'b/o', alignsTo: 'a/o/r', krs: [{ id: 'r', rollup: true }] },
      { ref: 'c/o', alignsTo: 'b/o/r', krs: [{ id: 'd', done: true }] },
    ]);
    const p = computeProgress(ws);
    // a/o is being computed when b/o is: b/o's rollup is c/o's alone, and a/o takes b/o's.
    expect(p.objective('b/o')).toBe(1);
    expect(p.keyResult('b/o/r')).toBe(1);
    expect(p.objective('a/o')).toBe(1);
    expect(p.keyResultsOf(ws.objectives[1]!)).toEqual([1]);
  });

  it('a chain 20,000 objectives deep neither overflows the stack nor loses the numbers', () => {
    const specs: ObjectiveSpec[] = [];
    const n = 20_000;
    for (let i = 0; i < n; i++)
      specs.push({
        ref: `t${i}/o`,
        alignsTo: i === 0 ? 'mission' : `t${i - 1}/o/r`,
        krs: i === n - 1 ? [{ id: 'd', done: true }] : [{ id: 'r', rollup: true }],
      });
    const p = computeProgress(workspace(specs));
    expect(p.objective('t0/o')).toBe(1);
    expect(p.mission).toBe(1);
  });

  it('duplicate objective ids: the first is the one referenced, and only it feeds rollups', () => {
    const first = objective({ ref: 'b/dup', alignsTo: 'a/o/r', krs: [{ id: 'd', done: true }] });
    const second = objective({ ref: 'b/dup', alignsTo: 'a/o/r', krs: [{ id: 'd', done: false }] });
    const ws = workspace([{ ref: 'a/o', alignsTo: 'mission', krs: [{ id: 'r', rollup: true }] }, first, second]);
    const p = computeProgress(ws);
    expect(p.objective('b/dup')).toBe(1);
    expect(p.keyResult('a/o/r')).toBe(1);
    expect(p.ofObjective(second)).toBe(0);
  });
});
