// How commands write to the environment's streams: JSON (one writer for the contract's documents),
// and the text style (colour, bars, widths) the terminal and NO_COLOR/FORCE_COLOR allow.
import type { Environment } from '../env.js';
import { wantsColor } from '../env.js';
import { jsonText } from '../render/json/write.js';
import { makePaint } from '../render/paint.js';
import type { TextStyle } from '../render/text/progress-cells.js';

/**
 * JSON output, as gh prints it: indented on a terminal, on one line when piped (a program reads it,
 * and a tree of 10,000 teams is less than half the size). Deep trees included; one trailing newline.
 * `depth` is the document's nesting when the caller knows it (saves walking a large document).
 */
export function writeJson(env: Environment, value: unknown, depth?: number): void {
  env.stdout.write(jsonText(value, { pretty: env.stdout.isTTY, ...(depth !== undefined ? { depth } : {}) }));
}

/**
 * JSON output written piece by piece as it is made (large documents: nothing is held whole). On a
 * terminal, where gh indents, the document is built and indented as writeJson does.
 */
export function writeJsonStreamed(env: Environment, pieces: () => Iterable<string>, whole: () => unknown, depth?: number): void {
  if (env.stdout.isTTY) return writeJson(env, whole(), depth);
  for (const piece of pieces()) env.stdout.write(piece);
  env.stdout.write('\n');
}

/** Colour per NO_COLOR/FORCE_COLOR/TTY; bars only on a terminal or when colour is forced. */
export function textStyle(env: Environment): TextStyle {
  const force = env.vars.FORCE_COLOR;
  const forced = force !== undefined && force !== '' && force !== '0' && force !== 'false';
  return { paint: makePaint(wantsColor(env)), bars: env.stdout.isTTY || forced };
}

/** The terminal's width in columns, when output goes to a terminal that says; undefined when piped. */
export function terminalWidth(env: Environment): number | undefined {
  const columns = env.stdout.isTTY ? env.stdout.columns : undefined;
  return columns && columns > 0 ? columns : undefined;
}
