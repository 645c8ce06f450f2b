// okr stale: key results with no check-in for longer than stale_after_days.
// The definition: arguments, options and help. The implementation is src/commands/stale.ts,
// loaded only when the command runs; its argument and option types come from here.
import { Command } from '@commander-js/extra-typings';
import { withReadOptions } from './shared-options.js';
import type { ArgumentsOf, OptionsOf } from './typed-command.js';

export function staleCommand() {
  return withReadOptions(new Command('stale'))
    .description('key results with no check-in for longer than checkins.stale_after_days')
    .option('--by-owner', 'one digest per owner (key result owner, else objective owner, else the team owners)')
    .option('-t, --team <team>', "only this team's key results")
    .addHelpText(
      'after',
      `
A key result's last check-in is the last commit that changed its value or confidence (a key result
never changed counts from the commit that added it). Only cycles that have started are due; after a
cycle ends, its silence is counted up to its last day. Rollups are left out: their progress comes
from the objectives aligned to them.

Examples:
  $ okr stale
  $ okr stale --by-owner                     # a digest per owner, e.g. for a weekly reminder
  $ okr stale --json | jq -r '.stale[].ref'`,
    );
}

export type StaleArguments = ArgumentsOf<ReturnType<typeof staleCommand>>;
export type StaleOptions = OptionsOf<ReturnType<typeof staleCommand>>;
