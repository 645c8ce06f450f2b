// keptSlice hands out a string kept from an earlier text: it must always be the characters asked for.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KEPT_TEXT_LENGTH, keptSlice } from '../../src/model/kept-text.js';

describe('keptSlice', () => {
  it('is the slice asked for, whatever was kept before (more texts than slots, every length around the limit)', () => {
    const texts = Array.from({ length: 10000 }, (_, i) => `${i.toString(36)}-${'abc'.repeat(i % 10)}`);
    for (let round = 0; round < 2; round++)
      for (const t of texts) for (const [a, b] of [[0, t.length], [1, t.length], [0, Math.min(t.length, KEPT_TEXT_LENGTH + 1)]] as const) expect(keptSlice(t, a, b)).toBe(t.slice(a, b));
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.nat(40), fc.nat(40), (t, x, y) => {
        const [a, b] = [Math.min(x, y, t.length), Math.min(Math.max(x, y), t.length)];
        expect(keptSlice(t, a, b)).toBe(t.slice(a, b));
      }),
      { numRuns: 5000 },
    );
  });
});
