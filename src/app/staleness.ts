// How long each key result has gone without a check-in, from git history: for `okr stale`, the
// `stale-checkin` rule, and the last_checkin, stale and forecast_below_target columns of `okr status`.
// The rule itself is the model's (model/staleness.ts); this pairs each key result with its cycle
// and history.
import { forecastMissesTarget, forecastOf } from '../model/forecast.js';
import { dayOf, type History, type HistoryPoint } from '../model/history.js';
import { isCheckable, type CheckableKeyResult } from '../model/key-results.js';
import { stalenessOf, staleVerdict, type Staleness } from '../model/staleness.js';
import type { CheckinFacts, KeyResultFacts } from '../model/team-status.js';
import type { Day, Objective, Workspace } from '../model/types.js';
import { datedCycles } from '../model/view.js';
import type { LatestChanges } from '../workspace/latest-changes.js';
import { readLatestOrHistory, readWorkspaceHistory } from './goal-history.js';
import type { OpenedWorkspace, ReadOptions, Session } from './session.js';

/** Each key result's staleness on `day` per the workspace's `stale_after_days`, paced by its objective's cycle. */
export function stalenessIndex(workspace: Workspace, history: History, day: Day): (objective: Objective, keyResult: CheckableKeyResult) => Staleness {
  const cycles = datedCycles(workspace);
  return (objective, keyResult) => stalenessOf(keyResult, history, day, workspace.config.staleAfterDays, cycles.get(objective.cycle));
}

/**
 * The history columns of `okr status` (last_checkin, stale, forecast_below_target) on `day`, of
 * `teams` only when given (only their files' history is read). Outside git there is no history,
 * and the columns stay null (unknown).
 */
export async function checkinFacts(
  session: Session,
  opened: OpenedWorkspace,
  day: Day,
  options: ReadOptions,
  teams?: ReadonlySet<string>,
): Promise<CheckinFacts | undefined> {
  const read = await readLatestOrHistory(session, opened, options, teams);
  if (!read) return undefined;
  if ('latest' in read) {
    const facts = checkinFactsOfLatest(opened.workspace, read.latest, day, teams);
    if (facts) return facts;
  }
  // No latest changes at HEAD, a malformed file, or forecasts to make: the history itself.
  const history = 'history' in read ? read.history : await readWorkspaceHistory(session, opened, options, teams);
  return history && checkinFactsOf(opened.workspace, history, day, teams);
}

/** The same columns from a history already read (of `teams` only, when given). */
export function checkinFactsOf(workspace: Workspace, history: History, day: Day, teams?: ReadonlySet<string>): CheckinFacts {
  const days = new Map<string, Day>(); // by point date: a commit's points share theirs
  const lastDay = (ref: string) => {
    const points = history.points.get(ref);
    const date = points?.[points.length - 1]?.date;
    if (date === undefined) return undefined;
    let d = days.get(date);
    if (d === undefined) days.set(date, (d = dayOf(date)));
    return d;
  };
  return factsOf(workspace, { lastDay, points: (ref) => history.points.get(ref), cut: history.cut }, day, teams);
}

/**
 * The same columns from the latest change of each key result (the latest-changes cache): what
 * okr status reads at 10,000 teams instead of decoding the points of 120,000 key results (the
 * points cache: ~220 ms CPU, and peak RSS 340 -> 258 MB). Undefined when the file is malformed, or when a metric
 * of `teams` has enough points for a forecast: those need the points.
 */
export function checkinFactsOfLatest(workspace: Workspace, latest: LatestChanges, day: Day, teams?: ReadonlySet<string>): CheckinFacts | undefined {
  const forecastable = latest.forecastable();
  if (!forecastable || (forecastable.size > 0 && needsForecast(workspace, forecastable, teams))) return undefined;
  const changes = latest.where(() => true);
  if (!changes) return undefined;
  const days = new Map<string, Day>(); // by date: the key results of one commit share theirs
  const lastDay = (ref: string) => {
    const date = changes.get(ref)?.date;
    if (date === undefined) return undefined;
    let d = days.get(date);
    if (d === undefined) days.set(date, (d = dayOf(date)));
    return d;
  };
  // No key result asked for has enough points for a forecast: none is needed.
  return factsOf(workspace, { lastDay, points: () => undefined }, day, teams);
}

