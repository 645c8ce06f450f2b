// A plain aligned table for people: a bold header row, columns two spaces apart, numbers right-aligned.
// Cells may carry colour; widths count visible columns only.
import type { Paint } from '../paint.js';
import { padEnd, padStart, visibleWidth } from './progress-cells.js';

export function renderTable(headers: readonly string[], rows: readonly (readonly string[])[], paint: Paint, rightAligned: ReadonlySet<number> = new Set()): string[] {
  const table = [headers.map((h) => paint.bold(h)), ...rows];
  const widths = headers.map((_, i) => Math.max(...table.map((row) => visibleWidth(row[i] ?? ''))));
  return table.map((row) =>
    row
      .map((cell, i) => (rightAligned.has(i) ? padStart(cell, widths[i]!) : padEnd(cell, widths[i]!)))
      .join('  ')
      .trimEnd(),
  );
}
