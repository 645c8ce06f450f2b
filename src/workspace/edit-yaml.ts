// In-place edits of scalars in a YAML file: only the bytes of the value that changes are replaced
// (or one `key: value` line inserted when the key is missing), so comments, key order, quoting,
// blank lines and line endings everywhere else stay byte-identical. `yaml`'s parser gives each
// node's source range; the text itself is spliced, never re-serialised.
import { isAlias, isMap, isScalar, isSeq, parseDocument, stringify, type Pair, type Scalar, type YAMLMap } from 'yaml';
import type { NodePath } from '../model/types.js';
import { parseYaml } from './parse-yaml.js';

export interface ScalarEdit {
  /** Path from the document root to the mapping holding the key (a key result, an objective, a cycle). */
  readonly mapPath: NodePath;
  readonly key: string;
  /** Strings (the day a cycle was closed) are written double-quoted, so every YAML reader sees a string. */
  readonly value: number | boolean | string;
  /** When the key is missing, it is inserted after the first of these keys present (else after `id`). */
  readonly after: readonly string[];
}

export type EditResult = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly problem: string };

/** The YAML text of a value: numbers as JavaScript prints them (no exponent), booleans true/false, strings double-quoted. */
export function yamlLiteral(value: number | boolean | string): string | undefined {
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'string') return JSON.stringify(value);
  if (!Number.isFinite(value)) return undefined;
  const text = String(Object.is(value, -0) ? 0 : value);
  if (!/e/i.test(text)) return text;
  // Tiny numbers print with an exponent; write them out in full (YAML 1.1 readers need a dot anyway).
  if (Math.abs(value) >= 1e21) return undefined;
  for (let digits = 1; digits <= 100; digits++) {
    const fixed = value.toFixed(digits);
    if (Number(fixed) === value) return fixed;
  }
  return undefined;
}

/** Applies the edits one after another, then checks that the file means exactly what it did, except for them. */
export function applyScalarEdits(text: string, edits: readonly ScalarEdit[]): EditResult {
  let current = text;
  for (const edit of edits) {
    const result = applyOne(current, edit);
    if (!result.ok) return result;
    current = result.text;
  }
  return verify(text, current, edits);
}

function applyOne(text: string, edit: ScalarEdit): EditResult {
  const where = `${edit.mapPath.join('.')}.${edit.key}`;
  const literal = yamlLiteral(edit.value);
  if (literal === undefined) return { ok: false, problem: `${String(edit.value)} cannot be written as a plain YAML number` };
  const doc = parseDocument(text, { uniqueKeys: false, prettyErrors: false });
  if (doc.errors.length) return { ok: false, problem: `the file is not valid YAML (${doc.errors[0]!.message.split('\n')[0]})` };
  const map = doc.getIn(edit.mapPath, true);
  if (!isMap(map)) return { ok: false, problem: `${edit.mapPath.join('.')} is not a mapping` };
  const pair = findPair(map, edit.key);
  if (pair) {
    const node = pair.value;
    if (isAlias(node) || !isScalar(node) || !node.range || node.range[0] === node.range[1])
      return { ok: false, problem: `${where} is not a plain value okr can replace (an alias, a collection or empty)` };
    if (node.tag || node.anchor) return { ok: false, problem: `${where} has a tag or an anchor; edit it by hand` };
    return { ok: true, text: text.slice(0, node.range[0]) + literal + text.slice(node.range[1]) };
  }
  return insertPair(text, map, edit, literal);
}

function findPair(map: YAMLMap, key: string): Pair | undefined {
  // The last pair with the key: with duplicates, the value read is the last one.
  for (let i = map.items.length - 1; i >= 0; i--) {
    const pair = map.items[i]!;
    if (isScalar(pair.key) && String(pair.key.value) === key) return pair;
  }
  return undefined;
}

function insertPair(text: string, map: YAMLMap, edit: ScalarEdit, literal: string): EditResult {
  // The new line goes after a one-line value (a block scalar or a quoted value over several lines would be cut).
  const oneLine = (node: Scalar) => node.range !== undefined && node.range !== null && !text.slice(node.range[0], node.range[1]).includes('\n');
  const anchor = [...edit.after, 'id']
    .map((k) => findPair(map, k))
    .find((p): p is Pair<Scalar, Scalar> => p !== undefined && isScalar(p.key) && isScalar(p.value) && Boolean(p.key.range) && oneLine(p.value));
  if (!anchor) return { ok: false, problem: `no place to add "${edit.key}" next to ${edit.after.join(' or ')}` };
  const valueEnd = anchor.value!.range![1];
  if (map.flow) return { ok: true, text: `${text.slice(0, valueEnd)}, ${edit.key}: ${literal}${text.slice(valueEnd)}` };

  const keyStart = anchor.key!.range![0];
  const lineStart = text.lastIndexOf('\n', keyStart - 1) + 1;
  const column = keyStart - lineStart;
  const newline = text.indexOf('\n', valueEnd);
  // The file's own line ending: the anchor's, or (on a last line with none) the one before it.
  const sample = newline >= 0 ? newline : text.lastIndexOf('\n');
  const eol = sample > 0 && text[sample - 1] === '\r' ? '\r\n' : '\n';
  const line = `${' '.repeat(column)}${edit.key}: ${literal}`;
  if (newline < 0) return { ok: true, text: `${text}${eol}${line}` };
  return { ok: true, text: `${text.slice(0, newline + 1)}${line}${eol}${text.slice(newline + 1)}` };
}

