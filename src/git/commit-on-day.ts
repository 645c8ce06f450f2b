// --as-of DAY reads what was committed on that day: the last commit on or before it that touched
// the given paths, unless they have uncommitted changes (then the work tree is what the user is
// looking at) or nothing touched them since (then the work tree is that version).
import { DataError } from '../errors.js';
import type { Day } from '../model/types.js';
import type { Git } from './git.js';
import { UNSHALLOW_HINT } from './shallow.js';

export interface CommitOnDay {
  readonly commit: string;
  /** The commit's committer date, YYYY-MM-DD. */
  readonly day: Day;
}

/**
 * The commit to read for `day`, or undefined to read the work tree. `paths` are relative to the top.
 * In a shallow clone whose history starts after `day`, what was committed then is unknown: a DataError.
 */
export async function commitOnDay(git: Git, paths: readonly string[], day: Day, options: { shallow?: boolean } = {}): Promise<CommitOnDay | undefined> {
  const pathspec = ['--', ...paths];
  const [clean, latest, onDay] = await Promise.all([
    // A read: the raw door (git status prints nothing when the paths are clean).
    git.run(['status', '--porcelain', '-z', '--untracked-files=all', ...pathspec]).then((s) => s.code === 0 && s.stdout.length === 0, () => false),
    git.run(['rev-list', '-1', 'HEAD', ...pathspec]),
    git.run(['log', '-1', '--format=%H %cs', `--before=${day} 23:59:59`, 'HEAD', ...pathspec]),
  ]);
  if (!clean) return undefined;
  const [commit, committed] = onDay.stdout.toString('utf8').trim().split(' ');
  if (options.shallow && latest.code === 0 && onDay.code === 0 && !commit)
    throw new DataError(`as of ${day}: this shallow clone's history starts after that day, so the goals as committed then are not in it`, UNSHALLOW_HINT);
  if (latest.code !== 0 || onDay.code !== 0 || !commit || !committed) return undefined;
  return commit === latest.stdout.toString('utf8').trim() ? undefined : { commit, day: committed };
}
