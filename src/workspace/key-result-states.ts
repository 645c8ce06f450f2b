// What one version of a cycle file says about its key results' values: the part of a goal file that
// check-in history compares from commit to commit. Rollups carry no value of their own and are left out.
//
// History reads thousands of versions of the same files, and most differ from the one before in a
// single `current:` line. So a version remembers which lines hold which key result's value, and the
// next version, when it differs only in such lines (same line count, same key and indentation, a
// plain number or boolean), is derived from it without parsing the YAML again. Anything else is
// parsed in full, with the same parser the workspace loader uses.
import type { FileStates, KeyResultState } from '../model/history.js';
import { isValidId } from '../model/ids.js';
import { kindsPresent } from './key-result-kind.js';
import { parseYaml } from './parse-yaml.js';
import { lineIndexAt } from './positions.js';
import { readLocatedYamlSubset, type YamlNodeSpot } from './yaml-subset.js';

type Data = Record<string, unknown>;
const isRecord = (x: unknown): x is Data => x !== null && typeof x === 'object' && !Array.isArray(x);
const num = (x: unknown): number | undefined => (typeof x === 'number' && Number.isFinite(x) ? x : undefined);

/** The value fields a check-in changes. */
type ValueKey = 'current' | 'done' | 'confidence';

export interface FileVersion {
  /** Undefined when the text is not readable YAML: such a version says nothing. */
  readonly states: FileStates | undefined;
  readonly text: string;
  readonly lines: readonly string[];
  /** Line index → the key result (`objective/kr`) and field whose plain one-line value sits on it. */
  readonly owners: ReadonlyMap<number, { readonly local: string; readonly key: ValueKey }>;
}

/** The key results of a cycle file's text by `objective/kr`, or undefined when the text is not readable YAML. */
export function keyResultStates(file: string, text: string): FileStates | undefined {
  const parsed = parseYaml(file, text);
  if (parsed.data === undefined) return undefined;
  return statesOf(parsed.data);
}

/** Reads a version in full: its states, and which lines hold values (for deriving the next version). */
export function readVersion(file: string, text: string): FileVersion {
  const lines = text.split('\n');
  const fast = readFast(text, lines);
  if (fast) return { states: statesOf(fast.data), text, lines, owners: fast.owners };
  const parsed = parseYaml(file, text);
  return { states: parsed.data === undefined ? undefined : statesOf(parsed.data), text, lines, owners: new Map() };
}

/** The next version of a file, derived from `previous` when only value lines changed, else read in full. */
export function nextVersion(file: string, previous: FileVersion | undefined, text: string): FileVersion {
  return (previous && derive(previous, text)) ?? readVersion(file, text);
}

