// The left pane: the rows of the tree that fit on screen, and only those (a 10,000-team tree draws
// the same twenty lines as a small one). Each row: the selection mark, the indent, the fold mark, the
// title cut to fit, then progress, status (or grade, once the cycle is closed) and the marks for a
// breached guardrail (!) and a stale key result (~). Colour repeats what the words say.
import type { Status } from '../../../model/pacing.js';
import { gradeText, percent } from '../../text/progress-cells.js';
import type { DashboardFacts } from './data.js';
import { fit, lineWidth, seg, shown, type Colour, type Line, type Segment } from './line.js';
import type { Outline, OutlineEntry } from './outline.js';
import { titleOf } from './outline.js';
import { isOpenAt } from './state.js';

export interface TreePaneInput {
  readonly outline: Outline;
  readonly rows: Int32Array;
  readonly top: number;
  readonly cursor: number;
  readonly height: number;
  readonly width: number;
  readonly folded: ReadonlySet<number>;
  readonly matches: Uint8Array | undefined;
  readonly facts: DashboardFacts | undefined;
}

export function statusColour(status: Status | null): Colour | undefined {
  switch (status) {
    case 'done':
    case 'on-track':
      return 'green';
    case 'at-risk':
      return 'yellow';
    case 'off-track':
    case 'breached':
      return 'red';
    default:
      return undefined;
  }
}

/** OKR score colours: 0.7 and above green, 0.4 and above yellow, below red. */
export function scoreColour(x: number): Colour {
  return x >= 0.7 ? 'green' : x >= 0.4 ? 'yellow' : 'red';
}

const STATUS_COLUMN = 10; // "grade 0.72", "off-track"
const BAR_CELLS = 8;
const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/** A bar of `cells` cells in eighths: filled part in the score's colour, the rest dim. */
export function bar(x: number, cells: number): Segment[] {
  const eighths = Math.floor(Math.min(1, Math.max(0, x)) * cells * 8 + 1e-9);
  const full = Math.floor(eighths / 8);
  const part = EIGHTHS[eighths % 8]!;
  return [seg('█'.repeat(full) + part, { color: scoreColour(x) }), seg('░'.repeat(cells - full - (part ? 1 : 0)), { dim: true })];
}

export function treePane(input: TreePaneInput): Line[] {
  const { rows, top, height, width } = input;
  const lines: Line[] = [];
  for (let r = top; r < top + height; r++) {
    if (r >= rows.length) {
      lines.push(fit([], width));
      continue;
    }
    lines.push(treeRow(input, r));
  }
  return lines;
}

function treeRow(input: TreePaneInput, r: number): Line {
  const { outline, rows, width, folded, facts, matches } = input;
  const i = rows[r]!;
  const entry = outline.entries[i]!;
  const selected = r === input.cursor;
  const depth = outline.depth[i]!;
  const indentCap = Math.max(0, Math.floor(width / 3 / 2) * 2);
  const indent = ' '.repeat(Math.min(depth * 2, indentCap));
  const open = isOpenAt(rows, r, outline);
  const hasChildren = outline.end[i]! > i + 1;
  const mark = folded.has(i) && hasChildren ? '▸ ' : open ? '▾ ' : entry.kind === 'key-result' ? '· ' : entry.kind === 'objective' ? '• ' : '  ';
  // Context rows (ancestors of what a filter matched) are dim; matches keep their weight.
  const context = matches !== undefined && matches[i] === 0 && entry.kind !== 'mission';
  const cells = rowCells(entry, facts, width >= 70);
  const cellsWidth = lineWidth(cells);
  const head: Segment[] = [seg(selected ? '›' : ' ', { bold: true }), seg(indent), seg(mark, { dim: true })];
  const headWidth = 1 + indent.length + 2;
  const titleWidth = Math.max(1, width - headWidth - cellsWidth);
  const title = fit([seg(entry.kind === 'mission' ? `Mission: ${shown(titleOf(entry))}` : shown(titleOf(entry)), titleStyle(entry, context))], titleWidth);
  const line = fit([...head, ...title, ...cells], width);
  return selected ? line.map((s) => ({ ...s, inverse: true })) : line;
}

function titleStyle(entry: OutlineEntry, context: boolean): { bold?: boolean; dim?: boolean } {
  if (context || entry.kind === 'unaligned' || entry.kind === 'hidden') return { dim: true };
  return entry.kind === 'key-result' ? {} : { bold: true };
}

/** Progress, status or grade, and the marks: the same columns on every row. */
function rowCells(entry: OutlineEntry, facts: DashboardFacts | undefined, withBar: boolean): Segment[] {
  const progress = entry.kind === 'mission' ? entry.progress : entry.kind === 'objective' ? entry.score.progress : entry.kind === 'key-result' ? entry.score.progress : undefined;
  if (progress === undefined) return [];
  const out: Segment[] = [seg(' ')];
  if (withBar) out.push(...bar(progress, BAR_CELLS), seg(' '));
  out.push(seg(percent(progress).padStart(4), { color: scoreColour(progress) }), seg(' '));
  const grade = entry.kind === 'objective' ? entry.score.objective.grade : entry.kind === 'key-result' ? entry.score.keyResult.grade : undefined;
  const status = entry.kind === 'objective' || entry.kind === 'key-result' ? entry.score.status : undefined;
  if (grade !== undefined) out.push(seg(`grade ${gradeText(grade)}`.padEnd(STATUS_COLUMN), { color: scoreColour(grade) }));
  else if (status === undefined) out.push(seg(' '.repeat(STATUS_COLUMN)));
  else out.push(seg((status ?? 'unpaced').padEnd(STATUS_COLUMN), status === null ? { dim: true } : { color: statusColour(status)!, ...(status === 'breached' ? { bold: true } : {}) }));
  const breached = entry.kind === 'objective' ? entry.breached > 0 : entry.kind === 'key-result' && entry.score.status === 'breached';
  const stale = facts !== undefined && (entry.kind === 'key-result' ? facts.stale.has(entry.score.keyResult.ref) : entry.kind === 'objective' && entry.score.objective.keyResults.some((kr) => facts.stale.has(kr.ref)));
  out.push(seg(breached ? '!' : ' ', { color: 'red', bold: true }), seg(stale ? '~' : ' ', { color: 'yellow', bold: true }));
  return out;
}
