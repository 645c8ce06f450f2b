// History assembly: the check-in history of a workspace's key results, from git alone. One
// `git log` over the cycle files, every file version read through one `git cat-file --batch`
// (requested up front, in the order they are used), each version turned into key-result states —
// derived from the version before it when only value lines changed — and the model's buildHistory
// turning those into points. Whatever needs history (history, log, stale, status, show, the
// stale-checkin rule, forecasts) reads it here.
import { BlobReader, type Oversized } from '../git/blob-reader.js';
import { readCommitChanges, readLog, type FileChange, type LogCommit } from '../git/history-log.js';
import type { Repository } from '../git/repository.js';
import { headCommit, isAncestor, nearestTouching, resolveCommit, walkedCommitDates } from '../git/revisions.js';
import type { Git } from '../git/git.js';
import { listTopNames } from '../git/tree-listing.js';
import { guessPathOrigin } from '../git/path-origin.js';
import { shallowCommits, UNSHALLOW_HINT } from '../git/shallow.js';
import type { Environment } from '../env.js';
import { buildHistory, type ChangedFile, type CommitInfo, type FileStates, type History } from '../model/history.js';
import { dayFromNumber, dayNumber } from '../model/calendar.js';
import type { Day } from '../model/types.js';
import { nextVersion, readVersion, type FileVersion } from '../workspace/key-result-states.js';
import { readHistoryIndex, writeHistoryIndex, type HistoryIndex, type IndexKey } from '../workspace/history-index.js';
import { buildFingerprint } from '../workspace/cache-file.js';
import { readHistoryPoints, writeHistoryPoints } from '../workspace/history-points.js';
import { readLatestChanges, writeLatestChanges, type LatestChanges } from '../workspace/latest-changes.js';
import { knownStatesOf, type KnownStates } from '../workspace/known-versions.js';
import { VERSION } from '../version.js';
import { CONFIG_FILE, decodeFile, roleOf, TEAMS_DIR } from '../workspace/source.js';
import type { OpenedWorkspace, ReadOptions, Session } from './session.js';

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
  /**
   * States of versions already loaded, by blob id (see workspace/known-versions.ts): such versions
   * are not read or parsed again. Asked only once the log streams in, after the workspace loaded.
   */
  readonly knownStates?: () => KnownStates | undefined;
  /** False: read git alone, neither reading nor writing the history index (default: use it). */
  readonly index?: boolean;
  /**
   * Only what changed on or after this day is wanted (okr log --since): git is asked for that window
   * alone. Points before it may be missing; each point's previous value is still right.
   */
  readonly since?: Day;
  /**
   * Also keep the latest change of each key result (latest-changes.ts) where the whole workspace's
   * history at HEAD is read or built: what the stale-checkin rule reads next time at this HEAD.
   */
  readonly keepLatest?: boolean;
  /**
   * A second core is free while the log runs (the workspace's load is small): where one team's
   * history is read, guess the rename that brought its files into its folder and start the log of
   * the folder they came from at once (guessRename). With the whole workspace loading on that
   * core, the guess cost more than it saved (`okr stale --team` at 1,000 teams and 20,000 commits,
   * no .git/okr: 686 -> 748 ms).
   */
  readonly guessRenames?: boolean;
  /** Called when git starts reading the log (if it does): see loadWithHistory. */
  readonly onLogStarted?: () => void;
}

