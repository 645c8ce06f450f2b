// okr check's text output shows each finding's source line: found by where lines start, it must be
// exactly the line splitting the text at /\r?\n/ gives (CR LF, lone CR, empty lines, no final LF).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sourceLines } from '../../src/render/check.js';

describe('sourceLines', () => {
  it('gives the lines splitting at /\\r?\\n/ gives, and nothing outside them', () => {
    const text = fc.array(fc.constantFrom('a', 'b c', '\r', '\n', '\r\n', '\n\r', '', 'é', '🚀', '\t'), { maxLength: 40 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, (t) => {
        const split = t.split(/\r?\n/);
        const lineOf = sourceLines(t);
        for (let n = -1; n <= split.length + 2; n++) expect(lineOf(n)).toBe(split[n - 1]);
      }),
      { numRuns: 3000 },
    );
  });

  it('reads the examples a goal file has', () => {
    const lineOf = sourceLines('version: 1\r\nmission: x\r\n\r\nlast');
    expect([1, 2, 3, 4, 5].map(lineOf)).toEqual(['version: 1', 'mission: x', '', 'last', undefined]);
  });
});
