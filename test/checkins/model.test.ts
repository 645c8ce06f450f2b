// The pure parts of check-ins: the commit message and its trailers, the history of points built from
// commits, staleness, and JSON Pointers.
import { describe, expect, it } from 'vitest';
import { checkinMessage, checkinSubject, checkinTrailers, commitNote as noteOf, sanitizeNote, type CheckinEntry } from '../../src/model/checkin-message.js';
import { buildHistory, type ChangedFile, type CommitInfo, type KeyResultState } from '../../src/model/history.js';
import { resolvePointer } from '../../src/model/json-pointer.js';

const entry = (over: Partial<CheckinEntry> = {}): CheckinEntry => ({
  ref: 'payments/faster-checkout/p95-latency',
  team: 'payments',
  keyResultId: 'p95-latency',
  previous: 640,
  value: 420,
  unit: 'ms',
  ...over,
});

describe('check-in messages', () => {
  it('has the subject, note and trailer blocks of the spec', () => {
    expect(checkinMessage([entry({ confidence: 0.7 })], 'NOTE TEXT')).toBe(
      'checkin(payments): p95-latency 640 → 420 ms\n\nNOTE TEXT\n\nOkr-Checkin: payments/faster-checkout/p95-latency\nOkr-Value: 420\nOkr-Previous: 640\nOkr-Confidence: 0.7\n',
    );
  });

  it('shortens a long subject to a count, and names every team', () => {
    const many = Array.from({ length: 6 }, (_, i) => entry({ keyResultId: `key-result-number-${i}`, ref: `t${i % 2}/o/k${i}`, team: `t${i % 2}` }));
    expect(checkinSubject(many)).toBe('checkin(t0, t1): 6 key results');
    expect(checkinSubject([entry({ previous: false, value: true, unit: undefined, keyResultId: 'edge' })])).toBe('checkin(payments): edge not-done → done');
    expect(checkinSubject([entry({ previous: 420, value: 420, confidence: 0.5 })])).toBe('checkin(payments): p95-latency 420 ms (confidence 0.5)');
  });

  it('keeps a note from ending in something git would take for trailers or a patch', () => {
    expect(sanitizeNote('  a\r\nb   \n\n\n\n---\nOkr-Value: 1\n')).toBe('a\nb\n\n ---\nOkr-Value: 1');
  });

  it('reads trailers per Okr-Checkin, case-insensitively, ignoring what comes before the first', () => {
    const trailers = checkinTrailers([
      { key: 'Okr-Value', value: '1' },
      { key: 'okr-checkin', value: 'a/b/c' },
      { key: 'OKR-VALUE', value: '2' },
      { key: 'Okr-Confidence', value: '1.5' },
      { key: 'Okr-Checkin', value: 'a/b/d' },
      { key: 'Okr-Confidence', value: '0.4' },
      { key: 'Okr-Source', value: 'm.json#/x' },
    ]);
    expect([...trailers]).toEqual([
      ['a/b/c', { value: '2' }],
      ['a/b/d', { confidence: 0.4, source: 'm.json#/x' }],
    ]);
  });

  it('takes the note as the body without its final paragraph', () => {
    expect(noteOf('Line one\n\nLine two\n\nOkr-Checkin: a/b/c\nOkr-Value: 1\n')).toBe('Line one\n\nLine two');
    expect(noteOf('Okr-Checkin: a/b/c\n')).toBe('');
  });
});

const metric = (value: number, confidence?: number): KeyResultState => ({ kind: 'metric', value, unit: 'ms', ...(confidence !== undefined ? { confidence } : {}) });
const file = (team: string, states: Record<string, KeyResultState>, before?: Record<string, KeyResultState>, oldTeam = team): ChangedFile => ({
  oldTeam,
  newTeam: team,
  before: before ? new Map(Object.entries(before)) : undefined,
  after: new Map(Object.entries(states)),
});
let clock = 0;
const commit = (id: string, parents: string[], files: ChangedFile[], over: Partial<CommitInfo> = {}): CommitInfo => {
  clock++;
  const date = `2026-10-${String(clock).padStart(2, '0')}T09:00:00+02:00`;
  return { id, parents, authorName: 'A', authorEmail: 'a@x', authorDate: date, committerDate: date, subject: id, body: '', trailers: [], files, ...over };
};

