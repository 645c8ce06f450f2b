// In-place edits of goal files: only the value's bytes change (or one line is added), and edits
// that would change anything else are refused rather than written.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyScalarEdits, yamlLiteral } from '../../src/workspace/edit-yaml.js';
import { PAYMENTS_Q4 } from './workspace.js';

const KR = (j: number) => ['objectives', 0, 'key_results', j];
const current = (j: number, value: number | boolean) => ({ mapPath: KR(j), key: 'current', value, after: ['target', 'start'] });

describe('applyScalarEdits', () => {
  it('writes a string quoted (a day stays a string for every YAML reader), after its neighbour', () => {
    const text = 'cycles:\n  - id: 2026-Q3\n    start: 2026-07-01\n    end: 2026-09-30   # last day\n  - id: 2026-Q4\n';
    const edit = { mapPath: ['cycles', 0], key: 'closed', value: '2026-10-02', after: ['end', 'start'] };
    expect(applyScalarEdits(text, [edit])).toEqual({ ok: true, text: text.replace('# last day\n', '# last day\n    closed: "2026-10-02"\n') });
    expect(yamlLiteral('a "b"\n')).toBe('"a \\"b\\"\\n"');
  });

  it('adds a key after a one-line neighbour, never inside a value that spans lines', () => {
    const text = 'objectives:\n  - id: o\n    title: >\n      A long title\n      over two lines\n    key_results: []\n';
    const edit = { mapPath: ['objectives', 0], key: 'grade', value: 0.5, after: ['title'] };
    expect(applyScalarEdits(text, [edit])).toEqual({ ok: true, text: text.replace('  - id: o\n', '  - id: o\n    grade: 0.5\n') });
  });

  it('adds a line with the file’s own line ending, also after a last line that has none (CRLF)', () => {
    const text = 'objectives:\r\n  - id: o\r\n    title: O\r\n    key_results:\r\n      - id: k\r\n        title: K\r\n        target: 10';
    const edit = { mapPath: KR(0), key: 'confidence', value: 0.7, after: ['target'] };
    expect(applyScalarEdits(text, [edit])).toEqual({ ok: true, text: `${text}\r\n        confidence: 0.7` });
    const lf = text.replace(/\r\n/g, '\n');
    expect(applyScalarEdits(lf, [edit])).toEqual({ ok: true, text: `${lf}\n        confidence: 0.7` });
  });

  it('replaces a plain value and keeps its comment', () => {
    const result = applyScalarEdits(PAYMENTS_Q4, [current(0, 420)]);
    expect(result).toEqual({ ok: true, text: PAYMENTS_Q4.replace('current: 640 ', 'current: 420 ') });
  });

  it('replaces a quoted value with a plain number (the schema wants a number)', () => {
    const text = 'objectives:\n  - id: o\n    key_results:\n      - id: k\n        start: 1\n        target: 9\n        current: "4"   # quoted\n';
    expect(applyScalarEdits(text, [current(0, 5)])).toEqual({ ok: true, text: text.replace('"4"', '5') });
  });

  it('adds a missing key after its neighbour, in block and in flow style', () => {
    const block = 'objectives:\n  - id: o\n    key_results:\n      - id: k\n        start: 1\n        target: 9  # goal\n        unit: ms\n';
    expect(applyScalarEdits(block, [current(0, 3)])).toEqual({ ok: true, text: block.replace('target: 9  # goal\n', 'target: 9  # goal\n        current: 3\n') });
    const flow = 'objectives:\n  - id: o\n    key_results:\n      - {id: k, start: 1, target: 9}\n';
    expect(applyScalarEdits(flow, [current(0, 3)])).toEqual({ ok: true, text: flow.replace('target: 9}', 'target: 9, current: 3}') });
    const last = 'objectives:\n  - id: o\n    key_results:\n      - id: k\n        start: 1\n        target: 9';
    expect(applyScalarEdits(last, [current(0, 3)])).toEqual({ ok: true, text: `${last}\n        current: 3` });
  });

  it.each([
    ['an alias', 'objectives:\n  - id: o\n    key_results:\n      - id: k\n        start: &s 1\n        target: 9\n        current: *s\n', /alias/],
    ['a tag', 'objectives:\n  - id: o\n    key_results:\n      - id: k\n        start: 1\n        target: 9\n        current: !!float 4\n', /tag or an anchor/],
    ['a collection', 'objectives:\n  - id: o\n    key_results:\n      - id: k\n        start: 1\n        target: 9\n        current: [4]\n', /not a plain value/],
    ['a path that is not a mapping', 'objectives: []\n', /is not a mapping/],
    ['a file that is not YAML', 'objectives: [\n', /not valid YAML/],
  ])('refuses %s', (_name, text, problem) => {
    const result = applyScalarEdits(text, [current(0, 5)]);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem).toMatch(problem);
  });

  it('writes numbers as plain YAML and refuses what has no plain form', () => {
    expect(yamlLiteral(0.1 + 0.2)).toBe('0.30000000000000004');
    expect(yamlLiteral(-0)).toBe('0');
    expect(yamlLiteral(true)).toBe('true');
    expect(yamlLiteral(1e-7)).toBe('0.0000001');
    expect(yamlLiteral(1e21)).toBeUndefined();
    expect(yamlLiteral(Number.NaN)).toBeUndefined();
  });

  it('changes nothing but the value, for any number (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.double({ min: -1e15, max: 1e15, noNaN: true }), fc.double({ min: -1e-6, max: 1e-6, noNaN: true })), fc.boolean(), (n, crlf) => {
        const base = crlf ? PAYMENTS_Q4.replace(/\n/g, '\r\n') : PAYMENTS_Q4;
        const result = applyScalarEdits(base, [current(0, n)]);
        const literal = yamlLiteral(n);
        if (literal === undefined) expect(result.ok).toBe(false);
        else expect(result).toEqual({ ok: true, text: base.replace('current: 640 ', `current: ${literal} `) });
      }),
      { numRuns: 300 },
    );
  });
});
