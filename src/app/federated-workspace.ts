// Goals across repositories (SPEC 13), the seam between a session's load and the other
// repositories: when okr.yaml names an upstream or members, their workspaces are read from the refs
// `okr fetch` wrote (as they were on the day asked, with --at or --as-of) and merged into this one,
// so every view (tree, status, show, stale, report, dashboard) and okr check see one organisation.
// How old each copy is, and what could not be read, is said on stderr; nothing here fails the load.
import type { Environment } from '../env.js';
import { DataError } from '../errors.js';
import { BlobReader } from '../git/blob-reader.js';
import { commitDay, refCommit, refCommitOnDay } from '../git/fetch-ref.js';
import type { Repository } from '../git/repository.js';
import type { Finding } from '../model/findings.js';
import { fetchedRef, namesRemotes, previousRef, remoteOfFile, UPSTREAM_ID } from '../model/remotes.js';
import type { Config, Day, RemoteWorkspace } from '../model/types.js';
import { analyzeFiles, assembleWorkspace, type FileAnalysis, type LoadedWorkspace } from '../workspace/load.js';
import type { RawFile } from '../workspace/source.js';
import { mergeRemoteWorkspaces, readRemoteWorkspace, type RemoteAnalyses } from '../workspace/members.js';
import { ageOf, fetchedElsewhere, fetchRemotes, readFetchState, remotesOf, type FetchState } from './federation.js';

/** What the load needs to know: the environment, the repository, the size limit, the day or commit asked. */
export interface FederatedRead {
  readonly env: Environment;
  readonly repository: Repository | undefined;
  readonly maxBytes: number;
  /** --as-of: each remote as it was fetched on that day. */
  readonly asOf?: Day | undefined;
  /** --at: the commit this workspace is read from; each remote as it was on that commit's day. */
  readonly commit?: string | undefined;
  /** Say nothing about the copies' age (the second read of okr diff --members). */
  readonly quiet?: boolean;
}

/** The workspace with its upstream and members merged in. `pick`: which commit of each remote to read (default: by the day asked, else the fetched tip). */
export async function loadFederated(
  read: FederatedRead,
  local: readonly FileAnalysis[],
  config: Config,
  pick?: (remote: RemoteWorkspace) => Promise<string | undefined>,
): Promise<LoadedWorkspace> {
  const { env, repository } = read;
  const remotes = remotesOf(config);
  const findings: Finding[] = [];
  const upstreamMissing = (why: string) =>
    config.upstream &&
    findings.push({
      rule: 'upstream-not-fetched',
      severity: 'error',
      message: `the upstream ${why}, so its mission, cycles and goals are unknown and alignments to them cannot be checked: run "okr fetch" (or add --fetch)`,
      target: { file: config.upstream.origin.file, path: config.upstream.origin.path, on: 'key' },
    });
  if (!repository) {
    env.stderr.write('okr: warning: the upstream and members are read from git (refs/okr/<id>), and this workspace is not in a git repository\n');
    upstreamMissing('cannot be read outside a git repository');
    return withFindings(assembleWorkspace(local), findings);
  }
  const day = read.asOf ?? (read.commit !== undefined ? await commitDay(repository.git, read.commit) : undefined);
  const state = readFetchState(repository);
  // A copy fetched from another URL or ref than okr.yaml now names for its id is another
  // repository's goals (or another branch's): it is left out, with a warning, until okr fetch.
  const elsewhere = remotes.map((r) => fetchedElsewhere(state[r.id], r));
  const commits = await Promise.all(
    remotes.map((r, i) =>
      elsewhere[i] ? undefined : pick ? pick(r) : day === undefined ? refCommit(repository.git, fetchedRef(r.id)) : refCommitOnDay(repository.git, fetchedRef(r.id), day),
    ),
  );
  const reader = new BlobReader(repository.git, read.maxBytes);
  let read_: RemoteAnalyses[];
  try {
    read_ = await Promise.all(remotes.flatMap((remote, i) => (commits[i] ? [readRemoteWorkspace(repository, remote, commits[i]!, reader, read.maxBytes)] : [])));
  } finally {
    reader.close();
  }
  for (const [i, remote] of remotes.entries())
    if (!commits[i] && remote.role === 'upstream')
      upstreamMissing(elsewhere[i] ? `was fetched from ${state[remote.id]!.url} ${state[remote.id]!.ref}, not from the URL and ref okr.yaml names now` : day !== undefined && state[remote.id] ? `had not been fetched on ${day}` : 'has not been fetched');
  for (const r of read_)
    if (!r.hasConfig)
      env.stderr.write(`okr: warning: ${r.remote.id}: no okr.yaml in ${r.remote.path === '' ? 'the top folder' : `"${r.remote.path}"`} of ${r.remote.url} ${r.remote.ref}: is "path" right?\n`);
  if (!read.quiet) sayHowOld(env, remotes, commits, elsewhere, state, day);
  const merged = mergeRemoteWorkspaces(local, read_);
  const remoteCommits = new Map<string, string>();
  for (const [i, remote] of remotes.entries()) if (commits[i]) remoteCommits.set(remote.id, commits[i]!);
  const loaded = { ...assembleWorkspace(merged.analyses), remoteCommits };
  // The upstream's own findings are its maintainers' business; what this workspace does with it is not.
  return withFindings({ ...loaded, findings: loaded.findings.filter((f) => remoteOfFile(f.target.file) !== UPSTREAM_ID) }, [...findings, ...merged.findings]);
}

