// A shallow clone (git clone --depth, CI checkouts with fetch-depth: 1) holds only the newest
// commits: the oldest it has stand in for everything before them, as if every file were added
// there. git lists those commits in the `shallow` file of the repository's (common) git folder.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { commonGitDir } from './common-dir.js';

/** The commits where a shallow clone's history is cut; undefined for a complete repository. */
export function shallowCommits(gitDir: string): ReadonlySet<string> | undefined {
  let text: string;
  try {
    text = readFileSync(join(commonGitDir(gitDir), 'shallow'), 'utf8');
  } catch {
    return undefined;
  }
  const ids = text.split('\n').filter((line) => /^[0-9a-f]{40}([0-9a-f]{24})?$/.test(line));
  return ids.length ? new Set(ids) : undefined;
}

/** What to say after "this is a shallow clone": how to get the rest. */
export const UNSHALLOW_HINT = 'Fetch the whole history: git fetch --unshallow (in GitHub Actions: actions/checkout with fetch-depth: 0).';
