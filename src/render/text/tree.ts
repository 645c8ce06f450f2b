// `okr tree` for people: the mission at the top, objectives below with their key results, aligned
// columns of progress, status and reference, and a closing line counting what needs attention.
import type { PaceStatus } from '../../model/pacing.js';
import type { AlignmentTree, TreeNode } from '../../model/tree.js';
import type { KeyResult } from '../../model/types.js';
import { printable } from '../../printable.js';
import { cut, fold } from './fit.js';
import { describeKeyResult } from './key-result-text.js';
import {
  cycleText,
  gradeCell,
  gradeCellWidth,
  percent,
  progressCell,
  progressCellWidth,
  STATUS_WIDTH,
  statusWord,
  statusWordWidth,
  truncate,
  visibleWidth,
  visibleWidthAfter,
  type TextStyle,
} from './progress-cells.js';

export interface TreeTextOptions {
  /** Show key results under their objectives (and objectives aligned to a key result under it). */
  readonly keyResults: boolean;
  /** How many objectives are aligned to a rollup key result (for its description). */
  readonly fedBy: (kr: KeyResult) => number;
  /** How many objectives are aligned to a rollup key result in any cycle (default: fedBy). */
  readonly alignedTo?: (kr: KeyResult) => number;
  /**
   * The terminal's width in columns; undefined when piped. On a terminal, titles get the room and a
   * line's reference or description moves under its title when the line would not fit; piped, every
   * line is whole (`okr tree | grep` finds a long title).
   */
  readonly width?: number;
}

/** Piped: titles longer than this push their own line's columns right instead of widening all. */
const DEFAULT_LABEL_WIDTH = 64;
/** On a narrow terminal the title column keeps at least this many columns (deep lines may run over). */
const MIN_LABEL_WIDTH = 24;
/** Levels drawn with their own indentation; deeper lines keep that indent and say their level. */
const DRAWN_LEVELS = 24;
/**
 * Text is handed to the writer in pieces of about this many characters: a tree of 10,000 teams is
 * 19 million characters, which joined whole (and then encoded whole) cost a copy of it and its peak.
 */
const PIECE = 1 << 16;

/** The whole text of `okr tree` (tests, small trees). */
export function renderTreeText(tree: AlignmentTree, options: TreeTextOptions, style: TextStyle): string {
  const pieces: string[] = [];
  writeTreeText(tree, options, style, (piece) => pieces.push(piece));
  return pieces.join('');
}

/**
 * Writes the text of `okr tree` to `write` in pieces. Two walks over the tree's lines, neither
 * keeping an object per line: the first measures the columns (titles, percentages, grades), the
 * second draws each line and lets it go. A tree of 10,000 teams has 150,000 lines; the outline of
 * line objects the text was drawn from took 0.8-1.0 s of CPU to make, lay out and join (half of it
 * collecting the garbage), drawing it this way takes ~0.3 s.
 */
