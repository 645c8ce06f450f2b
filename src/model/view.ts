// What a read command looks at: the cycle (chosen, or the narrowest one containing today), the
// objectives in view of it, and each goal's score (progress, expected progress, status) on a day.
import { alignmentGraph } from './alignment.js';
import { coversCycle, dayNumber } from './calendar.js';
import { expectedProgress, keyResultStatus, paceStatus, type PaceStatus, type Status } from './pacing.js';
import type { ProgressIndex, RollupFeeding } from './rollup.js';
import { closest } from './suggest.js';
import type { Cycle, Day, KeyResult, Objective, Workspace } from './types.js';

export type CycleChoice =
  | { readonly kind: 'chosen'; readonly cycle: Cycle }
  | { readonly kind: 'unknown'; readonly id: string; readonly suggestion?: string; readonly declared: readonly string[] }
  | { readonly kind: 'invalid-dates'; readonly cycle: Cycle }
  | { readonly kind: 'no-cycles' };

/** A declared cycle whose dates are calendar days in order (others are errors `okr check` reports). */
export function hasValidDates(cycle: Cycle): boolean {
  const start = dayNumber(cycle.start);
  const end = dayNumber(cycle.end);
  return !Number.isNaN(start) && !Number.isNaN(end) && start <= end;
}

/**
 * The cycles objectives are paced against, by id: those of okr.yaml with valid dates, one per id
 * (the first when ids repeat). Whatever asks "which cycle is this objective's" asks here.
 */
export function datedCycles(workspace: Workspace): ReadonlyMap<string, Cycle> {
  return new Map(declaredCycles(workspace).filter(hasValidDates).map((c) => [c.id, c]));
}

/** The cycles of okr.yaml, one per id (the first when ids repeat). */
function declaredCycles(workspace: Workspace): Cycle[] {
  const seen = new Set<string>();
  return workspace.config.cycles.filter((c) => !seen.has(c.id) && seen.add(c.id));
}

const length = (c: Cycle) => dayNumber(c.end) - dayNumber(c.start);

/**
 * `requested` if given; else the narrowest cycle containing `today` (the later-starting one on a
 * tie); else the latest (the one ending last, and of those the narrowest).
 */
export function chooseCycle(workspace: Workspace, requested: string | undefined, today: Day): CycleChoice {
  const declared = declaredCycles(workspace);
  if (requested !== undefined) {
    const cycle = declared.find((c) => c.id === requested);
    if (!cycle) {
      const ids = declared.map((c) => c.id);
      const suggestion = closest(requested, ids);
      return { kind: 'unknown', id: requested, declared: ids, ...(suggestion ? { suggestion } : {}) };
    }
    return hasValidDates(cycle) ? { kind: 'chosen', cycle } : { kind: 'invalid-dates', cycle };
  }
  const valid = declared.filter(hasValidDates);
  if (valid.length === 0) return declared.length ? { kind: 'invalid-dates', cycle: declared[0]! } : { kind: 'no-cycles' };
  const containing = valid.filter((c) => c.start <= today && today <= c.end);
  const pick = (candidates: Cycle[], better: (a: Cycle, b: Cycle) => boolean) =>
    candidates.reduce((best, c) => (better(c, best) ? c : best));
  const cycle = containing.length
    ? pick(containing, (a, b) => length(a) < length(b) || (length(a) === length(b) && a.start > b.start))
    : pick(valid, (a, b) => a.end > b.end || (a.end === b.end && length(a) < length(b)));
  return { kind: 'chosen', cycle };
}

/** The objectives a command shows for one cycle on one day. */
export interface View {
  readonly workspace: Workspace;
  readonly cycle: Cycle;
  readonly asOf: Day;
  /** The cycle's objectives and those of the cycles covering it, one per reference, in file order. */
  readonly objectives: readonly Objective[];
  /** The cycles whose objectives are in view: the chosen one and those covering it, widest first. */
  readonly cycles: readonly Cycle[];
  includes(objective: Objective): boolean;
  /** Which objectives feed a rollup key result in this view (SPEC 9). */
  readonly feeding: RollupFeeding;
}

