// Reading peer feedback from git (SPEC section 11): one `git log` for the commits with an
// Okr-Feedback line, whose final trailer block decides, and the check-ins the replies answer.
// Recording it is app/feedback-record.ts.
import { readCommitsById, readCommitsWithTrailer } from '../git/history-log.js';
import type { Repository } from '../git/repository.js';
import { resolveCommit } from '../git/revisions.js';
import { feedbackOf, FEEDBACK_TRAILER, type Feedback } from '../model/feedback.js';
import type { CommitMeta } from '../model/history.js';

/** Every piece of feedback in the history of `at` (default HEAD), newest first as git walks it. */
export async function readFeedback(repository: Repository, at?: string): Promise<Feedback[]> {
  const rev = at === undefined ? 'HEAD' : await resolveCommit(repository.git, at);
  const commits = await readCommitsWithTrailer(repository.git, { rev, key: FEEDBACK_TRAILER.feedback });
  const list: Feedback[] = [];
  for (const commit of commits) {
    const feedback = feedbackOf(commit);
    if (feedback) list.push(feedback);
  }
  return list;
}

/**
 * The check-ins the replies answer, by the id their feedback names (abbreviations included); those
 * not in the repository (rebased away, or never fetched) are absent.
 */
export async function answeredCheckins(repository: Repository, list: readonly Feedback[]): Promise<ReadonlyMap<string, CommitMeta>> {
  const ids = [...new Set(list.flatMap((f) => (f.replyTo === null ? [] : [f.replyTo])))];
  const found = await readCommitsById(repository.git, ids);
  const full = new Map(found.map((c) => [c.id, c]));
  const byId = new Map<string, CommitMeta>();
  for (const id of ids) {
    // Only an abbreviation written by hand needs the search.
    const meta = full.get(id) ?? found.find((c) => c.id.startsWith(id));
    if (meta) byId.set(id, meta);
  }
  return byId;
}