export function writeTreeText(tree: AlignmentTree, options: TreeTextOptions, style: TextStyle, write: (piece: string) => void): void {
  const { paint } = style;
  const { width, keyResults } = options;
  let out = '';
  const line = (text: string) => {
    out += text + '\n';
    if (out.length >= PIECE) {
      write(out);
      out = '';
    }
  };

  const expected = tree.cycles.map(({ cycle, expected }) => `${percent(expected)} (${cycle.id})`).join(', ');
  const mission = `${paint.bold('Mission')}  ${printable(tree.mission.statement)}`;
  const missionProgress = progressCell(tree.mission.progress, style).trim();
  if (width === undefined || visibleWidth(mission) + 2 + visibleWidth(missionProgress) <= width) line(`${mission}  ${missionProgress}`);
  else for (const l of [...fold(mission, width, '         '), `         ${missionProgress}`]) line(l);
  for (const l of fold(`cycle ${cycleText(tree.cycle)} · as of ${tree.asOf} · expected ${expected}`, width, '  ')) line(paint.dim(l));

  const sections: { title?: string; tops: readonly TreeNode[] }[] = [{ tops: tree.roots }];
  if (tree.unaligned.length) sections.push({ title: `Unaligned: aligned to nothing in this view (run "okr check" for why)`, tops: tree.unaligned });

  // First walk: the columns. Titles are made printable and measured once, kept in drawing order.
  // What is kept is the printable title (nearly always the title itself) and the width of the
  // line's label, not a new "· title" per key result: 120,000 strings made here and kept alive to
  // the second walk were copied by every young-generation collection in between (2 of ~20-50 ms).
  const titles: string[] = [];
  const labelWidths: number[] = [];
  // The progress column is as wide as the cell of the longest percentage (bars are all one width).
  let widestProgress: number | undefined;
  let percentWidth = 0;
  let gradeWidth = 0;
  let longest = 0;
  const measure = (title: string, labelWidth: number, prefixWidth: number, progress: number, grade: number | undefined) => {
    titles.push(title);
    labelWidths.push(labelWidth);
    const percentText = percent(progress).length;
    if (widestProgress === undefined || percentText > percentWidth) {
      widestProgress = progress;
      percentWidth = percentText;
    }
    if (grade !== undefined) gradeWidth = Math.max(gradeWidth, gradeCellWidth(grade));
    longest = Math.max(longest, prefixWidth + labelWidth);
  };
  for (const { tops } of sections)
    walkRows(tops, keyResults, (kind, node, k, level) => {
      if (kind === HIDDEN) return;
      const prefixWidth = prefixLength(level);
      if (kind === OBJECTIVE) {
        const title = printable(node.score.objective.title);
        measure(title, visibleWidth(title), prefixWidth, node.score.progress, node.score.objective.grade);
      } else {
        const kr = node.score.keyResults[k]!;
        const title = printable(kr.keyResult.title);
        measure(title, visibleWidthAfter(BULLET, title), prefixWidth, kr.progress, kr.keyResult.grade);
      }
    });

  const progressWidthWith = (bars: boolean) => (widestProgress === undefined ? 0 : progressCellWidth(widestProgress, { paint, bars }));
  const columnsWidthWith = (bars: boolean) => 2 + progressWidthWith(bars) + 2 + STATUS_WIDTH + (gradeWidth > 0 ? 2 + gradeWidth : 0);
  // Titles before bars: on a terminal too narrow for both, the percentages stand alone.
  const drawing: TextStyle = width !== undefined && style.bars && longest + columnsWidthWith(true) > width ? { ...style, bars: false } : style;
  const progressWidth = progressWidthWith(drawing.bars);
  const columnsWidth = columnsWidthWith(drawing.bars);
  const labelWidth = width === undefined ? Math.min(DEFAULT_LABEL_WIDTH, longest) : Math.min(longest, Math.max(MIN_LABEL_WIDTH, width - columnsWidth));

  /**
   * One line with columns. Widths are measured on the plain text; colour is added after. The tree's
   * lines (│ ├ └ ─) and "(level N)" are one column a character.
   */
  const drawRow = (
    indent: string,
    last: boolean,
    deep: string,
    fullLabel: string,
    fullWidth: number,
    labelStyle: (s: string) => string,
    progress: number,
    status: Parameters<typeof statusWord>[0],
    grade: number | undefined,
    note: string,
  ) => {
    const prefix = `${indent}${last ? '└─ ' : '├─ '}${deep}`;
    const prefixWidth = prefix.length;
    // On a terminal, a title is cut only when the columns would not fit beside it; piped output is whole.
    let label = fullLabel;
    let shownWidth = fullWidth;
    if (width !== undefined) {
      label = truncate(fullLabel, Math.max(8, labelWidth - prefixWidth));
      if (label !== fullLabel) shownWidth = visibleWidth(label);
    }
    const gapWidth = Math.max(0, labelWidth - prefixWidth - shownWidth);
    const progressText = progressCell(progress, drawing);
    const progressCellWide = progressCellWidth(progress, drawing);
    const statusWide = statusWordWidth(status);
    let row = `${paint.dim(prefix)}${labelStyle(label)}${spaces(gapWidth)}  ${pad(progressText, progressCellWide, progressWidth)}  ${pad(statusWord(status, paint), statusWide, STATUS_WIDTH)}`;
    let rowWidth = prefixWidth + shownWidth + gapWidth + 2 + Math.max(progressWidth, progressCellWide) + 2 + Math.max(STATUS_WIDTH, statusWide);
    if (gradeWidth > 0) {
      const gradeWide = grade === undefined ? 0 : gradeCellWidth(grade);
      row += `  ${pad(grade === undefined ? '' : gradeCell(grade, paint), gradeWide, gradeWidth)}`;
      rowWidth += 2 + Math.max(gradeWidth, gradeWide);
    }
    if (!note) line(row.trimEnd());
    else if (width === undefined || rowWidth + 2 + visibleWidth(note) <= width) line(`${row}  ${note}`);
    else {
      // The reference (or the key result's description) under the title, in the tree's own lines.
      line(row.trimEnd());
      const under = below(indent, last, deep);
      line(paint.dim(under) + cut(note, Math.max(8, width - visibleWidth(under))));
    }
  };

  // Second walk: each line drawn as it comes.
  let next = 0;
  for (const section of sections) {
    line('');
    if (section.title) for (const l of fold(section.title, width)) line(paint.bold(l));
    if (section.tops.length === 0) line(paint.dim('(no objectives in this view)'));
    walkRows(section.tops, keyResults, (kind, node, k, level, last, indent) => {
      const deep = level > DRAWN_LEVELS ? `(level ${level}) ` : '';
      if (kind === HIDDEN) {
        line(`${paint.dim(`${indent}${last ? '└─ ' : '├─ '}${deep}`)}${paint.dim(hiddenLabel(node))}`.trimEnd());
        return;
      }
      const i = next++;
      if (kind === OBJECTIVE) {
        const { objective } = node.score;
        let note = printable(objective.ref);
        if (!keyResults && node.via) note += `  ${paint.dim(`via ${node.via.id}`)}`;
        let breached = 0;
        for (const kr of node.score.keyResults) if (kr.status === 'breached') breached++;
        if (breached) note += `  ${paint.red(`${breached} guardrail${breached === 1 ? '' : 's'} breached`)}`;
        if (node.alsoUnder.length) note += `  ${paint.dim(`↳ also under ${printable(node.alsoUnder.join(', '))}`)}`;
        drawRow(indent, last, deep, titles[i]!, labelWidths[i]!, paint.bold, node.score.progress, node.score.status, objective.grade, note);
      } else {
        const kr = node.score.keyResults[k]!;
        // Only a rollup's description counts what feeds it (a look-up saved for 3 in 4 key results).
        const fedBy = kr.keyResult.kind === 'rollup' ? options.fedBy(kr.keyResult) : 0;
        const aligned = kr.keyResult.kind === 'rollup' && options.alignedTo ? options.alignedTo(kr.keyResult) : fedBy;
        const note = paint.dim(`${printable(kr.keyResult.id)}: ${describeKeyResult(kr.keyResult, fedBy, aligned)}`);
        drawRow(indent, last, deep, BULLET + titles[i]!, labelWidths[i]!, plain, kr.progress, kr.status, kr.keyResult.grade, note);
      }
    });
  }

  line('');
  for (const l of summary(tree, style, width)) line(l);
  if (tree.collapsed > 0)
    for (const l of fold(`${tree.collapsed} repeated subtrees were not shown again (objectives aligned to many goals).`, width)) line(paint.dim(l));
  if (out !== '') write(out);
}

