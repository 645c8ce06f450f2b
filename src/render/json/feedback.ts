// The JSON of peer feedback (SPEC section 11): {ref, commit, date, author, kind, text, reply_to},
// kind and reply_to null when not given; author as `Name <email>`, like history's.
import type { Feedback, FeedbackKind } from '../../model/feedback.js';

export interface FeedbackJson {
  ref: string;
  commit: string;
  date: string;
  author: string;
  kind: FeedbackKind | null;
  text: string;
  reply_to: string | null;
}

export function feedbackJson(f: Feedback): FeedbackJson {
  return { ref: f.ref, commit: f.commit, date: f.date, author: `${f.authorName} <${f.authorEmail}>`, kind: f.kind, text: f.text, reply_to: f.replyTo };
}

/** `okr feedback --json`: the first day listed (null: all of it) and the feedback, newest first. */
export function feedbackListJson(since: string | null, list: readonly Feedback[]) {
  return { since, feedback: list.map(feedbackJson) };
}
