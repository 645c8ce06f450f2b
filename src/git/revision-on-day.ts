// --as-of DAY reads the goals as they were committed on that day: the last commit on or before it
// that touched the workspace, unless the goal files have uncommitted changes (then the work tree
// is what the user is looking at) or nothing changed since (then the work tree is that version).
import type { Day } from '../model/types.js';
import { CONFIG_FILE, TEAMS_DIR } from '../workspace/source.js';
import { runGit } from './process.js';
import { locateInRepository } from './revision-source.js';

export interface CommitOnDay {
  readonly commit: string;
  /** The commit's committer date, YYYY-MM-DD. */
  readonly day: Day;
}

/** The commit to read for --as-of `day`, or undefined to read the work tree. */
export async function commitOnDay(workspaceRoot: string, day: Day): Promise<CommitOnDay | undefined> {
  let location;
  try {
    location = await locateInRepository(workspaceRoot);
  } catch {
    return undefined; // not a repository: only the work tree exists
  }
  const { top, prefix } = location;
  const paths = ['--', `${prefix}${CONFIG_FILE}`, `${prefix}${TEAMS_DIR}`];
  const [status, latest, onDay] = await Promise.all([
    runGit(top, ['status', '--porcelain', '-z', '--untracked-files=all', ...paths]),
    runGit(top, ['rev-list', '-1', 'HEAD', ...paths]),
    runGit(top, ['log', '-1', '--format=%H %cs', `--before=${day} 23:59:59`, 'HEAD', ...paths]),
  ]);
  if (status.code !== 0 || status.stdout.length > 0) return undefined;
  const [commit, committed] = onDay.stdout.toString('utf8').trim().split(' ');
  if (latest.code !== 0 || onDay.code !== 0 || !commit || !committed) return undefined;
  return commit === latest.stdout.toString('utf8').trim() ? undefined : { commit, day: committed };
}
