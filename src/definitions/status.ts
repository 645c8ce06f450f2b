// okr status: one row per team, attention first.
// The definition: arguments, options and help. The implementation is src/commands/status.ts,
// loaded only when the command runs; its argument and option types come from here.
import { Command } from '@commander-js/extra-typings';
import { withReadOptions } from './shared-options.js';
import type { ArgumentsOf, OptionsOf } from './typed-command.js';

export function statusCommand() {
  return withReadOptions(new Command('status'))
    .description('one row per team: objectives, progress, how many are behind, last check-in')
    .option('-t, --team <team>', "only this team's row")
    .addHelpText(
      'after',
      `
Teams that need attention come first: most objectives off track, then most guardrails breached,
most objectives at risk, most stale key results, lowest progress; teams with no objectives in the
cycle come last. Progress is the weighted mean of the team's objectives in view (objective weights).

Examples:
  $ okr status
  $ okr status --cycle 2026 --as-of 2026-12-31
  $ okr status --team payments --json | jq '.teams[0].progress'
  $ okr status --json | jq '.teams[] | select(.off_track > 0) | .team'`,
    );
}

export type StatusArguments = ArgumentsOf<ReturnType<typeof statusCommand>>;
export type StatusOptions = OptionsOf<ReturnType<typeof statusCommand>>;
