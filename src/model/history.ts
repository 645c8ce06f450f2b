// Check-in history as a log of operations (git-bug's picture): every committed version of the goal
// files is a snapshot, and a key result gets a point wherever its value or confidence changed.
// Pure: the git layer supplies commits and the key-result states of each file version.
import { checkinTrailers, commitNote, type CheckinTrailers } from './checkin-message.js';
import type { Day, KeyResultValue } from './types.js';

/** What one file version says about one key result. */
export interface KeyResultState {
  readonly kind: 'metric' | 'milestone' | 'guardrail';
  readonly value: KeyResultValue;
  readonly confidence?: number;
  readonly unit?: string;
}

/** The key results of one version of a cycle file, by `objective/kr` (the team comes from the path). */
export type FileStates = ReadonlyMap<string, KeyResultState>;

/** A goal file a commit changed, with the key results before and after (undefined: absent or unreadable). */
export interface ChangedFile {
  /** The team of the old path and of the new path (they differ when a team folder was renamed). */
  readonly oldTeam: string | undefined;
  readonly newTeam: string | undefined;
  readonly before: FileStates | undefined;
  /** Undefined also when the new version cannot be read (broken YAML): such a version says nothing. */
  readonly after: FileStates | undefined;
}

/** What history needs of a commit besides its files: identity, author, dates, message, trailers. */
export interface CommitMeta {
  readonly id: string;
  /** Parents in the history git showed (rewritten to the commits that touched goal files). */
  readonly parents: readonly string[];
  readonly authorName: string;
  readonly authorEmail: string;
  /** ISO 8601 with the author's offset. */
  readonly authorDate: string;
  readonly committerDate: string;
  readonly subject: string;
  readonly body: string;
  readonly trailers: readonly { key: string; value: string }[];
}

export interface CommitInfo extends CommitMeta {
  /** Changed goal files, compared with the first parent. */
  readonly files: readonly ChangedFile[];
}

export interface HistoryPoint {
  readonly ref: string;
  readonly commit: string;
  /** ISO 8601 author date of the commit the value came from. */
  readonly date: string;
  readonly authorName: string;
  readonly authorEmail: string;
  readonly subject: string;
  readonly value: KeyResultValue;
  /** The value before this point; undefined for the point that added the key result. */
  readonly previous: KeyResultValue | undefined;
  readonly confidence: number | undefined;
  readonly unit: string | undefined;
  /** The check-in note, when the commit carries an `Okr-Checkin` trailer for this key result. */
  readonly note: string | undefined;
  /** `FILE#POINTER` for values `okr measure` read. */
  readonly source: string | undefined;
  /** Whether okr recorded it (trailers) or someone edited the file (hand edit, merged pull request). */
  readonly via: 'checkin' | 'edit';
}

export interface History {
  /** Points by key-result reference, oldest first. A renamed team's key results carry their old points. */
  readonly points: ReadonlyMap<string, readonly HistoryPoint[]>;
  /** The commits read, newest first along the first-parent line. */
  readonly commitCount: number;
  /**
   * Where a shallow clone's history is cut: the commits whose parents are missing. Their files only
   * say what the values were then (not when they were set): no point comes from them. `refs` are
   * the key results those commits held, with the day of the cut (the last check-in of one of them
   * without a later point is on or before that day, but when is unknown).
   */
  readonly cut?: { readonly commits: readonly CommitMeta[]; readonly refs: ReadonlyMap<string, Day> };
}

/** The calendar day of an ISO date, in the offset it was written with (the author's own day). */
export function dayOf(isoDate: string): Day {
  return isoDate.slice(0, 10);
}

const sameState = (a: KeyResultState, b: KeyResultState) => a.value === b.value && a.confidence === b.confidence;

/**
 * Builds every key result's points. `head` is the newest commit; the history is its first-parent
 * line, so a value merged from a branch counts once, where it landed. Such a point is credited to
 * the branch commit that set the value (its author, date, note), found by walking the branch from
 * the merge. With `until`, commits that landed after that day are left out. `windowed`: the
 * commits are only the most recent ones (a window of history, without merges): the value a key
 * result had before the window is its file's state before the window's first change of it.
 */
