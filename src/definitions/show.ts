// okr show REF: one objective, key result or the mission, with every field and its score.
// The definition: arguments, options and help. The implementation is src/commands/show.ts,
// loaded only when the command runs; its argument and option types come from here.
import { Command } from '@commander-js/extra-typings';
import { withReadOptions } from './shared-options.js';
import type { ArgumentsOf, OptionsOf } from './typed-command.js';

export function showCommand() {
  return withReadOptions(new Command('show'))
    .description('one objective or key result: its fields, progress, expected progress, what it serves and what serves it')
    .argument('<ref>', 'team/objective, team/objective/key-result, or mission')
    .addHelpText(
      'after',
      `
The goal is found in any cycle; its status is paced against its own cycle on the day (--as-of).
With --cycle, only the goals of that cycle's view are listed as aligned to it.

Examples:
  $ okr show payments/faster-checkout
  $ okr show payments/faster-checkout/p95-latency --json
  $ okr show mission                        # the mission's progress and the objectives serving it`,
    );
}

export type ShowArguments = ArgumentsOf<ReturnType<typeof showCommand>>;
export type ShowOptions = OptionsOf<ReturnType<typeof showCommand>>;
