// Reads the history of some paths with ONE `git log`: every commit that touched them, its author,
// dates, message and trailers (as git itself parses them), and which files changed with their blob
// ids before and after (renames detected). The output can be parsed as it streams, so a caller can
// start reading file versions (blob-reader.ts, one `git cat-file --batch`) while git is still walking
// the history: no process per commit, and the two processes overlap. A caller that takes the log
// whole has it written to a temporary file instead, so git never waits for it.
import { StringDecoder } from 'node:string_decoder';
import type { CommitMeta } from '../model/history.js';
import type { Git } from './git.js';
import { GIT_MISSING, GitFailed } from './process.js';
import { hasHead } from './revisions.js';
import { runSpooled } from './spool.js';

export type ChangeStatus = 'A' | 'M' | 'D' | 'R' | 'C' | 'T' | 'U' | 'X';

export interface FileChange {
  readonly status: ChangeStatus;
  /** Repository-relative path before the commit (differs from `path` for a rename or copy). */
  readonly oldPath: string;
  readonly path: string;
  /** Blob ids; undefined for a side that does not exist (added or deleted file). */
  readonly oldBlob: string | undefined;
  readonly newBlob: string | undefined;
  /** True when either side is a symbolic link: okr does not read links in history. */
  readonly link: boolean;
}

export interface LogCommit extends CommitMeta {
  /** Compared with the first parent. */
  readonly changes: readonly FileChange[];
}

const FIELDS = ['%H', '%P', '%an', '%ae', '%aI', '%cI', '%s', '%b', '%(trailers:only,unfold,separator=%x1f)'];
const FORMAT = `%x1e${FIELDS.join('%x00')}%x00`;
const NO_BLOB = /^0+$/;

/**
 * One `--raw` header (`:oldMode newMode oldBlob newBlob status`): whether a rename or copy follows
 * with two paths, and the change once its paths are read.
 */
function rawChange(header: string): { readonly twoPaths: boolean; between(oldPath: string, path: string): FileChange } {
  const [oldMode, newMode, oldBlob, newBlob, statusField] = header.slice(1).split(' ') as [string, string, string, string, string];
  const status = (statusField ?? 'M')[0] as ChangeStatus;
  return {
    twoPaths: status === 'R' || status === 'C',
    between: (oldPath, path) => ({
      status,
      oldPath,
      path,
      oldBlob: NO_BLOB.test(oldBlob) ? undefined : oldBlob,
      newBlob: NO_BLOB.test(newBlob) ? undefined : newBlob,
      link: oldMode === '120000' || newMode === '120000',
    }),
  };
}

export interface LogOptions {
  /** A commit id (resolved by the caller) or HEAD. */
  readonly rev: string;
  /** Repository-relative paths or folders to follow (taken literally, no glob magic). */
  readonly paths: readonly string[];
  /** Called with each commit as soon as it is parsed (newest first). */
  readonly onCommit?: (commit: LogCommit) => void;
  /** Leave out commits reachable from this one (a commit id): the commits made since it. */
  readonly exclude?: string;
  /** Only commits committed at or after this moment (ISO 8601; git's --since): a window of history. */
  readonly since?: string;
  /** Show every merge (git's --full-history), so a caller can tell a history with merges from one without. */
  readonly fullHistory?: boolean;
  /** Called once git is running: the caller may then do synchronous work while git walks the log. */
  readonly onStart?: () => void;
  /** Aborting it ends git (a log taken whole only); the call then rejects. */
  readonly signal?: AbortSignal;
  /**
   * For a log of one folder taken whole: walk every commit and keep the folder's changes, rather than
   * have git limit the walk to the folder (same commits, see folderLog). Worth it where nearly every
   * commit touches the folder; where most commits change other things, the limited walk is cheaper.
   */
  readonly walkEveryCommit?: boolean;
}

