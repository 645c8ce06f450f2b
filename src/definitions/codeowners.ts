// okr codeowners: CODEOWNERS lines giving each team's folder to its owners.
// The definition: arguments, options and help. The implementation is src/commands/codeowners.ts,
// loaded only when the command runs; its argument and option types come from here.
import { Command } from '@commander-js/extra-typings';
import { withDir } from './shared-options.js';
import type { ArgumentsOf, OptionsOf } from './typed-command.js';

export function codeownersCommand() {
  return withDir(new Command('codeowners'))
    .description("CODEOWNERS lines giving each team's folder to its owners, so its goals change only with their approval")
    .option('-w, --write [file]', 'write the lines into a CODEOWNERS file, between markers, keeping its other lines')
    .option('--check [file]', 'exit 1 when the CODEOWNERS file is not up to date (for CI)')
    .option('--json', 'print the rules as JSON')
    .addHelpText(
      'after',
      `
Each team folder (teams/<team>/) gets the owners in its team.yaml; a team without owners gets
those of its nearest parent team that has some (said in a comment). Paths are relative to the
repository root, so a workspace in a subfolder works too. The lines sit between two marker
comments; --write replaces only what is between them (or appends them), leaving the rest of the
file as it was. Without a file, --write and --check use the CODEOWNERS file GitHub would read:
.github/CODEOWNERS, CODEOWNERS or docs/CODEOWNERS (the first that exists; else .github/CODEOWNERS).

Examples:
  $ okr codeowners                          # print the lines
  $ okr codeowners --write                  # update .github/CODEOWNERS
  $ okr codeowners --check                  # in CI: exit 1 when it is out of date`,
    );
}

export type CodeownersArguments = ArgumentsOf<ReturnType<typeof codeownersCommand>>;
export type CodeownersOptions = OptionsOf<ReturnType<typeof codeownersCommand>>;
