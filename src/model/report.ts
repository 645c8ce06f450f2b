// The content of `okr report` (SPEC section 14), built once and drawn by the HTML and markdown
// renderers: the mission and its pacing, counts by status, the alignment tree, one section per team
// (attention first, with the reasons it needs attention), each key result's numbers, history chart,
// forecast and feedback, the stale key results, recent check-ins, and the grades of a closed cycle.
// Pure: the caller reads the goals, the history and the feedback; this decides what the page says.
import { alignmentGraph } from './alignment.js';
import type { Feedback } from './feedback.js';
import { dayNumber } from './calendar.js';
import { forecastIndex, forecastMissesTarget, type Forecast } from './forecast.js';
import { checkinsBetween, type History, type HistoryPoint } from './history.js';
import { isCheckable, ownersOf, type CheckableKeyResult } from './key-results.js';
import type { PaceStatus, Status } from './pacing.js';
import { keyResultChart, type KeyResultChart } from './report-chart.js';
import type { Staleness } from './staleness.js';
import { teamStatuses, type CheckinFacts, type TeamStatus } from './team-status.js';
import { buildTree, type AlignmentTree } from './tree.js';
import type { Cycle, Day, KeyResult, Objective, Team } from './types.js';
import { datedCycles, type KeyResultScore, type ObjectiveScore, type Scorer, type View } from './view.js';

/** What the goals were read from: the page says so next to the day. */
export type ReportSource =
  /** A folder outside git. */
  | { readonly kind: 'files' }
  /** The work tree of a repository: its HEAD (null before the first commit), and whether goal files have uncommitted changes. */
  | { readonly kind: 'work-tree'; readonly head: string | null; readonly uncommitted: boolean }
  /** A commit: named by --at (rev), or the one committed on the --as-of day (rev null). */
  | { readonly kind: 'revision'; readonly rev: string | null; readonly commit: string };

/** What the history of the goals says, read from git (absent outside git). */
export interface ReportHistory {
  readonly history: History;
  /** How long each key result has gone without a check-in (the workspace's stale rule). */
  readonly staleness: (objective: Objective, keyResult: CheckableKeyResult) => Staleness;
  /** The history columns of `okr status`. */
  readonly facts: CheckinFacts;
}

export interface ReportInput {
  readonly view: View;
  readonly scorer: Scorer;
  /** --team: the report narrows to this team's line of sight and sections. */
  readonly team?: string;
  readonly source: ReportSource;
  /** Undefined outside git: no charts, staleness, forecasts or recent check-ins (said, not guessed). */
  readonly history?: ReportHistory;
  /** Undefined when feedback could not be read (outside git). */
  readonly feedback?: readonly Feedback[];
  /** Recent check-ins are those from this day to the day evaluated. */
  readonly recentSince: Day;
}

export interface StatusCounts {
  readonly objectives: { readonly total: number } & Readonly<Record<PaceStatus | 'unpaced', number>>;
  readonly keyResults: { readonly total: number } & Readonly<Record<Status | 'unpaced', number>>;
  /** Key results with no check-in for longer than stale_after_days; null without history. */
  readonly stale: number | null;
  /** Metrics whose forecast does not reach the target; null without history. */
  readonly forecastMisses: number | null;
}

/** Why a team needs attention, most pressing first. */
export type Attention =
  | { readonly kind: 'behind'; readonly objective: ObjectiveScore }
  | { readonly kind: 'breached'; readonly objective: Objective; readonly keyResult: KeyResultScore }
  | { readonly kind: 'stale'; readonly objective: Objective; readonly keyResult: KeyResult; readonly days: number }
  | { readonly kind: 'forecast'; readonly objective: Objective; readonly keyResult: KeyResult; readonly forecast: Forecast };

export interface KeyResultSection {
  readonly score: KeyResultScore;
  readonly owners: readonly string[];
  /** How many objectives feed a rollup key result. */
  readonly fedBy: number;
  /** The latest value in history (undefined without history or before the first commit). */
  readonly last: HistoryPoint | undefined;
  readonly staleness: Staleness | undefined;
  readonly forecast: Forecast | undefined;
  readonly chart: KeyResultChart | undefined;
  /** The values it had in its cycle up to the day evaluated (milestones too), oldest first: the sparkline. */
  readonly trend: readonly (number | boolean)[];
  /** Feedback on this key result, newest first. */
  readonly feedback: readonly Feedback[];
}

export interface ObjectiveSection {
  readonly score: ObjectiveScore;
  /** The references it is aligned to, as written. */
  readonly alignsTo: readonly string[];
  readonly keyResults: readonly KeyResultSection[];
  /** Feedback on the objective itself, newest first. */
  readonly feedback: readonly Feedback[];
}

export interface TeamSection {
  readonly id: string;
  readonly team: Team | undefined;
  readonly status: TeamStatus;
  readonly attention: readonly Attention[];
  readonly objectives: readonly ObjectiveSection[];
}

