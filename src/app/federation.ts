// Goals across repositories (SPEC 13), the fetching side: `okr fetch` (and `--fetch` on read
// commands) fetches the upstream and every member into refs/okr/<id>, a few at a time, and keeps
// a small record of when each was fetched (<git dir>/okr/fetch-state.json) so that read commands,
// offline, can say how old each is ("mobile: fetched 3 h ago") and name the last good fetch of one
// that failed. A failure of one never stops the others.
import { mkdirSync, readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import type { Environment } from '../env.js';
import { writeFileAtomically } from '../files/atomic-write.js';
import { commonGitDir } from '../git/common-dir.js';
import { fetchRef, refCommit, setRef } from '../git/fetch-ref.js';
import type { Repository } from '../git/repository.js';
import { checkRemoteUrl, fetchedRef, previousRef } from '../model/remotes.js';
import type { Config, RemoteWorkspace } from '../model/types.js';

export const DEFAULT_FETCH_JOBS = 4;
const DEFAULT_TIMEOUT_MS = 120_000;

/** The upstream, then the members, as okr.yaml lists them. */
export function remotesOf(config: Config): RemoteWorkspace[] {
  return [...(config.upstream ? [config.upstream] : []), ...(config.members ?? [])];
}

/** What okr remembers of one remote's fetches. */
export interface FetchRecord {
  readonly url: string;
  readonly ref: string;
  /** ISO time of the last fetch that succeeded. */
  readonly fetched_at: string | null;
  /** ISO time of the last attempt, and why it failed (null when it did not). */
  readonly attempted_at: string;
  readonly error: string | null;
  /** The commit of refs/okr/<id> before the last fetch that changed it (also refs/okr-prev/<id>). */
  readonly previous: string | null;
}

export type FetchState = Record<string, FetchRecord>;

function statePath(repository: Repository): string {
  return join(commonGitDir(repository.gitDir), 'okr', 'fetch-state.json');
}

/** The fetch record; an unreadable or foreign one counts as empty (it is a cache of facts, not goals). */
export function readFetchState(repository: Repository): FetchState {
  try {
    const data = JSON.parse(readFileSync(statePath(repository), 'utf8')) as unknown;
    if (data === null || typeof data !== 'object' || (data as { version?: unknown }).version !== 1) return {};
    const remotes = (data as { remotes?: unknown }).remotes;
    if (remotes === null || typeof remotes !== 'object' || Array.isArray(remotes)) return {};
    const state: FetchState = Object.create(null) as FetchState;
    for (const [id, raw] of Object.entries(remotes as Record<string, unknown>)) {
      if (raw === null || typeof raw !== 'object') continue;
      const r = raw as Record<string, unknown>;
      const text = (x: unknown) => (typeof x === 'string' ? x : null);
      state[id] = { url: text(r.url) ?? '', ref: text(r.ref) ?? '', fetched_at: text(r.fetched_at), attempted_at: text(r.attempted_at) ?? '', error: text(r.error), previous: text(r.previous) };
    }
    return state;
  } catch {
    return {};
  }
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
}

export interface FetchOptions {
  readonly jobs?: number;
}

/** Where git is to fetch from: a URL as written, a local path made absolute from the workspace folder. */
export function fetchLocation(remote: RemoteWorkspace, workspaceRoot: string): string {
  const verdict = checkRemoteUrl(remote.url);
  if (verdict.ok && verdict.transport === 'local' && !isAbsolute(remote.url)) return resolve(workspaceRoot, remote.url);
  return remote.url;
}

/**
 * Fetches each remote into refs/okr/<id>, `jobs` at a time; on a terminal, stderr says as each
 * one is done. Never throws for one remote: its failure is its result.
 */
export async function fetchRemotes(env: Environment, repository: Repository, workspaceRoot: string, remotes: readonly RemoteWorkspace[], options: FetchOptions = {}): Promise<FetchResult[]> {
  const jobs = Math.max(1, options.jobs ?? DEFAULT_FETCH_JOBS);
  const timeoutMs = fetchTimeout(env);
  const state = readFetchState(repository);
  const results: FetchResult[] = new Array<FetchResult>(remotes.length);
  // On a terminal, a line as each one is done (stderr passes no control characters, so no \r redraw).
  const progress = env.stderr.isTTY && remotes.length > 1;
  if (progress) env.stderr.write(`okr: fetching ${remotes.length} repositories, ${Math.min(jobs, remotes.length)} at a time\n`);
  let done = 0;
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < remotes.length; i = next++) {
      const result = (results[i] = await fetchOne(repository, workspaceRoot, remotes[i]!, state[remotes[i]!.id], timeoutMs));
      done++;
      if (progress) env.stderr.write(`okr: [${done}/${remotes.length}] ${result.remote.id}: ${result.outcome}\n`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs, remotes.length) }, worker));
  const now = new Date().toISOString();
  const updated: FetchState = { ...state };
  for (const result of results) {
    const before = state[result.remote.id];
    updated[result.remote.id] = {
      url: result.remote.url,
      ref: result.remote.ref,
      fetched_at: result.outcome === 'failed' ? (before?.fetched_at ?? null) : now,
      attempted_at: now,
      error: result.error,
      previous: result.outcome === 'updated' ? result.previous : (before?.previous ?? null),
    };
  }
  writeFetchState(repository, updated);
  return results.map((r) => ({ ...r, fetchedAt: updated[r.remote.id]!.fetched_at }));
}

async function fetchOne(repository: Repository, workspaceRoot: string, remote: RemoteWorkspace, before: FetchRecord | undefined, timeoutMs: number): Promise<FetchResult> {
  const into = fetchedRef(remote.id);
  const previous = (await refCommit(repository.git, into)) ?? null;
  const outcome = await fetchRef(repository.git, { url: fetchLocation(remote, workspaceRoot), ref: remote.ref, into, timeoutMs });
  if (!outcome.ok) return { remote, outcome: 'failed', commit: previous, previous, error: outcome.reason, fetchedAt: before?.fetched_at ?? null };
  if (outcome.commit === previous) return { remote, outcome: 'unchanged', commit: previous, previous, error: null, fetchedAt: null };
  // The tip before this fetch stays reachable, for `okr diff --members`.
  if (previous) await setRef(repository.git, previousRef(remote.id), previous);
  return { remote, outcome: 'updated', commit: outcome.commit, previous, error: null, fetchedAt: null };
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
