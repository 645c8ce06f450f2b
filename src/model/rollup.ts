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
}

interface Computed {
  readonly objectives: Map<Objective, number>;
  readonly keyResults: Map<Objective, number[]>;
  ensure(objective: Objective): void;
}

const cache = new WeakMap<Workspace, Computed>();

/**
 * The progress of every goal of `workspace`; `mission` is computed over `objectives` (default: all).
 * Rollup key results take the objectives aligned to them from any cycle. Alignment cycles are
 * errors `okr check` reports; here a goal never counts towards itself, so they cannot hang.
 */
export function computeProgress(workspace: Workspace, objectives?: readonly Objective[]): ProgressIndex {
  let computed = cache.get(workspace);
  if (!computed) cache.set(workspace, (computed = computeAll(workspace, alignmentGraph(workspace))));
  const { objectives: values, keyResults, ensure } = computed;
  const graph = alignmentGraph(workspace);
  const ofObjective = (o: Objective): number => {
    ensure(o);
    return values.get(o)!;
  };

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
      ensure(o);
      return keyResults.get(o)![i];
    },
    ofObjective,
    ofKeyResult: (o, kr) => {
      ensure(o);
      const i = o.keyResults.indexOf(kr);
      return i < 0 ? keyResultProgress(kr) : keyResults.get(o)![i]!;
    },
  };
}

/**
 * Depth-first over "needs the progress of", with an explicit stack so that a chain of ten thousand
 * nested teams cannot overflow the call stack. Every objective of the workspace is computed in file
 * order, so the result never depends on which goal a command asks about first.
 */
function computeAll(workspace: Workspace, graph: AlignmentGraph): Computed {
  const values = new Map<Objective, number>();
  const krValues = new Map<Objective, number[]>();
  const visiting = new Set<Objective>();

  const NO_DEPENDENCIES: Objective[] = [];
  const dependencies = (o: Objective): Objective[] => {
    let deps = NO_DEPENDENCIES;
    for (const kr of o.keyResults)
      if (kr.kind === 'rollup') {
        const fed = graph.feedersOfKeyResult(kr);
        if (fed.length === 0) continue;
        if (deps === NO_DEPENDENCIES) deps = [];
        for (const f of fed) deps.push(f);
      }
    return deps;
  };

  const finish = (o: Objective) => {
    const krs: number[] = [];
    for (const kr of o.keyResults) {
      let value: number;
      if (kr.kind !== 'rollup') value = keyResultProgress(kr);
      else {
        // A feeder still being computed is an ancestor on the stack: an alignment cycle. Leave it out.
        const fed: { value: number; weight: number }[] = [];
        for (const f of graph.feedersOfKeyResult(kr)) {
          const v = values.get(f);
          if (v !== undefined) fed.push({ value: v, weight: f.weight });
        }
        value = keyResultProgress(kr, weightedMean(fed));
      }
      krs.push(value);
    }
    krValues.set(o, krs);
    values.set(o, objectiveProgress(o.keyResults.map((kr, i) => ({ value: krs[i]!, weight: kr.weight }))));
  };

  const ensure = (root: Objective) => {
    if (values.has(root)) return;
    const stack: { o: Objective; deps: Objective[]; next: number }[] = [{ o: root, deps: dependencies(root), next: 0 }];
    visiting.add(root);
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!;
      if (frame.next < frame.deps.length) {
        const dep = frame.deps[frame.next++]!;
        if (values.has(dep) || visiting.has(dep)) continue;
        visiting.add(dep);
        stack.push({ o: dep, deps: dependencies(dep), next: 0 });
        continue;
      }
      finish(frame.o);
      visiting.delete(frame.o);
      stack.pop();
    }
  };

  for (const o of workspace.objectives) ensure(o);
  return { objectives: values, keyResults: krValues, ensure };
}
