// Recording peer feedback (SPEC section 11) as one commit that changes no file, through the goal
// transaction (lock, fresh workspace, the commit's identity errors). Kept apart from reading it
// (app/feedback.ts): reading must not load the editing machinery (the yaml library) it never uses.
import { DataError, UsageError } from '../errors.js';
import { readCommitsById } from '../git/history-log.js';
import type { Repository } from '../git/repository.js';
import { hasHead, resolveCommit } from '../git/revisions.js';
import { formatValue } from '../model/checkin-message.js';
import { feedbackMessage, feedbackOf, feedbackText, type Feedback, type FeedbackKind, type FeedbackRequest } from '../model/feedback.js';
import type { FoundGoal } from '../model/goal-detail.js';
import { dayOf, type HistoryPoint } from '../model/history.js';
import type { Workspace } from '../model/types.js';
import { parseGoalArgument, requireGoal } from './goal-arguments.js';
import { readHistory } from './goal-history.js';
import { runGoalTransaction } from './goal-transaction.js';
import type { Session } from './session.js';

export const FEEDBACK_WORDS = { noun: 'feedback note', again: 'give the feedback again' } as const;

export interface FeedbackInput {
  /** The goal as given on the command line. */
  readonly ref: string;
  readonly text: string;
  readonly kind: FeedbackKind | undefined;
  /** The check-in answered, as given (a commit id, abbreviated or not, or any revision). */
  readonly replyTo: string | undefined;
}

/** Records the feedback as one commit that changes no file; returns it as read back from git. */
export async function recordFeedback(session: Session, input: FeedbackInput): Promise<Feedback> {
  if (!feedbackText(input.text)) throw new UsageError('the feedback text is empty', 'Say what you think: okr feedback REF -m "TEXT".');
  const repository = await session.requireRepository('Feedback is a git commit');
  if (!(await hasHead(repository.git)))
    throw new DataError('nothing is committed in this repository yet', 'Commit the goal files first: feedback is about goals in the history.');
  const { commit } = await runGoalTransaction(session, { words: FEEDBACK_WORDS, includeChanges: false, commit: true, allowEmpty: true }, async ({ workspace }) => {
    const found = feedbackGoal(workspace, input.ref);
    const ref = found.kind === 'key-result' ? found.keyResult.ref : found.objective.ref;
    const replyTo = input.replyTo === undefined ? undefined : await requireCheckinOf(session, repository, found, ref, input.replyTo);
    const request: FeedbackRequest = { ref, kind: input.kind, text: input.text, replyTo };
    return { edits: new Map(), message: feedbackMessage(request), result: request };
  });
  const [meta] = commit === undefined ? [] : await readCommitsById(repository.git, [commit]);
  const recorded = meta && feedbackOf(meta);
  if (!recorded) throw new Error(`the feedback commit ${commit ?? '(none)'} does not read back as feedback`);
  return recorded;
}

/** The objective or key result feedback is about; the mission and anything else are refused. */
export function feedbackGoal(workspace: Workspace, raw: string): FoundGoal {
  const ref = parseGoalArgument(raw, workspace, 'feedback');
  if (ref.kind === 'mission')
    throw new UsageError('feedback is about an objective, a key result or a check-in, not the mission', 'Name a goal: okr feedback team/objective[/kr] -m "TEXT".');
  return requireGoal(workspace, ref);
}

/** The full id of `raw` when it names a check-in of the goal (of one of its key results, for an objective). */
async function requireCheckinOf(session: Session, repository: Repository, found: FoundGoal, ref: string, raw: string): Promise<string> {
  const id = await resolveCommit(repository.git, raw).catch(() => {
    throw new DataError(`--reply ${raw} names no commit in this repository`, `Name a check-in of ${ref}: "okr history ${ref}" lists them with their commits.`);
  });
  const history = await readHistory({ repository, teams: new Set([found.objective.team]), maxBytes: session.maxFileBytes });
  const keyResults = found.kind === 'key-result' ? [found.keyResult] : found.objective.keyResults;
  // The point that added a key result is where its history starts, not a check-in.
  const checkins = keyResults.flatMap((kr) => (history.points.get(kr.ref) ?? []).filter((p) => p.previous !== undefined && p.ref === kr.ref));
  if (checkins.some((p) => p.commit === id)) return id;
  const latest = checkins.sort((a, b) => Date.parse(b.date) - Date.parse(a.date)).slice(0, 3);
  throw new DataError(
    `--reply ${raw} is not a check-in of ${ref}`,
    latest.length
      ? `Its latest check-ins: ${latest.map(describeCheckin).join('; ')}. "okr history ${ref}" lists them all.`
      : `${ref} has no check-ins yet: leave out --reply to give feedback on the goal itself.`,
  );
}

function describeCheckin(p: HistoryPoint): string {
  const change = p.previous === undefined ? formatValue(p.value) : `${formatValue(p.previous)} → ${formatValue(p.value)}`;
  return `${p.commit.slice(0, 7)} on ${dayOf(p.date)} (${p.ref.split('/').pop()} ${change})`;
}
