// okr fetch [ID...]: fetches the upstream and the members okr.yaml names into refs/okr/<id>.
import { ageOf, fetchRemotes, remotesOf, type FetchResult } from '../app/federation.js';
import { writeJson } from '../app/output.js';
import { openSession } from '../app/session.js';
import type { FetchArguments, FetchOptions } from '../definitions/fetch.js';
import type { Environment } from '../env.js';
import { ExitCode, UsageError } from '../errors.js';
import { closest } from '../model/suggest.js';

export default async function fetch(env: Environment, [ids]: FetchArguments, options: FetchOptions): Promise<number> {
  const session = openSession(env, options.dir);
  const repository = await session.requireRepository('okr fetch keeps what it fetches in the git repository of the workspace');
  // This repository's okr.yaml alone: what is fetched is read afterwards, by the read commands.
  const { workspace, findings } = await session.loadWorkTree();
  for (const f of findings) if (f.rule === 'unsafe-url') env.stderr.write(`okr: warning: okr.yaml: ${f.message}\n`);
  const all = remotesOf(workspace.config);
  const wanted = ids.length === 0 ? all : ids.map((id) => all.find((r) => r.id === id) ?? unknownRemote(id, all.map((r) => r.id)));
  if (all.length === 0) {
    if (options.json) writeJson(env, { remotes: [] });
    env.stderr.write('okr: okr.yaml names no upstream and no members: nothing to fetch\n');
    return ExitCode.ok;
  }
  const results = await fetchRemotes(env, repository, session.root, [...new Set(wanted)], options.jobs !== undefined ? { jobs: options.jobs } : {});
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
    });
  else env.stdout.write(fetchText(results));
  for (const r of results)
    if (r.outcome === 'failed')
      env.stderr.write(`okr: warning: ${r.remote.id}: ${r.error}; ${r.fetchedAt ? `last fetched ${ageOf(r.fetchedAt)} (read commands use that)` : 'never fetched'}\n`);
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