const plain = (s: string) => s;

/** What a key result's title is drawn after, below its objective's. */
const BULLET = '· ';

/** `text` padded with spaces to `width` columns (it takes `textWidth`). */
function pad(text: string, textWidth: number, width: number): string {
  return textWidth >= width ? text : text + spaces(width - textWidth);
}

/** Runs of spaces for the gaps between columns (the same few widths, over and over). */
const SPACES: string[] = [];
function spaces(n: number): string {
  return n < 256 ? (SPACES[n] ??= ' '.repeat(n)) : ' '.repeat(n);
}

/** The note line under an objective whose aligned objectives are not listed there. */
function hiddenLabel(node: TreeNode): string {
  const { reason, count } = node.hidden!;
  const what = `${count} aligned objective${count === 1 ? '' : 's'}`;
  return reason === 'depth'
    ? `… ${what} below (raise --depth to see them)`
    : reason === 'cycle'
      ? `… ${what}: an alignment cycle, shown above (run "okr check")`
      : `… ${what}, shown above`;
}

/** The prefix of a line's second line (its note moved under it): the tree's lines carried on. */
function below(indent: string, last: boolean, deep: string): string {
  return `${indent}${last ? '   ' : '│  '}${spaces(deep.length)}`;
}

/** The columns of a line's tree-drawing prefix at `level`: the indent, "├─ ", and "(level N) " past the drawn levels. */
function prefixLength(level: number): number {
  return 3 * Math.min(level - 1, DRAWN_LEVELS - 1) + 3 + (level > DRAWN_LEVELS ? `(level ${level}) `.length : 0);
}

