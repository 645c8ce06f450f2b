// Revisions named by the user, resolved to commits: refused when git could read them as options.
import { DataError } from '../errors.js';
import type { Git } from './git.js';
import { GitFailed } from './process.js';

/** Resolves a revision to a commit id; refuses revisions that could be read as options. */
export async function resolveCommit(git: Git, rev: string): Promise<string> {
  if (rev.startsWith('-') || rev.includes('\0'))
    throw new DataError(`not a valid revision: ${rev}`, 'Name a commit, branch or tag, e.g. --at main or --at HEAD~3.');
  const result = await git.run(['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`]);
  if (result.code !== 0) {
    if (/^(HEAD|@)([~^].*)?$/.test(rev) && !(await hasHead(git)))
      throw new DataError(`the repository has no commits yet: ${rev} names no commit`, 'Make a first commit (git add, then git commit), then name a revision.');
    throw new DataError(`unknown revision: ${rev}`, 'Name a commit, branch or tag that exists in this repository (see git log).');
  }
  return result.stdout.toString('utf8').trim();
}

/** Whether the repository has a commit yet (an empty one has no HEAD). */
export async function hasHead(git: Git): Promise<boolean> {
  return (await git.run(['rev-parse', '--verify', '--quiet', 'HEAD'])).code === 0;
}

/** Whether HEAD names a commit rather than a branch (a commit made now would be on no branch). */
export async function headIsDetached(git: Git): Promise<boolean> {
  return (await git.run(['symbolic-ref', '--quiet', 'HEAD'])).code !== 0;
}

/** The commit HEAD names, or undefined in a repository with no commits yet. */
export async function headCommit(git: Git): Promise<string | undefined> {
  const result = await git.run(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']);
  return result.code === 0 ? result.stdout.toString('utf8').trim() : undefined;
}

/** Whether `ancestor` is `commit` or one of its ancestors (false when either is unknown). */
export async function isAncestor(git: Git, ancestor: string, commit: string): Promise<boolean> {
  return (await git.run(['merge-base', '--is-ancestor', '--end-of-options', ancestor, commit])).code === 0;
}

/**
 * For each commit, the newest commit reachable from it (itself included) that touched `paths`, or
 * undefined when none did: where a log limited to those paths rewrites a parent to.
 */
export async function nearestTouching(git: Git, commits: readonly string[], paths: readonly string[]): Promise<Map<string, string | undefined>> {
  const found = new Map<string, string | undefined>();
  for (const commit of commits) {
    const result = await git.run(['--literal-pathspecs', 'rev-list', '-1', '--end-of-options', commit, '--', ...paths]);
    if (result.code !== 0) throw new GitFailed(['rev-list', commit], result);
    found.set(commit, result.stdout.toString('utf8').trim() || undefined);
  }
  return found;
}

/**
 * The committer dates (seconds since the epoch) of the first `count` commits git log walks from
 * `commits` (newest committer date first, each line's parents after their children); none where
 * there is nothing to walk (HEAD in a repository with no commits yet).
 */
export async function walkedCommitDates(git: Git, commits: readonly string[], count: number): Promise<number[]> {
  const result = await git.run(['log', `--max-count=${count}`, '--format=%ct', '--end-of-options', ...commits, '--']);
  if (result.code !== 0) return [];
  return result.stdout.toString('utf8').split('\n').filter((line) => line !== '').map(Number);
}
