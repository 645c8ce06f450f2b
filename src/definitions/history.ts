// okr history REF: every value of a key result (or of each key result of an objective) over git history.
// The definition: arguments, options and help. The implementation is src/commands/history.ts,
// loaded only when the command runs; its argument and option types come from here.
import { Command } from '@commander-js/extra-typings';
import { withReadOptions } from './shared-options.js';
import type { ArgumentsOf, OptionsOf } from './typed-command.js';

export function historyCommand() {
  return withReadOptions(new Command('history'), "only if the goal is in this cycle's view (default: the goal's own cycle, whichever it is)")
    .description('every value of a key result (or of each key result of an objective) over git history, oldest first')
    .argument('<ref>', 'team/objective/kr, or team/objective for all its key results')
    .addHelpText(
      'after',
      `
Values come from every committed version of the goal file, so hand edits and merged pull requests
count as well as okr checkin; the note and source come from the commit's Okr-* trailers. A value
merged from a branch counts once, when it landed, credited to the branch commit that set it.
Renamed files and team folders are followed. With --as-of, history stops at that day.

Examples:
  $ okr history payments/faster-checkout/p95-latency
  $ okr history payments/faster-checkout            # every key result of the objective
  $ okr history payments/faster-checkout/p95-latency --json | jq '.points[-1]'`,
    );
}

export type HistoryArguments = ArgumentsOf<ReturnType<typeof historyCommand>>;
export type HistoryOptions = OptionsOf<ReturnType<typeof historyCommand>>;
