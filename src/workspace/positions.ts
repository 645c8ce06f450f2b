// Resolves findings that name a YAML node (by path) to 1-based line and column. Only files that have
// findings are located, once each: by the fast subset reader (yaml-subset.ts), which records where
// each node starts, and by `yaml` (loaded then) for files outside the subset. Both give the same
// positions (test/workspace/yaml-subset.test.ts).
import type { Finding, PositionedFinding } from '../model/findings.js';
import type { NodePath } from '../model/types.js';
import { locateYamlSubset, type YamlNodeSpot } from './yaml-subset.js';
import { yamlLibrary } from './yaml-library.js';

export type NodeOffset = (path: NodePath, on: 'key' | 'value') => number;

interface LocatedFile {
  readonly offsetOf: NodeOffset;
  readonly lineStarts: readonly number[];
}

export class PositionResolver {
  private readonly files = new Map<string, LocatedFile | undefined>();

  /**
   * `textOf` returns a file's text, or undefined when there is none (then 1:1 is used).
   * `readBySubset` says which texts the subset reader read whole when they were loaded: locating
   * in those stops once the nodes the findings name are passed.
   */
  constructor(
    private readonly textOf: (file: string) => string | undefined,
    private readonly readBySubset: (file: string) => boolean = () => false,
  ) {}

  /** Positions findings, in their order. Each file is located once, for the nodes its findings name. */
  positions(findings: readonly Finding[]): PositionedFinding[] {
    const paths = new Map<string, NodePath[]>();
    for (const { target } of findings) {
      if ('line' in target) continue;
      let list = paths.get(target.file);
      if (!list) paths.set(target.file, (list = []));
      list.push(target.path);
    }
    const located = new Map<string, LocatedFile | undefined>();
    for (const [file, wanted] of paths) located.set(file, locateFile(this.textOf(file), wanted, this.readBySubset(file)));
    return findings.map((finding) => {
      const { rule, severity, message, target } = finding;
      if ('line' in target) return { file: target.file, line: target.line, column: target.column, severity, rule, message };
      const file = located.get(target.file);
      const { line, column } = file ? linePosition(file.lineStarts, file.offsetOf(target.path, target.on ?? 'value')) : { line: 1, column: 1 };
      return { file: target.file, line, column, severity, rule, message };
    });
  }

  locate(file: string, path: NodePath, on: 'key' | 'value'): { line: number; column: number } {
    let located = this.files.get(file);
    if (!this.files.has(file)) this.files.set(file, (located = locateFile(this.textOf(file))));
    if (!located) return { line: 1, column: 1 };
    return linePosition(located.lineStarts, located.offsetOf(path, on));
  }
}

/** Offsets in a file's text: of the nodes on `paths` only, or of every node. */
function locateFile(text: string | undefined, paths?: readonly NodePath[], readBySubset = false): LocatedFile | undefined {
  if (text === undefined) return undefined;
  const offsetOf = offsetsBySubset(text, paths, readBySubset) ?? offsetsByYaml(text);
  return offsetOf ? { offsetOf, lineStarts: lineStarts(text) } : undefined;
}

/**
 * Node offsets from the subset reader (of the nodes on `paths`, or all); undefined when the text is
 * outside the subset. `readBefore`: the subset reader read this text whole before (see locateYamlSubset).
 */
export function offsetsBySubset(text: string, paths?: readonly NodePath[], readBefore = false): NodeOffset | undefined {
  const spot = locateYamlSubset(text, paths, readBefore);
  return spot ? (path, on) => spotOffset(spot, path, on) : undefined;
}

/** Offsets of every line's first character (a line ends at LF; a CR before it belongs to the line). */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** The 0-based line holding `offset`, by binary search over the lines' start offsets. */
export function lineIndexAt(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}

function linePosition(starts: readonly number[], offset: number): { line: number; column: number } {
  const low = lineIndexAt(starts, offset);
  return { line: low + 1, column: offset - starts[low]! + 1 };
}

/**
 * Walks `path` down from the root and returns where the node found (or its key) starts. Stops at
 * the deepest node that exists, so a missing key points at the mapping that lacks it.
 */
function spotOffset(root: YamlNodeSpot, path: NodePath, on: 'key' | 'value'): number {
  let node = root;
  let keyOffset: number | undefined;
  for (const segment of path) {
    const children = node.children;
    if (!children) break;
    const child = node.list ? (typeof segment === 'number' ? children.get(segment) : undefined) : children.get(String(segment));
    if (!child) break;
    keyOffset = node.list ? undefined : child.keyOffset;
    node = child;
  }
  return on === 'key' && keyOffset !== undefined ? keyOffset : node.offset;
}

/** The same walk over `yaml`'s document, for files outside the subset. */
export function offsetsByYaml(text: string): NodeOffset | undefined {
  const { isMap, isPair, isScalar, isSeq, parseDocument } = yamlLibrary();
  let doc;
  try {
    doc = parseDocument(text, { uniqueKeys: false, prettyErrors: false });
  } catch {
    return undefined;
  }
  const keyText = (key: unknown): string | undefined => (isScalar(key) ? String(key.value) : undefined);
  return (path, on) => {
    let node: unknown = doc.contents;
    let keyNode: unknown;
    for (const segment of path) {
      if (isMap(node)) {
        // The last pair with that key: with duplicates, values come from the last one.
        const pair = [...node.items].reverse().find((p) => isPair(p) && keyText(p.key) === String(segment));
        if (!pair) break;
        keyNode = pair.key;
        node = pair.value ?? pair.key;
      } else if (isSeq(node) && typeof segment === 'number' && node.items[segment] !== undefined) {
        keyNode = undefined;
        node = node.items[segment];
      } else break;
    }
    const chosen = on === 'key' && keyNode ? keyNode : node;
    const range = (chosen as { range?: [number, number, number] } | null)?.range;
    return range ? range[0] : 0;
  };
}
