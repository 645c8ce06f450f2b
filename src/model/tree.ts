// The alignment tree of a view: the mission, the objectives aligned to it, those aligned to them, and
// so on down; optionally narrowed to one goal's or one team's line of sight, or cut at a depth.
import { alignmentGraph, placementRef, type AlignedChild, type Placement } from './alignment.js';
import type { Cycle, Day, KeyResult, Objective } from './types.js';
import type { ObjectiveScore, Scorer, View } from './view.js';

/** What `okr tree REF` or `--team` narrows the tree to. */
export type Focus =
  | { readonly kind: 'team'; readonly team: string }
  | { readonly kind: 'objective'; readonly objective: Objective }
  | { readonly kind: 'key-result'; readonly objective: Objective; readonly keyResult: KeyResult };

export interface TreeOptions {
  readonly focus?: Focus;
  /** Levels of objectives below the mission to show (1: only those aligned to the mission). */
  readonly depth?: number;
}

/** Why a node's children are not listed under it. */
export type HiddenReason =
  | 'depth' // below --depth
  | 'cycle' // the node is its own ancestor: an alignment cycle (`okr check` reports it)
  | 'repeat'; // shown in full elsewhere, and the tree has grown past its size limit

export interface TreeNode {
  readonly score: ObjectiveScore;
  /** The parent's key result this objective is aligned to, when it names one. */
  readonly via: KeyResult | undefined;
  /** The other goals in view this objective is aligned to (it appears under each). */
  readonly alsoUnder: readonly string[];
  readonly children: readonly TreeNode[];
  readonly hidden: { readonly reason: HiddenReason; readonly count: number } | undefined;
}

export interface AlignmentTree {
  readonly mission: { readonly statement: string; readonly progress: number };
  readonly cycle: Cycle;
  readonly asOf: Day;
  /** The cycles in view (widest first) and the progress expected of their objectives on the day. */
  readonly cycles: readonly { readonly cycle: Cycle; readonly expected: number }[];
  readonly roots: readonly TreeNode[];
  /** Objectives aligned to nothing in view: no `aligns_to`, a dangling one, or another cycle's goal. */
  readonly unaligned: readonly TreeNode[];
  /** How many repeated subtrees were left out to keep a tangled tree finite (normally 0). */
  readonly collapsed: number;
  /** Levels of objectives in the deepest branch (0 for an empty tree). */
  readonly depth: number;
}

/** The empty list every leaf and nearly every "also under" shares (frozen: nothing may add to it). */
const NONE: readonly never[] = Object.freeze([]);

/** Nodes beyond which a subtree already shown elsewhere is not repeated (a tangle of multi-alignments). */
const MIN_NODE_BUDGET = 10_000;

