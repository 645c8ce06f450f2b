// A key result's history chart as inline SVG: its values (solid), the expected pace from start to
// target (dashed), the forecast line (dotted), a guardrail's bound (dash-dot) and the day evaluated
// (a thin vertical line). Whole-number coordinates in a 240x64 box keep each chart to a few hundred
// bytes; the label says in words what the lines show, so a screen reader and a printout lose nothing.
import type { ChartLine, KeyResultChart } from '../../model/report-chart.js';
import { formatNumber } from '../text/progress-cells.js';
import { withUnit } from '../text/key-result-text.js';

const WIDTH = 240;
const HEIGHT = 64;
const PAD = 4;

export function chartSvg(chart: KeyResultChart, unit: string | undefined, forecastDay: string | undefined, escape: (s: string) => string): string {
  const x = (day: number) => Math.round(PAD + (chart.span === 0 ? 0.5 : day / chart.span) * (WIDTH - 2 * PAD));
  const y = (value: number) => Math.round(HEIGHT - PAD - ((value - chart.low) / (chart.high - chart.low)) * (HEIGHT - 2 * PAD));
  const line = (l: ChartLine) => `M${x(l.from.day)} ${y(l.from.value)}L${x(l.to.day)} ${y(l.to.value)}`;
  const parts: string[] = [`<path class="nw" d="M${x(chart.today)} 0V${HEIGHT}"/>`];
  if (chart.pace) parts.push(`<path class="pc" d="${line(chart.pace)}"/>`);
  if (chart.bound !== undefined) parts.push(`<path class="bd" d="M${PAD} ${y(chart.bound)}H${WIDTH - PAD}"/>`);
  if (chart.forecast) parts.push(`<path class="fc" d="${line(chart.forecast)}"/>`);
  const values = chart.values;
  const last = values[values.length - 1]!;
  let d = values.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(p.day)} ${y(p.value)}`).join('');
  if (chart.today > last.day) d += `H${x(chart.today)}`; // the value holds until the day evaluated
  if (values.length === 1 && chart.today === last.day) d += 'h1';
  parts.push(`<path class="vl" d="${d}"/><circle class="vl" cx="${x(last.day)}" cy="${y(last.value)}" r="3"/>`);
  return `<svg class="ch" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${escape(describeChart(chart, unit, forecastDay))}">${parts.join('')}</svg>`;
}

/** The chart in words: "6 values in the cycle, from 900 to 410 ms; expected pace 900 → 300 ms; forecast 380 ms on 2026-12-31". */
export function describeChart(chart: KeyResultChart, unit: string | undefined, forecastDay: string | undefined): string {
  const values = chart.values;
  const first = values[0]!;
  const last = values[values.length - 1]!;
  const n = values.length;
  const parts = [n === 1 ? `1 value: ${withUnit(last.value, unit)}` : `${n} values, from ${formatNumber(first.value)} to ${withUnit(last.value, unit)}`];
  if (chart.pace) parts.push(`expected pace ${formatNumber(chart.pace.from.value)} → ${withUnit(chart.pace.to.value, unit)}`);
  if (chart.bound !== undefined) parts.push(`bound ${withUnit(chart.bound, unit)}`);
  if (chart.forecast) parts.push(`forecast ${withUnit(rounded(chart.forecast.to.value), unit)}${forecastDay ? ` on ${forecastDay}` : ''}`);
  return parts.join('; ');
}

const rounded = (v: number) => (Math.abs(v) >= 1000 ? Math.round(v) : Number(v.toPrecision(4)));

/** The legend for the charts: the same strokes as the charts, and what each means in words. */
export function chartLegend(): string {
  const sample = (cls: string, d: string) => `<svg class="ch" viewBox="0 0 28 10" aria-hidden="true"><path class="${cls}" d="${d}"/></svg>`;
  return (
    '<p class="legend">' +
    `<span>${sample('vl', 'M1 8L27 2')}values checked in</span>` +
    `<span>${sample('pc', 'M1 9L27 1')}expected pace, start to target</span>` +
    `<span>${sample('fc', 'M1 7L27 3')}forecast (least-squares line)</span>` +
    `<span>${sample('bd', 'M1 5H27')}guardrail bound</span>` +
    `<span>${sample('nw', 'M14 0V10')}the day of the report</span>` +
    '</p>'
  );
}
