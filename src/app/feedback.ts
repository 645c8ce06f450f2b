// Reading peer feedback from git (SPEC section 11): one `git log` for the commits with an
// Okr-Feedback line, whose final trailer block decides, and the check-ins the replies answer.
// Recording it is app/feedback-record.ts.
import { readCommitsById, readCommitsWithTrailer } from '../git/history-log.js';
import type { Repository } from '../git/repository.js';
import { resolveCommit } from '../git/revisions.js';
import { feedbackOf, FEEDBACK_TRAILER, type Feedback } from '../model/feedback.js';
import type { CommitMeta } from '../model/history.js';
import type { LoadedWorkspace } from '../workspace/load.js';

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
 * The feedback on the teams of the upstream and members a workspace shows (SPEC 13): a feedback
 * commit lives in the repository that owns the goal and travels with its history, as its check-ins
 * do. Read from each one's history at the commit its goals were read from, on its own teams only;
 * empty when the workspace shows no other repository. This repository's own is readFeedback's.
 */
export async function readRemoteFeedback(repository: Repository, opened: Pick<LoadedWorkspace, 'workspace' | 'remoteCommits'>): Promise<Feedback[]> {
  if (!opened.remoteCommits?.size) return [];
  const owned = new Map<string, Set<string>>();
  for (const team of opened.workspace.teams.values()) {
    if (team.repository === undefined) continue;
    let teams = owned.get(team.repository);
    if (!teams) owned.set(team.repository, (teams = new Set()));
    teams.add(team.id);
  }
  const reads: Promise<Feedback[]>[] = [];
  for (const [remote, commit] of opened.remoteCommits) {
    const teams = owned.get(remote);
    if (teams) reads.push(readFeedback(repository, commit).then((list) => list.filter((f) => teams.has(f.ref.slice(0, f.ref.indexOf('/'))))));
  }
  return (await Promise.all(reads)).flat();
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