export interface StaleEntry {
  readonly objective: Objective;
  readonly keyResult: KeyResult;
  readonly owners: readonly string[];
  readonly staleness: Staleness;
}

export interface GradeTable {
  readonly cycle: Cycle;
  readonly objectives: readonly ObjectiveScore[];
}

export interface Report {
  readonly organization: string | undefined;
  readonly mission: { readonly statement: string; readonly progress: number };
  readonly cycle: Cycle;
  readonly asOf: Day;
  /** The cycles in view, widest first, with the progress expected of their objectives on the day. */
  readonly cycles: readonly { readonly cycle: Cycle; readonly expected: number }[];
  /** The team the report is narrowed to (--team). */
  readonly team: string | undefined;
  readonly source: ReportSource;
  readonly hasHistory: boolean;
  readonly hasFeedback: boolean;
  readonly staleAfterDays: number;
  readonly counts: StatusCounts;
  readonly tree: AlignmentTree;
  /** Teams with objectives in view, those needing attention first (as `okr status` orders them). */
  readonly teams: readonly TeamSection[];
  /** Teams with no objective in view. */
  readonly idleTeams: readonly { readonly id: string; readonly name: string }[];
  /** Stale key results, longest silent first; null without history. */
  readonly stale: readonly StaleEntry[] | null;
  /** Check-ins from `since` to the day evaluated, newest first; null without history. */
  readonly recent: { readonly since: Day; readonly checkins: readonly HistoryPoint[] } | null;
  /** The grades of each closed cycle in view. */
  readonly grades: readonly GradeTable[];
}

const NONE: readonly never[] = [];

export function buildReport(input: ReportInput): Report {
  const { view, scorer, team } = input;
  const { workspace } = view;
  const graph = alignmentGraph(workspace);
  const cycles = datedCycles(workspace);
  const day = view.asOf;
  const inScope = (o: Objective) => team === undefined || o.team === team;
  const objectives = view.objectives.filter(inScope);
  const history = input.history;
  const forecastOf = history ? forecastIndex(workspace, (ref) => history.history.points.get(ref), day) : undefined;
  const feedbackByRef = groupFeedback(input.feedback ?? NONE, day);

  const keyResultSection = (objective: Objective, score: KeyResultScore): KeyResultSection => {
    const kr = score.keyResult;
    const points = history?.history.points.get(kr.ref) ?? NONE;
    const cycle = cycles.get(objective.cycle);
    const checkable = isCheckable(kr);
    const forecast = checkable ? forecastOf?.(objective, kr) : undefined;
    const staleness = history && isCheckable(kr) ? history.staleness(objective, kr) : undefined;
    return {
      score,
      owners: ownersOf(workspace, objective, kr),
      fedBy: kr.kind === 'rollup' ? graph.feedersOfKeyResult(kr).filter(view.feeding.feeds).length : 0,
      last: points[points.length - 1],
      staleness,
      forecast,
      chart: history ? keyResultChart(kr, points, cycle, day, forecast) : undefined,
      trend: history && cycle ? trendOf(points, cycle, day) : NONE,
      feedback: feedbackByRef.get(kr.ref) ?? NONE,
    };
  };

  const objectiveSection = (objective: Objective): ObjectiveSection => {
    const score = scorer.score(objective);
    return {
      score,
      alignsTo: objective.alignsTo.map((a) => a.raw),
      keyResults: score.keyResults.map((k) => keyResultSection(objective, k)),
      feedback: feedbackByRef.get(objective.ref) ?? NONE,
    };
  };

  const byTeam = new Map<string, ObjectiveSection[]>();
  for (const objective of objectives) {
    let list = byTeam.get(objective.team);
    if (!list) byTeam.set(objective.team, (list = []));
    list.push(objectiveSection(objective));
  }

  const teams: TeamSection[] = [];
  const idleTeams: { id: string; name: string }[] = [];
  for (const status of teamStatuses(view, scorer, history?.facts)) {
    if (team !== undefined && status.team !== team) continue;
    const sections = byTeam.get(status.team);
    if (!sections) {
      idleTeams.push({ id: status.team, name: status.name });
      continue;
    }
    teams.push({ id: status.team, team: workspace.teams.get(status.team), status, attention: attentionOf(sections), objectives: sections });
  }

  const allKeyResults = teams.flatMap((t) => t.objectives.flatMap((o) => o.keyResults.map((k) => ({ objective: o.score.objective, section: k }))));
  const stale: StaleEntry[] | null = history
    ? allKeyResults
        .filter(({ section }) => section.staleness?.stale)
        .map(({ objective, section }) => ({ objective, keyResult: section.score.keyResult, owners: section.owners, staleness: section.staleness! }))
        .sort((a, b) => (b.staleness.days ?? 0) - (a.staleness.days ?? 0) || (a.keyResult.ref < b.keyResult.ref ? -1 : 1))
    : null;

  const tree = buildTree(view, scorer, team === undefined ? {} : { focus: { kind: 'team', team } });
  return {
    organization: workspace.config.organization,
    mission: tree.mission,
    cycle: view.cycle,
    asOf: day,
    cycles: tree.cycles,
    team,
    source: input.source,
    hasHistory: history !== undefined,
    hasFeedback: input.feedback !== undefined,
    staleAfterDays: workspace.config.staleAfterDays,
    counts: countStatuses(teams, history !== undefined),
    tree,
    teams,
    idleTeams,
    stale,
    recent: history ? { since: input.recentSince, checkins: checkinsBetween(history.history, input.recentSince, day, team) } : null,
    grades: view.cycles
      .filter((c) => c.closed !== undefined)
      .map((cycle) => ({ cycle, objectives: objectives.filter((o) => o.cycle === cycle.id).map((o) => scorer.score(o)) }))
      .filter((g) => g.objectives.length > 0),
  };
}

