// What `okr close CYCLE` will do, decided against the workspace before anything is written: the
// refusals of SPEC 12 (an unknown or closed cycle, one not yet ended without --early, a --grade that
// names no goal of the cycle), the grades, and the in-place edits (grades in the goal files, `closed:`
// on the cycle in okr.yaml). `okr demo` closes its first quarter with the same plan.
import { DataError, UsageError } from '../errors.js';
import { daysBetween } from '../model/calendar.js';
import { gradeCycle, type ObjectiveGrade } from '../model/grades.js';
import { formatRef, parseRef } from '../model/ids.js';
import { closest } from '../model/suggest.js';
import type { Cycle, Day, GoalRef, Workspace } from '../model/types.js';
import { chooseCycle, makeScorer, viewOf } from '../model/view.js';
import { computeProgress } from '../model/rollup.js';
import type { ScalarEdit } from '../workspace/edit-yaml.js';
import { unknownCycle } from './cycle-view.js';

/** One --grade REF=SCORE, checked for form. */
export interface GivenGrade {
  readonly raw: string;
  readonly ref: Extract<GoalRef, { kind: 'objective' | 'key-result' }>;
  readonly score: number;
}

const GRADE_EXAMPLE = 'Write REF=SCORE with a score from 0 to 1, e.g. --grade payments/faster-checkout=0.7.';

/** Parses the --grade arguments (a usage error for a malformed one, before anything is read). */
export function parseGradeArguments(args: readonly string[]): GivenGrade[] {
  const seen = new Set<string>();
  return args.map((raw) => {
    const eq = raw.lastIndexOf('=');
    if (eq < 0) throw new UsageError(`--grade "${raw}" is not REF=SCORE`, GRADE_EXAMPLE);
    const refText = raw.slice(0, eq).trim();
    const scoreText = raw.slice(eq + 1).trim();
    const ref = parseRef(refText);
    if (!ref || ref.kind === 'mission') throw new UsageError(`--grade "${refText}" is not an objective or key result reference`, GRADE_EXAMPLE);
    const score = /^[+]?(\d+(\.\d*)?|\.\d+)$/.test(scoreText) ? Number(scoreText) : NaN;
    if (!(score >= 0 && score <= 1)) throw new UsageError(`--grade ${refText}: "${scoreText}" is not a score from 0 to 1`, GRADE_EXAMPLE);
    const key = formatRef(ref);
    if (seen.has(key)) throw new UsageError(`--grade ${key} is given twice`, 'Give each goal one score.');
    seen.add(key);
    return { raw, ref, score };
  });
}

export interface CloseRequest {
  readonly cycle: string;
  /** The day the close happens (today): written as `closed:`. */
  readonly today: Day;
  /** Close before the cycle's last day, grading today's progress. */
  readonly early: boolean;
  readonly given: readonly GivenGrade[];
}

export interface ClosePlan {
  readonly cycle: Cycle;
  readonly closedOn: Day;
  /** The day whose progress the grades are. */
  readonly gradedOn: Day;
  readonly early: boolean;
  /** The mission's progress in the view of the cycle on that day. */
  readonly mission: number;
  readonly grades: readonly ObjectiveGrade[];
  /** In-place edits by workspace-relative file, okr.yaml first. */
  readonly edits: ReadonlyMap<string, readonly ScalarEdit[]>;
}

/** Where the new keys go when a mapping has none yet. */
const OBJECTIVE_GRADE_AFTER = ['title'];
const KEY_RESULT_GRADE_AFTER = ['confidence', 'unit', 'current', 'done', 'rollup', 'keep_below', 'keep_above', 'target', 'start', 'title'];
const CLOSED_AFTER = ['end', 'start'];

