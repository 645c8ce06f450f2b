// A line of the dashboard as styled pieces of text, measured and cut by display width (CJK and emoji
// take two columns) so every line is exactly as wide as its pane: the frame never wraps, never
// scrolls the terminal. Text from goal files and git goes through `shown` first: control characters
// are escaped, never sent to the terminal.
import { printable } from '../../../printable.js';
import { truncate, visibleWidth } from '../../text/progress-cells.js';

export type Colour = 'red' | 'yellow' | 'green' | 'cyan' | 'blue' | 'magenta';

export interface Style {
  readonly color?: Colour;
  readonly bold?: boolean;
  readonly dim?: boolean;
  readonly inverse?: boolean;
}

export interface Segment extends Style {
  readonly text: string;
}

export type Line = readonly Segment[];

export const seg = (text: string, style: Style = {}): Segment => ({ text, ...style });

/** Text from a goal file or git, safe to draw: control characters escaped, tabs as spaces. */
export function shown(text: string): string {
  return printable(text);
}

export function lineWidth(line: Line): number {
  let width = 0;
  for (const s of line) width += visibleWidth(s.text);
  return width;
}

/**
 * The line cut to `width` columns (the piece that overflows ends in "…") and padded with spaces in
 * `fill`'s style to exactly `width`.
 */
export function fit(line: Line, width: number, fill: Style = {}): Segment[] {
  const out: Segment[] = [];
  let used = 0;
  for (const s of line) {
    if (used >= width) break;
    const w = visibleWidth(s.text);
    if (used + w <= width) {
      out.push(s);
      used += w;
      continue;
    }
    const cut = truncate(s.text, width - used);
    out.push({ ...s, text: cut });
    used += visibleWidth(cut);
    break;
  }
  if (used < width) out.push({ ...fill, text: ' '.repeat(width - used) });
  return out;
}

/**
 * Words of `text` in lines of at most `width` columns, at most `maxLines` of them (the last cut with
 * "…" when there is more). A word longer than a line is cut across lines.
 */
export function wrap(text: string, width: number, maxLines = Infinity): string[] {
  const lines: string[] = [];
  if (width < 1 || maxLines < 1) return lines;
  let current = '';
  const push = (line: string) => lines.push(line);
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    const candidate = current === '' ? word : `${current} ${word}`;
    if (visibleWidth(candidate) <= width) {
      current = candidate;
      continue;
    }
    if (current !== '') push(current);
    current = word;
    while (visibleWidth(current) > width) {
      const head = cutColumns(current, width);
      push(head);
      current = current.slice(head.length);
    }
  }
  if (current !== '') push(current);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = truncate(`${kept[maxLines - 1]!} ${lines[maxLines]!}`, width);
  if (!kept[maxLines - 1]!.endsWith('…')) kept[maxLines - 1] = truncate(`${kept[maxLines - 1]!}…`, width);
  return kept;
}

/** The longest start of `s` (whole code points) at most `width` columns wide, never empty. */
function cutColumns(s: string, width: number): string {
  let out = '';
  for (const ch of s) {
    if (out !== '' && visibleWidth(out + ch) > width) break;
    out += ch;
  }
  return out;
}