function withFindings(loaded: LoadedWorkspace, more: readonly Finding[]): LoadedWorkspace {
  return more.length === 0 ? loaded : { ...loaded, findings: [...more, ...loaded.findings] };
}

/**
 * One line on stderr for the copies read (grouped by age: "okr: goals of other repositories as
 * fetched just now: mobile, web, data"), and a warning for each one missing, left out (fetched from
 * elsewhere) or whose last fetch failed, with the age of the copy shown instead.
 */
function sayHowOld(env: Environment, remotes: readonly RemoteWorkspace[], commits: readonly (string | undefined)[], elsewhere: readonly boolean[], state: FetchState, day: Day | undefined): void {
  const groups = new Map<string, string[]>();
  for (const [i, remote] of remotes.entries()) {
    const record = state[remote.id];
    if (elsewhere[i]) {
      env.stderr.write(
        `okr: warning: ${remote.id}: the copy in refs/okr/${remote.id} was fetched from ${record!.url} ${record!.ref}, but okr.yaml now names ${remote.url} ${remote.ref}; it is left out: run "okr fetch" (or add --fetch)\n`,
      );
      continue;
    }
    if (!commits[i]) {
      env.stderr.write(
        day !== undefined && record
          ? `okr: warning: ${remote.id}: nothing fetched was committed on or before ${day}; it is left out\n`
          : `okr: warning: ${remote.id}: not fetched yet; run "okr fetch" to read its goals\n`,
      );
      continue;
    }
    if (record?.error) env.stderr.write(`okr: warning: ${remote.id}: the last fetch failed (${record.error}); reading the copy fetched ${record.fetched_at ? ageOf(record.fetched_at) : 'before'}\n`);
    const age = record?.fetched_at ? ageOf(record.fetched_at) : 'at an unknown time';
    let group = groups.get(age);
    if (!group) groups.set(age, (group = []));
    group.push(remote.id);
  }
  if (groups.size === 0) return;
  const parts = [...groups].map(([age, ids]) => `${ids.length > 5 ? `${ids.length} repositories` : ids.join(', ')} fetched ${age}`);
  env.stderr.write(`okr: ${day !== undefined ? `as of ${day}, ` : ''}other repositories' goals: ${parts.join('; ')}\n`);
}

/** `--fetch`: fetches what okr.yaml names before the goals are read; a failure is a warning. */
export async function fetchBeforeReading(env: Environment, repository: Repository | undefined, root: string, config: Config | undefined): Promise<void> {
  if (!config || !namesRemotes(config) || !repository) return;
  // No pruning here: the okr.yaml read may be a revision's (--at), not what the repository names now.
  for (const r of (await fetchRemotes(env, repository, root, remotesOf(config))).results)
    if (r.outcome === 'failed')
      env.stderr.write(`okr: warning: ${r.remote.id}: ${r.error}; ${r.elsewhere ? `the copy fetched is of ${r.elsewhere.url} ${r.elsewhere.ref}, which okr.yaml no longer names` : r.fetchedAt ? `last fetched ${ageOf(r.fetchedAt)}` : 'never fetched'}\n`);
}

/**
 * Check-ins stay in the repository that owns the goal (SPEC 13): when a reference names a team of
 * the upstream or of a member (in the workspace as loaded with them), the error says where to run the check-in instead. Undefined when
 * every team named is this repository's own (or unknown anywhere).
 */
export function remoteOwner(opened: LoadedWorkspace, refs: readonly string[]): DataError | undefined {
  const teams = refs.map((ref) => ref.split('/')[0]!);
  for (const [i, team] of teams.entries()) {
    const owner = opened.workspace.teams.get(team)?.repository;
    if (owner === undefined) continue;
    const remote = remotesOf(opened.workspace.config).find((r) => r.id === owner);
    const where = remote ? `${remote.url}${remote.path ? ` (folder ${remote.path.slice(0, -1)})` : ''}` : owner;
    return new DataError(
      `${refs[i]} is a goal of ${owner === UPSTREAM_ID ? 'the upstream' : `member ${owner}`}, whose goals live in ${where}: a check-in is a commit in the repository that owns the goal`,
      `Run it there: clone ${remote?.url ?? 'that repository'}, then okr checkin ${refs[i]}=VALUE. "okr fetch" here brings the new value in.`,
    );
  }
  return undefined;
}

/**
 * okr diff --members: this workspace's work tree with each member as it was before the last fetch
 * that changed it (refs/okr-prev/<id>; a member fetched once is the same on both sides), and with
 * each member as fetched now (refs/okr/<id>).
 */
export async function loadMemberDiffSides(
  env: Environment,
  repository: Repository,
  root: string,
  files: readonly RawFile[],
  maxBytes: number,
): Promise<{ base: LoadedWorkspace; head: LoadedWorkspace }> {
  const local = analyzeFiles(files);
  const config = local.find((a) => a.role?.kind === 'config')?.config;
  if (!config?.members?.length)
    throw new DataError('okr.yaml names no members: there is nothing fetched to compare', 'okr diff --members is for an organisation whose okr.yaml lists members: (then run okr fetch).');
  const read: FederatedRead = { env, repository, maxBytes };
  const head = await loadFederated(read, local, config);
  const base = await loadFederated({ ...read, quiet: true }, local, config, async (remote) => (await refCommit(repository.git, previousRef(remote.id))) ?? refCommit(repository.git, fetchedRef(remote.id)));
  return { base, head };
}