const VALUE_LINE = /^( *)(current|done|confidence):( +)(-?(?:0|[1-9]\d*)(?:\.\d+)?|true|false)( +#.*)?\r?$/;

function derive(previous: FileVersion, text: string): FileVersion | undefined {
  if (!previous.states) return undefined;
  if (previous.text === text) return previous;
  // Walk the previous version's lines through the new text: unchanged lines are compared in place
  // (natively, no new strings); only lines that differ are cut out and looked at.
  const oldLines = previous.lines;
  let lines: string[] | undefined;
  let states: Map<string, KeyResultState> | undefined;
  let pos = 0;
  for (let i = 0; i < oldLines.length; i++) {
    const before = oldLines[i]!;
    const last = i === oldLines.length - 1;
    if (pos > text.length) return undefined;
    if (text.startsWith(before, pos) && (last ? pos + before.length === text.length : text.charCodeAt(pos + before.length) === 10)) {
      pos += before.length + 1;
      continue;
    }
    const end = last ? text.length : text.indexOf('\n', pos);
    if (end < 0 || (last && text.indexOf('\n', pos) >= 0)) return undefined;
    const line = text.slice(pos, end);
    pos = end + 1;
    const owner = previous.owners.get(i);
    const was = VALUE_LINE.exec(before);
    const now = VALUE_LINE.exec(line);
    if (!owner || !was || !now || was[1] !== now[1] || was[2] !== now[2] || now[2] !== owner.key) return undefined;
    const state = (states ?? previous.states).get(owner.local);
    if (!state) return undefined;
    const raw = now[4]!;
    const isBoolean = raw === 'true' || raw === 'false';
    let next: KeyResultState;
    if (owner.key === 'done') {
      if (!isBoolean || state.kind !== 'milestone') return undefined;
      next = { ...state, value: raw === 'true' };
    } else {
      if (isBoolean) return undefined;
      if (owner.key === 'confidence') next = { ...state, confidence: Number(raw) };
      else if (state.kind === 'metric' || state.kind === 'guardrail') next = { ...state, value: Number(raw) };
      else return undefined;
    }
    states ??= new Map(previous.states);
    states.set(owner.local, next);
    lines ??= oldLines.slice();
    lines[i] = line;
  }
  if (pos !== text.length + 1) return undefined;
  return { states: states ?? previous.states, text, lines: lines ?? oldLines, owners: previous.owners };
}

/**
 * Reads like the loader's fast path (the YAML subset reader) and records, from where its nodes
 * start, the lines of each key result's `current`, `done` and `confidence` when the key and a plain
 * value share a line of their own. Undefined when the text is outside the subset: then the version
 * is read by parseYaml, without lines.
 */
function readFast(text: string, lines: readonly string[]): { data: unknown; owners: Map<number, { local: string; key: ValueKey }> } | undefined {
  const read = readLocatedYamlSubset(text);
  if (!read) return undefined;
  const data = read.value;
  const owners = new Map<number, { local: string; key: ValueKey }>();
  if (!isRecord(data) || !Array.isArray(data.objectives)) return { data, owners };
  const objectiveSpots = read.spot.children?.get('objectives')?.children;
  const lineOf = lineIndex(lines);
  const seen = new Map<string, number>();
  const found: { local: string; key: ValueKey; line: number }[] = [];
  data.objectives.forEach((objective: unknown, i: number) => {
    if (!isRecord(objective) || typeof objective.id !== 'string' || !Array.isArray(objective.key_results)) return;
    const krSpots = objectiveSpots?.get(i)?.children?.get('key_results')?.children;
    objective.key_results.forEach((kr: unknown, j: number) => {
      if (!isRecord(kr) || typeof kr.id !== 'string') return;
      const local = `${objective.id as string}/${kr.id}`;
      seen.set(local, (seen.get(local) ?? 0) + 1);
      const spots = krSpots?.get(j)?.children;
      for (const key of VALUE_KEYS) {
        const spot = spots?.get(key);
        if (!spot || spot.keyOffset === undefined || spot.children) continue;
        const line = lineOf(spot.offset);
        const match = lineOf(spot.keyOffset) === line ? VALUE_LINE.exec(lines[line] ?? '') : null;
        if (match && match[2] === key) found.push({ local, key, line });
      }
    });
  });
  for (const f of found) if (seen.get(f.local) === 1) owners.set(f.line, { local: f.local, key: f.key });
  return { data, owners };
}

const VALUE_KEYS: readonly ValueKey[] = ['current', 'done', 'confidence'];

/** The 0-based line of an offset, from the text's lines (split at LF). */
function lineIndex(lines: readonly string[]): (offset: number) => number {
  const starts: number[] = [];
  let at = 0;
  for (const line of lines) {
    starts.push(at);
    at += line.length + 1;
  }
  return (offset) => lineIndexAt(starts, offset);
}

export function statesOf(data: unknown): FileStates {
  const states = new Map<string, KeyResultState>();
  if (!isRecord(data) || !Array.isArray(data.objectives)) return states;
  for (const objective of data.objectives) {
    if (!isRecord(objective) || typeof objective.id !== 'string' || !isValidId(objective.id)) continue;
    if (!Array.isArray(objective.key_results)) continue;
    for (const kr of objective.key_results) {
      if (!isRecord(kr) || typeof kr.id !== 'string' || !isValidId(kr.id)) continue;
      const state = stateOf(kr);
      const key = `${objective.id}/${kr.id}`;
      if (state && !states.has(key)) states.set(key, state);
    }
  }
  return states;
}

function stateOf(kr: Data): KeyResultState | undefined {
  const kinds = kindsPresent(kr);
  if (kinds.length !== 1) return undefined;
  const confidence = num(kr.confidence);
  const unit = typeof kr.unit === 'string' ? kr.unit : undefined;
  const extra = { ...(confidence !== undefined ? { confidence } : {}), ...(unit !== undefined ? { unit } : {}) };
  switch (kinds[0]) {
    case 'metric': {
      const value = num(kr.current) ?? num(kr.start);
      return value === undefined ? undefined : { kind: 'metric', value, ...extra };
    }
    case 'guardrail': {
      const value = num(kr.current);
      return value === undefined ? undefined : { kind: 'guardrail', value, ...extra };
    }
    case 'milestone':
      return typeof kr.done === 'boolean' ? { kind: 'milestone', value: kr.done, ...extra } : undefined;
    default:
      return undefined;
  }
}
