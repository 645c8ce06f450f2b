// Recording check-ins (`okr checkin`, `okr measure`, the interactive prompt): the planned new values
// become in-place edits of the goal files and one commit with a block of Okr-* trailers per key
// result, through the goal-file transaction.
import { DataError } from '../errors.js';
import type { CheckinEntry } from '../model/checkin-message.js';
import { checkinMessage } from '../model/checkin-message.js';
import { closedOn } from '../model/grades.js';
import { currentValue, unitOf, type CheckableKeyResult } from '../model/key-results.js';
import type { KeyResultValue, Objective } from '../model/types.js';
import type { ScalarEdit } from '../workspace/edit-yaml.js';
import { runGoalTransaction, type PlanContext, type TransactionResult } from './goal-transaction.js';
import type { Session } from './session.js';

/** One key result's new value, as a command planned it against the freshly loaded workspace. */
export interface CheckinPlan {
  readonly objective: Objective;
  readonly keyResult: CheckableKeyResult;
  readonly value: KeyResultValue;
  readonly confidence?: number;
  /** `FILE#POINTER` when `okr measure` read the value. */
  readonly source?: string;
}

export interface RecordOptions {
  readonly note: string | undefined;
  readonly includeChanges: boolean;
  /** False with --no-commit: edit the files only. */
  readonly commit: boolean;
}

export interface RecordedCheckins {
  /** The key results whose value or confidence changed, in the order planned. */
  readonly recorded: readonly CheckinEntry[];
  /** Key results planned with the value (and confidence) they already had. */
  readonly unchanged: readonly CheckinPlan[];
}

export type RecordResult = TransactionResult<RecordedCheckins>;

export type Planner = (context: PlanContext) => readonly CheckinPlan[] | Promise<readonly CheckinPlan[]>;

export const CHECKIN_WORDS = { noun: 'check-in', again: 'check in again' } as const;

export function recordCheckins(session: Session, options: RecordOptions, plan: Planner): Promise<RecordResult> {
  return runGoalTransaction(session, { words: CHECKIN_WORDS, includeChanges: options.includeChanges, commit: options.commit }, async (context) => {
    const plans = await plan(context);
    refuseClosed(context, plans);
    const changed = plans.filter(changes);
    const edits = new Map<string, ScalarEdit[]>();
    for (const p of changed) {
      const file = p.keyResult.origin.file;
      let list = edits.get(file);
      if (!list) edits.set(file, (list = []));
      list.push(...editsOf(p));
    }
    const recorded = changed.map(entryOf);
    return { edits, message: checkinMessage(recorded, options.note), result: { recorded, unchanged: plans.filter((p) => !changes(p)) } };
  });
}

/** A closed cycle's numbers are frozen (SPEC 12): no check-in, by hand, prompt or measure. */
function refuseClosed({ workspace }: PlanContext, plans: readonly CheckinPlan[]): void {
  for (const p of plans) {
    const closed = closedOn(workspace, p.objective.cycle);
    if (closed === undefined) continue;
    throw new DataError(
      `${p.keyResult.ref} belongs to cycle ${p.objective.cycle}, closed on ${closed}: a closed cycle's numbers are frozen`,
      `Nothing was written. Carry the objective over to the next cycle (okr plan NEXT --from ${p.objective.cycle}) and check in there; to change the closed cycle, reopen it by removing its "closed:" line from okr.yaml.`,
    );
  }
}

function changes(p: CheckinPlan): boolean {
  return p.value !== currentValue(p.keyResult) || (p.confidence !== undefined && p.confidence !== p.keyResult.confidence);
}

function editsOf(p: CheckinPlan): ScalarEdit[] {
  const mapPath = p.keyResult.origin.path;
  const edits: ScalarEdit[] = [];
  if (p.value !== currentValue(p.keyResult)) {
    if (p.keyResult.kind === 'milestone') edits.push({ mapPath, key: 'done', value: p.value, after: [] });
    else edits.push({ mapPath, key: 'current', value: p.value, after: ['target', 'start', 'keep_below', 'keep_above'] });
  }
  if (p.confidence !== undefined && p.confidence !== p.keyResult.confidence)
    edits.push({ mapPath, key: 'confidence', value: p.confidence, after: ['unit', 'current', 'done', 'target', 'start', 'keep_below', 'keep_above'] });
  return edits;
}

function entryOf(p: CheckinPlan): CheckinEntry {
  const kr = p.keyResult;
  const unit = unitOf(kr);
  return {
    ref: kr.ref,
    team: p.objective.team,
    keyResultId: kr.id,
    previous: currentValue(kr),
    value: p.value,
    ...(unit ? { unit } : {}),
    ...(p.confidence !== undefined ? { confidence: p.confidence } : {}),
    ...(p.source !== undefined ? { source: p.source } : {}),
  };
}
