// tree --json is written piece by piece (issue 16: 30,000 teams under 600 MB): the pieces must join
// into exactly the text JSON.stringify gives the whole document, for any piece size and any depth.
import { describe, expect, it } from 'vitest';
import { computeProgress } from '../../src/model/rollup.js';
import { buildTree } from '../../src/model/tree.js';
import type { Workspace } from '../../src/model/types.js';
import { makeScorer, viewOf } from '../../src/model/view.js';
import { treeJson, treeJsonText } from '../../src/render/json/tree.js';
import { QUARTER, workspace, YEAR, type ObjectiveSpec } from '../model/fixtures.js';

const DAY = '2026-11-25';

function treeOf(ws: Workspace) {
  const view = viewOf(ws, QUARTER, DAY);
  return buildTree(view, makeScorer(ws, computeProgress(ws, view.objectives), DAY));
}

const GOALS: ObjectiveSpec[] = [
  { ref: 'eng/platform', cycle: 'Y', alignsTo: 'mission', krs: [{ id: 'r', rollup: true }, { id: 'd', done: false }] },
  { ref: 'plat/runtime', alignsTo: 'eng/platform/r', krs: [{ id: 'm', start: 0, target: 10, current: 4 }] },
  { ref: 'sre/oncall', alignsTo: 'eng/platform', krs: [{ id: 'd', done: true }] },
  { ref: 'shared/app', alignsTo: ['eng/platform', 'sre/oncall'], krs: [{ id: 'd', done: true }] },
  { ref: 'loose/none', krs: [{ id: 'd', done: false }] },
  { ref: 'weird/"quotes"\\and\u2028', alignsTo: 'mission', krs: [{ id: 'd', done: true }] },
];

describe('tree --json written in pieces', () => {
  const tree = treeOf(workspace(GOALS, [YEAR, QUARTER]));

  it.each([1, 7, 100, 64 * 1024])('joins into JSON.stringify of the whole document (pieces of %i characters)', (chunk) => {
    for (const keyResults of [true, false]) {
      const pieces = [...treeJsonText(tree, { keyResults, chunk })];
      expect(pieces.join('')).toBe(JSON.stringify(treeJson(tree, { keyResults })));
      if (chunk === 1) expect(pieces.length).toBeGreaterThan(5);
    }
  });

  it('writes a chain 20,000 objectives deep without recursion', () => {
    const chain: ObjectiveSpec[] = [{ ref: 't0/o', alignsTo: 'mission', krs: [{ id: 'd', done: true }] }];
    for (let i = 1; i < 20_000; i++) chain.push({ ref: `t${i}/o`, alignsTo: `t${i - 1}/o`, krs: [{ id: 'd', done: true }] });
    const deep = treeOf(workspace(chain, [YEAR, QUARTER]));
    const text = [...treeJsonText(deep)].join('');
    expect(JSON.parse(text).roots[0].ref).toBe('t0/o');
    expect(text.length).toBeGreaterThan(20_000 * 50);
  });
});
