// `okr tree --json` (SPEC section 6): {mission, cycle, closed, as_of, roots, unaligned}, each node
// {ref, team, title, progress, expected, status, grade, key_results, children}. Built without recursion:
// alignment chains can be deeper than the call stack.
import type { PaceStatus } from '../../model/pacing.js';
import type { AlignmentTree, TreeNode } from '../../model/tree.js';
import { keyResultJson, type KeyResultJson } from './key-result.js';

export interface TreeNodeJson {
  ref: string;
  team: string;
  title: string;
  progress: number;
  expected: number | null;
  status: PaceStatus | null;
  /** The score the cycle's close gave it (0..1); null until its cycle is closed. */
  grade: number | null;
  key_results: KeyResultJson[];
  children: TreeNodeJson[];
}

export interface TreeJson {
  mission: { statement: string; progress: number };
  cycle: string;
  /** The day the cycle was closed (`okr close`); null while it is open. */
  closed: string | null;
  as_of: string;
  roots: TreeNodeJson[];
  unaligned: TreeNodeJson[];
}

/** Nesting of objects and arrays in the JSON of a tree `depth` objectives deep (for jsonText). */
export function treeJsonDepth(depth: number): number {
  // {roots: [node {children: [...], key_results: [{...}]}]}: two levels per objective, two for a key result.
  return 2 + 2 * depth + 2;
}

export function treeJson(tree: AlignmentTree, { keyResults = true } = {}): TreeJson {
  const convert = (top: TreeNode): TreeNodeJson => {
    const node = (n: TreeNode): TreeNodeJson => ({
      ref: n.score.objective.ref,
      team: n.score.objective.team,
      title: n.score.objective.title,
      progress: n.score.progress,
      expected: n.score.expected,
      status: n.score.status,
      grade: n.score.objective.grade ?? null,
      key_results: keyResults ? n.score.keyResults.map(keyResultJson) : [],
      children: [],
    });
    const root = node(top);
    const stack: [TreeNode, TreeNodeJson][] = [[top, root]];
    while (stack.length) {
      const [n, json] = stack.pop()!;
      for (const child of n.children) {
        const c = node(child);
        json.children.push(c);
        stack.push([child, c]);
      }
    }
    return root;
  };
  return {
    mission: { statement: tree.mission.statement, progress: tree.mission.progress },
    cycle: tree.cycle.id,
    closed: tree.cycle.closed ?? null,
    as_of: tree.asOf,
    roots: tree.roots.map(convert),
    unaligned: tree.unaligned.map(convert),
  };
}
