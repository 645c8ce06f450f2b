// A sparse checkout (git sparse-checkout, partial clones in CI) leaves some tracked files out of the
// work tree: git marks them skip-worktree and treats them as unchanged. A reader of the work tree
// alone would take them for deleted; these are the files it must read from the index instead.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Repository } from './repository.js';

/** A file git keeps out of the work tree: its path (relative to the top) and the blob the index has. */
export interface SkippedFile {
  readonly path: string;
  readonly mode: string;
  readonly object: string;
}

/**
 * Whether the work tree holding `folder` may be a sparse checkout, from the file system alone (no
 * git process): its git folder has the sparse-checkout patterns file. False outside git.
 */
export function mayBeSparse(folder: string): boolean {
  const gitDir = gitFolderAbove(folder);
  return gitDir !== undefined && existsSync(join(gitDir, 'info', 'sparse-checkout'));
}

/** Tracked files under `paths` (relative to the top) that the sparse checkout leaves out of the work tree. */
export async function skippedFiles(repository: Repository, paths: readonly string[]): Promise<SkippedFile[]> {
  if (!existsSync(join(repository.gitDir, 'info', 'sparse-checkout'))) return [];
  const out = await repository.git.text(['--literal-pathspecs', 'ls-files', '-t', '-s', '-z', '--', ...paths]);
  const skipped: SkippedFile[] = [];
  for (const record of out.split('\0')) {
    // "S <mode> <object> <stage>\t<path>": S is skip-worktree.
    if (!record.startsWith('S ')) continue;
    const tab = record.indexOf('\t');
    const [, mode, object, stage] = record.slice(0, tab).split(' ') as [string, string, string, string];
    const path = record.slice(tab + 1);
    if (stage !== '0' || existsSync(join(repository.top, ...path.split('/')))) continue; // present: the work tree says
    skipped.push({ path, mode, object });
  }
  return skipped;
}

/** The git folder of the work tree holding `start` (a `.git` folder, or the one a `.git` file names). */
function gitFolderAbove(start: string): string | undefined {
  for (let folder = resolve(start); ; folder = dirname(folder)) {
    const dotGit = join(folder, '.git');
    try {
      if (statSync(dotGit).isDirectory()) return dotGit;
      const named = /^gitdir:\s*(.+?)\s*$/m.exec(readFileSync(dotGit, 'utf8'));
      return named ? resolve(folder, named[1]!) : undefined;
    } catch {
      // no .git here
    }
    if (dirname(folder) === folder) return undefined;
  }
}
