// Forecasts (SPEC section 10): hand-computed cases for the least-squares line and the rules on how
// much history makes a forecast, and properties (points on a line forecast that line's value).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayFromNumber, dayNumber } from '../../src/model/calendar.js';
import { forecastFromSamples, forecastIndex, forecastMissesTarget, forecastOf, lineValueAt, type Sample } from '../../src/model/forecast.js';
import type { HistoryPoint } from '../../src/model/history.js';
import { keyResult, objective, QUARTER, workspace } from './fixtures.js';

const Q4 = { start: '2026-10-01', end: '2026-12-31' };
/** Day 0 is 2026-10-01; the cycle's last day is day 91. */
const d = (offset: number) => dayNumber('2026-10-01') + offset;
const samples = (pairs: [number, number][]): Sample[] => pairs.map(([day, value]) => ({ day: d(day), value }));

function point(day: string, value: number | boolean, ref = 'payments/checkout/p95'): HistoryPoint {
  return {
    ref,
    commit: `c-${day}-${String(value)}`,
    date: `${day}T09:30:00+02:00`,
    authorName: 'Ana',
    authorEmail: 'ana@example.test',
    subject: 'checkin',
    value,
    previous: undefined,
    confidence: undefined,
    unit: undefined,
    note: undefined,
    source: undefined,
    via: 'checkin',
  };
}

describe('forecast arithmetic, computed by hand', () => {
  it('a perfect line: a falling metric (target below start) goes on falling at its pace', () => {
    // 900, 850, 800 on days 0, 10, 20: -5 a day, so 900 - 5 * 91 = 445 on 2026-12-31.
    const f = forecastFromSamples({ start: 900, target: 300 }, samples([[0, 900], [10, 850], [20, 800]]), Q4)!;
    expect(f.value).toBeCloseTo(445, 9);
    // Lower is better: (445 - 900) / (300 - 900) = 455 / 600.
    expect(f.progress).toBeCloseTo(455 / 600, 12);
    expect(f.day).toBe('2026-12-31');
    expect(f.points).toBe(3);
    expect(forecastMissesTarget(f)).toBe(true);
  });

  it('noisy points: the least-squares slope, not the last step', () => {
    // x = 0, 7, 14, 21 (mean 10.5); y = 10, 14, 13, 19 (mean 14).
    // Σ dx·dy = 42 + 0 - 3.5 + 52.5 = 91; Σ dx² = 245; slope = 13/35.
    // At day 91: 14 + 13/35 · 80.5 = 14 + 29.9 = 43.9; progress (43.9 - 10) / 40 = 0.8475.
    const f = forecastFromSamples({ start: 10, target: 50 }, samples([[0, 10], [7, 14], [14, 13], [21, 19]]), Q4)!;
    expect(f.value).toBeCloseTo(43.9, 9);
    expect(f.progress).toBeCloseTo(0.8475, 12);
    expect(f.points).toBe(4);
  });

  it('progress is clamped: past the target is 1, moving away from it is 0', () => {
    const past = forecastFromSamples({ start: 0, target: 10 }, samples([[0, 0], [7, 7], [14, 14]]), Q4)!;
    expect(past.value).toBeCloseTo(91, 9);
    expect(past.progress).toBe(1);
    expect(forecastMissesTarget(past)).toBe(false);
    const away = forecastFromSamples({ start: 900, target: 300 }, samples([[0, 900], [7, 910], [14, 920]]), Q4)!;
    expect(away.value).toBeCloseTo(900 + 91 * (10 / 7), 9);
    expect(away.progress).toBe(0);
  });

  it('a line that lands exactly on the target is not below it, whatever the rounding', () => {
    // 0.1 a day from 0.9 (day 0) reaches 10 on day 91: floating point may land a hair short.
    const f = forecastFromSamples({ start: 0.9, target: 10 }, samples([[0, 0.9], [30, 3.9], [60, 6.9]]), Q4)!;
    expect(f.value).toBeCloseTo(10, 9);
    expect(forecastMissesTarget(f)).toBe(false);
  });

  it('points on a line with whole-number days and values forecast the line\'s value exactly, not a hair off', () => {
    // Dividing each day number (~20,700) by n before summing gave 91.00000000000122 for the first.
    expect(forecastFromSamples({ start: 0, target: 100 }, samples([[0, 0], [3, 3], [7, 7]]), Q4)!.value).toBe(91);
    expect(forecastFromSamples({ start: 0, target: 100 }, samples([[0, 0], [4, 4], [10, 10]]), Q4)!.value).toBe(91);
    expect(forecastFromSamples({ start: 900, target: 300 }, samples([[0, 900], [10, 850], [20, 800]]), Q4)!.value).toBe(445);
    expect(forecastFromSamples({ start: 0, target: 100 }, samples([[2, 12], [9, 33], [30, 96], [31, 99]]), Q4)!.value).toBe(279);
  });

  it('values so large that their sum overflows still give a forecast', () => {
    const f = forecastFromSamples({ start: 0, target: 1.7e308 }, samples([[0, 1.5e308], [7, 1.6e308], [14, 1.5e308]]), Q4);
    expect(f).toBeDefined();
    expect(Number.isFinite(f!.value)).toBe(true);
  });

  it('fewer than 3 points: no forecast', () => {
    expect(forecastFromSamples({ start: 0, target: 10 }, samples([]), Q4)).toBeUndefined();
    expect(forecastFromSamples({ start: 0, target: 10 }, samples([[0, 1]]), Q4)).toBeUndefined();
    expect(forecastFromSamples({ start: 0, target: 10 }, samples([[0, 1], [30, 5]]), Q4)).toBeUndefined();
  });

  it('all points on one day: no forecast (no slope can be told)', () => {
    expect(forecastFromSamples({ start: 0, target: 10 }, samples([[5, 1], [5, 2], [5, 3], [5, 4]]), Q4)).toBeUndefined();
    expect(lineValueAt(samples([[5, 1], [5, 2]]), d(91))).toBeUndefined();
  });

  it('points spread over less than 7 days: no forecast; exactly 7 days: a forecast', () => {
    expect(forecastFromSamples({ start: 0, target: 10 }, samples([[0, 1], [3, 2], [6, 3]]), Q4)).toBeUndefined();
    const week = forecastFromSamples({ start: 0, target: 100 }, samples([[0, 1], [3, 2], [7, 3]]), Q4);
    expect(week).toBeDefined();
  });

  it('two values on one day both count (a correction the same day is a second observation)', () => {
    // (0,0), (0,2), (10,1), (20,3): mean x 7.5, mean y 1.5; Σ dx·dy = 11.25 - 3.75 - 1.25 + 18.75 = 25;
    // Σ dx² = 56.25 · 2 + 6.25 + 156.25 = 275; slope 1/11; at 91: 1.5 + 83.5/11.
    const f = forecastFromSamples({ start: 0, target: 100 }, samples([[0, 0], [0, 2], [10, 1], [20, 3]]), Q4)!;
    expect(f.value).toBeCloseTo(1.5 + 83.5 / 11, 9);
    expect(f.points).toBe(4);
  });
});

