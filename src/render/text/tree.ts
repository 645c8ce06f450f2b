// `okr tree` for people: the mission at the top, objectives below with their key results, aligned
// columns of progress, status and reference, and a closing line counting what needs attention.
import type { PaceStatus, Status } from '../../model/pacing.js';
import type { AlignmentTree, TreeNode } from '../../model/tree.js';
import type { KeyResult } from '../../model/types.js';
import { printable } from '../../printable.js';
import { cut, fold } from './fit.js';
import { describeKeyResult } from './key-result-text.js';
import {
  cycleText,
  gradeCell,
  gradeCellWidth,
  largest,
  percent,
  progressCell,
  progressCellWidth,
  STATUS_WIDTH,
  statusWord,
  statusWordWidth,
  truncate,
  visibleWidth,
  type TextStyle,
} from './progress-cells.js';

export interface TreeTextOptions {
  /** Show key results under their objectives (and objectives aligned to a key result under it). */
  readonly keyResults: boolean;
  /** How many objectives are aligned to a rollup key result (for its description). */
  readonly fedBy: (kr: KeyResult) => number;
  /**
   * The terminal's width in columns; undefined when piped. On a terminal, titles get the room and a
   * line's reference or description moves under its title when the line would not fit; piped, every
   * line is whole (`okr tree | grep` finds a long title).
   */
  readonly width?: number;
}

/**
 * A cell of a column: its text (coloured, maybe) and the columns it takes, known when it is made. A
 * tree of 10,000 teams has 150,000 lines: measuring each cell again for every use was a third of
 * drawing it.
 */
interface Cell {
  readonly text: string;
  readonly width: number;
}

/** One line of the outline before layout: a label, and cells that line up in columns. */
interface Line {
  readonly label: string;
  readonly labelWidth: number;
  readonly style: (s: string) => string;
  /** Undefined on a note line ("… 3 aligned objectives below"), which has no columns. */
  readonly progress: Cell | undefined;
  readonly status: Cell | undefined;
  /** "grade 0.72" once the goal's cycle is closed. */
  readonly grade: Cell | undefined;
  readonly note: string | undefined;
  readonly children: Line[];
}

/** Every line made the one way (one object shape: a large tree is drawn at an even pace). */
function makeLine(label: string, style: (s: string) => string, columns?: { progress: Cell; status: Cell; grade: Cell | undefined; note: string }): Line {
  return {
    label,
    labelWidth: visibleWidth(label),
    style,
    progress: columns?.progress,
    status: columns?.status,
    grade: columns?.grade,
    note: columns?.note,
    children: [],
  };
}

function padCell(cell: Cell, width: number): string {
  return cell.width >= width ? cell.text : cell.text + spaces(width - cell.width);
}

const EMPTY: Cell = { text: '', width: 0 };

/** Runs of spaces for the gaps between columns (the same few widths, over and over). */
const SPACES: string[] = [];
function spaces(n: number): string {
  return n < 256 ? (SPACES[n] ??= ' '.repeat(n)) : ' '.repeat(n);
}

/** Piped: titles longer than this push their own line's columns right instead of widening all. */
const DEFAULT_LABEL_WIDTH = 64;
/** On a narrow terminal the title column keeps at least this many columns (deep lines may run over). */
const MIN_LABEL_WIDTH = 24;

