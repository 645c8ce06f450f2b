// The chart of one key result in `okr report`: its values over its cycle, the pace it should keep
// (start to target, evenly), the bound a guardrail holds, and the line its forecast follows. Days
// and values only; the renderers map them to pixels or characters. Pure.
import { dayNumber } from './calendar.js';
import { forecastSamples, lineValueAt, type Forecast } from './forecast.js';
import { dayOf, type HistoryPoint } from './history.js';
import type { Cycle, Day, KeyResult } from './types.js';

/** A value on a day, the day counted from the cycle's first day (0). */
export interface ChartPoint {
  readonly day: number;
  readonly value: number;
}

export interface ChartLine {
  readonly from: ChartPoint;
  readonly to: ChartPoint;
}

export interface KeyResultChart {
  /** Days from the cycle's first day to its last: the chart spans 0..span. */
  readonly span: number;
  /** The day evaluated, counted the same way and kept within 0..span. */
  readonly today: number;
  /**
   * The values the key result had in the cycle up to the day evaluated, oldest first. When a value
   * was set before the cycle began, the first point is that value on day 0 (what the cycle started from).
   */
  readonly values: readonly ChartPoint[];
  /** A metric's expected pace: from its start on the first day to its target on the last. */
  readonly pace: ChartLine | undefined;
  /** A guardrail's bound. */
  readonly bound: number | undefined;
  /** The least-squares line of the forecast, from the first value it was fitted through to the cycle's last day. */
  readonly forecast: ChartLine | undefined;
  /** The range of values shown: every value, the pace, the bound and the forecast fit in it (low < high). */
  readonly low: number;
  readonly high: number;
}

/**
 * The chart of a metric or guardrail in its objective's cycle on `asOf`, from its history points;
 * undefined for milestones and rollups (no numbers to draw), without a valid cycle, and with no
 * value in the cycle yet.
 */
export function keyResultChart(
  keyResult: KeyResult,
  points: readonly HistoryPoint[],
  cycle: Cycle | undefined,
  asOf: Day,
  forecast: Forecast | undefined,
): KeyResultChart | undefined {
  if (!cycle || (keyResult.kind !== 'metric' && keyResult.kind !== 'guardrail')) return undefined;
  const first = dayNumber(cycle.start);
  const span = dayNumber(cycle.end) - first;
  const evaluated = dayNumber(asOf) - first;
  if (!(span >= 0) || Number.isNaN(evaluated)) return undefined;
  const today = Math.min(span, Math.max(0, evaluated));

  const values: ChartPoint[] = [];
  let carried: ChartPoint | undefined;
  for (const p of points) {
    if (typeof p.value !== 'number') continue;
    const day = dayNumber(dayOf(p.date)) - first;
    if (Number.isNaN(day) || day > today) continue;
    if (day < 0) carried = { day: 0, value: p.value };
    else values.push({ day, value: p.value });
  }
  if (carried && (values.length === 0 || values[0]!.day > 0)) values.unshift(carried);
  if (values.length === 0) return undefined;

  const pace = keyResult.kind === 'metric' ? { from: { day: 0, value: keyResult.start }, to: { day: span, value: keyResult.target } } : undefined;
  const bound = keyResult.kind === 'guardrail' ? keyResult.bound.value : undefined;
  let line: ChartLine | undefined;
  if (forecast) {
    const samples = forecastSamples(keyResult, points, cycle, asOf);
    const from = samples.reduce((a, s) => Math.min(a, s.day), Infinity);
    const fromValue = lineValueAt(samples, from);
    if (fromValue !== undefined) line = { from: { day: from - first, value: fromValue }, to: { day: span, value: forecast.value } };
  }

  let low = Infinity;
  let high = -Infinity;
  const include = (v: number) => {
    if (!Number.isFinite(v)) return;
    if (v < low) low = v;
    if (v > high) high = v;
  };
  for (const v of values) include(v.value);
  if (pace) (include(pace.from.value), include(pace.to.value));
  if (bound !== undefined) include(bound);
  if (line) (include(line.from.value), include(line.to.value));
  if (low === high) {
    const pad = low === 0 ? 1 : Math.abs(low) * 0.1;
    low -= pad;
    high += pad;
  }
  return { span, today, values, pace, bound, forecast: line, low, high };
}
