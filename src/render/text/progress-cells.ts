// The cells every progress view shares: percentages, bars, status words, and column padding.
// Colour only ever repeats what the words already say (SPEC 6: never colour alone).
import type { Status } from '../../model/pacing.js';
import type { Paint } from '../paint.js';
import { printable } from '../../printable.js';
import { loadStringWidth } from './string-width.js';

/** How a progress view is drawn: colour (a Paint) and whether bars are drawn at all. */
export interface TextStyle {
  readonly paint: Paint;
  /** Bars only on a terminal or with FORCE_COLOR: piped output gets plain percentages. */
  readonly bars: boolean;
}

/**
 * A whole percentage, rounded down so that 100% is shown only for what is done (99.6% is "99%").
 * The tiny offset keeps 0.29 (28.999999999999996 after * 100) at 29%.
 */
export function percent(x: number): string {
  const whole = Math.floor(x * 100 + 1e-9);
  // Progress is 0-100% (a 10,000-team tree asks 450,000 times): those strings are made once.
  if (whole >= 0 && whole <= 100) return (PERCENTS[whole] ??= `${whole}%`);
  return `${whole}%`;
}

/** "0%" to "100%", made on first use. */
const PERCENTS: string[] = [];

/** OKR grading colours: 0.7 and above green, 0.4 and above yellow, below red. */
export function scoreColour(x: number, paint: Paint): (s: string) => string {
  return x >= 0.7 ? paint.green : x >= 0.4 ? paint.yellow : paint.red;
}

/**
 * A grade as people read OKR scores: two decimals, rounded down like percentages (0.699 is "0.69",
 * never a green-looking "0.70" coloured yellow).
 */
export function gradeText(grade: number): string {
  return (Math.floor(grade * 100 + 1e-9) / 100).toFixed(2);
}

/** "grade 0.72", coloured by score: the number is always printed, colour only repeats it. */
export function gradeCell(grade: number, paint: Paint): string {
  return scoreColour(grade, paint)(`grade ${gradeText(grade)}`);
}

/** How a cycle reads in a header: "2026-Q3 (2026-07-01 – 2026-09-30), closed 2026-10-01". */
export function cycleText(cycle: { readonly id: string; readonly start: string; readonly end: string; readonly closed?: string }): string {
  return printable(`${cycle.id} (${cycle.start} – ${cycle.end})${cycle.closed !== undefined ? `, closed ${cycle.closed}` : ''}`);
}

const BAR_WIDTH = 10;
const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/** A bar of ten cells in eighths, coloured by score; `░` marks the distance still to go. */
export function bar(x: number, paint: Paint): string {
  const eighths = Math.floor(Math.min(1, Math.max(0, x)) * BAR_WIDTH * 8 + 1e-9);
  const full = Math.floor(eighths / 8);
  const part = EIGHTHS[eighths % 8]!;
  const filled = '█'.repeat(full) + part;
  const rest = '░'.repeat(BAR_WIDTH - full - (part ? 1 : 0));
  return scoreColour(x, paint)(filled) + paint.dim(rest);
}

/** The progress cell: right-aligned percentage, after a bar when bars are on. */
export function progressCell(x: number, style: TextStyle): string {
  const pct = scoreColour(x, style.paint)(percent(x).padStart(4));
  return style.bars ? `${bar(x, style.paint)} ${pct}` : pct;
}

/**
 * The columns progressCell(x, style) takes, without measuring it: the bar's cells and the space
 * after it, then the percentage (at least 4 columns). Large views size their columns by this.
 */
export function progressCellWidth(x: number, style: TextStyle): number {
  return (style.bars ? BAR_WIDTH + 1 : 0) + Math.max(4, percent(x).length);
}

export const STATUS_WIDTH = 'off-track'.length;

export function statusWord(status: Status | null, paint: Paint): string {
  switch (status) {
    case 'done':
      return paint.green('done');
    case 'on-track':
      return paint.green('on-track');
    case 'at-risk':
      return paint.yellow('at-risk');
    case 'off-track':
      return paint.red('off-track');
    case 'breached':
      return paint.bold(paint.red('breached'));
    case null:
      return paint.dim('unpaced');
  }
}

/** The columns statusWord(status) takes (its word's length: colour takes none). */
export function statusWordWidth(status: Status | null): number {
  return status === null ? 'unpaced'.length : status.length;
}

/** The columns gradeCell(grade) takes. */
export function gradeCellWidth(grade: number): number {
  return 'grade '.length + gradeText(grade).length;
}

/**
 * Characters one terminal column wide each, whatever the terminal: printable ASCII, Latin-1 and
 * Latin Extended letters, punctuation, arrows, box drawing and blocks (okr's bars and tree lines).
 */
const NARROW = /^[\x20-\x7e\u00a0-\u00ac\u00ae-\u02ff\u2010-\u2027\u2030-\u205e\u2190-\u21ff\u2500-\u259f]*$/;

/**
 * The columns a string takes on a terminal: escape codes take none, wide characters (CJK, most
 * emoji) take two, combining marks none (string-width). Text in narrow characters only, nearly
 * every cell okr draws, is measured by its length.
 */
export function visibleWidth(s: string): number {
  return NARROW.test(s) ? s.length : loadStringWidth()(s);
}

/**
 * visibleWidth(prefix + s) for a `prefix` of narrow characters, without joining the two when `s` is
 * narrow too (nearly always): the width of a line's label measured before the line is drawn.
 */
export function visibleWidthAfter(prefix: string, s: string): number {
  return NARROW.test(s) ? prefix.length + s.length : loadStringWidth()(prefix + s);
}

export function padEnd(s: string, width: number): string {
  const w = visibleWidth(s);
  return w >= width ? s : s + ' '.repeat(width - w);
}

export function padStart(s: string, width: number): string {
  const w = visibleWidth(s);
  return w >= width ? s : ' '.repeat(width - w) + s;
}

/** The largest of `values` (0 for none), without spreading them into arguments (no size limit). */
export function largest(values: Iterable<number>): number {
  let max = 0;
  for (const v of values) if (v > max) max = v;
  return max;
}

/**
 * Cuts a plain string to `width` columns, ending in `ellipsis` (narrow characters) when it was
 * longer; wide characters count two, and a character is never cut in half.
 */
export function truncate(s: string, width: number, ellipsis = '…'): string {
  if (visibleWidth(s) <= width) return s;
  const room = width - ellipsis.length;
  if (NARROW.test(s)) return s.slice(0, Math.max(0, room)) + ellipsis;
  let kept = '';
  let used = 0;
  graphemes ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  for (const { segment } of graphemes.segment(s)) {
    const w = loadStringWidth()(segment);
    if (used + w > room) break;
    kept += segment;
    used += w;
  }
  return kept + ellipsis;
}

/** Made on first use: an Intl.Segmenter costs milliseconds to create. */
let graphemes: Intl.Segmenter | undefined;

/** A number as people write it: no float noise (0.30000000000000004 is 0.3), no exponent for usual sizes. */
export function formatNumber(x: number): string {
  const text = String(x);
  // Twelve characters hold at most twelve significant digits: rounding to twelve changes nothing.
  if (text.length <= 12 || Number.isInteger(x)) return text;
  return String(Number(x.toPrecision(12)));
}
