// One meaning per YAML file (SPEC 9, issue 9 item 5): the fast subset reader and the `yaml` package
// (the slow path) must agree on every document: the same values, or the same findings. Generated
// documents mix what goal files hold with what the subset declines (anchors, tags, block scalars,
// odd indentation, tricky scalars), and where the subset reads a file, it must also place every node
// where `yaml` does (the line:column of findings).
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseYaml, parseYamlSlowly } from '../../src/workspace/parse-yaml.js';
import { offsetsBySubset, offsetsByYaml } from '../../src/workspace/positions.js';
import { readYamlSubset } from '../../src/workspace/yaml-subset.js';

/** Scalars that resolve differently under YAML 1.1 and 1.2, or that are not plain text at all. */
const TRICKY = [
  '1', '-1', '+1', '0', '-0', '00', '007', '0o17', '0o8', '0x1F', '0x', '0b101', '1_000', '1.5', '1.', '.5', '-.5', '+.5', '1e3', '1E-3', '1.5e+2', '.e3',
  '.inf', '-.Inf', '+.INF', '.nan', '.NaN', '.NAN', '1e400', '99999999999999999999', '0.0', '-0.0', '.', '..', '...', '---',
  '~', 'null', 'Null', 'NULL', 'nULL', 'true', 'True', 'TRUE', 'tRUE', 'false', 'False', 'FALSE', 'yes', 'no', 'on', 'off', 'y', 'n',
  '2026-01-01', '12:30', '1:2', 'a: b', 'a:b', 'a :b', 'a #b', 'a#b', '#x', 'a ', 'a  b', '-', '-x', '- x', '--', '?', '? x', '?x', ':x', 'x:', ':',
  '&a x', '*a', '&a', '!t x', '!!str 1', '!!float 1', '!!int "3"', '|', '|-\n  text', '>', '%x', '@x', '`x', 'x`', 'a,b', 'a]', 'a}', 'a{', 'a[',
  '[a, b]', '[a,b,]', '[a, ]', '[]', '[ ]', '[a, [b]]', '[a b, c]', '[1, 0x1F, ~, TRUE]', '[-1]', '[a: b]', '[a, {b: 1}]', '[,]', '[a,,b]', '[a',
  '{a: 1}', '{a: 1, b: [x]}', '{}', '{a}', '{a: }', '{a: 1, a: 2}', '{a:1}', '{id: k2, title: Flow, done: true}', '{a: 1',
  '"q"', "'q'", '"a\\"b"', "'it''s'", '"\\u00e9"', '"\\x41"', '"\\t"', '"\\/"', '"\\q"', '"\\ud800"', '"a', "'a", '"a" b', '"a"#b', '"a" # c', '""', "''",
  'é', '日本', '😀', 'a\u00a0b', 'x # comment', ' #comment', '__proto__', 'constructor',
];

/** What goal files mostly hold. */
const PLAIN = ['x', 'hello world', 'Make checkout feel instant', '640', '0.5', '-3', 'true', 'false', 'ms', '"%"', "'q'", '[customer-trust]', '[a, b]', 'team/objective', 'ana@acme.example', '2026-10-01', '"2026-10-01"'];

const KEYS = ['id', 'title', 'current', 'done', 'key_results', 'a-b', 'a_b', '_x', 'x1', 'Key', 'null', 'true', 'True', 'on', 'yes', 'constructor', '__proto__', 'toString', '1x', 'a.b', 'a b', '"q"', "'q'", '? x', 'a:b', '-x', 'x'];

/** Odd characters for free-form scalars. */
const CHARS = ['a', 'b', '1', '0', ' ', ' ', '#', ':', '-', '"', "'", '[', ']', '{', '}', ',', '.', '\\', 'é', '!', '&', '*', '%', '\t', '\r', '\u0085', '\ufeff', 'e', 'x', '+', '~', '|', '>'];

type Tree =
  | { readonly t: 'scalar'; readonly s: string; readonly comment: boolean }
  | { readonly t: 'empty' }
  | { readonly t: 'map'; readonly entries: readonly (readonly [string, Tree])[] }
  | { readonly t: 'seq'; readonly items: readonly Tree[]; readonly sameIndent: boolean };

const key = fc.oneof({ weight: 8, arbitrary: fc.constantFrom('id', 'title', 'current', 'done', 'key_results', 'owners', 'a-b', 'x1') }, { weight: 1, arbitrary: fc.constantFrom(...KEYS) });

const scalar = fc.record({
  t: fc.constant('scalar' as const),
  s: fc.oneof(
    { weight: 12, arbitrary: fc.constantFrom(...PLAIN) },
    { weight: 3, arbitrary: fc.constantFrom(...TRICKY) },
    { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom(...CHARS), minLength: 1, maxLength: 6 }) },
  ),
  comment: fc.boolean(),
});

