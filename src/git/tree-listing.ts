// The files of a commit's tree under some paths (one `git ls-tree`), with their object ids, so their
// contents can be read from git objects without touching the work tree.
import type { Git } from './git.js';

export interface TreeEntry {
  readonly mode: string;
  readonly type: string;
  readonly object: string;
  readonly size: number;
  /** Relative to the repository's top, with "/" separators. */
  readonly path: string;
}

/** Every file under `paths` in a commit's tree (paths relative to the top). */
export async function listTree(git: Git, commit: string, paths: readonly string[]): Promise<TreeEntry[]> {
  const out = await git.text(['ls-tree', '-r', '-z', '--long', '--full-tree', commit, '--', ...paths]);
  const entries: TreeEntry[] = [];
  for (const record of out.split('\0')) {
    if (!record) continue;
    const tab = record.indexOf('\t');
    const [mode, type, object, size] = record.slice(0, tab).split(/ +/) as [string, string, string, string];
    entries.push({ mode, type, object, size: Number(size), path: record.slice(tab + 1) });
  }
  return entries;
}

/** A symbolic link's mode in a tree. */
export const LINK_MODE = '120000';
