// The goal files of a workspace as they were at a git revision, read from git objects (one ls-tree,
// one cat-file --batch), without touching the work tree. git lists and reads objects; which paths
// are goal files, and what their bytes mean, is decided here.
import { BlobReader } from '../git/blob-reader.js';
import type { Repository } from '../git/repository.js';
import { resolveCommit } from '../git/revisions.js';
import { skippedFiles } from '../git/sparse-checkout.js';
import { LINK_MODE, listTree, type TreeEntry } from '../git/tree-listing.js';
import { decodeFile, goalPaths, ignoredFilesOf, listedPaths, roleOf, tooLarge, type RawFile } from './source.js';

/** A goal file in a commit's tree. */
export interface GoalTreeEntry extends TreeEntry {
  /** Relative to the workspace root. */
  readonly file: string;
}

/** Lists the goal files of the workspace in a commit's tree (okr.yaml and one team's alone, given `team`). */
export async function listGoalFilesAt(repository: Repository, commit: string, team?: string): Promise<GoalTreeEntry[]> {
  return (await listGoalTreeAt(repository, commit, team)).entries;
}

/** listGoalFilesAt's files, and the files there okr ignores (2026-Q4.yml: ignoredFile). */
async function listGoalTreeAt(repository: Repository, commit: string, team?: string): Promise<{ entries: GoalTreeEntry[]; ignored: RawFile[] }> {
  const { prefix } = repository;
  const entries: GoalTreeEntry[] = [];
  const others: string[] = [];
  for (const entry of await listTree(repository.git, commit, listedPaths(prefix, team))) {
    const file = entry.path.slice(prefix.length);
    if (roleOf(file)) entries.push({ mode: entry.mode, type: entry.type, object: entry.object, size: entry.size, path: entry.path, file });
    else others.push(file);
  }
  if (others.length === 0) return { entries, ignored: [] };
  const files = new Set(entries.map((e) => e.file));
  return { entries, ignored: ignoredFilesOf(others, (file) => files.has(file)) };
}

/**
 * The goal files of the workspace at revision `rev` (okr.yaml and one team's alone, given `team`),
 * read or with the finding that says why not; then the files okr ignores, as in a work tree.
 */
export async function readRevisionFiles(repository: Repository, rev: string, maxBytes: number, team?: string): Promise<RawFile[]> {
  const commit = await resolveCommit(repository.git, rev);
  const { entries, ignored } = await listGoalTreeAt(repository, commit, team);
  const reader = new BlobReader(repository.git, maxBytes);
  try {
    return [...(await Promise.all(entries.map((entry) => readEntry(reader, entry, maxBytes)))), ...ignored];
  } finally {
    reader.close();
  }
}

/** Reads one listed entry: its text, or why it cannot be used (a link, too large, not UTF-8). */
export async function readEntry(reader: BlobReader, entry: GoalTreeEntry, maxBytes: number): Promise<RawFile> {
  if (entry.mode === LINK_MODE)
    return {
      file: entry.file,
      problem: {
        rule: 'unsafe-path',
        severity: 'error',
        message: 'the file is a symbolic link in this revision: okr does not follow links in git history',
        target: { file: entry.file, line: 1, column: 1 },
      },
    };
  if (entry.type !== 'blob') return { file: entry.file };
  if (entry.size > maxBytes) return tooLarge(entry.file, entry.size, maxBytes);
  const bytes = await reader.read(entry.object);
  if (bytes && 'oversized' in bytes) return tooLarge(entry.file, bytes.oversized, maxBytes);
  return bytes ? decodeFile(entry.file, bytes, maxBytes) : { file: entry.file };
}

/**
 * The goal files a sparse checkout leaves out of the work tree, as the index has them (git treats
 * them as unchanged), then the files there okr ignores (2026-Q4.yml: ignoredFile); none for a
 * complete work tree. Read with the work tree's files, the workspace is whole again.
 */
export async function readSkippedGoalFiles(repository: Repository, maxBytes: number): Promise<RawFile[]> {
  const { prefix } = repository;
  const all = (await skippedFiles(repository, listedPaths(prefix))).map((s) => ({ ...s, file: s.path.slice(prefix.length) }));
  const skipped = all.filter((s) => roleOf(s.file));
  const goalFiles = new Set(skipped.map((s) => s.file));
  const ignored = ignoredFilesOf(all.filter((s) => !goalFiles.has(s.file)).map((s) => s.file), (file) => goalFiles.has(file));
  if (skipped.length === 0) return ignored;
  const reader = new BlobReader(repository.git, maxBytes);
  try {
    return [...(await Promise.all(skipped.map((s) => readEntry(reader, { mode: s.mode, type: 'blob', object: s.object, size: 0, path: s.path, file: s.file }, maxBytes)))), ...ignored];
  } finally {
    reader.close();
  }
}
