// Turns the text of a goal file into plain data, fast, and into findings with exact positions when it
// cannot. One meaning (SPEC 9): the values are those of the `yaml` package with the YAML 1.2 core
// schema, whichever path reads the file. The fast path (yaml-subset.ts) reads the subset goal files
// are written in and declines the rest; what it declines is read by `yaml` itself, loaded only then,
// which words the findings, caps alias expansion, and refuses directives and explicit tags.
import type { Finding } from '../model/findings.js';
import { readYamlSubset } from './yaml-subset.js';
import { yamlLibrary } from './yaml-library.js';
import { misalignedLine, misplacedItemAt, overIndentAfter, tabIndentation, type LayoutProblem } from './yaml-layout.js';

export interface ParsedYaml {
  /** The document as plain data (null for an empty file); undefined when the file cannot be read as YAML. */
  readonly data: unknown;
  readonly findings: readonly Finding[];
}

/** A parse that also says which path read the text (the subset reader, or `yaml`). */
export interface ParsedGoalYaml extends ParsedYaml {
  readonly bySubset: boolean;
}

const MAX_ALIAS_COUNT = 100;
/** Goal files nest about six levels deep; far deeper input is hostile and would exhaust the stack. */
export const MAX_NESTING = 100;

export function parseYaml(file: string, text: string): ParsedYaml {
  const fast = readYamlSubset(text);
  if (fast) return { data: fast.value, findings: [] };
  return parseYamlSlowly(file, text);
}

/**
 * parseYaml, saying which path read the text: a text the subset read is located faster (positions.ts).
 * `printableAscii`: every character is known to be printable ASCII or LF (RawFile.printableAscii).
 */
export function parseGoalYaml(file: string, text: string, printableAscii = false): ParsedGoalYaml {
  const fast = readYamlSubset(text, printableAscii);
  if (fast) return { data: fast.value, findings: [], bySubset: true };
  return { ...parseYamlSlowly(file, text), bySubset: false };
}