/**
 * The commits reachable from `rev` that touched `paths`, newest first (children before parents).
 * Parents are rewritten to the nearest shown commits; merges are shown with their changes against
 * the first parent, so a caller can walk the first-parent line and still find, on a merged branch,
 * who set a value. An empty repository (no commits yet) has no history.
 */
export function readLog(git: Git, options: LogOptions): Promise<LogCommit[]> {
  const folder = options.paths[0];
  if (options.walkEveryCommit && !options.onCommit && !options.fullHistory && options.paths.length === 1 && folder?.endsWith('/')) {
    const log = folderLog(git, options, folder);
    options.onStart?.();
    return log;
  }
  const args = logArgs(options.rev, options.paths, options);
  // A caller that takes the log whole has it spooled: a pipe holds ~200 KB, and git stops at that
  // mark while the caller does synchronous work (the workspace's load), whereas a 30-day window of
  // 20,000 commits is ~1 MB of log. A caller that reads commits as they come has them streamed.
  const log = options.onCommit ? streamLog(git, args, options.onCommit) : spoolLog(git, args, options.signal);
  options.onStart?.();
  return log;
}

/**
 * Commits whose message has a line starting with `key:` (any case, as git compares trailer keys),
 * reachable from `rev`, newest first: the candidates for a trailer, whose final trailer block the
 * caller checks (a line in a note is not a trailer). No paths: such commits may change no file.
 */
export function readCommitsWithTrailer(git: Git, options: { readonly rev: string; readonly key: string }): Promise<CommitMeta[]> {
  if (!/^[A-Za-z0-9-]+$/.test(options.key)) throw new Error(`not a trailer key: ${options.key}`);
  return streamLog(git, [
    '-c',
    'log.showSignature=false',
    // Trailers are found by git's parser: a user's comment character must not hide them.
    '-c',
    'core.commentChar=#',
    '-c',
    'grep.patternType=basic',
    'log',
    '--date-order',
    '--regexp-ignore-case',
    `--grep=^${options.key}:`,
    '-z',
    '--no-color',
    '--encoding=UTF-8',
    `--format=${FORMAT}`,
    '--end-of-options',
    options.rev,
    '--',
  ]);
}

/** The commits named by `ids` (full or abbreviated), as far as they exist; those that do not are left out. */
export async function readCommitsById(git: Git, ids: readonly string[]): Promise<CommitMeta[]> {
  const wanted = ids.filter((id) => /^[0-9a-f]{4,64}$/.test(id));
  if (wanted.length === 0) return [];
  const args = ['-c', 'log.showSignature=false', '-c', 'core.commentChar=#', 'log', '--no-walk=unsorted', '--ignore-missing', '--stdin', '-z', '--no-color', '--encoding=UTF-8', `--format=${FORMAT}`];
  const result = await git.run(args, { input: `${wanted.join('\n')}\n` });
  if (result.code !== 0) throw new GitFailed(args, result);
  return parseLog(result.stdout.toString('utf8'));
}

/** Runs a log whose format is FORMAT, parsing commits as they stream. An empty repository has none. */
function streamLog(git: Git, args: readonly string[], onCommit?: (commit: LogCommit) => void): Promise<LogCommit[]> {
  return new Promise((resolve, reject) => {
    const child = git.spawn(args);
    const decoder = new StringDecoder('utf8');
    const parser = new LogParser();
    const commits: LogCommit[] = [];
    const take = (found: LogCommit[]) => {
      for (const commit of found) {
        commits.push(commit);
        onCommit?.(commit);
      }
    };
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => take(parser.push(decoder.write(chunk))));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', (error: NodeJS.ErrnoException) => reject(error.code === 'ENOENT' ? GIT_MISSING() : error));
    child.on('close', (code) => {
      if (code !== 0) {
        const failed = new GitFailed(args, { stdout: Buffer.alloc(0), stderr, code: code ?? 1 });
        // A repository with no commits yet (git init, okr init) has no history, as outside git.
        if (args[args.indexOf('--end-of-options') + 1] === 'HEAD') return void hasHead(git).then((has) => (has ? reject(failed) : resolve([])), reject);
        return reject(failed);
      }
      take(parser.push(decoder.end(), true));
      resolve(commits);
    });
  });
}