export function renderTreeText(tree: AlignmentTree, options: TreeTextOptions, style: TextStyle): string {
  const { paint } = style;
  const out: string[] = [];
  const expected = tree.cycles.map(({ cycle, expected }) => `${percent(expected)} (${cycle.id})`).join(', ');
  const { width } = options;
  const mission = `${paint.bold('Mission')}  ${printable(tree.mission.statement)}`;
  const missionProgress = progressCell(tree.mission.progress, style).trim();
  if (width === undefined || visibleWidth(mission) + 2 + visibleWidth(missionProgress) <= width) out.push(`${mission}  ${missionProgress}`);
  else out.push(...fold(mission, width, '         '), `         ${missionProgress}`);
  out.push(...fold(`cycle ${cycleText(tree.cycle)} · as of ${tree.asOf} · expected ${expected}`, width, '  ').map((l) => paint.dim(l)));

  const sectionsIn = (style: TextStyle) => {
    const sections: { title?: string; lines: Line[] }[] = [{ lines: tree.roots.map((n) => objectiveLine(n, options, style)) }];
    if (tree.unaligned.length)
      sections.push({
        title: `Unaligned: aligned to nothing in this view (run "okr check" for why)`,
        lines: tree.unaligned.map((n) => objectiveLine(n, options, style)),
      });
    const drawn = sections.map((s) => ({ title: s.title, rows: layout(s.lines) }));
    const all = drawn.flatMap((s) => s.rows);
    let progressWidth = 0;
    // The grade column is there only when something is graded (a closed cycle in view).
    let gradeWidth = 0;
    let longest = 0;
    for (const { prefix, line } of all) {
      if (line.progress === undefined) continue;
      progressWidth = Math.max(progressWidth, line.progress.width);
      if (line.grade) gradeWidth = Math.max(gradeWidth, line.grade.width);
      longest = Math.max(longest, prefix.length + line.labelWidth);
    }
    const columnsWidth = 2 + progressWidth + 2 + STATUS_WIDTH + (gradeWidth > 0 ? 2 + gradeWidth : 0);
    return { drawn, progressWidth, gradeWidth, columnsWidth, longest };
  };
  let laid = sectionsIn(style);
  // Titles before bars: on a terminal too narrow for both, the percentages stand alone.
  if (width !== undefined && style.bars && laid.longest + laid.columnsWidth > width) laid = sectionsIn({ ...style, bars: false });
  const { drawn, progressWidth, gradeWidth, columnsWidth, longest } = laid;
  const labelWidth = width === undefined ? Math.min(DEFAULT_LABEL_WIDTH, longest) : Math.min(longest, Math.max(MIN_LABEL_WIDTH, width - columnsWidth));

  for (const section of drawn) {
    out.push('');
    if (section.title) out.push(...fold(section.title, width).map((l) => paint.bold(l)));
    if (section.rows.length === 0) out.push(paint.dim('(no objectives in this view)'));
    for (const { prefix, continuation, line } of section.rows) {
      // Widths are measured on the plain text; colour is added after. The tree's lines (│ ├ └ ─)
      // and "(level N)" are one column a character.
      const prefixWidth = prefix.length;
      // On a terminal, a title is cut only when the columns would not fit beside it; a note line
      // (… hidden) and piped output are shown whole.
      let label = line.label;
      let shownWidth = line.labelWidth;
      if (line.progress !== undefined && width !== undefined) {
        label = truncate(line.label, Math.max(8, labelWidth - prefixWidth));
        if (label !== line.label) shownWidth = visibleWidth(label);
      }
      const gapWidth = Math.max(0, labelWidth - prefixWidth - shownWidth);
      const gap = spaces(gapWidth);
      let row = paint.dim(prefix) + line.style(label);
      let rowWidth = prefixWidth + shownWidth;
      if (line.progress !== undefined) {
        row += `${gap}  ${padCell(line.progress, progressWidth)}  ${padCell(line.status ?? EMPTY, STATUS_WIDTH)}`;
        rowWidth += gapWidth + 2 + Math.max(progressWidth, line.progress.width) + 2 + Math.max(STATUS_WIDTH, line.status?.width ?? 0);
        if (gradeWidth > 0) {
          row += `  ${padCell(line.grade ?? EMPTY, gradeWidth)}`;
          rowWidth += 2 + Math.max(gradeWidth, line.grade?.width ?? 0);
        }
      }
      if (!line.note) out.push(row.trimEnd());
      else if (line.progress === undefined) out.push(`${row}${gap}  ${line.note}`.trimEnd());
      else if (width === undefined || rowWidth + 2 + visibleWidth(line.note) <= width) out.push(`${row}  ${line.note}`);
      else {
        // The reference (or the key result's description) under the title, in the tree's own lines.
        out.push(row.trimEnd());
        out.push(paint.dim(continuation) + cut(line.note, Math.max(8, width - visibleWidth(continuation))));
      }
    }
  }

  out.push('', ...summary(tree, style, width));
  if (tree.collapsed > 0)
    out.push(...fold(`${tree.collapsed} repeated subtrees were not shown again (objectives aligned to many goals).`, width).map((l) => paint.dim(l)));
  return out.join('\n') + '\n';
}

