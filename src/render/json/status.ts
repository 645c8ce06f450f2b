// `okr status --json` (SPEC section 6, plus the cycle and day evaluated and a `breached` count):
// {cycle, closed, as_of, teams: [{team, objectives, progress, grade, at_risk, off_track, breached, last_checkin,
// stale, forecast_below_target}]}: the number of key results whose forecast (SPEC section 10) misses the
// target; null, like last_checkin and stale, when there is no history to tell (outside git).
import type { TeamStatus } from '../../model/team-status.js';
import type { Cycle, Day } from '../../model/types.js';

export interface TeamStatusJson {
  team: string;
  objectives: number;
  progress: number | null;
  /** The weighted mean of the grades of the team's graded objectives in view; null when none is graded. */
  grade: number | null;
  at_risk: number;
  off_track: number;
  breached: number;
  last_checkin: string | null;
  stale: number | null;
  forecast_below_target: number | null;
}

export function statusJson(cycle: Cycle, asOf: Day, rows: readonly TeamStatus[]) {
  return {
    cycle: cycle.id,
    closed: cycle.closed ?? null,
    as_of: asOf,
    teams: rows.map(
      (r): TeamStatusJson => ({
        team: r.team,
        objectives: r.objectives,
        progress: r.progress,
        grade: r.grade,
        at_risk: r.atRisk,
        off_track: r.offTrack,
        breached: r.breached,
        last_checkin: r.lastCheckin,
        stale: r.stale,
        forecast_below_target: r.forecastBelowTarget,
      }),
    ),
  };
}
