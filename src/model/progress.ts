// The progress arithmetic of SPEC section 3 for one key result or one objective: exact, pure, and
// free of rounding (people see percentages; JSON carries these numbers unrounded).
import type { GuardrailKeyResult, KeyResult, MetricKeyResult, MilestoneKeyResult } from './types.js';

/** A number in [0, 1]; NaN (a metric with start == target) counts as no progress. */
export function clamp01(x: number): number {
  if (Number.isNaN(x)) return 0;
  return x < 0 ? 0 : x > 1 ? 1 : x;
}

export interface Weighted {
  readonly value: number;
  readonly weight: number;
}

/**
 * The weighted mean of `items`, or undefined when there are none. Weights are positive (the schema
 * says so); items with a weight that is not are left out rather than allowed to flip the sign. The
 * weights are taken relative to the largest, so weights near the largest number (1e308) cannot
 * overflow the sums; the result is clamped to the inputs' range, so rounding can never carry it
 * outside them (a mean of ones is exactly 1, and therefore `done`).
 */
export function weightedMean(items: Iterable<Weighted>): number | undefined {
  // Two passes over the items as given, no copies: every objective of a 10,000-team roll-up comes
  // here, and every team of okr status (30,000 objectives' means: 67 -> 30 ms CPU, first run).
  const list: readonly Weighted[] = Array.isArray(items) ? items : [...items];
  let counted = 0;
  let largest = 0;
  for (const { weight } of list)
    if (counts(weight)) {
      counted++;
      if (weight > largest) largest = weight;
    }
  if (counted === 0) return undefined;
  let sum = 0;
  let total = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const { value, weight } of list) {
    if (!counts(weight)) continue;
    const share = weight / largest;
    sum += value * share;
    total += share;
    if (value < min) min = value;
    if (value > max) max = value;
  }
  const mean = sum / total;
  return mean < min ? min : mean > max ? max : mean;
}

/** Whether an item's weight counts towards a mean (positive and finite). */
function counts(weight: number): boolean {
  return weight > 0 && Number.isFinite(weight);
}

/** clamp((current - start) / (target - start), 0, 1): lower-is-better when target < start. */
export function metricProgress(kr: Pick<MetricKeyResult, 'start' | 'target' | 'current'>): number {
  // No distance to go (an error `okr check` reports): no progress can be claimed.
  if (kr.target === kr.start) return 0;
  const done = kr.current - kr.start;
  const distance = kr.target - kr.start;
  if (Number.isFinite(done) && Number.isFinite(distance)) return clamp01(done / distance);
  // From -1.7e308 to 1.7e308 the differences overflow; halved they cannot (and halving is exact).
  return clamp01((kr.current / 2 - kr.start / 2) / (kr.target / 2 - kr.start / 2));
}

export function milestoneProgress(kr: Pick<MilestoneKeyResult, 'done'>): number {
  return kr.done ? 1 : 0;
}

/** True while the bound holds: current <= keep_below, or current >= keep_above. */
export function guardrailHolds(kr: Pick<GuardrailKeyResult, 'bound' | 'current'>): boolean {
  return kr.bound.direction === 'below' ? kr.current <= kr.bound.value : kr.current >= kr.bound.value;
}

export function guardrailProgress(kr: Pick<GuardrailKeyResult, 'bound' | 'current'>): number {
  return guardrailHolds(kr) ? 1 : 0;
}

/**
 * A key result's progress. A rollup's comes from the objectives aligned to it, so the caller passes
 * the weighted mean of theirs (undefined when none is aligned: progress 0, and `okr check` warns).
 */
export function keyResultProgress(kr: KeyResult, rollup?: number): number {
  switch (kr.kind) {
    case 'metric':
      return metricProgress(kr);
    case 'milestone':
      return milestoneProgress(kr);
    case 'guardrail':
      return guardrailProgress(kr);
    case 'rollup':
      return clamp01(rollup ?? 0);
  }
}

/** An objective's progress: the weighted mean of its key results'; none (an error) counts as 0. */
export function objectiveProgress(keyResults: Iterable<Weighted>): number {
  return weightedMean(keyResults) ?? 0;
}
