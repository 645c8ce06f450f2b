// What every part of okr asks of a key result the same way: its unit, its value now, whether it
// can be checked in, and who answers for it.
import type { GuardrailKeyResult, KeyResult, KeyResultValue, MetricKeyResult, MilestoneKeyResult, Objective, Workspace } from './types.js';

/** A key result with a value of its own (a rollup's progress comes from the objectives aligned to it). */
export type CheckableKeyResult = MetricKeyResult | MilestoneKeyResult | GuardrailKeyResult;

export function isCheckable(kr: KeyResult): kr is CheckableKeyResult {
  return kr.kind !== 'rollup';
}

/** The unit of a metric's or guardrail's numbers; milestones and rollups have none. */
export function unitOf(kr: KeyResult): string | undefined {
  return kr.kind === 'metric' || kr.kind === 'guardrail' ? kr.unit : undefined;
}

/** The value a check-in changes: a number, or a milestone's done. */
export function currentValue(kr: CheckableKeyResult): KeyResultValue {
  return kr.kind === 'milestone' ? kr.done : kr.current;
}

/** The key results of `objectives` that can be checked in, with their objective. */
export function checkableKeyResults(objectives: readonly Objective[]): { objective: Objective; keyResult: CheckableKeyResult }[] {
  return objectives.flatMap((objective) => objective.keyResults.filter(isCheckable).map((keyResult) => ({ objective, keyResult })));
}

/** Who answers for a key result: its owner, else its objective's, else its team's owners. */
export function ownersOf(workspace: Workspace, objective: Objective, keyResult: KeyResult): string[] {
  if (keyResult.owner) return [keyResult.owner];
  if (objective.owner) return [objective.owner];
  return [...(workspace.teams.get(objective.team)?.owners ?? [])];
}
