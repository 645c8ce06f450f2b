// The one table layout of okr's text output (status, log, history, stale, check-in reports): a bold
// header row, columns two spaces apart, numbers right-aligned. Cells may carry colour; widths count
// the columns a terminal gives each cell (wide characters two).
import type { Paint } from '../paint.js';
import { largest, padEnd, padStart, visibleWidth } from './progress-cells.js';

export function renderTable(headers: readonly string[], rows: readonly (readonly string[])[], paint: Paint, rightAligned: ReadonlySet<number> = new Set()): string[] {
  const table = [headers.map((h) => paint.bold(h)), ...rows];
  const widths = headers.map((_, i) => largest(table.map((row) => visibleWidth(row[i] ?? ''))));
  return table.map((row) =>
    row
      .map((cell, i) => (rightAligned.has(i) ? padStart(cell, widths[i]!) : padEnd(cell, widths[i]!)))
      .join('  ')
      .trimEnd(),
  );
}