const { tree, map, seq } = fc.letrec<{ tree: Tree; map: Tree; seq: Tree }>((tie) => ({
  tree: fc.oneof({ maxDepth: 4, depthIdentifier: 'doc' }, scalar, scalar, fc.constant({ t: 'empty' as const }), tie('map'), tie('seq')),
  map: fc.record({ t: fc.constant('map' as const), entries: fc.array(fc.tuple(fc.constantFrom(...KEYS), tie('tree')), { minLength: 1, maxLength: 4 }) }),
  seq: fc.record({ t: fc.constant('seq' as const), items: fc.array(tie('tree'), { minLength: 1, maxLength: 3 }), sameIndent: fc.boolean() }),
}));

interface Layout {
  readonly step: number;
  readonly crlf: boolean;
  readonly finalNewline: boolean;
  readonly start: boolean;
  /** Blank or comment lines inserted at these line indexes. */
  readonly noise: readonly (readonly [number, string])[];
  /** One line indented one space more (or less), at this index. */
  readonly shift: number | undefined;
}

const layout: fc.Arbitrary<Layout> = fc.record({
  step: fc.constantFrom(2, 2, 4, 3, 1),
  crlf: fc.boolean(),
  finalNewline: fc.boolean(),
  start: fc.boolean(),
  noise: fc.array(fc.tuple(fc.nat(30), fc.constantFrom('', '# comment', '   # indented comment', '  ', '#', '', '# comment', '---', '...', '%YAML 1.2')), { maxLength: 3 }),
  shift: fc.option(fc.nat(30), { nil: undefined, freq: 8 }),
});

function render(root: Tree, l: Layout): string {
  const lines: string[] = [];
  const pad = (n: number) => ' '.repeat(n);
  const value = (s: { s: string; comment: boolean }) => `${s.s}${s.comment ? ' # note' : ''}`;
  // Writes `node` as the value after `head` (a "key:" or "-" already on the line).
  const after = (head: string, node: Tree, indent: number, inSeq: boolean) => {
    if (node.t === 'scalar') lines.push(`${head} ${value(node)}`);
    else if (node.t === 'empty') lines.push(head);
    else if (node.t === 'map' && inSeq) {
      // "- key: value" and the other keys below, at the first key's column.
      const col = head.length + 1;
      const [first, ...rest] = node.entries;
      entry(`${head} `, first!, col);
      for (const e of rest) entry(pad(col), e, col);
    } else if (node.t === 'seq' && !inSeq && node.sameIndent) {
      lines.push(head);
      block(node, indent);
    } else {
      lines.push(head);
      block(node, indent + l.step);
    }
  };
  const entry = (prefix: string, [key, node]: readonly [string, Tree], indent: number) => after(`${prefix}${key}:`, node, indent, false);
  const block = (node: Tree, indent: number) => {
    if (node.t === 'map') for (const e of node.entries) entry(pad(indent), e, indent);
    else if (node.t === 'seq') for (const item of node.items) after(`${pad(indent)}-`, item, indent, true);
    else if (node.t === 'scalar') lines.push(`${pad(indent)}${value(node)}`);
  };
  block(root, 0);
  if (l.shift !== undefined && lines.length) {
    const i = l.shift % lines.length;
    lines[i] = lines[i]!.startsWith(' ') && l.shift % 2 ? lines[i]!.slice(1) : ` ${lines[i]}`;
  }
  for (const [at, text] of l.noise) lines.splice(at % (lines.length + 1), 0, text);
  if (l.start) lines.unshift('---');
  const eol = l.crlf ? '\r\n' : '\n';
  return lines.join(eol) + (l.finalNewline ? eol : '');
}

// Mostly a mapping or a list at the root, as goal files have; sometimes a bare scalar.
const documents = fc.tuple(fc.oneof({ weight: 4, arbitrary: map }, { weight: 2, arbitrary: seq }, { weight: 1, arbitrary: tree }), layout).map(([t, l]) => render(t, l));

/** Goal-file-like documents: every line in the subset unless a tricky scalar says otherwise. */
const goalLike = fc
  .record({
    id: fc.constantFrom('o1', 'faster-checkout', '2026', 'x_y'),
    title: fc.constantFrom(...TRICKY),
    current: fc.constantFrom(...TRICKY),
    done: fc.constantFrom('true', 'false', 'yes', 'True', '~', ''),
    values: fc.constantFrom('[customer-trust]', '[a, b]', '[]', '["q", \'r\']'),
  })
  .map(
    (v) => `objectives:
  - id: ${v.id}
    title: ${v.title}
    values: ${v.values}
    key_results:
      - id: k1
        start: 0
        target: 10
        current: ${v.current}
      - id: k2
        done: ${v.done}
`,
  );

