// okr diff takes base's roll-up from head's where the two cannot differ (model/diff-base-progress.ts).
// Every number it gives must be what computing base's roll-up whole gives, to the last bit: here on
// thousands of random pairs of small workspaces that share every file but a few
// (test/support/random-workspaces.ts says which hostile cases they hold).
import { describe, expect, it } from 'vitest';
import { progressSharing } from '../../src/model/diff-base-progress.js';
import { checkInParts } from '../../src/model/diff-side-errors.js';
import { computeProgress } from '../../src/model/rollup.js';
import type { Workspace } from '../../src/model/types.js';
import { viewOf } from '../../src/model/view.js';
import { Generator, random, sides } from '../support/random-workspaces.js';

/**
 * The objectives in view of a cycle on a day (as okr diff takes the mission over them) and the view's
 * rule for what feeds a rollup key result (SPEC 9), or every objective.
 */
function inViewOf(ws: Workspace, cycleId: string | undefined, day = '2026-11-25') {
  const cycle = ws.config.cycles.find((c) => c.id === cycleId);
  if (!cycle) return { objectives: undefined, cycles: undefined, feeding: undefined };
  const view = viewOf(ws, cycle, day);
  return { objectives: view.objectives, cycles: new Set(view.cycles.map((c) => c.id)), feeding: view.feeding };
}

describe("base's roll-up taken from head's", () => {
  it('gives the numbers of the whole roll-up for every goal and the mission, or leaves it to the whole roll-up', () => {
    let shared = 0;
    for (let seed = 1; seed <= 2000; seed++) {
      const g = new Generator(random(seed), seed % 3 !== 0);
      const baseFiles = g.files();
      const headFiles = g.changed(baseFiles);
      const { base, head, difference } = sides(baseFiles, headFiles);
      const cycleId = g.pick(['2026-Q4', '2026', '2025', undefined]);
      // Days on which a yearly rollup's quarters have begun, or not yet (SPEC 9).
      const day = g.pick(['2026-11-25', '2026-06-01', '2025-12-31']);
      const headView = inViewOf(head, cycleId, day);
      const headProgress = computeProgress(head, headView.objectives, headView.feeding);
      const acyclic = checkInParts(head).alignmentCycles.length === 0;
      const lookup = progressSharing({ workspace: head, progress: headProgress, acyclic }, base, difference, headView.cycles, headView.feeding);
      if (!lookup) continue;
      shared++;
      const baseView = inViewOf(base, cycleId, day);
      const whole = computeProgress(base, baseView.objectives, baseView.feeding);
      const refs = ['mission', 'nowhere', 't0/zz', 't9/o1/k1', 't0/o1/k9', 't0/o1/k1/x'];
      for (const o of [...base.objectives, ...head.objectives]) {
        refs.push(o.ref);
        for (const kr of o.keyResults) refs.push(kr.ref);
      }
      const got = { seed, mission: lookup.mission, objectives: refs.map((r) => lookup.objective(r)), keyResults: refs.map((r) => lookup.keyResult(r)) };
      const expected = { seed, mission: whole.mission, objectives: refs.map((r) => whole.objective(r)), keyResults: refs.map((r) => whole.keyResult(r)) };
      expect(got).toEqual(expected);
    }
    // Most pairs of the ordered kind have no alignment cycle, so the shortcut is taken for them.
    expect(shared).toBeGreaterThan(800);
  });

  it('leaves an alignment cycle in head to the whole roll-up: where a cycle is entered moves its numbers', () => {
    const config = 'version: 1\norganization: T\nmission: M\ncycles:\n  - id: "2026"\n    start: "2026-01-01"\n    end: "2026-12-31"\n';
    const objective = (id: string, alignsTo: string, current: number) =>
      `objectives:\n  - id: ${id}\n    title: ${id}\n    aligns_to: ${alignsTo}\n    key_results:\n      - id: k\n        title: fed\n        rollup: true\n      - id: m\n        title: own\n        start: 0\n        target: 10\n        current: ${current}\n`;
    // a and b feed each other; b also feeds x, which only base has, and which comes first: base's
    // roll-up enters the cycle at b, head's at a.
    const shared = new Map([
      ['okr.yaml', config],
      ['teams/t1/2026.yaml', objective('a', 't2/b/k', 5)],
      ['teams/t2/2026.yaml', objective('b', '[t1/a/k, t0/x/k]', 8)],
    ]);
    const { base, head, difference } = sides(new Map([...shared, ['teams/t0/2026.yaml', objective('x', 'mission', 1)]]), shared);
    const headProgress = computeProgress(head);
    expect(checkInParts(head).alignmentCycles.length).toBeGreaterThan(0);
    expect(computeProgress(base).objective('t1/a')).not.toBe(headProgress.objective('t1/a'));
    expect(progressSharing({ workspace: head, progress: headProgress, acyclic: false }, base, difference, undefined)).toBeUndefined();
  });
});