/** Whether a metric of `teams` (all when not given), in a dated cycle, is among the forecastable. */
function needsForecast(workspace: Workspace, forecastable: ReadonlySet<string>, teams: ReadonlySet<string> | undefined): boolean {
  const cycles = datedCycles(workspace);
  for (const objective of workspace.objectives) {
    if ((teams && !teams.has(objective.team)) || !cycles.has(objective.cycle)) continue;
    for (const keyResult of objective.keyResults) if (keyResult.kind === 'metric' && forecastable.has(keyResult.ref)) return true;
  }
  return false;
}

/** What factsOf reads of history. */
interface FactsSource {
  /** The day of the key result's latest point; undefined without one. */
  lastDay(ref: string): Day | undefined;
  /** Its points, for a metric's forecast. */
  points(ref: string): readonly HistoryPoint[] | undefined;
  /** A shallow clone's cut. */
  readonly cut?: History['cut'];
}

type MutableFacts = { -readonly [K in keyof KeyResultFacts]: KeyResultFacts[K] };

/**
 * Each reference's facts, for the key results of `teams` (all when not given). One pass over the
 * key results, one record a reference (shared, for the common "checked in, nothing to flag", by
 * the key results of one day) and no string-keyed set per column: 120,000 key results at 10,000
 * teams.
 */
function factsOf(workspace: Workspace, source: FactsSource, day: Day, teams: ReadonlySet<string> | undefined): CheckinFacts {
  const cycles = datedCycles(workspace);
  const { staleAfterDays } = workspace.config;
  const byRef = new Map<string, KeyResultFacts>();
  const plain = new Map<Day, KeyResultFacts>();
  for (const objective of workspace.objectives) {
    if (teams && !teams.has(objective.team)) continue;
    const cycle = cycles.get(objective.cycle);
    for (const keyResult of objective.keyResults) {
      if (!isCheckable(keyResult)) continue;
      const last = source.lastDay(keyResult.ref);
      const cut = last === undefined ? source.cut?.refs.get(keyResult.ref) : undefined;
      // Never changed and nothing cut: no check-in, not stale, no forecast.
      if (last === undefined && cut === undefined) continue;
      const stale = staleVerdict(keyResult, day, staleAfterDays, cycle, last, cut);
      const forecast = last !== undefined && keyResult.kind === 'metric' ? forecastOf(keyResult, source.points(keyResult.ref), cycle, day) : undefined;
      const below = forecast !== undefined && forecastMissesTarget(forecast);
      if (last === undefined && stale === false) continue;
      const known = byRef.get(keyResult.ref);
      if (stale === false && !below) {
        // The common case: checked in, nothing to flag (`last` is set: without it this was skipped
        // above). Another key result of this reference has the same latest day: nothing to add then.
        if (known === undefined) byRef.set(keyResult.ref, plainFacts(plain, last!));
        continue;
      }
      // Copied: a plain record is shared.
      const facts: MutableFacts = known ? { ...known } : { lastCheckin: last, stale: false, unknown: false, forecastBelowTarget: false };
      if (stale === true) facts.stale = true;
      if (stale === null) facts.unknown = true;
      if (below) facts.forecastBelowTarget = true;
      byRef.set(keyResult.ref, facts);
    }
  }
  return { byRef };
}

function plainFacts(plain: Map<Day, KeyResultFacts>, last: Day): KeyResultFacts {
  let facts = plain.get(last);
  if (!facts) plain.set(last, (facts = { lastCheckin: last, stale: false, unknown: false, forecastBelowTarget: false }));
  return facts;
}
