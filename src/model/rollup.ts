// The roll-up: every objective's and key result's progress, with rollup key results taking the
// weighted mean of the objectives aligned to them, up to the mission. Computed once per workspace.
import { alignmentGraph, type AlignmentGraph } from './alignment.js';
import { keyResultProgress, objectiveProgress, weightedMean } from './progress.js';
import type { KeyResult, Objective, Workspace } from './types.js';

export interface ProgressIndex {
  /** Progress of the objective `team/objective`. */
  objective(ref: string): number | undefined;
  /** Progress of the key result `team/objective/kr`. */
  keyResult(ref: string): number | undefined;
  /** Weighted mean of the objectives aligned to the mission (among those given); 0 when none is. */
  readonly mission: number;
  /** Progress of an objective of the workspace, by identity (duplicate ids included). */
  ofObjective(objective: Objective): number;
  /** Progress of a key result of an objective of the workspace. */
  ofKeyResult(objective: Objective, keyResult: KeyResult): number;
  /** Progress of each of an objective's key results, in its order (one look-up for all of them). */
  keyResultsOf(objective: Objective): readonly number[];
}

/**
 * What the roll-up knows of one objective, in one record reached with one look-up: a 10,000-team
 * tree asks for 30,000 objectives and 120,000 key results, and separate maps for objectives, key
 * results and "being computed" made that several look-ups each.
 */
interface Rolled {
  readonly progress: number;
  readonly keyResults: readonly number[];
}

/** Marks an objective whose progress is being computed (an ancestor on the stack). */
const COMPUTING: Rolled = { progress: Number.NaN, keyResults: [] };

interface Computed {
  /** Every objective's record, computing it first if it is not of the workspace. */
  ensure(objective: Objective): Rolled;
}

/** Which objectives feed rollup key results (a view's rule, SPEC 9); without one, every objective aligned to them. */
export interface RollupFeeding {
  /** Names the rule: rules with the same key feed alike (the roll-up is computed once per key). */
  readonly key: string;
  feeds(objective: Objective): boolean;
}

/** Per workspace, the roll-up of each rule ('' for none). */
const cache = new WeakMap<Workspace, Map<string, Computed>>();

/**
 * The progress of every goal of `workspace`; `mission` is computed over `objectives` (default: all).
 * Rollup key results take the objectives aligned to them that `feeding` admits (a view's: SPEC 9),
 * or, without it, from any cycle. Alignment cycles are errors `okr check` reports; here a goal never
 * counts towards itself, so they cannot hang.
 */
export function computeProgress(workspace: Workspace, objectives?: readonly Objective[], feeding?: RollupFeeding): ProgressIndex {
  let rules = cache.get(workspace);
  if (!rules) cache.set(workspace, (rules = new Map()));
  const key = feeding?.key ?? '';
  let computed = rules.get(key);
  if (!computed) rules.set(key, (computed = computeAll(workspace, alignmentGraph(workspace), feeding?.feeds)));
  const { ensure } = computed;
  const graph = alignmentGraph(workspace);
  const ofObjective = (o: Objective): number => ensure(o).progress;

  const among = objectives ?? graph.objectives;
  const mission =
    weightedMean(
      among
        .filter((o) => o.alignsTo.some((a) => a.target?.kind === 'mission'))
        .map((o) => ({ value: ofObjective(o), weight: o.weight })),
    ) ?? 0;

  return {
    mission,
    objective: (ref) => {
      const o = graph.objective(ref);
      return o ? ofObjective(o) : undefined;
    },
    keyResult: (ref) => {
      const cut = ref.lastIndexOf('/');
      const o = cut > 0 ? graph.objective(ref.slice(0, cut)) : undefined;
      if (!o) return undefined;
      const i = o.keyResults.findIndex((kr) => kr.ref === ref);
      if (i < 0) return undefined;
      return ensure(o).keyResults[i];
    },
    ofObjective,
    ofKeyResult: (o, kr) => {
      const { keyResults } = ensure(o);
      const i = o.keyResults.indexOf(kr);
      return i < 0 ? keyResultProgress(kr) : keyResults[i]!;
    },
    keyResultsOf: (o) => ensure(o).keyResults,
  };
}

/**
 * Depth-first over "needs the progress of", with an explicit stack so that a chain of ten thousand
 * nested teams cannot overflow the call stack. Every objective of the workspace is computed in file
 * order, so the result never depends on which goal a command asks about first.
 */
function computeAll(workspace: Workspace, graph: AlignmentGraph, feeds: ((o: Objective) => boolean) | undefined): Computed {
  const rolled = new Map<Objective, Rolled>();
  // With a view's rule, a list is copied only when the rule leaves some of it out.
  const feedersOf =
    feeds === undefined
      ? graph.feedersOfKeyResult
      : (kr: KeyResult) => {
          const fed = graph.feedersOfKeyResult(kr);
          return fed.every(feeds) ? fed : fed.filter(feeds);
        };

  const NO_DEPENDENCIES: Objective[] = [];
  const dependencies = (o: Objective): Objective[] => {
    let deps = NO_DEPENDENCIES;
    for (const kr of o.keyResults)
      if (kr.kind === 'rollup') {
        const fed = feedersOf(kr);
        if (fed.length === 0) continue;
        if (deps === NO_DEPENDENCIES) deps = [];
        for (const f of fed) deps.push(f);
      }
    return deps;
  };

  const finish = (o: Objective): Rolled => {
    const krs: number[] = [];
    for (const kr of o.keyResults) {
      let value: number;
      if (kr.kind !== 'rollup') value = keyResultProgress(kr);
      else {
        // A feeder still being computed is an ancestor on the stack: an alignment cycle. Leave it out.
        const fed: { value: number; weight: number }[] = [];
        for (const f of feedersOf(kr)) {
          const known = rolled.get(f);
          if (known !== undefined && known !== COMPUTING) fed.push({ value: known.progress, weight: f.weight });
        }
        value = keyResultProgress(kr, weightedMean(fed));
      }
      krs.push(value);
    }
    const record: Rolled = { progress: objectiveProgress(o.keyResults.map((kr, i) => ({ value: krs[i]!, weight: kr.weight }))), keyResults: krs };
    rolled.set(o, record);
    return record;
  };

  const ensure = (root: Objective): Rolled => {
    const known = rolled.get(root);
    if (known !== undefined) return known;
    const rootDeps = dependencies(root);
    // Most objectives feed nothing of their own (no rollup key result fed): no stack needed.
    if (rootDeps.length === 0) return finish(root);
    const stack: { o: Objective; deps: Objective[]; next: number }[] = [{ o: root, deps: rootDeps, next: 0 }];
    rolled.set(root, COMPUTING);
    let record = COMPUTING;
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!;
      if (frame.next < frame.deps.length) {
        const dep = frame.deps[frame.next++]!;
        if (rolled.has(dep)) continue; // computed, or being computed (an alignment cycle)
        rolled.set(dep, COMPUTING);
        stack.push({ o: dep, deps: dependencies(dep), next: 0 });
        continue;
      }
      record = finish(frame.o);
      stack.pop();
    }
    return record;
  };

  for (const o of workspace.objectives) ensure(o);
  return { ensure };
}
