// Reads the history of the goal files with ONE `git log`: every commit that touched them, its author,
// dates, message and trailers (as git itself parses them), and which files changed with their blob
// ids before and after (renames detected). File contents are read separately, all through one
// `git cat-file --batch` (blob-reader.ts): no process per commit.
import { git, GitFailed } from './process.js';

export type ChangeStatus = 'A' | 'M' | 'D' | 'R' | 'C' | 'T' | 'U' | 'X';

export interface FileChange {
  readonly status: ChangeStatus;
  /** Repository-relative path before the commit (differs from `path` for a rename or copy). */
  readonly oldPath: string;
  readonly path: string;
  /** Blob ids; undefined for a side that does not exist (added or deleted file) or is not a file. */
  readonly oldBlob: string | undefined;
  readonly newBlob: string | undefined;
  /** True when either side is a symbolic link: okr does not read links in history. */
  readonly link: boolean;
}

export interface LogCommit {
  readonly id: string;
  readonly parents: readonly string[];
  readonly authorName: string;
  readonly authorEmail: string;
  readonly authorDate: string;
  readonly committerDate: string;
  readonly subject: string;
  readonly body: string;
  readonly trailers: readonly { key: string; value: string }[];
  /** Compared with the first parent. */
  readonly changes: readonly FileChange[];
}

const FIELDS = ['%H', '%P', '%an', '%ae', '%aI', '%cI', '%s', '%b', '%(trailers:only,unfold,separator=%x1f)'];
const FORMAT = `%x1e${FIELDS.join('%x00')}%x00`;
const NO_BLOB = /^0+$/;

export interface LogOptions {
  /** A commit id (resolved by the caller) or HEAD. */
  readonly rev: string;
  /** Repository-relative paths or folders to follow (taken literally, no glob magic). */
  readonly paths: readonly string[];
}

/**
 * The commits reachable from `rev` that touched `paths`, newest first. Parents are rewritten to
 * the nearest shown commits; merges are shown with their changes against the first parent, so a
 * caller can walk the first-parent line and still find, on a merged branch, who set a value.
 * An empty repository (no commits yet) has no history.
 */
export async function readGoalLog(top: string, options: LogOptions): Promise<LogCommit[]> {
  const args = [
    '--literal-pathspecs',
    '-c',
    'log.showSignature=false',
    '-c',
    'core.quotePath=false',
    'log',
    '--parents',
    '--date-order',
    '--diff-merges=first-parent',
    '-M',
    '--raw',
    '--no-abbrev',
    '-z',
    '--no-color',
    '--no-ext-diff',
    '--encoding=UTF-8',
    `--format=${FORMAT}`,
    '--end-of-options',
    options.rev,
    '--',
    ...options.paths,
  ];
  let out: string;
  try {
    out = await git(top, args);
  } catch (error) {
    if (error instanceof GitFailed && /does not have any commits|unknown revision|bad default revision/.test(error.result.stderr)) return [];
    throw error;
  }
  return parseLog(out);
}

/** Parses the output of the log above (exported for tests). */
export function parseLog(out: string): LogCommit[] {
  const commits: LogCommit[] = [];
  let pos = 0;
  const field = () => {
    const end = out.indexOf('\0', pos);
    const value = end < 0 ? out.slice(pos) : out.slice(pos, end);
    pos = end < 0 ? out.length : end + 1;
    return value;
  };
  while (true) {
    const start = out.indexOf('\x1e', pos);
    if (start < 0) break;
    pos = start + 1;
    const [id, parents, authorName, authorEmail, authorDate, committerDate, subject, body, trailers] = FIELDS.map(field) as [
      string, string, string, string, string, string, string, string, string,
    ];
    const changes: FileChange[] = [];
    while (pos < out.length && (out[pos] === '\0' || out[pos] === '\n')) pos++;
    while (out[pos] === ':') {
      const header = field().slice(1).split(' ');
      const [oldMode, newMode, oldBlob, newBlob, statusField] = header as [string, string, string, string, string];
      const status = statusField[0] as ChangeStatus;
      const first = field();
      const second = status === 'R' || status === 'C' ? field() : first;
      changes.push({
        status,
        oldPath: first,
        path: second,
        oldBlob: NO_BLOB.test(oldBlob) ? undefined : oldBlob,
        newBlob: NO_BLOB.test(newBlob) ? undefined : newBlob,
        link: oldMode === '120000' || newMode === '120000',
      });
      while (pos < out.length && (out[pos] === '\0' || out[pos] === '\n')) pos++;
    }
    commits.push({
      id,
      parents: parents ? parents.split(' ') : [],
      authorName,
      authorEmail,
      authorDate,
      committerDate,
      subject,
      body,
      trailers: trailers
        .split('\x1f')
        .filter((t) => t.includes(':'))
        .map((t) => {
          const colon = t.indexOf(':');
          return { key: t.slice(0, colon).trim(), value: t.slice(colon + 1).trim() };
        }),
      changes,
    });
  }
  return commits;
}
