// Resolves findings that name a YAML node (by path) to 1-based line and column. Only files that have
// findings are parsed here, with `yaml` and a LineCounter, once each.
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import type { Finding, PositionedFinding } from '../model/findings.js';
import type { NodePath } from '../model/types.js';

export class PositionResolver {
  private readonly docs = new Map<string, { doc: ReturnType<typeof parseDocument>; lines: LineCounter }>();

  /** `textOf` returns a file's text, or undefined when there is none (then 1:1 is used). */
  constructor(private readonly textOf: (file: string) => string | undefined) {}

  position(finding: Finding): PositionedFinding {
    const { rule, severity, message, target } = finding;
    if ('line' in target) return { file: target.file, line: target.line, column: target.column, severity, rule, message };
    const { line, column } = this.locate(target.file, target.path, target.on ?? 'value');
    return { file: target.file, line, column, severity, rule, message };
  }

  locate(file: string, path: NodePath, on: 'key' | 'value'): { line: number; column: number } {
    const parsed = this.parsed(file);
    if (!parsed) return { line: 1, column: 1 };
    const offset = offsetOf(parsed.doc.contents as Node | null, path, on);
    const pos = parsed.lines.linePos(offset);
    return { line: pos.line, column: pos.col };
  }

  private parsed(file: string) {
    let entry = this.docs.get(file);
    if (!entry) {
      const text = this.textOf(file);
      if (text === undefined) return undefined;
      const lines = new LineCounter();
      try {
        entry = { doc: parseDocument(text, { lineCounter: lines, uniqueKeys: false, prettyErrors: false }), lines };
      } catch {
        return undefined;
      }
      this.docs.set(file, entry);
    }
    return entry;
  }
}

/**
 * Walks `path` down from `root` and returns the start offset of the node found (or of its key).
 * Stops at the deepest node that exists, so a missing key points at the mapping that lacks it.
 */
function offsetOf(root: Node | null, path: NodePath, on: 'key' | 'value'): number {
  let node: unknown = root;
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
}

function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  return undefined;
}