/**
 * Runs a log whose format is FORMAT with its output going to a temporary file (spool.ts), parsed
 * once git is done; where no temporary file can be made, or git fails there (a full or size-limited
 * temporary folder, or a real failure, which the pipe says again with git's message), the log is
 * streamed instead.
 */
async function spoolLog(git: Git, args: readonly string[], signal?: AbortSignal): Promise<LogCommit[]> {
  const out = await runSpooled(git, args, signal);
  return out === undefined ? streamLog(git, args) : new LogParser().push(out.toString('utf8'), true);
}

/**
 * The log of one folder as `git log -- <folder>` gives it, from a walk of every commit with the
 * changes inside the folder (git's --relative). With a path, git tells for each commit whether the
 * folder changed and then diffs it again for --raw: where the folder holds 1,000 folders, both read
 * its 1,000-entry tree in every commit and its parent. Walking every commit reads it once:
 * `okr log --since 30d` at 1,000 teams and 20,000 commits, git's CPU 0.27 -> 0.14 s, and okr's
 * 1473 -> 1332 ms CPU, 2329 -> 2011 ms wall (cold.py, 7 alternating runs, load 5.4-7.4).
 *
 * What git shows of a folder is the same as this only in a line of commits: where a merge is walked,
 * git's simplification of merges decides which side it follows, and the log is read with the path.
 */
async function folderLog(git: Git, options: LogOptions, folder: string): Promise<LogCommit[]> {
  const every = await spoolLog(git, logArgs(options.rev, [], { ...options, relativeTo: folder }), options.signal);
  if (every.some((c) => c.parents.length > 1)) return spoolLog(git, logArgs(options.rev, options.paths, options), options.signal);
  return commitsTouching(every, folder);
}

/**
 * Of a line of commits (newest first, no merges), with their changes inside `folder` as --relative
 * gives them, what `git log -- <folder>` shows: the commits that changed something in the folder,
 * with their paths whole again, and each parent rewritten as git rewrites it: past the commits that
 * changed nothing there, to the nearest one that did, to a commit outside the walk (an older one
 * than --since, or an excluded one: kept as it is), or to none past a root commit (exported for tests).
 */
export function commitsTouching(every: readonly LogCommit[], folder: string): LogCommit[] {
  const unchanged = new Map<string, LogCommit>();
  for (const commit of every) if (commit.changes.length === 0) unchanged.set(commit.id, commit);
  const shown: LogCommit[] = [];
  for (const commit of every) {
    if (commit.changes.length === 0) continue;
    let parent: string | undefined = commit.parents[0];
    for (let skipped = unchanged.get(parent ?? ''); skipped; skipped = unchanged.get(parent ?? '')) parent = skipped.parents[0];
    shown.push({
      ...commit,
      parents: parent === undefined ? [] : [parent],
      changes: commit.changes.map((change) => ({ ...change, oldPath: folder + change.oldPath, path: folder + change.path })),
    });
  }
  return shown;
}

/** The arguments of the log (exported for tests that parse git's own output). */
export function logArgs(
  rev: string,
  paths: readonly string[],
  limits: { readonly exclude?: string; readonly since?: string; readonly fullHistory?: boolean; readonly relativeTo?: string } = {},
): string[] {
  if (limits.exclude !== undefined && !/^[0-9a-f]{40}([0-9a-f]{24})?$/.test(limits.exclude)) throw new Error(`not a commit id: ${limits.exclude}`);
  return [
    '--literal-pathspecs',
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
    ...(limits.since !== undefined ? [`--since=${limits.since}`] : []),
    ...(limits.fullHistory ? ['--full-history'] : []),
    ...(limits.relativeTo !== undefined ? [`--relative=${limits.relativeTo}`] : []),
    '--end-of-options',
    rev,
    ...(limits.exclude !== undefined ? [`^${limits.exclude}`] : []),
    '--',
    ...paths,
  ];
}

