// okr fetch [ID...]: the upstream and member repositories' goals, fetched with git into refs/okr/<id>.
// The definition: arguments, options and help. The implementation is src/commands/fetch.ts.
import { Command, InvalidArgumentError } from '@commander-js/extra-typings';
import { withDir } from './shared-options.js';
import type { ArgumentsOf, OptionsOf } from './typed-command.js';

function parseJobs(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 64) throw new InvalidArgumentError('expected a whole number from 1 to 64.');
  return Number(value);
}

export function fetchCommand() {
  return withDir(new Command('fetch'))
    .description("fetch the goals of the upstream and member repositories (okr.yaml's upstream and members) into refs/okr/<id>")
    .argument('[id...]', 'fetch only these (the member ids, or "upstream"); default: all')
    .option('-j, --jobs <n>', 'fetch up to <n> repositories at a time (default 4)', parseJobs)
    .option('--json', 'print JSON instead of text')
    .addHelpText(
      'after',
      `
Each repository is fetched with git into this repository's own object store, to refs/okr/<id>
(the upstream to refs/okr/upstream): nothing is checked out, and read commands (tree, status,
show, stale, report, dashboard, check) then read those refs offline. They say how old each is.
A repository that cannot be fetched is a warning naming its last good fetch; the others are
fetched all the same, and okr fetch exits 1.

Only https, ssh (also user@host:path), git and file URLs and local paths are fetched; git gets
no password prompt (GIT_TERMINAL_PROMPT=0, and ssh in batch mode unless GIT_SSH_COMMAND,
core.sshCommand or GIT_SSH says how to run it; use a credential helper or an SSH key) and each
fetch has a time limit of 120 s (OKR_FETCH_TIMEOUT=<seconds> changes it). The tip a fetch replaced
is kept in refs/okr-prev/<id>, for "okr diff --members".

Pruning: okr fetch (with or without ids) removes what it fetched for an id okr.yaml no longer
names (refs/okr/<id>, refs/okr-prev/<id>, its record in <git dir>/okr/fetch-state.json) and
says "pruned <id> (no longer in okr.yaml)" ("pruned": [ids] in --json). Never a ref okr has no
record of fetching, never one another workspace of this repository still names, and nothing
while okr.yaml has errors. When okr.yaml names another URL or ref for an id than its copy was
fetched from, read commands leave that copy out (with a warning) until okr fetch fetches anew.

Examples:
  $ okr fetch                      # everything okr.yaml names
  $ okr fetch mobile web --jobs 2
  $ okr tree --fetch               # fetch, then show the organisation's tree`,
    );
}

export type FetchArguments = ArgumentsOf<ReturnType<typeof fetchCommand>>;
export type FetchOptions = OptionsOf<ReturnType<typeof fetchCommand>>;
