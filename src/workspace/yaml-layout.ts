// The layout mistakes people make in YAML by hand, told in their terms: a tab used for indentation,
// a line indented one space too far or too little. The yaml library notices them only as what they
// break ("nested mappings are not allowed in compact mappings", a duplicate key where a tab moved a
// line into the mapping above), usually on another line than the one to fix.

/** Where a finding should point (an offset into the text), and what it says. */
export interface LayoutProblem {
  readonly offset: number;
  readonly message: string;
}

interface Line {
  /** Offset of the line's first character. */
  readonly start: number;
  readonly text: string;
  /** 1-based line number. */
  readonly number: number;
}

function linesOf(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (const [i, raw] of text.split('\n').entries()) {
    lines.push({ start, text: raw.replace(/\r$/, ''), number: i + 1 });
    start += raw.length + 1;
  }
  return lines;
}

// The s flag: a lone \r inside a line is text like any other (YAML does not end lines there).
const isContent = (line: Line) => !/^\s*(#.*)?$/s.test(line.text);
const indentOf = (line: Line) => /^ */.exec(line.text)![0].length;

/** The line holding `offset`, and its index. */
function lineAt(lines: readonly Line[], offset: number): number {
  let i = 0;
  while (i + 1 < lines.length && lines[i + 1]!.start <= offset) i++;
  return i;
}

const TAB_INDENTED = /^[ ]*\t[ \t]*\S/;

/**
 * A file indented with tabs: the first such line (at or before where the parser gave up), with how
 * many there are. yaml reports the first tab, but what it makes of the lines after one (a duplicate
 * key, a mapping in the wrong place) only misleads.
 */
export function tabIndentation(text: string, before: number): LayoutProblem | undefined {
  const lines = linesOf(text);
  const tabbed = lines.filter((l) => TAB_INDENTED.test(l.text));
  const first = tabbed[0];
  if (!first || first.start > before) return undefined;
  const others = tabbed.length > 1 ? ` (${tabbed.length} lines of this file start with a tab)` : '';
  return {
    offset: first.start,
    message: `this line is indented with a tab, and YAML indents with spaces only: replace the tabs with spaces${others}`,
  };
}

interface Columns {
  /** Column (0-based) of the first "- " list marker, if the line starts with one. */
  readonly dash: number | undefined;
  /** Column of the key the line holds (after any "- "), or of its first character. */
  readonly key: number;
  /** The key's name, when the line is `key: value`. */
  readonly name: string | undefined;
  /** The text after "key:" (empty for a key that opens a nested mapping or list). */
  readonly value: string;
}

function columnsOf(line: Line): Columns {
  const m = /^( *)((?:- +)*)(.*)$/s.exec(line.text)!;
  const dash = m[2] ? m[1]!.length : undefined;
  const key = m[1]!.length + m[2]!.length;
  const pair = /^(["']?)([^"':#]+?)\1\s*:(?:\s+(.*?))?\s*$/s.exec(m[3]!);
  return { dash, key, name: pair?.[2]?.trim(), value: (pair?.[3] ?? '').replace(/(^|\s+)#.*$/, '') };
}

/** The indentation step the file uses most (2 in most YAML), from one content line to a deeper next one. */
function indentationStep(lines: readonly Line[]): number {
  const counts = new Map<number, number>();
  let previous: number | undefined;
  for (const line of lines) {
    if (!isContent(line)) continue;
    const indent = indentOf(line);
    if (previous !== undefined && indent > previous) counts.set(indent - previous, (counts.get(indent - previous) ?? 0) + 1);
    previous = indent;
  }
  let step = 2;
  let most = 0;
  for (const [size, count] of counts) if (count > most) [step, most] = [size, count];
  return step;
}

const spaces = (n: number) => `${n} space${n === 1 ? '' : 's'}`;
const label = (c: Columns, line: Line) => (c.name ? `"${c.name}" on line ${line.number}` : `line ${line.number}`);

/**
 * When the line yaml stumbled after is the one shifted, blame it: a list item's first line ("- id: x")
 * whose keys under it agree with each other, or the first key (or item) of a block whose next ones
 * agree with each other (or, with no third line to decide, sit at the file's usual step under the
 * parent). `at` is the index of the line suspected, `line` the one after it.
 */
function shiftedItem(lines: readonly Line[], at: number, line: Line): LayoutProblem | undefined {
  const item = lines[at]!;
  const itemColumns = columnsOf(item);
  const own = columnsOf(line);
  const after = lines.slice(lines.indexOf(line) + 1).find(isContent);
  const agreed = after !== undefined && indentOf(after) === indentOf(line) && (columnsOf(after).dash === undefined) === (own.dash === undefined);
  const parent = lines.slice(0, at).reverse().find(isContent);
  const column = (c: Columns) => c.dash ?? c.key;
  // With nothing after to agree, the file's usual indentation step under the parent decides.
  const opens = parent !== undefined && columnsOf(parent).name !== undefined && columnsOf(parent).value === '';
  const usual = opens && column(own) === columnsOf(parent).key + indentationStep(lines) && column(itemColumns) !== column(own);
  if (!agreed && !usual) return undefined;
  if (itemColumns.dash !== undefined && itemColumns.name !== undefined && own.dash === undefined && own.name !== undefined) {
    const shift = itemColumns.key - own.key;
    if (shift === 0) return undefined;
    return {
      offset: item.start + itemColumns.dash,
      message: `this list item is indented ${spaces(Math.abs(shift))} ${shift > 0 ? 'more' : 'less'} than the keys under it ("${own.name}" on line ${line.number}): an item's keys start in the same column as its first one`,
    };
  }
  // The first key (or item) of a mapping (or list) shifted, and the ones after it agree: blame it.
  const shift = column(itemColumns) - column(own);
  if (shift === 0 || (itemColumns.dash === undefined) !== (own.dash === undefined) || !parent || indentOf(parent) >= Math.min(indentOf(item), indentOf(line))) return undefined;
  return {
    offset: item.start + column(itemColumns),
    message: `this line is indented ${spaces(Math.abs(shift))} ${shift > 0 ? 'more' : 'less'} than the ${own.dash === undefined ? 'keys' : 'items'} after it (${own.name && own.dash === undefined ? `"${own.name}" on line ${line.number}` : `line ${line.number}`}): ${own.dash === undefined ? 'keys of one mapping' : 'items of one list'} start in the same column`,
  };
}

/**
 * yaml's BLOCK_AS_IMPLICIT_KEY at `offset` ("a mapping cannot start inside this value"): when the
 * value there is plain text and the next line is indented further than its key, the mistake is
 * that next line's indentation (`target:` one space right of `start:`), not quotes.
 */
export function overIndentAfter(text: string, offset: number): LayoutProblem | undefined {
  const lines = linesOf(text);
  const at = lineAt(lines, offset);
  const above = lines[at]!;
  const next = lines.slice(at + 1).find(isContent);
  if (!next) return undefined;
  const holder = columnsOf(above);
  if (holder.name === undefined || holder.value === '' || holder.value.includes(': ')) return undefined;
  const indent = indentOf(next);
  if (indent <= holder.key) return undefined;
  const item = shiftedItem(lines, at, next);
  if (item) return item;
  const own = columnsOf(next);
  if (own.dash !== undefined) {
    const misplaced = misplacedItem(lines, lines.indexOf(next));
    if (misplaced) return misplaced;
  }
  return {
    offset: next.start + indent,
    message: `this line is indented ${spaces(indent - holder.key)} more than ${label(holder, above)}: keys of one mapping start in the same column`,
  };
}

/**
 * A list item ("- ...") out of line with the items it belongs beside: compared with the nearest
 * earlier item of the closest column that the same parent holds.
 */
function misplacedItem(lines: readonly Line[], index: number): LayoutProblem | undefined {
  const line = lines[index]!;
  const dash = columnsOf(line).dash;
  if (dash === undefined) return undefined;
  let best: { line: Line; dash: number } | undefined;
  for (let i = index - 1; i >= 0; i--) {
    const l = lines[i]!;
    if (!isContent(l)) continue;
    const c = columnsOf(l);
    if (c.dash === undefined && c.key < dash && c.name !== undefined && c.value === '') break; // the parent: no sibling above it
    if (c.dash !== undefined && c.dash !== dash && (!best || Math.abs(c.dash - dash) < Math.abs(best.dash - dash))) best = { line: l, dash: c.dash };
    if (c.dash !== undefined && c.dash < dash) break;
  }
  if (!best) return undefined;
  const shift = dash - best.dash;
  return {
    offset: line.start + dash,
    message: `this list item is indented ${spaces(Math.abs(shift))} ${shift > 0 ? 'more' : 'less'} than the item on line ${best.line.number}: items of one list start in the same column`,
  };
}

/**
 * A list item yaml could not place ("a block sequence may not be used as an implicit map key"):
 * one indented less than the items beside it.
 */
export function misplacedItemAt(text: string, offset: number): LayoutProblem | undefined {
  const lines = linesOf(text);
  const index = lines.findIndex((l, i) => i >= lineAt(lines, offset) && isContent(l));
  if (index < 0) return undefined;
  const before = lines.slice(0, index).reverse().find(isContent);
  return (before && shiftedItem(lines, lines.indexOf(before), lines[index]!)) ?? misplacedItem(lines, index);
}

/**
 * yaml's BAD_INDENT at `offset` ("all mapping items must start at the same column"): the line there
 * sits between two indentation levels; say which, so the person can pick one.
 */
export function misalignedLine(text: string, offset: number): LayoutProblem | undefined {
  const lines = linesOf(text);
  // yaml may point at a comment line above the misaligned one.
  const at = lines.findIndex((l, i) => i >= lineAt(lines, offset) && isContent(l));
  if (at < 0) return undefined;
  const line = lines[at]!;
  const earlier = lines.slice(0, at).reverse().filter(isContent);
  const above = earlier[0];
  if (!above) return undefined;
  const shifted = shiftedItem(lines, lines.indexOf(above), line) ?? misplacedItem(lines, at);
  if (shifted) return shifted;
  const indent = indentOf(line);
  const aboveColumns = columnsOf(above);
  const target = { offset: line.start + indent };
  if (indent > aboveColumns.key)
    return {
      ...target,
      message: `this line is indented ${spaces(indent - aboveColumns.key)} more than ${label(aboveColumns, above)}: keys of one mapping start in the same column`,
    };
  const outer = earlier.find((l) => {
    const c = columnsOf(l);
    return (c.dash ?? c.key) < indent;
  });
  if (!outer) return { ...target, message: `this line is indented ${spaces(indent)}, less than ${label(aboveColumns, above)} (${spaces(aboveColumns.key)}): line it up with the keys it belongs to` };
  const outerColumns = columnsOf(outer);
  const outerColumn = outerColumns.dash ?? outerColumns.key;
  return {
    ...target,
    message: `this line is indented ${spaces(indent)}: less than ${label(aboveColumns, above)} (${aboveColumns.key}) and more than ${outerColumns.dash !== undefined ? `the list item on line ${outer.number}` : label(outerColumns, outer)} (${outerColumn}); indent it like the one it belongs with`,
  };
}
