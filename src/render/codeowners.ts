// The CODEOWNERS block `okr codeowners` writes: marker comments around one line per team folder, and
// splicing that block into an existing file without touching its other lines.
import type { Ownership } from '../model/codeowners.js';

export const BLOCK_BEGIN = '# BEGIN okr codeowners';
export const BLOCK_END = '# END okr codeowners';

/** A path as a CODEOWNERS pattern: anchored at the repository root, special characters escaped. */
export function codeownersPath(repositoryPath: string): string {
  return `/${repositoryPath.replace(/[\\ #*?[\]!]/g, (ch) => `\\${ch}`)}`;
}

/** The block's lines (no trailing newline); `pathOf` maps a workspace path to a repository path. */
export function renderCodeownersBlock(ownership: Ownership, pathOf: (file: string) => string): string[] {
  const lines = [
    `${BLOCK_BEGIN}: generated from the owners in teams/*/team.yaml. Do not edit between these markers:`,
    '# change the owners in team.yaml, then run "okr codeowners --write".',
  ];
  const byTeam = new Map(ownership.rules.map((r) => [r.team, r]));
  const teams = [...new Set([...ownership.rules.map((r) => r.team), ...ownership.unowned])].sort();
  for (const team of teams) {
    const rule = byTeam.get(team);
    const path = codeownersPath(pathOf(`teams/${team}/`));
    if (!rule) {
      lines.push(`# ${path} has no owners: none in its team.yaml or any parent team's`);
      continue;
    }
    if (rule.inheritedFrom !== undefined) lines.push(`# ${team} names no owners: those of its parent team ${rule.inheritedFrom}`);
    lines.push(`${path} ${rule.owners.join(' ')}`);
  }
  lines.push(BLOCK_END);
  return lines;
}

export interface SplicedFile {
  readonly text: string;
  /** The lines between the markers before (undefined when the file had no block). */
  readonly previous: readonly string[] | undefined;
}

/**
 * `existing` with the block replaced (or appended after a blank line when it has none). Line
 * endings follow the file's (CRLF stays CRLF); every line outside the markers is kept as it was.
 */
export function spliceBlock(existing: string, block: readonly string[]): SplicedFile {
  const eol = existing.includes('\r\n') ? '\r\n' : '\n';
  const lines = existing === '' ? [] : existing.split(/\r?\n/);
  const trailingNewline = lines.length > 0 && lines[lines.length - 1] === '';
  if (trailingNewline) lines.pop();
  const range = findBlock(lines);
  let out: string[];
  let previous: string[] | undefined;
  if (range) {
    previous = lines.slice(range.begin, range.end + 1);
    out = [...lines.slice(0, range.begin), ...block, ...lines.slice(range.end + 1)];
  } else {
    out = lines.length && lines[lines.length - 1]!.trim() !== '' ? [...lines, '', ...block] : [...lines, ...block];
  }
  return { text: out.join(eol) + (out.length ? eol : ''), previous };
}

/** The block's lines in a file's text, markers included, or undefined when there is none. */
export function currentBlock(existing: string): string[] | undefined {
  const lines = existing.split(/\r?\n/);
  const range = findBlock(lines);
  return range ? lines.slice(range.begin, range.end + 1) : undefined;
}

/** Thrown when the markers are not one BEGIN followed by one END: splicing could lose lines. */
export class BrokenBlock extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

function findBlock(lines: readonly string[]): { begin: number; end: number } | undefined {
  const begins = lines.flatMap((l, i) => (l.startsWith(BLOCK_BEGIN) ? [i] : []));
  const ends = lines.flatMap((l, i) => (l.trim() === BLOCK_END ? [i] : []));
  if (begins.length === 0 && ends.length === 0) return undefined;
  if (begins.length !== 1 || ends.length !== 1 || ends[0]! < begins[0]!) {
    const line = (begins.length === 1 && ends.length === 0 ? begins[0]! : (begins[1] ?? ends[0] ?? begins[0]!)) + 1;
    throw new BrokenBlock(
      begins.length === 1 && ends.length === 0
        ? `"${BLOCK_BEGIN}" at line ${line} has no "${BLOCK_END}" after it`
        : `the okr block's markers are not one "${BLOCK_BEGIN}" followed by one "${BLOCK_END}" (see line ${line})`,
      line,
    );
  }
  return { begin: begins[0]!, end: ends[0]! };
}

/** Lines only in `before` (-) and only in `after` (+), in order: what --check shows. */
export function lineChanges(before: readonly string[], after: readonly string[]): string[] {
  const inAfter = new Set(after);
  const inBefore = new Set(before);
  return [...before.filter((l) => !inAfter.has(l)).map((l) => `- ${l}`), ...after.filter((l) => !inBefore.has(l)).map((l) => `+ ${l}`)];
}
