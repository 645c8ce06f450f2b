// Goals across repositories (SPEC 13), the fetching side: `okr fetch` (and `--fetch` on read
// commands) fetches the upstream and every member into refs/okr/<id>, a few at a time, and keeps
// a small record of when each was fetched, and from where (<git dir>/okr/fetch-state.json), so
// that read commands, offline, can say how old each is ("mobile: fetched 3 h ago"), name the last
// good fetch of one that failed, and leave out a copy of a repository okr.yaml no longer names
// under that id. A failure of one never stops the others. `okr fetch` also prunes what it fetched
// for ids okr.yaml no longer names (refs, previous tips, records).
import { mkdirSync, readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import type { Environment } from '../env.js';
import { writeFileAtomically } from '../files/atomic-write.js';
import { commonGitDir } from '../git/common-dir.js';
import { deleteRefs, fetchRef, refCommit, setRef, symbolicRefs } from '../git/fetch-ref.js';
import type { Repository } from '../git/repository.js';
import { isAncestor } from '../git/revisions.js';
import { isValidId } from '../model/ids.js';
import { checkRemoteUrl, fetchedRef, previousRef, refNameProblem } from '../model/remotes.js';
import type { Config, RemoteWorkspace } from '../model/types.js';

export const DEFAULT_FETCH_JOBS = 4;
const DEFAULT_TIMEOUT_MS = 120_000;

/** The upstream, then the members, as okr.yaml lists them. */
export function remotesOf(config: Config): RemoteWorkspace[] {
  return [...(config.upstream ? [config.upstream] : []), ...(config.members ?? [])];
}

/** What okr remembers of one remote's fetches. */
export interface FetchRecord {
  /** Where the copy in refs/okr/<id> was fetched from (as okr.yaml wrote them then); where the first attempt went, before any copy. */
  readonly url: string;
  readonly ref: string;
  /** ISO time of the last fetch that succeeded. */
  readonly fetched_at: string | null;
  /** ISO time of the last attempt, and why it failed (null when it did not). */
  readonly attempted_at: string;
  readonly error: string | null;
  /** The commit of refs/okr/<id> before the last fetch that changed it (also refs/okr-prev/<id>). */
  readonly previous: string | null;
  /**
   * The workspaces (folders from the repository's top, "." for the top) whose okr.yaml named this
   * id when they fetched it: several workspaces of one repository share its refs. Null in records
   * written before okr kept them.
   */
  readonly workspaces: readonly string[] | null;
}

export type FetchState = Record<string, FetchRecord>;

function statePath(repository: Repository): string {
  return join(commonGitDir(repository.gitDir), 'okr', 'fetch-state.json');
}

/**
 * The fetch record; an unreadable or foreign one counts as empty (it is a cache of facts, not
 * goals), and so does a record okr cannot have written (an id that is no id, no URL or ref).
 */
export function readFetchState(repository: Repository): FetchState {
  const state: FetchState = Object.create(null) as FetchState;
  try {
    const data = JSON.parse(readFileSync(statePath(repository), 'utf8')) as unknown;
    if (data === null || typeof data !== 'object' || (data as { version?: unknown }).version !== 1) return state;
    const remotes = (data as { remotes?: unknown }).remotes;
    if (remotes === null || typeof remotes !== 'object' || Array.isArray(remotes)) return state;
    for (const [id, raw] of Object.entries(remotes as Record<string, unknown>)) {
      if (!isValidId(id) || refNameProblem(id) || raw === null || typeof raw !== 'object') continue;
      const r = raw as Record<string, unknown>;
      const text = (x: unknown) => (typeof x === 'string' ? x : null);
      const url = text(r.url);
      const ref = text(r.ref);
      if (url === null || ref === null) continue;
      const workspaces = Array.isArray(r.workspaces) && r.workspaces.every((w) => typeof w === 'string') ? (r.workspaces as string[]) : null;
      state[id] = { url, ref, fetched_at: text(r.fetched_at), attempted_at: text(r.attempted_at) ?? '', error: text(r.error), previous: text(r.previous), workspaces };
    }
    return state;
  } catch {
    return state;
  }
}

/** Whether the copy a record describes was fetched from somewhere else than okr.yaml now names for its id. */
export function fetchedElsewhere(record: FetchRecord | undefined, remote: RemoteWorkspace): boolean {
  return record !== undefined && (record.url !== remote.url || record.ref !== remote.ref);
}

/** The workspace's name in fetch records: its folder from the repository's top, "." for the top. */
export function workspaceKey(repository: Repository): string {
  return repository.prefix === '' ? '.' : repository.prefix.replace(/\/$/, '');
}

function writeFetchState(repository: Repository, state: FetchState): void {
  const path = statePath(repository);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileAtomically(path, JSON.stringify({ version: 1, remotes: state }, null, 2) + '\n');
}

/** The result of fetching one remote. */
export interface FetchResult {
  readonly remote: RemoteWorkspace;
  readonly outcome: 'updated' | 'unchanged' | 'failed';
  readonly commit: string | null;
  readonly previous: string | null;
  readonly error: string | null;
  /** The last fetch that succeeded (now, unless it failed). */
  readonly fetchedAt: string | null;
  /**
   * Where the copy this fetch replaced (updated) or kept (failed) came from, when okr.yaml named
   * another URL or ref for the id then; `continued`: the new tip continues its history (a
   * repository that moved), so the old tip stays the "before" of okr diff --members.
   */
  readonly elsewhere: { readonly url: string; readonly ref: string; readonly continued: boolean } | null;
}

export interface FetchOptions {
  readonly jobs?: number;
  /**
   * Prune: every id this workspace's okr.yaml names. What this workspace fetched for any other id
   * is removed (refs/okr/<id>, refs/okr-prev/<id>, its record), unless another workspace of the
   * repository fetched it too (then only this workspace's claim goes). Without it, nothing is pruned.
   */
  readonly named?: ReadonlySet<string>;
}

export interface FetchRun {
  readonly results: FetchResult[];
  /** The ids pruned, in the order of the record. */
  readonly pruned: string[];
  /** Why pruning stopped (git refused to delete the refs), if it did: nothing was pruned then. */
  readonly pruneError: string | null;
}

/** Where git is to fetch from: a URL as written, a local path made absolute from the workspace folder. */
export function fetchLocation(remote: RemoteWorkspace, workspaceRoot: string): string {
  const verdict = checkRemoteUrl(remote.url);
  if (verdict.ok && verdict.transport === 'local' && !isAbsolute(remote.url)) return resolve(workspaceRoot, remote.url);
  return remote.url;
}

/**
 * The ids whose fetched copies this workspace would prune (no other workspace fetched them too),
 * and those it only lets go of (another workspace of the repository fetched them as well).
 * Records without a list of workspaces (written before okr kept one) count as this workspace's.
 */
export function prunable(state: FetchState, named: ReadonlySet<string>, workspace: string): { prune: string[]; release: string[] } {
  const prune: string[] = [];
  const release: string[] = [];
  for (const [id, record] of Object.entries(state)) {
    if (named.has(id) || !isValidId(id) || refNameProblem(id)) continue;
    const claims = record.workspaces;
    if (claims !== null && !claims.includes(workspace)) continue;
    if (claims !== null && claims.length > 1) release.push(id);
    else prune.push(id);
  }
  return { prune, release };
}

/**
 * Fetches each remote into refs/okr/<id>, `jobs` at a time; on a terminal, stderr says as each
 * one is done. Never throws for one remote: its failure is its result. With `named`, first prunes
 * what this workspace fetched for ids okr.yaml no longer names.
 */
export async function fetchRemotes(env: Environment, repository: Repository, workspaceRoot: string, remotes: readonly RemoteWorkspace[], options: FetchOptions = {}): Promise<FetchRun> {
  const jobs = Math.max(1, options.jobs ?? DEFAULT_FETCH_JOBS);
  const timeoutMs = fetchTimeout(env);
  const workspace = workspaceKey(repository);
  const state = readFetchState(repository);
  const updated: FetchState = Object.assign(Object.create(null) as FetchState, state);
  // Pruned first: a later member reusing the id then starts from nothing, never from a stranger's copy.
  let pruned: string[] = [];
  let pruneError: string | null = null;
  if (options.named) {
    const { prune, release } = prunable(state, options.named, workspace);
    const deleted = await deleteRefs(repository.git, prune.flatMap((id) => [fetchedRef(id), previousRef(id)]));
    if (deleted.ok) {
      for (const id of prune) delete updated[id];
      pruned = prune;
    } else pruneError = deleted.reason;
    for (const id of release) updated[id] = { ...state[id]!, workspaces: state[id]!.workspaces!.filter((w) => w !== workspace) };
  }
  // git fetch writes through a symbolic ref: into refs/okr/<id> linked to a branch, it would move the branch.
  const links = remotes.length > 0 ? await symbolicRefs(repository.git, 'refs/okr/') : new Map<string, string>();
  const results: FetchResult[] = new Array<FetchResult>(remotes.length);
  // On a terminal, a line as each one is done (stderr passes no control characters, so no \r redraw).
  const progress = env.stderr.isTTY && remotes.length > 1;
  if (progress) env.stderr.write(`okr: fetching ${remotes.length} repositories, ${Math.min(jobs, remotes.length)} at a time\n`);
  let done = 0;
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < remotes.length; i = next++) {
      const result = (results[i] = await fetchOne(repository, workspaceRoot, remotes[i]!, state[remotes[i]!.id], timeoutMs, links));
      done++;
      if (progress) env.stderr.write(`okr: [${done}/${remotes.length}] ${result.remote.id}: ${result.outcome}\n`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs, remotes.length) }, worker));
  const now = new Date().toISOString();
  for (const result of results) {
    const before = state[result.remote.id];
    // A failed fetch leaves the copy as it was: its record keeps saying where that copy came from.
    const source = result.outcome === 'failed' && before && result.commit ? before : result.remote;
    updated[result.remote.id] = {
      url: source.url,
      ref: source.ref,
      fetched_at: result.outcome === 'failed' ? (before?.fetched_at ?? null) : now,
      attempted_at: now,
      error: result.error,
      previous: result.outcome === 'updated' ? result.previous : (before?.previous ?? null),
      workspaces: [...new Set([...(before?.workspaces ?? []), workspace])],
    };
  }
  writeFetchState(repository, updated);
  return { results: results.map((r) => ({ ...r, fetchedAt: updated[r.remote.id]!.fetched_at })), pruned, pruneError };
}