export async function readHistory(request: HistoryRequest): Promise<History> {
  const { git, gitDir } = request.repository;
  const shallow = shallowCommits(gitDir);
  // The whole workspace's history at HEAD, as built last time at this HEAD: it holds every team's
  // points and every window's, so any question about HEAD's history (one team, a window) takes it.
  const cacheable = request.at === undefined && request.until === undefined && request.index !== false && shallow === undefined;
  const cacheHead = cacheable ? await headCommit(git) : undefined;
  if (cacheHead !== undefined) {
    const cached = readHistoryPoints(gitDir, indexKey(request, shallow), cacheHead);
    if (cached && request.keepLatest) writeLatestChanges(gitDir, indexKey(request, shallow), cacheHead, cached);
    if (cached) return cached;
  }
  // A window of history (git log --since) where it gives what the whole would: not in a shallow
  // clone (whose cut is reported wherever it is), and not across merges (a merged value is credited
  // to the branch commit that set it, which may be older than the window).
  // Nor where git's walk stopped short at a commit whose date goes back before the window (walkCutShort).
  if (request.since !== undefined && shallow === undefined) {
    const rev = request.at === undefined ? 'HEAD' : await resolveCommit(git, request.at);
    const cut = `${dayFromNumber(dayNumber(request.since) - 2)}T00:00:00Z`;
    const window = await readCommits(request, rev, undefined, cut);
    if (window.commits.every((c) => c.parents.length <= 1) && !(await walkCutShort(git, window, rev, cut)))
      return window.top === undefined ? { points: new Map(), commitCount: 0 } : buildHistory(window.commits, window.top, request.until, shallow, true);
  }
  const rev = request.at === undefined ? 'HEAD' : await resolveCommit(git, request.at);
  // One team's history: its folder's log, following the renames that brought files into it (not in
  // a shallow clone, whose cut commit would look like the one that added every file).
  const team = request.teams?.size === 1 && shallow === undefined ? [...request.teams][0]! : undefined;
  const narrow = team !== undefined ? await readTeamCommits(request, rev, team) : undefined;
  if (narrow) return narrow.top === undefined ? { points: new Map(), commitCount: 0 } : buildHistory(narrow.commits, narrow.top, request.until, shallow);
  // The whole workspace's history from HEAD (also where one team's cannot be read alone) goes through
  // the history index: the commits read last time are not read again. An older question reads git alone.
  if (request.at === undefined && request.index !== false) {
    const head = cacheable ? cacheHead : await headCommit(git);
    if (head === undefined) return { points: new Map(), commitCount: 0 };
    const { commits, top } = await indexedCommits(request, head, shallow);
    const history = buildHistory(commits, top, request.until, shallow);
    if (cacheable) writeHistoryPoints(gitDir, indexKey(request, shallow), head, history);
    if (cacheable && request.keepLatest) writeLatestChanges(gitDir, indexKey(request, shallow), head, history);
    return history;
  }
  const { commits, top } = await readCommits(request, rev);
  if (top === undefined) return { points: new Map(), commitCount: 0 };
  return buildHistory(commits, top, request.until, shallow);
}

/** How many commits past the end of a window walkCutShort looks at. */
const PAST_THE_WINDOW = 100;

/**
 * Whether git log --since stopped short of commits inside the window: git stops following a line of
 * history at its first commit dated before the cut (revision.c: its parents are never walked, or
 * marked uninteresting), so check-ins behind a commit whose committer date goes back further than
 * the cut's two days of margin (a clock behind, a series rebased with its old dates) were never
 * shown. The commits git walks next from where the window ends (its commits' parents outside it;
 * `rev` itself for an empty window) come in date order: one dated at or after the cut once an older
 * one has come means a date went back. One git log of PAST_THE_WINDOW commits (a few ms); a longer
 * run of old dates is not seen.
 */
async function walkCutShort(git: Git, window: ReadCommits, rev: string, cut: string): Promise<boolean> {
  const shown = new Set(window.commits.map((c) => c.id));
  const ends = window.commits.length === 0 ? [rev] : [...new Set(window.commits.flatMap((c) => c.parents.filter((p) => !shown.has(p))))];
  if (ends.length === 0) return false; // the window goes back to the first commit
  const cutAt = Date.parse(cut) / 1000;
  let older = false;
  for (const date of await walkedCommitDates(git, ends, PAST_THE_WINDOW)) {
    if (date < cutAt) older = true;
    else if (older) return true;
  }
  return false;
}

/**
 * One team's commits from logs of one folder each (git is ~5x slower with two pathspecs than with
 * one, and uses its changed-path filters for one only): the team's folder, then, where a file was
 * renamed into it, the folder it came from, from before that commit, and so on. Undefined where
 * such logs would not give what the log of all teams gives: a merge (the first-parent line of one
 * folder is not that of all teams), or a rename into the folder that is not the oldest commit of its
 * log (the logs would interleave).
 */
