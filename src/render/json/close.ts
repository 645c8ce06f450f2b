// `okr close --json`: the cycle closed, the commit and tag, and every grade with its progress and
// where it came from (progress, given with --grade, or kept as written).
import type { ObjectiveGrade } from '../../model/grades.js';

export interface CloseJsonInput {
  readonly cycle: string;
  readonly closed: string;
  readonly gradedOn: string;
  readonly early: boolean;
  readonly mission: number;
  readonly grades: readonly ObjectiveGrade[];
  readonly commit: string;
  readonly tag: string | undefined;
  readonly files: readonly string[];
}

export function closeJson(input: CloseJsonInput) {
  return {
    cycle: input.cycle,
    closed: input.closed,
    graded_on: input.gradedOn,
    early: input.early,
    commit: input.commit,
    tag: input.tag ?? null,
    files: [...input.files],
    mission: { progress: input.mission },
    objectives: input.grades.map((o) => ({
      ref: o.objective.ref,
      title: o.objective.title,
      grade: o.grade,
      progress: o.progress,
      source: o.source,
      key_results: o.keyResults.map((k) => ({ ref: k.keyResult.ref, title: k.keyResult.title, grade: k.grade, progress: k.progress, source: k.source })),
    })),
  };
}
