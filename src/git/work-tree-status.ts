// What git knows of the files under some paths of the work tree, without reading them: the blob id
// the index has for each tracked file, which of those differ from the work tree (git's stat
// cache, `git diff-files`), and which files it does not track. Together they tell which files are
// exactly a blob git already has — so what okr learnt from that blob before still holds — and
// which must be read from disk.
import type { Git } from './git.js';

export interface IndexedFile {
  /** Relative to the repository's top, with "/" separators. */
  readonly path: string;
  readonly mode: string;
  readonly object: string;
  /**
   * Whether git vouches that the work tree has exactly this blob: a stage-0 entry git compares with
   * the work tree (not assume-unchanged or skip-worktree: git does not look at those) and
   * `git diff-files` finds unchanged.
   */
  readonly clean: boolean;
}

export interface WorkTreeStatus {
  /** The index's entries under the paths, in git's order. */
  readonly indexed: readonly IndexedFile[];
  /** Files under the paths git does not track, ignored ones included. */
  readonly untracked: readonly string[];
}

/**
 * The index entries under `paths` (relative to the top) with whether each is clean, and the untracked
 * files there: three git processes, run side by side. Undefined when git cannot say (a failing
 * command, a path that is not UTF-8): the caller then reads the work tree itself.
 */
export async function workTreeStatus(git: Git, paths: readonly string[]): Promise<WorkTreeStatus | undefined> {
  const literal = ['--literal-pathspecs'];
  const [listed, changed, others] = await Promise.all([
    git.run([...literal, 'ls-files', '-s', '-v', '-z', '--', ...paths]),
    git.run([...literal, 'diff-files', '--name-only', '-z', '--', ...paths]),
    git.run([...literal, 'ls-files', '-o', '-z', '--', ...paths]),
  ]);
  if (listed.code !== 0 || changed.code !== 0 || others.code !== 0) return undefined;
  const texts = [listed.stdout, changed.stdout, others.stdout].map((bytes) => bytes.toString('utf8'));
  if (texts.some((text) => text.includes('\uFFFD'))) return undefined; // a path git gave as bytes that are not UTF-8
  const [listing, dirtyText, untrackedText] = texts as [string, string, string];
  const dirty = new Set(records(dirtyText));
  const indexed: IndexedFile[] = [];
  for (const record of records(listing)) {
    // "<tag> <mode> <object> <stage>\t<path>": tag H is a file git compares with the work tree
    // (lower case: assume-unchanged; S: skip-worktree; M, C, R, ...: unmerged and the like).
    const modeAt = record.indexOf(' ') + 1;
    const objectAt = record.indexOf(' ', modeAt) + 1;
    const stageAt = record.indexOf(' ', objectAt) + 1;
    const tab = record.indexOf('\t', stageAt);
    if (modeAt !== 2 || objectAt === 0 || stageAt === 0 || tab !== stageAt + 1) return undefined;
    const path = record.slice(tab + 1);
    const clean = record.charCodeAt(0) === 72 /* H */ && record.charCodeAt(stageAt) === 48 /* 0 */ && !dirty.has(path);
    indexed.push({ path, mode: record.slice(modeAt, objectAt - 1), object: record.slice(objectAt, stageAt - 1), clean });
  }
  return { indexed, untracked: records(untrackedText) };
}

function records(text: string): string[] {
  return text.split('\0').filter((record) => record !== '');
}
