// Goals across repositories (SPEC 13): the check-in history of the upstream's and members' key
// results, read from the refs okr fetch wrote (each remote's own commits, as fetched), joined to this
// repository's history. Team ids are unique across the organisation, so the points of a key result
// come from one repository alone.
import type { History } from '../model/history.js';
import type { RemoteWorkspace, Workspace } from '../model/types.js';
import { remotesOf } from './federation.js';

/** Reads one remote's history at the commit read, for the given teams of it. */
export type ReadRemoteHistory = (remote: RemoteWorkspace, commit: string, teams: ReadonlySet<string>) => Promise<History>;

/**
 * `local` with the history of every remote whose teams the workspace shows (or, with `teams`, of
 * those of them asked for). `commits`: the commit each remote was read at.
 */
export async function withRemoteHistory(
  local: History,
  workspace: Workspace,
  commits: ReadonlyMap<string, string>,
  read: ReadRemoteHistory,
  teams?: ReadonlySet<string>,
): Promise<History> {
  const byRemote = new Map<string, Set<string>>();
  for (const team of workspace.teams.values()) {
    if (team.repository === undefined || (teams && !teams.has(team.id))) continue;
    let set = byRemote.get(team.repository);
    if (!set) byRemote.set(team.repository, (set = new Set()));
    set.add(team.id);
  }
  const reads = remotesOf(workspace.config).flatMap((remote) => {
    const commit = commits.get(remote.id);
    const theirs = byRemote.get(remote.id);
    return commit && theirs ? [read(remote, commit, theirs)] : [];
  });
  if (reads.length === 0) return local;
  const points = new Map(local.points);
  let commitCount = local.commitCount;
  for (const history of await Promise.all(reads)) {
    for (const [ref, list] of history.points) if (!points.has(ref)) points.set(ref, list);
    commitCount += history.commitCount;
  }
  return { ...local, points, commitCount };
}