async function readTeamCommits(request: HistoryRequest, rev: string, team: string): Promise<ReadCommits | undefined> {
  const folder = `${request.repository.prefix}${TEAMS_DIR}/${team}/`;
  // The log of the folder the team's files were renamed from, started while the team's own log
  // runs (on the other core): taken only where the team's log shows that very rename, else ended.
  // At 1,000 teams and 20,000 commits, a renamed team's `okr history REF` with no .git/okr:
  // 940 -> 646 ms, with the load of that team alone (Session.loadForReading).
  const guess = request.guessRenames ? guessRename(request, rev, folder) : undefined;
  let taken: Promise<LogCommit[]> | undefined;
  const take = async (from: string, commit: string): Promise<StartedLog | undefined> => {
    const guessed = await guess;
    if (guessed?.commit !== commit || guessed.folder !== from) return undefined;
    taken = guessed.log;
    return guessed;
  };
  try {
    return await readFolderLogs(request, rev, folder, take);
  } finally {
    void guess?.then((guessed) => guessed?.log !== taken && guessed?.cancel());
  }
}

/** readTeamCommits, given where to take a log started already (the rename commit's folder and id). */
async function readFolderLogs(
  request: HistoryRequest,
  rev: string,
  teamFolder: string,
  started: (folder: string, commit: string) => Promise<StartedLog | undefined>,
): Promise<ReadCommits | undefined> {
  const { git, prefix } = request.repository;
  const teamsDir = `${prefix}${TEAMS_DIR}/`;
  const log: LogCommit[] = [];
  let from: { folder: string; rev: string; started?: StartedLog | undefined } | undefined = { folder: teamFolder, rev };
  const seen = new Set<string>();
  while (from) {
    if (seen.has(from.folder)) return undefined;
    seen.add(from.folder);
    const part: LogCommit[] = await (from.started?.log ?? readLog(git, { rev: from.rev, paths: [from.folder], fullHistory: true, onStart: request.onLogStarted }));
    if (part.some((c) => c.parents.length > 1)) return undefined;
    const newest = part[0];
    if (newest && log.length) {
      // Joins this log under the commit that renamed its files into the folder after it.
      const child = log[log.length - 1]!;
      log[log.length - 1] = { ...child, parents: [newest.id] };
    }
    const folder: string = from.folder;
    from = undefined;
    // Files added to the folder: renamed from another folder? (the full log would say so)
    const adding = part.filter((c) => c.parents.length === 0 && c.changes.some((ch) => ch.status === 'A'));
    const withAdds = part.filter((c) => c.changes.some((ch) => ch.status === 'A')).map((c) => c.id);
    const changes = await readCommitChanges(git, withAdds, [teamsDir]);
    for (let i = 0; i < part.length; i++) {
      const commit = part[i]!;
      const full: FileChange[] | undefined = changes.get(commit.id);
      if (!full) continue;
      const renamed: FileChange[] = full.filter((ch) => ch.status === 'R' && ch.path.startsWith(folder) && !ch.oldPath.startsWith(folder));
      if (renamed.length === 0) continue;
      const sources = new Set<string>(renamed.map((ch) => ch.oldPath.slice(0, ch.oldPath.lastIndexOf('/') + 1)));
      if (i !== part.length - 1 || sources.size > 1 || !adding.includes(commit)) return undefined;
      const replaced = new Map(renamed.map((ch) => [ch.path, ch]));
      part[i] = { ...commit, changes: commit.changes.map((ch) => (ch.status === 'A' ? replaced.get(ch.path) ?? ch : ch)) };
      const source = [...sources][0]!;
      from = { folder: source, rev: `${commit.id}^`, started: await started(source, commit.id) };
    }
    log.push(...part);
  }
  if (log.length === 0) return { commits: [], top: undefined };
  return processLog(request, log);
}

/** A folder's log from before a commit, started already. */
interface StartedLog {
  readonly log: Promise<LogCommit[]>;
}

interface GuessedRename extends StartedLog {
  readonly commit: string;
  readonly folder: string;
  /** Ends the log where the guess was wrong. */
  cancel(): void;
}

/**
 * A guess at the rename that brought a team's files into `folder` (the oldest commit that has the
 * folder, and the one folder its files came from), with that folder's log from before it already
 * started. Undefined where there is nothing to guess (the folder is as old as the history).
 */
