// The one table layout of okr's text output (status, log, history, stale, check-in reports): a bold
// header row, columns two spaces apart, numbers right-aligned. Cells may carry colour; widths count
// the columns a terminal gives each cell (wide characters two). On a terminal too narrow for the
// whole table, the columns named to give way leave it, one at a time, for lines under each row
// ("owner: ana@acme.example"): nothing runs off the edge, and piped output stays one row per line.
import type { Paint } from '../paint.js';
import { pack } from './fit.js';
import { largest, padEnd, padStart, visibleWidth } from './progress-cells.js';

export interface TableFit {
  /** The terminal's width in columns; undefined when piped (the table as it is). */
  readonly width: number | undefined;
  /** Columns that may leave the table for the lines under each row, first to go first. */
  readonly giveWay: readonly number[];
}

const UNDER_ROW = '    ';

export function renderTable(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  paint: Paint,
  rightAligned: ReadonlySet<number> = new Set(),
  fit?: TableFit,
): string[] {
  const table = [headers.map((h) => paint.bold(h)), ...rows];
  const widths = headers.map((_, i) => largest(table.map((row) => visibleWidth(row[i] ?? ''))));
  let kept = headers.map((_, i) => i);
  const widthOf = (columns: readonly number[]) => columns.reduce((sum, c) => sum + widths[c]!, 0) + 2 * Math.max(0, columns.length - 1);
  if (fit?.width !== undefined)
    for (const column of fit.giveWay) {
      if (widthOf(kept) <= fit.width || kept.length === 1) break;
      kept = kept.filter((c) => c !== column);
    }
  const moved = headers.map((_, i) => i).filter((c) => !kept.includes(c));
  const line = (row: readonly string[]) =>
    kept
      .map((i) => (rightAligned.has(i) ? padStart(row[i] ?? '', widths[i]!) : padEnd(row[i] ?? '', widths[i]!)))
      .join('  ')
      .trimEnd();
  const out = [line(table[0]!)];
  for (const row of rows) {
    out.push(line(row));
    if (moved.length)
      out.push(...pack(moved.map((c) => (row[c] ? `${paint.dim(`${headers[c]!.toLowerCase()}:`)} ${row[c]}` : '')), UNDER_ROW, fit?.width));
  }
  return out;
}