export function planClose(workspace: Workspace, request: CloseRequest): ClosePlan {
  const cycle = closableCycle(workspace, request);
  const early = request.today < cycle.end;
  const gradedOn = early ? request.today : cycle.end;
  const view = viewOf(workspace, cycle, gradedOn);
  const scorer = makeScorer(workspace, computeProgress(workspace, view.objectives, view.feeding), gradedOn);
  const given = resolveGiven(workspace, cycle, request.given);
  const grades = gradeCycle(view.objectives, cycle, scorer, given);

  const edits = new Map<string, ScalarEdit[]>();
  const add = (file: string, edit: ScalarEdit) => {
    let list = edits.get(file);
    if (!list) edits.set(file, (list = []));
    list.push(edit);
  };
  add(cycle.origin.file, { mapPath: cycle.origin.path, key: 'closed', value: request.today, after: CLOSED_AFTER });
  for (const o of grades) {
    if (o.grade !== o.objective.grade) add(o.objective.origin.file, { mapPath: o.objective.origin.path, key: 'grade', value: o.grade, after: OBJECTIVE_GRADE_AFTER });
    for (const k of o.keyResults)
      if (k.grade !== k.keyResult.grade) add(k.keyResult.origin.file, { mapPath: k.keyResult.origin.path, key: 'grade', value: k.grade, after: KEY_RESULT_GRADE_AFTER });
  }
  return { cycle, closedOn: request.today, gradedOn, early, mission: scorer.progress.mission, grades, edits };
}

/** The cycle to close, or why it cannot be closed. */
function closableCycle(workspace: Workspace, request: CloseRequest): Cycle {
  const choice = chooseCycle(workspace, request.cycle, request.today);
  if (choice.kind === 'unknown') throw unknownCycle(choice);
  if (choice.kind !== 'chosen') {
    const cycle = workspace.config.cycles.find((c) => c.id === request.cycle)!;
    throw new DataError(`cycle "${cycle.id}" has no valid dates (start ${cycle.start}, end ${cycle.end})`, 'Fix its start and end in okr.yaml first; run "okr check" for details.');
  }
  const { cycle } = choice;
  if (cycle.closed !== undefined)
    throw new DataError(`cycle ${cycle.id} is already closed (on ${cycle.closed})`, `Its grades are in the goal files and in the tag okr/${cycle.id}. To close it again, reopen it first: remove its "closed:" line from okr.yaml.`);
  if (request.today < cycle.start)
    throw new DataError(`cycle ${cycle.id} has not started yet (it starts on ${cycle.start})`, 'There is nothing to grade before a cycle starts.');
  if (request.today < cycle.end && !request.early) {
    const left = daysBetween(request.today, cycle.end);
    throw new DataError(
      `cycle ${cycle.id} runs until ${cycle.end} (${left} more day${left === 1 ? '' : 's'})`,
      `Close it on or after its last day, or pass --early to close it now and grade today's progress.`,
    );
  }
  return cycle;
}

/** The --grade scores by the reference of the goal of the cycle they name. */
function resolveGiven(workspace: Workspace, cycle: Cycle, given: readonly GivenGrade[]): Map<string, number> {
  const inCycle = workspace.objectives.filter((o) => o.cycle === cycle.id);
  const refs = inCycle.flatMap((o) => [o.ref, ...o.keyResults.map((k) => k.ref)]);
  const known = new Set(refs);
  const scores = new Map<string, number>();
  for (const g of given) {
    const ref = formatRef(g.ref);
    if (!known.has(ref)) {
      const objectiveRef = `${g.ref.team}/${g.ref.objective}`;
      const elsewhere = workspace.objectives.find((o) => o.ref === objectiveRef && (g.ref.kind === 'objective' || o.keyResults.some((k) => k.ref === ref)));
      if (elsewhere)
        throw new DataError(`--grade ${ref}: it belongs to cycle ${elsewhere.cycle}, not ${cycle.id}`, `Grade only goals of the cycle being closed. Nothing was written.`);
      const near = closest(ref, refs);
      throw new DataError(`--grade ${ref}: no goal of cycle ${cycle.id} has that reference${near ? `; did you mean ${near}?` : ''}`, 'Run "okr tree --cycle ' + cycle.id + '" to see its goals. Nothing was written.');
    }
    scores.set(ref, g.score);
  }
  return scores;
}
