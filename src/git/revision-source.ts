// The goal files of a workspace as they were at a git revision, read from git objects (one ls-tree,
// one cat-file --batch), without touching the work tree.
import { relative, sep } from 'node:path';
import type { RawFile } from '../workspace/source.js';
import { CONFIG_FILE, decodeFile, roleOf, TEAMS_DIR, tooLarge } from '../workspace/source.js';
import { BlobReader } from './blob-reader.js';
import { git, repositoryTop, resolveCommit } from './process.js';

export interface TreeEntry {
  readonly mode: string;
  readonly type: string;
  readonly object: string;
  readonly size: number;
  /** Relative to the workspace root. */
  readonly file: string;
}

/** Where a workspace sits in its repository: the top and the workspace's path prefix ('' or 'a/b/'). */
export async function locateInRepository(workspaceRoot: string): Promise<{ top: string; prefix: string }> {
  const top = await repositoryTop(workspaceRoot);
  const rel = relative(top, workspaceRoot).split(sep).join('/');
  return { top, prefix: rel ? `${rel}/` : '' };
}

/** Lists the goal files of the workspace in a commit's tree. */
export async function listGoalFilesAt(top: string, prefix: string, commit: string): Promise<TreeEntry[]> {
  const out = await git(top, ['ls-tree', '-r', '-z', '--long', '--full-tree', commit, '--', `${prefix}${CONFIG_FILE}`, `${prefix}${TEAMS_DIR}`]);
  const entries: TreeEntry[] = [];
  for (const record of out.split('\0')) {
    if (!record) continue;
    const tab = record.indexOf('\t');
    const [mode, type, object, size] = record.slice(0, tab).split(/ +/) as [string, string, string, string];
    const file = record.slice(tab + 1).slice(prefix.length);
    if (!roleOf(file)) continue;
    entries.push({ mode, type, object, size: Number(size), file });
  }
  return entries;
}

export async function readRevisionFiles(workspaceRoot: string, rev: string, maxBytes: number): Promise<RawFile[]> {
  const { top, prefix } = await locateInRepository(workspaceRoot);
  const commit = await resolveCommit(top, rev);
  const entries = await listGoalFilesAt(top, prefix, commit);
  const reader = new BlobReader(top);
  try {
    return await Promise.all(entries.map((entry) => readEntry(reader, entry, maxBytes)));
  } finally {
    reader.close();
  }
}

/** Reads one listed entry: its text, or why it cannot be used (a link, too large, not UTF-8). */
export async function readEntry(reader: BlobReader, entry: TreeEntry, maxBytes: number): Promise<RawFile> {
  if (entry.mode === '120000')
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
  return bytes ? decodeFile(entry.file, bytes, maxBytes) : { file: entry.file };
}
