// The report's content (model/report.ts, model/report-chart.ts), computed by hand on small
// workspaces built in memory: the chart's points and lines, the counts, why a team needs attention,
// --team, stale key results, recent check-ins, feedback by goal, and the grades of a closed cycle.
import { describe, expect, it } from 'vitest';
import { computeProgress } from '../../src/model/rollup.js';
import { forecastOf } from '../../src/model/forecast.js';
import type { History, HistoryPoint } from '../../src/model/history.js';
import type { CheckableKeyResult } from '../../src/model/key-results.js';
import { stalenessOf } from '../../src/model/staleness.js';
import { keyResultChart } from '../../src/model/report-chart.js';
import type { Feedback } from '../../src/model/feedback.js';
import { buildReport, cycleDay, type ReportInput } from '../../src/model/report.js';
import { teamStatuses } from '../../src/model/team-status.js';
import type { Cycle, Objective, Workspace } from '../../src/model/types.js';
import { datedCycles, makeScorer, viewOf } from '../../src/model/view.js';
import { keyResult, QUARTER, workspace, YEAR } from '../model/fixtures.js';

function point(ref: string, day: string, value: number | boolean, previous?: number | boolean): HistoryPoint {
  return {
    ref,
    commit: `c-${ref}-${day}`,
    date: `${day}T09:30:00+00:00`,
    authorName: 'Ana',
    authorEmail: 'ana@example.test',
    subject: 'checkin',
    value,
    previous,
    confidence: undefined,
    unit: undefined,
    note: undefined,
    source: undefined,
    via: 'checkin',
  };
}

/** A history whose points are given per ref; each point's previous is the value before it. */
function historyOf(points: Record<string, [string, number | boolean][]>): History {
  const map = new Map<string, HistoryPoint[]>();
  for (const [ref, list] of Object.entries(points))
    map.set(
      ref,
      list.map(([day, value], i) => point(ref, day, value, i === 0 ? undefined : list[i - 1]![1])),
    );
  return { points: map, commitCount: 0 };
}

function input(ws: Workspace, asOf: string, history?: History, extra: Partial<ReportInput> = {}): ReportInput {
  const cycle = ws.config.cycles.find((c) => c.id === 'Q4')!;
  const view = viewOf(ws, cycle, asOf);
  const scorer = makeScorer(ws, computeProgress(ws, view.objectives), asOf);
  const cycles = datedCycles(ws);
  const staleness = (o: Objective, kr: CheckableKeyResult) => stalenessOf(kr, history ?? { points: new Map(), commitCount: 0 }, asOf, ws.config.staleAfterDays, cycles.get(o.cycle));
  return {
    view,
    scorer,
    source: { kind: 'files' },
    recentSince: '2026-11-11',
    ...(history ? { history: { history, staleness, facts: { byRef: new Map() } } } : {}),
    ...extra,
  };
}

const P95 = 'payments/checkout/p95';

