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

/** The numbers and states of a key result by field, null where a field does not apply to its kind. */
export interface KeyResultFields {
  readonly start: number | null;
  readonly target: number | null;
  readonly current: number | null;
  readonly unit: string | null;
  readonly done: boolean | null;
  readonly keepBelow: number | null;
  readonly keepAbove: number | null;
  readonly confidence: number | null;
}

export function keyResultFields(kr: KeyResult): KeyResultFields {
  return {
    start: kr.kind === 'metric' ? kr.start : null,
    target: kr.kind === 'metric' ? kr.target : null,
    current: kr.kind === 'metric' || kr.kind === 'guardrail' ? kr.current : null,
    unit: unitOf(kr) ?? null,
    done: kr.kind === 'milestone' ? kr.done : null,
    keepBelow: kr.kind === 'guardrail' && kr.bound.direction === 'below' ? kr.bound.value : null,
    keepAbove: kr.kind === 'guardrail' && kr.bound.direction === 'above' ? kr.bound.value : null,
    confidence: kr.confidence ?? null,
  };
}

/** Who answers for a key result: its owner, else its objective's, else its team's owners. */
export function ownersOf(workspace: Workspace, objective: Objective, keyResult: KeyResult): string[] {
  if (keyResult.owner) return [keyResult.owner];
  if (objective.owner) return [objective.owner];
  return [...(workspace.teams.get(objective.team)?.owners ?? [])];
}
