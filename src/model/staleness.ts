// When a key result is due a check-in, and how long it has gone without one: the one rule every
// command asks (okr stale, okr status, okr show, and check's stale-checkin rule). SPEC 9: a key
// result is never stale when there is nothing left to report.
import { daysBetween } from './calendar.js';
import { dayOf, type History, type HistoryPoint } from './history.js';
import type { CheckableKeyResult } from './key-results.js';
import { guardrailHolds, metricProgress } from './progress.js';
import type { Day } from './types.js';

/** Why a key result has nothing left to report. */
export type Settled = 'done' | 'at-target' | 'holding' | 'cycle-ended' | 'cycle-closed';

/** The dates of a key result's cycle that staleness depends on (`closed` once `okr close` ran). */
export interface CycleDates {
  readonly start: Day;
  readonly end: Day;
  readonly closed?: Day | undefined;
}

/**
 * Why `kr` has nothing left to report on `day`, or undefined while it has: a milestone that is
 * done, a metric at or past its target, a guardrail that holds, a key result of a cycle that has
 * ended or was closed.
 */
export function nothingLeftToReport(kr: CheckableKeyResult, cycle: CycleDates | undefined, day: Day): Settled | undefined {
  if (cycle?.closed !== undefined && cycle.closed <= day) return 'cycle-closed';
  if (cycle !== undefined && cycle.end < day) return 'cycle-ended';
  switch (kr.kind) {
    case 'milestone':
      return kr.done ? 'done' : undefined;
    case 'metric':
      return kr.target !== kr.start && metricProgress(kr) >= 1 ? 'at-target' : undefined;
    case 'guardrail':
      return guardrailHolds(kr) ? 'holding' : undefined;
  }
}

/** What staleness reads of a key result's points: their dates (a history's points, or only the latest of each). */
export type DatedPoint = Pick<HistoryPoint, 'date'>;

/** The points staleness looks at, by key-result reference (oldest first), and a shallow clone's cut. */
export interface DatedPoints<P extends DatedPoint = HistoryPoint> {
  readonly points: ReadonlyMap<string, readonly P[]>;
  readonly cut?: History['cut'];
}

export interface Staleness<P extends DatedPoint = HistoryPoint> {
  /** The key result's latest point, undefined when it has none (not committed yet, or before a shallow clone's cut). */
  readonly last: P | undefined;
  /** Whole days from the latest point's day to the day evaluated; undefined without a point. */
  readonly days: number | undefined;
  /**
   * True when stale; false when not; null when it cannot be known: the key result's last change is
   * older than a shallow clone's history.
   */
  readonly stale: boolean | null;
  /** Set when the key result has nothing left to report (never stale then). */
  readonly settled: Settled | undefined;
  /** Without a point in a shallow clone: its last change was on or before this day (the cut), when exactly is unknown. */
  readonly lastBefore?: Day;
}

/**
 * How long `kr` has gone without a check-in on `day`: stale when more than `staleAfterDays`, while
 * it has something left to report. Check-ins are due only while its cycle runs: before it starts
 * nothing is stale, and silence before it started does not count (a key result carried over from
 * the cycle before, or committed while planning, is due its first check-in `staleAfterDays` into
 * the cycle). A key result not committed yet is new work, not stale.
 */
export function stalenessOf(kr: CheckableKeyResult, history: History, day: Day, staleAfterDays: number, cycle?: CycleDates): Staleness;
export function stalenessOf<P extends DatedPoint>(kr: CheckableKeyResult, history: DatedPoints<P>, day: Day, staleAfterDays: number, cycle?: CycleDates): Staleness<P>;
export function stalenessOf<P extends DatedPoint>(
  kr: CheckableKeyResult,
  history: DatedPoints<P>,
  day: Day,
  staleAfterDays: number,
  cycle?: CycleDates,
): Staleness<P> {
  const points = history.points.get(kr.ref);
  const last = points?.[points.length - 1];
  const lastDay = last ? dayOf(last.date) : undefined;
  const days = lastDay !== undefined ? Math.max(0, daysBetween(lastDay, day)) : undefined;
  const settled = nothingLeftToReport(kr, cycle, day);
  const due = settled === undefined && !(cycle !== undefined && day < cycle.start);
  const cut = last || !due ? undefined : history.cut?.refs.get(kr.ref);
  const stale = staleVerdict(kr, day, staleAfterDays, cycle, lastDay, cut, settled);
  return cut === undefined ? { last, days, stale, settled } : { last, days, stale, settled, lastBefore: cut };
}

/**
 * stalenessOf's verdict alone, from the day of the key result's latest point (`lastDay`) or, without
 * one, the day of a shallow clone's cut that holds it (`cut`). For callers that judge many key
 * results and know their latest days already (okr status: 120,000 key results at 10,000 teams).
 * `settled` is nothingLeftToReport's answer when the caller has it.
 */
export function staleVerdict(
  kr: CheckableKeyResult,
  day: Day,
  staleAfterDays: number,
  cycle: CycleDates | undefined,
  lastDay: Day | undefined,
  cut: Day | undefined,
  settled: Settled | undefined = nothingLeftToReport(kr, cycle, day),
): boolean | null {
  if (settled !== undefined || (cycle !== undefined && day < cycle.start)) return false;
  const overdue = (since: Day) => Math.max(0, daysBetween(cycle !== undefined && since < cycle.start ? cycle.start : since, day)) > staleAfterDays;
  if (lastDay === undefined) {
    if (cut === undefined) return false;
    // Its last change was on or before a shallow clone's cut: stale for sure once the cut is old enough.
    return overdue(cut) ? true : null;
  }
  return overdue(lastDay);
}