function sameMeaning(text: string): void {
  const fast = parseYaml('f.yaml', text);
  const slow = parseYamlSlowly('f.yaml', text);
  if (!isDeepStrictEqual(fast, slow) || JSON.stringify(fast.data) !== JSON.stringify(slow.data)) {
    // toEqual shows the difference (isDeepStrictEqual also tells -0 from 0).
    expect({ text, ...fast }).toEqual({ text, ...slow });
    expect.fail(`the paths differ in -0, NaN or key order for ${JSON.stringify(text)}`);
  }
}

/** Every node path of `data`, and beside each mapping a key it lacks. */
function pathsOf(data: unknown, path: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(path);
  if (Array.isArray(data)) data.forEach((item, i) => pathsOf(item, [...path, i], out));
  else if (data !== null && typeof data === 'object') {
    for (const [key, value] of Object.entries(data)) pathsOf(value, [...path, key], out);
    out.push([...path, 'missing-key', 'deeper']);
  }
  if (typeof data !== 'object' || data === null) out.push([...path, 0]);
  return out;
}

describe('one YAML meaning: the subset reader and yaml agree', () => {
  it('gives the same values or the same findings for generated documents', () => {
    fc.assert(fc.property(documents, sameMeaning), { numRuns: 3000 });
  });

  it('gives the same values or the same findings for goal files with tricky scalars', () => {
    fc.assert(fc.property(goalLike, sameMeaning), { numRuns: 1000 });
  });

  it('reads a good share of the generated documents itself (the property above is not vacuous)', () => {
    const docs = fc.sample(documents, { numRuns: 1000, seed: 42 });
    const valid = docs.filter((d) => parseYamlSlowly('f.yaml', d).findings.length === 0).length;
    const read = docs.filter((d) => readYamlSubset(d) !== undefined).length;
    expect(read).toBeGreaterThan(100);
    expect(read / valid).toBeGreaterThan(0.3);
    expect(read).toBeLessThan(valid);
    const goals = fc.sample(goalLike, { numRuns: 300, seed: 7 });
    expect(goals.filter((d) => readYamlSubset(d) !== undefined).length).toBeGreaterThan(100);
  });

  it('places every node where yaml does, in the documents it reads', () => {
    fc.assert(
      fc.property(fc.oneof(documents, goalLike), (text) => {
        const bySubset = offsetsBySubset(text);
        // Locating declines exactly what reading declines.
        expect(bySubset === undefined).toBe(readYamlSubset(text) === undefined);
        if (!bySubset) return;
        const byYaml = offsetsByYaml(text)!;
        const paths = pathsOf(readYamlSubset(text)!.value);
        for (const path of paths)
          for (const on of ['key', 'value'] as const) expect([path, on, bySubset(path, on)]).toEqual([path, on, byYaml(path, on)]);
        // Locating only the nodes some findings name (every other path) gives the same places.
        const some = paths.filter((_, i) => i % 2 === 1);
        const bySome = offsetsBySubset(text, some)!;
        for (const path of some) for (const on of ['key', 'value'] as const) expect([path, on, bySome(path, on)]).toEqual([path, on, byYaml(path, on)]);
        // A text read whole before is located only up to the last node asked for: the same places,
        // for every other path, for the paths from the third on, and for each path alone.
        const sets = [some, paths.slice(2), ...paths.map((path) => [path])];
        for (const set of sets) {
          const byEarly = offsetsBySubset(text, set, true)!;
          for (const path of set) for (const on of ['key', 'value'] as const) expect([path, on, byEarly(path, on)]).toEqual([path, on, byYaml(path, on)]);
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('declines a duplicate key among few keys and among many, at any depth', () => {
    const keys = (n: number, indent = '') => Array.from({ length: n }, (_, i) => `${indent}k${i}: ${i}`);
    for (const n of [2, 15, 16, 17, 40])
      for (const dup of [0, n - 1]) {
        const flat = [...keys(n), `k${dup}: again`].join('\n');
        const nested = ['a:', ...keys(n, '  '), `  k${dup}: again`, 'b: 1'].join('\n');
        for (const text of [flat, nested, `x:\n  - ${nested.replace(/\n/g, '\n    ')}`]) {
          expect(readYamlSubset(text)).toBeUndefined();
          sameMeaning(text);
        }
        expect(readYamlSubset(keys(n).join('\n'))).toBeDefined();
      }
  });

  it('reads a key again in the mapping below it, beside it and after it, which is no duplicate', () => {
    for (const text of [
      'a:\n  a: 1\nb: 2',
      'a:\n  x: 1\nx: 2',
      'a:\n  x:\n    x: 1\n  y: 2\nx: 3\ny: 4',
      'l:\n  - id: 1\n    t: a\n  - id: 2\n    t: b\nid: 3',
      'l:\n- id: 1\n- id: 2\nm:\n  l: 1',
      ['a:', ...Array.from({ length: 20 }, (_, i) => `  k${i}: ${i}`), ...Array.from({ length: 20 }, (_, i) => `k${i}: ${i}`)].join('\n'),
    ]) {
      expect(readYamlSubset(text)?.value).toEqual(parseYamlSlowly('f.yaml', text).data);
      sameMeaning(text);
    }
    expect(readYamlSubset('a:\n  x: 1\nb: 2\na: 3')).toBeUndefined();
    expect(readYamlSubset('l:\n  - id: 1\n    t: a\n    id: 2')).toBeUndefined();
  });

  it('reads each short text as written when thousands of different ones share the kept strings', () => {
    // More texts and keys than the reader keeps, of every length it shares, many sharing a hash slot.
    const texts = Array.from({ length: 12000 }, (_, i) => `${'abcdeghijlmo'[i % 12]}${i}${'x'.repeat(i % 20)}`);
    const block = texts.map((t, i) => `${t}: ${t}\nk${i}: [${t}, ${texts[(i * 7) % texts.length]}]`).join('\n');
    const expected = Object.fromEntries(texts.flatMap((t, i) => [[t, t], [`k${i}`, [t, texts[(i * 7) % texts.length]]]]));
    for (let round = 0; round < 2; round++) expect(readYamlSubset(block)?.value).toEqual(expected);
  });

  it('resolves numbers and number-like text as yaml does (the digits-and-dot shortcut included)', () => {
    const numberLike = fc.string({ unit: fc.constantFrom('0', '1', '7', '9', '.', '.', 'e', 'E', '-', '+', 'x', 'o', '_', ':', 'a'), minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(fc.oneof(numberLike, fc.constantFrom('1.2.3', '12.', '0.25', '1..2', '3.14.', '10.5e3', '0.', '00.5', '5.a', '1.2 # c')), (s) => {
        sameMeaning(`n: ${s}\n`);
        sameMeaning(`l: [${s}]\n`);
      }),
      { numRuns: 3000 },
    );
  });

  it.each([
    ['a YAML 1.1 binary number stays text, with or without an alias-like comment', 'current: 0b110011010\n', { current: '0b110011010' }],
    ['', 'current: 0b110011010 # see *x* and &y\n', { current: '0b110011010' }],
    ['YAML 1.1 booleans are text', 'done: yes\nother: on\n', { done: 'yes', other: 'on' }],
    ['octal the 1.2 way', 'n: 0o17\nm: 017\n', { n: 15, m: 17 }],
    ['a flow mapping on one line', 'k: {id: k2, done: true}\n', { k: { id: 'k2', done: true } }],
    ['an anchor and alias (read by yaml)', 'a: &x 5\nb: *x\n', { a: 5, b: 5 }],
  ])('%s', (_name, text, data) => {
    expect(parseYaml('f.yaml', text)).toEqual({ data, findings: [] });
    sameMeaning(text);
  });

  it.each([
    ['%YAML 1.1 directive', '%YAML 1.1\n---\ndone: yes\n', 1, 1, /directive "%YAML" is not read/],
    ['%TAG directive', '%TAG !e! tag:e.com,2000:\n---\na: 1\n', 1, 1, /directive "%TAG" is not read/],
    ['a standard tag', 'a: 1\nb: !!float 1\n', 2, 4, /tag "!!float" is not read/],
    ['a custom tag', 'a: !foo x\n', 1, 4, /tag "!foo" is not read/],
    ['a tag in a flow list', 'a: [x, !!str 1]\n', 1, 8, /tag "!!str" is not read/],
  ])('%s is a finding, not another meaning', (_name, text, line, column, message) => {
    const parsed = parseYaml('f.yaml', text);
    expect(parsed.data).toBeUndefined();
    expect(parsed.findings).toEqual([expect.objectContaining({ rule: 'yaml-syntax', message: expect.stringMatching(message), target: { file: 'f.yaml', line, column } })]);
    // %YAML 1.1 would have made `yes` true: nothing of that meaning gets through.
    sameMeaning(text);
  });

  it('does not count "!" and "%" in quotes, comments and block scalars as tags or directives', () => {
    const text = 'a: "!x %y"\nb: \'!z\' # !c\nc: |\n  !d\n  %e\n';
    expect(parseYaml('f.yaml', text)).toEqual({ data: { a: '!x %y', b: '!z', c: '!d\n%e\n' }, findings: [] });
  });
});