/** What a line of the outline shows: an objective, one of its key results, or "… N aligned objectives". */
const OBJECTIVE = 0;
const KEY_RESULT = 1;
const HIDDEN = 2;
type RowKind = typeof OBJECTIVE | typeof KEY_RESULT | typeof HIDDEN;

/**
 * A line's place in the outline: for an objective, `node` is it; for a key result, `node` is its
 * objective and `k` its index there; for "… hidden", `node` is the objective whose children are hidden.
 * `indent` is the drawing of the levels above (├ │ └ carried down).
 */
type RowVisitor = (kind: RowKind, node: TreeNode, k: number, level: number, last: boolean, indent: string) => void;

/**
 * The lines under one line of the outline, in order: an objective's key results (with --krs), the
 * objectives aligned to it (to no key result of it, with --krs), then its "… hidden" line; under a
 * key result, the objectives aligned through it; at the top, a section's objectives.
 */
interface Siblings {
  readonly parent: TreeNode | undefined;
  readonly keyResults: number;
  readonly objectives: readonly TreeNode[];
  readonly hidden: boolean;
  readonly level: number;
  readonly indent: string;
  next: number;
}

/**
 * Visits the lines of the outline under `tops` depth first, in drawing order, with an explicit stack:
 * alignment chains can be thousands of levels deep. Past the drawn levels the indent stops growing,
 * so a deep chain stays linear in size.
 */
function walkRows(tops: readonly TreeNode[], keyResults: boolean, visit: RowVisitor): void {
  const stack: Siblings[] = [{ parent: undefined, keyResults: 0, objectives: tops, hidden: false, level: 1, indent: '', next: 0 }];
  while (stack.length > 0) {
    const s = stack[stack.length - 1]!;
    const count = s.keyResults + s.objectives.length + (s.hidden ? 1 : 0);
    if (s.next >= count) {
      stack.pop();
      continue;
    }
    const i = s.next++;
    const last = i === count - 1;
    // Past the drawn levels the indent stops growing, so a chain thousands deep stays linear in size.
    const indentBelow = () => (s.level >= DRAWN_LEVELS ? s.indent : `${s.indent}${last ? '   ' : '│  '}`);
    if (i < s.keyResults) {
      const parent = s.parent!;
      visit(KEY_RESULT, parent, i, s.level, last, s.indent);
      if (parent.children.length === 0) continue;
      const kr = parent.score.keyResults[i]!.keyResult;
      const through = parent.children.filter((c) => c.via === kr);
      if (through.length) stack.push({ parent, keyResults: 0, objectives: through, hidden: false, level: s.level + 1, indent: indentBelow(), next: 0 });
    } else if (i < s.keyResults + s.objectives.length) {
      const node = s.objectives[i - s.keyResults]!;
      visit(OBJECTIVE, node, 0, s.level, last, s.indent);
      const krs = keyResults ? node.score.keyResults.length : 0;
      const objectives =
        keyResults && node.children.length > 0 ? node.children.filter((c) => !node.score.keyResults.some((k) => k.keyResult === c.via)) : node.children;
      if (krs + objectives.length > 0 || node.hidden)
        stack.push({ parent: node, keyResults: krs, objectives, hidden: node.hidden !== undefined, level: s.level + 1, indent: indentBelow(), next: 0 });
    } else visit(HIDDEN, s.parent!, 0, s.level, last, s.indent);
  }
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
    for (const k of n.score.keyResults) if (k.status === 'breached') breached++;
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
