// RFC 6901 JSON Pointers: `/a/b/0` names a value inside a JSON (or YAML) document. Only own
// properties are followed, so `/__proto__` or `/constructor` name nothing unless the file has them.

export type PointerResult =
  | { readonly found: true; readonly value: unknown }
  | { readonly found: false; readonly problem: string };

/** The reference tokens of a pointer, or undefined when it is not a valid pointer. */
export function parsePointer(pointer: string): string[] | undefined {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) return undefined;
  const tokens = pointer.slice(1).split('/');
  if (tokens.some((t) => /~[^01]|~$/.test(t))) return undefined;
  return tokens.map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function resolvePointer(document: unknown, pointer: string): PointerResult {
  const tokens = parsePointer(pointer);
  if (!tokens) return { found: false, problem: `"${pointer}" is not a JSON Pointer (it starts with "/", e.g. /conversion_pct; "~" is written ~0 and "/" ~1)` };
  let node = document;
  let at = '';
  for (const token of tokens) {
    const here = at === '' ? 'the document' : at;
    if (Array.isArray(node)) {
      if (!/^(0|[1-9]\d*)$/.test(token) || Number(token) >= node.length)
        return { found: false, problem: `${here} is a list of ${node.length}; it has no item "${token}"` };
      node = node[Number(token)];
    } else if (node !== null && typeof node === 'object') {
      if (!Object.hasOwn(node, token)) return { found: false, problem: `${here} has no key "${token}"` };
      node = (node as Record<string, unknown>)[token];
    } else return { found: false, problem: `${here} is ${describe(node)}, not an object or a list` };
    at += `/${token.replace(/~/g, '~0').replace(/\//g, '~1')}`;
  }
  return { found: true, value: node };
}

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `a string (${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)})`;
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'boolean') return `the boolean ${value}`;
  if (typeof value === 'object') return 'an object';
  return typeof value;
}
