import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayFromNumber, dayNumber } from '../../src/model/calendar.js';
import { expectedProgress, keyResultStatus, paceStatus } from '../../src/model/pacing.js';
import { keyResult } from './fixtures.js';

const Q4 = { start: '2026-10-01', end: '2026-12-31' }; // 91 days from start to end

describe('expected progress = clamp((D - start) / (end - start), 0, 1) in whole days', () => {
  it('is 0 on the first day and 1 on the last day (end inclusive)', () => {
    expect(expectedProgress(Q4, '2026-10-01')).toBe(0);
    expect(expectedProgress(Q4, '2026-12-31')).toBe(1);
  });
  it('counts whole days between', () => {
    expect(expectedProgress(Q4, '2026-11-25')).toBe(55 / 91);
    expect(expectedProgress(Q4, '2026-10-02')).toBe(1 / 91);
    expect(expectedProgress({ start: '2026-01-01', end: '2026-12-31' }, '2026-07-02')).toBe(182 / 364);
  });
  it('clamps before the start and after the end', () => {
    expect(expectedProgress(Q4, '2026-09-30')).toBe(0);
    expect(expectedProgress(Q4, '2027-01-01')).toBe(1);
  });
  it('counts the leap day', () => {
    expect(expectedProgress({ start: '2028-02-01', end: '2028-03-01' }, '2028-02-29')).toBe(28 / 29);
  });
  it('a one-day cycle expects everything on its day', () => {
    expect(expectedProgress({ start: '2026-05-05', end: '2026-05-05' }, '2026-05-05')).toBe(1);
    expect(expectedProgress({ start: '2026-05-05', end: '2026-05-05' }, '2026-05-04')).toBe(0);
  });
  it('is NaN for dates that are not days (never a number pretending to be one)', () => {
    expect(expectedProgress({ start: '2026-02-30', end: '2026-12-31' }, '2026-05-05')).toBeNaN();
  });
  it('stays in [0, 1] and never falls as the days pass', () => {
    const day = fc.integer({ min: dayNumber('2025-01-01'), max: dayNumber('2028-12-31') }).map(dayFromNumber);
    fc.assert(
      fc.property(day, day, day, day, (a, b, d1, d2) => {
        const [start, end] = a <= b ? [a, b] : [b, a];
        const [early, late] = d1 <= d2 ? [d1, d2] : [d2, d1];
        const x = expectedProgress({ start, end }, early);
        const y = expectedProgress({ start, end }, late);
        return x >= 0 && y <= 1 && x <= y;
      }),
    );
  });
});

describe('status', () => {
  it('done when progress reaches 1, whatever is expected', () => {
    expect(paceStatus(1, 1)).toBe('done');
    expect(paceStatus(1, 0)).toBe('done');
  });
  it('on-track down to 10 points behind, at-risk down to 25, then off-track', () => {
    expect(paceStatus(0.5, 0.5)).toBe('on-track');
    expect(paceStatus(0.9, 0.5)).toBe('on-track');
    expect(paceStatus(0.41, 0.5)).toBe('on-track');
    expect(paceStatus(0.39, 0.5)).toBe('at-risk');
    expect(paceStatus(0.26, 0.5)).toBe('at-risk');
    expect(paceStatus(0.24, 0.5)).toBe('off-track');
    expect(paceStatus(0, 0)).toBe('on-track');
    expect(paceStatus(0, 0.3)).toBe('off-track');
  });
  it('the thresholds themselves count as on paper: exactly 10 behind is on-track, exactly 25 at-risk', () => {
    // In floating point 0.8 - 0.1 is 0.7000000000000001 and 0.4 - 0.1 is 0.30000000000000004.
    expect(paceStatus(0.7, 0.8)).toBe('on-track');
    expect(paceStatus(0.3, 0.4)).toBe('on-track');
    expect(paceStatus(0.6, 0.7)).toBe('on-track');
    expect(paceStatus(0.6, 0.85)).toBe('at-risk');
    expect(paceStatus(0.35, 0.6)).toBe('at-risk');
  });
  it('on the last day of the cycle anything short of done is behind', () => {
    const last = expectedProgress(Q4, '2026-12-31');
    expect(paceStatus(0.95, last)).toBe('on-track');
    expect(paceStatus(0.9, last)).toBe('on-track');
    expect(paceStatus(0.8, last)).toBe('at-risk');
    expect(paceStatus(0.7, last)).toBe('off-track');
  });
  it('a guardrail that does not hold is breached whatever the pacing; one that holds is done', () => {
    const breached = keyResult('t/o', { id: 'g', keep_below: 50, current: 73 });
    expect(keyResultStatus(breached, 0, 0)).toBe('breached');
    const holding = keyResult('t/o', { id: 'g', keep_above: 99.95, current: 99.97 });
    expect(keyResultStatus(holding, 1, 0.5)).toBe('done');
  });
  it('other kinds are paced like objectives', () => {
    expect(keyResultStatus(keyResult('t/o', { id: 'm', done: false }), 0, 0.05)).toBe('on-track');
    expect(keyResultStatus(keyResult('t/o', { id: 'm', done: false }), 0, 0.3)).toBe('off-track');
  });
});