/** The values a key result had in its cycle up to `asOf` (the one it entered the cycle with first). */
function trendOf(points: readonly HistoryPoint[], cycle: Cycle, asOf: Day): (number | boolean)[] {
  const until = cycle.end < asOf ? cycle.end : asOf;
  const values: (number | boolean)[] = [];
  let carried: number | boolean | undefined;
  for (const p of points) {
    const day = p.date.slice(0, 10);
    if (day > until) continue;
    if (day < cycle.start) carried = p.value;
    else values.push(p.value);
  }
  return carried === undefined ? values : [carried, ...values];
}

/** Feedback given up to `asOf`, by the goal it is about, newest first. */
function groupFeedback(feedback: readonly Feedback[], asOf: Day): Map<string, Feedback[]> {
  const byRef = new Map<string, Feedback[]>();
  const newest = feedback
    .filter((f) => f.date.slice(0, 10) <= asOf)
    .map((f, index) => ({ f, index, time: Date.parse(f.date) }))
    .sort((a, b) => b.time - a.time || a.index - b.index);
  for (const { f } of newest) {
    let list = byRef.get(f.ref);
    if (!list) byRef.set(f.ref, (list = []));
    list.push(f);
  }
  return byRef;
}

/** A team's reasons for attention: objectives off track then at risk, breached guardrails, stale key results, forecasts that miss. */
function attentionOf(sections: readonly ObjectiveSection[]): Attention[] {
  const behind = sections
    .map((s) => s.score)
    .filter((s) => s.status === 'off-track' || s.status === 'at-risk')
    .sort((a, b) => (a.status === b.status ? a.progress - (a.expected ?? 0) - (b.progress - (b.expected ?? 0)) : a.status === 'off-track' ? -1 : 1));
  const out: Attention[] = behind.map((objective) => ({ kind: 'behind', objective }));
  for (const s of sections)
    for (const k of s.keyResults) if (k.score.status === 'breached') out.push({ kind: 'breached', objective: s.score.objective, keyResult: k.score });
  for (const s of sections)
    for (const k of s.keyResults)
      if (k.staleness?.stale) out.push({ kind: 'stale', objective: s.score.objective, keyResult: k.score.keyResult, days: k.staleness.days ?? 0 });
  for (const s of sections)
    for (const k of s.keyResults)
      if (k.forecast && forecastMissesTarget(k.forecast))
        out.push({ kind: 'forecast', objective: s.score.objective, keyResult: k.score.keyResult, forecast: k.forecast });
  return out;
}

function countStatuses(teams: readonly TeamSection[], withHistory: boolean): StatusCounts {
  const objectives = { total: 0, done: 0, 'on-track': 0, 'at-risk': 0, 'off-track': 0, unpaced: 0 };
  const keyResults = { total: 0, done: 0, 'on-track': 0, 'at-risk': 0, 'off-track': 0, breached: 0, unpaced: 0 };
  let stale = 0;
  let forecastMisses = 0;
  for (const t of teams)
    for (const o of t.objectives) {
      objectives.total++;
      objectives[o.score.status ?? 'unpaced']++;
      for (const k of o.keyResults) {
        keyResults.total++;
        keyResults[k.score.status ?? 'unpaced']++;
        if (k.staleness?.stale) stale++;
        if (k.forecast && forecastMissesTarget(k.forecast)) forecastMisses++;
      }
    }
  return { objectives, keyResults, stale: withHistory ? stale : null, forecastMisses: withHistory ? forecastMisses : null };
}

/** Whole days the day evaluated is into a cycle, and its length, for "day 56 of 92". */
export function cycleDay(cycle: Cycle, asOf: Day): { readonly day: number; readonly of: number } {
  const of = dayNumber(cycle.end) - dayNumber(cycle.start) + 1;
  const day = Math.min(of, Math.max(0, dayNumber(asOf) - dayNumber(cycle.start) + 1));
  return { day, of };
}
