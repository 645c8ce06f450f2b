// What one version of a cycle file says about its key results' values: the part of a goal file that
// check-in history compares from commit to commit. Rollups carry no value of their own and are left out.
//
// History reads thousands of versions of the same files, and most differ from the one before in a
// single `current:` line. So a version remembers which lines hold which key result's value, and the
// next version, when it differs only in such lines (same line count, same key and indentation, a
// plain number or boolean), is derived from it without parsing the YAML again. Anything else is
// parsed in full, with the same parser the workspace loader uses.
import jsYaml from 'js-yaml';
import type { FileStates, KeyResultState } from '../model/history.js';
import { isValidId } from '../model/ids.js';
import { kindsPresent } from './key-result-kind.js';
import { parseYaml } from './parse-yaml.js';

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

/** As in parse-yaml.ts: files with anchors or aliases take the slow, alias-limited path. */
const ANCHOR_OR_ALIAS = /(?:^|[\s[{,:-])[&*][^\s]/m;
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

/** A node as js-yaml's listener reports it: enough to tell which line a value sits on. */
interface EventNode {
  kind: string;
  result: unknown;
  /** 0-based line where the node ends. */
  line: number;
  children: EventNode[];
}

/**
 * Parses like the loader's fast path (js-yaml, core schema) and records, through js-yaml's node
 * listener, the lines of each key result's `current`, `done` and `confidence` when the key and a
 * plain value share a line of their own. Undefined when the fast path does not apply (anchors,
 * aliases, duplicate keys, a syntax error): then the version is read by parseYaml, without lines.
 */
function readFast(text: string, lines: readonly string[]): { data: unknown; owners: Map<number, { local: string; key: ValueKey }> } | undefined {
  if (ANCHOR_OR_ALIAS.test(text)) return undefined;
  const stack: EventNode[] = [{ kind: 'root', result: undefined, line: 0, children: [] }];
  let data: unknown;
  try {
    data = jsYaml.load(text, {
      schema: jsYaml.CORE_SCHEMA,
      listener(type, state) {
        if (type === 'open') stack.push({ kind: '', result: undefined, line: 0, children: [] });
        else {
          const node = stack.pop()!;
          node.kind = state.kind ?? '';
          node.result = state.result;
          node.line = state.line;
          stack[stack.length - 1]!.children.push(node);
        }
      },
    });
  } catch {
    return undefined;
  }
  const owners = new Map<number, { local: string; key: ValueKey }>();
  const root = stack[0]!.children[stack[0]!.children.length - 1];
  const seen = new Map<string, number>();
  const found: { local: string; key: ValueKey; line: number }[] = [];
  for (const objective of pairValue(root, 'objectives')?.children ?? []) {
    const oid = pairValue(objective, 'id')?.result;
    const krs = pairValue(objective, 'key_results');
    if (typeof oid !== 'string' || krs?.kind !== 'sequence') continue;
    for (const kr of krs.children) {
      const kid = pairValue(kr, 'id')?.result;
      if (typeof kid !== 'string' || kr.kind !== 'mapping') continue;
      const local = `${oid}/${kid}`;
      seen.set(local, (seen.get(local) ?? 0) + 1);
      for (let i = 0; i + 1 < kr.children.length; i += 2) {
        const key = kr.children[i]!;
        const value = kr.children[i + 1]!;
        if (key.result !== 'current' && key.result !== 'done' && key.result !== 'confidence') continue;
        const match = key.line === value.line && value.kind === 'scalar' ? VALUE_LINE.exec(lines[value.line] ?? '') : null;
        if (match && match[2] === key.result) found.push({ local, key: key.result, line: value.line });
      }
    }
  }
  for (const f of found) if (seen.get(f.local) === 1) owners.set(f.line, { local: f.local, key: f.key });
  return { data, owners };
}

/** The value of `key` in a mapping node whose children alternate key, value. */
function pairValue(node: EventNode | undefined, key: string): EventNode | undefined {
  if (!node || node.kind !== 'mapping' || node.children.length % 2 !== 0) return undefined;
  for (let i = 0; i < node.children.length; i += 2) if (node.children[i]!.result === key) return node.children[i + 1];
  return undefined;
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
