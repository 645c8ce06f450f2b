// How long each key result has gone without a check-in, from git history: for `okr stale`, the
// `stale-checkin` rule, and the last_checkin, stale and forecast_below_target columns of `okr status`.
// The rule itself is the model's (model/staleness.ts); this pairs each key result with its cycle
// and history.
import { forecastMissesTarget, forecastOf } from '../model/forecast.js';
import { dayOf, type History } from '../model/history.js';
import { isCheckable, type CheckableKeyResult } from '../model/key-results.js';
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
  const cycles = datedCycles(workspace);
  const { staleAfterDays } = workspace.config;
  const lastCheckin = new Map<string, Day>();
  const stale = new Set<string>();
  const forecastBelowTarget = new Set<string>();
  const unknown = new Set<string>();
  // Each objective's cycle looked up once, each key result's points once for its forecast, and no
  // list of (objective, key result) pairs: 120,000 key results at 10,000 teams.
  for (const objective of workspace.objectives) {
    if (teams && !teams.has(objective.team)) continue;
    const cycle = cycles.get(objective.cycle);
    for (const keyResult of objective.keyResults) {
      if (!isCheckable(keyResult)) continue;
      const { last, stale: isStale } = stalenessOf(keyResult, history, day, staleAfterDays, cycle);
      if (last) lastCheckin.set(keyResult.ref, dayOf(last.date));
      if (isStale) stale.add(keyResult.ref);
      else if (isStale === null) unknown.add(keyResult.ref);
      const f = last && forecastOf(keyResult, history.points.get(keyResult.ref), cycle, day);
      if (f && forecastMissesTarget(f)) forecastBelowTarget.add(keyResult.ref);
    }
  }
  return { lastCheckin, stale, unknown, forecastBelowTarget };
}
