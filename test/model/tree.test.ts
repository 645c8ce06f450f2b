import { describe, expect, it } from 'vitest';
import { computeProgress } from '../../src/model/rollup.js';
import { buildTree, type AlignmentTree, type TreeNode, type TreeOptions } from '../../src/model/tree.js';
import type { Workspace } from '../../src/model/types.js';
import { makeScorer, viewOf } from '../../src/model/view.js';
import { QUARTER, workspace, YEAR, type ObjectiveSpec } from './fixtures.js';

const DAY = '2026-11-25';

function tree(ws: Workspace, options: TreeOptions = {}, cycle = QUARTER): AlignmentTree {
  const view = viewOf(ws, cycle, DAY);
  return buildTree(view, makeScorer(ws, computeProgress(ws, view.objectives), DAY), options);
}

/** The tree as indented lines: "ref [via kr] {also: ...} (hidden: reason n)". */
function outline(nodes: readonly TreeNode[], depth = 0): string[] {
  return nodes.flatMap((n) => [
    `${'  '.repeat(depth)}${n.score.objective.ref}${n.via ? ` [via ${n.via.id}]` : ''}${n.alsoUnder.length ? ` {also: ${n.alsoUnder.join(', ')}}` : ''}${n.hidden ? ` (hidden: ${n.hidden.reason} ${n.hidden.count})` : ''}`,
    ...outline(n.children, depth + 1),
  ]);
}

const done = [{ id: 'd', done: true }];
const GOALS: ObjectiveSpec[] = [
  { ref: 'eng/platform', cycle: 'Y', alignsTo: 'mission', krs: [{ id: 'r', rollup: true }, { id: 'd', done: false }] },
  { ref: 'prod/onboard', cycle: 'Y', alignsTo: 'mission', krs: done },
  { ref: 'plat/runtime', alignsTo: 'eng/platform/r', krs: done },
  { ref: 'sre/oncall', alignsTo: 'eng/platform', krs: done },
  { ref: 'sre/pages', alignsTo: 'oncall', krs: done }, // a bare id: same team
  { ref: 'shared/app', alignsTo: ['eng/platform', 'prod/onboard'], krs: done },
  { ref: 'loose/none', krs: done },
  { ref: 'loose/dangling', alignsTo: 'x/missing', krs: done },
  { ref: 'loose/bad-kr', alignsTo: 'eng/platform/nope', krs: done },
  { ref: 'old/q3', cycle: 'Q3', alignsTo: 'mission', krs: done },
];

