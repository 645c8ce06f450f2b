// Commits exactly the given files and nothing else: `git commit --only`, which takes those paths'
// work-tree content and leaves whatever else is staged or changed exactly as it was (with no paths
// and --allow-empty, a commit that changes no file). Through
// simple-git (porcelain). Each path is passed as a literal pathspec, so a folder named like a glob
// is never read as one. A commit git refuses becomes a CommitFailed saying why, for the caller to
// put in its own words.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataError } from '../errors.js';
import type { Git } from './git.js';
import { GitFailed } from './process.js';
import type { Repository } from './repository.js';

const literal = (path: string) => `:(literal)${path}`;

export interface PathStatus {
  /** Each path's two-letter `git status --porcelain` code (index, work tree); absent when clean. */
  readonly codes: ReadonlyMap<string, string>;
  /** HEAD names a commit, not a branch (a commit made now would belong to no branch). */
  readonly detached: boolean;
}

/** The status of some paths, and whether HEAD is detached (one `git status`). */
export async function pathStatus(git: Git, paths: readonly string[], options: { signal?: AbortSignal } = {}): Promise<PathStatus> {
  const codes = new Map<string, string>();
  let result;
  try {
    result = await git.porcelain((porcelain) => porcelain.status(['--untracked-files=all', '--no-renames', '--', ...paths.map(literal)]), options);
  } catch (error) {
    if (!(error instanceof GitFailed)) throw error;
    throw new DataError(`git status failed: ${firstLines(error.result.stderr)}`, 'Run git status to see what is wrong with the repository.');
  }
  for (const file of result.files) codes.set(file.path, `${file.index}${file.working_dir}`);
  return { codes, detached: result.detached };
}

/** Why git refused a commit. */
export type CommitFailureReason = 'no-identity' | 'locked' | 'merge-in-progress' | 'refused';

export class CommitFailed extends Error {
  constructor(
    readonly reason: CommitFailureReason,
    /** The first lines of what git (or a hook) said. */
    readonly said: string,
  ) {
    super(`git commit failed: ${said}`);
  }
}

export interface CommitOptions {
  /** Paths not yet known to git: staged first, unstaged again if the commit fails. */
  readonly untracked?: readonly string[];
  /** How long to wait for another git process to release the index lock (default 5 s). */
  readonly waitMs?: number;
  /**
   * Aborting it ends the commit's git process (and a hook it runs). If the commit was made anyway
   * (git was past updating the branch), its id is returned as for any commit.
   */
  readonly signal?: AbortSignal;
  /**
   * Commit even when nothing changes (feedback: a commit that changes no file). With no paths, the
   * commit has HEAD's tree: `--only` with no paths takes nothing from the index, so whatever is
   * staged stays staged, and out of the commit.
   */
  readonly allowEmpty?: boolean;
}

/** Commits the paths' work-tree content with `message`; returns the new commit id. */
export async function commitFiles(repository: Repository, paths: readonly string[], message: string, options: CommitOptions = {}): Promise<string> {
  const { git } = repository;
  // git refuses `--only` without paths unless the commit may be empty: a caller's slip, not the user's.
  if (paths.length === 0 && !options.allowEmpty) throw new Error('commitFiles: no paths to commit');
  const untracked = options.untracked ?? [];
  const deadline = Date.now() + (options.waitMs ?? 5000);
  // The message goes in a file: a long one (a check-in of a thousand key results) would not fit
  // in an argument. Without --quiet git prints a summary, which also spares simple-git's wait for
  // output that never comes.
  const messageFile = join(repository.gitDir, `OKR_COMMIT_MSG-${process.pid}`);
  const signal = options.signal ? { signal: options.signal } : {};
  const before = await headCommit(git);
  writeFileSync(messageFile, message);
  const unstage = () =>
    untracked.length ? git.porcelain((porcelain) => porcelain.raw(['rm', '--cached', '--quiet', '--', ...untracked.map(literal)])).catch(() => undefined) : undefined;
  try {
    if (untracked.length) await retryingOnLocks(deadline, () => git.porcelain((porcelain) => porcelain.raw(['add', '--', ...untracked.map(literal)]), signal));
    const failure = await retryingOnLocks(deadline, () =>
      git.porcelain(
        (porcelain) =>
          porcelain.raw(['commit', '--only', ...(options.allowEmpty ? ['--allow-empty'] : []), '--cleanup=whitespace', '--no-edit', '-F', messageFile, '--', ...paths.map(literal)]),
        signal,
      ),
    );
    if (failure && !options.signal?.aborted) {
      await unstage();
      throw commitFailure(failure);
    }
    if (failure) throw failure;
  } catch (error) {
    if (error instanceof CommitFailed) throw error;
    // Interrupted: git may have been stopped after it made the commit (in a post-commit hook).
    const after = await headCommit(git);
    if (after !== undefined && after !== before) return after;
    await unstage();
    throw error;
  } finally {
    rmSync(messageFile, { force: true });
  }
  return (await headCommit(git)) ?? '';
}

/** The commit HEAD names; undefined before the first commit. */
async function headCommit(git: Git): Promise<string | undefined> {
  const result = await git.run(['rev-parse', '--verify', '--quiet', 'HEAD']);
  return result.code === 0 ? result.stdout.toString('utf8').trim() : undefined;
}

const LOCKED = /index\.lock': File exists|cannot lock ref|Unable to create '.*\.lock'/;

/** Runs the command until it does not fail on a lock (or time is up); the failure, if any. */
async function retryingOnLocks(deadline: number, attempt: () => Promise<unknown>): Promise<GitFailed | undefined> {
  for (let delay = 20; ; delay = Math.min(delay * 2, 250)) {
    try {
      await attempt();
      return undefined;
    } catch (error) {
      if (!(error instanceof GitFailed)) throw error;
      if (!LOCKED.test(error.result.stderr) || Date.now() >= deadline) return error;
    }
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}

function commitFailure({ result }: GitFailed): CommitFailed {
  const said = firstLines(result.stderr || result.stdout.toString('utf8'));
  if (/Author identity unknown|Committer identity unknown|unable to auto-detect email|empty ident name|Please tell me who you are/i.test(result.stderr))
    return new CommitFailed('no-identity', said);
  if (LOCKED.test(result.stderr)) return new CommitFailed('locked', said);
  if (/partial commit during a merge/.test(result.stderr)) return new CommitFailed('merge-in-progress', said);
  return new CommitFailed('refused', said);
}

function firstLines(text: string, count = 6): string {
  const lines = text.trim().split('\n').filter((l) => l.trim() !== '');
  return lines.slice(0, count).join(' / ') + (lines.length > count ? ' / …' : '') || 'no message';
}
