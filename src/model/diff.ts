// The semantic diff of two workspaces: what a change to the goal files means (goals added, removed,
// renamed, re-aimed, re-aligned, checked in) and how it moves progress up to the mission. Pure.
// The seams: diff-pairing.ts (which goal is which), diff-compare.ts (what differs),
// diff-change.ts (the changes and their order), diff-effects.ts (the effect on progress).
import { ChangeList, type ChangeKind, type GoalChange } from './diff-change.js';
import { diffConfig, diffObjectives, diffTeams } from './diff-compare.js';
import { EffectWalker, type ProgressLookup } from './diff-effects.js';
import { pairGoals } from './diff-pairing.js';
import type { Workspace } from './types.js';

export interface DiffSide {
  readonly workspace: Workspace;
  /** The roll-up of this side; without it, changes carry no effect. */
  readonly progress?: ProgressLookup;
}

/** The semantic changes from `base` to `head`, grouped by team, each with its effect on progress. */
export function diffWorkspaces(base: DiffSide, head: DiffSide): GoalChange[] {
  const pairing = pairGoals(base.workspace, head.workspace);
  const emitter = new ChangeList();
  diffConfig(base.workspace.config, head.workspace.config, emitter);
  diffTeams(pairing, emitter);
  diffObjectives(pairing, emitter);
  const changes = emitter.sorted();
  if (!base.progress || !head.progress) return changes;
  const effects = new EffectWalker(pairing, base.progress, head.progress);
  return changes.map((c) => (MOVES_PROGRESS.has(c.kind) ? { ...c, effect: effects.from(c.ref) } : c));
}

/** Kinds that can move progress somewhere; the others (titles, owners...) carry no effect. */
const MOVES_PROGRESS: ReadonlySet<ChangeKind> = new Set<ChangeKind>([
  'objective-added',
  'objective-removed',
  'alignment-changed',
  'key-result-added',
  'key-result-removed',
  'kind-changed',
  'target-changed',
  'start-changed',
  'bound-changed',
  'value-changed',
  'weight-changed',
]);
