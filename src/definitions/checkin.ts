// okr checkin REF=VALUE ...: new values of key results, recorded as one commit.
// The definition: arguments, options and help. The implementation is src/commands/checkin.ts,
// loaded only when the command runs; its argument and option types come from here.
import { Command } from '@commander-js/extra-typings';
import { collectParagraphs, parseConfidenceOption } from './option-parsers.js';
import { withDir } from './shared-options.js';
import type { ArgumentsOf, OptionsOf } from './typed-command.js';

export function checkinCommand() {
  return withDir(new Command('checkin'))
    .description('record new values of key results as one git commit (only the goal files it touches)')
    .argument('[changes...]', 'REF=VALUE: team/objective/kr=420 for a metric or guardrail, =done or =not-done for a milestone')
    .option('-m, --message <note>', 'the note: what changed and why (repeat for paragraphs)', collectParagraphs)
    .option('--confidence <c>', 'also set the confidence (0 to 1) of every key result checked in', parseConfidenceOption)
    .option('-t, --team <team>', 'in a terminal, without REF=VALUE: ask for each key result of the team in turn')
    .option('--cycle <id>', 'with --team: the cycle whose key results to ask for (default: the current one)')
    .option('--include-changes', 'also commit uncommitted edits already in the touched goal files')
    .option('--no-commit', 'edit the files only; commit nothing')
    .option('--json', 'print what was recorded as JSON')
    .addHelpText(
      'after',
      `
The goal file is edited in place: only the value (and confidence) change, every other byte stays as
it was (comments, order, quoting, blank lines). The whole workspace is validated with the edit; a
result with new errors is refused and the file left as it was. The commit holds only the touched
goal files, whatever else is staged or changed, with one block of Okr-* trailers per key result.
A goal file with uncommitted changes is refused unless --include-changes. A failing pre-commit
hook leaves the file exactly as it was.

Examples:
  $ okr checkin payments/faster-checkout/p95-latency=420 -m "Edge cache live in EU"
  $ okr checkin payments/faster-checkout/edge-cache=done payments/faster-checkout/p95-latency=380
  $ okr checkin payments/faster-checkout/p95-latency=420 --confidence 0.8
  $ okr checkin --team payments               # in a terminal: asks for each key result
  $ okr checkin checkout/one-click-checkout/conversion=64.8 --no-commit`,
    );
}

export type CheckinArguments = ArgumentsOf<ReturnType<typeof checkinCommand>>;
export type CheckinOptions = OptionsOf<ReturnType<typeof checkinCommand>>;
