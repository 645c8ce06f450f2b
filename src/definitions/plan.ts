// okr plan NEXT --from CYCLE: draft the next cycle's goal files from the unfinished objectives of one.
// The definition: arguments, options and help. The implementation is src/commands/plan.ts.
import { Command } from '@commander-js/extra-typings';
import { parseDayOption } from './option-parsers.js';
import { withDir } from './shared-options.js';
import type { ArgumentsOf, OptionsOf } from './typed-command.js';

export function planCommand() {
  return withDir(new Command('plan'))
    .description("draft the next cycle: carry every unfinished objective of a cycle over to each team's new goal file")
    .argument('<next>', 'the id of the next cycle (e.g. 2027-Q1); each team gets teams/<team>/<next>.yaml')
    .requiredOption('--from <cycle>', 'the cycle whose unfinished objectives (progress < 1) carry over')
    .option('--start <date>', 'first day of the next cycle: declares it in okr.yaml (with --end)', parseDayOption)
    .option('--end <date>', 'last day of the next cycle (with --start)', parseDayOption)
    .option('--json', 'print what was written as JSON')
    .addHelpText(
      'after',
      `
Every objective of the --from cycle with progress below 100% (on its closing day, or its last day)
is carried over with the same id, title, owner, values and alignment. A metric starts where it
ended (start and current set to its final value, same target); a milestone not done is kept; done
key results are left behind; a guardrail keeps its bound. An alignment to a goal that does not carry
over is replaced by that goal's own (the draft says so in a comment). Teams with nothing unfinished
get an empty placeholder file.

With --start and --end, the cycle is declared in okr.yaml (dates quoted); every other byte of
okr.yaml stays as it was. Existing goal files of the next cycle are never overwritten. Nothing is
committed: edit the drafts, run okr check, and commit them yourself.

Examples:
  $ okr plan 2027-Q1 --from 2026-Q4 --start 2027-01-01 --end 2027-03-31
  $ okr plan 2026-Q4 --from 2026-Q3        # 2026-Q4 is already declared in okr.yaml
  $ okr check && git add -A teams okr.yaml && git commit -m "plan(2027-Q1)"`,
    );
}

export type PlanArguments = ArgumentsOf<ReturnType<typeof planCommand>>;
export type PlanOptions = OptionsOf<ReturnType<typeof planCommand>>;
