// okr fetch [ID...]: fetches the upstream and the members okr.yaml names into refs/okr/<id>, and
// prunes what was fetched for ids it no longer names.
import { ageOf, fetchRemotes, prunable, readFetchState, remotesOf, workspaceKey, type FetchResult } from '../app/federation.js';
import { writeJson } from '../app/output.js';
import { openSession } from '../app/session.js';
import type { FetchArguments, FetchOptions } from '../definitions/fetch.js';
import type { Environment } from '../env.js';
import { ExitCode, UsageError } from '../errors.js';
import { closest } from '../model/suggest.js';
import { CONFIG_FILE } from '../workspace/source.js';

export default async function fetch(env: Environment, [ids]: FetchArguments, options: FetchOptions): Promise<number> {
  const session = openSession(env, options.dir);
  const repository = await session.requireRepository('okr fetch keeps what it fetches in the git repository of the workspace');
  // This repository's okr.yaml alone: what is fetched is read afterwards, by the read commands.
  const { workspace, findings } = await session.loadWorkTree();
  for (const f of findings) if (f.rule === 'unsafe-url') env.stderr.write(`okr: warning: okr.yaml: ${f.message}\n`);
  const all = remotesOf(workspace.config);
  const wanted = ids.length === 0 ? all : ids.map((id) => all.find((r) => r.id === id) ?? unknownRemote(id, all.map((r) => r.id)));
  // What okr.yaml no longer names is pruned only when it could be read whole: an okr.yaml with an
  // error (a YAML slip, a member refused) may name more than okr sees, and a pruned copy is gone.
  const configBroken = findings.some((f) => f.target.file === CONFIG_FILE && f.severity === 'error');
  const named = new Set(all.map((r) => r.id));
  if (configBroken) {
    const kept = prunable(readFetchState(repository), named, workspaceKey(repository)).prune;
    if (kept.length > 0)
      env.stderr.write(`okr: warning: okr.yaml has errors, so nothing is pruned (${kept.join(', ')} ${kept.length === 1 ? 'is' : 'are'} kept): fix them (okr check) and fetch again\n`);
  }
  const run = await fetchRemotes(env, repository, session.root, [...new Set(wanted)], {
    ...(options.jobs !== undefined ? { jobs: options.jobs } : {}),
    ...(configBroken ? {} : { named }),
  });
  const { results, pruned } = run;
  if (run.pruneError) env.stderr.write(`okr: warning: could not prune what okr.yaml no longer names: ${run.pruneError}\n`);
  if (options.json)
    writeJson(env, {
      remotes: results.map((r) => ({
        id: r.remote.id,
        role: r.remote.role,
        url: r.remote.url,
        ref: r.remote.ref,
        outcome: r.outcome,
        commit: r.commit,
        previous: r.previous,
        fetched_at: r.fetchedAt,
        error: r.error,
      })),
      pruned,
    });
  else env.stdout.write(fetchText(results) + pruned.map((id) => `pruned ${id} (no longer in okr.yaml)\n`).join(''));
  if (all.length === 0) env.stderr.write('okr: okr.yaml names no upstream and no members: nothing to fetch\n');
  for (const r of results) {
    if (r.elsewhere && r.outcome !== 'failed')
      env.stderr.write(
        `okr: ${r.remote.id}: okr.yaml now names ${r.remote.url} ${r.remote.ref}; the copy fetched from ${r.elsewhere.url} ${r.elsewhere.ref} is replaced${r.elsewhere.continued ? ' (the new one continues its history: it stays the "before" of okr diff --members)' : ''}\n`,
      );
    if (r.outcome !== 'failed') continue;
    const copy = r.elsewhere
      ? `the copy in refs/okr/${r.remote.id} is of ${r.elsewhere.url} ${r.elsewhere.ref}, which okr.yaml no longer names: read commands leave it out`
      : r.fetchedAt
        ? `last fetched ${ageOf(r.fetchedAt)} (read commands use that)`
        : 'never fetched';
    env.stderr.write(`okr: warning: ${r.remote.id}: ${r.error}; ${copy}\n`);
  }
  return results.some((r) => r.outcome === 'failed') ? ExitCode.dataError : ExitCode.ok;
}

function unknownRemote(id: string, known: readonly string[]): never {
  const hint = closest(id, known);
  throw new UsageError(
    `okr.yaml names no member "${id}"${hint ? `: did you mean "${hint}"?` : ''}`,
    known.length ? `Known: ${known.join(', ')}.` : 'Add it under members: in okr.yaml (id, url, ref).',
  );
}

function fetchText(results: readonly FetchResult[]): string {
  const width = Math.max(...results.map((r) => r.remote.id.length));
  const short = (commit: string | null) => (commit ? commit.slice(0, 7) : '');
  return results
    .map((r) => {
      const what =
        r.outcome === 'failed'
          ? `failed     ${r.fetchedAt ? `(still ${short(r.commit)}, fetched ${ageOf(r.fetchedAt)})` : '(never fetched)'}`
          : r.outcome === 'unchanged'
            ? `unchanged  ${short(r.commit)}`
            : `updated    ${r.previous ? `${short(r.previous)} → ` : ''}${short(r.commit)}`;
      return `${r.remote.id.padEnd(width)}  ${what}  ${r.remote.url} ${r.remote.ref}\n`;
    })
    .join('');
}
