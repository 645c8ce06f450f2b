// How long each key result has gone without a check-in, from git history: for `okr stale`, the
// `stale-checkin` rule, and the last_checkin, stale and forecast_below_target columns of `okr status`.
// The rule itself is the model's (model/staleness.ts); this pairs each key result with its cycle
// and history.
import { forecastIndex, forecastMissesTarget } from '../model/forecast.js';
import { dayOf, type History } from '../model/history.js';
import { checkableKeyResults, type CheckableKeyResult } from '../model/key-results.js';
import { stalenessOf, type Staleness } from '../model/staleness.js';
import type { CheckinFacts } from '../model/team-status.js';
import type { Day, Objective, Workspace } from '../model/types.js';
import { datedCycles } from '../model/view.js';
import { readWorkspaceHistory } from './goal-history.js';
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
  const history = await readWorkspaceHistory(session, opened, options, teams);
  return history && checkinFactsOf(opened.workspace, history, day, teams);
}

/** The same columns from a history already read (of `teams` only, when given). */
export function checkinFactsOf(workspace: Workspace, history: History, day: Day, teams?: ReadonlySet<string>): CheckinFacts {
  const staleness = stalenessIndex(workspace, history, day);
  const forecast = forecastIndex(workspace, (ref) => history.points.get(ref), day);
  const lastCheckin = new Map<string, Day>();
  const stale = new Set<string>();
  const forecastBelowTarget = new Set<string>();
  const unknown = new Set<string>();
  const objectives = teams ? workspace.objectives.filter((o) => teams.has(o.team)) : workspace.objectives;
  for (const { objective, keyResult } of checkableKeyResults(objectives)) {
    const points = history.points.get(keyResult.ref);
    const last = points?.[points.length - 1];
    if (last) lastCheckin.set(keyResult.ref, dayOf(last.date));
    const { stale: isStale } = staleness(objective, keyResult);
    if (isStale) stale.add(keyResult.ref);
    else if (isStale === null) unknown.add(keyResult.ref);
    const f = forecast(objective, keyResult);
    if (f && forecastMissesTarget(f)) forecastBelowTarget.add(keyResult.ref);
  }
  return { lastCheckin, stale, unknown, forecastBelowTarget };
}
