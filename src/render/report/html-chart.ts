// A key result's history chart as inline SVG: its values (solid, held up to the day evaluated and
// ending in a dot), the expected pace from start to target (dashed), the forecast line (dotted) and a
// guardrail's bound (dash-dot). Whole-number coordinates in a 240x64 box keep each chart to a few
// hundred bytes (a page may hold 10,000 of them); the label says in words what the lines show, so a
// screen reader loses nothing.
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
  const parts: string[] = [];
  if (chart.pace) parts.push(`<path class="pc" d="${line(chart.pace)}"/>`);
  if (chart.bound !== undefined) parts.push(`<path class="bd" d="M${PAD} ${y(chart.bound)}H${WIDTH - PAD}"/>`);
  if (chart.forecast) parts.push(`<path class="fc" d="${line(chart.forecast)}"/>`);
  const values = chart.values;
  const last = values[values.length - 1]!;
  let d = values.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(p.day)} ${y(p.value)}`).join('');
  if (chart.today > last.day) d += `H${x(chart.today)}`; // the value holds until the day evaluated
  if (values.length === 1 && chart.today === last.day) d += 'h1';
  parts.push(`<path class="vl" d="${d}"/>`); // its end, the value on the day evaluated, gets a dot (CSS marker-end)
  return `<svg viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${escape(describeChart(chart, unit, forecastDay))}">${parts.join('')}</svg>`;
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
  // The dot that ends each values line, defined once for every chart on the page.
  const sample = (cls: string, d: string) => `<svg viewBox="0 0 28 10" aria-hidden="true"><path class="${cls}" d="${d}"/></svg>`;
  return (
    '<svg class="defs" aria-hidden="true"><defs><marker id="dot" viewBox="0 0 6 6" refX="3" refY="3" markerWidth="3" markerHeight="3"><circle cx="3" cy="3" r="3"/></marker></defs></svg>' +
    '<p class="legend">' +
    `<span>${sample('vl', 'M1 8L20 3H25')}values checked in, up to the day of the report</span>` +
    `<span>${sample('pc', 'M1 9L27 1')}expected pace, start to target</span>` +
    `<span>${sample('fc', 'M1 7L27 3')}forecast (least-squares line)</span>` +
    `<span>${sample('bd', 'M1 5H27')}guardrail bound</span>` +
    '</p>'
  );
}
