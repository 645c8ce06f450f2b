// How a benchmark prints: each figure on one line, and each figure that has a goal next to that goal
// with a mark (PASS, FAIL, or n/a when the build cannot run it). Every goal is also collected for the
// summary at the end and for --json.
import { fmt, ms } from './measure.mjs';

/** @type {{bench: string, name: string, shown: string, goal: string, mark: 'PASS'|'FAIL'|'n/a', value: number|null, limit: number, unit: string}[]} */
export const goals = [];
/** Every measurement, for --json: {bench, label, ...Timing}. */
export const figures = [];

let current = '';
const small = process.env.OKR_BENCH_SMALL === '1';
export function startBench(name) {
  current = name;
}

const LABEL = 44;

/** One measured command: `  label ........ median 2712 ms (...)`. */
export function line(label, timing) {
  figures.push({ bench: current, label, ...timing, samples: timing.samples?.map((x) => Math.round(x)) });
  console.log(`  ${label.padEnd(LABEL)} ${fmt(timing)}`);
}

export function info(text) {
  console.log(`  ${text}`);
}

const show = (value, unit) =>
  value === null ? 'n/a' : !Number.isFinite(value) ? '∞' : unit === 'ms' ? ms(value) : unit === 'x' ? `${value.toFixed(2)}x` : unit === 'MB' ? `${value.toFixed(0)} MB` : `${value.toFixed(3)} ${unit}`;

/**
 * A figure next to its goal. `op` is '<' or '<='. A null value is "n/a" (with `why`); a timed-out
 * measurement passes Infinity and fails.
 */
export function goal(name, value, op, limit, unit, { why, detail } = {}) {
  const met = value !== null && (op === '<' ? value < limit : value <= limit);
  const mark = value === null ? 'n/a' : met ? 'PASS' : 'FAIL';
  const shown = value === null ? '-' : show(value, unit);
  const goalText = `${op} ${show(limit, unit)}`;
  const note = [value === null ? `n/a: ${why}` : '', detail ?? '', small ? '(--small: sizes are not the goal\'s)' : ''].filter(Boolean).join(' ');
  goals.push({ bench: current, name, shown, goal: goalText, mark, value, limit, unit, note });
  console.log(`  ${`${name}:`.padEnd(LABEL)} ${shown.padEnd(12)} goal ${goalText.padEnd(10)} ${mark === 'n/a' ? '' : mark}${note ? `   ${note}` : ''}`);
}

/** The value a timing contributes to a goal: its median, or Infinity when it timed out. */
export function valueOf(timing) {
  return timing.timedOut ? Infinity : timing.median;
}

/**
 * a / b for commands measured in the same rounds: the median of the per-round ratios (each pair ran
 * back to back, so a burst of load elsewhere hits both), else the ratio of the medians.
 */
export function ratio(a, b) {
  if (a.timedOut) return Infinity;
  if (b.timedOut) return null;
  if (a.samples?.length > 1 && a.samples.length === b.samples?.length) {
    const r = a.samples.map((x, k) => x / b.samples[k]).sort((x, y) => x - y);
    const n = r.length;
    return n % 2 ? r[(n - 1) / 2] : (r[n / 2 - 1] + r[n / 2]) / 2;
  }
  return a.median / b.median;
}

/** The same ratio by CPU time (user + system): steadier than wall time on a loaded machine. */
export function cpuRatioText(pairs) {
  const parts = pairs.filter(([, a, b]) => a.cpu && b.cpu && !a.timedOut && !b.timedOut).map(([name, a, b]) => `${name} ${(a.cpu / b.cpu).toFixed(2)}x`);
  return parts.length ? `by CPU time instead of wall time: ${parts.join(', ')} (for reference)` : undefined;
}

export function printSummary() {
  if (!goals.length) return;
  console.log('\n## summary: every goal of issue 16 measured in this run');
  const w = Math.max(...goals.map((g) => `${g.bench}: ${g.name}`.length));
  for (const g of goals) console.log(`  ${g.mark.padEnd(4)}  ${`${g.bench}: ${g.name}`.padEnd(w)}  ${g.shown.padEnd(12)} goal ${g.goal.padEnd(10)}${g.value === null ? ` ${g.note}` : ''}`);
  const count = (mark) => goals.filter((g) => g.mark === mark).length;
  console.log(`  ${count('PASS')} met, ${count('FAIL')} not met, ${count('n/a')} not measurable with this build`);
}
