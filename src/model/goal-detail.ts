// Everything `okr show` tells about one goal: its score, what it is aligned to (resolved or not),
// and what is aligned to it. Pure: looks the reference up in the alignment graph.
import { alignmentGraph } from './alignment.js';
import { formatRef } from './ids.js';
import { closest } from './suggest.js';
import type { GoalRef, KeyResult, Objective, Team, Workspace } from './types.js';
import type { KeyResultScore, ObjectiveScore, Scorer } from './view.js';

/** One `aligns_to` entry as written, and what it names (undefined when it names nothing). */
export interface AlignmentLink {
  readonly raw: string;
  /** The absolute reference (`mission`, `team/objective` or `team/objective/kr`), when it parses. */
  readonly ref: string | undefined;
  readonly target: { readonly kind: 'mission' } | { readonly kind: 'goal'; readonly objective: ObjectiveScore; readonly keyResult?: KeyResult } | undefined;
}

export interface AlignedScore {
  readonly score: ObjectiveScore;
  /** The key result it is aligned to, when it names one. */
  readonly via: KeyResult | undefined;
}

export type GoalDetail =
  | {
      readonly kind: 'mission';
      readonly statement: string;
      readonly progress: number;
      readonly aligned: readonly AlignedScore[];
    }
  | {
      readonly kind: 'objective';
      readonly score: ObjectiveScore;
      readonly team: Team | undefined;
      readonly alignsTo: readonly AlignmentLink[];
      readonly aligned: readonly AlignedScore[];
    }
  | {
      readonly kind: 'key-result';
      readonly objective: ObjectiveScore;
      readonly keyResult: KeyResultScore;
      readonly team: Team | undefined;
      readonly aligned: readonly AlignedScore[];
    };

/** Why a reference names no goal, with the nearest one that exists. */
export interface GoalNotFound {
  readonly kind: 'not-found';
  readonly message: string;
  readonly suggestion: string | undefined;
}

export type FoundGoal =
  | { readonly kind: 'objective'; readonly objective: Objective }
  | { readonly kind: 'key-result'; readonly objective: Objective; readonly keyResult: KeyResult };

/**
 * The objective or key result a reference names, or why it names none (with a likely typo fix). Of
 * an objective carried over to later cycles, the copy being worked on, unless `prefer` picks another
 * (the copy in the cycle a command looks at).
 */
export function findGoal(workspace: Workspace, ref: Exclude<GoalRef, { kind: 'mission' }>, prefer?: (o: Objective) => boolean): FoundGoal | GoalNotFound {
  const graph = alignmentGraph(workspace);
  const objectiveRef = `${ref.team}/${ref.objective}`;
  const named = graph.objective(objectiveRef);
  const objective = named && prefer && !prefer(named) ? (graph.copiesOf(objectiveRef).find(prefer) ?? named) : named;
  if (!objective) {
    const suggestion = closest(objectiveRef, graph.objectives.map((o) => o.ref));
    const why = workspace.teams.has(ref.team) ? `team ${ref.team} has no objective "${ref.objective}"` : `there is no team "${ref.team}"`;
    return { kind: 'not-found', message: `no objective ${objectiveRef}: ${why}`, suggestion };
  }
  if (ref.kind === 'objective') return { kind: 'objective', objective };
  const keyResult = objective.keyResults.find((kr) => kr.id === ref.keyResult);
  if (keyResult) return { kind: 'key-result', objective, keyResult };
  const near = closest(ref.keyResult, objective.keyResults.map((kr) => kr.id));
  return {
    kind: 'not-found',
    message: `objective ${objectiveRef} has no key result "${ref.keyResult}"`,
    suggestion: near === undefined ? undefined : `${objectiveRef}/${near}`,
  };
}

/**
 * The detail of the goal `ref` names. `include` limits what is listed as aligned to it (a cycle's
 * view); the mission's aligned objectives are always those of `include`.
 */
export function describeGoal(
  workspace: Workspace,
  scorer: Scorer,
  ref: GoalRef,
  include: (o: Objective) => boolean = () => true,
): GoalDetail | GoalNotFound {
  const graph = alignmentGraph(workspace);
  if (ref.kind === 'mission')
    return {
      kind: 'mission',
      statement: workspace.config.mission,
      progress: scorer.progress.mission,
      aligned: graph.missionChildren.filter(include).map((o) => ({ score: scorer.score(o), via: undefined })),
    };

  const found = findGoal(workspace, ref, include);
  if (found.kind === 'not-found') return found;
  const { objective } = found;
  const team = workspace.teams.get(objective.team);
  const score = scorer.score(objective);
  const children = graph.childrenOf(objective).filter((c) => include(c.child));

  if (found.kind === 'key-result') {
    const keyResult = score.keyResults[objective.keyResults.indexOf(found.keyResult)]!;
    return {
      kind: 'key-result',
      objective: score,
      keyResult,
      team,
      aligned: children.filter((c) => c.via === found.keyResult).map((c) => ({ score: scorer.score(c.child), via: c.via })),
    };
  }

  const alignsTo = objective.alignsTo.map((a): AlignmentLink => {
    const t = a.target;
    if (!t) return { raw: a.raw, ref: undefined, target: undefined };
    const absolute = formatRef(t);
    if (t.kind === 'mission') return { raw: a.raw, ref: absolute, target: { kind: 'mission' } };
    const parent = graph.resolve(`${t.team}/${t.objective}`, objective);
    if (!parent) return { raw: a.raw, ref: absolute, target: undefined };
    if (t.kind === 'objective') return { raw: a.raw, ref: absolute, target: { kind: 'goal', objective: scorer.score(parent) } };
    const keyResult = parent.keyResults.find((kr) => kr.id === t.keyResult);
    return {
      raw: a.raw,
      ref: absolute,
      target: keyResult ? { kind: 'goal', objective: scorer.score(parent), keyResult } : undefined,
    };
  });

  return {
    kind: 'objective',
    score,
    team,
    alignsTo,
    aligned: children.map((c) => ({ score: scorer.score(c.child), via: c.via })),
  };
}