describe('the alignment tree', () => {
  const ws = workspace(GOALS, [YEAR, QUARTER, { id: 'Q3', start: '2026-07-01', end: '2026-09-30', origin: { file: 'okr.yaml', path: [] } }]);

  it('runs from the mission down; an objective aligned to two goals appears under both, marked', () => {
    const t = tree(ws);
    expect(outline(t.roots)).toEqual([
      'eng/platform',
      '  plat/runtime [via r]',
      '  sre/oncall',
      '    sre/pages',
      '  shared/app {also: prod/onboard}',
      'prod/onboard',
      '  shared/app {also: eng/platform}',
    ]);
  });

  it('lists objectives aligned to nothing in view as unaligned: none, dangling, or a missing key result', () => {
    expect(outline(tree(ws).unaligned)).toEqual(['loose/none', 'loose/dangling', 'loose/bad-kr']);
  });

  it('holds the covering cycles only: Q3 objectives are not in view of Q4, nor Q4 ones in view of the year', () => {
    const year = tree(ws, {}, YEAR);
    expect(outline(year.roots)).toEqual(['eng/platform', 'prod/onboard']);
    expect(year.unaligned).toEqual([]);
  });

  it('reports the mission over the objectives in view, and the expected progress of each cycle', () => {
    const t = tree(ws);
    // eng/platform: (rollup r = plat/runtime's 1, milestone 0) / 2 = 0.5; prod/onboard: 1
    expect(t.mission.progress).toBe(0.75);
    expect(t.cycles.map((c) => [c.cycle.id, c.expected])).toEqual([
      ['Y', 328 / 364],
      ['Q4', 55 / 91],
    ]);
  });

  it('--depth cuts below a level and says how many are hidden', () => {
    expect(outline(tree(ws, { depth: 1 }).roots)).toEqual(['eng/platform (hidden: depth 3)', 'prod/onboard (hidden: depth 1)']);
    expect(tree(ws, { depth: 0 }).roots).toEqual([]);
  });

  it("narrows to an objective's line of sight: ancestors up to the mission and everything below", () => {
    const oncall = ws.objectives.find((o) => o.ref === 'sre/oncall')!;
    const t = tree(ws, { focus: { kind: 'objective', objective: oncall } });
    expect(outline(t.roots)).toEqual(['eng/platform', '  sre/oncall', '    sre/pages']);
    expect(t.unaligned).toEqual([]);
  });

  it("narrows to a team's line of sight", () => {
    const t = tree(ws, { focus: { kind: 'team', team: 'shared' } });
    expect(outline(t.roots)).toEqual(['eng/platform', '  shared/app {also: prod/onboard}', 'prod/onboard', '  shared/app {also: eng/platform}']);
    expect(outline(tree(ws, { focus: { kind: 'team', team: 'loose' } }).unaligned)).toEqual(['loose/none', 'loose/dangling', 'loose/bad-kr']);
  });

  it("narrows to a key result's line of sight: only what is aligned through it", () => {
    const platform = ws.objectives[0]!;
    const t = tree(ws, { focus: { kind: 'key-result', objective: platform, keyResult: platform.keyResults[0]! } });
    expect(outline(t.roots)).toEqual(['eng/platform', '  plat/runtime [via r]']);
  });
});

describe('alignment cycles and tangles (errors okr check reports) stay finite', () => {
  it('a cycle reachable from the mission is cut where it comes round again', () => {
    const ws = workspace([
      { ref: 'c/a', alignsTo: ['mission', 'c/b'], krs: done },
      { ref: 'c/b', alignsTo: 'c/a', krs: done },
    ]);
    expect(outline(tree(ws).roots)).toEqual(['c/a {also: c/b}', '  c/b', '    c/a {also: mission} (hidden: cycle 1)']);
  });

  it('a cycle that never reaches the mission is listed as unaligned', () => {
    const ws = workspace([
      { ref: 'c/a', alignsTo: 'c/b', krs: done },
      { ref: 'c/b', alignsTo: 'c/a', krs: done },
    ]);
    const t = tree(ws);
    expect(t.roots).toEqual([]);
    expect(outline(t.unaligned)).toEqual(['c/a {also: c/b}', '  c/b', '    c/a (hidden: cycle 1)']);
  });

  it('layers of objectives each aligned to all of the layer above do not explode', () => {
    // 2^25 paths from the mission down; the tree stops repeating subtrees once it is big.
    const specs: ObjectiveSpec[] = [];
    for (let layer = 0; layer < 25; layer++)
      for (const side of ['l', 'r'])
        specs.push({ ref: `t${layer}/${side}`, alignsTo: layer === 0 ? 'mission' : [`t${layer - 1}/l`, `t${layer - 1}/r`], krs: done });
    const t = tree(workspace(specs));
    let count = 0;
    const stack = [...t.roots];
    while (stack.length) {
      count++;
      stack.push(...stack.pop()!.children);
    }
    expect(count).toBeLessThan(25_000);
    expect(t.collapsed).toBeGreaterThan(0);
  });

  it('a chain 20,000 deep builds without overflowing the stack', () => {
    const specs: ObjectiveSpec[] = [];
    for (let i = 0; i < 20_000; i++) specs.push({ ref: `t${i}/o`, alignsTo: i === 0 ? 'mission' : `t${i - 1}/o`, krs: done });
    const t = tree(workspace(specs));
    let depth = 0;
    for (let n: TreeNode | undefined = t.roots[0]; n; n = n.children[0]) depth++;
    expect(depth).toBe(20_000);
  });
});