describe('the chart of a key result', () => {
  const metric = keyResult('payments/checkout', { id: 'p95', start: 900, target: 300, current: 800 });
  // Q4: 2026-10-01 is day 0, 2026-12-31 day 91.
  const points = historyOf({ [P95]: [['2026-09-20', 950], ['2026-10-11', 900], ['2026-10-21', 850], ['2026-10-31', 800], ['2026-12-20', 100]] }).points.get(P95)!;

  it('values from the cycle up to the day evaluated, starting from the value carried in; the pace from start to target; the forecast line', () => {
    const forecast = forecastOf(metric, points, QUARTER, '2026-11-15')!;
    // 900, 850, 800 on days 10, 20, 30: -5 a day; on day 91: 900 - 5 * 81 = 495.
    expect(forecast.value).toBeCloseTo(495, 9);
    const chart = keyResultChart(metric, points, QUARTER, '2026-11-15', forecast)!;
    expect(chart.span).toBe(91);
    expect(chart.today).toBe(45);
    expect(chart.values).toEqual([
      { day: 0, value: 950 },
      { day: 10, value: 900 },
      { day: 20, value: 850 },
      { day: 30, value: 800 },
    ]);
    expect(chart.pace).toEqual({ from: { day: 0, value: 900 }, to: { day: 91, value: 300 } });
    expect(chart.bound).toBeUndefined();
    // The fitted line from its first value (day 10: 900) to day 91 (495).
    expect(chart.forecast!.from.day).toBe(10);
    expect(chart.forecast!.from.value).toBeCloseTo(900, 9);
    expect(chart.forecast!.to).toEqual({ day: 91, value: forecast.value });
    expect([chart.low, chart.high]).toEqual([300, 950]);
  });

  it('a value set on the cycle\'s first day is not doubled by the carried one; the day evaluated is kept within the cycle', () => {
    const pts = historyOf({ [P95]: [['2026-09-01', 990], ['2026-10-01', 910]] }).points.get(P95)!;
    const chart = keyResultChart(metric, pts, QUARTER, '2027-02-01', undefined)!;
    expect(chart.values).toEqual([{ day: 0, value: 910 }]);
    expect(chart.today).toBe(91);
    expect(chart.forecast).toBeUndefined();
  });

  it('a guardrail draws its bound; milestones, rollups, no values and no cycle give no chart', () => {
    const guard = keyResult('payments/checkout', { id: 'errors', keep_below: 0.1, current: 0.2 });
    const ref = guard.ref;
    const pts = historyOf({ [ref]: [['2026-10-05', 0.05], ['2026-10-25', 0.2]] }).points.get(ref)!;
    const chart = keyResultChart(guard, pts, QUARTER, '2026-11-15', undefined)!;
    expect(chart.bound).toBe(0.1);
    expect(chart.pace).toBeUndefined();
    expect([chart.low, chart.high]).toEqual([0.05, 0.2]);
    const milestone = keyResult('payments/checkout', { id: 'ship', done: true });
    expect(keyResultChart(milestone, historyOf({ x: [['2026-10-05', true]] }).points.get('x')!, QUARTER, '2026-11-15', undefined)).toBeUndefined();
    expect(keyResultChart(keyResult('payments/checkout', { id: 'r', rollup: true }), [], QUARTER, '2026-11-15', undefined)).toBeUndefined();
    expect(keyResultChart(metric, [], QUARTER, '2026-11-15', undefined)).toBeUndefined();
    expect(keyResultChart(metric, points, undefined, '2026-11-15', undefined)).toBeUndefined();
    // Only values after the day evaluated: nothing to draw yet.
    expect(keyResultChart(metric, historyOf({ [P95]: [['2026-12-01', 700]] }).points.get(P95)!, QUARTER, '2026-11-15', undefined)).toBeUndefined();
  });

  it('one value only: a range around it, never an empty one', () => {
    const pts = historyOf({ x: [['2026-10-05', 0]] }).points.get('x')!;
    const guard = keyResult('a/b', { id: 'x', keep_above: 0, current: 0 });
    const chart = keyResultChart(guard, pts, QUARTER, '2026-11-15', undefined)!;
    expect(chart.low).toBeLessThan(chart.high);
    expect([chart.low, chart.high]).toEqual([-1, 1]);
  });
});