export function buildTree(view: View, scorer: Scorer, options: TreeOptions = {}): AlignmentTree {
  const graph = alignmentGraph(view.workspace);
  const visible = options.focus ? lineOfSight(view, options.focus) : undefined;
  const shown = (o: Objective) => view.includes(o) && (!visible || visible.has(o));
  const childrenOf = (o: Objective): readonly AlignedChild[] => {
    const all = graph.childrenOf(o);
    return all.every((c) => shown(c.child)) ? all : all.filter((c) => shown(c.child));
  };
  const inView = (p: Placement) => p.kind === 'mission' || view.includes(p.parent);
  const hasPlacementInView = (o: Objective): boolean => graph.placementsOf(o).some(inView);
  /**
   * The goals in view `o` is aligned to besides `parent`. Nearly every objective has none, so no
   * list is made for it (30,000 nodes at 10,000 teams).
   */
  const alsoUnder = (o: Objective, parent: string | undefined): readonly string[] => {
    let refs: string[] | undefined;
    for (const p of graph.placementsOf(o))
      if (inView(p)) {
        const ref = placementRef(p);
        if (ref !== parent) (refs ??= []).push(ref);
      }
    return refs ?? NONE;
  };

  const maxDepth = options.depth ?? Infinity;
  const budget = Math.max(MIN_NODE_BUDGET, 4 * view.objectives.length);
  const expanded = new Set<Objective>();
  let count = 0;
  let collapsed = 0;
  let deepest = 0;

  type Mutable = { -readonly [K in keyof TreeNode]: TreeNode[K] };
  /** Builds the subtree under `top` with an explicit stack (alignment chains can be very deep). */
  const expand = (top: Objective, parentRef: string | undefined, via: KeyResult | undefined): TreeNode => {
    const onPath = new Set<Objective>();
    const stack: { objective: Objective; children: TreeNode[]; kids: readonly AlignedChild[]; next: number }[] = [];
    const open = (objective: Objective, parent: string | undefined, under: KeyResult | undefined, depth: number): Mutable => {
      count++;
      if (depth > deepest) deepest = depth;
      const node: Mutable = {
        score: scorer.score(objective),
        via: under,
        alsoUnder: alsoUnder(objective, parent),
        // A list of its own only for a node that is expanded below: most are leaves (27,000 of
        // 30,000 nodes at 10,000 teams, 81,000 in the tree JSON of 30,000 teams, which all live to the end).
        children: NONE,
        hidden: undefined,
      };
      const kids = childrenOf(objective);
      if (kids.length === 0) return node;
      if (onPath.has(objective)) node.hidden = { reason: 'cycle', count: kids.length };
      else if (depth >= maxDepth) node.hidden = { reason: 'depth', count: kids.length };
      else if (expanded.has(objective) && count > budget) {
        node.hidden = { reason: 'repeat', count: kids.length };
        collapsed++;
      } else {
        expanded.add(objective);
        onPath.add(objective);
        const children: TreeNode[] = [];
        node.children = children;
        stack.push({ objective, children, kids, next: 0 });
      }
      return node;
    };
    const root = open(top, parentRef, via, 1);
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!;
      if (frame.next >= frame.kids.length) {
        onPath.delete(frame.objective);
        stack.pop();
        continue;
      }
      const { child, via: kr } = frame.kids[frame.next++]!;
      frame.children.push(open(child, kr ? kr.ref : frame.objective.ref, kr, stack.length + 1));
    }
    return root;
  };

  const rootObjectives = graph.missionChildren.filter(shown);
  const unalignedTops = view.objectives.filter((o) => shown(o) && !hasPlacementInView(o));
  // Objectives reachable from neither (only alignment cycles do that) are listed as unaligned too, so
  // every objective in view appears at least once.
  const reached = new Set<Objective>();
  const queue = [...rootObjectives, ...unalignedTops];
  for (const o of queue) reached.add(o);
  for (let i = 0; i < queue.length; i++)
    for (const { child } of childrenOf(queue[i]!))
      if (!reached.has(child)) {
        reached.add(child);
        queue.push(child);
      }
  for (const o of view.objectives) {
    if (!shown(o) || reached.has(o)) continue;
    unalignedTops.push(o);
    reached.add(o);
    for (let i = queue.push(o) - 1; i < queue.length; i++)
      for (const { child } of childrenOf(queue[i]!))
        if (!reached.has(child)) {
          reached.add(child);
          queue.push(child);
        }
  }

  const roots = maxDepth < 1 ? [] : rootObjectives.map((o) => expand(o, 'mission', undefined));
  const unaligned = maxDepth < 1 ? [] : unalignedTops.map((o) => expand(o, undefined, undefined));
  return {
    mission: { statement: view.workspace.config.mission, progress: scorer.progress.mission },
    cycle: view.cycle,
    asOf: view.asOf,
    cycles: view.cycles.map((cycle) => ({ cycle, expected: scorer.expectedFor(cycle.id) ?? 0 })),
    roots,
    unaligned,
    collapsed,
    depth: deepest,
  };
}

/**
 * A goal's line of sight: the focused objectives, everything above them up to the mission, and
 * everything aligned below them (for a key result, only what is aligned through it).
 */
export function lineOfSight(view: View, focus: Focus): Set<Objective> {
  const graph = alignmentGraph(view.workspace);
  const focused =
    focus.kind === 'team' ? view.objectives.filter((o) => o.team === focus.team) : view.includes(focus.objective) ? [focus.objective] : [];
  const visible = new Set<Objective>(focused);

  const up = [...focused];
  for (let i = 0; i < up.length; i++)
    for (const p of graph.placementsOf(up[i]!))
      if (p.kind !== 'mission' && view.includes(p.parent) && !visible.has(p.parent)) {
        visible.add(p.parent);
        up.push(p.parent);
      }

  // Below: what is aligned to the focused objectives (for a key result, only through it), and down.
  const below: Objective[] = (
    focus.kind === 'key-result'
      ? graph.childrenOf(focus.objective).filter((c) => c.via === focus.keyResult)
      : focused.flatMap((o) => graph.childrenOf(o))
  )
    .map((c) => c.child)
    .filter((o) => view.includes(o));
  const seen = new Set<Objective>(below);
  for (let i = 0; i < below.length; i++)
    for (const { child } of graph.childrenOf(below[i]!))
      if (view.includes(child) && !seen.has(child)) {
        seen.add(child);
        below.push(child);
      }
  for (const o of below) visible.add(o);
  return visible;
}
