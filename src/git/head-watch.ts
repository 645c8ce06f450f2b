// Noticing that HEAD moved (a commit, a checkout, a reset, a pull, a rebase) without asking git over
// and over: the files git changes then are watched, by their folders, since git replaces them by
// renaming a lock file over them (a watch on the file itself would end with the first rename):
// HEAD in the git folder, the branch HEAD names, and packed-refs. An event only says "look again";
// whether HEAD really names another commit is asked of git (`headCommit`).
import { watch, type FSWatcher } from 'node:fs';
import { dirname, join } from 'node:path';
import { commonGitDir } from './common-dir.js';
import type { Git } from './git.js';
import type { Repository } from './repository.js';

export interface Watching {
  close(): void;
}

/** Calls `onEvent` when a file that moves HEAD changes; a folder that cannot be watched is skipped. */
export async function watchHead(repository: Repository, onEvent: () => void): Promise<Watching> {
  const { git, gitDir } = repository;
  const common = commonGitDir(gitDir);
  const branch = await git.run(['symbolic-ref', '--quiet', 'HEAD']);
  const names = new Map<string, Set<string>>();
  const add = (path: string) => {
    const dir = dirname(path);
    const name = path.slice(dir.length + 1);
    const set = names.get(dir);
    if (set) set.add(name);
    else names.set(dir, new Set([name]));
  };
  add(join(gitDir, 'HEAD'));
  add(join(common, 'packed-refs'));
  const ref = branch.code === 0 ? branch.stdout.toString('utf8').trim() : '';
  if (ref.startsWith('refs/')) add(join(common, ...ref.split('/')));
  const watchers: FSWatcher[] = [];
  for (const [dir, wanted] of names) {
    try {
      const watcher = watch(dir, { persistent: true }, (_event, name) => {
        if (name === null || wanted.has(String(name))) onEvent();
      });
      watcher.on('error', () => watcher.close());
      watchers.push(watcher);
    } catch {
      // A folder that does not exist yet (no loose refs) cannot be watched; packed-refs and HEAD still are.
    }
  }
  return { close: () => watchers.forEach((w) => w.close()) };
}

/** The commit HEAD names now, or undefined before the first commit. */
export async function headCommit(git: Git): Promise<string | undefined> {
  const result = await git.run(['rev-parse', '--verify', '--quiet', 'HEAD']);
  return result.code === 0 ? result.stdout.toString('utf8').trim() : undefined;
}
