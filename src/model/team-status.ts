// One row per team for `okr status`: how many objectives it has in view, their weighted progress, how
// many are behind, and (from git history, when given) its last check-in, stale key results and
// forecasts that miss their target.
import { weightedMean } from './progress.js';
import type { Day, Team } from './types.js';
import type { Scorer, View } from './view.js';

/** What the check-in history says about the key results with one reference `team/objective/kr`. */
export interface KeyResultFacts {
  /** The day of the latest check-in; undefined when the history has none. */
  readonly lastCheckin: Day | undefined;
  /** No check-in for longer than `checkins.stale_after_days`. */
  readonly stale: boolean;
  /** Staleness cannot be known (the last change is older than a shallow clone's history). */
  readonly unknown: boolean;
  /** A metric whose forecast (SPEC section 10) does not reach the target. */
  readonly forecastBelowTarget: boolean;
}

/**
 * What the check-in history says about key results, by reference: read from git by the caller; the
 * model only aggregates it. A reference the history says nothing about is absent. Key results that
 * share a reference (an objective carried over into another cycle, or ids repeated in a broken
 * workspace) share its facts: stale when one of them is.
 */
export interface CheckinFacts {
  readonly byRef: ReadonlyMap<string, KeyResultFacts>;
}

export interface TeamStatus {
  readonly team: string;
  readonly name: string;
  /** Objectives of the team in view. */
  readonly objectives: number;
  /** Weighted mean of those objectives' progress (objective weights); null with no objectives. */
  readonly progress: number | null;
  /** Weighted mean of the grades of those that are graded (a closed cycle); null when none is. */
  readonly grade: number | null;
  readonly done: number;
  readonly onTrack: number;
  readonly atRisk: number;
  readonly offTrack: number;
  /** Guardrail key results whose bound does not hold. */
  readonly breached: number;
  /** Null when no check-in history was read, or none of the team's check-ins is in it. */
  readonly lastCheckin: Day | null;
  /** Null when no check-in history was read, or it cannot tell for one of the team's key results (a shallow clone). */
  readonly stale: number | null;
  /** Key results whose forecast misses the target: trouble before the pace line shows it. Null without history. */
  readonly forecastBelowTarget: number | null;
}

/**
 * Every team's row, teams that need attention first: most objectives off track, then most guardrails
 * breached, most at risk, most stale key results, most forecasts below target, lowest progress; teams
 * with no objectives in view last; ties by team id.
 */
export function teamStatuses(view: View, scorer: Scorer, checkins?: CheckinFacts): TeamStatus[] {
  type Weighted = { value: number; weight: number }[];
  type Row = { -readonly [K in keyof TeamStatus]: TeamStatus[K] } & { weighted: Weighted; graded: Weighted };
  const byTeam = new Map<string, Row>();
  const row = (id: string, team?: Team): Row => {
    let r = byTeam.get(id);
    if (!r)
      byTeam.set(
        id,
        (r = {
          team: id,
          name: team?.name ?? id,
          objectives: 0,
          progress: null,
          grade: null,
          done: 0,
          onTrack: 0,
          atRisk: 0,
          offTrack: 0,
          breached: 0,
          lastCheckin: null,
          stale: checkins ? 0 : null,
          forecastBelowTarget: checkins ? 0 : null,
          weighted: [],
          graded: [],
        }),
      );
    return r;
  };
  for (const [id, team] of view.workspace.teams) row(id, team);
  const unknown = new Set<string>();

  for (const objective of view.objectives) {
    const r = row(objective.team);
    const score = scorer.score(objective);
    r.objectives++;
    r.weighted.push({ value: score.progress, weight: objective.weight });
    if (objective.grade !== undefined) r.graded.push({ value: objective.grade, weight: objective.weight });
    if (score.status === 'done') r.done++;
    else if (score.status === 'on-track') r.onTrack++;
    else if (score.status === 'at-risk') r.atRisk++;
    else if (score.status === 'off-track') r.offTrack++;
    for (const kr of score.keyResults) {
      if (kr.status === 'breached') r.breached++;
      // One look-up a key result: 120,000 at 10,000 teams.
      const facts = checkins?.byRef.get(kr.keyResult.ref);
      if (facts === undefined) continue;
      const last = facts.lastCheckin;
      if (last !== undefined && (r.lastCheckin === null || last > r.lastCheckin)) r.lastCheckin = last;
      if (facts.stale) r.stale = (r.stale ?? 0) + 1;
      if (facts.unknown) unknown.add(r.team);
      if (facts.forecastBelowTarget) r.forecastBelowTarget = (r.forecastBelowTarget ?? 0) + 1;
    }
  }

  const rows: TeamStatus[] = [...byTeam.values()].map(({ weighted, graded, ...r }) => ({
    ...r,
    progress: weightedMean(weighted) ?? null,
    grade: weightedMean(graded) ?? null,
    stale: unknown.has(r.team) ? null : r.stale,
  }));
  return rows.sort(byAttention);
}

function byAttention(a: TeamStatus, b: TeamStatus): number {
  if ((a.objectives === 0) !== (b.objectives === 0)) return a.objectives === 0 ? 1 : -1;
  return (
    b.offTrack - a.offTrack ||
    b.breached - a.breached ||
    b.atRisk - a.atRisk ||
    (b.stale ?? 0) - (a.stale ?? 0) ||
    (b.forecastBelowTarget ?? 0) - (a.forecastBelowTarget ?? 0) ||
    (a.progress ?? 0) - (b.progress ?? 0) ||
    (a.team < b.team ? -1 : a.team > b.team ? 1 : 0)
  );
}
