// The first steps of okr check --cache, in a module light enough to load before the checks: git is
// asked about the work tree (three processes, side by side) while the cache is read and the rest of
// okr check loads. See cached-check.ts for what follows.
import { lstatSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import type { Repository } from '../git/repository.js';
import { headCommit } from '../git/revisions.js';
import { shallowCommits } from '../git/shallow.js';
import { mayBeSparse } from '../git/sparse-checkout.js';
import { workTreeStatus, type WorkTreeStatus } from '../git/work-tree-status.js';
import { VERSION } from '../version.js';
import { buildFingerprint } from '../workspace/cache-file.js';
import { readCheckCache, type CheckCacheKey, type ReadCheckCache } from '../workspace/check-cache.js';
import { CONFIG_FILE, ignoredFilesOf, listedPaths, readableNameOf, roleOf, TEAMS_DIR, type RawFile } from '../workspace/source.js';
import type { ReadOptions, Session } from './session.js';

/** A goal file as git lists it: the blob the index has for it, and whether git vouches that the work tree has exactly that. */
export interface ListedFile {
  readonly file: string;
  readonly blob?: string;
  readonly vouched: boolean;
  readonly isLink: boolean;
  /** A file okr does not read but warns of (2026-Q4.yml): the warning. Such files come after the goal files, as a folder listing has them. */
  readonly ignored?: RawFile;
}

/** What okr check --cache starts from: the repository, the cache (if any is valid), the goal files as git sees them, HEAD. */
export interface CacheBegun {
  readonly repository: Repository;
  readonly key: CheckCacheKey;
  readonly cache: ReadCheckCache | undefined;
  readonly listed: readonly ListedFile[];
  readonly head: string | undefined;
}

/**
 * Begins okr check --cache; undefined where the cache does not apply: outside git, with --at or
 * --as-of, in a sparse checkout or a shallow clone, or where git's view of the files may differ from
 * okr's (links, repositories inside).
 */
export async function beginCachedCheck(session: Session, options: ReadOptions): Promise<CacheBegun | undefined> {
  if (options.at !== undefined || options.asOf !== undefined) return undefined;
  const repository = await session.repository();
  if (!repository || mayBeSparse(session.root) || shallowCommits(repository.gitDir) !== undefined) return undefined;
  const asked = Promise.all([workTreeStatus(repository.git, listedPaths(repository.prefix)), headCommit(repository.git)]);
  // The cache is read while git looks at the work tree.
  const key: CheckCacheKey = { okr: `${VERSION}+${buildFingerprint()}`, root: realpathSync(session.root), prefix: repository.prefix, maxBytes: session.maxFileBytes };
  const cache = readCheckCache(repository.gitDir, key);
  const [status, head] = await asked;
  const listed = status && listGoalFiles(status, repository.prefix, session.root);
  return listed && { repository, key, cache, listed, head };
}

/**
 * The goal files okr would list in the work tree, from git's view of it, in okr's order; undefined
 * where that view may differ from a listing of the folder: a link or a repository among the team
 * folders (okr follows links that stay in the workspace; git does not look through them).
 */
function listGoalFiles(status: WorkTreeStatus, prefix: string, root: string): ListedFile[] | undefined {
  const byFile = new Map<string, ListedFile>();
  const others = new Set<string>(); // files okr may warn of (readableNameOf)
  const folderLike = (file: string) => file === TEAMS_DIR || (file.startsWith(`${TEAMS_DIR}/`) && file.split('/').length === 2);
  const read = (file: string, blob?: string): ListedFile | undefined => {
    let stats;
    try {
      stats = lstatSync(join(root, ...file.split('/')));
    } catch {
      return undefined; // deleted: not there to list
    }
    if (!stats.isFile() && !stats.isSymbolicLink()) return undefined;
    return { file, vouched: false, isLink: stats.isSymbolicLink(), ...(blob !== undefined && stats.isFile() ? { blob } : {}) };
  };
  for (const entry of status.indexed) {
    if (!entry.path.startsWith(prefix)) continue;
    const file = entry.path.slice(prefix.length);
    if (entry.mode === '160000' || (entry.mode === '120000' && folderLike(file))) return undefined;
    if (!roleOf(file)) {
      if (readableNameOf(file) !== undefined && read(file)) others.add(file);
      continue;
    }
    const regular = entry.mode === '100644' || entry.mode === '100755';
    if (byFile.has(file) || !regular || !entry.clean) {
      // Read from disk: an unmerged path (listed once a stage), a link, a changed or unchecked file
      // (which may still be its blob: git's stat cache may only be out of date).
      const found = read(file, regular && !byFile.has(file) ? entry.object : undefined);
      if (found) byFile.set(file, found);
      else byFile.delete(file);
      continue;
    }
    byFile.set(file, { file, blob: entry.object, vouched: true, isLink: false });
  }
  for (const path of status.untracked) {
    if (!path.startsWith(prefix)) continue;
    const file = path.slice(prefix.length);
    if (file.endsWith('/')) return undefined; // a repository inside: okr would read its files
    if (folderLike(file)) {
      const found = read(file);
      if (found?.isLink) return undefined;
      continue;
    }
    if (!roleOf(file)) {
      if (readableNameOf(file) !== undefined && read(file)) others.add(file);
      continue;
    }
    const found = read(file);
    if (found) byFile.set(file, found);
  }
  // okr.yaml is always listed: a missing one is a finding.
  if (!byFile.has(CONFIG_FILE)) byFile.set(CONFIG_FILE, read(CONFIG_FILE) ?? { file: CONFIG_FILE, vouched: false, isLink: false });
  // git lists paths in byte order: okr's order, but where a team id is the start of another's.
  const files = [...byFile.values()];
  for (let i = 1; i < files.length; i++)
    if (compareGoalFiles(files[i - 1]!.file, files[i]!.file) > 0) {
      files.sort((a, b) => compareGoalFiles(a.file, b.file));
      break;
    }
  if (others.size === 0) return files;
  for (const ignored of ignoredFilesOf([...others], (file) => byFile.has(file))) files.push({ file: ignored.file, vouched: false, isLink: false, ignored });
  return files;
}

/** okr's listing order: okr.yaml, then teams/<team>/<file> by team, then by file name. */
function compareGoalFiles(a: string, b: string): number {
  if (a === CONFIG_FILE || b === CONFIG_FILE) return (b === CONFIG_FILE ? 1 : 0) - (a === CONFIG_FILE ? 1 : 0);
  const byTeam = compareRanges(a, a.lastIndexOf('/'), b, b.lastIndexOf('/'));
  return byTeam !== 0 ? byTeam : a < b ? -1 : a > b ? 1 : 0;
}

/**
 * `a.slice(0, aEnd)` against `b.slice(0, bEnd)` as `<` compares strings (by UTF-16 code unit),
 * without the slices: called for each of 20,000 paths at 10,000 teams.
 */
function compareRanges(a: string, aEnd: number, b: string, bEnd: number): number {
  const end = Math.min(aEnd, bEnd);
  for (let i = 0; i < end; i++) {
    const d = a.charCodeAt(i) - b.charCodeAt(i);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return aEnd === bEnd ? 0 : aEnd < bEnd ? -1 : 1;
}
