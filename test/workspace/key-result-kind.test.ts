// kindOf (the load's allocation-free question) must name a kind exactly when kindsPresent finds one.
import { describe, expect, it } from 'vitest';
import { kindOf, kindsPresent } from '../../src/workspace/key-result-kind.js';

const MARKERS = ['start', 'target', 'done', 'rollup', 'keep_below', 'keep_above'];

describe('kindOf', () => {
  it('names the one kind kindsPresent finds, for every set of marker fields, and nothing when none or several', () => {
    for (let set = 0; set < 1 << MARKERS.length; set++) {
      // Present with any value, undefined included: a field written counts.
      const kr: Record<string, unknown> = { id: 'k1', title: 'x', current: 1 };
      MARKERS.forEach((field, i) => {
        if (set & (1 << i)) kr[field] = i === 0 ? undefined : i;
      });
      const kinds = kindsPresent(kr);
      expect([set, kindOf(kr)]).toEqual([set, kinds.length === 1 ? kinds[0] : undefined]);
    }
  });
});
