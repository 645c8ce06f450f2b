// The dashboard's tree as one flat list in the order it is drawn, built once per load: the mission,
// the objectives aligned to it and on down, each objective's key results with the objectives aligned
// through a key result nested under it (as `okr tree` draws them), then the unaligned objectives.
// Every entry knows its parent, its depth and where its subtree ends, so folding, filtering and
// scrolling are index arithmetic over arrays: nothing walks the tree on a key press.
import type { PaceStatus } from '../../../model/pacing.js';
import type { AlignmentTree, HiddenReason, TreeNode } from '../../../model/tree.js';
import type { KeyResult } from '../../../model/types.js';
import type { KeyResultScore, ObjectiveScore } from '../../../model/view.js';

export type OutlineEntry =
  | { readonly kind: 'mission'; readonly statement: string; readonly progress: number }
  | {
      readonly kind: 'objective';
      readonly score: ObjectiveScore;
      /** The other goals in view it is aligned to (it appears under each of them too). */
      readonly alsoUnder: readonly string[];
      /** Its key results whose guardrail does not hold. */
      readonly breached: number;
    }
  | { readonly kind: 'key-result'; readonly objective: ObjectiveScore; readonly score: KeyResultScore }
  /** The heading of the objectives aligned to nothing in view. */
  | { readonly kind: 'unaligned' }
  /** Objectives not listed again under this node (a cycle, or a repeat past the tree's size limit). */
  | { readonly kind: 'hidden'; readonly reason: HiddenReason; readonly count: number };

export type EntryKind = OutlineEntry['kind'];

export interface StatusCounts {
  /** Each objective counted once, however often it appears. */
  readonly objectives: Readonly<Record<PaceStatus, number>> & { readonly unpaced: number };
  readonly keyResults: number;
  readonly breached: number;
}

export interface Outline {
  readonly entries: readonly OutlineEntry[];
  /** The entry each entry sits under; -1 for the top level (the mission, the unaligned heading). */
  readonly parent: Int32Array;
  /** One past the last entry of each entry's subtree: its descendants are `i + 1 .. end[i] - 1`. */
  readonly end: Int32Array;
  readonly depth: Int32Array;
  /** What the text filter searches: title and reference, lower case. */
  readonly search: readonly string[];
  readonly counts: StatusCounts;
}

/** The goal reference of an entry ('mission' for the mission); undefined for headings and notes. */
export function refOf(entry: OutlineEntry): string | undefined {
  switch (entry.kind) {
    case 'mission':
      return 'mission';
    case 'objective':
      return entry.score.objective.ref;
    case 'key-result':
      return entry.score.keyResult.ref;
    default:
      return undefined;
  }
}

/** The team of an objective's or key result's entry. */
export function teamOf(entry: OutlineEntry): string | undefined {
  return entry.kind === 'objective' ? entry.score.objective.team : entry.kind === 'key-result' ? entry.objective.objective.team : undefined;
}

export function titleOf(entry: OutlineEntry): string {
  switch (entry.kind) {
    case 'mission':
      return entry.statement;
    case 'objective':
      return entry.score.objective.title;
    case 'key-result':
      return entry.score.keyResult.title;
    case 'unaligned':
      return 'Unaligned: aligned to nothing in this view';
    case 'hidden':
      return entry.reason === 'cycle' ? `${entry.count} aligned: an alignment cycle (okr check)` : `${entry.count} aligned, shown elsewhere`;
  }
}

