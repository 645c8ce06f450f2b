// The roll-up of a diff's base, taken from head's where the two cannot differ. okr diff reads base's
// progress only along the changes' upward paths and for the mission, and the files with the same
// content on both sides are the same objects (their analysis is shared). Computing base's alignment
// graph, view and roll-up whole cost ~5% of `okr diff` at 10,000 teams (profiled); here only the
// objectives whose progress may differ are computed, the others are head's numbers. Pure.
import type { ProgressLookup } from './diff-effects.js';
import { indexWorkspace, type GoalIndex } from './goal-index.js';
import { keyResultProgress, objectiveProgress, weightedMean } from './progress.js';
import type { ProgressIndex, RollupFeeding } from './rollup.js';
import type { SideDifference } from './side-difference.js';
import type { KeyResult, Objective, Workspace } from './types.js';

/** Head, rolled up whole. */
export interface RolledSide {
  readonly workspace: Workspace;
  readonly progress: ProgressIndex;
  /** Whether okr check found no alignment cycle in head (then its numbers depend on no order). */
  readonly acyclic: boolean;
}

/**
 * Base's progress, as computeProgress(base, its objectives in view) gives it, where every objective
 * outside `difference` is one object on both sides (in the same order); undefined when
 * it cannot be taken from head (okr.yaml differs, or an alignment cycle on either side): then
 * compute it whole. `inView`: the ids of the cycles in view (undefined: every objective);
 * `feeding`: the view's rule for what feeds a rollup key result, the one head was rolled up with.
 *
 * Why head's number is base's for an objective that is not "touched": its roll-up depends on its key
 * results, on the objectives aligned to its rollup key results (which ones, and their progress), and
 * so on down. An objective is touched when it is in a differing file; when its ref is one of such an
 * objective's (a repeated id, or a reference that may name another copy or nothing); and, upwards,
 * when a touched objective feeds it on either side (a feeder gained, lost or changed). Where an
 * objective sits does not move its own number, and a reference that names something else in base
 * names a touched ref. So an untouched objective has the same feeders on both sides, all untouched,
 * and without cycles its number is head's.
 */
export function progressSharing(
  head: RolledSide,
  base: Workspace,
  difference: SideDifference,
  inView: ReadonlySet<string> | undefined,
  feeding?: RollupFeeding,
): ProgressLookup | undefined {
  if (!head.acyclic || base.config !== head.workspace.config) return undefined;
  const index = indexWorkspace(base);
  const touched = touchedObjectives(indexWorkspace(head.workspace), index, difference);
  const rolled = rollTouched(base, index, touched, new Set(difference.headObjectives), head.progress, feeding);
  if (!rolled) return undefined;

  const progressOf = (o: Objective): number => rolled.get(o)?.progress ?? head.progress.ofObjective(o);
  const keyResultsOf = (o: Objective): readonly number[] => rolled.get(o)?.keyResults ?? head.progress.keyResultsOf(o);
  const missionChildren: { value: number; weight: number }[] = [];
  for (const o of index.members)
    if ((inView === undefined || inView.has(o.cycle)) && o.alignsTo.some((a) => a.target?.kind === 'mission')) missionChildren.push({ value: progressOf(o), weight: o.weight });
  return {
    mission: weightedMean(missionChildren) ?? 0,
    objective: (ref) => {
      const o = index.objectives.get(ref);
      return o ? progressOf(o) : undefined;
    },
    keyResult: (ref) => {
      const cut = ref.lastIndexOf('/');
      const o = cut > 0 ? index.objectives.get(ref.slice(0, cut)) : undefined;
      if (!o) return undefined;
      const i = o.keyResults.findIndex((kr) => kr.ref === ref);
      return i < 0 ? undefined : keyResultsOf(o)[i];
    },
  };
}

/**
 * The touched objectives of both sides (see progressSharing), found from the differing ones through
 * the indexes, without a pass over every objective (they are 30,000 at 10,000 teams, and each pass
 * is memory-bound work on a large heap).
 */
function touchedObjectives(headIndex: GoalIndex, baseIndex: GoalIndex, difference: SideDifference): Set<Objective> {
  const touched = new Set<Objective>();
  const queue: Objective[] = [];
  const touch = (o: Objective) => {
    if (touched.has(o)) return;
    touched.add(o);
    queue.push(o);
  };
  const refs = new Set<string>();
  for (const list of [difference.headObjectives, difference.baseObjectives])
    for (const o of list) {
      refs.add(o.ref);
      touch(o);
    }
  // The objectives such a ref names on either side, carried-over copies included. (A repeated id okr
  // check reports is left out: it feeds nothing, counts in no mission, and its own number comes from
  // its own key results, unless it is repeated on one side only, and then the other side names it.)
  for (const index of [headIndex, baseIndex]) for (const ref of refs) for (const o of index.copiesOf(ref)) touch(o);

  // Upwards: the goals a touched objective's key-result references name, resolved in base, for the
  // objectives of both sides. A reference names the same objective in head unless its ref is touched
  // (then that objective is too), so this also reaches what a head objective feeds. (Touching more
  // than is fed is harmless: it is only computed.)
  for (let i = 0; i < queue.length; i++) {
    const o = queue[i]!;
    for (const { target } of o.alignsTo) {
      if (target?.kind !== 'key-result') continue;
      const parent = baseIndex.resolve(`${target.team}/${target.objective}`, o);
      if (parent && parent.ref !== o.ref) touch(parent);
    }
  }
  return touched;
}

