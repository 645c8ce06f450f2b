// The cycle a command looks at and the day it evaluates: --cycle (else the narrowest cycle
// containing the day, else the latest) and --as-of (else today). One wording, one exit code for a
// cycle that does not exist, whichever command is asked.
import type { Environment } from '../env.js';
import { DataError, UsageError } from '../errors.js';
import { dayFromNumber, dayNumber } from '../model/calendar.js';
import { computeProgress, type RollupFeeding } from '../model/rollup.js';
import type { Day, Workspace } from '../model/types.js';
import { chooseCycle, makeScorer, viewOf, type CycleChoice, type Scorer, type View } from '../model/view.js';

/** The day the command evaluates: --as-of, else today. */
export function evaluationDay(env: Environment, options: { readonly asOf?: string | undefined }): Day {
  return options.asOf ?? env.today;
}

/** The first day a --since (`7d`, `2w`, or a day) lets in, counting back from `day`. */
export function sinceDay(since: { readonly days: number } | { readonly day: Day }, day: Day): Day {
  return 'day' in since ? since.day : dayFromNumber(dayNumber(day) - since.days);
}

/** A usage error (exit 2) for a --cycle that okr.yaml does not declare. */
export function unknownCycle(choice: Extract<CycleChoice, { kind: 'unknown' }>): UsageError {
  return new UsageError(
    `unknown cycle "${choice.id}"${choice.suggestion ? `: did you mean "${choice.suggestion}"?` : ''}`,
    choice.declared.length ? `Cycles declared in okr.yaml: ${choice.declared.join(', ')}.` : 'okr.yaml declares no cycles; add one under "cycles:".',
  );
}

/** The view of the chosen cycle (--cycle, else the narrowest containing the day, else the latest). */
export function chooseView(workspace: Workspace, requested: string | undefined, day: Day): View {
  const choice = chooseCycle(workspace, requested, day);
  switch (choice.kind) {
    case 'chosen':
      return viewOf(workspace, choice.cycle, day);
    case 'unknown':
      throw unknownCycle(choice);
    case 'invalid-dates':
      throw new DataError(
        `cycle "${choice.cycle.id}" has no valid dates (start ${choice.cycle.start}, end ${choice.cycle.end})`,
        'Fix its start and end in okr.yaml (YYYY-MM-DD, start before end); run "okr check" for details.',
      );
    case 'no-cycles':
      throw new DataError('okr.yaml declares no cycles, so there is nothing to pace against', 'Add a cycle under "cycles:" in okr.yaml, e.g. {id: 2026-Q4, start: 2026-10-01, end: 2026-12-31}.');
  }
}

/**
 * Progress and scores on `day`, with mission progress over the objectives of `view` (when given) and
 * rollup key results fed as `feeding` says (default: as the view says; SPEC 9).
 */
export function scorerFor(workspace: Workspace, day: Day, view?: View, feeding: RollupFeeding | undefined = view?.feeding): Scorer {
  return makeScorer(workspace, computeProgress(workspace, view?.objectives, feeding), day);
}
