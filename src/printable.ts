// The one rule for text from goal files and git (titles, units, names, notes, team names, paths)
// on its way to a terminal (SPEC 9): control characters are shown as escapes instead of acting. A
// title holding "\e[2J" must not clear the reader's screen, "\e]8;;…" must not plant a link, "\r"
// must not overwrite what okr printed. Every human renderer passes such text through here.

// C0 (with DEL), C1, and the Unicode line and paragraph separators (they break lines too).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/**
 * The same characters, to ask whether there is one at all: nearly no text holds one, and a test (no
 * match, no callback) answers 3-4x faster than a replace that finds nothing (450,000 titles and
 * references of a 10,000-team tree: 335 -> 87 ms).
 */
// eslint-disable-next-line no-control-regex
const ANY_CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** `s` with each control character shown as `\u001b` (a tab as a space). */
export function printable(s: string): string {
  if (!ANY_CONTROL.test(s)) return s;
  return s.replace(CONTROL, (ch) => (ch === '\t' ? ' ' : `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`));
}

/** True when `s` holds a control character printable() would escape. */
export function hasControl(s: string): boolean {
  CONTROL.lastIndex = 0;
  return CONTROL.test(s);
}

/**
 * An output that shows control characters escaped, line breaks kept: for stderr, where okr writes
 * only plain messages (no colour, no drawing), so every message, whatever text of the goals or of
 * git it quotes, reaches the terminal safe.
 */
export function printableOutput<T extends { write(chunk: string): void }>(output: T): T {
  return Object.assign(Object.create(output) as T, {
    write: (chunk: string) => output.write(chunk.split('\n').map(printable).join('\n')),
  });
}