interface Rolled {
  readonly progress: number;
  readonly keyResults: readonly number[];
}

/**
 * The roll-up of base's touched objectives, as computeProgress makes it (the same arithmetic on the
 * same numbers in the same order); undefined when they form a cycle.
 */
function rollTouched(
  base: Workspace,
  index: GoalIndex,
  touched: ReadonlySet<Objective>,
  headOnly: ReadonlySet<Objective>,
  head: ProgressIndex,
  feeding: RollupFeeding | undefined,
): Map<Objective, Rolled> | undefined {
  const feeders = touchedFeeders(base, index, touched, feeding);
  const NONE: readonly Objective[] = [];
  const rolled = new Map<Objective, Rolled>();
  const computing = new Set<Objective>();
  const progressOf = (o: Objective) => rolled.get(o)?.progress ?? head.ofObjective(o);
  const dependencies = (o: Objective): Objective[] => {
    const deps: Objective[] = [];
    for (const kr of o.keyResults) if (kr.kind === 'rollup') for (const f of feeders.get(kr) ?? NONE) if (touched.has(f)) deps.push(f);
    return deps;
  };
  const finish = (o: Objective) => {
    const krs = o.keyResults.map((kr) =>
      kr.kind === 'rollup' ? keyResultProgress(kr, weightedMean((feeders.get(kr) ?? NONE).map((f) => ({ value: progressOf(f), weight: f.weight })))) : keyResultProgress(kr),
    );
    rolled.set(o, { progress: objectiveProgress(o.keyResults.map((kr, i) => ({ value: krs[i]!, weight: kr.weight }))), keyResults: krs });
  };

  for (const root of touched) {
    if (headOnly.has(root) || rolled.has(root)) continue; // head's own objectives are not base's (only work saved)
    // Depth first with an explicit stack: a chain of ten thousand nested teams must not overflow.
    const stack = [{ o: root, deps: dependencies(root), next: 0 }];
    computing.add(root);
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!;
      if (frame.next < frame.deps.length) {
        const dep = frame.deps[frame.next++]!;
        if (rolled.has(dep)) continue;
        if (computing.has(dep)) return undefined; // an alignment cycle: its numbers depend on order
        computing.add(dep);
        stack.push({ o: dep, deps: dependencies(dep), next: 0 });
        continue;
      }
      finish(frame.o);
      computing.delete(frame.o);
      stack.pop();
    }
  }
  return rolled;
}

/**
 * For each rollup key result of a touched base objective, the objectives aligned to it, in file order:
 * what base's alignment graph would list (alignment.ts), for these key results only, less those the
 * view's rule (`feeding`) leaves out, as computeProgress does.
 */
function touchedFeeders(base: Workspace, index: GoalIndex, touched: ReadonlySet<Objective>, feeding: RollupFeeding | undefined): Map<KeyResult, Objective[]> {
  // The touched objectives with rollup key results, as objective ids by team (no string made per reference).
  const owners = new Map<string, Set<string>>();
  for (const o of touched)
    if (o.keyResults.some((kr) => kr.kind === 'rollup')) {
      let ids = owners.get(o.team);
      if (!ids) owners.set(o.team, (ids = new Set()));
      ids.add(o.id);
    }
  const feeders = new Map<KeyResult, Objective[]>();
  for (const objective of base.objectives) {
    if (feeding !== undefined && !feeding.feeds(objective)) continue; // feeds no rollup in this view
    let fed: KeyResult[] | undefined;
    for (const { target } of objective.alignsTo) {
      if (target?.kind !== 'key-result' || owners.get(target.team)?.has(target.objective) !== true) continue;
      if (index.duplicates.has(objective)) break; // a repeated id feeds nothing (alignment.ts)
      const parent = index.resolve(`${target.team}/${target.objective}`, objective);
      if (!parent || parent.ref === objective.ref || !touched.has(parent)) continue;
      const keyResult = parent.keyResults.find((kr) => kr.id === target.keyResult);
      // The same goal written twice counts once.
      if (!keyResult || fed?.includes(keyResult)) continue;
      (fed ??= []).push(keyResult);
      let list = feeders.get(keyResult);
      if (!list) feeders.set(keyResult, (list = []));
      list.push(objective);
    }
  }
  return feeders;
}
