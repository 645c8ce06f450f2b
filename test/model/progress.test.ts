import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  clamp01,
  guardrailHolds,
  guardrailProgress,
  keyResultProgress,
  metricProgress,
  milestoneProgress,
  objectiveProgress,
  weightedMean,
} from '../../src/model/progress.js';
import { keyResult } from './fixtures.js';

describe('metric progress = clamp((current - start) / (target - start), 0, 1)', () => {
  it('higher is better', () => {
    expect(metricProgress({ start: 0, target: 200, current: 50 })).toBe(0.25);
    expect(metricProgress({ start: 61, target: 68, current: 64.5 })).toBe(0.5);
  });
  it('lower is better when target < start', () => {
    // (410 - 900) / (300 - 900) = -490 / -600
    expect(metricProgress({ start: 900, target: 300, current: 410 })).toBe(490 / 600);
    expect(metricProgress({ start: 48, target: 0, current: 12 })).toBe(0.75);
  });
  it('clamps beyond the target to 1 and behind the start to 0', () => {
    expect(metricProgress({ start: 2.4, target: 3.5, current: 3.6 })).toBe(1);
    expect(metricProgress({ start: 900, target: 300, current: 250 })).toBe(1);
    expect(metricProgress({ start: 100, target: 200, current: 90 })).toBe(0);
    expect(metricProgress({ start: 900, target: 300, current: 1000 })).toBe(0);
  });
  it('is exactly 1 at the target and 0 at the start', () => {
    expect(metricProgress({ start: 0.1, target: 0.7, current: 0.7 })).toBe(1);
    expect(metricProgress({ start: 0.1, target: 0.7, current: 0.1 })).toBe(0);
  });
  it('start == target (an error okr check reports) claims no progress, never NaN', () => {
    expect(metricProgress({ start: 5, target: 5, current: 5 })).toBe(0);
    expect(metricProgress({ start: 5, target: 5, current: 7 })).toBe(0);
  });
});

describe('milestone and guardrail progress', () => {
  it('milestone: 1 if done else 0', () => {
    expect(milestoneProgress({ done: true })).toBe(1);
    expect(milestoneProgress({ done: false })).toBe(0);
  });
  it('keep_below holds while current <= bound (the bound itself holds)', () => {
    const below = (current: number) => ({ bound: { direction: 'below' as const, value: 0.1 }, current });
    expect(guardrailProgress(below(0.08))).toBe(1);
    expect(guardrailProgress(below(0.1))).toBe(1);
    expect(guardrailProgress(below(0.11))).toBe(0);
    expect(guardrailHolds(below(0.11))).toBe(false);
  });
  it('keep_above holds while current >= bound', () => {
    const above = (current: number) => ({ bound: { direction: 'above' as const, value: 99.95 }, current });
    expect(guardrailProgress(above(99.97))).toBe(1);
    expect(guardrailProgress(above(99.95))).toBe(1);
    expect(guardrailProgress(above(99.9))).toBe(0);
  });
});

describe('key result progress by kind', () => {
  it('dispatches on the kind, a rollup taking the mean it is given (none aligned: 0)', () => {
    expect(keyResultProgress(keyResult('t/o', { id: 'm', start: 10, target: 20, current: 12 }))).toBeCloseTo(0.2, 15);
    expect(keyResultProgress(keyResult('t/o', { id: 'd', done: true }))).toBe(1);
    expect(keyResultProgress(keyResult('t/o', { id: 'g', keep_below: 5, current: 6 }))).toBe(0);
    expect(keyResultProgress(keyResult('t/o', { id: 'r', rollup: true }), 0.375)).toBe(0.375);
    expect(keyResultProgress(keyResult('t/o', { id: 'r', rollup: true }))).toBe(0);
  });
  it('a metric without current is at its start', () => {
    expect(keyResultProgress(keyResult('t/o', { id: 'm', start: 10, target: 20 }))).toBe(0);
  });
});

describe('weighted mean', () => {
  it('weighs each value', () => {
    // (1*2 + 0*1 + 0.5*1) / 4
    expect(weightedMean([{ value: 1, weight: 2 }, { value: 0, weight: 1 }, { value: 0.5, weight: 1 }])).toBe(0.625);
    expect(weightedMean([{ value: 0.2, weight: 0.5 }, { value: 0.8, weight: 1.5 }])).toBeCloseTo(0.65, 15);
  });
  it('is undefined for nothing, and leaves out weights that are not positive', () => {
    expect(weightedMean([])).toBeUndefined();
    expect(weightedMean([{ value: 1, weight: 0 }])).toBeUndefined();
    expect(weightedMean([{ value: 1, weight: -3 }, { value: 0.4, weight: 1 }])).toBe(0.4);
  });
  it('a mean of ones is exactly 1, whatever the weights', () => {
    expect(weightedMean([{ value: 1, weight: 0.1 }, { value: 1, weight: 0.2 }, { value: 1, weight: 0.7 }])).toBe(1);
  });
  it('objective progress of no key results (an error) is 0', () => {
    expect(objectiveProgress([])).toBe(0);
  });
  it('clamp01 maps NaN to 0', () => {
    expect(clamp01(NaN)).toBe(0);
    expect(clamp01(-0.5)).toBe(0);
    expect(clamp01(1.5)).toBe(1);
  });
});

describe('properties', () => {
  const finite = fc.double({ min: -1e9, max: 1e9, noNaN: true, noDefaultInfinity: true });

  it('metric progress is always in [0, 1]', () => {
    fc.assert(
      fc.property(finite, finite, finite, (start, target, current) => {
        const p = metricProgress({ start, target, current });
        return p >= 0 && p <= 1;
      }),
    );
  });

  it('metric progress never falls as current moves toward the target', () => {
    fc.assert(
      fc.property(finite, finite, finite, fc.double({ min: 0, max: 1e9, noNaN: true }), (start, target, current, step) => {
        fc.pre(start !== target);
        const toward = current + Math.sign(target - start) * step;
        return metricProgress({ start, target, current: toward }) >= metricProgress({ start, target, current });
      }),
    );
  });

  it('a weighted mean never leaves the range of its inputs', () => {
    const item = fc.record({ value: fc.double({ min: 0, max: 1, noNaN: true }), weight: fc.double({ min: 1e-6, max: 1e6, noNaN: true }) });
    fc.assert(
      fc.property(fc.array(item, { minLength: 1, maxLength: 30 }), (items) => {
        const mean = weightedMean(items)!;
        const values = items.map((i) => i.value);
        return mean >= Math.min(...values) && mean <= Math.max(...values);
      }),
    );
  });

  it('every key result kind gives progress in [0, 1]', () => {
    fc.assert(
      fc.property(finite, finite, fc.boolean(), fc.double({ min: -10, max: 10, noNaN: true }), (a, b, flag, rollup) => {
        const krs = [
          keyResult('t/o', { id: 'm', start: a, target: b, current: (a + b) / 2 }),
          keyResult('t/o', { id: 'd', done: flag }),
          keyResult('t/o', flag ? { id: 'g', keep_below: a, current: b } : { id: 'g', keep_above: a, current: b }),
        ];
        const values = [...krs.map((kr) => keyResultProgress(kr)), keyResultProgress(keyResult('t/o', { id: 'r', rollup: true }), rollup)];
        return values.every((p) => p >= 0 && p <= 1);
      }),
    );
  });
});