describe('forecastOf: which history points count', () => {
  const metric = keyResult('payments/checkout', { id: 'p95', start: 900, target: 300 });

  it('only values of the key result’s cycle, up to the day evaluated, on the author’s own day', () => {
    const points = [
      point('2026-09-20', 1000), // before the cycle: not counted
      point('2026-10-01', 900),
      point('2026-10-11', 850),
      point('2026-10-21', 800),
      point('2026-11-30', 100), // after the day evaluated: not counted
    ];
    const cycle = { ...QUARTER };
    const f = forecastOf(metric, points, cycle, '2026-11-25')!;
    expect(f.points).toBe(3);
    expect(f.value).toBeCloseTo(445, 9);
    // After the cycle ended, the values up to its last day count.
    const later = forecastOf(metric, [...points, point('2027-01-05', 0)], cycle, '2027-02-01')!;
    expect(later.points).toBe(4);
  });

  it('only metrics: milestones, guardrails and rollups have none; nor has a key result without a cycle', () => {
    const points = [point('2026-10-01', 1), point('2026-10-11', 2), point('2026-10-21', 3)];
    expect(forecastOf(keyResult('t/o', { id: 'm', done: false }), points, QUARTER, '2026-11-25')).toBeUndefined();
    expect(forecastOf(keyResult('t/o', { id: 'g', keep_below: 5, current: 3 }), points, QUARTER, '2026-11-25')).toBeUndefined();
    expect(forecastOf(keyResult('t/o', { id: 'r', rollup: true }), points, QUARTER, '2026-11-25')).toBeUndefined();
    expect(forecastOf(metric, points, undefined, '2026-11-25')).toBeUndefined();
    expect(forecastOf(metric, undefined, QUARTER, '2026-11-25')).toBeUndefined();
  });

  it('a value that is not a number (the key result was a milestone once) is left out', () => {
    const points = [point('2026-10-01', false), point('2026-10-05', 900), point('2026-10-11', 850), point('2026-10-21', 800)];
    expect(forecastOf(metric, points, QUARTER, '2026-11-25')!.points).toBe(3);
  });

  it('forecastIndex paces each key result by its own objective’s cycle', () => {
    const ws = workspace([
      { ref: 'payments/checkout', cycle: 'Q4', krs: [{ id: 'p95', start: 900, target: 300 }] },
      { ref: 'payments/year', cycle: 'Y', krs: [{ id: 'p95', start: 900, target: 300 }] },
    ]);
    const quarterly = ws.objectives[0]!;
    const yearly = ws.objectives[1]!;
    const byRef = new Map([
      ['payments/checkout/p95', [point('2026-10-01', 900), point('2026-10-11', 850), point('2026-10-21', 800)]],
      ['payments/year/p95', [point('2026-10-01', 900), point('2026-10-11', 850), point('2026-10-21', 800)]],
    ]);
    const index = forecastIndex(ws, (ref) => byRef.get(ref), '2026-11-25');
    expect(index(quarterly, quarterly.keyResults[0]!)!.day).toBe('2026-12-31');
    expect(index(yearly, yearly.keyResults[0]!)!.day).toBe('2026-12-31');
    expect(index(yearly, yearly.keyResults[0]!)!.value).toBeCloseTo(445, 9);
    const unknown = objective({ ref: 'payments/lost', cycle: 'nope', krs: [{ id: 'p95', start: 900, target: 300 }] });
    expect(index(unknown, unknown.keyResults[0]!)).toBeUndefined();
  });
});

