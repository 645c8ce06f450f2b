// How long each key result has gone without a check-in, from git history: for `okr stale`, the
// `stale-checkin` rule, and the last_checkin, stale and forecast_below_target columns of `okr status`.
// The rule itself is the model's (model/staleness.ts); this pairs each key result with its cycle
// and history.
import { forecastMissesTarget, forecastOf } from '../model/forecast.js';
import { daysBetween } from '../model/calendar.js';
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
  const checkedIn = new Map<string, KeyResultFacts>();
  const plain = new Map<string, KeyResultFacts>(); // by point date: a commit's points share theirs
  for (const [ref, points] of history.points) {
    const date = points[points.length - 1]?.date;
    if (date === undefined) continue;
    let facts = plain.get(date);
    if (!facts) plain.set(date, (facts = plainFacts(dayOf(date))));
    checkedIn.set(ref, facts);
  }
  return factsOf(workspace, checkedIn, { points: (ref) => history.points.get(ref), cut: history.cut }, day, teams);
}

/**
 * The same columns from the latest change of each key result (the latest-changes cache): what
 * okr status reads at 10,000 teams instead of decoding the points of 120,000 key results (the
 * points cache: ~220 ms CPU, and peak RSS 340 -> 258 MB). Undefined when the file is malformed, or
 * when a metric of `teams` has enough points for a forecast: those need the points.
 */
export function checkinFactsOfLatest(workspace: Workspace, latest: LatestChanges, day: Day, teams?: ReadonlySet<string>): CheckinFacts | undefined {
  const forecastable = latest.forecastable();
  if (!forecastable || (forecastable.size > 0 && needsForecast(workspace, forecastable, teams))) return undefined;
  const checkedIn = latest.every((change) => plainFacts(dayOf(change.date)));
  // No key result asked for has enough points for a forecast: none is made.
  return checkedIn && factsOf(workspace, checkedIn, {}, day, teams);
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

/** What factsOf reads of history besides each key result's latest day. */
interface FactsSource {
  /** A key result's points, for a metric's forecast; absent where no forecast can be made. */
  readonly points?: (ref: string) => readonly HistoryPoint[] | undefined;
  /** A shallow clone's cut. */
  readonly cut?: History['cut'];
}

type MutableFacts = { -readonly [K in keyof KeyResultFacts]: KeyResultFacts[K] };

const plainFacts = (lastCheckin: Day): KeyResultFacts => ({ lastCheckin, stale: false, unknown: false, forecastBelowTarget: false });

/**
 * Each reference's facts, for the key results of `teams` (all when not given; a row of another team
 * is not shown). `checkedIn` comes with a record for every reference with a latest change ("checked
 * in on that day, nothing to flag", one record a commit) and becomes the answer: a key result
 * changed within stale_after_days, without a forecast to make, has nothing to add to it, and is
 * passed over with one look-up. The others are judged, and their reference gets a record of its
 * own. At 10,000 teams that is 120,000 key results: no string-keyed set per column, no record per
 * key result.
 */
function factsOf(workspace: Workspace, checkedIn: Map<string, KeyResultFacts>, source: FactsSource, day: Day, teams: ReadonlySet<string> | undefined): CheckinFacts {
  const cycles = datedCycles(workspace);
  const { staleAfterDays } = workspace.config;
  const fresh = new Map<Day, boolean>(); // by latest day: nothing changed since then is stale yet
  const isFresh = (last: Day) => {
    let f = fresh.get(last);
    // As staleVerdict counts (never below 0); false where a day does not read (NaN): judged then.
    if (f === undefined) fresh.set(last, (f = Math.max(0, daysBetween(last, day)) <= staleAfterDays));
    return f;
  };
  const own = new Set<KeyResultFacts>(); // the records made for one reference (the others are shared)
  const notCheckable: string[] = [];
  for (const objective of workspace.objectives) {
    if (teams && !teams.has(objective.team)) continue;
    const cycle = cycles.get(objective.cycle);
    for (const keyResult of objective.keyResults) {
      const known = checkedIn.get(keyResult.ref);
      if (!isCheckable(keyResult)) {
        if (known !== undefined) notCheckable.push(keyResult.ref);
        continue;
      }
      const last = known?.lastCheckin;
      const forecasts = source.points !== undefined && keyResult.kind === 'metric' && last !== undefined;
      // Changed within stale_after_days and no forecast to make: nothing to add (most key results).
      if (last !== undefined && !forecasts && isFresh(last)) continue;
      const cut = last === undefined ? source.cut?.refs.get(keyResult.ref) : undefined;
      // Never changed and nothing cut: no check-in, not stale, no forecast.
      if (last === undefined && cut === undefined) continue;
      const stale = staleVerdict(keyResult, day, staleAfterDays, cycle, last, cut);
      const forecast = forecasts ? forecastOf(keyResult, source.points!(keyResult.ref), cycle, day) : undefined;
      const below = forecast !== undefined && forecastMissesTarget(forecast);
      if (stale === false && !below) continue;
      let facts = known as MutableFacts | undefined;
      if (facts === undefined || !own.has(facts)) {
        facts = { lastCheckin: last, stale: false, unknown: false, forecastBelowTarget: false, ...known };
        own.add(facts);
        checkedIn.set(keyResult.ref, facts);
      }
      if (stale === true) facts.stale = true;
      if (stale === null) facts.unknown = true;
      if (below) facts.forecastBelowTarget = true;
    }
  }
  // A reference only key results without check-ins have (a rollup) says nothing of them, unless a
  // key result that has them shares it (ids repeated in a broken workspace).
  if (notCheckable.length > 0) {
    const shared = new Set<string>();
    const asked = new Set(notCheckable);
    for (const objective of workspace.objectives) {
      if (teams && !teams.has(objective.team)) continue;
      for (const keyResult of objective.keyResults) if (isCheckable(keyResult) && asked.has(keyResult.ref)) shared.add(keyResult.ref);
    }
    for (const ref of asked) if (!shared.has(ref)) checkedIn.delete(ref);
  }
  return { byRef: checkedIn };
}
