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
    .option('-q, --quiet', 'report errors only: warnings are neither shown nor counted (as eslint --quiet)')
    .addHelpText(
      'after',
      `
Examples:
  $ okr check                         # findings as file:line:column, exit 1 on errors
  $ okr check --format github         # annotations in a GitHub Actions job
  $ okr check --format sarif > okr.sarif
  $ okr check --max-warnings 0        # treat warnings as failures too
  $ okr check teams/payments/2026-Q4.yaml teams/sre   # report on these files only
  $ okr check --quiet                 # errors only`,
    );
}

export type CheckArguments = ArgumentsOf<ReturnType<typeof checkCommand>>;
export type CheckOptions = OptionsOf<ReturnType<typeof checkCommand>>;
