// What git is in the middle of in a work tree: a merge, rebase, cherry-pick, revert, bisect or am,
// read from the state files git keeps in the (work tree's own) git folder, as git's own prompt
// script does. A commit made meanwhile is rewritten, dropped or mixed into the operation's result.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export type GitOperation = 'rebase' | 'am' | 'merge' | 'cherry-pick' | 'revert' | 'bisect';

/** The operation in progress in the work tree whose git folder is `gitDir`, if any. */
export function operationInProgress(gitDir: string): GitOperation | undefined {
  const has = (name: string) => existsSync(join(gitDir, name));
  if (has('rebase-merge')) return 'rebase';
  if (has('rebase-apply')) return has(join('rebase-apply', 'applying')) ? 'am' : 'rebase';
  if (has('MERGE_HEAD')) return 'merge';
  if (has('CHERRY_PICK_HEAD')) return 'cherry-pick';
  if (has('REVERT_HEAD')) return 'revert';
  // A sequence of picks or reverts paused between commits (no *_HEAD then).
  if (has(join('sequencer', 'todo'))) return /^\s*revert\b/.test(readOrEmpty(join(gitDir, 'sequencer', 'todo'))) ? 'revert' : 'cherry-pick';
  if (has('BISECT_LOG')) return 'bisect';
  return undefined;
}

function readOrEmpty(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}