/** The edited text must read as the original with exactly the edited values set: nothing else moved. */
function verify(before: string, after: string, edits: readonly ScalarEdit[]): EditResult {
  const original = parseYaml('before', before).data;
  const edited = parseYaml('after', after).data;
  if (original === undefined || edited === undefined) return { ok: false, problem: 'the edited file could not be read back' };
  const expected = structuredClone(original);
  for (const edit of edits) {
    let node: unknown = expected;
    for (const segment of edit.mapPath) node = (node as Record<string | number, unknown> | undefined)?.[segment];
    if (node === null || typeof node !== 'object') return { ok: false, problem: 'the edited key result could not be found again' };
    (node as Record<string, unknown>)[edit.key] = edit.value;
  }
  if (!deepEqual(expected, edited)) return { ok: false, problem: 'the edit would change more than the value (okr refuses to rewrite the file)' };
  return { ok: true, text: after };
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return Number.isNaN(a) && Number.isNaN(b);
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (a instanceof Date || b instanceof Date) return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.hasOwn(b, k) && deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** A new entry of okr.yaml's `cycles`, its dates written quoted (SPEC 9: YAML 1.1 readers see strings). */
export interface NewCycle {
  readonly id: string;
  readonly start: string;
  readonly end: string;
}

/**
 * Appends a cycle to the `cycles` list of okr.yaml's text, indented like the entries before it (or
 * inside the brackets of a flow list); every other byte stays. Verified like the scalar edits: the
 * file must read as before with exactly the one entry more.
 */
export function appendCycle(text: string, cycle: NewCycle): EditResult {
  const doc = parseDocument(text, { uniqueKeys: false, prettyErrors: false });
  if (doc.errors.length) return { ok: false, problem: `the file is not valid YAML (${doc.errors[0]!.message.split('\n')[0]})` };
  const seq = doc.get('cycles', true);
  if (!isSeq(seq) || !seq.range) return { ok: false, problem: '"cycles" is not a list okr can add to' };
  const id = stringify(cycle.id).trimEnd();
  const [start, end] = [JSON.stringify(cycle.start), JSON.stringify(cycle.end)];
  let edited: string;
  if (seq.flow) {
    const close = text.lastIndexOf(']', seq.range[1]);
    if (close < seq.range[0]) return { ok: false, problem: 'the end of the "cycles" list was not found' };
    const entry = `{id: ${id}, start: ${start}, end: ${end}}`;
    edited = `${text.slice(0, close)}${seq.items.length ? ', ' : ''}${entry}${text.slice(close)}`;
  } else {
    const first = seq.items[0];
    if (!isMap(first) || !first.range) return { ok: false, problem: 'the "cycles" list has no entry to take the layout from' };
    const lineStart = (offset: number) => text.lastIndexOf('\n', offset - 1) + 1;
    const dash = ' '.repeat(seq.range[0] - lineStart(seq.range[0]));
    const keys = ' '.repeat(first.range[0] - lineStart(first.range[0]));
    const eol = text.includes('\r\n') ? '\r\n' : '\n';
    const at = seq.range[1];
    const before = text.slice(0, at);
    const lines = [`${dash}- id: ${id}`, `${keys}start: ${start}`, `${keys}end: ${end}`].join(eol);
    edited = `${before}${before.endsWith('\n') ? '' : eol}${lines}${eol}${text.slice(at)}`;
  }
  const original = parseYaml('before', text).data as { cycles?: unknown[] } | undefined;
  const after = parseYaml('after', edited).data;
  if (!original || !Array.isArray(original.cycles)) return { ok: false, problem: 'okr.yaml could not be read back' };
  const expected = { ...original, cycles: [...original.cycles, { id: cycle.id, start: cycle.start, end: cycle.end }] };
  if (!deepEqual(expected, after)) return { ok: false, problem: 'adding the cycle would change more than the list (okr refuses to rewrite the file)' };
  return { ok: true, text: edited };
}
