// JSON text for the documents okr prints: indented for a person, or on one line for a program.
// JSON.stringify recurses, and a tree of alignment chains thousands deep would overflow its stack
// (and indenting every level would make the text grow with the square of the depth), so deep
// documents are written without recursion and, past a depth, without further indentation.
// Shallow ones (nearly all) take the fast native path.

/** Nesting levels (objects and arrays) that are indented; deeper ones are written compactly. */
const INDENTED_LEVELS = 64;
/** Below this, JSON.stringify's own recursion is safe. */
const NATIVE_LEVELS = 1000;

export interface JsonTextOptions {
  /** Indent by two spaces (else one line). */
  readonly pretty: boolean;
  /** The nesting depth when the caller knows it (saves walking a large document to find out). */
  readonly depth?: number;
}

export function jsonText(value: unknown, { pretty, depth = nestingDepth(value) }: JsonTextOptions): string {
  if (pretty ? depth <= INDENTED_LEVELS : depth <= NATIVE_LEVELS) return (pretty ? JSON.stringify(value, null, 2) : JSON.stringify(value)) + '\n';
  return jsonTextWithoutRecursion(value, pretty ? INDENTED_LEVELS : 0) + '\n';
}

function isContainer(x: unknown): x is object {
  return x !== null && typeof x === 'object';
}

/** The deepest nesting of objects and arrays in `value`, found without recursion. */
export function nestingDepth(value: unknown): number {
  let max = 0;
  const stack: [unknown, number][] = [[value, isContainer(value) ? 1 : 0]];
  while (stack.length) {
    const [x, depth] = stack.pop()!;
    if (depth > max) max = depth;
    if (!isContainer(x)) continue;
    for (const child of Array.isArray(x) ? x : Object.values(x)) if (isContainer(child)) stack.push([child, depth + 1]);
  }
  return max;
}

/** The text JSON.stringify(value, null, 2) gives for the first `indented` levels, compact below them. */
export function jsonTextWithoutRecursion(value: unknown, indented: number): string {
  const out: string[] = [];
  type Frame = { entries: [string | undefined, unknown][]; next: number; close: string; level: number };
  const stack: Frame[] = [];
  const pad = (level: number) => (level <= indented ? `\n${'  '.repeat(level)}` : '');
  const sep = (level: number) => (level <= indented ? ': ' : ':');

  const open = (x: unknown, level: number) => {
    if (!isContainer(x) || typeof (x as { toJSON?: unknown }).toJSON === 'function') {
      out.push(JSON.stringify(x) ?? 'null');
      return;
    }
    const array = Array.isArray(x);
    const entries: [string | undefined, unknown][] = array
      ? (x as unknown[]).map((v) => [undefined, v])
      : Object.entries(x).filter(([, v]) => v !== undefined && typeof v !== 'function');
    if (entries.length === 0) {
      out.push(array ? '[]' : '{}');
      return;
    }
    out.push(array ? '[' : '{');
    stack.push({ entries, next: 0, close: array ? ']' : '}', level: level + 1 });
  };

  open(value, 0);
  while (stack.length) {
    const frame = stack[stack.length - 1]!;
    if (frame.next === frame.entries.length) {
      stack.pop();
      out.push(`${frame.level <= indented ? `\n${'  '.repeat(frame.level - 1)}` : ''}${frame.close}`);
      continue;
    }
    const [key, child] = frame.entries[frame.next]!;
    out.push(`${frame.next > 0 ? ',' : ''}${pad(frame.level)}${key === undefined ? '' : JSON.stringify(key) + sep(frame.level)}`);
    frame.next++;
    open(child, frame.level);
  }
  return out.join('');
}