export function buildHistory(commits: readonly CommitInfo[], head: string | undefined, until?: Day, shallow?: ReadonlySet<string>, windowed = false): History {
  const byId = new Map(commits.map((c) => [c.id, c]));
  const chain: CommitInfo[] = [];
  for (let id = head; id !== undefined; ) {
    const commit = byId.get(id);
    if (!commit) break;
    chain.push(commit);
    id = commit.parents[0];
  }
  let start = 0;
  if (until !== undefined) while (start < chain.length && dayOf(chain[start]!.committerDate) > until) start++;
  const line = chain.slice(start).reverse();
  const onLine = new Set(chain.map((c) => c.id));

  // The last known state of each key result, by team, then `objective/kr`.
  const stateByTeam = new Map<string, Map<string, KeyResultState>>();
  const points = new Map<string, HistoryPoint[]>();
  const trailerCache = new Map<string, Map<string, CheckinTrailers>>();
  const trailersOf = (c: CommitInfo) => {
    let t = trailerCache.get(c.id);
    if (!t) trailerCache.set(c.id, (t = checkinTrailers(c.trailers)));
    return t;
  };

  const cutRefs = new Map<string, Day>();
  const cutCommits: CommitMeta[] = [];
  const isCut = (c: CommitInfo) => shallow !== undefined && shallow.has(c.id);

  for (const commit of line) {
    const cut = isCut(commit);
    if (cut) cutCommits.push(commit);
    for (const file of commit.files) {
      if (file.oldTeam === undefined || file.newTeam === undefined || file.oldTeam === file.newTeam || !file.before) continue;
      const from = stateByTeam.get(file.oldTeam);
      let to = stateByTeam.get(file.newTeam);
      if (!to) stateByTeam.set(file.newTeam, (to = new Map()));
      for (const local of file.before.keys()) {
        const known = from?.get(local) ?? (windowed ? file.before.get(local) : undefined);
        if (known && !to.has(local)) {
          to.set(local, known);
          points.set(`${file.newTeam}/${local}`, points.get(`${file.oldTeam}/${local}`) ?? []);
        }
      }
    }
    for (const file of commit.files) {
      if (!file.after || file.newTeam === undefined) continue;
      let teamState = stateByTeam.get(file.newTeam);
      if (!teamState) stateByTeam.set(file.newTeam, (teamState = new Map()));
      for (const [local, now] of file.after) {
        // A version derived from the one before shares the states that did not change: skip those cheaply.
        const before = teamState.get(local) ?? (windowed && file.oldTeam === file.newTeam ? file.before?.get(local) : undefined);
        if (before === now) continue;
        teamState.set(local, now);
        if (before && sameState(before, now)) continue;
        const ref = `${file.newTeam}/${local}`;
        // A shallow clone's cut: the value was set then or earlier, nobody knows when.
        if (cut) {
          if (!before) cutRefs.set(ref, dayOf(commit.authorDate));
          continue;
        }
        const source = commit.parents.length > 1 ? creditFromBranch(commit, file.newTeam, local, now, byId, onLine, isCut) : commit;
        const trailers = trailersOf(source).get(ref);
        let list = points.get(ref);
        if (!list) points.set(ref, (list = []));
        list.push({
          ref,
          commit: source.id,
          date: source.authorDate,
          authorName: source.authorName,
          authorEmail: source.authorEmail,
          subject: source.subject,
          value: now.value,
          previous: before?.value,
          confidence: now.confidence ?? trailers?.confidence,
          unit: now.unit,
          note: trailers ? commitNote(source.body) || undefined : undefined,
          source: trailers?.source,
          via: trailers ? 'checkin' : 'edit',
        });
      }
    }
  }
  return { points, commitCount: line.length, ...(cutCommits.length ? { cut: { commits: cutCommits, refs: cutRefs } } : {}) };
}

/** The commit on a merged branch that last set `ref` to `now`, or the merge itself. */
function creditFromBranch(
  merge: CommitInfo,
  team: string,
  local: string,
  now: KeyResultState,
  byId: ReadonlyMap<string, CommitInfo>,
  onLine: ReadonlySet<string>,
  isCut: (commit: CommitInfo) => boolean,
): CommitInfo {
  const queue = merge.parents.slice(1);
  const seen = new Set<string>(queue);
  for (let i = 0; i < queue.length; i++) {
    const commit = byId.get(queue[i]!);
    if (!commit) continue;
    for (const file of commit.files) {
      if (file.newTeam !== team || !file.after) continue;
      const after = file.after.get(local);
      if (!after || !sameState(after, now)) continue;
      const before = file.oldTeam === team ? file.before?.get(local) : undefined;
      if (!before || !sameState(before, now)) return isCut(commit) ? merge : commit;
    }
    for (const parent of commit.parents)
      if (!onLine.has(parent) && !seen.has(parent)) {
        seen.add(parent);
        queue.push(parent);
      }
  }
  return merge;
}

/**
 * The check-ins of `history` whose author day is from `since` to `until` (of `team` only, when
 * given), newest first: every change of a value or confidence, each listed once under its own ref
 * (a renamed team's key results share their points). The point that added a key result is where
 * its history starts, not a check-in.
 */
export function checkinsBetween(history: History, since: Day, until: Day, team?: string): HistoryPoint[] {
  const entries: HistoryPoint[] = [];
  const seen = new Set<HistoryPoint>();
  for (const [ref, points] of history.points)
    for (const p of points) {
      if (seen.has(p) || p.ref !== ref || p.previous === undefined) continue;
      seen.add(p);
      const d = dayOf(p.date);
      if (d < since || d > until) continue;
      if (team !== undefined && p.ref.slice(0, p.ref.indexOf('/')) !== team) continue;
      entries.push(p);
    }
  return entries.sort((a, b) => Date.parse(b.date) - Date.parse(a.date) || (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0));
}
