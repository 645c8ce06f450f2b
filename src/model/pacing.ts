// Pacing (SPEC section 3): how far through its cycle a goal should be on a given day, and the status
// that compares progress with that expectation.
import { dayNumber } from './calendar.js';
import { guardrailHolds } from './progress.js';
import type { Day, KeyResult } from './types.js';

/** The status of a goal. `breached` is only ever a guardrail key result's. */
export type Status = 'done' | 'on-track' | 'at-risk' | 'off-track' | 'breached';
export type PaceStatus = Exclude<Status, 'breached'>;

/** Pacing thresholds: below expected by at most this much is on track... */
export const ON_TRACK_SLACK = 0.1;
/** ...and by at most this much, at risk; further behind is off track. */
export const AT_RISK_SLACK = 0.25;

/**
 * Comparisons at the thresholds are made as on paper: `0.7 - 0.1` is 0.6 here, not
 * 0.6000000000000001, so progress of exactly 60% against 70% expected is on track.
 */
const EPSILON = 1e-9;

/**
 * Expected progress on `day` of the cycle [start, end]: clamp((day - start) / (end - start), 0, 1)
 * in whole days, end inclusive (the last day gives 1). A one-day cycle expects 1 from its day on.
 * NaN when a date is not a calendar day (an error `okr check` reports).
 */
export function expectedProgress(cycle: { readonly start: Day; readonly end: Day }, day: Day): number {
  const start = dayNumber(cycle.start);
  const end = dayNumber(cycle.end);
  const d = dayNumber(day);
  if (Number.isNaN(start) || Number.isNaN(end) || Number.isNaN(d)) return NaN;
  if (end <= start) return d >= end ? 1 : 0;
  const x = (d - start) / (end - start);
  return x < 0 ? 0 : x > 1 ? 1 : x;
}

/** done, on-track (at most 10 points behind), at-risk (at most 25 behind) or off-track. */
export function paceStatus(progress: number, expected: number): PaceStatus {
  if (progress >= 1) return 'done';
  if (progress >= expected - ON_TRACK_SLACK - EPSILON) return 'on-track';
  if (progress >= expected - AT_RISK_SLACK - EPSILON) return 'at-risk';
  return 'off-track';
}

/** A key result's status: paced like any goal, except a guardrail that does not hold is breached. */
export function keyResultStatus(kr: KeyResult, progress: number, expected: number): Status {
  if (kr.kind === 'guardrail' && !guardrailHolds(kr)) return 'breached';
  return paceStatus(progress, expected);
}

/** Statuses from the one needing most attention to the least (for sorting and summaries). */
export const STATUS_ORDER: readonly Status[] = ['breached', 'off-track', 'at-risk', 'on-track', 'done'];
