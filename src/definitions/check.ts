// okr check: validate the goal files (schema, references, alignment, policy rules).
// The definition: arguments, options and help. The implementation is src/commands/check.ts,
// loaded only when the command runs; its argument and option types come from here.
import { Command, Option } from '@commander-js/extra-typings';
import { parseCountOption } from './option-parsers.js';
import { withReadOptions } from './shared-options.js';
import type { ArgumentsOf, OptionsOf } from './typed-command.js';

export function checkCommand() {
  return withReadOptions(
    new Command('check'),
    'report only on okr.yaml, the team files, and the files of this cycle and of the cycles covering it (default: every cycle)',
  )
    .description('validate the goal files: schema, references, alignment and policy rules')
    .argument('[files...]', 'report only on these goal files or folders (every file is still read, so references resolve)')
    .addOption(
      new Option('-f, --format <format>', 'output format').choices(['text', 'json', 'github', 'sarif'] as const).default('text'),
    )
    .option('--max-warnings <n>', 'fail (exit 1) when there are more than <n> warnings', parseCountOption)
    .option('--members', "also report on the member repositories' goal files (as last fetched), named <member>:<file>")
    .option('-q, --quiet', 'report errors only: warnings are neither shown nor counted (as eslint --quiet)')
    .option(
      '--cache',
      'in git, re-read only the goal files changed since the last --cache run (findings kept in .git/okr/, safe to delete); same findings as without',
    )
    .addHelpText(
      'after',
      `
Examples:
  $ okr check                         # findings as file:line:column, exit 1 on errors
  $ okr check --format github         # annotations in a GitHub Actions job
  $ okr check --format sarif > okr.sarif
  $ okr check --max-warnings 0        # treat warnings as failures too
  $ okr check teams/payments/2026-Q4.yaml teams/sre   # report on these files only
  $ okr check --quiet                 # errors only
  $ okr check --cache                 # fast re-check: unchanged files are not read again
  $ okr check --fetch --members       # an organisation: fetch its members, check them too

--cache keeps what each file gave, by its git blob id, in the repository's git folder
(.git/okr/check-cache-*): a file git finds unchanged is not read again, every other file is.
The cache is never trusted over the files: another okr version, a corrupt or foreign cache,
okr.yaml changed, a new HEAD or day, or a change to goals, references or alignment (not
just values) checks everything again. Deleting it is always safe. Outside git, and with
--at or --as-of, --cache does nothing.`,
    );
}

export type CheckArguments = ArgumentsOf<ReturnType<typeof checkCommand>>;
export type CheckOptions = OptionsOf<ReturnType<typeof checkCommand>>;