/** Parses the output of the log above (exported for tests). */
export function parseLog(out: string): LogCommit[] {
  return new LogParser().push(out, true);
}

/**
 * A resumable parser: `push` appends text and returns the commits completed so far. A commit is
 * complete once the start of the next one (or the end of the output) is seen after its changes.
 * Fields are NUL-terminated and messages cannot hold NUL, so a message never ends a record early.
 */
export class LogParser {
  private text = '';
  private pos = 0;

  push(chunk: string, final = false): LogCommit[] {
    this.text = this.pos > 0 ? this.text.slice(this.pos) + chunk : this.text + chunk;
    this.pos = 0;
    // A record is complete only once the next one starts: without a new start in this chunk, parsing
    // again from the top of a half-read record would make one commit of 10,000 files quadratic.
    if (!final && !chunk.includes('\x1e')) return [];
    const commits: LogCommit[] = [];
    while (true) {
      const start = this.text.indexOf('\x1e', this.pos);
      if (start < 0) break;
      const parsed = this.record(start + 1, final);
      if (!parsed) break;
      commits.push(parsed.commit);
      this.pos = parsed.next;
    }
    return commits;
  }

  /** The record starting after a \x1e at `from`, or undefined when it is not all here yet. */
  private record(from: number, final: boolean): { commit: LogCommit; next: number } | undefined {
    const text = this.text;
    let pos = from;
    const field = (): string | undefined => {
      const end = text.indexOf('\0', pos);
      if (end < 0) return undefined;
      const value = text.slice(pos, end);
      pos = end + 1;
      return value;
    };
    const values: string[] = [];
    for (let i = 0; i < FIELDS.length; i++) {
      const value = field();
      if (value === undefined) return undefined;
      values.push(value);
    }
    const [id, parents, authorName, authorEmail, authorDate, committerDate, subject, body, trailers] = values as [
      string, string, string, string, string, string, string, string, string,
    ];
    const skip = () => {
      while (pos < text.length && (text[pos] === '\0' || text[pos] === '\n')) pos++;
    };
    const changes: FileChange[] = [];
    skip();
    while (text[pos] === ':') {
      const header = field();
      if (header === undefined) return undefined;
      const raw = rawChange(header);
      const first = field();
      if (first === undefined) return undefined;
      const second = raw.twoPaths ? field() : first;
      if (second === undefined) return undefined;
      changes.push(raw.between(first, second));
      skip();
    }
    if (pos >= text.length && !final) return undefined; // more changes may follow
    return {
      next: pos,
      commit: {
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
      },
    };
  }
}

/**
 * The changes of each commit against its first parent within `paths`, renames detected as the log
 * above detects them (one `git diff-tree --stdin` for all): what a log limited to one folder shows
 * as an added file may be a file renamed into it from elsewhere. A root commit has none.
 */
export async function readCommitChanges(git: Git, commits: readonly string[], paths: readonly string[]): Promise<Map<string, FileChange[]>> {
  const found = new Map<string, FileChange[]>();
  if (commits.length === 0) return found;
  const args = ['--literal-pathspecs', 'diff-tree', '--stdin', '-r', '-M', '--raw', '--no-abbrev', '-z', '--no-color', '--no-ext-diff', '--', ...paths];
  const result = await git.run(args, { input: `${commits.join('\n')}\n` });
  if (result.code !== 0) throw new GitFailed(args, result);
  const fields = result.stdout.toString('utf8').split('\0');
  let current: FileChange[] | undefined;
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i]!.replace(/^\n+/, '');
    if (field === '') continue;
    if (!field.startsWith(':')) {
      current = [];
      found.set(field.trim(), current);
      continue;
    }
    const raw = rawChange(field);
    const first = fields[++i]!;
    const second = raw.twoPaths ? fields[++i]! : first;
    current?.push(raw.between(first, second));
  }
  return found;
}
