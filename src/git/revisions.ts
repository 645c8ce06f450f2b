// Revisions named by the user, resolved to commits: refused when git could read them as options.
import { DataError } from '../errors.js';
import type { Git } from './git.js';

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