async function guessRename(request: HistoryRequest, rev: string, folder: string): Promise<GuessedRename | undefined> {
  const { git, prefix } = request.repository;
  const commit = await guessPathOrigin(git, rev, folder.slice(0, -1)).catch(() => undefined);
  if (commit === undefined) return undefined;
  const changes = (await readCommitChanges(git, [commit], [`${prefix}${TEAMS_DIR}/`]).catch(() => undefined))?.get(commit) ?? [];
  const renamed = changes.filter((ch) => ch.status === 'R' && ch.path.startsWith(folder) && !ch.oldPath.startsWith(folder));
  const sources = new Set(renamed.map((ch) => ch.oldPath.slice(0, ch.oldPath.lastIndexOf('/') + 1)));
  if (sources.size !== 1) return undefined;
  const source = [...sources][0]!;
  const stop = new AbortController();
  const log = readLog(git, { rev: `${commit}^`, paths: [source], fullHistory: true, signal: stop.signal });
  log.catch(() => undefined); // a wrong guess is never awaited; a right one is, and fails there
  return { commit, folder: source, log, cancel: () => stop.abort() };
}

interface ReadCommits {
  readonly commits: CommitInfo[];
  /** The newest commit that touched the goal files (where the first-parent line starts). */
  readonly top: string | undefined;
}

/** The commits that touched the goal files, reachable from `rev` (but not from `exclude`), with their files' states. */
async function readCommits(request: HistoryRequest, rev: string, exclude?: string, since?: string): Promise<ReadCommits> {
  const { git, prefix } = request.repository;
  const range = { rev, onStart: request.onLogStarted, paths: [`${prefix}${TEAMS_DIR}/`], ...(exclude !== undefined ? { exclude } : {}) };
  // A window of history is short: taken whole (git writes it while the workspace loads), then its
  // versions asked for in the order they are used (okr log --since 30d at 1,000 teams and 20,000
  // commits, with each file's first change derived from its old version, Versions.change: CPU
  // 2067 -> 1815 ms at load 5.5). The whole history is long: its versions are asked for as the
  // log names them, so cat-file reads while git walks.
  // In a repository of goals nearly every commit touches the team folders: git walks every commit
  // rather than testing each for the folder (history-log.ts, folderLog).
  if (since !== undefined) return processLog(request, await readLog(git, { ...range, since, walkEveryCommit: prefix === '' && (await holdsGoalsAlone(git, rev)) }));
  const teamOf = teamOfIn(prefix);
  const wanted = new WantedChanges(request.teams, teamOf);
  const reader = new BlobReader(git, request.maxBytes);
  try {
    const versions = new Versions(reader, request.maxBytes, request.knownStates);
    const log = await readLog(git, {
      ...range,
      onCommit: (commit) => {
        for (const change of commit.changes) if (wanted.add(change) && !change.link) versions.prefetch(change, teamOf);
      },
    });
    return await infosOf(log, processingOrder(log), wanted, versions, teamOf);
  } finally {
    reader.close();
  }
}

/**
 * Whether a repository's top holds the workspace and little else (okr.yaml, teams/, dot-files, a
 * README or licence): a repository of goals, whose commits nearly all touch teams/. There, walking
 * every commit costs git half of testing each for the folder (0.14 against 0.27 s of CPU for 30 days
 * at 1,000 teams and 20,000 commits). Where goals sit beside other things (okr.yaml at the top of a
 * code repository), most commits change the rest, and walking them all costs more: 0.12 against
 * 0.03 s for 4,321 commits of which 432 touch teams/.
 */
async function holdsGoalsAlone(git: Git, rev: string): Promise<boolean> {
  let names: string[];
  try {
    names = await listTopNames(git, rev);
  } catch {
    return false; // no commit yet, say: the log itself tells
  }
  return names.every((name) => name === CONFIG_FILE || name === TEAMS_DIR || name.startsWith('.') || /^(readme|license|licence|copying|notice|changelog)(\.[a-z0-9]+)?$/i.test(name));
}

