// The alignment graph: where each objective sits (under the mission, an objective, or a key result)
// and what is aligned below each goal. Built once per workspace; dangling targets are left out.
import { indexWorkspace } from './goal-index.js';
import type { KeyResult, Objective, Workspace } from './types.js';

/** One resolved `aligns_to` entry. */
export type Placement =
  | { readonly kind: 'mission' }
  | { readonly kind: 'objective'; readonly parent: Objective }
  | { readonly kind: 'key-result'; readonly parent: Objective; readonly keyResult: KeyResult };

/** An objective aligned below a goal; `via` is the key result it names, if it names one. */
export interface AlignedChild {
  readonly child: Objective;
  readonly via?: KeyResult;
}

export interface AlignmentGraph {
  /**
   * One objective per reference (the first when ids repeat, as `okr check` reports), and every copy
   * of an objective carried over to a later cycle, in file order.
   */
  readonly objectives: readonly Objective[];
  /** The objective a reference names (of a carried-over objective's copies, the one being worked on). */
  objective(ref: string): Objective | undefined;
  /** Every copy of the objective a reference names, in file order (carried over: one per cycle). */
  copiesOf(ref: string): readonly Objective[];
  /** The objective an `aligns_to` of `from` names (of carried-over copies, the one whose cycle covers its own). */
  resolve(ref: string, from: Objective): Objective | undefined;
  /** Where `objective` is aligned: its `aligns_to` entries that resolve, without repeats or itself. */
  placementsOf(objective: Objective): readonly Placement[];
  /** Objectives aligned to `objective` or to one of its key results, in file order. */
  childrenOf(objective: Objective): readonly AlignedChild[];
  /** Objectives aligned to the key result `team/objective/kr`, in file order. */
  feedersOf(keyResultRef: string): readonly Objective[];
  /** The same, by the key result itself (no string hashing: the roll-up asks for every rollup). */
  feedersOfKeyResult(keyResult: KeyResult): readonly Objective[];
  /** Objectives aligned to the mission, in file order. */
  readonly missionChildren: readonly Objective[];
}

const graphs = new WeakMap<Workspace, AlignmentGraph>();

/** The alignment graph of a workspace (computed once per workspace object). */
export function alignmentGraph(workspace: Workspace): AlignmentGraph {
  let graph = graphs.get(workspace);
  if (!graph) graphs.set(workspace, (graph = buildGraph(workspace)));
  return graph;
}

const NONE: readonly never[] = [];
const MISSION: Placement = { kind: 'mission' };

function samePlacement(a: Placement, b: Placement): boolean {
  if (a.kind === 'mission' || b.kind === 'mission') return a.kind === b.kind;
  if (a.kind !== b.kind || a.parent !== b.parent) return false;
  return a.kind !== 'key-result' || a.keyResult === (b as typeof a).keyResult;
}

function buildGraph(workspace: Workspace): AlignmentGraph {
  const index = indexWorkspace(workspace);
  const byRef = index.objectives;
  const objectives = index.members;
  const placements = new Map<Objective, Placement[]>();
  const children = new Map<Objective, AlignedChild[]>();
  const feeders = new Map<KeyResult, Objective[]>();
  const missionChildren: Objective[] = [];

  for (const objective of workspace.objectives) {
    const own: Placement[] = [];
    for (const { target } of objective.alignsTo) {
      if (!target) continue;
      let placement: Placement | undefined;
      if (target.kind === 'mission') placement = MISSION;
      else {
        const parent = index.resolve(`${target.team}/${target.objective}`, objective);
        if (!parent || parent.ref === objective.ref) continue;
        if (target.kind === 'objective') placement = { kind: 'objective', parent };
        else {
          const keyResult = parent.keyResults.find((kr) => kr.id === target.keyResult);
          if (keyResult) placement = { kind: 'key-result', parent, keyResult };
        }
      }
      // The same goal written twice counts once (lists are short: compare, no keys).
      if (placement && !own.some((p) => samePlacement(p, placement))) own.push(placement);
    }
    placements.set(objective, own);
    // Only the objective a reference names takes part in the graph as a child (a duplicate id is an
    // error, and counting both would let one typo change the numbers twice).
    if (index.duplicates.has(objective)) continue;
    for (const p of own) {
      if (p.kind === 'mission') {
        missionChildren.push(objective);
        continue;
      }
      let list = children.get(p.parent);
      if (!list) children.set(p.parent, (list = []));
      list.push(p.kind === 'key-result' ? { child: objective, via: p.keyResult } : { child: objective });
      if (p.kind === 'key-result') {
        let fed = feeders.get(p.keyResult);
        if (!fed) feeders.set(p.keyResult, (fed = []));
        fed.push(objective);
      }
    }
  }

  return {
    objectives,
    objective: (ref) => byRef.get(ref),
    copiesOf: (ref) => index.copiesOf(ref),
    resolve: (ref, from) => index.resolve(ref, from),
    placementsOf: (o) => placements.get(o) ?? NONE,
    childrenOf: (o) => children.get(o) ?? NONE,
    feedersOf: (ref) => {
      const cut = ref.lastIndexOf('/');
      const kr = cut > 0 ? byRef.get(ref.slice(0, cut))?.keyResults.find((k) => k.ref === ref) : undefined;
      return (kr && feeders.get(kr)) ?? NONE;
    },
    feedersOfKeyResult: (kr) => feeders.get(kr) ?? NONE,
    missionChildren,
  };
}

/** The reference a placement names: `mission`, `team/objective` or `team/objective/kr`. */
export function placementRef(p: Placement): string {
  return p.kind === 'mission' ? 'mission' : p.kind === 'objective' ? p.parent.ref : p.keyResult.ref;
}
