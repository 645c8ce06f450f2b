// Reading thousands of versions of a goal file fast: a version that differs from the one before only
// in value lines is derived without parsing. Whatever the edits, the derived states must equal a
// full parse of the same text.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nextVersion, readVersion, type FileVersion } from '../../src/workspace/key-result-states.js';
import { PAYMENTS_Q4 } from './workspace.js';

const VALUES = ['0', '1', '640', '-3', '0.5', '12.25', '1e3', '0x10', '.5', '007', 'true', 'false', 'True', "'5'", '"6"', '~', 'null', '5 # note', '5#x', '[1]', '{a: 1}', '&a 5', '*a', '!!str 5', ''];

type Edit =
  | { kind: 'value'; line: number; value: string }
  | { kind: 'insert'; line: number; text: string }
  | { kind: 'delete'; line: number }
  | { kind: 'indent'; line: number };

const edit = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('value' as const), line: fc.nat(60), value: fc.constantFrom(...VALUES) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('insert' as const), line: fc.nat(60), text: fc.constantFrom('# a comment', '', '        current: 9', '        confidence: 0.5', '  - id: extra', 'objectives: []', '\tcurrent: 1') }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), line: fc.nat(60) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('indent' as const), line: fc.nat(60) }) },
);

function apply(text: string, e: Edit): string {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.split(eol);
  const i = e.line % lines.length;
  switch (e.kind) {
    case 'value': {
      const m = /^(\s*(?:- )?[\w{][^:]*:)\s*[^#\n]*?(\s*#.*)?$/.exec(lines[i]!);
      lines[i] = m ? `${m[1]} ${e.value}${m[2] ?? ''}` : lines[i]!;
      break;
    }
    case 'insert':
      lines.splice(i, 0, e.text);
      break;
    case 'delete':
      lines.splice(i, 1);
      break;
    case 'indent':
      lines[i] = ` ${lines[i]}`;
      break;
  }
  return lines.join(eol);
}

const BENCH_LIKE = `objectives:
  - id: o1
    title: Objective one
    aligns_to: mission
    key_results:
      - id: k1
        title: Raise it
        start: 100
        target: 200
        current: 150
        confidence: 0.3
      - id: k2
        title: Ship it
        done: false
      - id: k3
        title: Keep it low
        keep_below: 1
        current: 0.4
        unit: "%"
  - id: o2
    title: Objective two
    key_results:
      - id: k1
        title: Same id, other objective
        start: 9
        target: 3
        current: 7
      - {id: k2, title: Flow, done: true}
`;

describe('key-result states of file versions', () => {
  it.each([
    ['the check-in fixture', PAYMENTS_Q4],
    ['a generated file', BENCH_LIKE],
    ['a CRLF file', BENCH_LIKE.replace(/\n/g, '\r\n')],
  ])('derived versions equal full parses, whatever the edits (%s)', (_name, base) => {
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 25 }), (edits) => {
        let text = base;
        let version: FileVersion = readVersion('f.yaml', text);
        for (const e of edits) {
          text = apply(text, e);
          version = nextVersion('f.yaml', version, text);
          expect(version.states).toEqual(readVersion('f.yaml', text).states);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('derives a one-line value change without losing the other key results', () => {
    const first = readVersion('f.yaml', BENCH_LIKE);
    expect(first.states?.get('o1/k1')).toEqual({ kind: 'metric', value: 150, confidence: 0.3 });
    expect([...first.owners.values()].map((o) => `${o.local}.${o.key}`)).toEqual(['o1/k1.current', 'o1/k1.confidence', 'o1/k2.done', 'o1/k3.current', 'o2/k1.current']);
    const next = nextVersion('f.yaml', first, BENCH_LIKE.replace('current: 150', 'current: 175').replace('done: false', 'done: true'));
    expect(next.owners).toBe(first.owners); // derived, not parsed again
    expect(next.states?.get('o1/k1')).toEqual({ kind: 'metric', value: 175, confidence: 0.3 });
    expect(next.states?.get('o1/k2')).toEqual({ kind: 'milestone', value: true });
    expect(next.states?.get('o2/k1')).toBe(first.states?.get('o2/k1'));
  });

  it('says nothing about a version that is not YAML', () => {
    expect(readVersion('f.yaml', 'objectives: [\n').states).toBeUndefined();
  });
});
