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

/** A node's JSON without its children yet. */
function nodeJson(n: TreeNode, keyResults: boolean): TreeNodeJson {
  return {
    ref: n.score.objective.ref,
    team: n.score.objective.team,
    title: n.score.objective.title,
    progress: n.score.progress,
    expected: n.score.expected,
    status: n.score.status,
    grade: n.score.objective.grade ?? null,
    key_results: keyResults ? n.score.keyResults.map(keyResultJson) : [],
    children: [],
  };
}

export function treeJson(tree: AlignmentTree, { keyResults = true } = {}): TreeJson {
  const convert = (top: TreeNode): TreeNodeJson => {
    const node = (n: TreeNode) => nodeJson(n, keyResults);
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

/**
 * The compact JSON text of `treeJson(tree)` (exactly what JSON.stringify gives it), in pieces of
 * about `chunk` characters, made as they are written: a tree of 30,000 teams is never held whole,
 * neither as objects nor as one string (issue 16: tree --json at 30,000 teams under 600 MB).
 */
export function* treeJsonText(tree: AlignmentTree, { keyResults = true, chunk = 64 * 1024 } = {}): Generator<string> {
  let out = '';
  const head: Omit<TreeJson, 'roots' | 'unaligned'> = {
    mission: { statement: tree.mission.statement, progress: tree.mission.progress },
    cycle: tree.cycle.id,
    closed: tree.cycle.closed ?? null,
    as_of: tree.asOf,
  };
  out += JSON.stringify(head).slice(0, -1);
  for (const [name, tops] of [['roots', tree.roots], ['unaligned', tree.unaligned]] as const) {
    out += `,${JSON.stringify(name)}:[`;
    for (let i = 0; i < tops.length; i++) {
      const top = tops[i]!;
      if (i > 0) out += ',';
      // Depth first without recursion: each frame is a node whose children are being written.
      const stack: { node: TreeNode; next: number }[] = [];
      const open = (n: TreeNode) => {
        // {"ref":...,"key_results":[...],"children":[]} with the closing "]}" left for later.
        out += JSON.stringify(nodeJson(n, keyResults)).slice(0, -2);
        stack.push({ node: n, next: 0 });
      };
      open(top);
      while (stack.length) {
        const frame = stack[stack.length - 1]!;
        if (frame.next === frame.node.children.length) {
          out += ']}';
          stack.pop();
        } else {
          if (frame.next > 0) out += ',';
          open(frame.node.children[frame.next++]!);
        }
        if (out.length >= chunk) {
          yield out;
          out = '';
        }
      }
    }
    out += ']';
  }
  yield out + '}';
}
