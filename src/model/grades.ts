// Closing a cycle (SPEC 12): the grade of every objective and key result of the cycle, from its
// progress on the day graded unless the owner gave a score of their own (or wrote one in the file
// before the close). Pure: a scored view in, grades out.
import { weightedMean } from './progress.js';
import type { Cycle, Day, KeyResult, Objective, Workspace } from './types.js';
import { datedCycles, type Scorer } from './view.js';

/** The trailer that marks a close commit; `okr check` finds the commit by it. */
export const CLOSE_TRAILER = 'Okr-Close';

/** The annotated tag on a cycle's close commit. */
export function closeTagName(cycle: string): string {
  return `okr/${cycle}`;
}

/** Where a grade comes from: computed from progress, given with --grade, or already in the file. */
export type GradeSource = 'progress' | 'given' | 'kept';

export interface KeyResultGrade {
  readonly keyResult: KeyResult;
  readonly grade: number;
  readonly progress: number;
  readonly source: GradeSource;
}

export interface ObjectiveGrade {
  readonly objective: Objective;
  readonly grade: number;
  readonly progress: number;
  readonly source: GradeSource;
  readonly keyResults: readonly KeyResultGrade[];
}

/** The day a cycle was closed, when its objectives' cycle is declared closed. */
export function closedOn(workspace: Workspace, cycleId: string): Day | undefined {
  return datedCycles(workspace).get(cycleId)?.closed;
}

/** A score as okr writes it: two decimals, rounded down as percentages are shown (69.9% grades 0.69). */
export function roundGrade(score: number): number {
  return Math.floor(Math.min(1, Math.max(0, score)) * 100 + 1e-9) / 100;
}

/**
 * Grades the objectives of `cycle` with the scorer of its view on the day graded. `given` holds the
 * owners' own scores by reference (`team/objective` or `team/objective/kr`). An objective's grade,
 * unless given or kept, is the weighted mean of its key results' scores (their progress, or the
 * scores given for them), so an owner's score for a key result counts in its objective's.
 */
export function gradeCycle(objectives: readonly Objective[], cycle: Cycle, scorer: Scorer, given: ReadonlyMap<string, number>): ObjectiveGrade[] {
  return objectives
    .filter((o) => o.cycle === cycle.id)
    .map((objective) => {
      const score = scorer.score(objective);
      const keyResults = score.keyResults.map((k): KeyResultGrade & { exact: number } => {
        const own = given.get(k.keyResult.ref);
        if (own !== undefined) return { keyResult: k.keyResult, grade: own, exact: own, progress: k.progress, source: 'given' };
        if (k.keyResult.grade !== undefined) return { keyResult: k.keyResult, grade: k.keyResult.grade, exact: k.keyResult.grade, progress: k.progress, source: 'kept' };
        return { keyResult: k.keyResult, grade: roundGrade(k.progress), exact: k.progress, progress: k.progress, source: 'progress' };
      });
      const own = given.get(objective.ref);
      const mean = weightedMean(keyResults.map((k) => ({ value: k.exact, weight: k.keyResult.weight }))) ?? 0;
      const [grade, source]: [number, GradeSource] =
        own !== undefined ? [own, 'given'] : objective.grade !== undefined ? [objective.grade, 'kept'] : [roundGrade(mean), 'progress'];
      return { objective, grade, progress: score.progress, source, keyResults: keyResults.map(({ exact: _exact, ...k }) => k) };
    });
}
