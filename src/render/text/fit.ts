// Laying text out for the terminal's width (issue 10, item 7). A width is known only on a terminal;
// piped output (undefined width) is never cut or folded, so `okr tree | grep` finds a whole title.
// On a terminal, what does not fit moves to the next lines, indented, rather than running off the
// edge: titles keep the room, and only a piece wider than the terminal on its own line is cut.
import { truncate, visibleWidth } from './progress-cells.js';

const ESCAPES = /\x1b\[[0-9;]*m/g;

/** `s` cut to `width` columns with "…" when wider; colour is dropped only from a string that is cut. */
export function cut(s: string, width: number): string {
  if (visibleWidth(s) <= width) return s;
  return truncate(s.replace(ESCAPES, ''), Math.max(1, width));
}

/**
 * Pieces packed onto lines no wider than `width`, each line starting with `indent`, pieces two
 * spaces apart; a piece wider than a line on its own is cut. Without a width: one line.
 */
export function pack(pieces: readonly string[], indent: string, width: number | undefined): string[] {
  const kept = pieces.filter((piece) => piece !== '');
  if (kept.length === 0) return [];
  if (width === undefined) return [indent + kept.join('  ')];
  const room = Math.max(8, width - visibleWidth(indent));
  const lines: string[] = [];
  let line = '';
  for (const piece of kept) {
    const fitted = cut(piece, room);
    if (line !== '' && visibleWidth(line) + 2 + visibleWidth(fitted) <= room) line += `  ${fitted}`;
    else {
      if (line !== '') lines.push(indent + line);
      line = fitted;
    }
  }
  lines.push(indent + line);
  return lines;
}

/** Prose folded at spaces to `width` columns, later lines after `indent`. Without a width: as is. */
export function fold(text: string, width: number | undefined, indent = ''): string[] {
  if (width === undefined || visibleWidth(text) <= width) return [text];
  // The line's own indentation stays in front of its first line.
  const lead = /^ */.exec(text)![0];
  const lines: string[] = [];
  let line = lead;
  for (const word of text.slice(lead.length).split(' ')) {
    const room = width - (lines.length === 0 ? 0 : visibleWidth(indent));
    if (line.trim() === '' || visibleWidth(line) + 1 + visibleWidth(word) <= room) line += line.trim() === '' ? word : ` ${word}`;
    else {
      lines.push(line);
      line = cut(word, Math.max(8, width - visibleWidth(indent)));
    }
  }
  lines.push(line);
  return lines.map((l, i) => (i === 0 ? l : indent + l));
}

/** Each line of `text` wider than `width` folded at spaces, carried on two columns in from its own indent. */
export function foldLines(text: string, width: number | undefined): string {
  if (width === undefined) return text;
  return text
    .split('\n')
    .flatMap((line) => fold(line, width, `${/^ */.exec(line)![0]}  `))
    .join('\n');
}
