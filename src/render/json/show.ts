// `okr show --json`: one goal with every field, its score, what it is aligned to and what is aligned
// to it. `type` says which of the three shapes follows: objective, key_result or mission. Key results
// carry their forecast (SPEC section 10; null without one, and outside git); objectives and key
// results the feedback on them (SPEC section 11; an objective's includes its key results'; null
// outside git).
import type { Feedback } from '../../model/feedback.js';
import type { Forecast } from '../../model/forecast.js';
import type { AlignedScore, GoalDetail } from '../../model/goal-detail.js';
import type { Day, KeyResult, Origin } from '../../model/types.js';
import type { ObjectiveScore } from '../../model/view.js';
import { feedbackJson } from './feedback.js';
import { forecastJson } from './forecast.js';
import { keyResultExtraJson, keyResultJson } from './key-result.js';

/** Where a goal is written: file and 1-based line. */
export type Locate = (origin: Origin) => { file: string; line: number };

function summary(score: ObjectiveScore) {
  const o = score.objective;
  return { ref: o.ref, team: o.team, cycle: o.cycle, title: o.title, progress: score.progress, expected: score.expected, status: score.status, grade: o.grade ?? null };
}

function aligned(list: readonly AlignedScore[]) {
  return list.map((a) => ({ ...summary(a.score), via: a.via ? a.via.ref : null }));
}

export interface ShowJsonContext {
  readonly cycle: string;
  readonly asOf: Day;
  readonly locate: Locate;
  /** A key result's forecast (SPEC section 10); undefined: none (null in the JSON). */
  readonly forecast: (keyResult: KeyResult) => Forecast | undefined;
  /** The feedback on the goal, newest first; undefined outside git (null in the JSON). */
  readonly feedback: readonly Feedback[] | undefined;
}

export function showJson(detail: GoalDetail, context: ShowJsonContext) {
  switch (detail.kind) {
    case 'mission':
      return { type: 'mission', statement: detail.statement, progress: detail.progress, cycle: context.cycle, as_of: context.asOf, aligned: aligned(detail.aligned) };
    case 'objective': {
      const { score, team } = detail;
      const o = score.objective;
      return {
        type: 'objective',
        ref: o.ref,
        team: o.team,
        team_name: team?.name ?? null,
        cycle: o.cycle,
        title: o.title,
        description: o.description ?? null,
        owner: o.owner ?? null,
        owners: o.owner !== undefined ? [o.owner] : [...(team?.owners ?? [])],
        weight: o.weight,
        values: [...o.values],
        ...context.locate(o.origin),
        as_of: context.asOf,
        progress: score.progress,
        expected: score.expected,
        status: score.status,
        grade: o.grade ?? null,
        aligns_to: detail.alignsTo.map((link) => {
          const t = link.target;
          const goal = t?.kind === 'goal' ? t : undefined;
          return {
            raw: link.raw,
            ref: link.ref ?? null,
            found: t !== undefined,
            title: goal ? (goal.keyResult?.title ?? goal.objective.objective.title) : null,
            progress: goal ? (goal.keyResult ? goal.objective.keyResults.find((k) => k.keyResult === goal.keyResult)!.progress : goal.objective.progress) : null,
          };
        }),
        key_results: score.keyResults.map((kr) => ({ ...keyResultJson(kr), ...keyResultExtraJson(kr.keyResult), forecast: forecastJson(context.forecast(kr.keyResult)) })),
        aligned: aligned(detail.aligned),
        feedback: context.feedback?.map(feedbackJson) ?? null,
      };
    }
    case 'key-result': {
      const { objective, keyResult, team } = detail;
      const kr = keyResult.keyResult;
      const o = objective.objective;
      const owner = kr.owner ?? o.owner;
      return {
        type: 'key_result',
        ...keyResultJson(keyResult),
        ...keyResultExtraJson(kr),
        owners: owner !== undefined ? [owner] : [...(team?.owners ?? [])],
        team: o.team,
        cycle: o.cycle,
        ...context.locate(kr.origin),
        as_of: context.asOf,
        expected: objective.expected,
        forecast: forecastJson(context.forecast(kr)),
        objective: summary(objective),
        aligned: aligned(detail.aligned),
        feedback: context.feedback?.map(feedbackJson) ?? null,
      };
    }
  }
}
