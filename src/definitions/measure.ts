// okr measure: check-ins for key results with a source, read from metrics files.
// The definition: arguments, options and help. The implementation is src/commands/measure.ts,
// loaded only when the command runs; its argument and option types come from here.
import { Command } from '@commander-js/extra-typings';
import { collectParagraphs } from './option-parsers.js';
import { withDir } from './shared-options.js';
import type { ArgumentsOf, OptionsOf } from './typed-command.js';

export function measureCommand() {
  return withDir(new Command('measure'))
    .description('check in the key results that have a source: read each value from a JSON or YAML file in the repository')
    .option('-t, --team <team>', "only this team's key results")
    .option('--cycle <id>', 'only the key results of this cycle\'s view (default: every cycle)')
    .option('-m, --message <note>', 'the note of the commit (repeat for paragraphs)', collectParagraphs)
    .option('--include-changes', 'also commit uncommitted edits already in the touched goal files')
    .option('--no-commit', 'edit the files only; commit nothing')
    .option('--json', 'print what was measured as JSON')
    .addHelpText(
      'after',
      `
A key result with a source names a file (relative to the workspace folder) and a JSON Pointer:
  source: {file: metrics/checkout.json, pointer: /conversion_pct}
The file must be inside the repository (no "..", no absolute path, no link leading out) and JSON
or YAML; the value at the pointer must be a number. okr never runs a command to get it. A problem
with one key result is reported and the others are still recorded; the exit code is then 1.
The commit is like okr checkin's, with an Okr-Source trailer per key result.

Examples:
  $ okr measure                              # in CI, after the job that writes metrics/*.json
  $ okr measure --team checkout --no-commit`,
    );
}

export type MeasureArguments = ArgumentsOf<ReturnType<typeof measureCommand>>;
export type MeasureOptions = OptionsOf<ReturnType<typeof measureCommand>>;