describe('buildHistory', () => {
  it('records a point where the value or the confidence changes, with notes from trailers', () => {
    clock = 0;
    const commits = [
      commit('c4', ['c3'], [file('t', { 'o/k': metric(5, 0.5) })], { body: 'Why\n\nOkr-Checkin: t/o/k\nOkr-Value: 5', trailers: [{ key: 'Okr-Checkin', value: 't/o/k' }] }),
      commit('c3', ['c2'], [file('t', { 'o/k': metric(4, 0.5) })]),
      commit('c2', ['c1'], [file('t', { 'o/k': metric(4) })]),
      commit('c1', [], [file('t', { 'o/k': metric(3) })]),
    ];
    const points = buildHistory(commits, 'c4').points.get('t/o/k')!;
    expect(points.map((p) => [p.commit, p.previous, p.value, p.confidence, p.note, p.via])).toEqual([
      ['c1', undefined, 3, undefined, undefined, 'edit'],
      ['c2', 3, 4, undefined, undefined, 'edit'],
      ['c3', 4, 4, 0.5, undefined, 'edit'],
      ['c4', 4, 5, 0.5, 'Why', 'checkin'],
    ]);
  });

  it('counts a merged value once, credited to the nearest branch commit that set it', () => {
    clock = 0;
    const commits = [
      commit('m', ['a', 'b2'], [file('t', { 'o/k': metric(7) })]),
      commit('b2', ['b1'], [file('t', { 'o/k': metric(7) }, { 'o/k': metric(6) })], { authorName: 'Branch' }),
      commit('b1', ['root'], [file('t', { 'o/k': metric(6) }, { 'o/k': metric(1) })]),
      commit('a', ['root'], [file('t', { 'o/j': metric(2) })]),
      commit('root', [], [file('t', { 'o/k': metric(1), 'o/j': metric(1) })]),
    ];
    const history = buildHistory(commits, 'm');
    expect(history.points.get('t/o/k')!.map((p) => [p.commit, p.value, p.authorName])).toEqual([
      ['root', 1, 'A'],
      ['b2', 7, 'Branch'],
    ]);
    expect(history.points.get('t/o/j')!.map((p) => p.value)).toEqual([1, 2]);
  });

  it('carries a key result across a renamed team, and stops at --as-of', () => {
    clock = 0;
    const commits = [
      commit('c1', [], [file('old', { 'o/k': metric(8) })]),
      commit('c2', ['c1'], [file('new', { 'o/k': metric(8) }, { 'o/k': metric(8) }, 'old')]),
      commit('c3', ['c2'], [file('new', { 'o/k': metric(9) })]),
    ].reverse();
    expect(buildHistory(commits, 'c3').points.get('new/o/k')!.map((p) => p.commit)).toEqual(['c1', 'c3']);
    expect(buildHistory(commits, 'c3', '2026-10-02').points.get('new/o/k')!.map((p) => p.commit)).toEqual(['c1']);
    expect(buildHistory(commits, 'c3', '2026-09-30').points.size).toBe(0);
  });
});

describe('JSON Pointers', () => {
  const doc = { a: { 'b/c': [10, { '~d': 5 }] }, '': 1 };
  it.each([
    ['', doc],
    ['/a/b~1c/0', 10],
    ['/a/b~1c/1/~0d', 5],
    ['/', 1],
  ])('%s', (pointer, value) => expect(resolvePointer(doc, pointer)).toEqual({ found: true, value }));
  it.each([
    ['a', /is not a JSON Pointer/],
    ['/a/~2', /is not a JSON Pointer/],
    ['/a/b~1c/01', /no item "01"/],
    ['/a/b~1c/-', /no item "-"/],
    ['/a/x', /\/a has no key "x"/],
    ['/a/b~1c/0/x', /is the number 10, not an object or a list/],
    ['/toString', /has no key "toString"/],
  ])('%s is refused', (pointer, problem) => {
    const result = resolvePointer(doc, pointer);
    expect(result.found).toBe(false);
    if (!result.found) expect(result.problem).toMatch(problem);
  });
});