export function parseYamlSlowly(file: string, text: string): ParsedYaml {
  const { isCollection, isPair, LineCounter, parseDocument, visit } = yamlLibrary();
  const lineCounter = new LineCounter();
  const at = (offset: number, rule: string, message: string): Finding => {
    const pos = lineCounter.linePos(offset);
    return { rule, severity: 'error', message, target: { file, line: pos.line, column: pos.col } };
  };
  const tooDeep = offsetBeyondNesting(text, MAX_NESTING);
  if (tooDeep !== undefined) {
    lineCounter.addNewLine(0);
    for (let i = text.indexOf('\n'); i !== -1 && i < tooDeep; i = text.indexOf('\n', i + 1)) lineCounter.addNewLine(i + 1);
    return {
      data: undefined,
      findings: [at(tooDeep, 'yaml-syntax', `the document nests more than ${MAX_NESTING} levels deep here; goal files need a handful, so the file is not read`)],
    };
  }
  let doc;
  try {
    doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true });
  } catch (error) {
    return { data: undefined, findings: [unreadable(file, error)] };
  }
  const findings: Finding[] = [];
  // Only the first syntax error: the ones after it are mostly the parser losing its footing, and so
  // are duplicate keys after it (a tab or a bad indent moves lines into the mapping above).
  const syntax = doc.errors.find((problem) => problem.code !== 'DUPLICATE_KEY');
  const lostFooting = syntax?.pos[0] ?? Infinity;
  for (const problem of doc.errors) {
    if (problem.code === 'DUPLICATE_KEY') {
      if (problem.pos[0] < lostFooting) findings.push(at(problem.pos[0], 'duplicate-key', duplicateKeyMessage(text, problem.pos[0])));
    } else if (problem === syntax) {
      // yaml notices an unclosed bracket or quote where the file ends; the person needs the opener.
      const opener = /^Flow (sequence|map)|closing "quote/.test(problem.message) ? unclosedOpener(text, problem.pos[0]) : undefined;
      const cause = tabIndentation(text, problem.pos[0]) ?? opener ?? misindented(text, problem.code, problem.message, problem.pos[0]);
      if (cause) findings.push(at(cause.offset, 'yaml-syntax', cause.message));
      else findings.push(at(problem.pos[0], 'yaml-syntax', syntaxMessage(problem.code, problem.message, lineAt(text, problem.pos[0]))));
    }
  }
  if (syntax) return { data: undefined, findings };
  // Directives (%YAML 1.1) and explicit tags (!!float, !foo) would give the file another meaning.
  const other = otherMeanings(text);
  if (other.length) return { data: undefined, findings: [...findings, ...other.map((o) => at(o.offset, 'yaml-syntax', o.message))] };
  // A list or mapping used as a key has no place in a goal file (and would be stringified with a warning).
  let complexKey: number | undefined;
  visit(doc, {
    Pair(_, pair) {
      if (!isPair(pair) || !isCollection(pair.key)) return undefined;
      complexKey = pair.key.range?.[0] ?? 0;
      return visit.BREAK;
    },
  });
  if (complexKey !== undefined)
    return { data: undefined, findings: [...findings, at(complexKey, 'yaml-syntax', 'a key must be plain text, not a list or mapping')] };
  try {
    return { data: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }), findings };
  } catch (error) {
    const unresolved = /Unresolved alias[^:]*: (.+)$/.exec(error instanceof Error ? error.message : '');
    if (unresolved) {
      const name = unresolved[1]!;
      const offset = Math.max(0, text.indexOf(`*${name}`));
      return { data: undefined, findings: [...findings, at(offset, 'yaml-syntax', `alias *${name} names no anchor: define &${name} before it, or write the value out`)] };
    }
    // Alias bombs end here: yaml refuses to expand more than maxAliasCount aliases. Point at the first alias.
    const finding = unreadable(file, error);
    const alias = /alias/i.test(finding.message) ? /(?:^|[\s[{,:-])\*[^\s]/m.exec(text) : null;
    return { data: undefined, findings: [...findings, alias ? at(alias.index + alias[0].indexOf('*'), 'yaml-syntax', finding.message) : finding] };
  }
}

/**
 * Where the text asks for a meaning other than plain YAML 1.2: `%` directives and explicit tags.
 * Found with yaml's lexer, so "!" and "%" inside quotes, comments and block scalars do not count.
 */
function otherMeanings(text: string): { offset: number; message: string }[] {
  if (!text.includes('%') && !text.includes('!')) return [];
  const { CST, Lexer } = yamlLibrary();
  const found: { offset: number; message: string }[] = [];
  let offset = 0;
  for (const token of new Lexer().lex(text)) {
    const type = CST.tokenType(token);
    // Zero-width markers the lexer inserts: they are not in the text.
    if (type === 'doc-mode' || type === 'flow-error-end' || type === 'scalar') continue;
    if (!text.startsWith(token, offset)) break; // lost track of offsets: report what was found so far
    if (type === 'directive-line')
      found.push({
        offset,
        message: `the directive ${JSON.stringify(token.split(/\s/)[0])} is not read: okr reads every file as YAML 1.2 (remove the line, and the "---" after it if nothing else needs it)`,
      });
    else if (type === 'tag')
      found.push({
        offset,
        message: `the tag ${JSON.stringify(token)} is not read: okr gives every value its plain YAML 1.2 meaning (remove the tag; quote a value to make it text)`,
      });
    offset += token.length;
  }
  return found;
}

/** A syntax error that is a line indented too far or not far enough, pointed at the line to fix. */
function misindented(text: string, code: string, message: string, offset: number): LayoutProblem | undefined {
  if (code === 'BLOCK_AS_IMPLICIT_KEY')
    return /^A block sequence may not be used as an implicit map key/.test(message) ? misplacedItemAt(text, offset) : overIndentAfter(text, offset);
  // A line between two levels: "all mapping items must start at the same column", or, under a
  // list item, "sequence item without - indicator".
  if (code === 'BAD_INDENT' || (code === 'MISSING_CHAR' && /^Sequence item without/.test(message))) return misalignedLine(text, offset);
  return undefined;
}

/** Messages of the yaml library that a person editing a goal file would not understand as they are. */
function syntaxMessage(code: string, message: string, line: string): string {
  switch (code) {
    case 'BLOCK_AS_IMPLICIT_KEY': {
      const pair = /^\s*(?:-\s+)?([\w.-]+):\s+([^"'\s].*?)(?:\s+#.*)?\s*$/.exec(line);
      const example = pair && pair[2]!.includes(': ') ? `${pair[1]}: "${pair[2]!.replace(/"/g, '\\"')}"` : 'title: "Fix: crashes"';
      return `a mapping cannot start inside this value: put a value that contains ": " in quotes (${example}), or check the indentation of the next line`;
    }
    case 'MULTILINE_IMPLICIT_KEY':
      return 'a key must be on one line: check the indentation, or quote a value that spans lines';
    case 'MULTIPLE_DOCS':
      return 'a goal file holds one YAML document: remove the "---" separator and what follows, or merge them';
    case 'TAB_AS_INDENT':
      return 'tabs are not allowed for indentation in YAML: indent with spaces';
    case 'BAD_SCALAR_START': {
      const char = /character (\S+)$/.exec(firstLine(message))?.[1];
      return char ? `a value cannot start with ${char}: put it in quotes (e.g. "${char}...")` : firstLine(message);
    }
    default:
      return firstLine(message);
  }
}

function lineAt(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const end = text.indexOf('\n', offset);
  return text.slice(start, end === -1 ? undefined : end).replace(/\r$/, '');
}

/**
 * The offset where the document nests deeper than `max`, or undefined: flow brackets, compact block
 * entries ("- - -") and block indentation (each line indented deeper than the one that holds it)
 * all count. Quoted text, comments and block scalars (`|`, `>`) are skipped; a misread quote can
 * only undercount.
 */
export function offsetBeyondNesting(text: string, max: number): number | undefined {
  let flow = 0;
  let lineStart = true;
  let lineOffset = 0;
  /** Where the current line's content starts, or -1 while it has none (blank or a comment). */
  let contentOffset = -1;
  let block = 0;
  /** The indentations of the open block levels, outermost first. */
  const indents: number[] = [];
  /** The indentation of a line that opened a block scalar: the lines indented deeper are its text. */
  let scalarAbove: number | undefined;
  const endLine = (end: number) => {
    if (contentOffset >= 0 && flow === 0 && BLOCK_SCALAR.test(text.slice(contentOffset, end))) scalarAbove = contentOffset - lineOffset;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 /* \n */) {
      endLine(i);
      lineStart = true;
      lineOffset = i + 1;
      contentOffset = -1;
      block = 0;
      continue;
    }
    if (lineStart) {
      if (c === 32 || c === 9 || c === 13) continue;
      if (contentOffset < 0 && c !== 35 /* # */) {
        // The line's first content (not after a "- " on the same line): its indentation counts.
        const indent = i - lineOffset;
        if (scalarAbove !== undefined && indent > scalarAbove) {
          const end = text.indexOf('\n', i);
          if (end === -1) break;
          i = end - 1;
          lineStart = false;
          continue;
        }
        scalarAbove = undefined;
        contentOffset = i;
        if (flow === 0) {
          while (indents.length && indents[indents.length - 1]! > indent) indents.pop();
          if (!indents.length || indents[indents.length - 1]! < indent) indents.push(indent);
          if (indents.length - 1 > max) return i;
        }
      }
      // "- ", "? " and ": " indicators at the start of a line each open a block level.
      if ((c === 45 || c === 63 || c === 58) && (text.charCodeAt(i + 1) === 32 || text.charCodeAt(i + 1) === 10)) {
        if (++block + Math.max(indents.length - 1, 0) > max) return i;
        i++;
        continue;
      }
      lineStart = false;
    }
    if (c === 35 /* # */ && (i === 0 || text.charCodeAt(i - 1) === 32 || text.charCodeAt(i - 1) === 9 || text.charCodeAt(i - 1) === 10)) {
      const end = text.indexOf('\n', i);
      if (end === -1) break;
      i = end - 1;
    } else if (c === 34 /* " */ || (c === 39 /* ' */ && flow > 0)) {
      const close = closingQuote(text, i);
      if (close === -1) break;
      i = close;
    } else if (c === 91 || c === 123 /* [ { */) {
      if (++flow + block + Math.max(indents.length - 1, 0) > max) return i;
    } else if ((c === 93 || c === 125) /* ] } */ && flow > 0) flow--;
  }
  return undefined;
}

/** A line whose value is a block scalar: `key: |`, `- >-`, `|2` (a comment may follow). */
const BLOCK_SCALAR = /(?:^|[:-][ \t]+)[|>][0-9+-]*[ \t]*(?:#.*)?\r?$/;

/** The innermost "[", "{" or quote before `end` that is not closed by then, with what to do about it. */
function unclosedOpener(text: string, end: number): { offset: number; message: string } | undefined {
  const open: number[] = [];
  for (let i = 0; i < end; i++) {
    const c = text[i];
    if (c === '#' && (i === 0 || /\s/.test(text[i - 1]!))) {
      const eol = text.indexOf('\n', i);
      if (eol === -1) break;
      i = eol;
    } else if (c === '"' || (c === "'" && (open.length > 0 || /[\s:[{,-]/.test(text[i - 1] ?? ' ')))) {
      const close = closingQuote(text, i);
      if (close === -1 || close >= end) return { offset: i, message: `this quote is never closed: add the closing ${c}` };
      i = close;
    } else if (c === '[' || c === '{') open.push(i);
    else if ((c === ']' || c === '}') && open.length) open.pop();
  }
  const offset = open.pop();
  if (offset === undefined) return undefined;
  const [o, c] = text[offset] === '[' ? ['[', ']'] : ['{', '}'];
  return { offset, message: `this "${o}" is never closed: add "${c}" (a ${o} ${c} may continue on the next lines only if they are indented more than its key)` };
}

function closingQuote(text: string, open: number): number {
  const quote = text[open]!;
  for (let i = open + 1; i < text.length; i++) {
    if (quote === '"' && text[i] === '\\') i++;
    else if (text[i] === quote) {
      if (quote === "'" && text[i + 1] === "'") i++;
      else return i;
    }
  }
  return -1;
}

function duplicateKeyMessage(text: string, offset: number): string {
  const key = /^["']?([^"':\n]*)/.exec(text.slice(offset))?.[1]?.trim();
  return key ? `duplicate key "${key}": YAML keys must be unique in a mapping; keep one` : 'duplicate key in a mapping; keep one';
}

function unreadable(file: string, error: unknown): Finding {
  const raw = error instanceof Error ? error.message : String(error);
  const message = /alias/i.test(raw)
    ? `too many aliases: the document expands more than ${MAX_ALIAS_COUNT} aliases (an alias bomb?); write the values out`
    : error instanceof RangeError
      ? 'the document is nested too deeply to read'
      : `cannot read the YAML: ${firstLine(raw)}`;
  return { rule: 'yaml-syntax', severity: 'error', message, target: { file, line: 1, column: 1 } };
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}
