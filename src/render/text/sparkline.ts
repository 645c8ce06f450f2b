// A sparkline (▁▂▃▄▅▆▇█): one cell per value, scaled between the lowest and highest shown, so the
// shape of a trend fits in a line. Milestones are ▁ (not done) and █ (done).
const BARS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

export function sparkline(values: readonly (number | boolean)[], width = 40): string {
  const shown = values.length > width ? sample(values, width) : values;
  const numbers = shown.map((v) => (typeof v === 'boolean' ? (v ? 1 : 0) : v));
  const booleans = shown.every((v) => typeof v === 'boolean');
  const low = booleans ? 0 : Math.min(...numbers);
  const high = booleans ? 1 : Math.max(...numbers);
  return numbers
    .map((n) => (high === low ? BARS[3]! : BARS[Math.round(((n - low) / (high - low)) * (BARS.length - 1))]!))
    .join('');
}

/** `width` values spread evenly over the list, always keeping the first and the last. */
function sample<T>(values: readonly T[], width: number): T[] {
  if (width <= 1) return [values[values.length - 1]!];
  return Array.from({ length: width }, (_, i) => values[Math.round((i * (values.length - 1)) / (width - 1))]!);
}
