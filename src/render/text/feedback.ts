// Peer feedback for people: each piece with its day, kind, goal, author and commit, the text below
// it; replies gathered under the check-in they answer. Text from git (notes, names, subjects) is
// shown with control characters escaped: feedback is anyone's text.
import type { Feedback, FeedbackKind, FeedbackThread } from '../../model/feedback.js';
import { dayOf, type CommitMeta } from '../../model/history.js';
import { printable } from '../diff/words.js';
import type { Paint } from '../paint.js';
import { truncate } from './progress-cells.js';

export interface FeedbackTextContext {
  /** The check-ins answered, by the id the replies name (absent: not in the repository). */
  readonly checkins: ReadonlyMap<string, CommitMeta>;
  /** How a piece names its goal: the whole reference in a list, less where the goal is known. */
  readonly goalLabel: (ref: string) => string;
  readonly paint: Paint;
}

function kindWord(kind: FeedbackKind | null, paint: Paint): string {
  switch (kind) {
    case 'kudos':
      return paint.green('kudos');
    case 'question':
      return paint.cyan('question');
    case 'concern':
      return paint.yellow('concern');
    case 'suggestion':
      return paint.blue('suggestion');
    case null:
      return 'feedback';
  }
}

/** `2026-11-21  kudos on payments/faster-checkout/p95-latency  Dee Doe  abcdef0`, then the text. */
function piece(f: Feedback, indent: string, context: FeedbackTextContext): string[] {
  const { paint } = context;
  const goal = context.goalLabel(f.ref);
  const head = [dayOf(f.date), `${kindWord(f.kind, paint)}${goal ? ` on ${goal}` : ''}`, truncate(printable(f.authorName), 32), paint.dim(f.commit.slice(0, 7))];
  // Paragraphs run on: a blank line is what separates one piece from the next.
  const text = f.text.split('\n').filter((line) => line.trim() !== '');
  return [`${indent}${head.join('  ')}`, ...text.map((line) => `${indent}    ${printable(line)}`)];
}

function threadHeader(replyTo: string, context: FeedbackTextContext): string {
  const { paint } = context;
  const checkin = context.checkins.get(replyTo);
  if (!checkin) return paint.dim(`re ${replyTo.slice(0, 7)}: not in this repository's history (rebased away, or not fetched)`);
  return `${paint.dim('re check-in')} ${paint.dim(checkin.id.slice(0, 7))} ${paint.dim(`by ${truncate(printable(checkin.authorName), 32)} on ${dayOf(checkin.authorDate)}:`)} ${printable(checkin.subject)}`;
}

/** The threads as lines, a blank line between two; at most `limit` pieces of feedback. */
export function renderFeedbackThreads(threads: readonly FeedbackThread[], context: FeedbackTextContext, indent = '', limit = Infinity): string[] {
  const lines: string[] = [];
  let shown = 0;
  for (const thread of threads) {
    if (shown >= limit) break;
    if (lines.length) lines.push('');
    if (thread.kind === 'single') {
      lines.push(...piece(thread.feedback, indent, context));
      shown++;
      continue;
    }
    lines.push(`${indent}${threadHeader(thread.replyTo, context)}`);
    for (const reply of thread.replies) {
      if (shown >= limit) break;
      lines.push(...piece(reply, `${indent}  `, context));
      shown++;
    }
  }
  return lines;
}

/** `okr feedback`: a header line, the threads, and a count. */
export function renderFeedbackList(what: string, since: string | null, threads: readonly FeedbackThread[], total: number, context: FeedbackTextContext): string {
  const { paint } = context;
  const header = paint.dim(`feedback ${what}${since ? ` since ${since}` : ''}, newest first; replies under the check-in they answer`);
  if (total === 0) {
    const hint = since ? 'none in that time: try a longer --since (e.g. --since 90d)' : 'none yet: okr feedback REF -m "TEXT" gives some';
    return `${header}\n\n${paint.dim(hint)}\n`;
  }
  const footer = paint.dim(`${total} piece${total === 1 ? '' : 's'} of feedback`);
  return [header, '', ...renderFeedbackThreads(threads, context), '', footer].join('\n') + '\n';
}

/** How many pieces `okr show` prints before pointing at `okr feedback REF`. */
const SHOW_LIMIT = 5;

/** The "Feedback" block of `okr show`: the newest pieces, threaded; where to see the rest. */
export function renderShowFeedback(ref: string, threads: readonly FeedbackThread[], total: number, context: FeedbackTextContext): string {
  const { paint } = context;
  const lines = ['', paint.bold('Feedback')];
  if (total === 0) lines.push(paint.dim(`  none yet: okr feedback ${ref} -m "TEXT" gives some`));
  else {
    lines.push(...renderFeedbackThreads(threads, context, '  ', SHOW_LIMIT));
    if (total > SHOW_LIMIT) lines.push(paint.dim(`  ${total - SHOW_LIMIT} more: okr feedback ${ref} lists all ${total}`));
  }
  return lines.join('\n') + '\n';
}

/** What `okr feedback REF -m TEXT` says it recorded. */
export function renderFeedbackRecorded(f: Feedback, checkin: CommitMeta | undefined, paint: Paint): string {
  const reply = f.replyTo === null ? '' : ` in reply to check-in ${f.replyTo.slice(0, 7)}${checkin ? ` (${printable(checkin.subject)})` : ''}`;
  return `${paint.green('recorded')} ${kindWord(f.kind, paint)} on ${f.ref}${reply} as ${f.commit.slice(0, 7)}\n${paint.dim('It is a commit that changes no file: push it to share it (git push).')}\n`;
}
