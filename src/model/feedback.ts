// Peer feedback (SPEC section 11): a commit that changes no file, whose message says what it is about
// (`Okr-Feedback: REF`), of which kind, and which check-in it answers; and the reverse, reading
// feedback back from commits, filtering it, and threading replies under their check-in. Pure.
import { commitNote, sanitizeNote } from './checkin-message.js';
import { dayOf, type CommitMeta } from './history.js';
import { parseRef } from './ids.js';
import type { Day } from './types.js';

export const FEEDBACK_KINDS = ['kudos', 'question', 'concern', 'suggestion'] as const;
export type FeedbackKind = (typeof FEEDBACK_KINDS)[number];

export const FEEDBACK_TRAILER = {
  feedback: 'Okr-Feedback',
  kind: 'Okr-Kind',
  replyTo: 'Okr-Reply-To',
} as const;

/** What `okr feedback REF -m TEXT` records. */
export interface FeedbackRequest {
  /** `team/objective` or `team/objective/kr`: a goal that exists. */
  readonly ref: string;
  readonly kind: FeedbackKind | undefined;
  /** The text as the user wrote it (sanitized into the message). */
  readonly text: string;
  /** The full id of the check-in commit answered. */
  readonly replyTo: string | undefined;
}

/** The text as it will be committed; empty means there is nothing to say (refused). */
export function feedbackText(text: string): string {
  return sanitizeNote(text);
}

/** `feedback(payments): kudos on faster-checkout/p95-latency` (the kind left out when none is given). */
export function feedbackSubject(request: Pick<FeedbackRequest, 'ref' | 'kind'>): string {
  const slash = request.ref.indexOf('/');
  const team = request.ref.slice(0, slash);
  const goal = request.ref.slice(slash + 1);
  return `feedback(${team}): ${request.kind ? `${request.kind} on ` : ''}${goal}`;
}

/**
 * The whole message: subject, text (a line that could end the message early is indented, as in a
 * check-in note, so the text cannot pass for trailers), and the trailer block, last, where git's
 * trailer parser reads it.
 */
export function feedbackMessage(request: FeedbackRequest): string {
  const trailers = [`${FEEDBACK_TRAILER.feedback}: ${request.ref}`];
  if (request.kind) trailers.push(`${FEEDBACK_TRAILER.kind}: ${request.kind}`);
  if (request.replyTo) trailers.push(`${FEEDBACK_TRAILER.replyTo}: ${request.replyTo}`);
  return `${feedbackSubject(request)}\n\n${feedbackText(request.text)}\n\n${trailers.join('\n')}\n`;
}

/** One piece of feedback, as read from its commit. */
export interface Feedback {
  readonly ref: string;
  readonly commit: string;
  /** ISO 8601 author date, in the author's offset. */
  readonly date: string;
  readonly authorName: string;
  readonly authorEmail: string;
  readonly kind: FeedbackKind | null;
  readonly text: string;
  /** The check-in commit answered (as written: a full id, or an abbreviation by hand), or null. */
  readonly replyTo: string | null;
}

const isKind = (value: string): value is FeedbackKind => (FEEDBACK_KINDS as readonly string[]).includes(value);
const COMMIT_ID = /^[0-9a-f]{4,64}$/;

/**
 * The feedback a commit records, from the trailers git parsed out of its final trailer block (so a
 * line in the text is never a trailer): the first `Okr-Feedback` naming an objective or key result,
 * in a commit whose subject says it is feedback. (A squash merge puts several commits' messages in one
 * body under the pull request's title, where the last one's trailers would otherwise pass for the
 * whole body's: such a commit is not feedback.) A kind okr does not know is null; so is a reply-to
 * that is not a commit id.
 */
export function feedbackOf(commit: CommitMeta): Feedback | undefined {
  if (!commit.subject.startsWith('feedback(')) return undefined;
  let ref: string | undefined;
  let kind: FeedbackKind | null = null;
  let replyTo: string | null = null;
  for (const { key, value } of commit.trailers) {
    const k = key.toLowerCase();
    const v = value.trim();
    if (k === 'okr-feedback') {
      if (ref !== undefined) continue;
      const parsed = parseRef(v);
      if (parsed && parsed.kind !== 'mission') ref = v;
    } else if (k === 'okr-kind') {
      const lower = v.toLowerCase();
      if (kind === null && isKind(lower)) kind = lower;
    } else if (k === 'okr-reply-to') {
      const lower = v.toLowerCase();
      if (replyTo === null && COMMIT_ID.test(lower)) replyTo = lower;
    }
  }
  if (ref === undefined) return undefined;
  return {
    ref,
    commit: commit.id,
    date: commit.authorDate,
    authorName: commit.authorName,
    authorEmail: commit.authorEmail,
    kind,
    text: commitNote(commit.body),
    replyTo,
  };
}

/** Which feedback to list: about a goal (an objective includes its key results), a team, since a day. */
export interface FeedbackFilter {
  /** `team/objective` or `team/objective/kr`. */
  readonly ref?: string;
  readonly team?: string;
  /** The first day listed (the author's own day). */
  readonly since?: Day;
  /** The last day listed. */
  readonly until?: Day;
}

export function matchesFeedback(feedback: Feedback, filter: FeedbackFilter): boolean {
  if (filter.ref !== undefined && feedback.ref !== filter.ref && !feedback.ref.startsWith(`${filter.ref}/`)) return false;
  if (filter.team !== undefined && !feedback.ref.startsWith(`${filter.team}/`)) return false;
  const day = dayOf(feedback.date);
  if (filter.since !== undefined && day < filter.since) return false;
  if (filter.until !== undefined && day > filter.until) return false;
  return true;
}

/** Newest first by author date (git's order among equals). */
export function newestFirst(list: readonly Feedback[]): Feedback[] {
  return list
    .map((feedback, index) => ({ feedback, index, time: Date.parse(feedback.date) }))
    .sort((a, b) => b.time - a.time || a.index - b.index)
    .map((x) => x.feedback);
}

/** Feedback on its own, or the replies to one check-in (newest first), placed by the newest reply. */
export type FeedbackThread =
  | { readonly kind: 'single'; readonly feedback: Feedback }
  | { readonly kind: 'replies'; readonly replyTo: string; readonly replies: readonly Feedback[] };

/** Threads `list` (newest first): replies to the same check-in together, where the newest of them is. */
export function threadFeedback(list: readonly Feedback[]): FeedbackThread[] {
  const threads: FeedbackThread[] = [];
  const byCheckin = new Map<string, Feedback[]>();
  for (const feedback of newestFirst(list)) {
    if (feedback.replyTo === null) {
      threads.push({ kind: 'single', feedback });
      continue;
    }
    let replies = byCheckin.get(feedback.replyTo);
    if (!replies) {
      byCheckin.set(feedback.replyTo, (replies = []));
      threads.push({ kind: 'replies', replyTo: feedback.replyTo, replies });
    }
    replies.push(feedback);
  }
  return threads;
}