/** What the tree holds, flattened in drawing order. */
export function buildOutline(tree: AlignmentTree): Outline {
  const entries: OutlineEntry[] = [];
  const parents: number[] = [];
  const depths: number[] = [];
  const ends: number[] = [];
  const search: string[] = [];
  const add = (entry: OutlineEntry, parent: number, depth: number): number => {
    entries.push(entry);
    parents.push(parent);
    depths.push(depth);
    ends.push(0);
    const ref = refOf(entry);
    search.push(ref === undefined || entry.kind === 'mission' ? '' : `${titleOf(entry)}\n${ref}`.toLowerCase());
    return entries.length - 1;
  };

  // Depth first with an explicit stack: alignment chains can be thousands of levels deep.
  type Task =
    | { readonly t: 'objective'; readonly node: TreeNode; readonly parent: number; readonly depth: number }
    | { readonly t: 'key-result'; readonly node: TreeNode; readonly kr: KeyResultScore; readonly under: readonly TreeNode[]; readonly parent: number; readonly depth: number }
    | { readonly t: 'hidden'; readonly reason: HiddenReason; readonly count: number; readonly parent: number; readonly depth: number }
    | { readonly t: 'end'; readonly index: number };
  const stack: Task[] = [];
  const drain = () => {
    while (stack.length) {
      const task = stack.pop()!;
      switch (task.t) {
        case 'end':
          ends[task.index] = entries.length;
          break;
        case 'hidden': {
          const index = add({ kind: 'hidden', reason: task.reason, count: task.count }, task.parent, task.depth);
          ends[index] = entries.length;
          break;
        }
        case 'key-result': {
          const index = add({ kind: 'key-result', objective: task.node.score, score: task.kr }, task.parent, task.depth);
          stack.push({ t: 'end', index });
          for (let i = task.under.length - 1; i >= 0; i--) stack.push({ t: 'objective', node: task.under[i]!, parent: index, depth: task.depth + 1 });
          break;
        }
        case 'objective': {
          const { node, parent, depth } = task;
          const breached = node.score.keyResults.filter((k) => k.status === 'breached').length;
          const index = add({ kind: 'objective', score: node.score, alsoUnder: node.alsoUnder, breached }, parent, depth);
          stack.push({ t: 'end', index });
          const viaKeyResult = new Map<KeyResult, TreeNode[]>();
          const direct: TreeNode[] = [];
          for (const child of node.children) {
            const via = child.via !== undefined && node.score.objective.keyResults.includes(child.via) ? child.via : undefined;
            if (via === undefined) direct.push(child);
            else {
              let list = viaKeyResult.get(via);
              if (!list) viaKeyResult.set(via, (list = []));
              list.push(child);
            }
          }
          // Pushed in reverse so they come out in order: key results (each with what is aligned
          // through it), objectives aligned to the objective itself, then the note of what is hidden.
          if (node.hidden) stack.push({ t: 'hidden', reason: node.hidden.reason, count: node.hidden.count, parent: index, depth: depth + 1 });
          for (let i = direct.length - 1; i >= 0; i--) stack.push({ t: 'objective', node: direct[i]!, parent: index, depth: depth + 1 });
          const krs = node.score.keyResults;
          for (let i = krs.length - 1; i >= 0; i--)
            stack.push({ t: 'key-result', node, kr: krs[i]!, under: viaKeyResult.get(krs[i]!.keyResult) ?? [], parent: index, depth: depth + 1 });
          break;
        }
      }
    }
  };

  const mission = add({ kind: 'mission', statement: tree.mission.statement, progress: tree.mission.progress }, -1, 0);
  for (let i = tree.roots.length - 1; i >= 0; i--) stack.push({ t: 'objective', node: tree.roots[i]!, parent: mission, depth: 1 });
  drain();
  ends[mission] = entries.length;
  if (tree.unaligned.length) {
    const heading = add({ kind: 'unaligned' }, -1, 0);
    for (let i = tree.unaligned.length - 1; i >= 0; i--) stack.push({ t: 'objective', node: tree.unaligned[i]!, parent: heading, depth: 1 });
    drain();
    ends[heading] = entries.length;
  }

  return {
    entries,
    parent: Int32Array.from(parents),
    end: Int32Array.from(ends),
    depth: Int32Array.from(depths),
    search,
    counts: countStatuses(entries),
  };
}

function countStatuses(entries: readonly OutlineEntry[]): StatusCounts {
  const objectives = { done: 0, 'on-track': 0, 'at-risk': 0, 'off-track': 0, unpaced: 0 };
  const seenObjectives = new Set<ObjectiveScore>();
  const seenKeyResults = new Set<KeyResultScore>();
  let breached = 0;
  for (const e of entries) {
    if (e.kind === 'objective' && !seenObjectives.has(e.score)) {
      seenObjectives.add(e.score);
      objectives[e.score.status ?? 'unpaced']++;
    } else if (e.kind === 'key-result' && !seenKeyResults.has(e.score)) {
      seenKeyResults.add(e.score);
      if (e.score.status === 'breached') breached++;
    }
  }
  return { objectives, keyResults: seenKeyResults.size, breached };
}
