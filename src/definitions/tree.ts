// okr tree [REF]: the alignment tree from the mission down, or one goal's or team's line of sight.
// The definition: arguments, options and help. The implementation is src/commands/tree.ts,
// loaded only when the command runs; its argument and option types come from here.
import { Command } from '@commander-js/extra-typings';
import { parseCountOption } from './option-parsers.js';
import { withReadOptions } from './shared-options.js';
import type { ArgumentsOf, OptionsOf } from './typed-command.js';

export function treeCommand() {
  return withReadOptions(new Command('tree'))
    .description("the alignment tree from the mission down: each objective's progress, status and team")
    .argument('[ref]', "narrow to this goal's line of sight: team/objective or team/objective/key-result")
    .option('-t, --team <team>', "narrow to a team's line of sight: its objectives, what they serve, what serves them")
    .option('-d, --depth <n>', 'show at most <n> levels of objectives below the mission', parseCountOption)
    .option('--no-krs', 'hide key results (show objectives only)')
    .addHelpText(
      'after',
      `
Each objective shows its progress (the weighted mean of its key results), its status on the day
(done, on-track, at-risk, off-track: paced against its own cycle) and its reference. Objectives
aligned to a key result sit under that key result; one aligned to two goals appears under both,
marked "also under". Objectives aligned to nothing in view are listed last, as unaligned.
The view of a cycle also holds the objectives of the cycles covering it (the year above a quarter).
Bars are drawn on a terminal (or with FORCE_COLOR); piped output gets plain percentages.

Examples:
  $ okr tree                               # the current cycle, from the mission down
  $ okr tree payments/faster-checkout      # what it serves, up to the mission, and what serves it
  $ okr tree --team checkout --no-krs      # one team's line of sight, objectives only
  $ okr tree --depth 1                     # only the objectives aligned to the mission
  $ okr tree --cycle 2026 --as-of 2026-06-30
  $ okr tree --json | jq '.roots[].progress'`,
    );
}

export type TreeArguments = ArgumentsOf<ReturnType<typeof treeCommand>>;
export type TreeOptions = OptionsOf<ReturnType<typeof treeCommand>>;