async function fetchOne(
  repository: Repository,
  workspaceRoot: string,
  remote: RemoteWorkspace,
  before: FetchRecord | undefined,
  timeoutMs: number,
  links: ReadonlyMap<string, string>,
): Promise<FetchResult> {
  const into = fetchedRef(remote.id);
  const link = links.get(into);
  if (link !== undefined) {
    const error = `${into} is a symbolic ref to ${link}: okr fetches into its own ref, never through a link (delete the link: git update-ref -d --no-deref ${into})`;
    return { remote, outcome: 'failed', commit: null, previous: null, error, fetchedAt: before?.fetched_at ?? null, elsewhere: null };
  }
  const tip = (await refCommit(repository.git, into)) ?? null;
  const movedFrom = tip !== null && before !== undefined && fetchedElsewhere(before, remote) ? before : null;
  const outcome = await fetchRef(repository.git, { url: fetchLocation(remote, workspaceRoot), ref: remote.ref, into, timeoutMs });
  if (!outcome.ok) {
    const elsewhere = movedFrom && { url: movedFrom.url, ref: movedFrom.ref, continued: false };
    return { remote, outcome: 'failed', commit: tip, previous: tip, error: outcome.reason, fetchedAt: before?.fetched_at ?? null, elsewhere };
  }
  // A copy fetched from another URL or ref than okr.yaml names now is another repository's (or
  // branch's), not this one's past, unless the new tip continues its history (the repository moved).
  const elsewhere = movedFrom && { url: movedFrom.url, ref: movedFrom.ref, continued: await isAncestor(repository.git, tip!, outcome.commit) };
  const stranger = elsewhere !== null && !elsewhere.continued;
  const previous = stranger ? null : tip;
  if (stranger) await deleteRefs(repository.git, [previousRef(remote.id)]);
  if (outcome.commit === tip && !stranger) return { remote, outcome: 'unchanged', commit: tip, previous, error: null, fetchedAt: null, elsewhere };
  // The tip before this fetch stays reachable, for `okr diff --members`.
  if (previous) await setRef(repository.git, previousRef(remote.id), previous);
  return { remote, outcome: 'updated', commit: outcome.commit, previous, error: null, fetchedAt: null, elsewhere };
}

function fetchTimeout(env: Environment): number {
  const raw = env.vars.OKR_FETCH_TIMEOUT;
  if (raw === undefined || !/^\d+$/.test(raw) || Number(raw) < 1) return DEFAULT_TIMEOUT_MS;
  return Number(raw) * 1000;
}

/** "just now", "5 min ago", "3 h ago", "2 days ago": how long ago an ISO time was. */
export function ageOf(iso: string, now: Date = new Date()): string {
  const then = Date.parse(iso);
  if (!Number.isFinite(then)) return 'at an unknown time';
  const seconds = Math.max(0, Math.round((now.getTime() - then) / 1000));
  if (seconds < 60) return 'just now';
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 48 * 3600) return `${Math.floor(seconds / 3600)} h ago`;
  return `${Math.floor(seconds / 86400)} days ago`;
}