describe('forecast properties', () => {
  const distinctDays = fc.uniqueArray(fc.integer({ min: 0, max: 91 }), { minLength: 3, maxLength: 30 }).filter((days) => Math.max(...days) - Math.min(...days) >= 7);

  it('points on a line forecast that line’s value on the end day', () => {
    fc.assert(
      fc.property(distinctDays, fc.integer({ min: -10_000, max: 10_000 }), fc.integer({ min: -1000, max: 1000 }), (days, intercept, slopeHundredths) => {
        const slope = slopeHundredths / 100;
        const f = forecastFromSamples({ start: 0, target: 1 }, samples(days.map((x) => [x, intercept + slope * x])), Q4)!;
        const expected = intercept + slope * 91;
        expect(Math.abs(f.value - expected)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(expected)));
        expect(f.points).toBe(days.length);
      }),
    );
  });

  it('the order of the points does not matter, and progress stays within [0, 1]', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 91 }), fc.double({ min: -1e6, max: 1e6, noNaN: true })), { minLength: 3, maxLength: 20 }),
        fc.integer({ min: -1000, max: 1000 }),
        fc.integer({ min: -1000, max: 1000 }),
        (pairs, start, target) => {
          const forward = forecastFromSamples({ start, target }, samples(pairs), Q4);
          const backward = forecastFromSamples({ start, target }, samples([...pairs].reverse()), Q4);
          expect(backward === undefined).toBe(forward === undefined);
          if (!forward || !backward) return;
          expect(Math.abs(forward.value - backward.value)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(forward.value)));
          expect(forward.progress).toBeGreaterThanOrEqual(0);
          expect(forward.progress).toBeLessThanOrEqual(1);
        },
      ),
    );
  });

  it('no input crashes it: any doubles give a finite forecast or none', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: -100_000, max: 100_000 }), fc.double()), { maxLength: 12 }), (pairs) => {
        const f = forecastFromSamples({ start: 0, target: 1 }, pairs.map(([day, value]) => ({ day, value })), Q4);
        if (f) {
          expect(Number.isFinite(f.value)).toBe(true);
          expect(f.progress >= 0 && f.progress <= 1).toBe(true);
          expect(dayFromNumber(dayNumber(f.day))).toBe(f.day);
        }
      }),
    );
  });
});