/**
 * SPEC 9: in the view of a cycle C on a day, a rollup key result is fed by the objectives whose cycle
 * is C, covers C, or lies inside C and has started on the day. So a yearly rollup fed by quarterly
 * objectives counts the quarters begun so far, and a quarter's view counts that quarter's own.
 */
function rollupFeeding(workspace: Workspace, cycle: Cycle, asOf: Day): RollupFeeding {
  const day = dayNumber(asOf);
  const admitted = new Set<string>();
  for (const c of datedCycles(workspace).values())
    if (coversCycle(c, cycle) || (coversCycle(cycle, c) && dayNumber(c.start) <= day)) admitted.add(c.id);
  return { key: `cycles:${[...admitted].sort().join('\n')}`, feeds: (o) => admitted.has(o.cycle) };
}

/** The view of `cycle` (a valid declared cycle) on `asOf`. */
export function viewOf(workspace: Workspace, cycle: Cycle, asOf: Day): View {
  const cycles = declaredCycles(workspace)
    .filter((c) => hasValidDates(c) && coversCycle(c, cycle))
    .sort((a, b) => length(b) - length(a) || (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  const inView = new Set(cycles.map((c) => c.id));
  const objectives = alignmentGraph(workspace).objectives.filter((o) => inView.has(o.cycle));
  const members = new Set(objectives);
  return { workspace, cycle, asOf, objectives, cycles, includes: (o) => members.has(o), feeding: rollupFeeding(workspace, cycle, asOf) };
}

export interface KeyResultScore {
  readonly keyResult: KeyResult;
  readonly progress: number;
  /** Null when pacing is unknown (no valid cycle) and the key result is neither done nor breached. */
  readonly status: Status | null;
}

export interface ObjectiveScore {
  readonly objective: Objective;
  /** The objective's own cycle, when it is declared with valid dates. */
  readonly cycle: Cycle | undefined;
  readonly progress: number;
  /** Expected progress on the day, paced against the objective's own cycle; null without one. */
  readonly expected: number | null;
  /** Null when pacing is unknown (no valid cycle) and the objective is not done. */
  readonly status: PaceStatus | null;
  readonly keyResults: readonly KeyResultScore[];
}

/** Scores objectives on one day, each paced against its own cycle. */
export interface Scorer {
  readonly asOf: Day;
  readonly progress: ProgressIndex;
  score(objective: Objective): ObjectiveScore;
  /** Expected progress on the day for a cycle id (undefined for an unknown or invalid cycle). */
  expectedFor(cycleId: string): number | undefined;
}

/** Without a cycle to pace against, only done and breached can be told. */
function unpacedStatus(keyResult: KeyResult, progress: number): Status | null {
  if (keyResult.kind === 'guardrail') return keyResultStatus(keyResult, progress, 0) === 'breached' ? 'breached' : 'done';
  return progress >= 1 ? 'done' : null;
}

export function makeScorer(workspace: Workspace, progress: ProgressIndex, asOf: Day): Scorer {
  const cycles = datedCycles(workspace);
  const expected = new Map([...cycles.values()].map((c) => [c.id, expectedProgress(c, asOf)]));
  const scores = new Map<Objective, ObjectiveScore>();
  return {
    asOf,
    progress,
    expectedFor: (id) => expected.get(id),
    score(objective) {
      let s = scores.get(objective);
      if (s) return s;
      const cycle = cycles.get(objective.cycle);
      const exp = expected.get(objective.cycle) ?? null;
      const value = progress.ofObjective(objective);
      const keyResultValues = progress.keyResultsOf(objective);
      s = {
        objective,
        cycle,
        progress: value,
        expected: exp,
        status: exp === null ? (value >= 1 ? 'done' : null) : paceStatus(value, exp),
        // map(), not push(): a list made by map() is no longer than it needs to be (the scores of
        // 90,000 objectives live until okr tree --json at 30,000 teams ends: push() cost 5 MB of peak).
        keyResults: objective.keyResults.map((keyResult, i) => {
          const p = keyResultValues[i]!;
          const status = exp !== null ? keyResultStatus(keyResult, p, exp) : unpacedStatus(keyResult, p);
          return { keyResult, progress: p, status };
        }),
      };
      scores.set(objective, s);
      return s;
    },
  };
}
