// okr log: recent check-ins across the workspace, newest first.
// The definition: arguments, options and help. The implementation is src/commands/log.ts,
// loaded only when the command runs; its argument and option types come from here.
import { Command } from '@commander-js/extra-typings';
import { parseSinceOption } from './option-parsers.js';
import { withReadOptions } from './shared-options.js';
import type { ArgumentsOf, OptionsOf } from './typed-command.js';

export function logCommand() {
  return withReadOptions(new Command('log'), "only the key results of this cycle's view (default: every cycle)")
    .description('recent check-ins across the workspace, newest first')
    .option('--since <when>', 'how far back: 7d, 2w or a day like 2026-11-01 (default 30d)', parseSinceOption)
    .option('-t, --team <team>', "only this team's key results")
    .option('--feedback', 'also list the peer feedback given (okr feedback), among the check-ins')
    .addHelpText(
      'after',
      `
A check-in is any change of a key result's value or confidence in a commit: okr checkin, okr measure,
a hand edit or a merged pull request.

Examples:
  $ okr log --since 7d
  $ okr log --team payments --since 2026-10-01
  $ okr log --feedback --since 2w
  $ okr log --json | jq '.checkins[] | select(.via == "edit")'`,
    );
}

export type LogArguments = ArgumentsOf<ReturnType<typeof logCommand>>;
export type LogOptions = OptionsOf<ReturnType<typeof logCommand>>;
