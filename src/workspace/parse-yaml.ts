// Turns the text of a goal file into plain data, fast, and into findings with exact positions when it
// cannot. js-yaml does the common case (7-8x faster than `yaml`); files it rejects, and files that use
// anchors or aliases, go through `yaml`, whose errors carry positions and which caps alias expansion.
import jsYaml from 'js-yaml';
import { LineCounter, parseDocument } from 'yaml';
import type { Finding } from '../model/findings.js';

export interface ParsedYaml {
  /** The document as plain data; undefined when the file cannot be read as YAML at all. */
  readonly data: unknown;
  readonly findings: readonly Finding[];
}

/** Anchors (&a) and aliases (*a) are rare in goal files; the slow path limits what they expand to. */
const ANCHOR_OR_ALIAS = /(?:^|[\s[{,:-])[&*][^\s]/m;
const MAX_ALIAS_COUNT = 100;

export function parseYaml(file: string, text: string): ParsedYaml {
  if (!ANCHOR_OR_ALIAS.test(text)) {
    try {
      return { data: jsYaml.load(text, { schema: jsYaml.CORE_SCHEMA, filename: file }), findings: [] };
    } catch {
      // Fall through: the slow path says exactly what and where.
    }
  }
  return parseYamlSlowly(file, text);
}

export function parseYamlSlowly(file: string, text: string): ParsedYaml {
  const lineCounter = new LineCounter();
  const findings: Finding[] = [];
  let doc;
  try {
    doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true });
  } catch (error) {
    return { data: undefined, findings: [unreadable(file, error)] };
  }
  let fatal = false;
  for (const problem of doc.errors) {
    const duplicate = problem.code === 'DUPLICATE_KEY';
    if (!duplicate) fatal = true;
    const pos = lineCounter.linePos(problem.pos[0]);
    findings.push({
      rule: duplicate ? 'duplicate-key' : 'yaml-syntax',
      severity: 'error',
      message: duplicate ? duplicateKeyMessage(text, problem.pos[0]) : firstLine(problem.message),
      target: { file, line: pos.line, column: pos.col },
    });
  }
  if (fatal) return { data: undefined, findings };
  try {
    return { data: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }), findings };
  } catch (error) {
    // Alias bombs end here: yaml refuses to expand more than maxAliasCount aliases.
    return { data: undefined, findings: [...findings, unreadable(file, error)] };
  }
}

function duplicateKeyMessage(text: string, offset: number): string {
  const key = /^["']?([^"':\n]*)/.exec(text.slice(offset))?.[1]?.trim();
  return key ? `duplicate key "${key}": YAML keys must be unique in a mapping` : 'duplicate key in a mapping';
}

function unreadable(file: string, error: unknown): Finding {
  const raw = error instanceof Error ? error.message : String(error);
  const message = /alias/i.test(raw)
    ? `too many aliases: the document expands more than ${MAX_ALIAS_COUNT} aliases (an alias bomb?)`
    : error instanceof RangeError
      ? 'the document is nested too deeply to read'
      : `cannot read the YAML: ${firstLine(raw)}`;
  return { rule: 'yaml-syntax', severity: 'error', message, target: { file, line: 1, column: 1 } };
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}
