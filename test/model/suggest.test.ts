// "Did you mean" with bounded work: the banded edit distance must equal the full one within its
// budget, the indexed search must find what a scan finds one edit away, and names no id could be
// get no suggestion at all.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { closest, editDistance, nearest, Suggestions } from '../../src/model/suggest.js';

/** The textbook optimal-string-alignment distance, the whole table: the reference for the banded one. */
function fullDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  return d[a.length]![b.length]!;
}

const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', '-', '1'), maxLength: 14 });

describe('edit distance', () => {
  it('within a budget, equals the full table; beyond it, says budget + 1', () => {
    fc.assert(
      fc.property(word, word, fc.integer({ min: 0, max: 4 }), (a, b, max) => {
        const full = fullDistance(a, b);
        expect(editDistance(a, b, max)).toBe(full <= max ? full : max + 1);
        expect(editDistance(a, b)).toBe(full);
      }),
      { numRuns: 3000 },
    );
  });

  it('counts a swap of neighbours as one edit', () => {
    expect(editDistance('titel', 'title')).toBe(1);
    expect(editDistance('taem-00001', 'team-00001', 3)).toBe(1);
  });
});

describe('suggestions', () => {
  it('the indexed search finds what a scan finds one edit away, and prefers the first on a tie', () => {
    const names = Array.from({ length: 2000 }, (_, i) => `team-${String(i).padStart(5, '0')}`);
    const index = new Suggestions(names);
    fc.assert(
      fc.property(fc.nat(1999), fc.nat(9), fc.constantFrom('swap', 'drop', 'add', 'change'), (i, at, how) => {
        const name = names[i]!;
        const k = at % (name.length - 1);
        const typo =
          how === 'swap' ? name.slice(0, k) + name[k + 1] + name[k] + name.slice(k + 2)
          : how === 'drop' ? name.slice(0, k) + name.slice(k + 1)
          : how === 'add' ? name.slice(0, k) + 'x' + name.slice(k)
          : name.slice(0, k) + 'x' + name.slice(k + 1);
        if (names.includes(typo)) return;
        const scanned = nearest(typo, names, 3);
        const indexed = index.nearest(typo, 3);
        if (scanned?.distance === 1) expect(indexed).toEqual(scanned);
        else if (indexed) expect(indexed.distance).toBeGreaterThanOrEqual(scanned!.distance);
      }),
      { numRuns: 500 },
    );
  });

  it('a few names are scanned exactly as closest() does', () => {
    const names = ['customer-trust', 'speed', 'security'];
    expect(new Suggestions(names).closest('custmer-trust')).toBe(closest('custmer-trust', names));
    expect(new Suggestions(names).closest('spede')).toBe('speed');
    expect(new Suggestions(names).closest('nothing-like-it')).toBeUndefined();
  });

  it('gives no suggestion for a name longer than any reference, however close', () => {
    const long = 'a'.repeat(300);
    expect(closest(`${long}b`, [long])).toBeUndefined();
    expect(new Suggestions([long]).closest(`${long}b`)).toBeUndefined();
    expect(closest('a'.repeat(60) + 'b', ['a'.repeat(61)])).toBe('a'.repeat(61));
  });
});
