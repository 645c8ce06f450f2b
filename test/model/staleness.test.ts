// The one staleness rule (model/staleness.ts): whole days since the last point, due only while
// there is something left to report (SPEC 9), and unknown where a shallow clone cut the history.
import { describe, expect, it } from 'vitest';
import type { History, HistoryPoint } from '../../src/model/history.js';
import type { CheckableKeyResult } from '../../src/model/key-results.js';
import { nothingLeftToReport, stalenessOf } from '../../src/model/staleness.js';
import { keyResult, type KeyResultSpec } from './fixtures.js';

const kr = (spec: KeyResultSpec) => keyResult('t/o', spec) as CheckableKeyResult;
const RUNNING = { start: '2026-10-01', end: '2026-12-31' };
const point = (day: string) => ({ date: `${day}T23:30:00-05:00` }) as HistoryPoint;
const history = (points: Record<string, string[]>, cut?: Record<string, string>): History => ({
  points: new Map(Object.entries(points).map(([ref, days]) => [ref, days.map(point)])),
  commitCount: 1,
  ...(cut ? { cut: { commits: [], refs: new Map(Object.entries(cut)) } } : {}),
});
const METRIC = kr({ id: 'm', start: 0, target: 10, current: 5 });

describe('nothing left to report (SPEC 9)', () => {
  it.each([
    ['a milestone that is done', kr({ id: 'm', done: true }), 'done'],
    ['a metric at its target', kr({ id: 'm', start: 0, target: 10, current: 10 }), 'at-target'],
    ['a metric past its target', kr({ id: 'm', start: 0, target: 10, current: 12 }), 'at-target'],
    ['a lower-is-better metric past its target', kr({ id: 'm', start: 900, target: 300, current: 280 }), 'at-target'],
    ['a guardrail that holds', kr({ id: 'm', keep_below: 0.1, current: 0.08 }), 'holding'],
    ['a keep-above guardrail at its bound', kr({ id: 'm', keep_above: 99.9, current: 99.9 }), 'holding'],
  ] as const)('%s', (_name, keyResult, why) => {
    expect(nothingLeftToReport(keyResult, RUNNING, '2026-11-25')).toBe(why);
    // Never stale, however long the silence.
    expect(stalenessOf(keyResult, history({ 't/o/m': ['2026-10-01'] }), '2026-11-25', 14, RUNNING)).toMatchObject({ stale: false, days: 55, settled: why });
  });

  it.each([
    ['a milestone not done', kr({ id: 'm', done: false })],
    ['a metric short of its target', METRIC],
    ['a metric whose start equals its target (an error: nothing to reach)', kr({ id: 'm', start: 5, target: 5, current: 5 })],
    ['a guardrail breached', kr({ id: 'm', keep_below: 0.1, current: 0.2 })],
  ])('%s still has something to report', (_name, keyResult) => {
    expect(nothingLeftToReport(keyResult, RUNNING, '2026-11-25')).toBeUndefined();
    expect(stalenessOf(keyResult, history({ 't/o/m': ['2026-10-01'] }), '2026-11-25', 14, RUNNING)).toMatchObject({ stale: true, days: 55 });
  });

  it('a cycle that has ended, or was closed, has nothing left to report', () => {
    expect(nothingLeftToReport(METRIC, { start: '2026-07-01', end: '2026-09-30' }, '2026-11-25')).toBe('cycle-ended');
    expect(nothingLeftToReport(METRIC, { ...RUNNING, closed: '2026-11-20' }, '2026-11-25')).toBe('cycle-closed');
    expect(nothingLeftToReport(METRIC, { ...RUNNING, closed: '2026-11-20' }, '2026-11-19')).toBeUndefined();
    expect(nothingLeftToReport(METRIC, RUNNING, '2026-12-31')).toBeUndefined();
  });
});

describe('staleness', () => {
  it("counts whole days from the last point, in the author's own day", () => {
    expect(stalenessOf(METRIC, history({ 't/o/m': ['2026-11-01'] }), '2026-11-15', 14)).toMatchObject({ days: 14, stale: false });
    expect(stalenessOf(METRIC, history({ 't/o/m': ['2026-11-01'] }), '2026-11-16', 14)).toMatchObject({ days: 15, stale: true });
  });

  it('a key result not committed yet is new work, not stale; before its cycle starts nothing is due', () => {
    expect(stalenessOf(METRIC, history({}), '2026-11-16', 14, RUNNING)).toMatchObject({ last: undefined, days: undefined, stale: false });
    expect(stalenessOf(METRIC, history({ 't/o/m': ['2026-09-01'] }), '2026-09-30', 14, RUNNING)).toMatchObject({ stale: false });
  });

  it('behind a shallow clone\'s cut: unknown while the cut is recent, stale once the cut itself is too old', () => {
    const cut = history({}, { 't/o/m': '2026-11-20' });
    expect(stalenessOf(METRIC, cut, '2026-11-25', 14, RUNNING)).toMatchObject({ stale: null, last: undefined, days: undefined, lastBefore: '2026-11-20' });
    expect(stalenessOf(METRIC, cut, '2026-12-05', 14, RUNNING)).toMatchObject({ stale: true, days: undefined, lastBefore: '2026-11-20' });
    // A point after the cut is a real check-in: known.
    const after = history({ 't/o/m': ['2026-11-22'] }, { 't/o/m': '2026-11-20' });
    expect(stalenessOf(METRIC, after, '2026-11-25', 14, RUNNING)).toMatchObject({ stale: false, days: 3 });
    // Nothing left to report is known whatever the history.
    expect(stalenessOf(kr({ id: 'm', done: true }), cut, '2026-11-25', 14, RUNNING)).toMatchObject({ stale: false, settled: 'done' });
  });
});

describe('silence before the cycle', () => {
  it('does not count: a key result carried over is due its first check-in stale_after_days into the cycle', () => {
    const carried = history({ 't/o/m': ['2026-09-20'] });
    expect(stalenessOf(METRIC, carried, '2026-10-15', 14, RUNNING)).toMatchObject({ stale: false, days: 25 });
    expect(stalenessOf(METRIC, carried, '2026-10-16', 14, RUNNING)).toMatchObject({ stale: true, days: 26 });
  });
});