/** The commits of a log read already (newest first), with their files' states. */
async function processLog(request: HistoryRequest, log: readonly LogCommit[]): Promise<ReadCommits> {
  const teamOf = teamOfIn(request.repository.prefix);
  const wanted = new WantedChanges(request.teams, teamOf);
  const reader = new BlobReader(request.repository.git, request.maxBytes);
  try {
    const versions = new Versions(reader, request.maxBytes, request.knownStates);
    for (const commit of log) for (const change of commit.changes) wanted.add(change);
    // Asked for in the order they are used: cat-file answers in order, and parsing starts with its first answer.
    const ordered = processingOrder(log);
    for (const commit of ordered) for (const change of commit.changes) if (wanted.has(change) && !change.link) versions.prefetch(change, teamOf);
    return await infosOf(log, ordered, wanted, versions, teamOf);
  } finally {
    reader.close();
  }
}

const teamOfIn =
  (prefix: string) =>
  (path: string): string | undefined => {
    if (!path.startsWith(prefix)) return undefined;
    const role = roleOf(path.slice(prefix.length));
    return role?.kind === 'cycle' ? role.team : undefined;
  };

/** The commits of `log` (newest first) with their files' states, read in processing order (`ordered`). */
async function infosOf(
  log: readonly LogCommit[],
  ordered: readonly LogCommit[],
  wanted: WantedChanges,
  versions: Versions,
  teamOf: (path: string) => string | undefined,
): Promise<ReadCommits> {
  if (log.length === 0) return { commits: [], top: undefined };
  const infos: CommitInfo[] = [];
  for (const commit of ordered) {
    const files: ChangedFile[] = [];
    for (const change of commit.changes) if (wanted.has(change)) files.push(await versions.change(change, teamOf));
    infos.push(infoOf(commit, files));
  }
  return { commits: infos, top: log[0]!.id };
}

/**
 * Every commit that touched the goal files up to `head`, from the history index where it has them:
 * only the commits made since the index was written are read from git (then the index is written
 * again). An index that does not fit (another okr, another workspace folder, a shallow clone
 * deepened, a HEAD that moved back or elsewhere) is ignored and rebuilt.
 */
async function indexedCommits(request: HistoryRequest, head: string, shallow: ReadonlySet<string> | undefined): Promise<ReadCommits> {
  const { git, gitDir } = request.repository;
  const key = indexKey(request, shallow);
  const index = readHistoryIndex(gitDir, key);
  if (index && index.rev === head) return { commits: [...index.commits], top: index.top };
  const since = index && (await isAncestor(git, index.rev, head)) ? await commitsSince(request, index, head) : undefined;
  const read = since ?? (await readCommits(request, head));
  writeHistoryIndex(gitDir, key, { rev: head, top: read.top, commits: read.commits });
  return read;
}

// okr's version and its build's fingerprint: a build of other sources under the same version
// number (any development build) does not trust what another one wrote.
const indexKey = (request: Pick<HistoryRequest, 'repository' | 'maxBytes'>, shallow: ReadonlySet<string> | undefined): IndexKey => ({
  okr: `${VERSION}+${buildFingerprint()}`,
  prefix: request.repository.prefix,
  maxBytes: request.maxBytes,
  shallow: [...(shallow ?? [])],
});

/**
 * The index's commits and those made since it (`index.rev..head`), or undefined when they cannot be
 * joined as a full log would show them: then everything is read again.
 */
async function commitsSince(request: HistoryRequest, index: HistoryIndex, head: string): Promise<ReadCommits | undefined> {
  const fresh = await readCommits(request, head, index.rev);
  if (fresh.commits.length === 0) return { commits: [...index.commits], top: index.top };
  // A log of the new commits only names, as the parent of the oldest of them, a commit the index
  // has, or one that did not touch the goal files: that one stands for the nearest that did.
  const known = new Set(index.commits.map((c) => c.id));
  const ids = new Set(fresh.commits.map((c) => c.id));
  const outside = [...new Set(fresh.commits.flatMap((c) => c.parents).filter((p) => !ids.has(p) && !known.has(p)))];
  const { git, prefix } = request.repository;
  const nearest = await nearestTouching(git, outside, [`${prefix}${TEAMS_DIR}/`]);
  for (const commit of outside) {
    const replacement = nearest.get(commit);
    if (replacement !== undefined && !known.has(replacement)) return undefined;
    if (replacement === undefined && index.top !== undefined) return undefined;
  }
  const joined = fresh.commits.map((c) => {
    if (!c.parents.some((p) => nearest.has(p))) return c;
    const parents: string[] = [];
    for (const p of c.parents) {
      const q = nearest.has(p) ? nearest.get(p) : p;
      if (q !== undefined && !parents.includes(q)) parents.push(q);
    }
    return { ...c, parents };
  });
  return { commits: [...index.commits, ...joined], top: fresh.top };
}

