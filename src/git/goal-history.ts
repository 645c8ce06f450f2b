// The check-in history of a workspace's key results, from git alone: one `git log` over the cycle
// files, every file version read through one `git cat-file --batch`, each version parsed once (by
// blob id) into key-result states, and the model's buildHistory turning those into points.
import type { Day } from '../model/types.js';
import { buildHistory, type ChangedFile, type CommitInfo, type FileStates, type History } from '../model/history.js';
import { keyResultStates } from '../workspace/key-result-states.js';
import { decodeFile, roleOf, TEAMS_DIR } from '../workspace/source.js';
import { BlobReader } from './blob-reader.js';
import { readGoalLog, type FileChange, type LogCommit } from './history-log.js';
import { resolveCommit } from './process.js';
import type { Repository } from './repository.js';

export interface HistoryRequest {
  readonly repository: Repository;
  /** A revision to read history from (--at); HEAD when absent. */
  readonly at?: string;
  /** Leave out commits that landed after this day (--as-of). */
  readonly until?: Day;
  /** Only these teams' key results (faster: other files are not read). Renamed team folders are followed. */
  readonly teams?: ReadonlySet<string>;
  /** Versions larger than this are treated as unreadable. */
  readonly maxBytes: number;
}

export async function readHistory(request: HistoryRequest): Promise<History> {
  const { top, prefix } = request.repository;
  const rev = request.at === undefined ? 'HEAD' : await resolveCommit(top, request.at);
  const log = await readGoalLog(top, { rev, paths: [`${prefix}${TEAMS_DIR}/`] });
  if (log.length === 0) return { points: new Map(), commitCount: 0 };

  const teamOf = (path: string): string | undefined => {
    if (!path.startsWith(prefix)) return undefined;
    const role = roleOf(path.slice(prefix.length));
    return role?.kind === 'cycle' ? role.team : undefined;
  };
  const wanted = wantedPaths(log, request.teams, teamOf);

  const reader = new BlobReader(top);
  const states = new Map<string, Promise<FileStates | undefined>>();
  const statesOf = (blob: string | undefined, path: string): Promise<FileStates | undefined> | undefined => {
    if (blob === undefined) return undefined;
    let pending = states.get(blob);
    if (!pending) {
      pending = reader.read(blob).then((bytes) => {
        if (!bytes) return undefined;
        const decoded = decodeFile(path, bytes, request.maxBytes);
        return decoded.text === undefined ? undefined : keyResultStates(path, decoded.text);
      });
      states.set(blob, pending);
    }
    return pending;
  };

  try {
    const commits = await Promise.all(
      log.map(async (commit): Promise<CommitInfo> => {
        const files = await Promise.all(
          commit.changes.filter((change) => wanted(change)).map((change) => changedFile(change, teamOf, statesOf)),
        );
        return infoOf(commit, files);
      }),
    );
    return buildHistory(commits, log[0]!.id, request.until);
  } finally {
    reader.close();
  }
}

async function changedFile(
  change: FileChange,
  teamOf: (path: string) => string | undefined,
  statesOf: (blob: string | undefined, path: string) => Promise<FileStates | undefined> | undefined,
): Promise<ChangedFile> {
  const oldTeam = teamOf(change.oldPath);
  const newTeam = teamOf(change.path);
  const link = change.link;
  const [before, after] = await Promise.all([
    link || oldTeam === undefined ? undefined : statesOf(change.oldBlob, change.oldPath),
    link || newTeam === undefined ? undefined : statesOf(change.newBlob, change.path),
  ]);
  return { oldTeam, newTeam, before, after };
}

function infoOf(commit: LogCommit, files: ChangedFile[]): CommitInfo {
  return {
    id: commit.id,
    parents: commit.parents,
    authorName: commit.authorName,
    authorEmail: commit.authorEmail,
    authorDate: commit.authorDate,
    committerDate: commit.committerDate,
    subject: commit.subject,
    body: commit.body,
    trailers: commit.trailers,
    files,
  };
}

/**
 * Which changes to read: cycle files, and with a team filter only that team's, plus the files they
 * were renamed from (walking from the newest commit, a rename into a wanted path makes its old
 * path wanted in the older commits).
 */
function wantedPaths(
  log: readonly LogCommit[],
  teams: ReadonlySet<string> | undefined,
  teamOf: (path: string) => string | undefined,
): (change: FileChange) => boolean {
  const isGoal = (change: FileChange) => teamOf(change.path) !== undefined || teamOf(change.oldPath) !== undefined;
  if (!teams) return isGoal;
  const renamedFrom = new Set<string>();
  const wantedPath = (path: string) => {
    const team = teamOf(path);
    return (team !== undefined && teams.has(team)) || renamedFrom.has(path);
  };
  const wanted = new Set<FileChange>();
  for (const commit of log)
    for (const change of commit.changes) {
      if (!isGoal(change) || !(wantedPath(change.path) || wantedPath(change.oldPath))) continue;
      wanted.add(change);
      if (change.oldPath !== change.path) renamedFrom.add(change.oldPath);
    }
  return (change) => wanted.has(change);
}