function objectiveLine(node: TreeNode, options: TreeTextOptions, style: TextStyle): Line {
  const { paint } = style;
  const progress = (x: number): Cell => ({ text: progressCell(x, style), width: progressCellWidth(x, style) });
  const status = (s: Status | null): Cell => ({ text: statusWord(s, paint), width: statusWordWidth(s) });
  const grade = (g: number): Cell => ({ text: gradeCell(g, paint), width: gradeCellWidth(g) });
  // Built with an explicit stack: alignment chains can be thousands of levels deep.
  const make = (n: TreeNode): Line => {
    const { objective } = n.score;
    const notes = [printable(objective.ref)];
    if (!options.keyResults && n.via) notes.push(paint.dim(`via ${n.via.id}`));
    const breached = n.score.keyResults.filter((k) => k.status === 'breached').length;
    if (breached) notes.push(paint.red(`${breached} guardrail${breached === 1 ? '' : 's'} breached`));
    if (n.alsoUnder.length) notes.push(paint.dim(`↳ also under ${printable(n.alsoUnder.join(', '))}`));
    return makeLine(printable(objective.title), paint.bold, {
      progress: progress(n.score.progress),
      status: status(n.score.status),
      grade: objective.grade !== undefined ? grade(objective.grade) : undefined,
      note: notes.join('  '),
    });
  };
  const hiddenLine = (n: TreeNode): Line | undefined => {
    if (!n.hidden) return undefined;
    const { reason, count } = n.hidden;
    const what = `${count} aligned objective${count === 1 ? '' : 's'}`;
    const label =
      reason === 'depth'
        ? `… ${what} below (raise --depth to see them)`
        : reason === 'cycle'
          ? `… ${what}: an alignment cycle, shown above (run "okr check")`
          : `… ${what}, shown above`;
    return makeLine(label, paint.dim);
  };

  const top = make(node);
  const stack: { node: TreeNode; line: Line }[] = [{ node, line: top }];
  while (stack.length) {
    const { node: n, line } = stack.pop()!;
    const childLines = n.children.map((c) => ({ node: c, line: make(c) }));
    if (options.keyResults) {
      for (const kr of n.score.keyResults) {
        const krLine = makeLine(`· ${printable(kr.keyResult.title)}`, plain, {
          progress: progress(kr.progress),
          status: status(kr.status),
          grade: kr.keyResult.grade !== undefined ? grade(kr.keyResult.grade) : undefined,
          note: paint.dim(`${printable(kr.keyResult.id)}: ${describeKeyResult(kr.keyResult, options.fedBy(kr.keyResult))}`),
        });
        for (const c of childLines) if (c.node.via === kr.keyResult) krLine.children.push(c.line);
        line.children.push(krLine);
      }
      for (const c of childLines) if (!n.score.keyResults.some((k) => k.keyResult === c.node.via)) line.children.push(c.line);
    } else for (const c of childLines) line.children.push(c.line);
    const hidden = hiddenLine(n);
    if (hidden) line.children.push(hidden);
    for (let i = childLines.length - 1; i >= 0; i--) stack.push(childLines[i]!);
  }
  return top;
}

const plain = (s: string) => s;

/** Levels drawn with their own indentation; deeper lines keep that indent and say their level. */
const DRAWN_LEVELS = 24;

/**
 * Flattens an outline into rows with their tree-drawing prefixes (├─ └─ │), and the prefix of a
 * second line of the same row (its text under the title, the lines beside it carried on).
 */
function layout(lines: readonly Line[]): { prefix: string; continuation: string; line: Line }[] {
  const rows: { prefix: string; continuation: string; line: Line }[] = [];
  const stack: { line: Line; indent: string; last: boolean; level: number }[] = [];
  const push = (children: readonly Line[], indent: string, level: number) => {
    for (let i = children.length - 1; i >= 0; i--) stack.push({ line: children[i]!, indent, last: i === children.length - 1, level });
  };
  push(lines, '', 1);
  while (stack.length) {
    const { line, indent, last, level } = stack.pop()!;
    const deep = level > DRAWN_LEVELS ? `(level ${level}) ` : '';
    const below = `${indent}${last ? '   ' : '│  '}`;
    rows.push({ prefix: `${indent}${last ? '└─ ' : '├─ '}${deep}`, continuation: `${below}${' '.repeat(deep.length)}`, line });
    // Past the drawn levels the indent stops growing, so a chain thousands deep stays linear in size.
    push(line.children, level >= DRAWN_LEVELS ? indent : below, level + 1);
  }
  return rows;
}

function summary(tree: AlignmentTree, style: TextStyle, width: number | undefined): string[] {
  const { paint } = style;
  const counts: Record<PaceStatus, number> = { done: 0, 'on-track': 0, 'at-risk': 0, 'off-track': 0 };
  let breached = 0;
  let total = 0;
  const seen = new Set<TreeNode['score']>();
  const stack = [...tree.roots, ...tree.unaligned];
  while (stack.length) {
    const n = stack.pop()!;
    for (const child of n.children) stack.push(child);
    if (seen.has(n.score)) continue;
    seen.add(n.score);
    total++;
    if (n.score.status) counts[n.score.status]++;
    breached += n.score.keyResults.filter((k) => k.status === 'breached').length;
  }
  const parts = [
    `${counts['off-track']} off track`,
    `${counts['at-risk']} at risk`,
    `${counts['on-track']} on track`,
    `${counts.done} done`,
  ];
  const guardrails = breached ? `; ${breached} guardrail${breached === 1 ? '' : 's'} breached` : '';
  const line = `${total} objective${total === 1 ? '' : 's'} shown: ${parts.join(', ')}${guardrails}`;
  const colour = counts['off-track'] || breached ? paint.red : counts['at-risk'] ? paint.yellow : paint.green;
  return fold(line, width).map((l) => colour(l));
}