/**
 * The history of the workspace just loaded (versions it loaded are not read again), up to --as-of
 * and from --at; undefined outside git, where there is none.
 */
export async function readWorkspaceHistory(
  session: Session,
  opened: OpenedWorkspace,
  options: ReadOptions,
  teams?: ReadonlySet<string>,
): Promise<History | undefined> {
  const repository = await session.repository();
  if (!repository) return undefined;
  const known = knownStatesOf(opened);
  const history = sayIfCut(session.env, await readHistory({ repository, at: options.at, until: options.asOf, maxBytes: session.maxFileBytes, knownStates: () => known, ...(teams ? { teams } : {}) }));
  return withRemotes(session, repository, opened, options, history, teams);
}

/**
 * What the stale-checkin rule and okr status read of the history of the workspace just loaded (of
 * `teams` only, when given): the latest change of each key result, from the latest-changes cache
 * when it holds HEAD's (the whole workspace's); else the history itself (as readWorkspaceHistory
 * reads it, keeping the latest changes for next time where the whole workspace's is read). The cache is not
 * asked with --at or --as-of, in a shallow clone (a cut history) or with other repositories' goals
 * (their history is read from their fetched refs). Undefined outside git.
 */
export async function readLatestOrHistory(
  session: Session,
  opened: OpenedWorkspace,
  options: ReadOptions,
  teams?: ReadonlySet<string>,
): Promise<{ latest: LatestChanges } | { history: History } | undefined> {
  const repository = await session.repository();
  if (!repository) return undefined;
  const { git, gitDir } = repository;
  const shallow = shallowCommits(gitDir);
  const cacheable = options.at === undefined && options.asOf === undefined && shallow === undefined && !opened.remoteCommits?.size;
  const head = cacheable ? await headCommit(git) : undefined;
  const latest = head === undefined ? undefined : readLatestChanges(gitDir, indexKey({ repository, maxBytes: session.maxFileBytes }, shallow), head);
  if (latest) return { latest };
  const known = knownStatesOf(opened);
  const request: HistoryRequest = { repository, at: options.at, until: options.asOf, maxBytes: session.maxFileBytes, knownStates: () => known, keepLatest: cacheable, ...(teams ? { teams } : {}) };
  const history = sayIfCut(session.env, await readHistory(request));
  return { history: await withRemotes(session, repository, opened, options, history, teams) };
}

/** With the upstream's and members' history, when the workspace was read with theirs (SPEC 13). */
async function withRemotes(session: Session, repository: Repository, opened: OpenedWorkspace, options: ReadOptions, history: History, teams?: ReadonlySet<string>): Promise<History> {
  if (!opened.remoteCommits?.size) return history;
  const { withRemoteHistory } = await import('./remote-history.js');
  return withRemoteHistory(
    history,
    opened.workspace,
    opened.remoteCommits,
    (remote, commit, theirs) => readHistory({ repository: { ...repository, prefix: remote.path }, at: commit, until: options.asOf, teams: theirs, maxBytes: session.maxFileBytes, index: false }),
    teams,
  );
}

/**
 * Says on stderr (two lines) that a shallow clone's history is cut, and how to fetch the rest:
 * what okr then says about earlier check-ins is "unknown", never a guess.
 */
export function sayIfCut(env: Environment, history: History): History {
  const cut = history.cut;
  if (!cut) return history;
  const oldest = [...cut.commits].sort((a, b) => (a.authorDate < b.authorDate ? -1 : 1))[0]!;
  env.stderr.write(
    `okr: this is a shallow clone: its history starts at ${oldest.id.slice(0, 7)} (${oldest.authorDate.slice(0, 10)}); values and check-ins before that are not in it, and okr reports them as unknown\n${UNSHALLOW_HINT}\n`,
  );
  return history;
}

