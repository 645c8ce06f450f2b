// Forecasts (SPEC section 10): where a metric will land at the end of its cycle if it keeps moving
// as it has. The least-squares line through the (day, value) points of the cycle, evaluated on the
// cycle's last day; no forecast from too little history (fewer than 3 values, or values spread over
// less than a week): null, never a guess. Pure arithmetic on history points.
import { dayNumber } from './calendar.js';
import { dayOf, type HistoryPoint } from './history.js';
import { metricProgress } from './progress.js';
import type { Cycle, Day, KeyResult, MetricKeyResult, Objective, Workspace } from './types.js';
import { datedCycles } from './view.js';

/** A forecast needs at least this many values in the cycle... */
export const FORECAST_MIN_POINTS = 3;
/** ...from days at least this far apart (the first to the last). */
export const FORECAST_MIN_SPREAD_DAYS = 7;

/** Below target by less than this is on target: a line through exact values can miss it by rounding. */
const EPSILON = 1e-9;

export interface Forecast {
  /** The line's value on `day`, unrounded. */
  readonly value: number;
  /** The progress that value would give, clamped to [0, 1] as any metric's (SPEC section 3). */
  readonly progress: number;
  /** The day the line is evaluated on: the last day of the key result's cycle. */
  readonly day: Day;
  /** How many values the line was fitted through. */
  readonly points: number;
}

/** One key result's values over history, and where they are heading (what `okr history` shows). */
export interface KeyResultHistory {
  readonly keyResult: KeyResult;
  readonly points: readonly HistoryPoint[];
  readonly forecast: Forecast | undefined;
}

/** One value on one day (days as numbers, from calendar.dayNumber). */
export interface Sample {
  readonly day: number;
  readonly value: number;
}

/**
 * The least-squares line through the samples, as its value on `at`: the mean plus the slope times
 * the distance from the mean day (centred, so large day numbers and values lose no precision).
 * Days are counted from the first sample's and summed as whole numbers, and each mean is one
 * division of a sum: a line through exact points gives its exact value (91, not 91.00000000000122,
 * for points on a line of slope 1), which dividing every sample by n before summing did not. Values
 * so large that their sum overflows are divided first. Undefined when every sample is on one day (no
 * slope can be told) or the arithmetic overflows.
 */
export function lineValueAt(samples: readonly Sample[], at: number): number | undefined {
  const n = samples.length;
  if (n === 0) return undefined;
  const origin = samples[0]!.day;
  let dayOffsets = 0;
  let values = 0;
  for (const s of samples) {
    dayOffsets += s.day - origin;
    values += s.value;
  }
  const meanOffset = dayOffsets / n;
  const meanValue = Number.isFinite(values) ? values / n : samples.reduce((sum, s) => sum + s.value / n, 0);
  let covariance = 0;
  let variance = 0;
  for (const s of samples) {
    const dx = s.day - origin - meanOffset;
    covariance += dx * (s.value - meanValue);
    variance += dx * dx;
  }
  if (!(variance > 0)) return undefined;
  const value = meanValue + (covariance / variance) * (at - origin - meanOffset);
  return Number.isFinite(value) ? value : undefined;
}

/**
 * The forecast of a metric from its samples (the values it had in `cycle`): the line evaluated on
 * the cycle's last day. Undefined with fewer than 3 samples or less than 7 days between them.
 */
export function forecastFromSamples(
  keyResult: Pick<MetricKeyResult, 'start' | 'target'>,
  samples: readonly Sample[],
  cycle: { readonly start: Day; readonly end: Day },
): Forecast | undefined {
  if (samples.length < FORECAST_MIN_POINTS) return undefined;
  let first = Infinity;
  let last = -Infinity;
  for (const s of samples) {
    if (s.day < first) first = s.day;
    if (s.day > last) last = s.day;
  }
  if (last - first < FORECAST_MIN_SPREAD_DAYS) return undefined;
  const end = dayNumber(cycle.end);
  const value = lineValueAt(samples, end);
  if (value === undefined) return undefined;
  return { value, progress: metricProgress({ ...keyResult, current: value }), day: cycle.end, points: samples.length };
}

/**
 * The values a forecast is fitted through: a metric's numeric points dated within its cycle, up to
 * `asOf` (check-ins and hand edits alike). Empty for other kinds.
 */
export function forecastSamples(keyResult: KeyResult, points: readonly HistoryPoint[] | undefined, cycle: Cycle, asOf: Day): Sample[] {
  if (keyResult.kind !== 'metric' || !points) return [];
  const until = cycle.end < asOf ? cycle.end : asOf;
  const samples: Sample[] = [];
  for (const p of points) {
    if (typeof p.value !== 'number') continue;
    const day = dayOf(p.date);
    if (day < cycle.start || day > until) continue;
    const n = dayNumber(day);
    if (!Number.isNaN(n)) samples.push({ day: n, value: p.value });
  }
  return samples;
}

/**
 * A key result's forecast from its history points: only metrics have one, and only from the values
 * they had in their own cycle up to `asOf` (check-ins and hand edits alike).
 */
export function forecastOf(keyResult: KeyResult, points: readonly HistoryPoint[] | undefined, cycle: Cycle | undefined, asOf: Day): Forecast | undefined {
  if (keyResult.kind !== 'metric' || !cycle || !points) return undefined;
  return forecastFromSamples(keyResult, forecastSamples(keyResult, points, cycle, asOf), cycle);
}

/** True when the forecast does not reach the target (lower-is-better metrics alike). */
export function forecastMissesTarget(forecast: Forecast): boolean {
  return forecast.progress < 1 - EPSILON;
}

/** Each key result's forecast on `asOf`, paced by its objective's cycle, from history points by reference. */
export function forecastIndex(
  workspace: Workspace,
  pointsOf: (ref: string) => readonly HistoryPoint[] | undefined,
  asOf: Day,
): (objective: Objective, keyResult: KeyResult) => Forecast | undefined {
  const cycles = datedCycles(workspace);
  return (objective, keyResult) => forecastOf(keyResult, pointsOf(keyResult.ref), cycles.get(objective.cycle), asOf);
}
