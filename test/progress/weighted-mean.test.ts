// weightedMean without copies (two passes over the items as given) computes exactly what the
// spread-and-filter version did, for arrays and other iterables, with weights that do not count.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { weightedMean, type Weighted } from '../../src/model/progress.js';

/** The version before: the counted items copied out, then the same arithmetic. */
function reference(items: Iterable<Weighted>): number | undefined {
  const counted = [...items].filter(({ weight }) => weight > 0 && Number.isFinite(weight));
  if (counted.length === 0) return undefined;
  let largest = 0;
  for (const { weight } of counted) if (weight > largest) largest = weight;
  let sum = 0;
  let total = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const { value, weight } of counted) {
    const share = weight / largest;
    sum += value * share;
    total += share;
    if (value < min) min = value;
    if (value > max) max = value;
  }
  const mean = sum / total;
  return mean < min ? min : mean > max ? max : mean;
}

const weight = fc.oneof(fc.double(), fc.constantFrom(0, -1, NaN, Infinity, -Infinity, 1e308, Number.MIN_VALUE), fc.integer({ min: 1, max: 5 }));
const items = fc.array(fc.record({ value: fc.oneof(fc.double({ min: 0, max: 1 }), fc.double()), weight }), { maxLength: 12 });

describe('weightedMean', () => {
  it('equals the copying version on arrays, Sets and generators', () => {
    fc.assert(
      fc.property(items, (list) => {
        const expected = reference(list);
        expect(Object.is(weightedMean(list), expected) || weightedMean(list) === expected).toBe(true);
        expect(weightedMean(new Set(list))).toStrictEqual(expected);
        expect(weightedMean((function* () { yield* list; })())).toStrictEqual(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('leaves out what does not count, and has no mean of nothing', () => {
    expect(weightedMean([])).toBeUndefined();
    expect(weightedMean([{ value: 0.5, weight: 0 }, { value: 0.2, weight: NaN }])).toBeUndefined();
    expect(weightedMean([{ value: 1, weight: -3 }, { value: 0.25, weight: 2 }, { value: 0.75, weight: Infinity }])).toBe(0.25);
    expect(weightedMean([{ value: 0.2, weight: 1 }, { value: 0.8, weight: 3 }])).toBeCloseTo(0.65, 12);
  });
});