export interface OpenedHistory {
  readonly opened: OpenedWorkspace;
  readonly repository: Repository;
  readonly history: History;
  /** The day evaluated: --as-of, else today. History stops at the last commit on or before it. */
  readonly day: Day;
}

export interface HistoryScope {
  /** Only these teams' history (the whole workspace's when absent). */
  readonly teams?: ReadonlySet<string>;
  /** Only what changed on or after this day (okr log --since; see HistoryRequest.since). */
  readonly since?: Day;
  /** Load okr.yaml and this team's files alone, where they are enough (Session.loadForReading). */
  readonly loadTeam?: string;
}

/**
 * Loads the workspace and reads its history (only `teams`' files when given), for the commands that
 * are about history (a DataError outside git). The history is read while the workspace loads: git
 * walks the log in its own process meanwhile.
 */
export async function loadWithHistory(session: Session, options: ReadOptions, { teams, since, loadTeam }: HistoryScope = {}): Promise<OpenedHistory> {
  const repository = await session.requireRepository('Check-in history is read from git');
  let known: KnownStates | undefined;
  let opened: OpenedWorkspace | undefined;
  // The log streams in once the (synchronous) load is done, so the loaded versions are known by then.
  const knownStates = () => (known ??= opened ? knownStatesOf(opened) : undefined);
  let logStarted!: () => void;
  const started = new Promise<void>((resolve) => (logStarted = resolve));
  const reading = readHistory({
    repository,
    at: options.at,
    until: options.asOf,
    teams,
    maxBytes: session.maxFileBytes,
    knownStates,
    onLogStarted: logStarted,
    guessRenames: loadTeam !== undefined,
    ...(since !== undefined ? { since } : {}),
  });
  const settled = reading.then(
    () => undefined,
    () => undefined, // awaited below; a failure to open the workspace comes first
  );
  // The load is synchronous: until it is done nothing else runs, not even starting git. So git is
  // started first (or the history is found cached), and walks the log in its own process meanwhile:
  // `okr history REF` with no .git/okr at 1,000 teams and 20,000 commits, the team's log and the
  // workspace's load (~0.6 and ~0.35 s) no longer add up.
  await Promise.race([started, settled]);
  opened = await session.loadForReading(options, loadTeam);
  const history = await withRemotes(session, repository, opened, options, sayIfCut(session.env, await reading), teams);
  return { opened, repository, history, day: options.asOf ?? session.env.today };
}

/**
 * File versions by blob id. The latest version of each path is kept whole (lines and value
 * positions) so the next one can be derived from it; older ones keep only their states.
 */
class Versions {
  private readonly pending = new Map<string, Promise<Buffer | Oversized | undefined>>();
  private readonly states = new Map<string, FileStates | undefined>();
  private readonly latest = new Map<string, { blob: string; version: FileVersion }>();

  constructor(
    private readonly reader: BlobReader,
    private readonly maxBytes: number,
    private readonly knownStates: (() => KnownStates | undefined) | undefined,
  ) {}

  /**
   * Asks for a change's versions before they are used: the new one, and the old one too (it is
   * mostly the version before's new one, asked already; where it is not — the first change of a
   * window, a rename — it would otherwise be a round trip to cat-file of its own).
   */
  prefetch(change: FileChange, teamOf: (path: string) => string | undefined): void {
    if (teamOf(change.oldPath) !== undefined) this.prefetchBlob(change.oldBlob);
    this.prefetchBlob(change.newBlob);
  }

  private prefetchBlob(blob: string | undefined): void {
    if (blob === undefined || this.pending.has(blob) || this.states.has(blob)) return;
    const known = this.knownStates?.()?.(blob);
    if (known) this.states.set(blob, known);
    else this.pending.set(blob, this.reader.read(blob));
  }