describe('the report', () => {
  // On 2026-11-15 (day 45 of 91 in Q4) the quarter expects 45/91 = 49.5%; the year 318/364 = 87.4%.
  const ws = workspace([
    { ref: 'payments/checkout', cycle: 'Q4', alignsTo: 'mission', krs: [{ id: 'p95', start: 900, target: 300, current: 840 }, { id: 'errors', keep_below: 0.1, current: 0.2 }] },
    { ref: 'payments/ledger', cycle: 'Q4', alignsTo: 'payments/checkout', krs: [{ id: 'ship', done: true }] },
    { ref: 'growth/signups', cycle: 'Q4', alignsTo: 'mission', krs: [{ id: 'n', start: 0, target: 100, current: 45 }] },
    { ref: 'search/speed', cycle: 'Y', alignsTo: 'mission', krs: [{ id: 'q', start: 0, target: 10, current: 6 }] },
    { ref: 'archive/old', cycle: 'Q3', krs: [{ id: 'x', done: false }] },
  ]);
  const history = historyOf({
    [`${P95}`]: [['2026-10-01', 900], ['2026-10-21', 870], ['2026-11-10', 840]],
    'payments/checkout/errors': [['2026-10-02', 0.05], ['2026-11-12', 0.2]],
    'payments/ledger/ship': [['2026-10-01', false], ['2026-11-09', true]],
    'growth/signups/n': [['2026-10-01', 0], ['2026-10-10', 45]],
    'search/speed/q': [['2026-01-05', 0], ['2026-11-14', 6]],
  });

  it('counts objectives and key results by status, and the stale and forecast ones, over the teams in view', () => {
    const report = buildReport(input(ws, '2026-11-15', history));
    // checkout: p95 60/600 = 10% (off track vs 49.5%), errors breached (0): objective 5% off track;
    // ledger: done; signups 45% on track (>= 39.5%); speed 60% vs 87.4%: off track (< 62.4%).
    expect(report.counts.objectives).toEqual({ total: 4, done: 1, 'on-track': 1, 'at-risk': 0, 'off-track': 2, unpaced: 0 });
    expect(report.counts.keyResults).toEqual({ total: 5, done: 1, 'on-track': 1, 'at-risk': 0, 'off-track': 2, breached: 1, unpaced: 0 });
    // signups' last check-in was 36 days before: stale (over 14). The rest checked in within 14 days.
    expect(report.counts.stale).toBe(1);
    expect(report.stale!.map((s) => [s.keyResult.ref, s.staleness.days])).toEqual([['growth/signups/n', 36]]);
    // p95: 900, 870, 840 on days 0, 20, 40: -1.5 a day, 763.5 on day 91: misses 300.
    expect(report.counts.forecastMisses).toBe(1);
    expect(report.hasHistory).toBe(true);
  });

  it('orders the teams as okr status does, and says why each needs attention, most pressing first', () => {
    const i = input(ws, '2026-11-15', history);
    const report = buildReport(i);
    expect(report.teams.map((t) => t.id)).toEqual(teamStatuses(i.view, i.scorer).filter((r) => r.objectives > 0).map((r) => r.team));
    expect(report.idleTeams.map((t) => t.id)).toEqual(['archive']);
    const payments = report.teams.find((t) => t.id === 'payments')!;
    expect(payments.attention.map((a) => [a.kind, a.kind === 'behind' ? a.objective.objective.ref : a.objective.ref])).toEqual([
      ['behind', 'payments/checkout'],
      ['breached', 'payments/checkout'],
      ['forecast', 'payments/checkout'],
    ]);
    const growth = report.teams.find((t) => t.id === 'growth')!;
    expect(growth.attention.map((a) => a.kind)).toEqual(['stale']);
    // A section per objective in view, with each key result's numbers.
    expect(payments.objectives.map((o) => o.score.objective.ref)).toEqual(['payments/checkout', 'payments/ledger']);
    const p95 = payments.objectives[0]!.keyResults[0]!;
    expect(p95.last?.value).toBe(840);
    expect(p95.trend).toEqual([900, 870, 840]);
    expect(p95.chart?.values.map((v) => v.value)).toEqual([900, 870, 840]);
    expect(p95.forecast?.value).toBeCloseTo(763.5, 9);
  });

  it('recent check-ins: from the day given to the day evaluated, newest first, additions left out', () => {
    const report = buildReport(input(ws, '2026-11-15', history));
    expect(report.recent!.since).toBe('2026-11-11');
    expect(report.recent!.checkins.map((p) => [p.ref, p.date.slice(0, 10)])).toEqual([
      ['search/speed/q', '2026-11-14'],
      ['payments/checkout/errors', '2026-11-12'],
    ]);
  });

  it('--team: that team only, its line of sight in the tree', () => {
    const report = buildReport(input(ws, '2026-11-15', history, { team: 'payments' }));
    expect(report.teams.map((t) => t.id)).toEqual(['payments']);
    expect(report.counts.objectives.total).toBe(2);
    expect(report.recent!.checkins.map((p) => p.ref)).toEqual(['payments/checkout/errors']);
    expect(report.tree.roots.map((n) => n.score.objective.ref)).toEqual(['payments/checkout']);
    expect(report.idleTeams).toEqual([]);
  });

  it('without history: nothing stale, forecast or recent, and the report says unknown (null), not zero', () => {
    const report = buildReport(input(ws, '2026-11-15'));
    expect(report.hasHistory).toBe(false);
    expect(report.counts.stale).toBeNull();
    expect(report.counts.forecastMisses).toBeNull();
    expect(report.stale).toBeNull();
    expect(report.recent).toBeNull();
    const p95 = report.teams.find((t) => t.id === 'payments')!.objectives[0]!.keyResults[0]!;
    expect([p95.chart, p95.forecast, p95.staleness, p95.last]).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('feedback by goal, newest first, none given after the day evaluated', () => {
    const feedback: Feedback[] = [
      { ref: P95, commit: 'a', date: '2026-11-01T10:00:00+00:00', authorName: 'Bo', authorEmail: 'bo@x.test', kind: 'kudos', text: 'nice', replyTo: null },
      { ref: P95, commit: 'b', date: '2026-11-03T10:00:00+00:00', authorName: 'Cy', authorEmail: 'cy@x.test', kind: null, text: 'why?', replyTo: null },
      { ref: 'payments/checkout', commit: 'c', date: '2026-11-02T10:00:00+00:00', authorName: 'Di', authorEmail: 'di@x.test', kind: 'concern', text: 'slow', replyTo: null },
      { ref: P95, commit: 'd', date: '2026-11-20T10:00:00+00:00', authorName: 'Ed', authorEmail: 'ed@x.test', kind: null, text: 'later', replyTo: null },
    ];
    const report = buildReport(input(ws, '2026-11-15', history, { feedback }));
    const checkout = report.teams.find((t) => t.id === 'payments')!.objectives[0]!;
    expect(checkout.feedback.map((f) => f.commit)).toEqual(['c']);
    expect(checkout.keyResults[0]!.feedback.map((f) => f.commit)).toEqual(['b', 'a']);
    expect(report.hasFeedback).toBe(true);
  });

  it('grades: one table per closed cycle in view, with the objectives of that cycle', () => {
    const closed: Cycle = { ...QUARTER, closed: '2027-01-02' };
    const graded = workspace(
      [
        { ref: 'payments/checkout', cycle: 'Q4', alignsTo: 'mission', krs: [{ id: 'p95', start: 900, target: 300, current: 600 }] },
        { ref: 'search/speed', cycle: 'Y', alignsTo: 'mission', krs: [{ id: 'q', start: 0, target: 10, current: 6 }] },
      ],
      [YEAR, closed],
    );
    const report = buildReport(input(graded, '2027-01-05'));
    expect(report.grades.map((g) => [g.cycle.id, g.objectives.map((o) => o.objective.ref)])).toEqual([['Q4', ['payments/checkout']]]);
    expect(buildReport(input(ws, '2026-11-15')).grades).toEqual([]);
  });

  it('cycleDay: the day evaluated as "day N of M", kept within the cycle', () => {
    expect(cycleDay(QUARTER, '2026-10-01')).toEqual({ day: 1, of: 92 });
    expect(cycleDay(QUARTER, '2026-11-25')).toEqual({ day: 56, of: 92 });
    expect(cycleDay(QUARTER, '2027-03-01')).toEqual({ day: 92, of: 92 });
    expect(cycleDay(QUARTER, '2026-01-01')).toEqual({ day: 0, of: 92 });
  });
});
