// Commits exactly the given files and nothing else: `git commit --only`, which takes those paths'
// work-tree content and leaves whatever else is staged or changed exactly as it was. Plain child
// processes (no simple-git: it waits ~50 ms after each quiet command), git's own errors translated
// into what to do: no identity, a rejecting hook, another git holding the index lock.
import { DataError } from '../errors.js';
import { runGit, type GitResult } from './process.js';

/** Each path's two-letter `git status --porcelain` code (index, work tree); absent when clean. */
export async function pathStatus(top: string, paths: readonly string[]): Promise<Map<string, string>> {
  const result = await runGit(top, ['--literal-pathspecs', 'status', '--porcelain=v1', '-z', '--untracked-files=all', '--no-renames', '--', ...paths]);
  if (result.code !== 0) throw new DataError(`git status failed: ${firstLines(result.stderr)}`, 'Run git status to see what is wrong with the repository.');
  const status = new Map<string, string>();
  for (const record of result.stdout.toString('utf8').split('\0')) if (record.length > 3) status.set(record.slice(3), record.slice(0, 2));
  return status;
}

export interface CommitOptions {
  /** Paths not yet known to git (added with --include-changes): staged first, unstaged again if the commit fails. */
  readonly untracked?: readonly string[];
  /** How long to wait for another git process to release the index lock (default 5 s). */
  readonly waitMs?: number;
}

/** Commits the paths' work-tree content with `message`; returns the new commit id. */
export async function commitFiles(top: string, paths: readonly string[], message: string, options: CommitOptions = {}): Promise<string> {
  const untracked = options.untracked ?? [];
  const deadline = Date.now() + (options.waitMs ?? 5000);
  if (untracked.length) await retryingOnLocks(deadline, () => runGit(top, ['--literal-pathspecs', 'add', '--', ...untracked]));
  const result = await retryingOnLocks(deadline, () =>
    runGit(top, ['--literal-pathspecs', 'commit', '--only', '--quiet', '--cleanup=whitespace', '--no-edit', '-F', '-', '--', ...paths], { input: message }),
  );
  if (result.code !== 0) {
    if (untracked.length) await runGit(top, ['--literal-pathspecs', 'rm', '--cached', '--quiet', '--', ...untracked]);
    throw commitFailure(result);
  }
  const head = await runGit(top, ['rev-parse', 'HEAD']);
  return head.stdout.toString('utf8').trim();
}

const LOCKED = /index\.lock': File exists|cannot lock ref|Unable to create '.*\.lock'/;

async function retryingOnLocks(deadline: number, attempt: () => Promise<GitResult>): Promise<GitResult> {
  for (let delay = 20; ; delay = Math.min(delay * 2, 250)) {
    const result = await attempt();
    if (result.code === 0 || !LOCKED.test(result.stderr) || Date.now() >= deadline) return result;
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}

function commitFailure(result: GitResult): DataError {
  const said = firstLines(result.stderr || result.stdout.toString('utf8'));
  if (/Author identity unknown|Committer identity unknown|unable to auto-detect email|empty ident name|Please tell me who you are/i.test(result.stderr))
    return new DataError(
      'git does not know who you are, and a check-in is a commit with an author',
      'Run: git config --global user.name "Your Name" && git config --global user.email you@example.com (or set GIT_AUTHOR_NAME, GIT_AUTHOR_EMAIL, GIT_COMMITTER_NAME and GIT_COMMITTER_EMAIL).',
    );
  if (LOCKED.test(result.stderr))
    return new DataError(
      `another git process is using this repository: ${said}`,
      'The goal files were restored. Retry when it is done; if no git process is running, delete the .lock file git names.',
    );
  if (/partial commit during a merge/.test(result.stderr))
    return new DataError('a merge is in progress, and git cannot commit single files during a merge', 'Finish the merge (git commit) or abort it (git merge --abort), then check in again. The goal files were restored.');
  return new DataError(`git commit failed: ${said}`, 'The goal files were restored as they were. Fix what git says (a pre-commit hook?) and check in again.');
}

function firstLines(text: string, count = 6): string {
  const lines = text.trim().split('\n').filter((l) => l.trim() !== '');
  return lines.slice(0, count).join(' / ') + (lines.length > count ? ' / …' : '') || 'no message';
}