  async change(change: FileChange, teamOf: (path: string) => string | undefined): Promise<ChangedFile> {
    const oldTeam = teamOf(change.oldPath);
    const newTeam = teamOf(change.path);
    if (change.link) return { oldTeam, newTeam, before: undefined, after: undefined };
    const latest = this.latest.get(change.oldPath);
    // The version the new one is derived from: the path's latest, or (the first change of a path
    // read, e.g. in a window of history) its old version, read whole rather than for its states alone
    // so that the new version need not be parsed in full too.
    const base = latest?.blob === change.oldBlob ? latest?.version : oldTeam === undefined || change.oldBlob === undefined ? undefined : await this.wholeVersion(change.oldBlob, change.oldPath);
    const before = oldTeam === undefined || change.oldBlob === undefined ? undefined : base ? base.states : this.states.get(change.oldBlob);
    let after: FileStates | undefined;
    const known = change.newBlob !== undefined && !this.pending.has(change.newBlob) ? this.states.get(change.newBlob) : undefined;
    if (newTeam !== undefined && known) {
      // A version already loaded: its states, without text; a later version is read in full.
      after = known;
      this.latest.delete(change.path);
    } else if (newTeam !== undefined && change.newBlob !== undefined) {
      const text = await this.text(change.newBlob, change.path);
      const version = text === undefined ? undefined : nextVersion(change.path, base, text);
      after = version?.states;
      this.states.set(change.newBlob, after);
      if (version) this.latest.set(change.path, { blob: change.newBlob, version });
    }
    if (change.oldPath !== change.path || change.newBlob === undefined) this.latest.delete(change.oldPath);
    return { oldTeam, newTeam, before, after };
  }

  /**
   * A version read whole, when its states are not known already (then undefined: its states are in
   * `states`, and deriving from it is not worth a parse of its own).
   */
  private async wholeVersion(blob: string, path: string): Promise<FileVersion | undefined> {
    if (this.states.has(blob)) return undefined;
    const text = await this.text(blob, path);
    const version = text === undefined ? undefined : readVersion(path, text);
    this.states.set(blob, version?.states);
    return version;
  }

  private async text(blob: string, path: string): Promise<string | undefined> {
    const pending = this.pending.get(blob) ?? this.reader.read(blob);
    this.pending.delete(blob);
    const bytes = await pending;
    if (!bytes || 'oversized' in bytes) return undefined; // over the limit: this version's values are unknown
    return decodeFile(path, bytes, this.maxBytes).text;
  }
}

/**
 * Oldest first along the first-parent line from the newest commit, then the commits of merged
 * branches, oldest first: each version is then derived from the one before it.
 */
function processingOrder(log: readonly LogCommit[]): LogCommit[] {
  if (log.length === 0) return [];
  const byId = new Map(log.map((c) => [c.id, c]));
  const line: LogCommit[] = [];
  const onLine = new Set<string>();
  for (let commit = byId.get(log[0]!.id); commit && !onLine.has(commit.id); commit = byId.get(commit.parents[0] ?? '')) {
    line.push(commit);
    onLine.add(commit.id);
  }
  const branches = log.filter((c) => !onLine.has(c.id)).reverse();
  return [...line.reverse(), ...branches];
}

function infoOf({ changes: _changes, ...meta }: LogCommit, files: ChangedFile[]): CommitInfo {
  return { ...meta, files };
}

/**
 * Which changes to read: cycle files, and with a team filter only that team's, plus the files they
 * were renamed from. Fed newest first, so a rename into a wanted path makes its old path wanted in
 * the older commits that follow.
 */
class WantedChanges {
  private readonly wanted = new Set<FileChange>();
  private readonly renamedFrom = new Set<string>();

  constructor(
    private readonly teams: ReadonlySet<string> | undefined,
    private readonly teamOf: (path: string) => string | undefined,
  ) {}

  /** Records the change; true when it is to be read. */
  add(change: FileChange): boolean {
    if (!(this.wantedPath(change.path) || this.wantedPath(change.oldPath))) return false;
    this.wanted.add(change);
    if (this.teams !== undefined && change.oldPath !== change.path) this.renamedFrom.add(change.oldPath);
    return true;
  }

  has(change: FileChange): boolean {
    return this.wanted.has(change);
  }

  private wantedPath(path: string): boolean {
    const team = this.teamOf(path);
    return team !== undefined && (this.teams === undefined || this.teams.has(team) || this.renamedFrom.has(path));
  }
}
