// Goals across repositories (SPEC 13), the reading side: another repository's workspace read from
// the ref `okr fetch` wrote (ls-tree and cat-file, no checkout), each file through the same defences
// as a local one (size limit, UTF-8, links, YAML limits, schema), and merged with this workspace's
// files before the one workspace is assembled. A remote file is named `<id>:<file>`
// (`mobile:teams/ios/2026-Q4.yaml`), so every finding says which repository it is about.
import type { BlobReader } from '../git/blob-reader.js';
import type { Repository } from '../git/repository.js';
import { listTree } from '../git/tree-listing.js';
import type { Finding } from '../model/findings.js';
import { remoteFileName, UPSTREAM_ID } from '../model/remotes.js';
import type { Config, RemoteWorkspace, RuleSetting } from '../model/types.js';
import { analyzeFile, type FileAnalysis } from './load.js';
import { readEntry } from './revision-files.js';
import { ignoredFilesOf, listedPaths, roleOf, TEAMS_DIR } from './source.js';

/** One remote workspace as read from a commit. */
export interface RemoteAnalyses {
  readonly remote: RemoteWorkspace;
  readonly analyses: readonly FileAnalysis[];
  /** Whether the folder held an okr.yaml (no okr.yaml: not an okr workspace, or the wrong `path`). */
  readonly hasConfig: boolean;
}

/** Reads and analyses a remote workspace's goal files at `commit` (one ls-tree; the objects through `reader`). */
export async function readRemoteWorkspace(repository: Repository, remote: RemoteWorkspace, commit: string, reader: BlobReader, maxBytes: number): Promise<RemoteAnalyses> {
  const entries = await listTree(repository.git, commit, listedPaths(remote.path));
  const reads: Promise<FileAnalysis | undefined>[] = [];
  const goalFiles = new Set<string>();
  const others: string[] = [];
  let hasConfig = false;
  for (const entry of entries) {
    if (!entry.path.startsWith(remote.path)) continue;
    const file = entry.path.slice(remote.path.length);
    const role = roleOf(file);
    if (!role) {
      others.push(file);
      continue;
    }
    if (role.kind === 'config') hasConfig = true;
    goalFiles.add(file);
    const named = remoteFileName(remote.id, file);
    reads.push(readEntry(reader, { ...entry, file: named }, maxBytes).then((raw) => analyzeFile(raw, role)));
  }
  const analyses = (await Promise.all(reads)).filter((a): a is FileAnalysis => a !== undefined);
  // The files okr ignores there (2026-Q4.yml), named as the repository's, as a local listing has them.
  for (const { file, problem } of ignoredFilesOf(others, (f) => goalFiles.has(f))) {
    const named = remoteFileName(remote.id, file);
    analyses.push({ file: named, findings: [{ ...problem!, target: { file: named, line: 1, column: 1 } }] });
  }
  return { remote, analyses, hasConfig };
}

/** What merging remote workspaces into this one gives: the analyses to assemble, and the clashes. */
export interface Merged {
  readonly analyses: FileAnalysis[];
  readonly findings: Finding[];
}

/**
 * This workspace's analyses with the remote ones: the upstream's okr.yaml lends its mission,
 * values, cycles and rules to this one's (SPEC 13); a member's okr.yaml is its own business (its
 * findings are kept, its settings are not used). A team id already taken (here, or by a remote
 * before) is a clash: an error naming both repositories, and the later team is left out.
 */
export function mergeRemoteWorkspaces(local: readonly FileAnalysis[], remotes: readonly RemoteAnalyses[]): Merged {
  const owner = new Map<string, string>(); // team id -> the repository that has it ('' for this one)
  const localFile = new Map<string, string>(); // team id -> its first file here
  for (const a of local)
    if (a.role && a.role.kind !== 'config' && !owner.has(a.role.team)) {
      owner.set(a.role.team, '');
      localFile.set(a.role.team, a.file);
    }
  const findings: Finding[] = [];
  const analyses: FileAnalysis[] = [];
  const upstream = remotes.find((r) => r.remote.id === UPSTREAM_ID && r.remote.role === 'upstream');
  const upstreamConfig = upstream?.analyses.find((a) => a.role?.kind === 'config')?.config;
  for (const a of local) {
    if (a.role?.kind === 'config' && a.config && upstreamConfig) analyses.push({ ...a, config: inheritConfig(a.config, upstreamConfig) });
    else analyses.push(a);
  }
  const describe = (repository: string) => (repository === '' ? 'this repository' : repository === UPSTREAM_ID ? 'the upstream' : `member ${repository}`);
  for (const { remote, analyses: theirs } of remotes) {
    const clashed = new Set<string>();
    for (const a of theirs) {
      if (a.role?.kind === 'config') {
        // Its settings stay out of this workspace; what was wrong with it is still said.
        analyses.push({ file: a.file, findings: a.findings, ...(a.text !== undefined ? { text: a.text } : {}) });
        continue;
      }
      const team = a.role?.team;
      if (team !== undefined && !clashed.has(team)) {
        const other = owner.get(team);
        if (other === undefined) owner.set(team, remote.id);
        else if (other !== remote.id) {
          clashed.add(team);
          findings.push({
            rule: 'team-clash',
            severity: 'error',
            message: `team "${team}" is in two repositories: ${describe(remote.id)} (${remoteFileName(remote.id, `${TEAMS_DIR}/${team}/`)}) and ${describe(other)} (${other === '' ? `${TEAMS_DIR}/${team}/` : remoteFileName(other, `${TEAMS_DIR}/${team}/`)}); team ids are unique across the organisation: rename one. Only the first is shown`,
            // The upstream's files are not this workspace's to fix (nor reported by its check): the clash is said here.
            target: { file: remote.id === UPSTREAM_ID && other === '' ? localFile.get(team)! : a.file, line: 1, column: 1 },
          });
        }
      }
      if (team !== undefined && clashed.has(team)) continue;
      analyses.push(a.team ? { ...a, team: { ...a.team, repository: remote.id } } : a);
    }
  }
  return { analyses, findings };
}

/**
 * A member's settings with what it inherits from its upstream: the upstream's mission unless it
 * writes its own; the upstream's values and cycles, then its own (an id it repeats is its own);
 * the upstream's rules, then those it writes; its own check-in settings.
 */
export function inheritConfig(local: Config, upstream: Config): Config {
  const byId = <T extends { id: string }>(theirs: readonly T[], ours: readonly T[]) => {
    const own = new Set(ours.map((x) => x.id));
    return [...theirs.filter((x) => !own.has(x.id)), ...ours];
  };
  const rules: Record<string, RuleSetting> = { ...upstream.rules };
  for (const name of local.rulesWritten ?? []) if (local.rules[name]) rules[name] = local.rules[name];
  return {
    ...local,
    mission: local.mission !== '' ? local.mission : upstream.mission,
    organization: local.organization ?? upstream.organization,
    values: byId(upstream.values, local.values),
    cycles: byId(upstream.cycles, local.cycles),
    rules,
  };
}
